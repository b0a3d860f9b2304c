# source: https://github.com/pytorch/pytorch/issues/91851
# A tensor made with requires_grad=True and scaled by a constant in the same
# line; after backward its gradient is read, and it is None while the other
# input's is not.
import torch

a = torch.tensor(5.0, requires_grad=True) * 0.1
b = torch.tensor(2.0, requires_grad=True)
c = a + b
c.backward()

print(a.grad, b.grad)  # error: TL006
