# source: https://liu-nlp.ai/tdde09/blog/posts/2024-01-19/index.html
# The post's question: why does flattening a permuted tensor with .view(-1) fail?
import torch

x = torch.randn(2, 3, 2)
y = x.permute(0, 2, 1)
flat = y.reshape(-1)
