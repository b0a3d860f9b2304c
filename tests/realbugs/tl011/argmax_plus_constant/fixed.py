# source: https://github.com/pytorch/pytorch/issues/37680
# Fixed: backpropagate through the maximum's value (which has a gradient, at
# the argmax); the index itself only selects.
import torch

t = torch.rand(10, requires_grad=True)
best = torch.argmax(t)

res = t[best] + 2

res.sum().backward()
print(t.grad)
