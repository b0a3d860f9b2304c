# source: https://github.com/LZGMatrix/BOP19_CDPN_2019ICCV/issues/4
# A training script written from the test script: the coordinate bins the
# network predicts are turned into coordinates with argmax, as at test time,
# and the loss is taken on those coordinates.
import torch
import torch.nn as nn

coor_bin = 8


class CoorHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 3 * (coor_bin + 1), 1)

    def forward(self, x):
        out = self.conv(x)
        return out[:, :coor_bin + 1], out[:, coor_bin + 1:2 * (coor_bin + 1)], out[:, 2 * (coor_bin + 1):]


def train_step(model, optimizer, image, target_coor):
    output_coor_x_, output_coor_y_, output_coor_z_ = model(image)
    output_coor_x_ = output_coor_x_.squeeze()
    output_coor_y_ = output_coor_y_.squeeze()
    output_coor_z_ = output_coor_z_.squeeze()
    output_coor_ = torch.stack([torch.argmax(output_coor_x_, axis=0),
                                torch.argmax(output_coor_y_, axis=0),
                                torch.argmax(output_coor_z_, axis=0)], axis=2)
    output_coor_[output_coor_ == coor_bin] = 0
    output_coor_ = 2.0 * output_coor_.float() / (63.0 - 1.0) - 1.0
    loss = ((output_coor_ - target_coor) ** 2).mean()
    optimizer.zero_grad()
    loss.backward()  # error: TL011
    optimizer.step()


model = CoorHead()
train_step(model, torch.optim.SGD(model.parameters(), lr=0.1), torch.randn(1, 4, 5, 5), torch.zeros(5, 5, 3))
