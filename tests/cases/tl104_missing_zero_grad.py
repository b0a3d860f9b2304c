# case: zero_grad() once before the loop, never inside it
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
x, y = torch.randn(8, 4), torch.randn(8, 1)
optimizer.zero_grad()
for step in range(3):
    loss = ((model(x) - y) ** 2).mean()
    loss.backward()
    optimizer.step()  # error: TL104 col 15

# case: no clear at all in the batch loop of an epoch loop
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
criterion = nn.CrossEntropyLoss()
batches = [(torch.randn(6, 4), torch.randint(0, 3, (6,))) for _ in range(3)]
for epoch in range(2):
    for inputs, labels in batches:
        outputs = model(inputs)
        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()  # error: TL104 col 19

# case: zero_grad() once per epoch, outside the batch loop
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
batches = [(torch.randn(8, 4), torch.randn(8, 1)) for _ in range(3)]
for epoch in range(2):
    optimizer.zero_grad()
    for x, y in batches:
        loss = nn.functional.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()  # error: TL104 col 19

# case: a train function called by the script, no clear in its loop
import torch
import torch.nn as nn


def train(model, optimizer, batches):
    model.train()
    for x, y in batches:
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        optimizer.step()  # error: TL104 col 19


model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
train(model, optimizer, [(torch.randn(8, 4), torch.randn(8, 1)) for _ in range(3)])

# case: a trainer class with the optimizer as an attribute
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(x)


class Trainer:
    def __init__(self):
        self.model = Net()
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=1e-3)

    def train_step(self, x, y):
        loss = nn.functional.cross_entropy(self.model(x), y)
        loss.backward()
        return loss

    def fit(self, batches):
        for x, y in batches:
            self.train_step(x, y)
            self.optimizer.step()  # error: TL104 col 28


Trainer().fit([(torch.randn(5, 4), torch.randint(0, 2, (5,))) for _ in range(3)])

# case: a while loop over steps, torch.autograd.backward and no clear
import torch
import torch.nn as nn

w = nn.Parameter(torch.randn(3))
optimizer = torch.optim.SGD([w], lr=0.1)
step = 0
while step < 3:
    loss = (w * torch.randn(3)).sum() ** 2
    torch.autograd.backward(loss)
    optimizer.step()  # error: TL104 col 15
    step += 1

# case: the loss and its backward in a helper, the step in the loop
import torch
import torch.nn as nn


def compute_loss(model, x, y):
    loss = nn.functional.l1_loss(model(x), y)
    loss.backward()
    return loss.item()


model = nn.Linear(3, 1)
optimizer = torch.optim.RMSprop(model.parameters(), lr=1e-3)
history = []
for epoch in range(3):
    history.append(compute_loss(model, torch.randn(4, 3), torch.randn(4, 1)))
    optimizer.step()  # error: TL104 col 15

# case: a skipped batch continues, the others never clear
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.Adagrad(model.parameters(), lr=0.1)
for i in range(4):
    x = torch.randn(6, 4)
    if i == 1:
        continue
    loss = model(x).pow(2).mean()
    loss.backward()
    optimizer.step()  # error: TL104 col 15

# case: zero_grad() before backward in each round
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
x, y = torch.randn(8, 4), torch.randn(8, 1)
for step in range(3):
    optimizer.zero_grad()
    loss = ((model(x) - y) ** 2).mean()
    loss.backward()
    optimizer.step()

# case: zero_grad() after step()
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
x, y = torch.randn(8, 4), torch.randn(8, 1)
for step in range(3):
    loss = ((model(x) - y) ** 2).mean()
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()

# case: gradient accumulation: step and clear every k rounds
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
accumulation = 2
for i in range(6):
    loss = model(torch.randn(4, 4)).pow(2).mean() / accumulation
    loss.backward()
    if (i + 1) % accumulation == 0:
        optimizer.step()
        optimizer.zero_grad()

# case: model.zero_grad() clears the same parameters
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.Adam(model.parameters())
for step in range(3):
    model.zero_grad()
    model(torch.randn(3, 4)).sum().backward()
    optimizer.step()

# case: p.grad = None for every parameter
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(3):
    for p in model.parameters():
        p.grad = None
    model(torch.randn(3, 4)).sum().backward()
    optimizer.step()

# case: the clear is in a helper the loop calls
import torch
import torch.nn as nn


def reset(optimizer):
    optimizer.zero_grad(set_to_none=True)


model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(3):
    reset(optimizer)
    model(torch.randn(3, 4)).sum().backward()
    optimizer.step()

# case: p.grad.zero_() in place
import torch
import torch.nn as nn

w = nn.Parameter(torch.randn(3))
optimizer = torch.optim.SGD([w], lr=0.1)
for step in range(3):
    (w ** 2).sum().backward()
    optimizer.step()
    w.grad.zero_()

# case: the per-sample loop accumulates on purpose, one step after it
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for epoch in range(2):
    optimizer.zero_grad()
    for sample in torch.randn(3, 4):
        model(sample).sum().backward()
    optimizer.step()

# case: LBFGS: the closure clears and backpropagates
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.LBFGS(model.parameters(), max_iter=2)
x, y = torch.randn(8, 4), torch.randn(8, 1)


def closure():
    optimizer.zero_grad()
    loss = ((model(x) - y) ** 2).mean()
    loss.backward()
    return loss


for step in range(2):
    optimizer.step(closure)

# case: the backward only on some rounds: not every round
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(3):
    optimizer.step()
    if step == 0:
        model(torch.randn(2, 4)).sum().backward()

# case: a fresh leaf and a fresh optimizer in every round: nothing carries over
import torch

latents = torch.randn(2, 4)
for i in range(3):
    x_in = latents.detach().clone()
    x_in.requires_grad = True
    opt = torch.optim.SGD([x_in], lr=0.1)
    with torch.enable_grad():
        loss = (x_in ** 2).sum()
        loss.backward(retain_graph=False)
        opt.step()
    latents = x_in.detach()
