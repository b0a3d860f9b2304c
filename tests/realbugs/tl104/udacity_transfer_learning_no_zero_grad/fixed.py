# source: https://github.com/udacity/deep-learning-v2-pytorch/pull/160
# Fixed as the PR does: optimizer.zero_grad() in the loop, before the forward pass.
import torch
from torch import nn, optim

torch.manual_seed(0)


class Pretrained(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Linear(20, 10)
        self.classifier = nn.Linear(10, 5)

    def forward(self, x):
        return self.classifier(torch.relu(self.features(x)))


device = torch.device("cpu")
model = Pretrained()
for param in model.features.parameters():
    param.requires_grad = False
model.classifier = nn.Sequential(nn.Linear(10, 8), nn.ReLU(), nn.Dropout(0.2), nn.Linear(8, 2),
                                 nn.LogSoftmax(dim=1))
criterion = nn.NLLLoss()
optimizer = optim.Adam(model.classifier.parameters(), lr=0.003)
model.to(device)

trainloader = [(torch.randn(6, 20), torch.randint(0, 2, (6,))) for _ in range(3)]
epochs = 1
steps = 0
running_loss = 0
for epoch in range(epochs):
    for inputs, labels in trainloader:
        steps += 1
        inputs, labels = inputs.to(device), labels.to(device)
        optimizer.zero_grad()
        logps = model.forward(inputs)
        loss = criterion(logps, labels)
        loss.backward()
        optimizer.step()
        running_loss += loss.item()
print(running_loss / steps)
