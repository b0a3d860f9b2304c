# case: seed article 003: transposed tensor flattened with .view(-1) inside print
import torch

t1 = torch.randn(2, 3)
t1_ = t1.transpose(0, 1)
print(t1_.view(-1))  # error: TL002 col 11

# case: attention heads merged with .transpose(1, 2).view(B, T, C) in forward
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class CausalSelfAttention(nn.Module):
    def __init__(self, n_embd, n_head):
        super().__init__()
        self.n_head = n_head
        self.q = nn.Linear(n_embd, n_embd)
        self.k = nn.Linear(n_embd, n_embd)
        self.v = nn.Linear(n_embd, n_embd)

    def forward(self, x):
        B, T, C = x.size()
        nh, hs = self.n_head, C // self.n_head
        q = self.q(x).view(B, T, nh, hs).transpose(1, 2)
        k = self.k(x).view(B, T, nh, hs).transpose(1, 2)
        v = self.v(x).view(B, T, nh, hs).transpose(1, 2)
        att = F.softmax((q @ k.transpose(-2, -1)) / math.sqrt(hs), dim=-1)
        y = (att @ v).transpose(1, 2).view(B, T, C)  # error: TL002 col 39
        return y


attn = CausalSelfAttention(n_embd=8, n_head=2)
out = attn(torch.randn(2, 4, 8))

# case: channels-last permute(0, 2, 3, 1) of a feature map, then .view(N, -1)
import torch


def to_tokens(feat):
    N = feat.size(0)
    tokens = feat.permute(0, 2, 3, 1)
    return tokens.view(N, -1)  # error: TL002 col 19


fmap = torch.randn(2, 8, 4, 4)
tokens = to_tokens(fmap)

# case: x.T flattened with .view(-1)
import torch

x = torch.arange(6.).reshape(2, 3)
flat = x.T.view(-1)  # error: TL002 col 12

# case: batched matrix transpose .mT, then .view(B, -1)
import torch

batch = torch.randn(2, 3, 4)
B = batch.shape[0]
rows = batch.mT.view(B, -1)  # error: TL002 col 17

# case: padding mask built with unsqueeze/expand, then flattened
import torch

lengths = torch.tensor([3, 1, 2])
B, T = 3, 4
mask = lengths.unsqueeze(1).expand(B, T)
positions = torch.arange(T).unsqueeze(0).expand(B, T)
valid = (positions < mask).view(-1)
flat_mask = mask.view(-1)  # error: TL002 col 18

# case: bias broadcast with expand_as, then .view(-1)
import torch

scores = torch.zeros(2, 4)
bias = torch.randn(4).expand_as(scores)
flat_bias = bias.view(-1)  # error: TL002 col 18

# case: first k columns x[:, :k] flattened with .view(-1)
import torch

x = torch.randn(4, 6)
k = 3
head = x[:, :k].view(-1)  # error: TL002 col 17

# case: narrow along dim 1, then .view(-1)
import torch

seq = torch.randn(2, 5, 3)
middle = seq.narrow(1, 1, 3)
flat = middle.view(-1)  # error: TL002 col 15

# case: chunk on dim 1 with tuple unpacking, then .view(-1)
import torch

pair = torch.randn(4, 6)
left, right = pair.chunk(2, dim=1)
left_flat = left.view(-1)  # error: TL002 col 18

# case: LSTM-style state split on dim=1, then .view(-1)
import torch

state = torch.randn(3, 8)
h, c = state.split(4, dim=1)
h_flat = h.view(-1)  # error: TL002 col 12

# case: flatten helper called with a transposed tensor fails inside the helper
import torch


def flatten(t):
    return t.view(-1)  # error: TL002 col 14


x = torch.randn(3, 5)
flat = flatten(x.t())

# case: module-level transposed weight flattened inside a function
import torch

W = torch.randn(4, 3)
W_t = W.t()


def weights_as_vector():
    return W_t.view(-1)  # error: TL002 col 16


vec = weights_as_vector()

# case: import torch as th, permute then .view(6)
import torch as th

x = th.ones(2, 3)
y = x.permute(1, 0)
z = y.view(6)  # error: TL002 col 7

# case: transposed tensor passed through several names
import torch

a = torch.arange(12.).reshape(3, 4)
b, other = a.t(), torch.zeros(2)
c = b
d = c
row = d.view(12)  # error: TL002 col 9

# case: clone() of a transposed tensor keeps its strides
import torch

x = torch.randn(2, 3)
y = x.t().clone()
flat = y.view(-1)  # error: TL002 col 10

# case: elementwise op on a transposed tensor keeps its strides
import torch

x = torch.randn(2, 3)
flat = (x.t() + 1).view(-1)  # error: TL002 col 20

# case: torch.relu of a permuted feature map, then .view(N, -1)
import torch

x = torch.randn(2, 3, 4, 5)
N = x.size(0)
act = torch.relu(x.permute(0, 2, 3, 1))
flat = act.view(N, -1)  # error: TL002 col 12

# case: dtype casts keep the transposed layout
import torch

counts = torch.randint(0, 5, (2, 3))
as_float = counts.t().float()
as_double = as_float.to(torch.float64)
flat = as_double.view(-1)  # error: TL002 col 18

# case: detach() of a transposed activation, then .view(-1)
import torch

w = torch.randn(3, 4, requires_grad=True)
act = (w * 2).t().detach()
values = act.view(-1)  # error: TL002 col 14

# case: both branches of an if/else transpose, then .view(-1)
import sys

import torch

x = torch.randn(4, 6)
if len(sys.argv) > 99:
    y = x.t()
else:
    y = x.transpose(0, 1)
flat = y.view(-1)  # error: TL002 col 10

# case: loop flattening a transposed batch with .view(2, -1)
import torch

feats = []
for step in range(3):
    h = torch.randn(2, 3, 4).transpose(1, 2)
    feats.append(h.view(2, -1))  # error: TL002 col 20

# case: forward unpacks B, T, C = x.shape and views a transpose as (B, C * T)
import torch
import torch.nn as nn


class TimeMixer(nn.Module):
    def __init__(self, T, C, out):
        super().__init__()
        self.fc = nn.Linear(T * C, out)

    def forward(self, x):
        B, T, C = x.shape
        h = x.transpose(1, 2)
        return self.fc(h.view(B, C * T))  # error: TL002 col 26


model = TimeMixer(T=5, C=3, out=4)
y = model(torch.randn(2, 5, 3))

# case: attention heads merged with .contiguous().view(B, T, C)
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class CausalSelfAttention(nn.Module):
    def __init__(self, n_embd, n_head):
        super().__init__()
        self.n_head = n_head
        self.q = nn.Linear(n_embd, n_embd)
        self.k = nn.Linear(n_embd, n_embd)
        self.v = nn.Linear(n_embd, n_embd)

    def forward(self, x):
        B, T, C = x.size()
        nh, hs = self.n_head, C // self.n_head
        q = self.q(x).view(B, T, nh, hs).transpose(1, 2)
        k = self.k(x).view(B, T, nh, hs).transpose(1, 2)
        v = self.v(x).view(B, T, nh, hs).transpose(1, 2)
        att = F.softmax((q @ k.transpose(-2, -1)) / math.sqrt(hs), dim=-1)
        y = (att @ v).transpose(1, 2).contiguous().view(B, T, C)
        return y


attn = CausalSelfAttention(n_embd=8, n_head=2)
out = attn(torch.randn(2, 4, 8))

# case: merge_heads uses .reshape on a batch of unknown shape from a DataLoader
import torch
from torch.utils.data import DataLoader, TensorDataset


def merge_heads(y):
    B, nh, T, hs = y.shape
    return y.transpose(1, 2).reshape(B, T, nh * hs)


loader = DataLoader(TensorDataset(torch.randn(4, 2, 3, 5)), batch_size=2)
for (heads,) in loader:
    merged = merge_heads(heads)

# case: view on a transpose that only adds a size-1 dimension
import torch

y = torch.randn(2, 3).t().view(3, 2, 1)

# case: view on a transpose that only splits a dimension
import torch

y = torch.randn(2, 4).t().view(2, 2, 2)

# case: transposing a tensor with a size-1 dimension is harmless
import torch

row = torch.randn(1, 3)
col = row.t()
flat = col.view(-1)

# case: user class with its own transpose and view methods
class Scene:
    def __init__(self, angle=0):
        self.angle = angle

    def transpose(self, a, b):
        return Scene(self.angle + 90)

    def view(self, *args):
        return f"view at {self.angle} degrees"


scene = Scene()
picture = scene.transpose(0, 1).view(-1)

# case: views of contiguous tensors, including a slice along dim 0
import torch

x = torch.randn(4, 6)
pairs = x.view(2, 12)
first_rows = x[:2].view(-1)
flat = torch.zeros(3, 5).view(-1)

# case: name rebound to a fresh tensor before the view
import torch

x = torch.randn(2, 3)
y = x.t()
y = torch.zeros(3, 2)
flat = y.view(-1)

# case: only one branch transposes; the view is not certain to fail
import sys

import torch

x = torch.randn(4, 6)
if len(sys.argv) > 99:
    y = x.t()
else:
    y = x
flat = y.view(-1)

# case: elementwise op and clone() of a column slice are contiguous
import torch

x = torch.randn(4, 6)
scaled = (x[:, :2] * 2).view(-1)
copied = x[:, 2:].clone().view(-1)

# case: clone() and arithmetic on an expanded tensor are contiguous
import torch

col = torch.randn(3, 1)
grid = col.expand(3, 4).clone()
flat = grid.view(-1)
shifted = (torch.randn(4).expand(2, 4) + 0).view(-1)

# case: matmul of transposed operands returns a fresh tensor
import torch

a = torch.randn(3, 2)
b = torch.randn(3, 4)
prod = a.t() @ b
flat = prod.view(-1)
gram = torch.matmul(a.t(), a).view(-1)

# case: nn.Linear output of a transposed input is contiguous
import torch
import torch.nn as nn

lin = nn.Linear(5, 4)
x = torch.randn(2, 5, 3)
B = x.size(0)
h = lin(x.transpose(1, 2))
flat = h.view(B, -1)

# case: softmax of a transposed tensor returns a fresh tensor
import torch

logits = torch.randn(3, 4)
probs = torch.softmax(logits.t(), dim=-1)
flat = probs.view(-1)

# case: narrow along dim 1, then a view that merges dims still adjacent
import torch

seq = torch.randn(2, 5, 3)
middle = seq.narrow(1, 1, 3)
per_sample = middle.view(2, -1)

# case: qkv split on the last dim, then a view that only splits that dim
import torch
import torch.nn as nn

B, T, C, nh = 2, 4, 8, 2
qkv = nn.Linear(C, 3 * C)
x = torch.randn(B, T, C)
q, k, v = qkv(x).split(C, dim=2)
q = q.view(B, T, nh, C // nh).transpose(1, 2)
y = q.transpose(1, 2).contiguous().view(B, T, C)

# case: LSTM gates chunked on dim 1, then a view that only splits the gate dim
import torch

gates = torch.randn(2, 16)
i, f, g, o = gates.chunk(4, dim=1)
i_heads = i.view(2, 2, 2)

# case: transposing twice and permuting back restore the layout
import torch

x = torch.randn(2, 3)
back = x.t().t().view(-1)
img = torch.randn(2, 3, 4, 4)
nhwc = img.permute(0, 2, 3, 1)
nchw = nhwc.permute(0, 3, 1, 2)
flat = nchw.view(2, -1)

# case: view(dtype) reinterprets a transposed tensor with the same element size
import torch

x = torch.randn(2, 3)
bits = x.t().view(torch.int32)

# case: square images of unknown size transposed, viewed back to (N, C, H, W)
import torch
from torch.utils.data import DataLoader, TensorDataset


def swap_axes(img):
    N, C, H, W = img.shape
    return img.transpose(2, 3).view(N, C, H, W)


loader = DataLoader(TensorDataset(torch.randn(4, 3, 5, 5)), batch_size=2)
for (images,) in loader:
    swapped = swap_axes(images)

# case: loop rebinds a contiguous copy of the transpose before the view
import torch

outs = []
for step in range(3):
    h = torch.randn(2, 3, 4).transpose(1, 2)
    h = h.contiguous()
    outs.append(h.view(2, -1))

# case: reshape of a transposed tensor that needs no copy is a view that stays transposed
import torch

x = torch.rand(4, 2, 5, 4)
x = x.transpose(1, 0).reshape((2, 4, 5, 1, 4))
y = x.abs()
flat = torch.transpose(y.T, 2, 0).view(-1)  # error: TL002 col 35

# case: .view_as(other) is a view as well
import torch

x = torch.rand(2, 4, 5, 1, 4)
back = torch.transpose(x.T, 2, 0).view_as(x)  # error: TL002 col 35

# case: clone() keeps the layout of .mT of a tensor with a size-1 dim
import torch

x = torch.randn(1, 2, 2)
flat = x.mT.clone().view(-1)  # error: TL002 col 21

# case: an elementwise op on an expanded tensor gives a packed result
import torch

a = torch.zeros(2, 5, 2)
b = torch.relu(a.unsqueeze(0).expand(2, 2, 5, 2))
c = b.view(4, 10)
d = b.mT.view_as(b)  # error: TL002 col 10

# case: with a transposed input first, an elementwise op is transposed; packed first, packed
import torch

x = torch.randn(2, 1, 3).permute(2, 1, 0)
y = torch.randn(3, 1, 2)
ok = (y + x).view(-1)
bad = (x + y).view(-1)  # error: TL002 col 15

# case: torch.tensor(t.tolist()) has the shape of t, packed
import torch

w = torch.randn(2, 4)
copy = w.new_tensor(w.tolist())
flat = copy.view(-1)
bad = copy.t().view(-1)  # error: TL002 col 16

# case: torch.tensor of a tensor's .numpy() keeps its shape and its layout
import torch

t = torch.randint(0, 5, (1, 1, 4))
c = torch.tensor(t.numpy())
m = torch.randint(0, 5, (2, 3))
ok = torch.tensor(m.t().numpy()).t().view(-1)
flat = torch.permute(c, (0, 2, 1)).expand(3, -1, 2).view(3, -1)  # error: TL002 col 53

# case: as_strided gives exactly the strides asked for
import torch

y = torch.arange(6.).as_strided((3, 2), (1, 3))
flat = y.view(-1)  # error: TL002 col 10

# case: a dtype conversion of an expanded tensor is a packed copy; of a transposed one, a transposed copy
import torch

x = torch.ones(4, 4, dtype=torch.int64)
flat = x.unsqueeze(0).expand(2, 4, 4).float().view(-1)
w = torch.ones(4, 3, dtype=torch.float64)
bad = w.t().float().view(-1)  # error: TL002 col 21

# case: torch.stack adds a dimension (torch.cat does not)
import torch

x = torch.randint(0, 5, (5, 1, 2), dtype=torch.int32)
joined = torch.cat([x, x]).view(-1)
stacked = torch.stack([x, x.clone()])
flat = stacked.swapaxes(1, 3).narrow(3, 1, 4)[:-1].view(-1)  # error: TL002 col 52

# case: sizes written as hexadecimal, octal, with underscores or leading zeros are read as Python reads them
import torch

x = torch.randn(0x4, 1_0 * (00 + 0o1))
flat = x.t().view(4_0)  # error: TL002 col 14
scaled = x.reshape(40) * 1e-3

# case: one case of a match statement flattens a transposed tensor with .view
import torch


def flatten(x, mode):
    match mode:
        case "rows":
            return x.view(-1)
        case "cols":
            return x.t().view(-1)  # error: TL002 col 26
    return x


flatten(torch.randn(2, 3), "cols")

# case: a match statement whose cases flatten with reshape, and bind the pattern's names
import torch


def flatten(x, spec):
    match spec:
        case ("cols", n):
            return x.t().reshape(n, -1)
        case {"rows": n, **rest}:
            return x.view(n, -1)
        case _:
            return x.t().contiguous().view(-1)


flatten(torch.randn(2, 3), ("cols", 3))
flatten(torch.randn(2, 3), {"rows": 2})
flatten(torch.randn(2, 3), None)

# case: q, k, v unbound from a permuted qkv projection in forward; k flattened with .view
import torch
import torch.nn as nn


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, dim * 3)

    def forward(self, x):
        B, N, C = x.shape
        qkv = self.qkv(x).reshape(B, N, 3, self.heads, C // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv.unbind(0)
        return k.view(B, -1)  # error: TL002 col 18


attn = Attention(8, 2)
out = attn(torch.randn(2, 5, 8))

# case: q, k, v unpacked from a permuted tensor (Python iterates dim 0); v flattened with .view
import torch

B, T, heads, size = 2, 4, 2, 3
qkv = torch.randn(B, T, 3, heads, size).permute(2, 0, 3, 1, 4)
q, k, v = qkv
flat = v.view(B, -1)  # error: TL002 col 10

# case: heads unbound from a permuted projection, then merged with reshape or after contiguous()
import torch

B, T, heads, size = 2, 4, 2, 3
qkv = torch.randn(B, T, 3, heads, size).permute(2, 0, 3, 1, 4)
q, k, v = qkv.unbind(0)
merged = (q @ k.transpose(-2, -1)).softmax(-1) @ v
out = merged.transpose(1, 2).reshape(B, T, heads * size)
k_flat = k.contiguous().view(B, -1)
first = q[0].view(heads, T, size, 1)

# case: code after a while loop whose condition holds on entry (while step < 3) is still checked
import torch

x = torch.randn(2, 3)
step = 0
while step < 3:
    step += 1
flat = x.t().view(-1)  # error: TL002 col 14

# case: forward reads B, C, T from its input and flattens the permuted tensor (fails for every C, T > 1)
import torch
import torch.nn as nn


class TemporalPool(nn.Module):
    def forward(self, x):
        B, C, T = x.shape
        return x.permute(0, 2, 1).view(B, -1)  # error: TL002 col 35


# run: TemporalPool()(torch.randn(2, 3, 5))
# run: TemporalPool()(torch.randn(4, 7, 2))

# case: helper annotated torch.Tensor merges time into batch after transpose (sizes never shown)
import torch


def frames_to_batch(x: torch.Tensor):
    B, T, C = x.shape
    return x.transpose(1, 2).view(B * T, C)  # error: TL002 col 30


# run: frames_to_batch(torch.randn(3, 4, 5))
# run: frames_to_batch(torch.randn(2, 6, 3))

# case: causal self-attention configured by a config object merges heads without contiguous()
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class CausalSelfAttention(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.c_attn = nn.Linear(config.n_embd, 3 * config.n_embd)
        self.c_proj = nn.Linear(config.n_embd, config.n_embd)
        self.n_head = config.n_head
        self.n_embd = config.n_embd

    def forward(self, x):
        B, T, C = x.size()
        q, k, v = self.c_attn(x).split(self.n_embd, dim=2)
        k = k.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        q = q.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        v = v.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        att = F.softmax((q @ k.transpose(-2, -1)) / math.sqrt(k.size(-1)), dim=-1)
        y = (att @ v).transpose(1, 2).view(B, T, C)  # error: TL002 col 39
        return self.c_proj(y)


# run: from types import SimpleNamespace
# run: CausalSelfAttention(SimpleNamespace(n_embd=8, n_head=2))(torch.randn(2, 5, 8))

# case: a transpose that only splits a dim afterwards is a legal view, for any sizes
import torch


def unfold_channels(x: torch.Tensor):
    B, C, H, W = x.shape
    y = x.transpose(0, 1)
    return y.view(C, B, H * W).view(C, B, H, W)


# run: unfold_channels(torch.randn(2, 3, 4, 5))

# case: permute(0, 2, 3, 1).view(1, -1, C) on a batch of one: H and W stay adjacent
import torch

C, H, W = 3, 4, 5
x = torch.randn(1, C, H, W)
flat = x.permute(0, 2, 3, 1).view(1, -1, C)

# case: an argument used only as numpy uses arrays (transpose, reshape) is not taken for a tensor
import numpy as np


def to_rows(a):
    B, T, C = a.shape
    return a.transpose(0, 2, 1).view(np.float32)


# run: to_rows(np.zeros((2, 3, 4), dtype=np.float32))

# case: an upsampled image is packed, so its channels swapped with its rows cannot be flattened by view
import torch
import torch.nn.functional as F

img = torch.randn(2, 3, 8, 8)
flat = F.interpolate(img, scale_factor=2).transpose(1, 2).view(-1)  # error: TL002 col 59

# case: interpolate keeps a channels-last input channels last (an NHWC batch permuted to NCHW)
import torch
import torch.nn.functional as F

batch = torch.randn(4, 16, 16, 3).permute(0, 3, 1, 2)
small = F.interpolate(batch, size=(8, 8), mode="bilinear", align_corners=False)
flat = small.view(4, -1)  # error: TL002 col 14

# case: nn.Upsample on a channels-last batch, flattened per sample with view
import torch
import torch.nn as nn

up = nn.Upsample(scale_factor=2, mode="nearest")
batch = torch.randn(2, 5, 5, 3).permute(0, 3, 1, 2)
out = up(batch).view(2, -1)  # error: TL002 col 17

# case: unfold's patches (N, C*k*k, L) with the blocks moved first, flattened with view
import torch
import torch.nn.functional as F

img = torch.randn(2, 3, 6, 7)
patches = F.unfold(img, kernel_size=3)
rows = patches.transpose(1, 2).view(-1)  # error: TL002 col 32

# case: nn.Unfold on an image whose sizes are not known, blocks moved first and merged with view
import torch
import torch.nn as nn


def patch_rows(img):
    B, _, _, _ = img.shape
    patches = nn.Unfold(kernel_size=2, stride=2)(img)
    return patches.permute(0, 2, 1).view(B, -1)  # error: TL002 col 37

# run: patch_rows(torch.randn(2, 3, 8, 8))

# case: upsampled and unfolded results are packed: viewing them flat, or per sample, works
import torch
import torch.nn as nn
import torch.nn.functional as F

img = torch.randn(2, 3, 8, 8)
up = F.interpolate(img, scale_factor=2, mode="bilinear", align_corners=False).view(2, -1)
size = nn.functional.interpolate(img.transpose(2, 3), size=(4, 4)).view(-1)
patches = F.unfold(img, kernel_size=(2, 3), stride=2, padding=1).view(-1)
blocks = nn.Unfold(3)(img).view(2, 3, 9, -1)
back = F.fold(F.unfold(img, 2, stride=2), output_size=(8, 8), kernel_size=2, stride=2).view(2, -1)

# case: a channels-last batch upsampled and permuted back to NHWC is packed; a packed one permuted is not viewed
import torch
import torch.nn as nn
import torch.nn.functional as F

batch = torch.randn(2, 8, 8, 3).permute(0, 3, 1, 2)
nhwc = F.interpolate(batch, scale_factor=2).permute(0, 2, 3, 1).view(2, -1)
same = nn.Upsample(size=(4, 4))(batch).permute(0, 2, 3, 1).reshape(2, -1)

# case: an upsampled input whose layout is not known (a parameter) is not judged
import torch
import torch.nn.functional as F


def upsample_flat(x):
    return F.interpolate(x, scale_factor=2).view(x.shape[0], -1)

# run: upsample_flat(torch.randn(2, 3, 4, 4))
# run: upsample_flat(torch.randn(2, 4, 4, 3).permute(0, 3, 1, 2).contiguous())

# case: the right side of `or` / `and` is not run when the left side decides
import torch

x = torch.randn(2, 3)
flat = x.is_contiguous() or x.t().view(-1)
none = x.t().is_contiguous() and x.t().view(-1)

# case: top-k accuracy with topk=(1, 5) from the caller: the k = 5 round merges rows of a transposed tensor
import torch


def accuracy(output, target, topk=(1,)):
    maxk = max(topk)
    _, pred = output.topk(maxk, 1, True, True)
    pred = pred.t()
    correct = pred.eq(target.view(1, -1).expand_as(pred))
    res = []
    for k in topk:
        res.append(correct[:k].view(-1).float().sum(0))  # error: TL002 col 32
    return res


top1, top5 = accuracy(torch.randn(16, 10), torch.randint(0, 10, (16,)), topk=(1, 5))

# case: top-1 only: the one round views a single row, which is legal
import torch


def accuracy(output, target, topk=(1,)):
    maxk = max(topk)
    _, pred = output.topk(maxk, 1, True, True)
    pred = pred.t()
    correct = pred.eq(target.view(1, -1).expand_as(pred))
    return [correct[:k].view(-1).float().sum(0) for k in topk]


(top1,) = accuracy(torch.randn(16, 10), torch.randint(0, 10, (16,)))

# case: a strided convolution's feature map, channels swapped with rows, flattened with view
import torch
import torch.nn as nn

images = torch.randn(2, 3, 9, 11)
features = nn.Conv2d(3, 5, 3, stride=2, padding=1)(images)
flat = features.transpose(1, 2).view(-1)  # error: TL002 col 33

# case: globally pooled features transposed and flattened with view (the pool's output size is known)
import torch
import torch.nn as nn

images = torch.randn(2, 3, 9, 11)
pooled = nn.AdaptiveAvgPool2d(1)(nn.Conv2d(3, 8, 3)(images)).flatten(1)
flat = pooled.t().view(-1)  # error: TL002 col 19

# case: a max-pooled map viewed per channel, and a conv output merged along its packed dims: legal
import torch
import torch.nn as nn

images = torch.randn(2, 3, 9, 11)
pooled = nn.MaxPool2d(2)(images)
per_channel = pooled.view(2, 3, -1)
rows = nn.Conv2d(3, 4, 3, padding="same")(images).view(2, 4, 9 * 11)

# case: segments folded into the batch with a shape built by tuple concatenation, then swapped and flattened
import torch

clips = torch.randn(8, 12, 16, 16)
frames = clips.view((-1, 3) + clips.size()[-2:])
flat = frames.transpose(1, 2).view(-1)  # error: TL002 col 31

# case: a batch_first GRU's output is laid out time-major: flattening batch and time with view fails
import torch
import torch.nn as nn

gru = nn.GRU(5, 7, batch_first=True, bidirectional=True)
output, hidden = gru(torch.randn(3, 4, 5))
flat = output.view(-1, 14)  # error: TL002 col 15

# case: a time-major LSTM's output and every hidden state are packed; batch_first output after contiguous()
import torch
import torch.nn as nn

lstm = nn.LSTM(5, 7, num_layers=2)
output, (h_n, c_n) = lstm(torch.randn(4, 3, 5))
flat = output.view(-1, 7)
last = h_n.view(2, -1)
gru = nn.GRU(5, 7, batch_first=True)
rows = gru(torch.randn(3, 4, 5))[0].contiguous().view(-1, 7)

# case: the same accuracy as a list comprehension over topk=(1, 5): the k = 5 item fails
import torch


def accuracy(output, target, topk=(1,)):
    maxk = max(topk)
    _, pred = output.topk(maxk, 1, True, True)
    pred = pred.t()
    correct = pred.eq(target.view(1, -1).expand_as(pred))
    return [correct[:k].view(-1).float().sum(0) for k in topk]  # error: TL002 col 25


top1, top5 = accuracy(torch.randn(8, 10), torch.randint(0, 10, (8,)), topk=(1, 5))

# case: a query slice split along the last dim of a grouped projection, viewed with a shape given by *shape
import torch

mixed = torch.randn(10, 2, 96)
shape = mixed.size()[:-1] + (2, 48)
mixed = mixed.view(*shape)
query, key, value = torch.split(mixed, [32, 8, 8], dim=3)
heads = query.view(10, 2, -1, 8)  # error: TL002 col 15

# case: a dim of size 1 put in by unsqueeze at a rank the code does not show, then swapped: still packed (the oracle's)
import torch


def flatten_heads(x):
    y = x.unsqueeze(1)
    return y.transpose(0, 1).view(-1)

# case: a loop over a batch of transposed matrices: each item is transposed
import torch

x = torch.randn(2, 3, 4).transpose(1, 2)
for m in x:
    flat = m.view(-1)  # error: TL002 col 14

# case: a loop over a batch whose items are packed, then over a transposed matrix's rows (each a strided 1-d view)
import torch

x = torch.randn(2, 3, 4)
for m in x:
    flat = m.view(-1)
for column in torch.randn(3, 4).t():
    again = column.view(-1)
