# case: a loss from the indices of topk
import torch

scores = torch.randn(4, 5, requires_grad=True)
values, indices = scores.topk(2)
loss = indices.float().mean()
loss.backward()  # error: TL011 col 6

# case: accuracy from argmax used as a loss
import torch
import torch.nn as nn

model = nn.Linear(6, 3)
x, target = torch.randn(8, 6), torch.randint(0, 3, (8,))
pred = model(x).argmax(dim=1)
loss = 1 - (pred == target).float().mean()
loss.backward()  # error: TL011 col 6

# case: a comparison mask summed and differentiated with autograd.grad
import torch

x = torch.randn(5, requires_grad=True)
count = (x > 0).float().sum()
g = torch.autograd.grad(count, x)  # error: TL011 col 20

# case: a loss cast to long
import torch

w = torch.randn(3, requires_grad=True)
loss = (w ** 2).sum().long()
loss.backward()  # error: TL011 col 6

# case: the indices of max(dim=...)
import torch

logits = torch.randn(2, 4, requires_grad=True)
best, where = torch.max(logits, dim=1)
where.float().sum().backward()  # error: TL011 col 21

# case: a helper rounds its input to integers before the caller's backward
import torch


def quantize(t):
    return t.round().int()


w = torch.randn(4, requires_grad=True)
q = quantize(w * 10)
q.float().pow(2).sum().backward()  # error: TL011 col 24

# case: sort indices in a ranking loss
import torch

scores = torch.randn(6, requires_grad=True)
_, order = scores.sort(descending=True)
rank_loss = (order[:3].float() - 1.0).abs().mean()
torch.autograd.backward(rank_loss)  # error: TL011 col 16

# case: argmax inside a module's forward
import torch
import torch.nn as nn


class Picker(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 3)

    def forward(self, x):
        return self.fc(x).argmax(-1)


out = Picker()(torch.randn(2, 4))
out.float().sum().backward()  # error: TL011 col 19

# case: a loss computed from a detached output
import torch
import torch.nn as nn
import torch.nn.functional as F

model = nn.Linear(3, 2)
out = model(torch.randn(4, 3)).detach()
F.mse_loss(out, torch.zeros(4, 2)).backward()  # error: TL011 col 36

# case: the values of topk are differentiable
import torch

scores = torch.randn(4, 5, requires_grad=True)
values, indices = scores.topk(2)
values.mean().backward()

# case: indices used to gather differentiable scores
import torch

scores = torch.randn(4, 5, requires_grad=True)
idx = scores.argmax(1)
picked = scores[torch.arange(4), idx]
picked.sum().backward()

# case: cross-entropy on the scores, argmax only for accuracy
import torch
import torch.nn as nn
import torch.nn.functional as F

model = nn.Linear(6, 3)
x, target = torch.randn(8, 6), torch.randint(0, 3, (8,))
logits = model(x)
accuracy = (logits.argmax(1) == target).float().mean()
F.cross_entropy(logits, target).backward()

# case: a mask multiplies a differentiable value
import torch

x = torch.randn(5, requires_grad=True)
mask = (x > 0).float()
(x * mask).sum().backward()

# case: the max values of max(dim=...)
import torch

logits = torch.randn(2, 4, requires_grad=True)
best, where = logits.max(dim=1)
best.sum().backward()

# case: a float cast of a float tensor keeps the graph
import torch

w = torch.randn(3, requires_grad=True)
(w.double() ** 2).sum().backward()

# case: an integer tensor plus a differentiable one
import torch

w = torch.randn(3, requires_grad=True)
counts = torch.arange(3)
(w * counts).sum().backward()

# case: a loss whose origin is not known
import torch


def step(loss):
    loss.backward()

# case: a loss computed and backpropagated under torch.no_grad() (the oracle's)
import torch

w = torch.full((4, 2), 0.5, requires_grad=True)
with torch.no_grad():
    y = w.relu()
    torch.autograd.backward(y.sum())  # error: TL011 col 20

# case: a helper called from inside a no_grad block computes its loss with grad mode off
import torch

w = torch.randn(3, requires_grad=True)


def step(t):
    loss = (t * 2).sum()
    loss.backward()  # error: TL011 col 10
    return loss


with torch.no_grad():
    step(w)

# case: the same helper called with grad mode on: its loss has a graph
import torch

w = torch.randn(3, requires_grad=True)


def step(t):
    loss = (t * 2).sum()
    loss.backward()
    return loss


step(w)

# case: a function nobody calls runs with grad mode on
import torch


def step(t):
    with torch.no_grad():
        scale = t.norm()
    loss = (t * scale).sum()
    loss.backward()

# case: an optimizer of the user's whose step runs under @torch.no_grad() and calls the closure itself
import torch
import torch.nn as nn


class PlainStep(torch.optim.Optimizer):
    def __init__(self, params, lr=0.1):
        super().__init__(params, dict(lr=lr))

    @torch.no_grad()
    def step(self, closure=None):
        loss = closure() if closure is not None else None
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    p.add_(p.grad, alpha=-group["lr"])
        return loss


model = nn.Linear(4, 1)
opt = PlainStep(model.parameters())
x, y = torch.randn(8, 4), torch.randn(8, 1)


def closure():
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()  # error: TL011 col 10
    return loss


opt.step(closure)

# case: an optimizer of the user's that runs the closure with grad enabled again (SAM)
import torch
import torch.nn as nn


class SAM(torch.optim.Optimizer):
    def __init__(self, params, base_optimizer, rho=0.05, **kwargs):
        super().__init__(params, dict(rho=rho, **kwargs))
        self.base_optimizer = base_optimizer(self.param_groups, **kwargs)
        self.param_groups = self.base_optimizer.param_groups

    @torch.no_grad()
    def first_step(self):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    p.add_(p.grad * group["rho"])
        self.zero_grad()

    @torch.no_grad()
    def step(self, closure=None):
        closure = torch.enable_grad()(closure)
        self.first_step()
        closure()
        self.base_optimizer.step()


model = nn.Linear(4, 1)
opt = SAM(model.parameters(), torch.optim.SGD, lr=0.1)
x, y = torch.randn(8, 4), torch.randn(8, 1)


def closure():
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    return loss


closure()
opt.step(closure)

# case: an optimizer of the user's whose step does not call the closure under no_grad
import torch
import torch.nn as nn


class PlainStep(torch.optim.Optimizer):
    def __init__(self, params, lr=0.1):
        super().__init__(params, dict(lr=lr))

    def step(self, closure=None):
        loss = closure() if closure is not None else None
        with torch.no_grad():
            for group in self.param_groups:
                for p in group["params"]:
                    if p.grad is not None:
                        p.add_(p.grad, alpha=-group["lr"])
        return loss


model = nn.Linear(4, 1)
opt = PlainStep(model.parameters())
x, y = torch.randn(8, 4), torch.randn(8, 1)


def closure():
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    return loss


opt.step(closure)
