# source: https://github.com/chenyuntc/pytorch-book/issues/217
# The book's chapter on Tensor and autograd makes a Variable of arange(-2, 4)
# that requires grad (an older PyTorch's arange was float).
import torch as t
from torch.autograd import Variable as V

x = V(t.arange(-2, 4), requires_grad=True)  # error: TL007
print(x)
