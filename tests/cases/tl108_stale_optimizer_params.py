# case: the classifier head replaced after the optimizer was built
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Linear(4, 8)
        self.fc = nn.Linear(8, 2)

    def forward(self, x):
        return self.fc(torch.relu(self.body(x)))


model = Net()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
model.fc = nn.Linear(8, 3)
x, y = torch.randn(16, 4), torch.randint(0, 3, (16,))
for step in range(3):
    optimizer.zero_grad()
    loss = nn.functional.cross_entropy(model(x), y)
    loss.backward()
    optimizer.step()  # error: TL108 col 15

# case: the model made again after the optimizer
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
x = torch.randn(16, 4)
for epoch in range(3):
    optimizer.zero_grad()
    loss = model(x).pow(2).mean()
    loss.backward()
    optimizer.step()  # error: TL108 col 15

# case: setattr puts a new layer where the old one was
import torch
import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(3, 3)

    def forward(self, x):
        return self.proj(x)


enc = Encoder()
opt = torch.optim.SGD(enc.parameters(), lr=0.1)
setattr(enc, "proj", nn.Linear(3, 3))
loss = enc(torch.randn(5, 3)).pow(2).sum()
loss.backward()
opt.step()  # error: TL108 col 5

# case: a layer of a module the interpreter does not know replaced
import torch
import torch.nn as nn

model = nn.TransformerEncoderLayer(d_model=8, nhead=2, dim_feedforward=16)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
model.linear2 = nn.Linear(16, 8)
src = torch.randn(5, 2, 8)
loss = model(src).pow(2).mean()
loss.backward()
optimizer.step()  # error: TL108 col 11

# case: a model made for each fold, the optimizer once before the folds
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for fold in range(2):
    model = nn.Linear(4, 1)
    for step in range(2):
        optimizer.zero_grad()
        loss = model(torch.randn(8, 4)).pow(2).mean()
        loss.backward()
        optimizer.step()  # error: TL108 col 19

# case: the training function the script calls steps the stale optimizer
import torch
import torch.nn as nn


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Linear(6, 4)
        self.head = nn.Linear(4, 2)

    def forward(self, x):
        return self.head(self.features(x))


def train(model, optimizer, batches):
    for x, y in batches:
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()  # error: TL108 col 19


net = Classifier()
sgd = torch.optim.SGD(net.parameters(), lr=0.01)
net.head = nn.Linear(4, 5)
train(net, sgd, [(torch.randn(3, 6), torch.randint(0, 5, (3,)))])

# case: an optimizer for the head alone, then the head replaced
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Linear(4, 4)
        self.classifier = nn.Linear(4, 2)

    def forward(self, x):
        return self.classifier(self.backbone(x))


model = Net()
head_opt = torch.optim.Adam(model.classifier.parameters())
model.classifier = nn.Linear(4, 10)
out = model(torch.randn(2, 4))
out.sum().backward()
head_opt.step()  # error: TL108 col 10

# case: a whole new head block of layers
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(x)


model = Net()
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
model.fc = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 2))
model(torch.randn(3, 4)).sum().backward()
optimizer.step()  # error: TL108 col 11

# case: the optimizer built after the head was replaced
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(x)


model = Net()
model.fc = nn.Linear(4, 3)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
model(torch.randn(3, 4)).sum().backward()
optimizer.step()

# case: a new optimizer made after the replacement
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
model = nn.Linear(4, 2)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
model(torch.randn(3, 4)).sum().backward()
optimizer.step()

# case: the new layer handed to the optimizer with add_param_group
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(x)


model = Net()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
model.fc = nn.Linear(4, 3)
optimizer.add_param_group({"params": model.fc.parameters()})
model(torch.randn(3, 4)).sum().backward()
optimizer.step()

# case: a submodule the optimizer never held replaced
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Linear(4, 4)
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(self.backbone(x).detach())


model = Net()
optimizer = torch.optim.SGD(model.fc.parameters(), lr=0.1)
model.backbone = nn.Linear(4, 4)
model.backbone.requires_grad_(False)
model(torch.randn(3, 4)).sum().backward()
optimizer.step()

# case: the model moved with .to(): the same module
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
model = model.to("cpu")
model(torch.randn(3, 4)).sum().backward()
optimizer.step()

# case: the head replaced by nn.Identity: nothing new to train
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Linear(4, 4)
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(self.body(x))


model = Net()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
model.fc = nn.Identity()
model(torch.randn(3, 4)).sum().backward()
optimizer.step()

# case: the new layer frozen: it is not meant to train
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Linear(4, 4)
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(self.body(x))


model = Net()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
frozen = nn.Linear(4, 2)
frozen.requires_grad_(False)
model.fc = frozen
model(torch.randn(3, 4)).sum().backward()
optimizer.step()

# case: the old model kept and trained under another name
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
student = model
model = nn.Linear(4, 1)
student(torch.randn(3, 4)).sum().backward()
optimizer.step()

# case: the model wrapped after the optimizer: the wrapper holds the same parameters
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
model = nn.DataParallel(model)
model(torch.randn(3, 4)).sum().backward()
optimizer.step()

# case: a model made per fold with its own optimizer
import torch
import torch.nn as nn

for fold in range(2):
    model = nn.Linear(4, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for step in range(2):
        optimizer.zero_grad()
        model(torch.randn(8, 4)).pow(2).mean().backward()
        optimizer.step()

# case: a layer of an nn.Sequential replaced by subscript after the optimizer was built (the oracle's)
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(4, 3), nn.Tanh(), nn.Linear(3, 2))  # tanh: the new layer's gradient is never 0
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
model[2] = nn.Linear(3, 2)
loss = model(torch.randn(3, 4)).pow(2).mean()
loss.backward()
optimizer.step()  # error: TL108 col 11

# case: an activation of an nn.Sequential replaced by subscript: it has no parameters to train
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
model[1] = nn.Tanh()
loss = model(torch.randn(3, 4)).pow(2).mean()
loss.backward()
optimizer.step()

# case: the model replaced by a deep copy of itself after the optimizer was built: the copy's parameters are new
import copy

import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(x)


model = Net()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
model = copy.deepcopy(model)
loss = model(torch.randn(3, 4)).pow(2).mean()
loss.backward()
optimizer.step()  # error: TL108 col 11

# case: a deep copy kept aside as a backup: the model trained is the one the optimizer holds
from copy import deepcopy

import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(4, 2))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
best = deepcopy(model)
loss = model(torch.randn(3, 4)).pow(2).mean()
loss.backward()
optimizer.step()

# case: a helper of the file replaces a layer of the model it is given, after the optimizer was built
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(x)


def widen(model):
    model.fc = nn.Linear(4, 2)


model = Net()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
widen(model)
loss = model(torch.randn(3, 4)).pow(2).mean()
loss.backward()
optimizer.step()  # error: TL108 col 11

# case: a method of another object replaces a submodule of the model it holds, with setattr
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(x)


class Pruner:
    def __init__(self, model):
        self.model = model

    def apply(self):
        setattr(self.model, "fc", nn.Linear(4, 2))


model = Net()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
Pruner(model).apply()
loss = model(torch.randn(3, 4)).pow(2).mean()
loss.backward()
optimizer.step()  # error: TL108 col 11

# case: the helper hands the new layer's parameters to the optimizer it is given
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(x)


def widen(model, optimizer):
    model.fc = nn.Linear(4, 2)
    optimizer.add_param_group({"params": model.fc.parameters()})


model = Net()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
widen(model, optimizer)
loss = model(torch.randn(3, 4)).pow(2).mean()
loss.backward()
optimizer.step()

# case: the helper replaces the layer only on some calls
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(x)


def maybe_reset(model, reset):
    if reset:
        model.fc = nn.Linear(4, 2)


def train(model, optimizer, reset):
    maybe_reset(model, reset)
    loss = model(torch.randn(3, 4)).pow(2).mean()
    loss.backward()
    optimizer.step()


model = Net()
train(model, torch.optim.SGD(model.parameters(), lr=0.1), False)

# case: the helper replaces the layer, then builds the optimizer the caller uses
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(x)


def rebuild(model):
    model.fc = nn.Linear(4, 2)
    return torch.optim.SGD(model.parameters(), lr=0.1)


model = Net()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
optimizer = rebuild(model)
loss = model(torch.randn(3, 4)).pow(2).mean()
loss.backward()
optimizer.step()
