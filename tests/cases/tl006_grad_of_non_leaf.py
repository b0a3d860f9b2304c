# case: a leaf plus a constant is not a leaf
import torch

x = torch.randn(2, 2, requires_grad=True) + 2
x.sum().backward()
print(x.grad)  # error: TL006 col 7

# case: flatten() of a 1-d non-leaf is that tensor or a copy of it: no leaf either way
import torch

w = torch.rand(3, 2, requires_grad=True)
v = (w * 2).flatten()
y = v.flatten()
y.sum().backward()
print(y.grad)  # error: TL006 col 7

# case: a leaf cast to double after requires_grad=True
import torch

w = torch.zeros(3, requires_grad=True).double()
loss = (w * torch.ones(3, dtype=torch.float64)).sum()
loss.backward()
grad = w.grad  # error: TL006 col 8

# case: the gradient of a hidden activation without retain_grad()
import torch
import torch.nn as nn

model = nn.Linear(4, 3)
h = model(torch.randn(2, 4))
h.sum().backward()
print(h.grad)  # error: TL006 col 7

# case: a helper reads the gradient of its argument
import torch


def grad_norm(t):
    return t.grad.norm()  # error: TL006 col 12


w = torch.randn(3, requires_grad=True)
y = w.exp()
y.sum().backward()
grad_norm(y)

# case: a weight cast to double handed to an optimizer
import torch

w = torch.randn(3, requires_grad=True).double()
optimizer = torch.optim.SGD([w], lr=0.1)  # error: TL006 col 25

# case: parameters built from a product handed to Adam
import torch

scale = torch.ones(1, requires_grad=True)
bias = torch.zeros(4, requires_grad=True) * scale
optimizer = torch.optim.Adam([scale, bias], lr=1e-3)  # error: TL006 col 25

# case: the input made to require grad and then normalized
import torch


def saliency(model, image):
    image.requires_grad_()
    x = (image - 0.5) / 0.25
    model(x).sum().backward()
    return x.grad.abs()  # error: TL006 col 12


saliency(torch.nn.Linear(4, 2), torch.rand(3, 4))

# case: a tensor gains a graph by an in-place op
import torch

w = torch.randn(3, requires_grad=True)
acc = torch.zeros(3)
acc += w
acc.sum().backward()
print(acc.grad)  # error: TL006 col 7

# case: the gradient of the leaf itself
import torch

x = torch.randn(2, 2, requires_grad=True)
y = x + 2
y.sum().backward()
print(x.grad)

# case: retain_grad() keeps an intermediate's gradient
import torch

x = torch.randn(2, 2, requires_grad=True)
y = x * 3
y.retain_grad()
y.sum().backward()
print(y.grad)

# case: a leaf made with the wanted dtype
import torch

w = torch.zeros(3, dtype=torch.float64, requires_grad=True)
(w * 2).sum().backward()
print(w.grad)

# case: detach().requires_grad_() makes a new leaf
import torch

w = torch.randn(3, requires_grad=True).double().detach().requires_grad_()
optimizer = torch.optim.SGD([w], lr=0.1)
(w ** 2).sum().backward()
optimizer.step()
print(w.grad)

# case: a module's parameters in the optimizer
import torch
import torch.nn as nn

model = nn.Linear(3, 2)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
model(torch.randn(4, 3)).sum().backward()
print(model.weight.grad)

# case: .to() may hand the leaf back itself
import torch

w = torch.randn(3, requires_grad=True).to("cpu")
optimizer = torch.optim.SGD([w], lr=0.1)
(w * 2).sum().backward()
print(w.grad)

# case: a value computed under no_grad, then made to require grad
import torch

w = torch.randn(3, requires_grad=True)
with torch.no_grad():
    v = w * 2
v.requires_grad_()
(v * 3).sum().backward()
print(v.grad)

# case: .float() of a float32 leaf is the leaf itself
import torch

w = torch.randn(3, requires_grad=True).float()
(w * 2).sum().backward()
print(w.grad)

# case: a branch joins two non-leaf results; neither path retained its grad (the oracle's)
import torch
import torch.nn as nn

fc = nn.Linear(4, 4)
x = torch.randn(2, 4)
h = fc(x)
if x.sum() > 0:
    h = h.relu()
h.sum().backward()
g = h.grad  # error: TL006 col 5

# case: a branch joins a result that retained its grad with one that did not: silent
import torch
import torch.nn as nn

fc = nn.Linear(4, 4)
x = torch.randn(2, 4)
h = fc(x)
if x.abs().sum() >= 0:  # always, but the linter cannot tell
    h.retain_grad()
h.sum().backward()
g = h.grad

# case: a functional dropout hands back its input or a new tensor: a non-leaf either way (the oracle's)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def forward(self, x):
        h = self.fc(x)
        if self.training:
            h = F.dropout(h, p=0.5)
        return h


net = Net()
out = net(torch.randn(2, 4))
(out * 2).sum().backward()
g = out.grad  # error: TL006 col 5

# case: a loss bound in a loop over range(2) is bound after it: the loop runs at least once (the oracle's)
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(2):
    optimizer.zero_grad()
    loss = model(torch.randn(2, 4)).pow(2).mean()
    loss.backward()
    optimizer.step()
g = loss.grad  # error: TL006 col 5

# case: a tensor made on the CPU with requires_grad=True, then moved to another device: the move is a copy
import torch

w = torch.randn(3, requires_grad=True).to("meta")
optimizer = torch.optim.SGD([w], lr=0.1)  # error: TL006 col 25

# case: an input made to require grad, then moved with .to(torch.device(...)) in a helper: its .grad is not kept
import torch


def input_gradient(images, device):
    moved = images.requires_grad_().to(device)
    return moved.grad  # error: TL006 col 12


input_gradient(torch.rand(2, 3), torch.device("meta"))

# case: a tensor made on the device it is moved to: the move changes nothing
import torch

w = torch.randn(3, device="meta", requires_grad=True).to("meta")
optimizer = torch.optim.SGD([w], lr=0.1)

# case: a CPU tensor moved to the CPU is itself
import torch

w = torch.randn(3, requires_grad=True).to("cpu")
optimizer = torch.optim.SGD([w.cpu()], lr=0.1)

# case: a tensor made under `with torch.device(...)` is on that device already
import torch

with torch.device("meta"):
    w = torch.randn(3, requires_grad=True)
optimizer = torch.optim.SGD([w.to("meta")], lr=0.1)

# case: a move to the device of another tensor that is on the same device
import torch

x = torch.zeros(2, device="meta", requires_grad=True)
y = torch.zeros(2, device="meta")
optimizer = torch.optim.SGD([x.to(y)], lr=0.1)
