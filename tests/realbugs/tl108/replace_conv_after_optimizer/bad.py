# source: https://github.com/hustzxd/EfficientPyTorch/issues/1
# The repository's training script built its optimizer, then replaced every
# Conv2d of the model with a quantized Conv2dSQ (replace_conv_recursively):
# the optimizer still held the old convolutions' parameters. The maintainer's
# fix: define the optimizer after the replacement.
import torch
import torch.nn as nn


class Conv2dSQ(nn.Conv2d):
    def __init__(self, in_channels, out_channels, kernel_size, nbits_w=4, **kwargs):
        super().__init__(in_channels, out_channels, kernel_size, **kwargs)
        self.nbits_w = nbits_w

    def forward(self, x):
        scale = 2 ** (self.nbits_w - 1)
        w = self.weight + (torch.round(self.weight * scale) / scale - self.weight).detach()
        return nn.functional.conv2d(x, w, self.bias, self.stride, self.padding)


def replace_conv_recursively(model, nbits_w):
    for name, child in model.named_children():
        if type(child) is nn.Conv2d:
            new = Conv2dSQ(child.in_channels, child.out_channels, child.kernel_size, nbits_w=nbits_w,
                           stride=child.stride, padding=child.padding, bias=child.bias is not None)
            new.load_state_dict(child.state_dict())
            setattr(model, name, new)
        else:
            replace_conv_recursively(child, nbits_w)


def get_optimizer(model, lr):
    return torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)


model = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.Conv2d(4, 2, 3, padding=1))
optimizer = get_optimizer(model, 0.1)
criterion = nn.MSELoss()
# prune and quantize the model
replace_conv_recursively(model, nbits_w=4)
x, y = torch.randn(2, 3, 8, 8), torch.randn(2, 2, 8, 8)
for step in range(2):
    optimizer.zero_grad()
    loss = criterion(model(x), y)
    loss.backward()
    optimizer.step()  # error: TL108
