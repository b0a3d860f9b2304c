# source: https://github.com/pytorch/pytorch/issues/1479
# A row Variable times a column Variable that requires grad: the column is made
# as a Variable and then viewed to (3, 1), and its gradient after backward is
# None; viewing the tensor before wrapping it works.
import torch
from torch.autograd import Variable

a = Variable(torch.Tensor([1, 2, 3])).view(1, 3)
b = Variable(torch.Tensor([4, 5, 6]), requires_grad=True).view(3, 1)
c = a.mm(b).sum()
c.backward()
print(a.requires_grad)
print(b.requires_grad)
print(b.grad)  # error: TL006

a = Variable(torch.Tensor([1, 2, 3])).view(1, 3)
b = Variable(torch.Tensor([4, 5, 6]).view(3, 1), requires_grad=True)
c = a.mm(b).sum()
c.backward()
print(b.grad)
