# case: per-sample losses from nn.MSELoss(reduction='none') on a Linear batch
import torch
import torch.nn as nn

model = nn.Linear(3, 1)
criterion = nn.MSELoss(reduction='none')
x = torch.randn(4, 3)
y = torch.randn(4, 1)
loss = criterion(model(x), y)
loss.backward()  # error: TL003 col 6

# case: F.mse_loss with reduction='none' gives one loss per element
import torch
import torch.nn as nn
import torch.nn.functional as F

model = nn.Linear(3, 2)
x = torch.randn(4, 3)
target = torch.zeros(4, 2)
losses = F.mse_loss(model(x), target, reduction='none')
losses.backward()  # error: TL003 col 8

# case: backward directly on the (4, 2) output of a Linear layer
import torch
import torch.nn as nn

model = nn.Linear(3, 2)
x = torch.randn(4, 3)
out = model(x)
out.backward()  # error: TL003 col 5

# case: user nn.Module whose forward returns a batch of outputs
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 8)
        self.fc2 = nn.Linear(8, 2)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


net = Net()
pred = net(torch.randn(4, 3))
pred.backward()  # error: TL003 col 6

# case: helper computes a per-sample squared error, caller calls backward on it
import torch


def per_sample_loss(pred, target):
    return ((pred - target) ** 2).sum(dim=1)


w = torch.randn(3, 2, requires_grad=True)
x = torch.randn(4, 3)
loss = per_sample_loss(x @ w, torch.zeros(4, 2))
loss.backward()  # error: TL003 col 6

# case: sum over one dimension only is still a vector
import torch

w = torch.randn(4, 3, requires_grad=True)
err = (w - 1.0) ** 2
row_loss = err.sum(dim=1)
row_loss.backward()  # error: TL003 col 10

# case: mean with keepdim=True over dim 0 leaves shape (1, 3)
import torch

w = torch.randn(4, 3, requires_grad=True)
m = (w * w).mean(dim=0, keepdim=True)
m.backward()  # error: TL003 col 3

# case: torch.autograd.backward on a non-scalar without grad_tensors
import torch
import torch.nn as nn

layer = nn.Linear(3, 2)
out = layer(torch.randn(5, 3))
torch.autograd.backward(out)  # error: TL003 col 16

# case: alias import torch as th
import torch as th

w = th.ones(2, 3, requires_grad=True)
y = th.tanh(w) * 2
th.autograd.backward(y)  # error: TL003 col 13

# case: from torch import autograd
import torch
from torch import autograd

w = torch.randn(3, requires_grad=True)
y = w.exp()
autograd.backward(y)  # error: TL003 col 10

# case: tuple unpacking, backward on the vector element
import torch

w = torch.randn(3, requires_grad=True)
doubled, total = w * 2, w.sum()
doubled.backward()  # error: TL003 col 9

# case: if/else branches agree on a (4, 2) shape
import sys
import torch
import torch.nn as nn

model = nn.Linear(3, 2)
out = model(torch.randn(4, 3))
if len(sys.argv) > 99:
    loss = out * 2
else:
    loss = out ** 2
loss.backward()  # error: TL003 col 6

# case: training loop with reduction='none' fails on the first step
import torch
import torch.nn as nn

model = nn.Linear(3, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
criterion = nn.L1Loss(reduction='none')
x = torch.randn(4, 3)
y = torch.randn(4, 1)
for step in range(3):
    opt.zero_grad()
    loss = criterion(model(x), y)
    loss.backward()  # error: TL003 col 10
    opt.step()

# case: gradient=None is the same as no gradient
import torch

w = torch.randn(2, 2, requires_grad=True)
y = w * 3
y.backward(gradient=None)  # error: TL003 col 3

# case: retain_graph alone does not provide a gradient
import torch
import torch.nn as nn

p = nn.Parameter(torch.randn(3))
y = p * 2
y.backward(retain_graph=True)  # error: TL003 col 3

# case: seed article 003: product of two 2x2 grad tensors
import torch

t1 = torch.randn(2, 2, requires_grad=True)
t2 = torch.randn(2, 2, requires_grad=True)
y = t1 * t2
y.backward()  # error: TL003 col 3

# case: default reduction='mean' gives a scalar loss
import torch
import torch.nn as nn

model = nn.Linear(3, 1)
criterion = nn.MSELoss()
x = torch.randn(4, 3)
y = torch.randn(4, 1)
loss = criterion(model(x), y)
loss.backward()

# case: per-sample losses reduced with .mean() before backward
import torch
import torch.nn as nn

model = nn.Linear(3, 1)
criterion = nn.MSELoss(reduction='none')
x = torch.randn(4, 3)
y = torch.randn(4, 1)
losses = criterion(model(x), y)
losses.mean().backward()

# case: model output reduced with .sum() before backward
import torch
import torch.nn as nn

model = nn.Linear(3, 2)
out = model(torch.randn(4, 3))
out.sum().backward()

# case: explicit gradient of ones_like
import torch

w = torch.randn(4, 3, requires_grad=True)
y = w * 2
y.backward(torch.ones_like(y))

# case: gradient passed by keyword
import torch
import torch.nn.functional as F

w = torch.randn(4, 3, requires_grad=True)
losses = F.mse_loss(w, torch.zeros(4, 3), reduction='none')
losses.backward(gradient=torch.full_like(losses, 0.5))

# case: torch.autograd.backward with grad_tensors
import torch

w = torch.randn(3, requires_grad=True)
y = w.sin()
torch.autograd.backward(y, grad_tensors=torch.ones(3))

# case: one-element tensor is fine without a gradient
import torch

y = torch.randn(1, requires_grad=True) * 2
y.backward()

# case: reductions over every dimension in turn end in a scalar
import torch

w = torch.randn(4, 3, requires_grad=True)
loss = ((w - 1.0) ** 2).sum(dim=1).mean()
loss.backward()

# case: helper returns a mean loss
import torch
import torch.nn as nn
import torch.nn.functional as F


def compute_loss(model, x, y):
    return F.mse_loss(model(x), y)


model = nn.Linear(3, 2)
loss = compute_loss(model, torch.randn(4, 3), torch.zeros(4, 2))
loss.backward()

# case: training loop with the default cross entropy
import torch
import torch.nn as nn

model = nn.Linear(3, 5)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
criterion = nn.CrossEntropyLoss()
x = torch.randn(4, 3)
y = torch.tensor([0, 1, 2, 3])
for step in range(3):
    opt.zero_grad()
    loss = criterion(model(x), y)
    loss.backward()
    opt.step()

# case: Linear on a single sample gives a (1, 1) output, one element
import torch
import torch.nn as nn

model = nn.Linear(3, 1)
out = model(torch.randn(1, 3))
out.backward()

# case: keepdim reduction of a (1, 3) tensor leaves one element
import torch

w = torch.randn(1, 3, requires_grad=True)
s = (w * w).sum(dim=1, keepdim=True)
s.backward()

# case: user module whose forward returns a scalar loss
import torch
import torch.nn as nn


class WithLoss(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 2)

    def forward(self, x, y):
        return nn.functional.mse_loss(self.fc(x), y)


m = WithLoss()
loss = m(torch.randn(4, 3), torch.zeros(4, 2))
loss.backward()

# case: tuple unpacking, backward on the scalar element
import torch

w = torch.randn(3, requires_grad=True)
doubled, total = w * 2, (w * 2).sum()
total.backward()

# case: if/else both branches reduce to a scalar
import sys
import torch

w = torch.randn(4, 3, requires_grad=True)
if len(sys.argv) > 99:
    loss = w.sum()
else:
    loss = w.pow(2).mean()
loss.backward()

# case: branches disagree (vector or scalar), not definite; the run takes the scalar branch
import sys
import torch
import torch.nn as nn

model = nn.Linear(3, 2)
out = model(torch.randn(4, 3))
if len(sys.argv) > 99:
    loss = out
else:
    loss = out.mean()
loss.backward()

# case: user object with its own backward method
import torch


class Scheduler:
    def __init__(self):
        self.steps = torch.zeros(4)

    def backward(self):
        self.steps -= 1


sched = Scheduler()
sched.backward()

# case: torch.autograd.grad on a vector with grad_outputs, then a scalar backward
import torch

w = torch.randn(3, requires_grad=True)
y = w ** 2
(g,) = torch.autograd.grad(y, w, grad_outputs=torch.ones_like(y), retain_graph=True)
y.sum().backward()

# case: torch.arange with float bounds has a known length
import torch

a = torch.arange(0, 1, 0.3, requires_grad=True)
a.backward()  # error: TL003 col 3

# case: torch.arange with a float bound of length one is a scalar for backward
import torch

a = torch.arange(0.5, requires_grad=True)
a.backward()

# case: x.type_as(x) under no_grad is x itself, which still requires grad
import torch

with torch.no_grad():
    x = torch.randn(2, 2, requires_grad=True)
    same = x.type_as(x)
same.backward()  # error: TL003 col 6

# case: a helper sets requires_grad of its argument, then binds the name to a new tensor
import torch

t1 = torch.randn(5, 4, 5)


def helper(t, k):
    t.requires_grad = True
    t = torch.zeros(2, 2, 4, requires_grad=True)
    return t


r = helper(t1, 1)
torch.autograd.backward(t1)  # error: TL003 col 16

# case: requires_grad_(False) on a view made under no_grad leaves it requiring grad, as its base does
import torch

a = torch.linspace(0, 1, 3, requires_grad=True)


def helper(t, flag):
    if flag:
        t = torch.as_strided(t, (1, 3), (t.stride(0), t.stride(0)), storage_offset=0)
    t.requires_grad_(False)
    return t


with torch.no_grad():
    r = helper(a, True)
r.sum(0, keepdim=True).backward()  # error: TL003 col 24

# case: as_strided of a tensor that requires grad keeps its graph after the base's requires_grad_(False)
import torch
import torch.nn.functional as F

t = torch.full((2, 4, 5, 5), 0.5, requires_grad=True)
view = torch.as_strided(t, (2,), (t.stride(0),), 1)
t.requires_grad_(False)
loss = F.mse_loss(view, torch.zeros_like(view), reduction='none')
loss.backward()  # error: TL003 col 6

# case: a training step nobody in the file calls backpropagates a batch of outputs
import torch
import torch.nn as nn


def train_step():
    model = nn.Linear(4, 2)
    out = model(torch.randn(8, 4))
    out.backward()  # error: TL003 col 9

# run: train_step()

# case: per-sample cross-entropy losses (reduction='none') backpropagated without reducing them
import torch
import torch.nn.functional as F

logits = torch.randn(8, 5, requires_grad=True)
target = torch.randint(0, 5, (8,))
losses = F.cross_entropy(logits, target, reduction="none")
losses.backward()  # error: TL003 col 8

# case: nn.CrossEntropyLoss(reduction='none') of a model's output in a training step
import torch
import torch.nn as nn

model = nn.Linear(4, 3)
criterion = nn.CrossEntropyLoss(reduction="none")
x = torch.randn(6, 4)
y = torch.randint(0, 3, (6,))
loss = criterion(model(x), y)
loss.backward()  # error: TL003 col 6

# case: per-pixel nll_loss of a segmentation map keeps batch, height and width
import torch
import torch.nn.functional as F

scores = F.log_softmax(torch.randn(2, 4, 3, 3, requires_grad=True), dim=1)
labels = torch.randint(0, 4, (2, 3, 3))
pixel_loss = F.nll_loss(scores, labels, reduction="none")
pixel_loss.backward()  # error: TL003 col 12

# case: per-sample losses weighted and summed before backward
import torch
import torch.nn as nn

model = nn.Linear(4, 3)
criterion = nn.CrossEntropyLoss(reduction="none")
weights = torch.rand(6)
loss = criterion(model(torch.randn(6, 4)), torch.randint(0, 3, (6,)))
(loss * weights).sum().backward()
loss2 = criterion(model(torch.randn(6, 4)), torch.randint(0, 3, (6,)))
loss2.mean().backward()

# case: cross-entropy of one unbatched sample is a scalar even with reduction='none'
import torch
import torch.nn.functional as F

scores = torch.randn(5, requires_grad=True)
single = F.cross_entropy(scores, torch.tensor(2), reduction="none")
single.backward()

# case: the deprecated reduce=False of NLLLoss keeps one loss per sample
import torch
import torch.nn as nn
import torch.nn.functional as F

scores = nn.Linear(6, 3)(torch.randn(4, 6))
criterion = nn.NLLLoss(reduce=False)
loss = criterion(F.log_softmax(scores, dim=1), torch.tensor([0, 2, 1, 0]))
loss.backward()  # error: TL003 col 6

# case: size_average=False alone sums the losses: a scalar
import torch
import torch.nn as nn
import torch.nn.functional as F

scores = nn.Linear(6, 3)(torch.randn(4, 6))
loss = F.nll_loss(F.log_softmax(scores, dim=1), torch.tensor([0, 2, 1, 0]), size_average=False)
loss.backward()

# case: a ranking loss of gathered probabilities keeps one value per sample (gather is shaped as its index)
import torch
import torch.nn.functional as F


def rank_loss(scores1, scores2, target, margin=0.05):
    ps1 = F.softmax(scores1, dim=1).gather(1, target.long().view(-1, 1))
    ps2 = F.softmax(scores2, dim=1).gather(1, target.long().view(-1, 1))
    return torch.clamp(ps1 - ps2 + margin, min=0)


scores = torch.randn(8, 5, requires_grad=True)
labels = torch.randint(0, 5, (8,))
rank_loss(scores, scores * 2, labels).backward()  # error: TL003 col 39

# case: take_along_dim of the log-probabilities, summed, is a scalar
import torch

logp = torch.randn(4, 6, requires_grad=True).log_softmax(-1)
picked = torch.take_along_dim(logp, torch.randint(0, 6, (4, 1)), dim=1)
(-picked).sum().backward()

# case: a layer of an nn.ModuleList picked by a known index returns a batch
import torch
import torch.nn as nn

heads = nn.ModuleList([nn.Linear(4, 2), nn.Linear(4, 3)])
heads[1](torch.randn(8, 4)).backward()  # error: TL003 col 29

# case: a ModuleList changed in place (insert) no longer tells which layer is first
import torch
import torch.nn as nn

heads = nn.ModuleList([nn.Linear(4, 2)])
heads.insert(0, nn.Sequential(nn.Linear(4, 1), nn.Flatten(0)))
heads[0](torch.randn(1, 4)).backward()

# case: a module of the file adds its own layers (add_module on an instance, not a container)
import torch
import torch.nn as nn


class Stack(nn.Module):
    def __init__(self):
        super().__init__()
        self.add_module("fc", nn.Linear(4, 2))

    def forward(self, x):
        return self.fc(x).sum()


Stack()(torch.randn(3, 4)).backward()

# case: a forward that runs its blocks from an nn.ModuleList built by a comprehension returns a batch
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, depth):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(4, 4) for _ in range(depth)])
        self.head = nn.Linear(4, 3)

    def forward(self, x):
        for block in self.blocks:
            x = torch.relu(block(x))
        return self.head(x)


out = Net(2)(torch.randn(8, 4))
out.backward()  # error: TL003 col 5

# case: iterating an nn.Sequential runs its layers in order
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(4, 4), nn.ReLU(), nn.Linear(4, 1))
h = torch.randn(8, 4)
for layer in model:
    h = layer(h)
h.mean().backward()

# case: an item of a list built by a comprehension is what each round computed
import torch
import torch.nn as nn

heads = nn.ModuleList([nn.Linear(6, 4) for _ in range(3)])
features = torch.randn(5, 6)
scores = [heads[i](features) for i in range(len(heads))]
scores[0].backward()  # error: TL003 col 11

# case: a block of the model replaced from outside (model surgery): its loop no longer knows the last layer
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Linear(4, 4), nn.Linear(4, 4)])

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return x


net = Net()
net.blocks[-1] = nn.Sequential(nn.Linear(4, 1), nn.Flatten(0))
net(torch.randn(1, 4)).backward()

# case: a layer of an nn.Sequential replaced by setattr no longer tells the container's output
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(4, 4), nn.Linear(4, 4))
setattr(model, "1", nn.Sequential(nn.Linear(4, 1), nn.Flatten(0)))
model(torch.randn(1, 4)).backward()

# case: one score per image picked with a tensor of class indices along dim 1: a (batch, batch) matrix (a Grad-CAM on a batch)
import torch

logits = torch.randn(4, 10, requires_grad=True)
picked = logits[:, logits.max(1)[-1]].squeeze()
picked.backward()  # error: TL003 col 8

# case: losses of a few samples picked with an index tensor, then backpropagated unreduced
import torch

losses = torch.randn(8, requires_grad=True) ** 2
chosen = losses[torch.tensor([0, 3, 5])]
chosen.backward()  # error: TL003 col 8

# case: the score of each image's own class, picked with two index tensors, then summed
import torch

logits = torch.randn(4, 10, requires_grad=True)
labels = torch.randint(0, 10, (4,))
picked = logits[torch.arange(4), labels]
picked.sum().backward()

# case: a boolean mask picks a number of elements the code does not show
import torch

losses = torch.randn(8, requires_grad=True) ** 2
hard = losses[losses > 100.0]
hard.sum().backward()

# case: a single index picked with a 0-d index tensor is one element
import torch

losses = torch.randn(8, requires_grad=True) ** 2
worst = losses[losses.argmax()]
worst.backward()
