# source: https://github.com/microsoft/tensorwatch/issues/25
# The notebook runs gradcam-like vanilla gradients first, which sets
# input.requires_grad = True on the input, then smooth_grad on the same input:
# its noisy copies are computed from a tensor that requires grad, and the base
# explainer's `inp.requires_grad = True` fails on them.
import torch
import torch.nn as nn

from backprop import SmoothGradExplainer, VanillaGradExplainer

model = nn.Sequential(nn.Linear(6, 4), nn.ReLU(), nn.Linear(4, 3))
input_tensor = torch.randn(1, 6)
vanilla = VanillaGradExplainer(model)
saliency = vanilla.explain(input_tensor, 2)
smooth = SmoothGradExplainer(VanillaGradExplainer(model))
saliency = smooth.explain(input_tensor, 2)
print(saliency.shape)
