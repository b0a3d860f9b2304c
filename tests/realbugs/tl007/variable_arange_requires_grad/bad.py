# source: https://github.com/pytorch/pytorch/issues/14275
# A notebook wraps an arange in a Variable that requires grad, expecting the
# default float type.
import torch as t

x = t.autograd.Variable(t.arange(0, 3), requires_grad=True)  # error: TL007
print(x)
