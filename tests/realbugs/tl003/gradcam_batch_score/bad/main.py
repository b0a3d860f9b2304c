# source: https://github.com/1Konny/gradcam_plus_plus-pytorch/issues/7
# The reporter runs GradCAM from the package on a batch of inputs rather than on
# a single image.
import torch
import torch.nn as nn

from gradcam import GradCAM

model = nn.Sequential(
    nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(),
    nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(),
    nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, 10),
)
model.eval()
gradcam = GradCAM(model, model[2])
inputs = torch.randn(4, 3, 32, 32)
mask, _ = gradcam(inputs)
