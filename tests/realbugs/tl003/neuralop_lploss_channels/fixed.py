# source: https://github.com/neuraloperator/neuraloperator/pull/291
# The relative Lp loss reduces over the dimensions it is told to; with the
# default only the batch is reduced, so a model with several output channels
# gets one loss per channel and loss.backward() fails.
import torch
import torch.nn as nn


class LpLoss:
    def __init__(self, d=2, p=2, reduce_dims=(0,)):
        self.d = d
        self.p = p
        self.reduce_dims = reduce_dims

    def rel(self, x, y):
        diff = torch.norm(torch.flatten(x, start_dim=-self.d) - torch.flatten(y, start_dim=-self.d), p=self.p, dim=-1)
        ynorm = torch.norm(torch.flatten(y, start_dim=-self.d), p=self.p, dim=-1)
        diff = diff / ynorm
        for dim in self.reduce_dims:
            diff = torch.sum(diff, dim=dim, keepdim=True)
        return diff.squeeze()

    def __call__(self, y_pred, y):
        return self.rel(y_pred, y)


class SpectralModel(nn.Module):
    def __init__(self, in_channels=1, out_channels=3, width=16):
        super().__init__()
        self.lift = nn.Conv2d(in_channels, width, 1)
        self.mix = nn.Conv2d(width, width, 3, padding=1)
        self.project = nn.Conv2d(width, out_channels, 1)

    def forward(self, x):
        return self.project(torch.relu(self.mix(torch.relu(self.lift(x)))))


def train_epoch(model, loader, loss_fn, optimizer):
    for x, y in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.sum().backward()
        optimizer.step()


model = SpectralModel()
loader = [(torch.randn(8, 1, 16, 16), torch.randn(8, 3, 16, 16)) for _ in range(2)]
train_epoch(model, loader, LpLoss(d=2, p=2), torch.optim.Adam(model.parameters(), lr=1e-3))
