# source: https://github.com/MrChenFeng/Adaptive-Soft-Contrastive-Learning_ICPR2022/issues/2
# With the model set to byol, the regression loss between the online prediction
# and the target projection is per sample, and the training loop calls backward.
import copy

import torch
import torch.nn as nn
import torch.nn.functional as F


def regression_loss(x, y):
    x = F.normalize(x, dim=-1, p=2)
    y = F.normalize(y, dim=-1, p=2)
    return 2 - 2 * (x * y).sum(dim=-1)


class BYOL(nn.Module):
    def __init__(self, dim=32, proj=16):
        super().__init__()
        self.online = nn.Sequential(nn.Linear(dim, 64), nn.ReLU(), nn.Linear(64, proj))
        self.predictor = nn.Sequential(nn.Linear(proj, 64), nn.ReLU(), nn.Linear(64, proj))
        self.target = copy.deepcopy(self.online)
        for p in self.target.parameters():
            p.requires_grad = False

    def forward(self, view1, view2):
        p1 = self.predictor(self.online(view1))
        p2 = self.predictor(self.online(view2))
        with torch.no_grad():
            z1, z2 = self.target(view1), self.target(view2)
        return regression_loss(p1, z2) + regression_loss(p2, z1)


def train(model, loader, optimizer):
    for x in loader:
        view1 = x + 0.1 * torch.randn_like(x)
        view2 = x + 0.1 * torch.randn_like(x)
        loss = model(view1, view2)
        optimizer.zero_grad()
        loss.backward()  # error: TL003
        optimizer.step()


model = BYOL()
train(model, [torch.randn(16, 32) for _ in range(2)], torch.optim.SGD(model.parameters(), lr=0.05))
