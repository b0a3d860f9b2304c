# source: https://jishuzhan.net/article/1786425099155410946
# Fixed: a float step makes arange floating point.
import torch

x = torch.range(-8, 8, 1, requires_grad=True)
y = torch.arange(-8, 8, 1.0, requires_grad=True)
print(x, x.dtype)
print(y, y.dtype)
