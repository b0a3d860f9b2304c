# source: https://github.com/chenyuntc/pytorch-book/issues/217
# Fixed as the thread answers: t.arange(-2, 4).float().
import torch as t
from torch.autograd import Variable as V

x = V(t.arange(-2, 4).float(), requires_grad=True)
print(x)
