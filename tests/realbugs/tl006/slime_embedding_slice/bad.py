# source: https://github.com/aliasgharkhani/SLiMe/issues/10
# Text embeddings are made trainable, and the tokens to optimize are a slice of
# them; the slice, not a leaf, is what the optimizer is given.
import torch
import torch.nn as nn


class Slime(nn.Module):
    def __init__(self, n_tokens=4, dim=8):
        super().__init__()
        self.token_embedding = nn.Embedding(16, dim)
        self.n_tokens = n_tokens

    def configure_optimizers(self, prompt_ids):
        text_embedding = self.token_embedding(prompt_ids).detach().clone()
        text_embedding.requires_grad_(True)
        embeddings_to_optimize = text_embedding[:, 1:self.n_tokens + 1]
        self.text_embedding = text_embedding
        return torch.optim.Adam([embeddings_to_optimize], lr=0.1)  # error: TL006


model = Slime()
optimizer = model.configure_optimizers(torch.arange(6).unsqueeze(0))
