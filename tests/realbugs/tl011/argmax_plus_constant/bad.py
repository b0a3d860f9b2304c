# source: https://github.com/pytorch/pytorch/issues/37680
# The maintainer's example of an integer result taken for a differentiable one:
# the argmax of a tensor that requires grad, shifted by a constant, summed and
# backpropagated.
import torch

t = torch.rand(10, requires_grad=True)
bad = torch.argmax(t)

res = bad + 2

res.sum().backward()  # error: TL011
