# case: manual SGD step outside no_grad
import torch

w = torch.randn(3, requires_grad=True)
x = torch.randn(3)
(w * x).sum().backward()
w -= 0.1 * w.grad  # error: TL010 col 1

# case: an in-place method on a tensor made with requires_grad=True
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
x.add_(1)  # error: TL010 col 3

# case: item assignment into a leaf that requires grad
import torch

w = torch.zeros(4, requires_grad=True)
w[0] = 1.0  # error: TL010 col 1

# case: updating a model's parameters in a training loop without no_grad
import torch
import torch.nn as nn

model = nn.Linear(3, 1)
x, y = torch.randn(8, 3), torch.randn(8, 1)
loss = ((model(x) - y) ** 2).mean()
loss.backward()
for p in model.parameters():
    p -= 0.01 * p.grad  # error: TL010 col 5

# case: initialising an nn.Parameter in place in __init__
import torch
import torch.nn as nn


class Scale(nn.Module):
    def __init__(self):
        super().__init__()
        self.gamma = nn.Parameter(torch.empty(4))
        self.gamma.fill_(1.0)  # error: TL010 col 20


Scale()

# case: a leaf made by requires_grad_() then zeroed
import torch

h = torch.empty(2, 3).requires_grad_()
h.zero_()  # error: TL010 col 3

# case: a helper that updates what its caller passes
import torch


def step(param, lr):
    param.sub_(lr * param.grad)  # error: TL010 col 11


w = torch.randn(5, requires_grad=True)
(w ** 2).sum().backward()
step(w, 0.1)

# case: augmented multiplication of a leaf made by requires_grad = True
import torch

t = torch.ones(3)
t.requires_grad = True
t *= 2  # error: TL010 col 1

# case: the update inside torch.no_grad()
import torch

w = torch.randn(3, requires_grad=True)
(w * 2).sum().backward()
with torch.no_grad():
    w -= 0.1 * w.grad
    w.grad.zero_()

# case: a function decorated with @torch.no_grad()
import torch
import torch.nn as nn


@torch.no_grad()
def sgd(model, lr):
    for p in model.parameters():
        p.add_(p.grad, alpha=-lr)


model = nn.Linear(2, 2)
model(torch.randn(3, 2)).sum().backward()
sgd(model, 0.1)

# case: writing through .data
import torch

w = torch.randn(3, requires_grad=True)
w.data.mul_(0.5)
w.data[0] = 0.0

# case: in-place on a clone is fine
import torch

w = torch.randn(3, requires_grad=True)
v = w.clone()
v += 1
v[0] = 0.0

# case: in-place on a tensor that does not require grad
import torch

x = torch.zeros(3)
x += 1
x[1] = 2.0
x.mul_(3)

# case: a module's buffers do not require grad
import torch
import torch.nn as nn

bn = nn.BatchNorm1d(4)
for b in bn.buffers():
    b.zero_()

# case: the gradient itself is written in place
import torch

w = torch.randn(3, requires_grad=True)
(w * 3).sum().backward()
w.grad.mul_(0.5)
w.grad.zero_()

# case: frozen, then updated
import torch

w = torch.randn(3, requires_grad=True)
w.requires_grad_(False)
w.add_(1)

# case: set_grad_enabled(False) around the update
import torch

w = torch.randn(3, requires_grad=True)
(w * 2).sum().backward()
with torch.set_grad_enabled(False):
    w -= 0.1 * w.grad

# case: a layer's parameters frozen around a copy into them, then unfrozen
import torch
import torch.nn as nn


class Conv1D(nn.Module):
    def __init__(self, nf, nx):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(nx, nf))
        self.bias = nn.Parameter(torch.zeros(nf))


def pruned(layer, index):
    W = layer.weight.index_select(1, index).clone().detach()
    new_layer = Conv1D(len(index), layer.weight.size(0))
    new_layer.weight.requires_grad = False
    new_layer.weight.copy_(W.contiguous())
    new_layer.weight.requires_grad = True
    return new_layer


pruned(Conv1D(4, 3), torch.tensor([0, 2]))

# case: a leaf detached in place (detach_()) is outside the graph: writing into it is allowed
import numpy as np
import torch
import torch.nn as nn


def create_sinusoidal_embeddings(nb_p, dim, E):
    theta = np.array([[p / np.power(10000, 2 * (j // 2) / dim) for j in range(dim)] for p in range(nb_p)])
    E.detach_()
    E[:, 0::2] = torch.FloatTensor(np.sin(theta[:, 0::2]))
    E[:, 1::2] = torch.FloatTensor(np.cos(theta[:, 1::2]))
    E.requires_grad = False


w = torch.zeros(3, requires_grad=True)
w.detach_()
w.add_(1)
print(w.numpy())
create_sinusoidal_embeddings(8, 4, nn.Parameter(torch.empty(8, 4)))

# case: a torch layer's weight written in place with grad mode on (the oracle's; treelstm's GloVe copy)
import torch
import torch.nn as nn

emb = nn.Embedding(10, 4)
glove = torch.randn(10, 4)
emb.weight.copy_(glove)  # error: TL010 col 12

# case: the same copy under torch.no_grad(), and through .data: allowed
import torch
import torch.nn as nn

emb = nn.Embedding(10, 4)
glove = torch.randn(10, 4)
with torch.no_grad():
    emb.weight.copy_(glove)
emb.weight.data.copy_(glove)

# case: a frozen layer's weight is no leaf that requires grad
import torch
import torch.nn as nn

fc = nn.Linear(4, 2)
fc.requires_grad_(False)
fc.weight.zero_()

# case: a layer built with bias=False has no bias to write
import torch
import torch.nn as nn

fc = nn.Linear(4, 2, bias=False)
fc.weight.requires_grad_(False)

# case: a column of a layer's weight changed by an augmented assignment (a view of the leaf, then stored back)
import torch
import torch.nn as nn

fc = nn.Linear(3, 4)
fc.weight[:, 1] -= torch.randn(4) * 0.5  # error: TL010 col 1

# case: an item of a parameter changed by += at an index the helper is given
import torch

w = torch.randn(5, requires_grad=True)


def bump(index):
    w[index] += 1.0  # error: TL010 col 5


bump(torch.tensor([0, 2]))

# case: the same column update inside torch.no_grad()
import torch
import torch.nn as nn

fc = nn.Linear(3, 4)
with torch.no_grad():
    fc.weight[:, 1] -= torch.randn(4) * 0.5

# case: an item of a result (not a leaf) changed by +=
import torch

w = torch.randn(5, requires_grad=True)
y = w * 2
y[0] += 1.0
y.sum().backward()

# case: an item of a tensor that does not require grad changed by += (it then requires grad)
import torch

w = torch.randn(5, requires_grad=True)
buf = torch.zeros(5)
buf[1] += w[1]
buf.sum().backward()

# case: weights loaded in place after a helper swapped each layer, by a name the code does not show, for a frozen copy (torchao's loading tests)
import torch
import torch.nn as nn


def freeze_linears(model):
    for name, child in model.named_children():
        frozen = nn.Linear(child.in_features, child.out_features, bias=False)
        frozen.weight = nn.Parameter(child.weight.detach().clone(), requires_grad=False)
        setattr(model, name, frozen)


class Toy(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear1 = nn.Linear(4, 3, bias=False)
        self.linear2 = nn.Linear(3, 2, bias=False)


state = Toy().state_dict()
loaded = Toy()
freeze_linears(loaded)
loaded.linear1.weight.copy_(state["linear1.weight"])
loaded.linear2.weight.copy_(state["linear2.weight"])

# case: a module given to a function named as torch names those that change their arguments in place (torchao's quantize_), which may freeze its weights
import torch
import torch.nn as nn


class Toy(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear1 = nn.Linear(4, 3, bias=False)


def load(state, quantize_):
    model = Toy()
    quantize_(model)
    model.linear1.weight.copy_(state["linear1.weight"])
    return model

# run: load(Toy().state_dict(), lambda model: model.requires_grad_(False))

# case: a layer rebuilt by a helper reached only through a lambda in a table, dispatched under no_grad
import torch
import torch.nn as nn


def narrow_linear(old, rows):
    new = nn.Linear(old.in_features, len(rows))
    new.weight.copy_(old.weight[rows])
    new.bias.copy_(old.bias[rows])
    return new


REBUILD = {"Linear": lambda layer, rows: narrow_linear(layer, rows)}


def shrink(model, rows):
    with torch.no_grad():
        for name, child in model.named_children():
            rebuild = REBUILD.get(type(child).__name__)
            if rebuild is not None:
                setattr(model, name, rebuild(child, rows))
    return model


net = shrink(nn.Sequential(nn.Linear(4, 3)), torch.tensor([0, 2]))

# case: the helper itself stored in the table, dispatched under no_grad
import torch
import torch.nn as nn


def scaled_copy(old):
    new = nn.Linear(old.in_features, old.out_features)
    new.weight.copy_(old.weight * 2)
    return new


CONVERTERS = {nn.Linear: scaled_copy}


def convert(layer):
    with torch.no_grad():
        return CONVERTERS[type(layer)](layer)


out = convert(nn.Linear(3, 2))

# case: a helper handed to a callback list that code the file does not show runs
import torch
import torch.nn as nn

CALLBACKS = []


def reset_head():
    head = nn.Linear(2, 2)
    head.bias.zero_()
    return head


CALLBACKS.append(reset_head)
# run: with torch.no_grad(): [callback() for callback in CALLBACKS]

# case: a helper nobody calls or hands on is an entry point with grad mode on
import torch
import torch.nn as nn


def make_head(features):
    head = nn.Linear(features, 2)
    head.bias.fill_(0.1)  # error: TL010 col 15
    return head


# run: make_head(4)

# case: a function given to model.apply runs with the caller's grad mode, on here
import torch
import torch.nn as nn


def attach_probe(module):
    probe = nn.Linear(2, 1)
    probe.weight.fill_(1.0)  # error: TL010 col 18


net = nn.Sequential(nn.Linear(2, 2))
net.apply(attach_probe)
