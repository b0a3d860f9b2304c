# case: seed article 001: toeplitz built with a NumPy-style negative stride (-n, n)
import torch


def toeplitz_torch(c, r=None):
    c = torch.tensor(c).ravel()
    if r is None:
        r = torch.conj(c)
    else:
        r = torch.tensor(r).ravel()
    idx = [i for i in range(c.size(0)-1, -1, -1)]
    idx = torch.LongTensor(idx)
    c = c.index_select(0, idx)
    vals = torch.cat((c, r[1:]))
    out_shp = len(c), len(r)
    n = vals.stride(0)
    return torch.as_strided(vals[len(c)-1:], size=out_shp, stride=(-n, n)).copy()  # error: TL005 col 18


t = toeplitz_torch([1., 2., 3.], [1., 4., 5., 6.])

# case: literal negative stride in torch.as_strided
import torch

x = torch.arange(6.)
y = torch.as_strided(x, (3, 2), (-1, 1), 5)  # error: TL005 col 11

# case: Tensor.as_strided with a negative inner stride
import torch

x = torch.arange(6.)
y = x.as_strided((2, 3), (1, -1), 2)  # error: TL005 col 7

# case: negated stride of a fresh tensor, inline
import torch

x = torch.linspace(0, 1, 5)
rev = torch.as_strided(x, (5,), (-x.stride(0),), 4)  # error: TL005 col 13

# case: name bound to a negated stride of a zeros tensor
import torch

m = torch.zeros(3, 4)
s = -m.stride(1)
flipped = m.as_strided((3, 4), (m.stride(0), s), 3)  # error: TL005 col 13

# case: reversed sliding windows over a signal
import torch

sig = torch.arange(10.)
w = 3
n_win = sig.numel() - w + 1
windows = torch.as_strided(sig, size=(n_win, w), stride=(1, -1), storage_offset=w - 1)  # error: TL005 col 17

# case: reversing a vector by hand instead of flip
import torch

x = torch.randn(4)
rev = x.as_strided(x.size(), (-1,), x.numel() - 1)  # error: TL005 col 9

# case: strides unpacked from x.stride(), one negated
import torch

x = torch.ones(3, 4)
s0, s1 = x.stride()
mirror = torch.as_strided(x, (3, 4), (s0, -s1), 3)  # error: TL005 col 16

# case: alias import torch as th
import torch as th

v = th.arange(8)
n = v.stride(0)
out = th.as_strided(v, (4,), (-n,), 7)  # error: TL005 col 10

# case: from torch import as_strided
import torch
from torch import as_strided

v = torch.arange(4.)
out = as_strided(v, (2, 2), (-2, 1), 2)  # error: TL005 col 7

# case: negated stride of a torch.cat result
import torch

a = torch.arange(3.)
b = torch.arange(3.) + 10
v = torch.cat((a, b))
n = v.stride(0)
band = v.as_strided((2, 2), (-n, n), 2)  # error: TL005 col 10

# case: stride list given by keyword
import torch

x = torch.zeros(2, 3)
y = torch.as_strided(x, size=(2, 3), stride=[-3, 1], storage_offset=3)  # error: TL005 col 11

# case: negated stride of an elementwise op result
import torch

x = torch.randn(2, 3)
y = x * 2 + 1
z = y.as_strided((2, 3), (-y.stride(0), 1), 3)  # error: TL005 col 7

# case: if/else branches agree on a negative step, only the offset differs
import sys
import torch

x = torch.arange(6.)
if len(sys.argv) > 99:
    step, offset = -1, 4
else:
    step, offset = -1, 5
y = torch.as_strided(x, (3,), (step,), offset)  # error: TL005 col 11

# case: negative stride inside a loop fails on the first iteration
import torch

x = torch.arange(12.)
step = -1
for k in range(1, 3):
    y = x.as_strided((3, k), (step, 1), 6)  # error: TL005 col 11

# case: anti-diagonal of a fresh square matrix read backwards
import torch

m = torch.ones(4, 4)
d = m.stride(0) + m.stride(1)
anti = torch.as_strided(m, size=(4,), stride=(-d,), storage_offset=m.numel() - 1)  # error: TL005 col 14

# case: positive strides (n, n)
import torch

x = torch.arange(6.)
n = x.stride(0)
y = torch.as_strided(x, (3, 2), (n, n))

# case: sliding windows with stride (n, 1)
import torch

sig = torch.arange(10.)
n = sig.stride(0)
windows = torch.as_strided(sig, size=(8, 3), stride=(n, 1))

# case: torch.flip is the supported way to reverse
import torch

x = torch.arange(6.).reshape(2, 3)
rev = torch.flip(x, dims=(1,))
rev2 = x.flip(0)

# case: toeplitz with computed indices instead of negative strides
import torch

c = torch.tensor([1., 2., 3.])
r = torch.tensor([1., 4., 5., 6.])
i, j = torch.ones(len(c), len(r)).nonzero().T
toeplitz = torch.cat((r, c[1:].flip(0)))[j - i].reshape(len(c), len(r))

# case: user object with its own as_strided method
import torch


class Grid:
    def __init__(self):
        self.cells = torch.zeros(3, 3)

    def as_strided(self, size, stride):
        return [size, stride]


g = Grid()
view = g.as_strided((3, 3), (-1, 1))

# case: stride sign differs between branches, not definite; the run takes the positive branch
import sys
import torch

x = torch.arange(6.)
if len(sys.argv) > 99:
    s = -1
else:
    s = 1
y = torch.as_strided(x, (3,), (s,))

# case: zero stride broadcasts a row
import torch

row = torch.arange(3.)
tiled = row.as_strided((4, 3), (0, 1))

# case: negated stride of an expanded tensor is zero, not negative
import torch

e = torch.ones(3).expand(4, 3)
s = -e.stride(0)
y = torch.as_strided(e, (2, 3), (s, 1))

# case: strides of x reversed as a tuple (a transpose), all positive
import torch

x = torch.arange(6.).reshape(2, 3)
t = x.as_strided((3, 2), x.stride()[::-1])

# case: identity view with the tensor's own size and stride
import torch

x = torch.randn(2, 3)
same = x.as_strided(x.size(), x.stride())

# case: NumPy as_strided supports negative strides
import numpy as np
from numpy.lib.stride_tricks import as_strided

a = np.arange(6.)
rev = as_strided(a[2:], shape=(3,), strides=(-a.strides[0],))

# case: arithmetic with minus in size and offset, strides positive
import torch

x = torch.arange(6.)
pairs = torch.as_strided(x, (x.size(0) - 1, 2), (1, 1), 0)
tail = torch.as_strided(x, (2,), (1,), x.numel() - 2)

# case: positive strides taken from a loop variable
import torch

x = torch.arange(12.)
for k in range(1, 3):
    y = x.as_strided((3, 2), (k, 1))

# case: difference of strides that is positive
import torch

m = torch.zeros(3, 4)
d = m.stride(0) - m.stride(1)
diag_ish = m.as_strided((3,), (d,))

# case: a helper's branch with a negative stride that its only call never takes
import torch


def helper(t, k):
    if k > 2:
        x = torch.randn(2, 2)
        s = x.stride(0)
        torch.as_strided(x, (1,), (-s,))
    return t


helper(torch.randn(3), 2)

# case: a branch on is_contiguous() that is known not to be taken
import torch

x = torch.rand(3, 1, 3, 2)
if not x.is_contiguous():
    view = x.as_strided((3, 3), (x.stride(3), -x.stride(2)), 1)

# case: torch.tensor(x.shape) is a packed tensor of one dimension
import torch

w = torch.rand(2, 4)
c = torch.tensor(w.shape)
s = c.stride(0)
view = torch.as_strided(c, (1, 2), (s, -s))  # error: TL005 col 14

# case: the .grad of a leaf, after backward, has the leaf's shape and strides
import torch

x = torch.zeros(3, 4, requires_grad=True)
(x ** 2).sum().backward()
g = x.grad.clone()
view = g.as_strided((3, 2), (-g.stride(1), 2))  # error: TL005 col 10

# case: a view to the same shape recomputes the stride of a size-1 dim
import torch

x = torch.ones(1, 2)
y = x.expand(2, 2).narrow(0, 0, 1)
z = y.view_as(y)
s = z.stride(0)
view = z.as_strided((3,), (-s,))  # error: TL005 col 10

# case: a unary op on a dense tensor keeps all its strides, the size-1 dims' as well
import torch

a = torch.zeros(4, 1, 1, 4, dtype=torch.int32)
y = a.transpose(1, 3).swapaxes(0, 1)
flat = y.abs().view_as(y)
s = flat.stride(2)
view = flat.as_strided((1,), (-s,), 1)  # error: TL005 col 13

# case: a view of an expanded size-1 slice keeps a stride of 0, whose negation is not negative
import torch

t = torch.tensor([2])
flat = t.expand(2).narrow(0, 0, 1).view(-1, 1)
view = flat.as_strided(size=(3, 2), stride=(0, -flat.stride(0)))
