# source: https://github.com/qubvel-org/segmentation_models.pytorch/pull/611
# Fixed: the loss is trained on the soft (sigmoid) predictions, as the library
# does; the threshold is for the metric, not the loss.
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
        return 1 - F.f_score(y_pr, y_gt, beta=self.beta, eps=self.eps, threshold=None)


model = nn.Conv2d(3, 1, kernel_size=3, padding=1)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = DiceLoss(threshold=0.5)
images = torch.randn(2, 3, 8, 8)
masks = (torch.rand(2, 1, 8, 8) > 0.5).float()

optimizer.zero_grad()
loss = loss_fn(model(images), masks)
loss.backward()
optimizer.step()
with torch.no_grad():
    iou_metric = F.f_score(torch.sigmoid(model(images)), masks, threshold=loss_fn.threshold)
