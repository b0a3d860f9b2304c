# source: https://github.com/qubvel-org/segmentation_models.pytorch/pull/611
# The pull request adds a threshold to the library's Dice loss: the loss passes
# it to f_score, whose _threshold helper turns the predictions into a 0/1 mask
# with a comparison; training with that loss cannot backpropagate.
import torch
import torch.nn as nn

import functional as F


class DiceLoss(nn.Module):
    def __init__(self, eps=1.0, beta=1.0, threshold=None):
        super().__init__()
        self.eps = eps
        self.beta = beta
        self.threshold = threshold

    def forward(self, y_pr, y_gt):
        y_pr = torch.sigmoid(y_pr)
        return 1 - F.f_score(y_pr, y_gt, beta=self.beta, eps=self.eps, threshold=self.threshold)


model = nn.Conv2d(3, 1, kernel_size=3, padding=1)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = DiceLoss(threshold=0.5)
images = torch.randn(2, 3, 8, 8)
masks = (torch.rand(2, 1, 8, 8) > 0.5).float()

optimizer.zero_grad()
loss = loss_fn(model(images), masks)
loss.backward()  # error: TL011
optimizer.step()
