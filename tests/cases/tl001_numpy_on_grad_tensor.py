# case: leaf made with torch.tensor(..., requires_grad=True), then .numpy()
import torch

x = torch.tensor(1., requires_grad=True)
y = x.numpy()  # error: TL001 col 7

# case: output of an nn.Linear layer converted for plotting
import torch
import torch.nn as nn

model = nn.Linear(4, 2)
x = torch.randn(8, 4)
out = model(x)
scores = out.numpy()  # error: TL001 col 14

# case: to_numpy helper called with a model's output fails inside the helper
import torch
import torch.nn as nn


def to_numpy(t):
    return t.numpy()  # error: TL001 col 14


model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
logits = model(torch.randn(2, 4))
probs = to_numpy(logits.softmax(dim=-1))

# case: model.eval() does not turn grad mode off in an evaluate helper
import torch
import torch.nn as nn


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Linear(6, 4)
        self.head = nn.Linear(4, 3)

    def forward(self, x):
        return self.head(torch.relu(self.body(x)))


def evaluate(model, batch):
    model.eval()
    logits = model(batch)
    return logits.numpy()  # error: TL001 col 19


net = Classifier()
preds = evaluate(net, torch.randn(5, 6))

# case: value of nn.MSELoss()(pred, target) converted for logging
import torch
import torch.nn as nn

model = nn.Linear(3, 1)
x = torch.randn(4, 3)
y = torch.randn(4, 1)
loss = nn.MSELoss()(model(x), y)
loss_value = loss.numpy()  # error: TL001 col 19

# case: training loop appends the F.cross_entropy loss with .numpy()
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
    history.append(loss.numpy())  # error: TL001 col 25

# case: an nn.Parameter requires grad by default
import torch
import torch.nn as nn

bias = nn.Parameter(torch.zeros(3))
init = bias.numpy()  # error: TL001 col 13

# case: dumping weights by iterating over model.parameters()
import torch
import torch.nn as nn

model = nn.Linear(3, 2)
weights = []
for p in model.parameters():
    weights.append(p.numpy())  # error: TL001 col 22

# case: a module exports its own self.weight parameter
import torch
import torch.nn as nn


class Scale(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(n))

    def forward(self, x):
        return x * self.weight

    def export(self):
        return self.weight.numpy()  # error: TL001 col 28


layer = Scale(4)
layer(torch.randn(2, 4))
w = layer.export()

# case: aliases import torch as th and from torch import nn, randn
import torch as th
from torch import nn, randn

w = randn(3, 2, requires_grad=True)
act = nn.Tanh()
x = th.ones(4, 3)
h = act(x @ w)
arr = h.numpy()  # error: TL001 col 9

# case: attention weights from a qkv projection unpacked into q, k, v
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

qkv = nn.Linear(8, 24)
x = torch.randn(2, 5, 8)
q, k, v = qkv(x).chunk(3, dim=-1)
att = F.softmax(q @ k.transpose(-2, -1) / math.sqrt(8), dim=-1)
heatmap = att[0].numpy()  # error: TL001 col 18

# case: tuple unpacking of statistics computed from a parameter
import torch
import torch.nn as nn

emb = nn.Embedding(10, 4)
mean, std = emb.weight.mean(), emb.weight.std()
mean_value = mean.item()
std_np = std.numpy()  # error: TL001 col 14

# case: adversarial perturbation made with .requires_grad_()
import torch

image = torch.rand(1, 3, 4, 4)
delta = torch.zeros_like(image).requires_grad_()
adv = (image + delta).clamp(0, 1)
adv_np = adv.numpy()  # error: TL001 col 14

# case: both branches of an if/else keep the result in the graph
import sys

import torch
import torch.nn as nn

model = nn.Linear(3, 3)
x = torch.randn(2, 3)
if len(sys.argv) > 99:
    out = torch.relu(model(x))
else:
    out = torch.sigmoid(model(x))
out_np = out.numpy()  # error: TL001 col 14

# case: only the baseline is computed under no_grad, the prediction is not
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
x = torch.randn(3, 4)
with torch.no_grad():
    baseline = model(torch.zeros(3, 4)).numpy()
pred = model(x)
gain = pred.numpy() - baseline  # error: TL001 col 13

# case: torch.enable_grad() inside a no_grad block turns grad mode back on
import torch

w = torch.ones(3, requires_grad=True)
with torch.no_grad():
    frozen = (w * 2).numpy()
    with torch.enable_grad():
        y = w * 3
        y_np = y.numpy()  # error: TL001 col 18

# case: torch.set_grad_enabled(is_train) in the training phase
import torch
import torch.nn as nn

model = nn.Linear(4, 2)
x = torch.randn(3, 4)
is_train = True
with torch.set_grad_enabled(is_train):
    out = model(x)
    out_np = out.numpy()  # error: TL001 col 18

# case: module-level model used inside a predict function
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))


def predict(batch):
    return model(batch).squeeze(-1).numpy()  # error: TL001 col 37


result = predict(torch.randn(5, 3))

# case: .cpu() keeps requires_grad, so .cpu().numpy() still fails
import torch
import torch.nn as nn

encoder = nn.Linear(6, 2)
emb = encoder(torch.randn(4, 6))
emb_np = emb.cpu().numpy()  # error: TL001 col 20

# case: x = x.detach() does not detach a y computed from x before it
import torch

x = torch.ones(3, requires_grad=True)
y = x * 2
x = x.detach()
x_np = x.numpy()
y_np = y.numpy()  # error: TL001 col 10

# case: a loss returned by a helper, converted by the caller
import torch
import torch.nn.functional as F


def reconstruction_loss(recon, target):
    return F.mse_loss(recon, target)


w = torch.randn(4, 4, requires_grad=True)
x = torch.randn(2, 4)
loss = reconstruction_loss(x @ w, x)
print_value = loss.numpy()  # error: TL001 col 20

# case: .detach().numpy() on a model output
import torch
import torch.nn as nn

model = nn.Linear(4, 2)
out = model(torch.randn(8, 4))
scores = out.detach().numpy()
scores_cpu = out.detach().cpu().numpy()

# case: model output computed under torch.no_grad()
import torch
import torch.nn as nn

model = nn.Linear(4, 2)
x = torch.randn(8, 4)
with torch.no_grad():
    out = model(x)
    scores = out.numpy()
probs = out.softmax(dim=-1).numpy()

# case: evaluate function decorated with @torch.no_grad()
import torch
import torch.nn as nn


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(6, 3)

    def forward(self, x):
        return self.fc(x)


@torch.no_grad()
def evaluate(model, batch):
    model.eval()
    return model(batch).numpy()


preds = evaluate(Classifier(), torch.randn(5, 6))

# case: inference under torch.inference_mode()
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))
with torch.inference_mode():
    logits = model(torch.randn(2, 3))
    out = logits.numpy()

# case: torch.set_grad_enabled(is_train) in the validation phase
import torch
import torch.nn as nn

model = nn.Linear(4, 2)
x = torch.randn(3, 4)
is_train = False
with torch.set_grad_enabled(is_train):
    out = model(x)
    out_np = out.numpy()

# case: leaf requiring grad read under no_grad does not raise
import torch

w = torch.ones(3, requires_grad=True)
with torch.no_grad():
    snapshot = w.numpy()
    doubled = (w * 2).numpy()

# case: tensors that do not require grad
import torch

x = torch.randn(4, 3)
y = torch.tensor([1., 2., 3.])
z = torch.zeros(2, requires_grad=False)
arrays = [x.numpy(), y.numpy(), z.numpy(), (x * 2).numpy()]

# case: parameters read through .data
import torch
import torch.nn as nn

model = nn.Linear(3, 2)
weight = model.weight.data.numpy()
params = [p.data.numpy() for p in model.parameters()]

# case: a user class with its own numpy() method
import numpy as np
import torch


class Embeddings:
    def __init__(self, rows):
        self.rows = rows

    def numpy(self):
        return np.asarray(self.rows)


w = torch.ones(3, requires_grad=True)
table = Embeddings([[1.0, 2.0], [3.0, 4.0]])
arr = table.numpy()
total = w.sum().item()

# case: a pandas-like frame of logged metrics with a numpy() method
import numpy as np
import torch
import torch.nn as nn


class MetricFrame:
    def __init__(self):
        self.columns = {}

    def append(self, name, value):
        self.columns.setdefault(name, []).append(value)

    def numpy(self):
        return np.array([self.columns[k] for k in sorted(self.columns)])


model = nn.Linear(3, 1)
frame = MetricFrame()
for step in range(2):
    loss = model(torch.randn(4, 3)).pow(2).mean()
    frame.append("loss", loss.item())
values = frame.numpy()

# case: requires_grad differs between branches, not definite; the run takes the no_grad one
import sys

import torch
import torch.nn as nn

model = nn.Linear(3, 2)
x = torch.randn(4, 3)
if len(sys.argv) > 99:
    feats = model(x)
else:
    with torch.no_grad():
        feats = model(x)
arr = feats.numpy()

# case: reassignment out = out.detach() ends the grad requirement
import torch
import torch.nn as nn

model = nn.Linear(4, 2)
out = model(torch.randn(3, 4))
out = out.detach()
arr = out.numpy()

# case: training loop logs loss.item() and detached predictions
import torch
import torch.nn as nn

model = nn.Linear(3, 1)
opt = torch.optim.Adam(model.parameters(), lr=0.01)
x = torch.randn(8, 3)
y = torch.randn(8, 1)
losses, preds = [], []
for epoch in range(2):
    opt.zero_grad()
    pred = model(x)
    loss = nn.MSELoss()(pred, y)
    loss.backward()
    opt.step()
    losses.append(loss.item())
    preds.append(pred.detach().numpy())
flat = pred.detach().flatten().tolist()

# case: argmax predictions and comparison masks do not require grad
import torch
import torch.nn as nn

model = nn.Linear(5, 3)
logits = model(torch.randn(6, 5))
labels = torch.tensor([0, 1, 2, 0, 1, 2])
preds = logits.argmax(dim=1)
correct = (preds == labels).numpy()
pred_np = preds.numpy()
positive = (logits > 0).numpy()

# case: gradients in .grad do not require grad
import torch

w = torch.randn(3, requires_grad=True)
loss = (w ** 2).sum()
loss.backward()
g = w.grad.numpy()

# case: frozen tensors: Parameter(requires_grad=False) and requires_grad_(False)
import torch
import torch.nn as nn

running_mean = nn.Parameter(torch.zeros(4), requires_grad=False)
w = torch.ones(3, requires_grad=True)
w.requires_grad_(False)
arrays = (running_mean.numpy(), w.numpy(), (w * 2).numpy())

# case: exponential moving average computed under no_grad, read outside
import torch
import torch.nn as nn

model = nn.Linear(3, 3)
with torch.no_grad():
    ema = model.weight * 0.9 + 0.1
ema_np = ema.numpy()

# case: to_numpy helper that detaches, called with a model output
import torch
import torch.nn as nn


def to_numpy(t):
    return t.detach().cpu().numpy()


model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
logits = model(torch.randn(2, 4))
probs = to_numpy(logits.softmax(dim=-1))

# case: plain to_numpy helper, called only with an output made under no_grad
import torch
import torch.nn as nn


def to_numpy(t):
    return t.numpy()


model = nn.Linear(4, 2)
with torch.no_grad():
    out = model(torch.randn(3, 4))
arr = to_numpy(out)

# case: predict decorated with @torch.inference_mode() uses a module-level model
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))


@torch.inference_mode()
def predict(batch):
    return model(batch).squeeze(-1).numpy()


result = predict(torch.randn(5, 3))

# case: x = x.detach() inside an optimisation loop before .numpy()
import torch

x = torch.zeros(3, requires_grad=True)
trajectory = []
for step in range(3):
    loss = ((x - 1.0) ** 2).sum()
    (grad,) = torch.autograd.grad(loss, x)
    x = (x - 0.1 * grad).detach().requires_grad_()
    trajectory.append(x.detach().numpy())

# case: one-line loop body converts a grad tensor each step
import torch

w = torch.randn(3, requires_grad=True)
history = []
for step in range(2): history.append(w.numpy())  # error: TL001 col 40

# case: one-line no_grad block makes the product safe to convert
import torch

w = torch.randn(3, requires_grad=True)
with torch.no_grad(): snapshot = (w * 2).numpy()

# case: a helper turns off requires_grad of its argument, so the caller's tensor converts
import torch


def freeze(t, k):
    if k > 2:
        t = t * 2
    t.requires_grad_(False)


x = torch.randn(2, requires_grad=True)
freeze(x, 2)
values = x.numpy()

# case: a helper turns on requires_grad of its argument, reassigning it to itself
import torch


def track(t):
    t = t.requires_grad_()
    return t.T


x = torch.zeros(2)
track(x)
values = x.numpy()  # error: TL001 col 12

# case: model.requires_grad_(False) freezes its layers and its own nn.Parameter
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 3)
        self.scale = nn.Parameter(torch.ones(3))

    def forward(self, x):
        return self.fc(x) * self.scale

    def export(self):
        return self.scale.numpy()


net = Net()
net.requires_grad_(False)
out = net(torch.randn(4, 2)).numpy()
scale = net.export()

# case: as_strided of a leaf that requires grad is a view that requires grad
import torch

x = torch.randn((), requires_grad=True)
view = torch.as_strided(x, (1,), (0,))
values = view.numpy()  # error: TL001 col 15

# case: a view made under no_grad still requires grad, like its base
import torch

x = torch.randn((), requires_grad=True)
with torch.no_grad():
    view = torch.as_strided(x, (1,), (0,))
    row = x.unsqueeze(0)[0]
values = view.numpy()  # error: TL001 col 15

# case: copies made under no_grad (reshape or contiguous of a transposed tensor) do not require grad
import torch

x = torch.randn(2, 3, requires_grad=True)
with torch.no_grad():
    flat = x.t().reshape(-1)
    packed = x.t().contiguous()
    wide = x.double()
a = flat.numpy()
b = packed.numpy()
c = wide.numpy()

# case: .float() of a float32 tensor returns the tensor itself, even under no_grad
import torch

x = torch.randn(2, 3, requires_grad=True)
with torch.no_grad():
    same = x.float()
values = same.numpy()  # error: TL001 col 15

# case: a view made before its base is set to require grad follows the base
import torch

x = torch.zeros(1, 5, 1, 2)
squeezed = x.squeeze()
flat = squeezed.flatten(1)
x.requires_grad = True
values = squeezed.clone().numpy()  # error: TL001 col 27

# case: requires_grad set on a view leaves its base alone; a detached copy does not follow
import torch

x = torch.zeros(2, 3)
view = x.t()
copy = x.detach()
view.requires_grad_()
a = x.numpy()
x.requires_grad_()
b = copy.numpy()

# case: an in-place op with a tensor that requires grad, on a view, reaches the base
import torch

w = torch.ones(3, 2, requires_grad=True)
x = torch.zeros(2, 3)
view = x.t()
view.add_(w)
values = x.numpy()  # error: TL001 col 12

# case: the branch on is_contiguous() is known, so is the tensor converted in it
import torch

x = torch.randn(3, 2, requires_grad=True)
if x.t().is_contiguous():
    values = x.numpy()
if x.dtype == torch.float32:
    values = x.detach().numpy()
if x.dtype == torch.float64:
    values = x.numpy()

# case: a layer's output has its input's dtype, so a branch on it is known
import torch
import torch.nn as nn

layer = nn.Linear(5, 3)
h = layer(torch.zeros(1, 5))
if h.dtype == torch.float32:
    h = h.detach()
else:
    values = h.numpy()
values = h.numpy()

# case: a view made in grad mode keeps requiring grad when its base stops; one made under no_grad does not
import torch

a = torch.rand(5, 1, requires_grad=True)
with torch.no_grad():
    follower = a.t()
view = a.contiguous()[:, 0:]
a.requires_grad_(False)
ok = follower.numpy()
values = view.sum(0).numpy()  # error: TL001 col 22

# case: a helper's first call converts a plain tensor; its second call, one made to require grad
import torch


def summary(t):
    return t.sum(0).numpy()  # error: TL001 col 21


w = torch.zeros(5, 4)
first = summary(w)
w.requires_grad_()
second = summary(w)

# case: a view made under no_grad follows the base of all the views, not a view's own flag
import torch

w = torch.arange(4.).reshape(1, 4, 1)
with torch.no_grad():
    w.requires_grad_()
    part = w[:, :-1].view(1, 3)
values = part.numpy()
g = w[:, :-1]
g.numpy()  # error: TL001 col 3

# case: a function defined in a loop sees the loop's fixed point, not its first round
import torch


def build():
    x = torch.randn(3, requires_grad=True)
    for i in range(3):
        def show():
            return x.numpy()
        x = x.detach()
    return show


values = build()()

# case: a loop whose state settles only after its first round still reports, once
import torch

w = torch.zeros(3, requires_grad=True)
scale = 1
for step in range(4):
    values = (w * scale).numpy()  # error: TL001 col 26
    scale = scale * 2

# case: a forward nobody in the file calls converts its layer's output: an entry point runs with grad on
import torch
import torch.nn as nn


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        logits = self.fc(x)
        return logits.numpy()  # error: TL001 col 23

# run: Classifier()(torch.randn(3, 4))

# case: a plotting method nobody in the file calls reads a layer's weight as an array
import torch
import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.proj = nn.Linear(n, n)

    def weight_image(self):
        return self.proj.weight.numpy()  # error: TL001 col 33

# run: Encoder(4).weight_image()

# case: Lightning runs validation_step without grad, so its output converts
import torch
import torch.nn as nn


class LightningModule(nn.Module):  # stands in for lightning's base class, which the case cannot import
    pass


class LitRegressor(LightningModule):
    def __init__(self):
        super().__init__()
        self.net = nn.Linear(4, 1)

    def validation_step(self, batch, batch_idx):
        preds = self.net(batch)
        return preds.numpy()

# run: with torch.no_grad(): LitRegressor().validation_step(torch.randn(2, 4), 0)

# case: autograd.Function.forward runs with grad mode off
import torch


class ScaledSquare(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        scale = torch.ones(1, requires_grad=True) * 2
        ctx.save_for_backward(x)
        return x * x * torch.from_numpy(scale.numpy())

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * 4 * x

# run: ScaledSquare.apply(torch.randn(3, requires_grad=True))

# case: an evaluation function nobody in the file calls, decorated with @torch.no_grad()
import torch
import torch.nn as nn


@torch.no_grad()
def evaluate():
    model = nn.Linear(4, 2)
    return model(torch.randn(3, 4)).numpy()

# run: evaluate()

# case: a helper called again after torch.set_default_dtype makes float64, so .float() copies
import torch


def make():
    return torch.zeros(3)


a = make()
torch.set_default_dtype(torch.float64)
b = make()
c = b.float()
b.requires_grad_(True)
print(c.numpy())
torch.set_default_dtype(torch.float32)

# case: a plain class (class Tracker(object)) keeps a parameter from __init__ and converts it
import torch
import torch.nn as nn


class Tracker(object):
    def __init__(self):
        self.weight = nn.Parameter(torch.ones(3))

    def dump(self):
        return self.weight.numpy()  # error: TL001 col 28


tracker = Tracker()
tracker.dump()

# case: the first layer of an nn.Sequential, taken by index, gives an output that requires grad
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
hidden = model[0](torch.randn(3, 4))
features = hidden.numpy()  # error: TL001 col 19

# case: a layer of an nn.ModuleList run under no_grad converts
import torch
import torch.nn as nn

blocks = nn.ModuleList([nn.Linear(4, 4), nn.Linear(4, 4)])
with torch.no_grad():
    y = blocks[1](torch.randn(2, 4))
print(y.numpy())

# case: an upsampled image that requires grad, converted for display
import torch
import torch.nn.functional as F

img = torch.randn(1, 3, 4, 4, requires_grad=True)
big = F.interpolate(img, scale_factor=2, mode="bilinear", align_corners=False)
pixels = big.numpy()  # error: TL001 col 14

# case: patches unfolded from a conv layer's output, converted to an array
import torch
import torch.nn as nn
import torch.nn.functional as F

conv = nn.Conv2d(3, 4, 3)
patches = F.unfold(conv(torch.randn(1, 3, 8, 8)), kernel_size=2)
array = patches.numpy()  # error: TL001 col 17

# case: upsampling or unfolding a tensor that does not require grad, or under no_grad, converts fine
import torch
import torch.nn as nn
import torch.nn.functional as F

img = torch.randn(1, 3, 4, 4)
a = nn.Upsample(scale_factor=2)(img).numpy()
b = F.unfold(img, 2).numpy()
weighted = torch.randn(1, 3, 4, 4, requires_grad=True)
with torch.no_grad():
    c = F.interpolate(weighted, size=(6, 6)).numpy()
    d = nn.Fold((4, 4), 2)(nn.Unfold(2)(weighted)).numpy()

# case: the branch for exactly nn.Linear converts the layer's weight, which requires grad
import torch.nn as nn


def export_weight(layer):
    if type(layer) is nn.Linear:
        return layer.weight.numpy()  # error: TL001 col 29
    return None


w = export_weight(nn.Linear(3, 2))

# case: type() is exact: neither a subclass of nn.Module nor another layer takes the nn.Linear branch
import torch
import torch.nn as nn


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 2)


def export_weight(layer):
    if type(layer) == nn.Linear:
        return layer.weight.numpy()
    if type(layer) != nn.Conv2d:
        return None
    return layer.weight.detach().numpy()


a = export_weight(Head())
b = export_weight(nn.Conv2d(1, 1, 3))
c = export_weight(nn.ReLU())

# case: a lambda bound to a name is called with a tensor that requires grad
import torch

to_array = lambda t: t.numpy()  # error: TL001 col 24
w = torch.ones(3, requires_grad=True)
values = to_array(w * 2)

# case: a function returned by a function converts its closed-over scale times its argument
import torch


def make_scaler(scale):
    def apply(t):
        return (t * scale).numpy()  # error: TL001 col 28

    return apply


scaler = make_scaler(torch.ones(2, requires_grad=True))
out = scaler(torch.ones(2))

# case: a nested function reads the enclosing function's tensor, which requires grad
import torch


def report():
    weights = torch.randn(4, requires_grad=True)

    def show():
        return weights.numpy()  # error: TL001 col 24

    return show()


report()

# case: the enclosing function detaches its tensor after the nested def and before the call (late binding)
import torch


def report():
    weights = torch.randn(4, requires_grad=True)

    def show():
        return weights.numpy()

    weights = weights.detach()
    return show()


report()

# case: lambdas given to sorted and map, and one called on a detached tensor, convert nothing that needs grad
import torch

w = torch.ones(3, requires_grad=True)
ranked = sorted([torch.ones(2), torch.zeros(2)], key=lambda t: t.sum().item())
arrays = list(map(lambda t: t.detach().numpy(), [w, w * 2]))
first = (lambda t, scale=2: (t * scale).numpy())(w.detach())

# case: a forward hook on an nn.Linear converts the layer's output, which requires grad
import torch
import torch.nn as nn

activations = []


def keep(module, inputs, output):
    activations.append(output.numpy())  # error: TL001 col 31


layer = nn.Linear(4, 2)
layer.register_forward_hook(keep)

# run: layer(torch.randn(3, 4))

# case: a forward hook on a model's layer runs when the model is called with grad on
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Linear(4, 8)
        self.head = nn.Linear(8, 2)

    def forward(self, x):
        return self.head(torch.relu(self.body(x)))


def log_features(module, inputs, output):
    print(output.mean(0).numpy())  # error: TL001 col 26


net = Net()
net.body.register_forward_hook(log_features)
logits = net(torch.randn(5, 4))

# case: a forward pre-hook converts the layer's input, which requires grad
import torch
import torch.nn as nn


def show_input(module, inputs):
    print(inputs[0].numpy())  # error: TL001 col 21


layer = nn.Linear(4, 2)
layer.register_forward_pre_hook(show_input)
x = torch.randn(2, 4, requires_grad=True)
y = layer(x)

# case: forward hooks that detach, or whose model runs under no_grad, or that were removed, convert fine
import torch
import torch.nn as nn

saved = []


def keep(module, inputs, output):
    saved.append(output.numpy())


def keep_detached(module, inputs, output):
    saved.append(output.detach().numpy())


model = nn.Sequential(nn.Linear(4, 3), nn.ReLU())
model[0].register_forward_hook(keep)
model[1].register_forward_hook(keep_detached)
with torch.no_grad():
    model(torch.randn(2, 4))
other = nn.Linear(4, 2)
handle = other.register_forward_hook(keep)
handle.remove()
out = other(torch.randn(2, 4)).sum() + model[1](torch.randn(2, 3)).sum()

# case: gradient hooks run inside backward, with gradients that do not require grad
import torch
import torch.nn as nn


def show_grad(grad):
    print(grad.numpy())


def show_module_grads(module, grad_input, grad_output):
    print(grad_output[0].numpy())


w = torch.randn(3, requires_grad=True)
w.register_hook(show_grad)
layer = nn.Linear(3, 2)
layer.register_full_backward_hook(show_module_grads)
layer(w * 2).sum().backward()

# case: a max-pooled batch of data does not require grad, a convolution's output does
import torch
import torch.nn as nn

images = torch.randn(2, 3, 8, 8)
pooled = nn.MaxPool2d(2)(images).numpy()
feature_map = nn.Conv2d(3, 4, 3)(images)
picture = feature_map.numpy()  # error: TL001 col 23

# case: multi-head attention returns (output, weights); the output is unpacked from the tuple
import torch
import torch.nn as nn

attention = nn.MultiheadAttention(8, 2)
tokens = torch.randn(4, 2, 8)
attended, weights = attention(tokens, tokens, tokens)
picture = attended.numpy()  # error: TL001 col 20

# case: the outputs of a loop collected in a list and stacked still require grad
import torch
import torch.nn as nn

layer = nn.Linear(4, 1)
outs = []
for t in range(3):
    outs.append(layer(torch.randn(2, 4)))
predictions = torch.stack(outs).numpy()  # error: TL001 col 33

# case: the outputs collected under no_grad do not
import torch
import torch.nn as nn

layer = nn.Linear(4, 1)
outs = []
with torch.no_grad():
    for t in range(3):
        outs.append(layer(torch.randn(2, 4)))
predictions = torch.stack(outs).numpy()

# case: every layer of an nn.ModuleList frozen in a loop: its outputs need no grad
import torch
import torch.nn as nn

encoders = nn.ModuleList([nn.Linear(4, 4) for _ in range(3)])
for encoder in encoders:
    encoder.requires_grad_(False)
features = encoders[1](torch.randn(2, 4)).numpy()

# case: a layer picked from an nn.ModuleList by a loop index still trains
import torch
import torch.nn as nn

heads = nn.ModuleList([nn.Linear(4, 2) for _ in range(3)])
x = torch.randn(5, 4)
for i in range(len(heads)):
    scores = heads[i](x).numpy()  # error: TL001 col 26

# case: a helper replaces the items of the list it is given with detached ones
import torch


def detach_all(outputs):
    for i in range(len(outputs)):
        outputs[i] = outputs[i].detach()


w = torch.randn(3, requires_grad=True)
outputs = [w * 2, w + 1]
detach_all(outputs)
arrays = [outputs[0].numpy(), outputs[1].numpy()]

# case: a list handed to code that is not followed may have been changed there
import operator

import torch

w = torch.randn(3, requires_grad=True)
outputs = [w * 2]
operator.setitem(outputs, 0, outputs[0].detach())
array = outputs[0].numpy()

# case: a forward that returns a dict of outputs: its logits still require grad
import torch
import torch.nn as nn


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 3)

    def forward(self, x):
        logits = self.fc(x)
        return {"logits": logits, "probs": logits.softmax(-1).detach()}


outputs = Classifier()(torch.randn(2, 4))
probs = outputs["probs"].numpy()
logits = outputs["logits"].numpy()  # error: TL001 col 28

# case: a batch dict unpacked into the model's keyword arguments
import torch
import torch.nn as nn


class Regressor(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 1)

    def forward(self, features, scale=1.0):
        return self.fc(features) * scale


batch = {"features": torch.randn(5, 4), "scale": 0.5}
predictions = Regressor()(**batch).numpy()  # error: TL001 col 36

# case: the dict's entry replaced by its detached value before the conversion
import torch

w = torch.randn(3, requires_grad=True)
results = {"pred": w * 2}
results["pred"] = results["pred"].detach()
array = results["pred"].numpy()

# case: a dict emptied by a method not followed (update) is no longer known
import torch

w = torch.randn(3, requires_grad=True)
state = {"pred": w * 2}
state.update(pred=torch.zeros(3))
array = state["pred"].numpy()

# case: each key of a dict of images on its own: the rendered one still requires grad
import torch

shape = torch.zeros(2, 3, requires_grad=True)
visuals = {"inputs": torch.rand(2, 3), "rendered": torch.sigmoid(shape)}
for name in visuals:
    image = visuals[name].numpy()  # error: TL001 col 27

# case: a function changes a list the module holds: the module sees the change
import torch

w = torch.randn(3, requires_grad=True)
history = [w * 2]


def forget_graphs():
    history[0] = history[0].detach()


forget_graphs()
array = history[0].numpy()

# case: a dict an object holds, changed by one of its methods, is not trusted afterwards
import torch


class Cache:
    def __init__(self, w):
        self.outputs = {"pred": w * 2}

    def release(self):
        self.outputs["pred"] = self.outputs["pred"].detach()

    def as_array(self):
        return self.outputs["pred"].numpy()


cache = Cache(torch.randn(3, requires_grad=True))
cache.release()
array = cache.as_array()

# case: dict(**options) of a caller's keywords is not known whole: the detach branch may run
import torch


def run(w, **options):
    settings = dict(**options)
    y = w * 2
    if settings.get("detach"):
        y = y.detach()
    return y.numpy()


run(torch.randn(3, requires_grad=True), detach=True)

# case: a function that fills a module-level cache answers the second call from it
import torch

_cache = {}


def cached_double(w):
    if "v" in _cache:
        return _cache["v"]
    _cache["v"] = (w * 2).detach()
    return w * 2


w = torch.randn(3, requires_grad=True)
cached_double(w)
array = cached_double(w).numpy()

# case: 1 and True are one key of a dict
import torch

w = torch.randn(3, requires_grad=True)
outputs = {1: w * 2, True: w.detach()}
array = outputs[1].numpy()

# case: a dict put in a list and changed through its name
import torch

w = torch.randn(3, requires_grad=True)
step = {"pred": w * 2}
history = [step]
step["pred"] = step["pred"].detach()
array = history[0]["pred"].numpy()

# case: a nested function changes a dict of the function around it
import torch


def evaluate(w):
    outputs = {"pred": w * 2}

    def release():
        outputs["pred"] = outputs["pred"].detach()

    release()
    return outputs["pred"].numpy()


evaluate(torch.randn(3, requires_grad=True))

# case: a values() view is live: it sees the detached value
import torch

w = torch.randn(3, requires_grad=True)
outputs = {"pred": w * 2}
values = outputs.values()
outputs["pred"] = outputs["pred"].detach()
arrays = [v.numpy() for v in values]

# case: a dict default is one object shared by every call
import torch


def remember(w, store={}):
    if "pred" in store:
        return store["pred"].numpy()
    store["pred"] = (w * 2).detach()
    return None


w = torch.randn(3, requires_grad=True)
remember(w)
remember(w)

# case: a method that __init__ calls changes a dict __init__ made
import torch


class Recorder:
    def __init__(self, w):
        self.outputs = {"pred": w * 2}
        self._release()
        self.array = self.outputs["pred"].numpy()

    def _release(self):
        self.outputs["pred"] = self.outputs["pred"].detach()


Recorder(torch.randn(3, requires_grad=True))

# case: a helper given a dict, then given an equal one, hands back the one it was given
import torch


def identity(outputs):
    return outputs


w = torch.randn(3, requires_grad=True)
first = {"pred": w * 2}
second = {"pred": w * 2}
identity(first)
same = identity(second)
same["pred"] = same["pred"].detach()
array = second["pred"].numpy()

# case: a function changes a global dict that its caller holds under another name
import torch

w = torch.randn(3, requires_grad=True)
history = {"pred": w * 2}


def clean():
    history["pred"] = history["pred"].detach()


def report():
    kept = history
    clean()
    return kept["pred"].numpy()


report()

# case: a dict held as a class attribute, changed by a method
import torch

W = torch.randn(3, requires_grad=True)


class Store:
    outputs = {"pred": W * 2}

    def release(self):
        self.outputs["pred"] = self.outputs["pred"].detach()

    def as_array(self):
        return self.outputs["pred"].numpy()


store = Store()
store.release()
store.as_array()

# case: |= changes a dict in place, for every name of it
import torch

w = torch.randn(3, requires_grad=True)
outputs = {"pred": w * 2}
alias = outputs
outputs |= {"pred": w.detach()}
array = alias["pred"].numpy()

# case: a helper called with *args is not followed: the list it is given may have changed
import torch


def detach_first(outputs, *rest):
    outputs[0] = outputs[0].detach()


w = torch.randn(3, requires_grad=True)
outputs = [w * 2]
extra = (1, 2)
detach_first(outputs, *extra)
array = outputs[0].numpy()

# case: a loop over the rows of a layer's output: each row requires grad
import torch
import torch.nn as nn

layer = nn.Linear(4, 3)
out = layer(torch.randn(5, 4))
rows = []
for row in out:
    rows.append(row.numpy())  # error: TL001 col 21

# case: a loop over the rows of a detached output
import torch
import torch.nn as nn

layer = nn.Linear(4, 3)
out = layer(torch.randn(5, 4)).detach()
rows = [row.numpy() for row in out]

# case: a helper makes an attribute of an object require grad; the object's method converts it later
import torch


class State:
    def __init__(self, positions):
        self.positions = positions

    def as_array(self):
        return self.positions.numpy()  # error: TL001 col 31


def relax(state):
    state.positions = state.positions.clone().requires_grad_(True)


state = State(torch.rand(8, 3))
relax(state)
array = state.as_array()

# case: the helper makes the attribute require grad only when asked
import sys

import torch


class State:
    def __init__(self, positions):
        self.positions = positions


def relax(state, trainable):
    if trainable:
        state.positions = state.positions.clone().requires_grad_(True)


state = State(torch.rand(8, 3))
relax(state, len(sys.argv) > 99)
array = state.positions.numpy()

# case: the attribute is replaced through a name the linter cannot follow
import torch


class State:
    def __init__(self, positions):
        self.positions = positions


state = State(torch.rand(8, 3))
state.positions = state.positions.clone().requires_grad_(True)
alias = [state][0]
setattr(alias, "posi" + "tions", torch.zeros(8, 3))
array = state.positions.numpy()
