# source: https://www.pythonclear.com/errors/runtimeerror-grad-can-be-implicitly-created-only-for-scalar-outputs/
# The article's example: the gradient of an elementwise product of two vectors.
import torch

x = torch.tensor([5., 5.], requires_grad=True)
y = torch.tensor([8., 8.], requires_grad=True)
A = x * y
A.backward(gradient=torch.ones_like(A))
print(x.grad)
print(y.grad)
