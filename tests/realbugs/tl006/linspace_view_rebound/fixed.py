# source: https://github.com/pytorch/pytorch/issues/32708
# Fixed as the maintainer explains: the view is not the leaf; keep the leaf's
# name and read its gradient.
import torch

lhs_pos = torch.linspace(1, 32, steps=32, requires_grad=True, dtype=torch.float)
lhs_pos2 = lhs_pos.view(2, 4, 2, 2)
lhs_pos2.sum().backward()
print(lhs_pos.grad)

lhs_pos = torch.linspace(1, 32, steps=32, requires_grad=True, dtype=torch.float)
lhs_pos_view = lhs_pos.view(2, 4, 2, 2)
lhs_pos_view.sum().backward()
print(lhs_pos.grad)
