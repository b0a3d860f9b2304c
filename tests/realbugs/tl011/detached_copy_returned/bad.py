# source: https://github.com/pytorch/pytorch/issues/92586
# A function returns a copy of a tensor that requires grad, made with
# .detach(); the sum of what it returns is backpropagated.
import torch

t = torch.randn(5, requires_grad=True)


def func(t):
    t_copy = t.detach()
    return t_copy


func(t).sum().backward()  # error: TL011
print(t.grad)
