# source: https://github.com/stanfordnlp/stanza/pull/1002
# Fixed as in the pull request: pe = pe.to(device=device).
import math

import torch
from torch import nn


class SinusoidalEncoding(nn.Module):
    def __init__(self, model_dim, max_len):
        super().__init__()
        self.register_buffer('pe', self.build_position(model_dim, max_len))

    @staticmethod
    def build_position(model_dim, max_len, device=None):
        position = torch.arange(max_len).unsqueeze(1)
        div_term = torch.exp(torch.arange(0, model_dim, 2) * (-math.log(10000.0) / model_dim))
        pe = torch.zeros(max_len, model_dim)
        pe[:, 0::2] = torch.sin(position * div_term)
        pe[:, 1::2] = torch.cos(position * div_term)
        if device is not None:
            pe = pe.to(device=device)
        return pe

    def forward(self, x):
        if max(x) >= self.pe.shape[0]:
            self.register_buffer('pe', self.build_position(self.pe.shape[1], max(x)+1, device=self.pe.device))
        return self.pe[x]

    def max_len(self):
        return self.pe.shape[0]


encoding = SinusoidalEncoding(model_dim=10, max_len=3).to("meta")
foo = encoding(torch.tensor([5]))
assert foo.shape == (1, 10)
assert encoding.max_len() == 6
