# source: https://github.com/pytorch/pytorch/issues/95110
# A classifier's training step takes the predicted classes from torch.max over
# the outputs and sets .requires_grad = True on them (a LongTensor) so that the
# loss computed from them can be backpropagated.
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
    predicted.requires_grad = True  # error: TL007
    loss = nn.functional.mse_loss(predicted.float(), labels.float())
    loss.backward()
    optimizer.step()
    return loss.item()


model = Classifier()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
train_step(model, optimizer, torch.randn(5, 8), torch.randint(0, 4, (5,)))
