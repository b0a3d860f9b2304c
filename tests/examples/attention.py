"""A small causal self-attention model with three classic PyTorch bugs.

`torchlint tests/examples/attention.py` reports each one at its line.
"""

import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class SelfAttention(nn.Module):
    def __init__(self, n_embd, n_head):
        super().__init__()
        self.n_head = n_head
        self.qkv = nn.Linear(n_embd, 3 * n_embd)
        self.proj = nn.Linear(n_embd, n_embd)

    def forward(self, x):
        B, T, C = x.size()
        q, k, v = self.qkv(x).split(C, dim=2)
        k = k.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        q = q.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        v = v.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
        att = F.softmax(att, dim=-1)
        y = att @ v
        y = y.transpose(1, 2).view(B, T, C)  # bug: y is not contiguous
        return self.proj(y)


def to_numpy(t):
    return t.numpy()  # bug when t requires grad


model = SelfAttention(n_embd=8, n_head=2)
x = torch.randn(4, 5, 8)
out = model(x)
scores = to_numpy(out)

per_sample = F.mse_loss(out, torch.zeros_like(out), reduction="none")
per_sample.backward()  # bug: not a scalar
