# source: https://github.com/XiaMooo/Yolo-Detect-Layer-Visualization/issues/1
# Feature maps of the detect layers, captured with forward hooks, are drawn as a
# grid of heatmaps; the helper converts every tensor it gets with .cpu().numpy().
import numpy as np
import torch
import torch.nn as nn


class TinyDetector(nn.Module):
    def __init__(self, num_classes=3):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 16, 3, stride=2, padding=1), nn.SiLU(),
            nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.SiLU(),
        )
        self.head = nn.Conv2d(32, 3 * (5 + num_classes), 1)

    def forward(self, x):
        return self.head(self.backbone(x))


def draw_heatmap(grid, r, c, array):
    grid[r][c] = (array - array.min()) / (np.ptp(array) + 1e-8)


def plot_multi_heatmap(*arrays, row=None, col=None):
    col = col or len(arrays)
    row = row or (len(arrays) + col - 1) // col
    grid = [[None] * col for _ in range(row)]
    for i, array in enumerate(arrays):
        if isinstance(array, torch.Tensor):
            array = array.cpu().numpy()  # error: TL001
        r = i // col
        c = i % col
        draw_heatmap(grid, r, c, array)
    return grid


model = TinyDetector()
captured = {}
model.head.register_forward_hook(lambda module, inp, out: captured.update(head=out))

img = torch.rand(1, 3, 64, 64)
pred = model(img)
maps = captured["head"][0]
grid = plot_multi_heatmap(maps[4], maps[12], maps[20], row=1, col=3)
