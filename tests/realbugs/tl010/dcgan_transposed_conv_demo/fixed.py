# source: https://github.com/YutaroOgawa/pytorch_advanced/issues/160
# Fixed as the thread answers: the weights are written through .data.
import torch
import torch.nn as nn

print("plain convolution")
m = nn.Conv2d(1, 1, 2, stride=1, bias=False)
m.weight.data[0, 0, 0, 0] = 1
m.weight.data[0, 0, 0, 1] = 2
m.weight.data[0, 0, 1, 0] = 3
m.weight.data[0, 0, 1, 1] = 4
x = torch.arange(9.0).reshape(1, 1, 3, 3)
print(m(x))
