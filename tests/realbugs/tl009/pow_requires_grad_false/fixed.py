# source: https://github.com/pytorch/pytorch/pull/163263
# Fixed as the error message says: a detached copy for the part that needs no
# gradient.
import torch

a = torch.randn(3, 3, device="cpu", requires_grad=True)
b = torch.pow(a, 2).detach()
b.requires_grad = False
print(b)
