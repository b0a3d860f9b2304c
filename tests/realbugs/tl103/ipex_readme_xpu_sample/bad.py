# source: https://github.com/intel/intel-extension-for-pytorch/pull/267
# The README's inference sample for Intel GPUs builds a model, puts it in
# eval mode, moves the model and the input data to the "xpu" device and runs
# the model under no_grad. The PR fixes the data line: torch.Tensor.to()
# returns a copy of the tensor on the given device, while the original tensor
# is not moved, so data.to(...) on its own leaves the input on the CPU.
# The meta device stands for the XPU; the extension's optimize() call, which
# does not touch the input, is left out.
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
