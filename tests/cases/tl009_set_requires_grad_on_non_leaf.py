# case: requires_grad = False on the product of a leaf that requires grad
import torch

w = torch.randn(3, requires_grad=True)
y = w * 2
y.requires_grad = False  # error: TL009 col 1

# case: a model's output told to require grad
import torch
import torch.nn as nn

model = nn.Linear(3, 2)
out = model(torch.randn(4, 3))
out.requires_grad = True  # error: TL009 col 1

# case: a leaf cast to double is a copy, not a leaf
import torch

w = torch.zeros(3, requires_grad=True).double()
w.requires_grad_(False)  # error: TL009 col 3

# case: an indexed row of a parameter
import torch
import torch.nn as nn

emb = nn.Embedding(10, 4)
row = emb.weight[0]
row.requires_grad = False  # error: TL009 col 1

# case: a tensor written in place from one that requires grad gains a graph
import torch

w = torch.randn(3, requires_grad=True)
acc = torch.zeros(3)
acc.add_(w)
acc.requires_grad = False  # error: TL009 col 1

# case: a helper freezes what its caller computed
import torch


def freeze(t):
    t.requires_grad = False  # error: TL009 col 5
    return t


x = torch.randn(2, 2, requires_grad=True)
freeze(x.exp())

# case: inside a module's forward, the hidden state is computed from parameters
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def forward(self, x):
        h = self.fc(x)
        h.requires_grad_(False)  # error: TL009 col 11
        return h


Net()(torch.randn(2, 4))

# case: the loss of a training loop told to require grad
import torch
import torch.nn as nn
import torch.nn.functional as F

model = nn.Linear(3, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
x, y = torch.randn(8, 3), torch.randn(8, 1)
for step in range(3):
    optimizer.zero_grad()
    loss = F.mse_loss(model(x), y)
    loss.requires_grad = True  # error: TL009 col 5
    loss.backward()
    optimizer.step()

# case: detach() gives a leaf whose flag may change
import torch

w = torch.randn(3, requires_grad=True)
y = (w * 2).detach()
y.requires_grad = True

# case: requires_grad_(True) on a computed tensor changes nothing
import torch

w = torch.randn(3, requires_grad=True)
y = w * 2
y.requires_grad_(True)
y.requires_grad_()

# case: a result computed under no_grad is a leaf
import torch

w = torch.randn(3, requires_grad=True)
with torch.no_grad():
    y = w * 2
y.requires_grad = True

# case: freezing a module's parameters
import torch.nn as nn

model = nn.Linear(3, 2)
for p in model.parameters():
    p.requires_grad = False
model.weight.requires_grad_(False)

# case: .to() may hand the leaf itself back
import torch

w = torch.randn(3, requires_grad=True)
v = w.to("cpu")
v.requires_grad = False

# case: dropout outside training hands its input back
import torch
import torch.nn.functional as F

w = torch.randn(3, requires_grad=True)
d = F.dropout(w, training=False)
d.requires_grad = False

# case: a tensor computed from tensors that do not require grad
import torch

x = torch.randn(3)
y = x * 2 + 1
y.requires_grad = True

# case: a parameter of unknown origin in a function nobody calls
import torch


def unfreeze(t: torch.Tensor):
    t.requires_grad = True

# case: a helper taking *items freezes each: one of them is computed
import torch


def freeze(*items):
    for item in items:
        item.requires_grad_(False)  # error: TL009 col 14


weights = torch.randn(3, requires_grad=True)
freeze(weights * 2)

# case: keyword arguments gathered by **options reach the tensor they name
import torch


def set_flags(tensor, **options):
    tensor.requires_grad = options["trainable"]


set_flags(torch.zeros(3), trainable=True)

# case: an attack loop steps the image without detaching it: from the second round on it is a non-leaf
import torch

model = torch.nn.Linear(4, 2)
x_adv = torch.rand(3, 4).clone()
for step in range(3):
    x_adv.requires_grad = True  # error: TL009 col 5
    loss = model(x_adv).sum()
    grad, = torch.autograd.grad(loss, x_adv)
    x_adv = x_adv + 0.01 * grad.sign()

# case: the same loop inside a method, the step clamped
import torch
import torch.nn as nn


class Attack(nn.Module):
    def __init__(self, model, steps=3):
        super().__init__()
        self.model = model
        self.steps = steps

    def forward(self, images):
        image = images.clone()
        for _ in range(self.steps):
            image.requires_grad = True  # error: TL009 col 13
            score = self.model(image).max()
            grad = torch.autograd.grad(score, image)[0]
            image = torch.clamp(image + 0.01 * grad, 0, 1)
        return image


Attack(nn.Linear(4, 2))(torch.rand(3, 4))

# case: the step is detached at the end of each round (the fix): every round starts from a leaf
import torch

model = torch.nn.Linear(4, 2)
x_adv = torch.rand(3, 4).clone()
for step in range(3):
    x_adv.requires_grad = True
    loss = model(x_adv).sum()
    grad, = torch.autograd.grad(loss, x_adv)
    x_adv = (x_adv + 0.01 * grad.sign()).detach()

# case: the step is taken under no_grad: the new image does not require grad, a leaf
import torch

model = torch.nn.Linear(4, 2)
x_adv = torch.rand(3, 4).clone()
for step in range(3):
    x_adv.requires_grad = True
    loss = model(x_adv).sum()
    grad, = torch.autograd.grad(loss, x_adv)
    with torch.no_grad():
        x_adv = x_adv + 0.01 * grad.sign()

# case: a round that ends with a non-leaf only on some paths
import sys

import torch

model = torch.nn.Linear(4, 2)
x_adv = torch.rand(3, 4).clone()
for step in range(3):
    x_adv.requires_grad = True
    loss = model(x_adv).sum()
    grad, = torch.autograd.grad(loss, x_adv)
    if len(sys.argv) > 99:
        x_adv = x_adv + 0.01 * grad.sign()
    else:
        x_adv = (x_adv + 0.01 * grad.sign()).detach()
