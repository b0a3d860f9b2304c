# source: https://velog.io/@jsyeon/Autograd자동미분
# A blogger's notes on autograd: two small tensors that require grad, a
# polynomial of them, and backward with an explicit gradient; the tensors are
# written with integer literals.
import torch

a = torch.tensor([2, 3], requires_grad=True)  # error: TL007
b = torch.tensor([6, 4], requires_grad=True)  # also: TL007
Q = 3 * a ** 3 - b ** 2
external_grad = torch.tensor([1, 1])
Q.backward(gradient=external_grad)
print(a.grad, b.grad)
