"""Real-code mode of the oracle: tensors come in as parameters, sizes are drawn at run time.

`real_programs()` writes programs shaped like real code: an entry point nobody in
the linted files calls (`def step(x, w):`, an `nn.Module.forward`, or a function
of `train.py` that imports `Net` from `model.py`), whose tensors are parameters
and whose sizes are read off them (`B, T, C = x.shape`, `x.size(0)`). A harness
the linter never sees (`RealProgram.harness`) draws the sizes, all >= 2, and the
parameters with them, and calls the entry point; the judge (`realjudge`) runs it
once per draw. In the "script" variant the caller is `train.py`'s own `main()`,
which draws the sizes itself: there the caller is linted too.

The writing reuses the Builder: one path per draw, each statement run on every
draw as it is written, so only valid PyTorch is written (a statement some draw
rejects with no rule's failure is dropped). Shapes are tracked symbolically too
(a size is a product of the drawn symbols), so that the code can name its sizes
instead of writing the numbers of one draw; the symbols are checked against the
values of every draw after each statement.
"""

from __future__ import annotations

import random as _random
from dataclasses import dataclass, field
from typing import Optional

import torch
from hypothesis import reject
from hypothesis import strategies as st

from .builder import INDENT, Builder
from .program import Ctx

DRAWS = 3  # calls of the entry point, each with new sizes
FILES = ("model.py", "train.py")  # linted, in the order they are run
SYMBOLS = {"B": (2, 6), "T": (2, 6), "H": (2, 3), "D": (2, 4), "K": (2, 5)}  # C = H * D
PRELUDE = ("import torch", "import torch.nn as nn", "import torch.nn.functional as F")

# a size: a sorted tuple of the symbols it is the product of ("#3" is the literal 3)
B, T, H, D, K, C = ("B",), ("T",), ("H",), ("D",), ("K",), ("D", "H")
THREE = ("#3",)
USUAL_NAME = {B: "B", T: "T", C: "C", H: "n_head", D: "head_dim", K: "K", ("B", "T"): "BT"}

# entry-point signatures: (parameter, shape) for tensors, (parameter, size) for ints
SIGNATURES = (
    (("x", (B, T, C)),),
    (("x", (B, T, C)), ("n_head", H)),
    (("x", (B, C)), ("w", (C, K))),
    (("x", (B, T, C)), ("w", (C, K))),
    (("x", (B, H, T, D)),),
    (("q", (B, H, T, D)), ("k", (B, H, T, D)), ("v", (B, H, T, D))),
)


def size_value(dim: tuple, sizes: dict) -> int:
    value = 1
    for s in dim:
        value *= int(s[1:]) if s.startswith("#") else sizes[s]
    return value


def product(*dims) -> Optional[tuple]:
    if any(d is None for d in dims):
        return None
    return tuple(sorted(s for d in dims for s in d))


# ---------------------------------------------------------------- the record


@dataclass
class RealProgram:
    files: dict  # file name -> source, what torchlint checks
    harness: str  # the caller torchlint does not see; `call()` runs one draw
    variant: str  # "function", "module", "import", "script"
    expected: list  # per draw: the rule code the generator saw it stop with (None: clean, "other")
    draws: int = DRAWS
    notes: list = field(default_factory=list)

    def __repr__(self) -> str:
        parts = [f"RealProgram({self.variant}, expected={self.expected})"]
        for name, text in self.files.items():
            parts += [f"# ---- {name}", text]
        parts += ["# ---- harness (not linted)", self.harness]
        return "\n".join(parts)


class DrawRandom(_random.Random):
    """What `import random` gives code run for one draw: a seeded generator (the
    Builder reads `schedule` to fork paths on `random.random()`: none here)."""

    def __init__(self, draw: int) -> None:
        super().__init__(1000 + draw)
        self.schedule: list = []


class DrawCtx(Ctx):
    """One draw: a path whose `random` is seeded by the draw, kept when replayed.
    No probe watches it: the real-code judge runs no probes, and no real-code
    episode writes a pitfall that raises nothing."""

    watches = False

    def __init__(self, draw: int, kind: str = "live", grad: bool = True, local: bool = False) -> None:
        super().__init__(kind, (), grad, local)
        self.draw = draw
        self.stand_in = DrawRandom(draw)

    def copy(self, kind: Optional[str] = None, schedule=None) -> "DrawCtx":
        new = DrawCtx(self.draw, kind or self.kind, self.grad, self.locals is not None)
        new.grad_stack = list(self.grad_stack)
        new.tag = self.tag
        for code, grad, local in self.units:
            if local and new.locals is None:
                new.locals = {}
            from .judge import run_code

            exc = run_code(code, new.ns, new.locals if local else None, new.stand_in, grad)
            if exc is not None:
                raise AssertionError(f"replaying a generated program failed: {exc!r}")
            new.units.append((code, grad, local))
        return new


# ---------------------------------------------------------------- the builder


class RealBuilder(Builder):
    """A Builder whose paths are draws: tensors differ in sizes from one draw to the
    next, so names are picked by rank and dtype, and sizes are written as names."""

    def __init__(self, draw, episodes=()) -> None:
        super().__init__(draw, episodes)
        self.shapes: dict = {}  # tensor name -> symbolic shape (a size is None when not a product)
        self.sizes: dict = {}  # symbolic size -> expressions of it valid here
        self.taken: set = set()  # names bound in the scope being written
        self.layers: list = []  # (layer, its output size): layers of the module, C in

    # ------------------------------------------------------------ names

    def tensors(self, test=lambda t: True) -> list:
        found = []
        for name in sorted(self.shapes):
            values = self.values(name)
            if not values or not all(isinstance(v, torch.Tensor) for v in values):
                continue
            first = values[0]
            try:
                if all(v.dim() == first.dim() and v.dtype == first.dtype and test(v) for v in values):
                    found.append(name)
            except RuntimeError:
                continue
        return found

    def ints(self) -> list:
        return []

    def name_for(self, wanted: str) -> str:
        if wanted in self.taken:
            wanted = self.fresh(wanted.rstrip("0123456789_") + "_")
        self.taken.add(wanted)
        return wanted

    def size_text(self, dim: Optional[tuple]) -> Optional[str]:
        """An expression of this size valid here, or None."""
        if dim is None:
            return None
        if dim in self.sizes and self.sizes[dim]:
            return self.choice(self.sizes[dim])
        if dim == THREE:
            return "3"
        reads = [(name, i) for name, shape in sorted(self.shapes.items()) for i, d in enumerate(shape) if d == dim
                 and name in self.names()]
        if reads:
            name, i = self.choice(reads)
            rank = len(self.shapes[name])
            return self.choice((f"{name}.size({i})", f"{name}.shape[{i}]", f"{name}.shape[{i - rank}]"))
        if dim == D and C in self.sizes and H in self.sizes:
            return f"{self.choice(self.sizes[C])} // {self.choice(self.sizes[H])}"
        if dim == C and H in self.sizes and D in self.sizes:
            return f"{self.choice(self.sizes[H])} * {self.choice(self.sizes[D])}"
        return None

    def bind_size(self, dim: Optional[tuple], text: str) -> None:
        if dim is not None:
            self.sizes.setdefault(dim, []).append(text)

    # ------------------------------------------------------------ writing with shapes

    def check_shape(self, name: str, shape: tuple) -> None:
        """Keep `shape` for name if every draw agrees with it, else forget name."""
        for ctx in self.ctxs:
            value = ctx.lookup(name)
            sizes = ctx.lookup("__sizes__") or ctx.ns.get("__sizes__")
            if not isinstance(value, torch.Tensor) or sizes is None or value.dim() != len(shape) or any(
                    d is not None and size_value(d, sizes) != n for d, n in zip(shape, value.shape)):
                self.shapes.pop(name, None)
                return
        if self.ctxs:
            self.shapes[name] = tuple(shape)

    def put(self, prefix: str, expr: str, shape: Optional[tuple]) -> Optional[str]:
        """`name = expr`, a tensor of this symbolic shape; the name or None."""
        name = self.fresh(prefix) if not (self.shapes and self.chance(0.1)) else self.choice(sorted(self.shapes))
        if not self.stmt(f"{name} = {expr}"):
            if self.ctxs and name in self.shapes:
                self.check_shape(name, self.shapes[name])
            return None
        self.taken.add(name)
        if shape is None:
            self.shapes.pop(name, None)
        else:
            self.check_shape(name, shape)
        return name

    def pick_tensor(self, test=lambda t: True) -> Optional[str]:
        found = self.tensors(test)
        return self.choice(found) if found else None


# ---------------------------------------------------------------- episodes of the body


def floating(t: torch.Tensor) -> bool:
    return t.dtype.is_floating_point


def read_sizes(b: RealBuilder) -> None:
    """`B, T, C = x.shape`, `n = x.size(0)`, `d = x.shape[-1]`."""
    x = b.pick_tensor()
    if x is None or x not in b.shapes:
        return
    shape = b.shapes[x]
    if not shape:
        return
    if b.chance(0.6):
        names = []
        for d in shape:
            names.append(b.name_for(USUAL_NAME.get(d, "n")) if d is not None else b.name_for("n"))
        target = ", ".join(names) + ("," if len(names) == 1 else "")
        if not b.stmt(f"{target} = {b.choice((f'{x}.shape', f'{x}.size()'))}"):
            return
        for d, n in zip(shape, names):
            b.bind_size(d, n)
        return
    i = b.integer(0, len(shape) - 1)
    name = b.name_for(USUAL_NAME.get(shape[i], "n") if shape[i] is not None else "n")
    r = len(shape)
    read = b.choice((f"{x}.size({i})", f"{x}.shape[{i}]", f"{x}.size({i - r})", f"{x}.shape[{i - r}]"))
    if b.stmt(f"{name} = {read}"):
        b.bind_size(shape[i], name)


def layout_step(b: RealBuilder, x: str, shape: list, t: torch.Tensor) -> tuple:
    """(expression, its symbolic shape): x with one layout step applied: transpose,
    permute, .mT, .t(), a slice, or one that keeps the layout."""
    r = len(shape)
    options = ["contiguous", "same"]
    if r >= 2:
        options += ["transpose"] * 5 + ["permute"] * 2 + ["mT"]
    if r == 2:
        options.append("t")
    if r >= 1:
        options += ["slice", "unsqueeze"]
    op = b.choice(options)
    if op == "contiguous":
        return f"{x}.contiguous()", shape
    if op == "same":
        forms = [f"({x} * 2)", f"{x}.clone()", f"{x}.detach()", f"({x} + 1)"]
        if floating(t):
            forms += [f"torch.relu({x})", f"F.gelu({x})", f"{x}.softmax(-1)" if r else f"{x}.exp()",
                      f"F.dropout({x}, 0.1)"]
        return b.choice(forms), shape
    if op == "transpose":
        i, j = b.integer(0, r - 1), b.integer(0, r - 2)
        j += j >= i
        if b.chance(0.5) and r >= 3:
            i, j = 1, 2
        ti, tj = (str(i - r), str(j - r)) if b.chance(0.3) else (str(i), str(j))
        new = list(shape)
        new[i], new[j] = new[j], new[i]
        return b.choice((f"{x}.transpose({ti}, {tj})", f"torch.transpose({x}, {ti}, {tj})")), new
    if op == "permute":
        order = b.draw(st.permutations(range(r)))
        return f"{x}.permute({', '.join(map(str, order))})", [shape[k] for k in order]
    if op == "mT":
        return f"{x}.mT", shape[:-2] + [shape[-1], shape[-2]]
    if op == "t":
        return b.choice((f"{x}.t()", f"{x}.T")), [shape[1], shape[0]]
    if op == "slice":
        i = b.integer(0, r - 1)
        part = b.choice(("1:", ":-1", "::2"))
        index = ["..."] if i == r - 1 and r > 1 and b.chance(0.5) else [":"] * i
        new = list(shape)
        new[i] = None
        return f"{x}[{', '.join(index + [part])}]", new
    k = b.integer(0, r)
    return f"{x}.unsqueeze({k})", shape[:k] + [()] + shape[k:]


def layout(b: RealBuilder) -> None:
    """A layout step, bound to a name."""
    x = b.pick_tensor()
    if x is None or x not in b.shapes:
        return
    expr, new = layout_step(b, x, list(b.shapes[x]), b.value(x))
    b.put(b.choice(("y", "h", "z")), expr, tuple(new))


def view(b: RealBuilder) -> None:
    """`.view`/`.reshape`/`.flatten` to sizes written with names: merged, split, flat, the same."""
    x = b.pick_tensor(lambda t: t.dim() >= 1)
    if x is None or x not in b.shapes:
        return
    shape = before = list(b.shapes[x])
    if b.chance(0.6):
        # a layout step or two first, in the same expression
        for _ in range(b.integer(1, 2)):
            t = b.peek(x)
            if t is None:
                return
            x, shape = layout_step(b, x, shape, t)
    r = len(shape)
    kind = b.choice(("merge", "merge", "split", "flat", "same", "lead", "before"))
    if kind == "merge" and r >= 2:
        i = b.integer(0, r - 2)
        if b.chance(0.5) and r >= 3:
            i = r - 2
        new = shape[:i] + [product(shape[i], shape[i + 1])] + shape[i + 2:]
    elif kind == "split" and C in shape and H in b.sizes:
        i = shape.index(C)
        new = shape[:i] + [H, D] + shape[i + 1:]
    elif kind == "flat":
        new = [product(*shape)] if all(d is not None for d in shape) else [None]
    elif kind == "lead" and r >= 2:
        new = [shape[0], product(*shape[1:])]
    elif kind == "before" and None not in before and product(*before) == product(*shape):
        # the sizes it had before the layout steps: right only where the sizes swapped are equal
        new = list(before)
    else:
        new = list(shape)
    texts = []
    inferred = False
    for d in new:
        text = b.size_text(d)
        if text is None or (not inferred and len(new) > 1 and b.chance(0.15)):
            if inferred:
                return
            text, inferred = "-1", True
        elif d is not None and len(d) == 2 and d[0] != d[1] and b.chance(0.5) and "*" not in text:
            parts = [b.size_text((s,)) for s in d]
            if None not in parts:
                text = " * ".join(parts)
        texts.append(text)
    sizes = ", ".join(texts)
    method = b.choice(("view", "view", "view", "reshape", "contiguous().view"))
    if len(new) == 1 and b.chance(0.3):
        call = b.choice((f"{x}.flatten()", f"{x}.view(-1)"))
    elif b.chance(0.15):
        call = f"{x}.{method}(({sizes}{',' if len(texts) == 1 else ''}))"
    else:
        call = f"{x}.{method}({sizes})"
    b.put(b.choice(("y", "out", "flat")), call, tuple(new))


def heads(b: RealBuilder) -> None:
    """Attention's split into heads and merge back, with or without `.contiguous()`."""
    if H not in b.sizes:
        return
    x = b.pick_tensor(lambda t: t.dim() == 3)
    if x is not None and b.shapes.get(x) == (B, T, C) and b.chance(0.6):
        sizes = [b.size_text(d) for d in (B, T)]
        if None in sizes:
            return
        nh = b.choice(b.sizes[H])
        hd = b.size_text(D) or "-1"
        b.put("q", f"{x}.view({sizes[0]}, {sizes[1]}, {nh}, {hd}).transpose(1, 2)", (B, H, T, D))
        return
    y = b.pick_tensor(lambda t: t.dim() == 4)
    if y is None or b.shapes.get(y) != (B, H, T, D):
        return
    sizes = [b.size_text(d) for d in (B, T, C)]
    if None in sizes:
        return
    middle = b.choice(("", ".contiguous()", "", ".clone()"))
    call = b.choice(("view", "view", "reshape"))
    b.put("y", f"{y}.transpose(1, 2){middle}.{call}({', '.join(sizes)})", (B, T, C))


def attention(b: RealBuilder) -> None:
    """`att = q @ k.transpose(-2, -1)`, softmax, `att @ v`."""
    found = [n for n in b.tensors(floating) if b.shapes.get(n) == (B, H, T, D)]
    if not found:
        return
    q, k, v = b.choice(found), b.choice(found), b.choice(found)
    hd = b.size_text(D)
    scale = b.choice(("", " * 0.5") + ((f" / {hd} ** 0.5",) if hd and "//" not in hd else ()))
    att = b.put("att", f"({q} @ {k}.transpose(-2, -1)){scale}", (B, H, T, T))
    if att is None:
        return
    if b.chance(0.6):
        b.stmt(f"{att} = F.softmax({att}, dim=-1)")
    b.put("y", f"{att} @ {v}", (B, H, T, D))


def matmul(b: RealBuilder) -> None:
    """`x @ w`, or a layer of the module."""
    layers = b.layers
    x = b.pick_tensor(lambda t: floating(t) and t.dim() >= 1)
    if x is None or x not in b.shapes or not b.shapes[x]:
        return
    shape = b.shapes[x]
    if layers and shape[-1] == C and b.chance(0.6):
        layer, out = b.choice(layers)
        b.put("h", f"{layer}({x})", shape[:-1] + (out,))
        return
    ws = [n for n in b.tensors(lambda t: floating(t) and t.dim() == 2) if b.shapes[n][0] == shape[-1]
          and shape[-1] is not None and n != x]
    if not ws:
        return
    w = b.choice(ws)
    b.put("m", b.choice((f"{x} @ {w}", f"torch.matmul({x}, {w})", f"{x}.matmul({w})")), shape[:-1] + b.shapes[w][1:])


def reduce(b: RealBuilder) -> None:
    x = b.pick_tensor(floating)
    if x is None or x not in b.shapes:
        return
    shape = b.shapes[x]
    forms = [(f"{x}.sum()", ()), (f"{x}.mean()", ()), (f"({x} ** 2).mean()", ())]
    if shape:
        i = b.integer(0, len(shape) - 1)
        rest = shape[:i] + shape[i + 1:]
        forms += [(f"{x}.sum({i})", rest), (f"{x}.mean(dim={i - len(shape)})", rest),
                  (f"{x}.sum(-1, keepdim=True)", shape[:-1] + ((),))]
    expr, new = b.choice(forms)
    b.put(b.choice(("s", "loss", "total")), expr, new)


def grad_flag(b: RealBuilder) -> None:
    """A parameter made to require grad, or a new leaf that does."""
    x = b.pick_tensor(lambda t: floating(t) and t.is_leaf)
    if x is None:
        return
    if b.chance(0.5):
        b.stmt(b.choice((f"{x}.requires_grad_()", f"{x}.requires_grad = True", f"{x}.requires_grad_(False)")))
    else:
        b.put("p", b.choice((f"{x}.detach().requires_grad_()", f"{x}.clone().requires_grad_()",
                             f"nn.Parameter({x}.clone())")), b.shapes.get(x))


def to_numpy(b: RealBuilder) -> None:
    """TL001's pitfall and look-alikes, on what the entry point computed."""
    x = b.pick_tensor()
    if x is None:
        return
    t = b.value(x)
    forms = [f"{x}.numpy()", f"{x}.detach().numpy()", f"{x}.cpu().numpy()", f"{x}.detach().cpu().numpy()",
             f"{x}.data.numpy()", f"{x}.tolist()", f"{x}.sum().item()" if floating(t) else f"{x}.tolist()",
             f"({x} * 2).numpy()"]
    b.stmt(f"{b.fresh('arr')} = {b.choice(forms)}")


def backward(b: RealBuilder) -> None:
    """TL003's pitfall and look-alikes: backward of non-scalars, sums, losses."""
    x = b.pick_tensor(lambda t: floating(t) and t.requires_grad)
    if x is None:
        return
    shape = b.shapes.get(x)
    forms = [f"{x}.backward()", f"{x}.sum().backward()", f"{x}.mean().backward()",
             f"{x}.backward(torch.ones_like({x}))", f"torch.autograd.backward({x})",
             f"F.mse_loss({x}, torch.zeros_like({x})).backward()",
             f"F.mse_loss({x}, torch.zeros_like({x}), reduction='none').backward()"]
    if shape and len(shape) >= 1:
        forms += [f"{x}.sum(-1).backward()", f"{x}[0].backward()"]
    if b.chance(0.3):
        loss = b.put("loss", b.choice((f"{x}.sum()", f"({x} ** 2).mean()", f"{x}.mean(0)" if shape else f"{x} * 2",
                                      f"F.mse_loss({x}, torch.zeros_like({x}), reduction='none')")), None)
        if loss is not None:
            b.stmt(f"{loss}.backward()")
        return
    b.stmt(b.choice(forms))


def copy_construct(b: RealBuilder) -> None:
    """TL004's pitfall and look-alikes: `torch.tensor` of a tensor parameter or of a result."""
    x = b.pick_tensor()
    if x is None:
        return
    forms = [f"torch.tensor({x})", f"torch.as_tensor({x})", f"{x}.clone().detach()", f"torch.tensor({x}.tolist())",
             f"{x}.new_tensor({x})", f"torch.tensor({x}.shape)", f"torch.tensor({x}, dtype=torch.float64)"]
    expr = b.choice(forms)
    b.put("c", expr, b.shapes.get(x) if "shape" not in expr and "float64" not in expr else None)


def strided(b: RealBuilder) -> None:
    """TL005's pitfall and look-alikes: `as_strided` with strides read off the tensor, or negative."""
    x = b.pick_tensor(lambda t: t.dim() >= 1)
    if x is None:
        return
    t = b.value(x)
    r = t.dim()
    forms = [f"{x}.as_strided({x}.size(), {x}.stride())", f"torch.as_strided({x}, {x}.shape, {x}.stride())",
             f"{x}.as_strided((2,), (-1,))", f"{x}.as_strided((2,), (1,))",
             f"torch.as_strided({x}, ({x}.size(0),), ({x}.stride(0),))",
             f"torch.as_strided({x}, ({x}.size(0),), (-{x}.stride(0),))",
             f"{x}.as_strided({x}.size(), {x}.stride()[::-1])" if r >= 2 else f"{x}.as_strided((2,), (-1,))"]
    b.stmt(f"{b.fresh('view')} = {b.choice(forms)}")


def no_grad(b: RealBuilder) -> None:
    if b.depth >= 1:
        return
    header, grad = b.choice((("with torch.no_grad():", False), ("with torch.no_grad():", False),
                             ("with torch.enable_grad():", True), ("with torch.inference_mode():", False)))
    with b.block(header, grad=grad):
        body(b, 1, 2)


EPISODES = ((read_sizes, 4), (layout, 4), (view, 8), (heads, 4), (attention, 2), (matmul, 2), (reduce, 2),
            (grad_flag, 1), (to_numpy, 3), (backward, 3), (copy_construct, 1), (strided, 2), (no_grad, 2))
WEIGHTED = tuple(f for f, w in EPISODES for _ in range(w))


def body(b: RealBuilder, low: int, high: int) -> None:
    for _ in range(b.integer(low, high)):
        if not b.ctxs:
            return
        b.choice(WEIGHTED)(b)


def finish(b: RealBuilder) -> None:
    if b.ctxs:
        found = b.tensors()
        b.returns(b.choice(found) if found and b.chance(0.8) else None)


# ---------------------------------------------------------------- the harness and the variants

GRADS = ("", ", requires_grad=True", ", requires_grad=True", ", requires_grad=random.random() < 0.5")
CANDIDATES = (B, T, C, H, D, K, THREE, (), ("B", "T"))

MODULE_INIT = (
    "class Net(nn.Module):",
    "    def __init__(self, d_model, n_head):",
    "        super().__init__()",
    "        self.n_head = n_head",
    "        self.proj = nn.Linear(d_model, d_model)",
    "        self.head = nn.Linear(d_model, 3, bias=False)",
    "        self.scale = nn.Parameter(torch.ones(d_model))",
    "",
)


def is_tensor(shape) -> bool:
    return bool(shape) and isinstance(shape[0], tuple)


def dims_text(shape: tuple) -> str:
    return ", ".join("C" if d == C else d[0] for d in shape)


def draw_lines(signature: tuple, grads: dict, net: bool) -> list:
    """`draw()`: the sizes, all >= 2, then the entry point's arguments; returns (args, sizes)."""
    lines = ["def draw():"]
    for s, (low, high) in SYMBOLS.items():
        lines.append(f"{INDENT}{s} = random.randint({low}, {high})")
    lines.append(f"{INDENT}C = H * D")
    args = ["net"] if net else []
    if net:
        lines.append(f"{INDENT}net = Net(C, H)")
    for name, shape in signature:
        if is_tensor(shape):
            lines.append(f"{INDENT}{name} = torch.randn({dims_text(shape)}{grads.get(name, '')})")
        else:
            lines.append(f"{INDENT}{name} = {dims_text((shape,))}")
        args.append(name)
    lines.append(f"{INDENT}return ({', '.join(args)},), dict(B=B, T=T, H=H, D=D, K=K)")
    return lines


def harness_text(imports: str, lines: list, call: str) -> str:
    return "\n".join(["import random", "import torch", imports, "", "", *lines, "", "", "def call():",
                      f"{INDENT}args, _ = draw()", f"{INDENT}return {call}", ""])


def start_draws(b: RealBuilder, setup: str, params: list, lines: list, grad: bool = True) -> None:
    """One path per draw: the code before the entry point, then the draw bound to its parameters."""
    head = compile(setup, "<setup>", "exec")
    drawing = compile("import random\n" + "\n".join(lines) + "\n__args__, __sizes__ = draw()\n", "<draw>", "exec")
    binding = compile(f"({', '.join(params)},) = __args__" if params else "pass", "<binding>", "exec")
    b.ctxs = []
    for d in range(DRAWS):
        ctx = DrawCtx(d)
        for code in (head, drawing):
            exc = ctx.run(code)
            if exc is not None:
                raise AssertionError(f"setting up draw {d} failed: {exc!r}")
            ctx.commit(code)
        ctx.locals = {}
        if ctx.run(binding) is not None:
            raise AssertionError("binding the parameters failed")
        ctx.commit(binding)
        ctx.grad = grad
        b.ctxs.append(ctx)


def infer_shape(b: RealBuilder, name: str) -> None:
    """The symbolic shape of a tensor the generator did not write: each size the one
    product of symbols that every draw agrees with, else None."""
    values = b.values(name)
    if not values or not all(isinstance(v, torch.Tensor) for v in values) or len({v.dim() for v in values}) != 1:
        return
    shape = []
    for i in range(values[0].dim()):
        fits = [d for d in CANDIDATES
                if all(size_value(d, ctx.lookup("__sizes__")) == v.shape[i] for ctx, v in zip(b.ctxs, values))]
        shape.append(fits[0] if len(fits) == 1 else None)
    b.shapes[name] = tuple(shape)
    b.taken.add(name)


def annotate(b: RealBuilder, signature: tuple) -> str:
    typed = b.chance(0.4)
    return ", ".join(f"{n}: {'torch.Tensor' if is_tensor(s) else 'int'}" if typed else n for n, s in signature)


def write_entry(b: RealBuilder, signature: tuple, lines: list, setup: str, module: bool, grad: bool) -> None:
    """The entry point's body, written on the draws: `step(...)` or `Net.forward(self, ...)`."""
    params = (["self"] if module else []) + [n for n, _ in signature]
    start_draws(b, setup, params, lines, grad)
    b.taken = set(params)
    b.sizes = {H: ["self.n_head"]} if module else {}
    b.layers = [("self.proj", C), ("self.head", THREE)] if module else []
    for name, shape in signature:
        if is_tensor(shape):
            b.check_shape(name, shape)
            if name not in b.shapes:
                raise AssertionError(f"parameter {name} is not of shape {shape}")
        else:
            b.bind_size(shape, name)
    if module and b.chance(0.5):
        x = signature[0][0]
        b.put("h", b.choice((f"{x} * self.scale", f"self.proj({x})")), b.shapes[x])
    body(b, 3, 8)
    finish(b)


def outcome_codes(b: RealBuilder) -> list:
    codes = {ctx.draw: ctx.outcome[0] for ctx in b.finished}
    return [codes.get(d) for d in range(DRAWS)]


@st.composite
def real_programs(draw, variants=("function", "module", "import", "script")) -> RealProgram:
    """A program shaped like real code (see the module's docstring)."""
    torch.manual_seed(0)
    b = RealBuilder(draw)
    variant = b.choice(variants)
    module = variant != "function"
    if module:
        signature = b.choice(((("x", (B, T, C)),), (("x", (B, T, C)),), (("x", (B, C)),)))
    else:
        signature = b.choice(SIGNATURES)
    grads = {name: b.choice(GRADS) for name, _ in signature}
    decorator = b.choice((None, None, None, "@torch.no_grad()"))
    for line in PRELUDE:
        b.emit(line)
    b.emit("")
    b.emit("")
    if module:
        for line in MODULE_INIT:
            b.emit(line)
        b.indent = 1
    if decorator:
        b.emit(decorator)
    name = "forward" if module else "step"
    b.emit(f"def {name}({'self, ' if module else ''}{annotate(b, signature)}):")
    b.indent += 1
    setup = "\n".join(PRELUDE + (MODULE_INIT if module else ()))
    lines = draw_lines(signature, grads, module)
    write_entry(b, signature, lines, setup, module, decorator is None)
    model = "\n".join(b.lines) + "\n"
    if variant == "function":
        harness = harness_text("from model import step", lines, "step(*args)")
    elif variant == "module":
        harness = harness_text("from model import Net", lines, "args[0](*args[1:])")
    else:
        return write_train(b, variant, model, signature, grads)
    return RealProgram({"model.py": model}, harness, variant, outcome_codes(b))


def write_train(b: RealBuilder, variant: str, model: str, signature: tuple, grads: dict) -> RealProgram:
    """train.py, which imports Net: an uncalled `step(x, n_head)` (variant "import"), or
    a `main()` that draws the sizes itself, called under `if __name__ == "__main__":`."""
    t = RealBuilder(b.draw)
    t.counter = b.counter
    shape = signature[0][1]
    for line in (("import random",) if variant == "script" else ()) + PRELUDE + ("from model import Net", "", ""):
        t.emit(line)
    setup = "\n".join(PRELUDE) + "\n" + model
    if variant == "import":
        entry = (("x", shape), ("n_head", H))
        t.emit(f"def step({annotate(t, entry)}):")
        t.indent = 1
        lines = draw_lines(entry, grads, False)
        start_draws(t, setup, ["x", "n_head"], lines)
        t.taken = {"x", "n_head"}
        t.check_shape("x", shape)
        names = [t.name_for(USUAL_NAME[d]) for d in shape]
        if not t.stmt(f"{', '.join(names)} = x.{t.choice(('shape', 'size()'))}"):
            reject()
        for d, n in zip(shape, names):
            t.bind_size(d, n)
        t.bind_size(H, "n_head")
        t.stmt(f"net = Net({t.size_text(C)}, n_head)")
    else:
        t.emit("def main():")
        t.indent = 1
        start_draws(t, setup, [], ["def draw():", f"{INDENT}return (), None"])
        for s in ("B", "T", "H", "D"):
            low, high = SYMBOLS[s]
            t.stmt(f"{s} = random.randint({low}, {high})")
        t.stmt("C = H * D")
        t.stmt("__sizes__ = dict(B=B, T=T, H=H, D=D, K=0)", emit=False)
        t.stmt(f"x = torch.randn({dims_text(shape)}{grads['x']})")
        t.taken = {"B", "T", "H", "D", "C", "x"}
        t.sizes = {B: ["B"], T: ["T"], H: ["H"], D: ["D"], C: ["C"]}
        t.check_shape("x", shape)
        t.stmt("net = Net(C, H)")
    t.taken.add("net")
    if t.ctxs and t.chance(0.3):
        t.stmt(t.choice(("net.eval()", "net.train()", "net.requires_grad_(False)")))
    out = t.fresh("out")
    if not t.ctxs:
        reject()
    # the model must be called: a forward nobody calls would be an entry point no draw runs
    if t.chance(0.2):
        with t.block("with torch.no_grad():", grad=False):
            written = t.stmt(f"{out} = net(x)")
    else:
        written = t.stmt(f"{out} = {t.choice(('net(x)', 'net.forward(x)'))}")
    if written is None:
        reject()
    if t.ctxs:
        infer_shape(t, out)
        body(t, 1, 3)
    if variant == "import":
        finish(t)
        harness = harness_text("from train import step", draw_lines((("x", shape), ("n_head", H)), grads, False),
                               "step(*args)")
    else:
        t.indent = 0
        for line in ("", "", 'if __name__ == "__main__":', f"{INDENT}main()"):
            t.emit(line)
        harness = "import train\n\n\ndef call():\n    return train.main()\n"
    train = "\n".join(t.lines) + "\n"
    return RealProgram({"model.py": model, "train.py": train}, harness, variant, outcome_codes(t))
