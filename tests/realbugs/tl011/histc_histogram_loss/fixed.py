# source: https://github.com/albrateanu/LYT-Net/issues/16
# Fixed as the maintainer did: the histogram is built softly, each pixel adding
# a Gaussian of its distance to every bin centre, so the histogram distance has
# a gradient back to the model.
import torch
import torch.nn as nn


def gaussian_kernel(x, mu, sigma):
    return torch.exp(-0.5 * ((x - mu) / sigma) ** 2)


def histogram_loss(y_true, y_pred, bins=16, sigma=0.05):
    bin_edges = torch.linspace(0.0, 1.0, bins)

    y_true_hist = torch.sum(gaussian_kernel(y_true.unsqueeze(-1), bin_edges, sigma), dim=0)
    y_pred_hist = torch.sum(gaussian_kernel(y_pred.unsqueeze(-1), bin_edges, sigma), dim=0)

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
    loss.backward()
    optimizer.step()
