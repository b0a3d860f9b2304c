# source: https://github.com/pytorch/audio/pull/1993
# WaveRNN's upsampling network initialises each stretch convolution's weight
# to a constant; the pull request tries fill_ on the weight instead of the
# legacy .data access.
import torch
import torch.nn as nn


class UpsampleNetwork(nn.Module):
    def __init__(self, upsample_scales=(2, 2)):
        super().__init__()
        self.up_layers = nn.ModuleList()
        for scale in upsample_scales:
            k_size = (1, scale * 2 + 1)
            padding = (0, scale)
            conv = nn.Conv2d(1, 1, kernel_size=k_size, padding=padding, bias=False)
            conv.weight.fill_(1.0 / k_size[1])  # error: TL010
            self.up_layers.append(nn.Upsample(scale_factor=(1, scale)))
            self.up_layers.append(conv)

    def forward(self, specgram):
        x = specgram.unsqueeze(1)
        for layer in self.up_layers:
            x = layer(x)
        return x.squeeze(1)


net = UpsampleNetwork()
print(net(torch.randn(1, 4, 5)).shape)
