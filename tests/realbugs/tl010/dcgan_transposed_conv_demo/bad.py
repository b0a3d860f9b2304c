# source: https://github.com/YutaroOgawa/pytorch_advanced/issues/160
# The book's DCGAN notebook shows what a convolution and a transposed
# convolution compute: it makes a 2x2 convolution without bias and writes its
# four weights by index.
import torch
import torch.nn as nn

print("plain convolution")
m = nn.Conv2d(1, 1, 2, stride=1, bias=False)
m.weight[0, 0, 0, 0] = 1  # error: TL010
m.weight[0, 0, 0, 1] = 2  # also: TL010
m.weight[0, 0, 1, 0] = 3  # also: TL010
m.weight[0, 0, 1, 1] = 4  # also: TL010
x = torch.arange(9.0).reshape(1, 1, 3, 3)
print(m(x))
