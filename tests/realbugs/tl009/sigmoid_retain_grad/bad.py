# source: https://github.com/pytorch/pytorch/issues/3890
# The reporter wants the gradient of an intermediate value: sigmoid of a leaf
# that requires grad, told to require grad itself before retain_grad().
import torch

x = torch.zeros(3, 3, requires_grad=True)
s = torch.sigmoid(x)
s.requires_grad = True  # error: TL009
s.retain_grad()
total = torch.sum(s)
total.backward()
assert s.grad is not None
