# source: https://github.com/pytorch/pytorch/issues/134398
# Two scalar leaves that require grad and their sum; the reporter reads the
# sum's .grad before and after backward().
import torch

t1 = torch.tensor(5., requires_grad=True)
t2 = torch.tensor(2., requires_grad=True)

t3 = t1 + t2

print(t3.grad)  # error: TL006

t3.backward()

print(t3.grad)  # also: TL006
