# source: https://github.com/Atcold/NYU-DLSP20/issues/765
# The transformer notebook fills the position embedding's weight with sines and
# cosines in a helper called from the embedding module's __init__.
import numpy as np
import torch
import torch.nn as nn


def create_sinusoidal_embeddings(nb_p, dim, E):
    theta = np.array([[p / np.power(10000, 2 * (j // 2) / dim) for j in range(dim)] for p in range(nb_p)])
    E[:, 0::2] = torch.FloatTensor(np.sin(theta[:, 0::2]))  # error: TL010
    E[:, 1::2] = torch.FloatTensor(np.cos(theta[:, 1::2]))  # also: TL010
    E.detach_()
    E.requires_grad = False


class Embeddings(nn.Module):
    def __init__(self, d_model, vocab_size, max_position_embeddings):
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab_size, d_model, padding_idx=1)
        self.position_embeddings = nn.Embedding(max_position_embeddings, d_model)
        create_sinusoidal_embeddings(nb_p=max_position_embeddings, dim=d_model, E=self.position_embeddings.weight)


Embeddings(d_model=32, vocab_size=50, max_position_embeddings=16)
