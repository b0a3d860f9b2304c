# source: https://discuss.pytorch.org/t/loss-grad-is-constant-1/130964
# A mini-tutorial: a Linear model's loss is computed and backpropagated, then
# the loss's and the input's .grad are printed.
import torch
from torch import nn

model = nn.Linear(1, 1)
x = torch.randn(1, 1)
print(x.is_leaf)
print(x.grad)
out = model(x)
loss = out ** 2
print(loss.grad)  # error: TL006
loss.backward()
print(loss.grad)  # also: TL006
print(x.grad)
