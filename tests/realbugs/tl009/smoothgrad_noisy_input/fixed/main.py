# source: https://github.com/microsoft/tensorwatch/issues/25
# Fixed: the noisy inputs are detached copies, new leaves.
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
