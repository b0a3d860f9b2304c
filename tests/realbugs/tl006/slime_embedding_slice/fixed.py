# source: https://github.com/aliasgharkhani/SLiMe/issues/10
# Fixed: the slice is copied out first and made a leaf of its own, which the
# optimizer learns.
import torch
import torch.nn as nn


class Slime(nn.Module):
    def __init__(self, n_tokens=4, dim=8):
        super().__init__()
        self.token_embedding = nn.Embedding(16, dim)
        self.n_tokens = n_tokens

    def configure_optimizers(self, prompt_ids):
        text_embedding = self.token_embedding(prompt_ids).detach().clone()
        embeddings_to_optimize = text_embedding[:, 1:self.n_tokens + 1].clone().requires_grad_(True)
        self.text_embedding = text_embedding
        return torch.optim.Adam([embeddings_to_optimize], lr=0.1)


model = Slime()
optimizer = model.configure_optimizers(torch.arange(6).unsqueeze(0))
