# source: https://github.com/pytorch/pytorch/issues/134398
# Fixed as the warning says: retain_grad() on the non-leaf before reading it.
import torch

t1 = torch.tensor(5., requires_grad=True)
t2 = torch.tensor(2., requires_grad=True)

t3 = t1 + t2
t3.retain_grad()

print(t3.grad)

t3.backward()

print(t3.grad)
