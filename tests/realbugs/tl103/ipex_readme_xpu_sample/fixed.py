# source: https://github.com/intel/intel-extension-for-pytorch/pull/267
# The PR's fix: data = data.to(...). The meta device stands for the XPU.
import torch
import torch.nn as nn


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 64, 3)
        self.relu = nn.ReLU()

    def forward(self, x):
        return self.relu(self.conv(x))


xpu = "meta"
model = Model()
model.eval()
data = torch.rand(1, 3, 32, 32)

model = model.to(xpu)
data = data.to(xpu)

with torch.no_grad():
    output = model(data)
