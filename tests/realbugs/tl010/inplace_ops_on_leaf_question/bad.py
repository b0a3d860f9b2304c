# source: https://discuss.pytorch.org/t/inplace-operation-changes-is-leaf-attribute/120297
# The asker tries several ways of changing a tensor that requires grad in
# place; the first, an augmented addition, is refused.
import torch

c = torch.randn(10, 3, 2, 32, requires_grad=True)
print(c.is_leaf)
c += 1  # error: TL010
c.add_(1)  # also: TL010
d = c.detach()
d += 1
print(c.is_leaf)
