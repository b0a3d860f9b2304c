# source: https://github.com/pytorch/pytorch/issues/91851
# Fixed as the reporter's second snippet does: the tensor is scaled first and
# requires grad after, so it is a leaf and backward fills its .grad.
import torch

a = torch.tensor(5.0) * 0.1
a.requires_grad = True
b = torch.tensor(2.0, requires_grad=True)
c = a + b
c.backward()

print(a.grad, b.grad)
