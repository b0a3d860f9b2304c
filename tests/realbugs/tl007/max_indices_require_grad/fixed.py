# source: https://github.com/pytorch/pytorch/issues/95110
# Fixed: the loss is computed from the outputs (class scores), which carry the
# graph; the predicted classes are only read for accuracy.
import torch
import torch.nn as nn


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 4)

    def forward(self, x):
        return self.fc(x)


def train_step(model, optimizer, images, labels):
    optimizer.zero_grad()
    outputs = model(images)
    _, predicted = torch.max(outputs, 1)
    loss = nn.functional.cross_entropy(outputs, labels)
    loss.backward()
    optimizer.step()
    return loss.item(), (predicted == labels).float().mean().item()


model = Classifier()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
train_step(model, optimizer, torch.randn(5, 8), torch.randint(0, 4, (5,)))
