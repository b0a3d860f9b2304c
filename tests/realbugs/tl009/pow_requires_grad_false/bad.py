# source: https://github.com/pytorch/pytorch/pull/163263
# The pull request's session: the square of a leaf that requires grad, whose
# flag is then set to False.
import torch

a = torch.randn(3, 3, device="cpu", requires_grad=True)
b = torch.pow(a, 2)
b.requires_grad = False  # error: TL009
print(b)
