# source: https://github.com/intel/intel-extension-for-pytorch/pull/267
# The README's sample for Intel GPUs builds a model, moves the model and the
# input data to the "xpu" device and runs the model on the data. The PR
# fixes the sample's data line: torch.Tensor.to()
# returns a copy of the tensor on the given device, while the original tensor
# is not moved, so data.to(...) on its own leaves the input on the CPU.
# The meta device stands for the XPU.
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
data.to(xpu)  # error: TL103

with torch.no_grad():
    output = model(data)
