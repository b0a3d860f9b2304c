# source: https://github.com/pytorch/pytorch/issues/8474
# A random vector that requires grad is viewed as a column under the same name,
# summed and backpropagated; its gradient prints None, unlike the same code
# without the view.
import torch

x1 = torch.rand(5).requires_grad_()
x1 = x1.view((-1, 1))
x1.sum().backward()
print(x1.grad)  # error: TL006

x1 = torch.rand(5).requires_grad_()
x1.sum().backward()
print(x1.grad)
