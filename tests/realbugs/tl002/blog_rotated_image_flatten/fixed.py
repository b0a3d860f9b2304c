# source: https://www.marioraach.de/en/blog/pytorch-transpose-view
# A 2x4 gradient image is rotated with transpose() and flattened with view() for a
# network that takes a vector of 8 pixels.
import torch
import torch.nn as nn

image = torch.tensor([[0.0, 0.1, 0.2, 0.3], [0.4, 0.5, 0.6, 0.7]])
classifier = nn.Linear(8, 2)

image_rotated = image.transpose(0, 1)
image_flat = image_rotated.reshape(1, 8)
logits = classifier(image_flat)
