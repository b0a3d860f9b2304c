# source: https://github.com/pytorch/pytorch/issues/3890
# Fixed: s already requires grad (it is computed from x); retain_grad() alone
# keeps its gradient.
import torch

x = torch.zeros(3, 3, requires_grad=True)
s = torch.sigmoid(x)
s.retain_grad()
total = torch.sum(s)
total.backward()
assert s.grad is not None
