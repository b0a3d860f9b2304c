# case: seed article 003, short: new_tensor of the tensor itself, with requires_grad=True
import torch

x = torch.tensor(1., requires_grad=True)
a = x.new_tensor(x, requires_grad=True)  # error: TL004 col 7

# case: torch.tensor of a tensor made by torch.randn
import torch

features = torch.randn(4, 3)
copy = torch.tensor(features)  # error: TL004 col 14

# case: training loop wraps the F.cross_entropy loss in torch.tensor for the history
import torch
import torch.nn as nn
import torch.nn.functional as F

model = nn.Linear(4, 3)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
x = torch.randn(6, 4)
y = torch.tensor([0, 1, 2, 0, 1, 2])
history = []
for step in range(3):
    opt.zero_grad()
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    opt.step()
    history.append(torch.tensor(loss))  # error: TL004 col 26

# case: causal mask built with torch.tensor(torch.tril(...)) in an attention forward
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class Head(nn.Module):
    def __init__(self, n_embd):
        super().__init__()
        self.qkv = nn.Linear(n_embd, 3 * n_embd)

    def forward(self, x):
        T = x.size(1)
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        att = q @ k.transpose(-2, -1) / math.sqrt(k.size(-1))
        mask = torch.tensor(torch.tril(torch.ones(T, T)))  # error: TL004 col 22
        att = att.masked_fill(mask == 0, float("-inf"))
        return F.softmax(att, dim=-1) @ v


head = Head(8)
y = head(torch.randn(2, 5, 8))

# case: torch.tensor(t, dtype=...) of a tensor made by torch.from_numpy
import numpy as np
import torch

arr = np.arange(6).reshape(2, 3)
t = torch.from_numpy(arr)
batch = torch.tensor(t, dtype=torch.float32)  # error: TL004 col 15

# case: alias import torch as th, copying a model output
import torch as th
import torch.nn as nn

model = nn.Linear(3, 2)
out = model(th.randn(4, 3))
target = th.tensor(out)  # error: TL004 col 13

# case: from torch import tensor, called on a tensor of labels
import torch
from torch import tensor

labels = torch.randint(0, 3, (5,))
target = tensor(labels)  # error: TL004 col 10

# case: a helper builds a tensor like a reference; called with a model output
import torch
import torch.nn as nn


def like(ref, values):
    return ref.new_tensor(values)  # error: TL004 col 16


model = nn.Linear(3, 2)
x = torch.randn(4, 3)
out = model(x)
target = like(x, out * 0.5)

# case: snapshot of model.parameters() with torch.tensor
import torch
import torch.nn as nn

model = nn.Linear(3, 2)
snapshot = []
for p in model.parameters():
    snapshot.append(torch.tensor(p))  # error: TL004 col 27

# case: nn.Parameter(torch.tensor(init)) in __init__, called with a tensor
import torch
import torch.nn as nn


class Gate(nn.Module):
    def __init__(self, init):
        super().__init__()
        self.alpha = nn.Parameter(torch.tensor(init))  # error: TL004 col 41

    def forward(self, x):
        return torch.sigmoid(self.alpha) * x


gate = Gate(torch.zeros(1))
y = gate(torch.randn(2, 1))

# case: x.new_tensor(self.scale) where self.scale is a tensor set in __init__
import torch
import torch.nn as nn


class Scaled(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        self.scale = torch.tensor(0.5)

    def forward(self, x):
        s = x.new_tensor(self.scale)  # error: TL004 col 15
        return self.fc(x) * s


m = Scaled()
y = m(torch.randn(2, 4))

# case: the warning does not depend on grad mode: torch.tensor under no_grad
import torch
import torch.nn as nn

model = nn.Linear(3, 1)
x = torch.randn(4, 3)
with torch.no_grad():
    pseudo_labels = torch.tensor(model(x))  # error: TL004 col 27

# case: torch.tensor under torch.inference_mode() still copy-constructs
import torch

x = torch.randn(3)
with torch.inference_mode():
    y = torch.tensor(x * 2)  # error: TL004 col 15

# case: .detach() first does not help: the argument is still a tensor
import torch

w = torch.randn(3, requires_grad=True)
frozen = torch.tensor(w.detach())  # error: TL004 col 16

# case: tuple unpacking of normalisation statistics
import torch

data = torch.randn(10, 3)
mean, std = data.mean(dim=0), data.std(dim=0)
norm_mean = torch.tensor(mean)  # error: TL004 col 19

# case: both branches of an if/else give a tensor
import sys

import torch

if len(sys.argv) > 99:
    weights = torch.ones(3)
else:
    weights = torch.full((3,), 0.5)
class_weights = torch.tensor(weights)  # error: TL004 col 23

# case: torch.tensor with the tensor passed as the data keyword
import torch

t = torch.arange(4)
u = torch.tensor(data=t)  # error: TL004 col 11

# case: torch.tensor of a .clone()
import torch

w = torch.randn(2, 2, requires_grad=True)
copy = torch.tensor(w.clone(), requires_grad=True)  # error: TL004 col 14

# case: torch.Tensor(t) does not warn
import torch

t = torch.randn(3)
u = torch.Tensor(t)

# case: torch.as_tensor(t) does not copy-construct
import torch
import torch.nn as nn

model = nn.Linear(3, 2)
out = model(torch.randn(4, 3))
same = torch.as_tensor(out)
as_float = torch.as_tensor(out, dtype=torch.float64)

# case: torch.tensor of Python lists and numbers
import torch

a = torch.tensor([1., 2.])
b = torch.tensor([[0, 1], [1, 0]], dtype=torch.long)
c = torch.tensor(3.5, requires_grad=True)
d = c.new_tensor([0.1, 0.2])

# case: torch.tensor of a NumPy array, including one from .detach().numpy()
import numpy as np
import torch
import torch.nn as nn

arr = np.linspace(0, 1, 5)
t = torch.tensor(arr, dtype=torch.float32)
model = nn.Linear(5, 2)
out_np = model(t).detach().numpy()
back = torch.tensor(out_np)
also = t.new_tensor(arr)

# case: torch.tensor of t.item() and of t.tolist()
import torch

t = torch.randn(3, requires_grad=True)
s = t.sum()
scalar = torch.tensor(s.item())
values = torch.tensor(t.tolist())

# case: a local function named tensor
import torch


def tensor(data):
    return list(data)


t = torch.ones(3)
items = tensor(t)

# case: a user class with its own new_tensor method
import torch


class Pool:
    def __init__(self):
        self.items = []

    def new_tensor(self, data):
        self.items.append(data)
        return data


pool = Pool()
x = torch.randn(2)
kept = pool.new_tensor(x)

# case: attention scale from torch.tensor of a float and of a size
import math

import torch

q = torch.randn(2, 4, 8)
k = torch.randn(2, 4, 8)
scale = torch.tensor(math.sqrt(k.size(-1)))
d_k = torch.tensor(k.size(-1), dtype=torch.float32)
att = (q @ k.transpose(-2, -1)) / scale / d_k.sqrt()

# case: torch.tensor of x.shape is a tensor of sizes, not a copy
import torch

x = torch.randn(2, 3, 4)
shape = torch.tensor(x.shape)
n = x.new_tensor(x.size())

# case: branches disagree (tensor or list), not definite; the run takes the list branch
import sys

import torch

if len(sys.argv) > 99:
    weights = torch.ones(3)
else:
    weights = [1.0, 2.0, 0.5]
class_weights = torch.tensor(weights)

# case: reassignment loss = loss.item() ends it being a tensor
import torch
import torch.nn as nn

model = nn.Linear(3, 1)
loss = model(torch.randn(4, 3)).pow(2).mean()
loss = loss.item()
logged = torch.tensor(loss)

# case: training loop collects loss.item() and builds a tensor at the end
import torch
import torch.nn as nn
import torch.nn.functional as F

model = nn.Linear(4, 3)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
x = torch.randn(6, 4)
y = torch.tensor([0, 1, 2, 0, 1, 2])
losses = []
for step in range(3):
    opt.zero_grad()
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    opt.step()
    losses.append(loss.item())
history = torch.tensor(losses)

# case: the recommended detach().clone() copy
import torch

x = torch.tensor(1., requires_grad=True)
a = x.detach().clone().requires_grad_(True)
b = x.clone()
c = torch.tensor(2.0)

# case: a pandas-like frame: torch.tensor of its .values array
import numpy as np
import torch


class Frame:
    def __init__(self, columns):
        self.columns = columns

    @property
    def values(self):
        return np.array([self.columns[k] for k in sorted(self.columns)]).T


frame = Frame({"age": [31.0, 42.0], "income": [1.5, 2.5]})
features = torch.tensor(frame.values, dtype=torch.float32)

# case: module-level list of class weights used inside a loss function
import torch
import torch.nn.functional as F

CLASS_WEIGHTS = [1.0, 2.0, 0.5]


def weighted_loss(logits, target):
    weight = torch.tensor(CLASS_WEIGHTS)
    return F.cross_entropy(logits, target, weight=weight)


loss = weighted_loss(torch.randn(4, 3), torch.tensor([0, 1, 2, 1]))

# case: from torch import tensor, called on lists and numbers
from torch import nn, tensor

labels = tensor([0, 1, 1, 2])
threshold = tensor(0.5)
model = nn.Linear(2, 3)
bias_init = model.bias.new_tensor([0.0, 0.0, 0.0])

# case: seed article 003, whole: gradients of y = w*x + b, then a copy of x by new_tensor
import torch

x = torch.tensor(1., requires_grad=True )
w = torch.tensor(2., requires_grad=True)
b = torch.tensor(3., requires_grad=True)
print("x:",x)
print("w:",w)
print("b:",b)

y = w*x + b 
print(y)

y.backward() #calculates the gradient of output w.r.t inputs

#gradients of outputs w.r.t inputs
print('dy/dx :',x.grad)  
print('dy/dw :',w.grad)
print('dy/db :',b.grad)

a = x.new_tensor(x,requires_grad=True) #creating a copy of a tensor x  # error: TL004 col 7

print(a.grad)  #no grad of tensor x is copied to tensor a

# case: torch.tensor(v) only in the branch for lists and tuples; the helper is also called with a tensor
import torch


def as_tensor(v):
    if isinstance(v, (list, tuple)):
        return torch.tensor(v)
    return v


x = as_tensor(torch.randn(3))
y = as_tensor([1.0, 2.0])

# case: a torch.is_tensor guard sends tensors to detach().clone(), the rest to torch.tensor
import torch


def to_tensor(v):
    if torch.is_tensor(v):
        return v.detach().clone()
    return torch.tensor(v)


z = to_tensor(torch.ones(2))
w = to_tensor([1, 2])

# case: the isinstance branch for tensors copies the tensor with torch.tensor
import torch


def snapshot(v):
    if isinstance(v, torch.Tensor):
        return torch.tensor(v)  # error: TL004 col 22
    return list(v)


s = snapshot(torch.ones(2))

# case: the tensor given by the data keyword after dtype
import torch

w = torch.ones(3)
c = torch.tensor(dtype=torch.float32, data=w)  # error: TL004 col 11

# case: a helper nobody in the file calls copies its parameter annotated torch.Tensor
import torch


def as_float(values: torch.Tensor):
    return torch.tensor(values, dtype=torch.float32)  # error: TL004 col 18

# run: as_float(torch.arange(3))

# case: a parameter annotated with a list, or Optional[Tensor] only passed on, is not known to be a tensor
from typing import Optional

import torch


def from_list(values: list):
    return torch.tensor(values)


def maybe(values: Optional[torch.Tensor] = None):
    return values

# run: from_list([1.0, 2.0])
# run: maybe(torch.ones(2))

# case: a method annotated torch.Tensor but called with an int size (transformers' canine), not a tensor
import torch
import torch.nn as nn


class Repeater(nn.Module):
    def repeat(self, molecules: torch.Tensor, char_seq_length: torch.Tensor) -> torch.Tensor:
        rate = 4
        return torch.fmod(torch.tensor(char_seq_length), torch.tensor(rate)).item()

    def forward(self, input_ids):
        return self.repeat(input_ids, char_seq_length=input_ids.size()[-1])


Repeater()(torch.ones(2, 7))

# case: past an early return for everything that is not a tensor, the parameter is a tensor
import torch


def frozen_copy(value):
    if not torch.is_tensor(value):
        return value
    return torch.tensor(value)  # error: TL004 col 18

# run: frozen_copy(torch.ones(3))

# case: a helper asserts its argument's exact type is torch.Tensor, then copies it with torch.tensor
import torch


def snapshot(value):
    assert type(value) is torch.Tensor
    return torch.tensor(value)  # error: TL004 col 18

# run: snapshot(torch.zeros(2))

# case: the branch where type(value) == torch.Tensor copies the tensor with torch.tensor
import torch


def as_float(value):
    if type(value) == torch.Tensor:
        return torch.tensor(value, dtype=torch.float32)  # error: TL004 col 22
    return torch.tensor(value, dtype=torch.float32)

# run: as_float(torch.arange(3))

# case: the type of a tensor, a torch.Size or a number is known: the branch for lists is not taken
import torch


def to_list_tensor(value):
    if type(value) is list:
        return torch.tensor(value)
    return value


x = torch.ones(3)
kept = to_list_tensor(x)
size = to_list_tensor(x.shape)
if type(x.shape) == tuple or type(3) is not int:
    copied = torch.tensor(x)

# case: narrowed only where the test holds: torch.tensor in the branch for what is not a tensor
import torch


def to_tensor(value):
    if type(value) is not torch.Tensor:
        return torch.tensor(value)
    if not isinstance(value, torch.Tensor) or value.dim() == 0:
        return torch.tensor([value.item()] if torch.is_tensor(value) else value)
    return value.detach().clone()

# run: to_tensor([1.0, 2.0])
# run: to_tensor(torch.ones(2))

# case: a colormap helper converts only numpy input (isinstance kept in a variable); a tensor skips it
import numpy as np
import torch


def colormap(image):
    if not (torch.is_tensor(image) or isinstance(image, np.ndarray)):
        raise ValueError("expected an array or a tensor")

    def method_custom(image):
        arg_is_np = isinstance(image, np.ndarray)
        if arg_is_np:
            image = torch.tensor(image)
        return image.float() / 255

    if torch.is_tensor(image):
        return method_custom(image)
    return method_custom(image)


# run: colormap(torch.rand(4, 4))
# run: colormap(np.random.rand(4, 4))

# case: z positions shifted with torch.fft.ifftshift are a tensor already when torch.tensor copies them
import torch

z_positions = torch.fft.ifftshift((torch.arange(8) - 4) * 0.25)
column = torch.tensor(z_positions)[:, None]  # error: TL004 col 16

# case: the tail eigenvalue from torch.linalg.eigh wrapped in torch.tensor
import torch

kernel = torch.randn(6, 6)
eigenvalues, eigenvectors = torch.linalg.eigh(kernel @ kernel.T)
tail = torch.tensor(eigenvalues[0])  # error: TL004 col 14

# case: a torch.linalg result turned into a Python number first is not a tensor copy
import torch

kernel = torch.randn(6, 6)
top = torch.linalg.matrix_norm(kernel).item()
scale = torch.tensor(top)

# case: a bag of embeddings is a tensor already, as a search wrapper found (mteb)
import torch
import torch.nn as nn

bag = nn.EmbeddingBag(500, 32)
with torch.no_grad():
    embedded = nn.functional.normalize(bag(torch.tensor([3, 7, 9]), torch.tensor([0, 2])), dim=-1)
query = torch.tensor(embedded)  # error: TL004 col 15

# case: `type(seq) is not torch.Tensor` guards the copy, and the tensors given are plain ones, a factory's and a detached one (espnet's partially autoregressive decoder)
import torch


def first_marked(seq, mark=0):
    if type(seq) is not torch.Tensor:
        seq = torch.tensor(seq)
    return int((seq == mark).nonzero()[0].item())


first_marked(torch.tensor([3, 0, 5, 0]))
first_marked(torch.tensor([1.0, -2.0, 3.0]).detach().ge(0).long())
first_marked([4, 4, 0])

# case: the same guard lets an nn.Parameter through: its type is not torch.Tensor itself
import torch
import torch.nn as nn


def as_tensor(seq):
    if type(seq) is not torch.Tensor:
        seq = torch.tensor(seq)  # error: TL004 col 21
    return seq


as_tensor(nn.Parameter(torch.zeros(3)))
