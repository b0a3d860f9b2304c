# source: https://github.com/microsoft/nni/issues/4521
# A pruned model fine-tuned after the speed-up step: the optimizer was built for
# the pruning stage, then the speed-up replaced the model's layers with smaller
# ones (copying the kept weights). The maintainer: the parameters registered in
# the optimizer are outdated; build a new optimizer. The speed-up is written
# here as the maintainer describes it.
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(8, 16)
        self.fc2 = nn.Linear(16, 2)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


class ModelSpeedup:
    def __init__(self, model, kept):
        self.model = model
        self.kept = kept

    def speedup_model(self):
        keep = self.kept
        old1, old2 = self.model.fc1, self.model.fc2
        new1, new2 = nn.Linear(old1.in_features, keep), nn.Linear(keep, old2.out_features)
        with torch.no_grad():
            new1.weight.copy_(old1.weight[:keep])
            new1.bias.copy_(old1.bias[:keep])
            new2.weight.copy_(old2.weight[:, :keep])
            new2.bias.copy_(old2.bias)
        setattr(self.model, "fc1", new1)
        setattr(self.model, "fc2", new2)


def trainer(model, optimizer, criterion, data):
    model.train()
    for x, y in data:
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()


model = Net()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
criterion = nn.CrossEntropyLoss()
data = [(torch.randn(4, 8), torch.randint(0, 2, (4,))) for _ in range(2)]
trainer(model, optimizer, criterion, data)  # pruning stage

ModelSpeedup(model, kept=8).speedup_model()
print('start finetuning...')
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
trainer(model, optimizer, criterion, data)
