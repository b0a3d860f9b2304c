# source: https://github.com/tkalayci71/embedding-inspector/issues/22
# The extension looks up the token's vector in the text encoder's embedding table
# and plots it against its index; the table is a trainable nn.Embedding.
import torch
import torch.nn as nn


class Plot:
    def __init__(self):
        self.lines = []

    def plot(self, xs, ys):
        self.lines.append((xs, ys))


plt = Plot()


class TextEncoder(nn.Module):
    def __init__(self, vocab_size=1000, dim=64):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab_size, dim)


def do_inspect(text_encoder, token_ids):
    embedder = text_encoder.token_embedding
    emb_vec = embedder.weight[token_ids]
    results = []
    for u in range(len(token_ids)):
        x = torch.arange(emb_vec.shape[1], dtype=torch.float32)
        plt.plot(x.numpy(), emb_vec[u].detach().numpy())
        results.append(float(emb_vec[u].norm()))
    return results


encoder = TextEncoder()
do_inspect(encoder, torch.tensor([17, 254, 3]))
