# source: https://github.com/pytorch/pytorch/issues/14275
# Fixed as the maintainer answers: arange returns int64 like numpy; give it a
# float dtype.
import torch as t

x = t.autograd.Variable(t.arange(0, 3, dtype=t.float32), requires_grad=True)
print(x)
