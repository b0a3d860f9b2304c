# source: https://github.com/pytorch/pytorch/issues/32708
# Positions made with linspace(requires_grad=True) are reshaped with view; in
# the failing variant the view is bound to the same name, and the gradient read
# after backward is the view's.
import torch

lhs_pos = torch.linspace(1, 32, steps=32, requires_grad=True, dtype=torch.float)
lhs_pos2 = lhs_pos.view(2, 4, 2, 2)
lhs_pos2.sum().backward()
print(lhs_pos.grad)

lhs_pos = torch.linspace(1, 32, steps=32, requires_grad=True, dtype=torch.float)
lhs_pos = lhs_pos.view(2, 4, 2, 2)
lhs_pos.sum().backward()
print(lhs_pos.grad)  # error: TL006
