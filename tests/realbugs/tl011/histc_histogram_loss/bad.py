# source: https://github.com/albrateanu/LYT-Net/issues/16
# LYT-Net's PyTorch histogram loss compares the normalised torch.histc
# histograms of the enhanced and the ground-truth images. Training with only
# that loss fails at backward: histc only counts pixels into bins, so nothing
# the loss is computed from has a gradient.
import torch
import torch.nn as nn


def histogram_loss(y_true, y_pred, bins=16):
    y_true_hist = torch.histc(y_true, bins=bins, min=0.0, max=1.0)
    y_pred_hist = torch.histc(y_pred, bins=bins, min=0.0, max=1.0)

    y_true_hist = y_true_hist / y_true_hist.sum()
    y_pred_hist = y_pred_hist / y_pred_hist.sum()

    hist_distance = torch.mean(torch.abs(y_true_hist - y_pred_hist))
    return hist_distance


torch.manual_seed(0)
model = nn.Sequential(nn.Conv2d(3, 3, 3, padding=1), nn.Sigmoid())
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
low_light = torch.rand(2, 3, 8, 8)
y_true = torch.rand(2, 3, 8, 8)

for step in range(2):
    y_pred = model(low_light)
    loss = histogram_loss(y_true, y_pred)
    optimizer.zero_grad()
    loss.backward()  # error: TL011
    optimizer.step()
