# source: https://github.com/PingoLH/FCHarDNet/issues/61
# The test script folds each BatchNorm into the convolution before it for a
# faster inference model: it computes the folded weights and bias, then copies
# them into a new convolution's weight with a slice assignment.
import torch
import torch.nn as nn


def fuse_bn_recursively(conv, bn):
    w = conv.weight
    mean, var = bn.running_mean, bn.running_var
    std = torch.sqrt(var + bn.eps)
    W = w * (bn.weight / std).reshape(-1, 1, 1, 1)
    b = bn.bias - bn.weight * mean / std
    cconv = nn.Conv2d(conv.in_channels, conv.out_channels, conv.kernel_size,
                      stride=conv.stride, padding=conv.padding, bias=True)
    cconv.weight[:, :, :, :] = W[:, :, :, :]  # error: TL010
    cconv.bias[:] = b[:]  # also: TL010
    return cconv


model = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8))
model.eval()
fused = fuse_bn_recursively(model[0], model[1])
print(fused(torch.randn(1, 3, 6, 6)).shape)
