# source: https://jishuzhan.net/article/1786425099155410946
# A blog post on torch.arange compares it with torch.range: range gives
# float32, arange of integer bounds gives int64, and asking both to require
# grad fails on the arange.
import torch

x = torch.range(-8, 8, 1, requires_grad=True)
y = torch.arange(-8, 8, 1, requires_grad=True)  # error: TL007
print(x, x.dtype)
print(y, y.dtype)
