# source: https://github.com/yfeng95/PIXIE/pull/31
# The fitting demo renders the current estimate and tiles the images into one
# grid for display; the rendered images come from parameters being optimized.
import numpy as np
import torch
import torch.nn as nn


class Renderer(nn.Module):
    def __init__(self, image_size=32):
        super().__init__()
        self.image_size = image_size

    def forward(self, shape_params):
        b = shape_params.shape[0]
        base = torch.linspace(0, 1, self.image_size * self.image_size * 3).view(1, 3, self.image_size, self.image_size)
        return torch.sigmoid(base * shape_params.sum(dim=1).view(b, 1, 1, 1))


def visualize_grid(visdict, size=32):
    grids = []
    for key in visdict:
        images = visdict[key]
        grid = torch.cat(list(images), dim=2)
        grids.append(grid)
    grid_image = torch.cat(grids, dim=1)
    grid_image = (grid_image.numpy().transpose(1, 2, 0) * 255).astype(np.uint8)  # error: TL001
    return grid_image


shape = torch.zeros(2, 10, requires_grad=True)
renderer = Renderer()
optimizer = torch.optim.Adam([shape], lr=0.01)
for it in range(2):
    rendered = renderer(shape)
    loss = (rendered - 0.5).pow(2).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
visdict = {"inputs": torch.rand(2, 3, 32, 32), "shape_images": rendered}
grid = visualize_grid(visdict)
