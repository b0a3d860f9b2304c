# source: https://github.com/pytorch/pytorch/issues/8474
# Fixed as the maintainers answer: give the view another name (x2) and read the
# gradient of x1, the leaf.
import torch

x1 = torch.rand(5).requires_grad_()
x2 = x1.view((-1, 1))
x2.sum().backward()
print(x1.grad)

x1 = torch.rand(5).requires_grad_()
x1.sum().backward()
print(x1.grad)
