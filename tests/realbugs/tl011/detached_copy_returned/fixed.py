# source: https://github.com/pytorch/pytorch/issues/92586
# Fixed: the copy is taken with clone(), which stays in t's graph, so the sum
# backpropagates to t. (The reporter's other version, setting requires_grad on
# the detached copy, runs too, but its gradient never reaches t.)
import torch

t = torch.randn(5, requires_grad=True)


def func(t):
    t_copy = t.clone()
    return t_copy


func(t).sum().backward()
print(t.grad)
