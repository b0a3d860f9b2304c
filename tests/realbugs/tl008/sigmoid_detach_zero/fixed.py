# source: https://github.com/pytorch/pytorch/issues/6990
# Fixed: the zeroed tensor is a copy (detach().clone()), so the sigmoid's saved
# output is intact for the backward.
import torch

a = torch.tensor([1, 2, 3.], requires_grad=True)
out = a.sigmoid()
c = out.detach().clone()
c.zero_()
print(out)
out.sum().backward()
