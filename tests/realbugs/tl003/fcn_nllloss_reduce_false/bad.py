# source: https://github.com/pytorch/pytorch/issues/6166
# A fully convolutional segmentation net: LogSoftmax over the classes of a 4D
# output, NLLLoss built with reduce=False, then loss.backward().
import torch
import torch.nn as nn


class FCN(nn.Module):
    def __init__(self, num_classes=5):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.Conv2d(16, num_classes, 1))

    def forward(self, x):
        return self.body(x)


model = FCN()
logsoftmax = nn.LogSoftmax(dim=1)
criterion = torch.nn.NLLLoss(reduce=False)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)

inputs = torch.randn(4, 3, 32, 32)
labels = torch.randint(0, 5, (4, 32, 32))
outputs = model(inputs)
outputs = logsoftmax(outputs)
loss = criterion(outputs, labels)
optimizer.zero_grad()
loss.backward()  # error: TL003
optimizer.step()
