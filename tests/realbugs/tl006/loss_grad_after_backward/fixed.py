# source: https://discuss.pytorch.org/t/loss-grad-is-constant-1/130964
# Fixed as the thread concludes: loss.retain_grad() before backward.
import torch
from torch import nn

model = nn.Linear(1, 1)
x = torch.randn(1, 1)
print(x.is_leaf)
print(x.grad)
out = model(x)
loss = out ** 2
loss.retain_grad()
print(loss.grad)
loss.backward()
print(loss.grad)
print(x.grad)
