# source: https://discuss.pytorch.org/t/inplace-operation-changes-is-leaf-attribute/120297
# Fixed as the answers put it: a leaf that requires grad is changed in place
# only without autograd (torch.no_grad()), or through its detached alias.
import torch

c = torch.randn(10, 3, 2, 32, requires_grad=True)
print(c.is_leaf)
with torch.no_grad():
    c += 1
    c.add_(1)
d = c.detach()
d += 1
print(c.is_leaf)
