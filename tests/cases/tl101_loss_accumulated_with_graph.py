# case: the running loss of a training loop summed without .item()
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
criterion = nn.MSELoss()
x, y = torch.randn(8, 4), torch.randn(8, 1)
running_loss = 0.0
for step in range(3):
    optimizer.zero_grad()
    loss = criterion(model(x), y)
    loss.backward()
    optimizer.step()
    running_loss += loss  # error: TL101 col 5

# case: epochs and batches, the epoch loss summed in the batch loop
import torch
import torch.nn as nn
import torch.nn.functional as F

model = nn.Linear(6, 3)
opt = torch.optim.Adam(model.parameters())
batches = [(torch.randn(4, 6), torch.randint(0, 3, (4,))) for _ in range(2)]
for epoch in range(2):
    epoch_loss = 0
    for inputs, labels in batches:
        opt.zero_grad()
        loss = F.cross_entropy(model(inputs), labels)
        loss.backward()
        opt.step()
        epoch_loss += loss  # error: TL101 col 9
    print(epoch, epoch_loss / len(batches))

# case: a train_epoch function called from the script
import torch
import torch.nn as nn


def train_epoch(model, optimizer, data):
    total = 0.0
    for x, y in data:
        optimizer.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        optimizer.step()
        total += loss  # error: TL101 col 9
    return total / len(data)


net = nn.Linear(3, 1)
sgd = torch.optim.SGD(net.parameters(), lr=0.01)
avg = train_epoch(net, sgd, [(torch.randn(5, 3), torch.randn(5, 1)) for _ in range(3)])

# case: the accumulator is a tensor made with torch.zeros
import torch
import torch.nn as nn

model = nn.Linear(2, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
total = torch.zeros(())
for _ in range(3):
    opt.zero_grad()
    loss = model(torch.randn(4, 2)).pow(2).mean()
    loss.backward()
    opt.step()
    total += loss  # error: TL101 col 5

# case: a while loop over steps
import torch
import torch.nn as nn

model = nn.Linear(3, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.05)
step, loss_sum = 0, 0.0
loss_sum = 0.0
while step < 3:
    opt.zero_grad()
    loss = model(torch.randn(2, 3)).abs().mean()
    loss.backward()
    opt.step()
    loss_sum += loss  # error: TL101 col 5
    step += 1

# case: a trainer method keeping the sum for its log
import torch
import torch.nn as nn


class Trainer:
    def __init__(self):
        self.model = nn.Linear(4, 2)
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=0.1)
        self.criterion = nn.CrossEntropyLoss()

    def fit(self, batches):
        seen = 0.0
        for x, y in batches:
            self.optimizer.zero_grad()
            loss = self.criterion(self.model(x), y)
            loss.backward()
            self.optimizer.step()
            seen += loss  # error: TL101 col 13
        print("mean loss", seen / len(batches))


Trainer().fit([(torch.randn(3, 4), torch.tensor([0, 1, 1])) for _ in range(3)])

# case: a weighted loss added with a factor
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
weighted = 0.0
for i in range(3):
    opt.zero_grad()
    loss = model(torch.randn(3, 4)).pow(2).mean()
    loss.backward()
    opt.step()
    weighted += 0.5 * loss  # error: TL101 col 5

# case: the summed output of a model in the loop
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
score = 0.0
for i in range(3):
    opt.zero_grad()
    out = model(torch.randn(2, 4)).sum()
    out.backward()
    opt.step()
    score += out  # error: TL101 col 5

# case: .item() makes the running loss a number
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
running_loss = 0.0
for step in range(3):
    optimizer.zero_grad()
    loss = model(torch.randn(8, 4)).pow(2).mean()
    loss.backward()
    optimizer.step()
    running_loss += loss.item()

# case: .detach() keeps a tensor without history
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
running = torch.zeros(())
for step in range(3):
    optimizer.zero_grad()
    loss = model(torch.randn(8, 4)).pow(2).mean()
    loss.backward()
    optimizer.step()
    running += loss.detach()

# case: the losses of several heads summed for one backward
import torch
import torch.nn as nn

heads = [nn.Linear(4, 1), nn.Linear(4, 1)]
x = torch.randn(3, 4)
loss = 0.0
for head in heads:
    loss += head(x).pow(2).mean()
loss.backward()

# case: a loss summed over parts and returned to the caller
import torch
import torch.nn as nn


def multi_scale_loss(model, inputs):
    total = 0
    for x in inputs:
        total += model(x).abs().mean()
    return total


net = nn.Linear(2, 1)
multi_scale_loss(net, [torch.randn(3, 2), torch.randn(5, 2)]).backward()

# case: evaluation under torch.no_grad()
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
val_loss = 0.0
with torch.no_grad():
    for i in range(3):
        val_loss += model(torch.randn(2, 4)).pow(2).mean()

# case: the sum starts anew in every round
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(3):
    batch_loss = 0.0
    for part in range(2):
        batch_loss += model(torch.randn(2, 4)).pow(2).mean()
    opt.zero_grad()
    batch_loss.backward()
    opt.step()

# case: gradient accumulation over micro-batches, backward through the sum
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
accumulated = 0.0
for micro in range(4):
    accumulated += model(torch.randn(2, 4)).pow(2).mean() / 4
accumulated.backward()
opt.step()

# case: a counter of samples, not a loss
import torch

seen = 0
for batch in [torch.randn(3, 2), torch.randn(4, 2)]:
    seen += batch.shape[0]

# case: a loop that runs no backward sums the losses for one backward after it (the oracle's look-alike)
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
total = 0.0
for step in range(2):
    total += model(torch.randn(2, 4)).pow(2).mean()
optimizer.zero_grad()
(total / 2).backward()
optimizer.step()

# case: a loop that runs no backward keeps its sum: nothing backpropagated, so no round's graph is kept past its use
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
total = 0.0
for step in range(2):
    loss = model(torch.randn(2, 4)).pow(2).mean()
    total += loss

# case: the round's loss is the sum of a list of partial losses appended in an inner loop
import torch
import torch.nn as nn

net = nn.Linear(4, 2)
optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
total_loss = 0
for it in range(3):
    optimizer.zero_grad()
    outputs = net(torch.randn(3, 4))
    losses = []
    for i in range(2):
        losses.append(outputs[i].sum())
    loss = sum(losses)
    loss.backward()
    optimizer.step()
    total_loss += loss  # error: TL101 col 5

# case: the partial losses' numbers summed: no graph
import torch
import torch.nn as nn

net = nn.Linear(4, 2)
optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
total_loss = 0
for it in range(3):
    optimizer.zero_grad()
    outputs = net(torch.randn(3, 4))
    losses = []
    for i in range(2):
        losses.append(outputs[i].sum())
    loss = sum(losses)
    loss.backward()
    optimizer.step()
    total_loss += sum(part.item() for part in losses)

# case: the backward runs in the trainer's train_step, which returns the loss the loop sums (faster-rcnn's fit_epoch)
import torch
import torch.nn as nn


class Trainer:
    def __init__(self, model):
        self.model = model
        self.optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

    def train_step(self, x, y):
        self.optimizer.zero_grad()
        loss = ((self.model(x) - y) ** 2).mean()
        loss.backward()
        self.optimizer.step()
        return loss


trainer = Trainer(nn.Linear(4, 1))
total_loss = 0
for step in range(3):
    total = trainer.train_step(torch.randn(2, 4), torch.randn(2, 1))
    total_loss += total  # error: TL101 col 5
