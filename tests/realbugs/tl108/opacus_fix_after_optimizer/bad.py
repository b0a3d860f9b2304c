# source: https://github.com/meta-pytorch/opacus/issues/432
# The user built a CNN with BatchNorm and its optimizer over model.parameters(),
# then made the model differential-privacy compatible with
# model = ModuleValidator.fix(model), which returns a copy of the model with
# each BatchNorm replaced by a GroupNorm: the optimizer still pointed at the old
# model's parameters, so training the fixed model updated none of them. The
# maintainers' answer: call fix() before defining the optimizer. A small
# fix() doing the same replacement stands in for opacus's, and a plain
# training loop for the private one.
import copy

import torch
import torch.nn as nn

torch.manual_seed(0)


def _replace_bn(module):
    for name, child in module.named_children():
        if isinstance(child, nn.BatchNorm2d):
            setattr(module, name, nn.GroupNorm(min(32, child.num_features), child.num_features, affine=True))
        else:
            _replace_bn(child)


def fix(module):
    model = copy.deepcopy(module)
    _replace_bn(model)
    return model


class SampleConvNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(4)
        self.fc = nn.Linear(4 * 8 * 8, 10)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        return self.fc(x.flatten(1))


model = SampleConvNet()
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
model = fix(model)
criterion = nn.CrossEntropyLoss()
data_loader = [(torch.randn(4, 1, 8, 8), torch.randint(0, 10, (4,))) for _ in range(3)]
for epoch in range(1):
    for images, target in data_loader:
        optimizer.zero_grad()
        loss = criterion(model(images), target)
        loss.backward()
        optimizer.step()  # error: TL108
