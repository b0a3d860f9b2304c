# source: https://github.com/Coderx7/SimpleNet/issues/2
# The fix the reporter proposed: a dropout module defined in __init__ (here
# nn.Dropout2d, as the call was F.dropout2d), which model.eval() turns off.
import torch
import torch.nn as nn
import torch.nn.functional as F


class SimpleNet(nn.Module):
    def __init__(self, classes=10):
        super(SimpleNet, self).__init__()
        self.features = self._make_layers()
        self.classifier = nn.Linear(32, classes)
        self.drp = nn.Dropout2d(0.1)

    def forward(self, x):
        out = self.features(x)

        # Global Max Pooling
        out = F.max_pool2d(out, kernel_size=out.size()[2:])
        out = self.drp(out)

        out = out.view(out.size(0), -1)
        out = self.classifier(out)
        return out

    def _make_layers(self):
        return nn.Sequential(
            nn.Conv2d(3, 16, kernel_size=3, padding=1),
            nn.BatchNorm2d(16),
            nn.ReLU(inplace=True),
            nn.Conv2d(16, 32, kernel_size=3, padding=1),
            nn.BatchNorm2d(32),
            nn.ReLU(inplace=True),
        )


torch.manual_seed(0)
model = SimpleNet()
model.eval()
example = torch.randn(4, 3, 8, 8)
with torch.no_grad():
    first = model(example)
    second = model(example)
