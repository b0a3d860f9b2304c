# case: torch.arange with integer bounds and requires_grad=True
import torch

x = torch.arange(5, requires_grad=True)  # error: TL007 col 11

# case: torch.tensor of integer literals
import torch

w = torch.tensor([1, 2, 3], requires_grad=True)  # error: TL007 col 11

# case: a factory with dtype=torch.long
import torch

labels = torch.zeros(4, dtype=torch.long, requires_grad=True)  # error: TL007 col 16

# case: torch.randint is int64
import torch

idx = torch.randint(0, 10, (4,), requires_grad=True)  # error: TL007 col 13

# case: a bool mask asked to require grad
import torch

mask = torch.ones(3, 3, dtype=torch.bool, requires_grad=True)  # error: TL007 col 14

# case: .requires_grad_() after a cast to long
import torch

x = torch.rand(3, 3)
y = x.long().requires_grad_()  # error: TL007 col 14

# case: .requires_grad = True on the indices of torch.max
import torch

scores = torch.randn(4, 10)
_, pred = torch.max(scores, 1)
pred.requires_grad = True  # error: TL007 col 1

# case: nn.Parameter of an integer tensor in a module's __init__
import torch
import torch.nn as nn


class Lookup(nn.Module):
    def __init__(self):
        super().__init__()
        self.table = nn.Parameter(torch.arange(10))  # error: TL007 col 25


Lookup()

# case: a helper makes the tensor; the caller passes integer data
import torch


def make_weights(values):
    return torch.tensor(values, requires_grad=True)  # error: TL007 col 18


make_weights([1, 2, 3])

# case: float bounds make arange floating point
import torch

x = torch.arange(5.0, requires_grad=True)
y = torch.arange(0, 1, 0.25, requires_grad=True)

# case: float literals and an explicit float dtype
import torch

w = torch.tensor([1.0, 2, 3], requires_grad=True)
b = torch.zeros(3, dtype=torch.float32, requires_grad=True)

# case: an integer tensor cast to float first
import torch

x = torch.arange(5).float().requires_grad_()

# case: requires_grad=False on an integer tensor is allowed
import torch

idx = torch.arange(5, requires_grad=False)
idx.requires_grad_(False)
idx.requires_grad = False

# case: nn.Parameter of integers that does not require grad
import torch
import torch.nn as nn

counts = nn.Parameter(torch.zeros(3, dtype=torch.long), requires_grad=False)

# case: arange of an unknown bound may be floating point
import torch


def grid(n):
    return torch.arange(n, requires_grad=True)


grid(4.0)

# case: torch.tensor of data whose dtype is not shown
import torch


def weights(values):
    return torch.tensor(values, requires_grad=True)


weights([0.5, 1.5])

# case: the values of torch.max are floating point
import torch

scores = torch.randn(4, 10)
best, _ = torch.max(scores, 1)
best.requires_grad = True

# case: the legacy Variable wrapper asked to require grad of an arange (int64)
import torch as t
from torch.autograd import Variable as V

x = V(t.arange(-2, 4), requires_grad=True)  # error: TL007 col 5

# case: the legacy Variable wrapper of a float arange, or of an integer one without grad
import torch
from torch.autograd import Variable

x = Variable(torch.arange(-2, 4).float(), requires_grad=True)
idx = Variable(torch.arange(-2, 4))
kept = torch.autograd.Variable(torch.arange(3), requires_grad=False)
print(x.sum().item(), idx.sum().item(), kept.sum().item())
