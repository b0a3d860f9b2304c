# source: https://github.com/LZGMatrix/BOP19_CDPN_2019ICCV/issues/4
# Fixed as the author answers: argmax is not differentiable, so the loss is
# taken before it, on the bin scores (cross-entropy against the target bins).
import torch
import torch.nn as nn
import torch.nn.functional as F

coor_bin = 8


class CoorHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 3 * (coor_bin + 1), 1)

    def forward(self, x):
        out = self.conv(x)
        return out[:, :coor_bin + 1], out[:, coor_bin + 1:2 * (coor_bin + 1)], out[:, 2 * (coor_bin + 1):]


def train_step(model, optimizer, image, target_bins):
    output_coor_x_, output_coor_y_, output_coor_z_ = model(image)
    loss = (F.cross_entropy(output_coor_x_, target_bins[..., 0]) + F.cross_entropy(output_coor_y_, target_bins[..., 1])
            + F.cross_entropy(output_coor_z_, target_bins[..., 2]))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()


model = CoorHead()
train_step(model, torch.optim.SGD(model.parameters(), lr=0.1), torch.randn(1, 4, 5, 5),
           torch.zeros(1, 5, 5, 3, dtype=torch.long))
