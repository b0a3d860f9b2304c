# source: https://velog.io/@jsyeon/Autograd자동미분
# Fixed as the official tutorial writes it: float literals (2., 3.), and a float
# upstream gradient.
import torch

a = torch.tensor([2., 3.], requires_grad=True)
b = torch.tensor([6., 4.], requires_grad=True)
Q = 3 * a ** 3 - b ** 2
external_grad = torch.tensor([1., 1.])
Q.backward(gradient=external_grad)
print(a.grad, b.grad)
