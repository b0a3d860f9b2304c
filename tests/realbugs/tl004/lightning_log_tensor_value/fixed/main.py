# source: https://github.com/pytorch/pytorch/issues/59800
# The reporter added a weighted MSE (a tensor) to the training step and logs it;
# the logging helper converts whatever it gets with torch.tensor(value, ...).
import torch
import torch.nn as nn

from logging_utils import ResultCollection


def weighted_mse(y, pred, x, mask, weight=10):
    x = torch.reshape(x[:, 0, :, :], (-1, 1, 32, 32))
    mask = torch.reshape(mask, (-1, 1, 32, 32))
    num_und_pix = torch.sum(x != 0)
    num_dam_pix = torch.sum(mask == 1)
    out_und = (((y - pred) ** 2) * x).sum() / num_und_pix
    out_dam = ((((y - pred) ** 2) * mask).sum() / num_dam_pix) * weight
    return out_und + out_dam


class SegModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Conv2d(2, 1, 3, padding=1)
        self.results = ResultCollection()

    def training_step(self, batch):
        x, y, mask = batch
        pred = self.net(x)
        loss = weighted_mse(y, pred, x, mask)
        self.results.log("train_loss", loss.detach())
        return loss


model = SegModel()
optimizer = torch.optim.Adam(model.net.parameters(), lr=1e-3)
batch = (torch.rand(4, 2, 32, 32), torch.rand(4, 1, 32, 32), torch.randint(0, 2, (4, 32, 32)).float())
loss = model.training_step(batch)
optimizer.zero_grad()
loss.backward()
optimizer.step()
