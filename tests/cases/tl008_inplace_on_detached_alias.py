# case: the output of exp zeroed through its detached alias
import torch

x = torch.randn(3, requires_grad=True)
y = x.exp()
d = y.detach()
d.zero_()
y.sum().backward()  # error: TL008 col 9

# case: abs saves its input; the leaf is zeroed through its detached alias
import torch

w = torch.zeros((), requires_grad=True)
y = w.abs() + 1
w.detach().zero_()
y.sum().backward()  # error: TL008 col 9

# case: a sigmoid's output clamped in place through detach() for logging
import torch
import torch.nn as nn

fc = nn.Linear(4, 2)
probs = torch.sigmoid(fc(torch.randn(3, 4)))
shown = probs.detach()
shown.clamp_(0.1, 0.9)
loss = probs.mean()
loss.backward()  # error: TL008 col 6

# case: a factor of a product written through its detached alias
import torch

x = torch.randn(3, requires_grad=True)
w = torch.randn(3, requires_grad=True)
z = x * w
x.detach()[0] = 0.0
z.sum().backward()  # error: TL008 col 9

# case: augmented assignment on the alias of a tanh activation
import torch

x = torch.randn(2, 3, requires_grad=True)
h = torch.tanh(x)
view = h.detach()
view += 1.0
torch.autograd.backward(h.sum())  # error: TL008 col 16

# case: the input of log written through a view of its alias
import torch

x = torch.rand(3, 2) + 0.5
x.requires_grad_()
out = torch.log(x).sum()
alias = x.detach()
alias[:, 0].fill_(1.0)
out.backward()  # error: TL008 col 5

# case: torch.autograd.grad of a relu's output after the alias is zeroed
import torch

x = torch.randn(5, requires_grad=True)
r = torch.relu(x)
r.detach().zero_()
g = torch.autograd.grad(r.sum(), x)  # error: TL008 col 20

# case: the alias written in a training step before the backward
import torch
import torch.nn as nn


def step(model, batch):
    scores = model(batch).softmax(-1)
    best = scores.detach()
    best.mul_(2.0)
    loss = -scores.log().mean()
    loss.backward()  # error: TL008 col 10


step(nn.Linear(4, 3), torch.randn(2, 4))

# case: a detached copy written in place
import torch

x = torch.randn(3, requires_grad=True)
y = x.exp()
d = y.detach().clone()
d.zero_()
y.sum().backward()

# case: the alias written after the backward
import torch

x = torch.randn(3, requires_grad=True)
y = x.exp()
y.sum().backward()
y.detach().zero_()

# case: a value not saved for backward (a sum)
import torch

x = torch.randn(3, requires_grad=True)
y = x + 1
d = y.detach()
d += 1
y.sum().backward()

# case: a product by a constant saves no tensor of its own
import torch

x = torch.randn(3, requires_grad=True)
y = x.detach()
z = x * 2.0
y.zero_()
z.sum().backward()

# case: the alias written only on one path
import random

import torch

x = torch.randn(3, requires_grad=True)
y = x.exp()
if random.random() > 2:
    y.detach().zero_()
y.sum().backward()

# case: a constant factor a product saved, written through its alias
import torch

x = torch.randn(3, requires_grad=True)
w = torch.randn(3)
y = x * w
w.detach().mul_(1.0)
y.sum().backward()  # error: TL008 col 9

# case: writing through .data is not counted (the gradient is silently wrong, no error)
import torch

x = torch.randn(3, requires_grad=True)
y = x.exp()
y.data.zero_()
y.sum().backward()

# case: the graph was rebuilt after the write
import torch

x = torch.randn(3, requires_grad=True)
y = x.exp()
y.detach().zero_()
y = x.exp()
y.sum().backward()

# case: an optimizer step between two forward passes
import torch
import torch.nn as nn

model = nn.Linear(3, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for _ in range(2):
    opt.zero_grad()
    out = torch.sigmoid(model(torch.randn(4, 3)))
    out.mean().backward()
    opt.step()
    out.detach().zero_()
