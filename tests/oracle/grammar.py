"""Hypothesis strategies that write small PyTorch programs, running them as they go.

Each statement is run, as soon as it is written, on every path the program can
take (`Ctx`): so the generator knows the shape, dtype and grad facts of every
value, writes only statements that are valid PyTorch, and knows where torch
fails. A path is one schedule of `random.random()` outcomes: a statement that
draws a new one forks the path. A helper's body is run as its planned calls will
run it (on replayed copies, "previews"); a branch no path reaches is written
from a "ghost" copy whose errors do not matter.

Episodes write a few statements each. They are registered with `@episode(code)`,
`code` being the rule they are about ("" for the shared vocabulary), and picked
by weight. A new rule adds its episodes here; the judge knows its failure from
its repro. The Builder and `@episode` are in `builder`, `Program` and `Ctx` in
`program`, the shared episodes in `vocabulary` and `structure`.
"""

from __future__ import annotations

import math
import sys
from typing import Optional

import torch
from hypothesis import strategies as st

from . import structure, vocabulary
from .builder import Builder, draw_shape, episode, episodes_in, new_tensor
from .program import Program
from .structure import spare_helper
from .vocabulary import dim_text, floating, graph_intact

PRELUDE = ("import random", "import torch", "import torch.nn as nn", "import torch.nn.functional as F")


def registry() -> tuple:
    """Every episode, in the order the draws pick from: the shared vocabulary, the
    rules' episodes (below), the structure. Changing it changes every program."""
    return (*episodes_in(vocabulary), *episodes_in(sys.modules[__name__]), *episodes_in(structure))


# ---------------------------------------------------------------- TL001 numpy-on-grad-tensor


@episode("TL001", weight=4)
def to_numpy(b: Builder) -> None:
    x = b.tensor_or_new()
    if x is None:
        return
    t = b.value(x)
    forms = [f"{x}.numpy()", f"{x}.detach().numpy()", f"{x}.cpu().numpy()", f"{x}.detach().cpu().numpy()",
             f"{x}.data.numpy()", f"{x}.clone().numpy()", f"({x} * 2).numpy()", f"{x}.numpy().sum()",
             f"{x}.tolist()", f"{x}.clone().detach().numpy()", f"{x}.float().numpy()"]
    if t.dim():
        forms += [f"{x}[0].numpy()", f"{x}.sum(0).numpy()"]
    if t.numel() == 1:
        forms.append(f"{x}.item()")
    if b.chance(0.5):
        b.assign("arr", b.choice(forms))
    else:
        b.stmt(b.choice(forms))


# ---------------------------------------------------------------- TL002 view-on-non-contiguous


def layout_step(b: Builder, expr: str, t: torch.Tensor) -> Optional[str]:
    """expr with one layout-changing (or layout-keeping) operation applied."""
    r = t.dim()
    options = ["contiguous", "clone", "elementwise", "unsqueeze"]
    if r >= 2:
        options += ["transpose"] * 3 + ["permute"] * 2 + ["mT", "T"]
    if r == 2:
        options += ["t"] * 2
    if r >= 1:
        options += ["slice", "expand", "narrow", "T"]
    if any(d == 1 for d in t.shape):
        options += ["expand"] * 2 + ["squeeze"]
    op = b.choice(options)
    if op == "contiguous":
        return f"{expr}.contiguous()"
    if op == "clone":
        return b.choice((f"{expr}.clone()", f"{expr}.detach()", f"{expr}.float()"))
    if op == "elementwise":
        return b.choice((f"({expr} * 2)", f"torch.relu({expr})" if floating(t) else f"({expr} + 1)", f"{expr}.abs()",
                         f"{expr}.cumsum(-1)" if r else f"{expr}.abs()", f"F.pad({expr}, (1, 1))" if r else f"-{expr}",
                         f"{expr}.softmax(-1)" if r and floating(t) else f"({expr} - 1)",
                         f"({expr} + torch.ones({', '.join(str(d) for d in t.shape)}{dtype_arg(t)}))"))
    if op == "unsqueeze":
        return f"{expr}.unsqueeze({b.integer(0, r)})"
    if op == "squeeze":
        return f"{expr}.squeeze()"
    if op == "transpose":
        i, j = b.integer(0, r - 1), b.integer(0, r - 1)
        return b.choice((f"{expr}.transpose({dim_text(b, i, r)}, {dim_text(b, j, r)})",
                         f"torch.transpose({expr}, {i}, {j})", f"{expr}.swapaxes({i}, {j})"))
    if op == "permute":
        order = b.draw(st.permutations(range(r)))
        inner = ", ".join(str(d) for d in order)
        return b.choice((f"{expr}.permute({inner})", f"{expr}.permute(({inner}))", f"torch.permute({expr}, ({inner}))"))
    if op == "t":
        return b.choice((f"{expr}.t()", f"torch.t({expr})"))
    if op == "T":
        return f"{expr}.T"
    if op == "mT":
        return f"{expr}.mT"
    if op == "slice":
        d = b.integer(0, r - 1)
        if t.shape[d] < 2:
            return f"{expr}[{', '.join([':'] * d + ['0:'])}]"
        part = b.choice(("1:", ":-1", "::2", f":{t.shape[d] - 1}"))
        lead = ["..."] if d == r - 1 and r > 1 and b.chance(0.5) else [":"] * d
        return b.choice((f"{expr}[{', '.join(lead + [part])}]", f"{expr}.narrow({d}, 1, {t.shape[d] - 1})"))
    if op == "narrow":
        d = b.integer(0, r - 1)
        return f"{expr}.narrow({d}, 0, {b.integer(1, t.shape[d])})"
    if op == "expand":
        ones = [i for i, d in enumerate(t.shape) if d == 1]
        if ones:
            sizes = [str(b.choice((2, 3))) if i in ones else b.choice((str(d), "-1")) for i, d in enumerate(t.shape)]
            return f"{expr}.expand({', '.join(sizes)})"
        k = b.choice((2, 3))
        return b.choice((f"{expr}.unsqueeze(0).expand({k}, {', '.join(str(d) for d in t.shape)})",
                         f"{expr}[None].expand({k}, {', '.join('-1' for _ in t.shape)})"))
    return None


def dtype_arg(t: torch.Tensor) -> str:
    return ", dtype=" + str(t.dtype) if t.dtype != torch.float32 else ""


def factorizations(n: int, parts: int) -> list:
    if parts == 1:
        return [(n,)]
    found = []
    for d in range(1, n + 1):
        if n % d == 0:
            found += [(d,) + rest for rest in factorizations(n // d, parts - 1)]
    return found


def view_sizes(b: Builder, shape: tuple) -> str:
    """Sizes for view/reshape of a tensor of this shape: its own, merged, split, flat."""
    numel = math.prod(shape)
    r = len(shape)
    kinds = ["flat", "factor", "same", "merge", "split", "minus"]
    kind = b.choice(kinds)
    if kind == "flat":
        return b.choice(("-1", str(numel), "(-1,)"))
    if kind == "same" and r:
        return ", ".join(str(d) for d in shape)
    if kind == "merge" and r >= 2:
        i = b.integer(0, r - 2)
        merged = shape[:i] + (shape[i] * shape[i + 1],) + shape[i + 2:]
        return ", ".join(str(d) for d in merged)
    if kind == "split" and r >= 1:
        i = b.integer(0, r - 1)
        split = shape[:i] + (1, shape[i]) + shape[i + 1:]
        return ", ".join(str(d) for d in split)
    if kind == "minus" and r >= 1:
        i = b.integer(0, r - 1)
        one_inferred = ", ".join("-1" if j == i else str(d) for j, d in enumerate(shape))
        return b.choice((f"{shape[0]}, -1", f"-1, {shape[-1]}", one_inferred))
    options = factorizations(numel, b.integer(1, 3))
    sizes = b.choice(options)
    return ", ".join(str(d) for d in sizes)


def named_sizes(b: Builder, sizes: str, source: str) -> str:
    """Some literal sizes written as names bound to them, or as sizes read off a tensor."""
    if "(" in sizes or not b.chance(0.4):
        return sizes
    ints = {b.value(n): n for n in b.ints()}
    held = b.value(source)
    out = []
    for item in sizes.split(", "):
        if item.lstrip("-").isdigit() and int(item) > 0 and b.chance(0.6):
            value = int(item)
            reads = [f"{source}.size({i})" for i, d in enumerate(held.shape) if d == value]
            reads += [f"{source}.shape[{i}]" for i, d in enumerate(held.shape) if d == value]
            if value in ints:
                reads.append(ints[value])
            if reads:
                item = b.choice(reads)
        out.append(item)
    return ", ".join(out)


@episode("TL002", weight=6)
def view_after_layout(b: Builder) -> None:
    x = b.tensor_or_new(lambda t: t.dim() >= 1 and t.numel() > 0,
                        lambda b: new_tensor(b, draw_shape(b, 2, 4)))
    if x is None:
        return
    expr = x
    for _ in range(b.integer(1, 3)):
        t = b.peek(expr)
        if t is None:
            return
        step = layout_step(b, expr, t)
        if step is None or b.peek(step) is None:
            continue
        expr = step
        if b.chance(0.3):
            name = b.assign("y", expr)
            if name is None:
                return
            expr = name
    t = b.peek(expr)
    if t is None or t.numel() == 0:
        return
    if "." not in expr and "[" not in expr and b.chance(0.2):
        alias = b.fresh("v")
        b.stmt(f"{alias} = {expr}")
        expr = alias
    sizes = named_sizes(b, view_sizes(b, tuple(t.shape)), x)
    same_numel = [n for n in b.tensors(lambda u: u.numel() == t.numel())]
    method = b.choice(("view", "view", "view", "reshape", "contiguous().view", "view_as", "flatten"))
    if method == "view_as" and same_numel:
        call = f"{expr}.view_as({b.choice(same_numel)})"
    elif method == "flatten":
        call = b.choice((f"{expr}.flatten()", f"{expr}.flatten(1)" if t.dim() >= 2 else f"{expr}.flatten()"))
    elif method == "view_as":
        call = f"{expr}.view({sizes})"
    else:
        form = b.integer(0, 2)
        if form == 1 and "-1" not in sizes:
            call = f"{expr}.{method}(({sizes}{',' if ',' not in sizes else ''}))"
        else:
            call = f"{expr}.{method}({sizes})"
    b.assign(b.choice(("flat", "v", "y")), call)


# ---------------------------------------------------------------- TL003 backward-on-non-scalar


@episode("TL003", weight=4)
def backward(b: Builder) -> None:
    ready = lambda t: floating(t) and t.requires_grad and graph_intact(t)  # noqa: E731
    y = b.pick(ready)
    if y is None:
        x = new_tensor(b, floating=True, grad=True)
        if x is None or not b.ctxs:
            return
        y = b.assign("y", b.choice((f"{x} * 2", f"{x}.exp()", f"({x} ** 2).sum()", f"{x} + 1")))
        if y is None or not all(ready(v) for v in b.values(y)):
            return
    t = b.value(y)
    retain = b.choice(("", "", ", retain_graph=True"))
    forms = [f"{y}.backward({retain[2:]})", f"{y}.sum().backward({retain[2:]})", f"{y}.mean().backward()",
             f"{y}.backward(torch.ones_like({y}){retain})", f"{y}.backward(gradient=torch.ones_like({y}))",
             f"torch.autograd.backward({y})", f"torch.autograd.backward({y}, torch.ones_like({y}))",
             f"torch.autograd.backward({y}.sum())", f"{y}.backward(gradient=None)",
             f"torch.autograd.backward({y}, grad_tensors=torch.ones_like({y}))"]
    if t.dim():
        d = b.integer(0, t.dim() - 1)
        forms += [f"{y}.sum(dim={d}).backward()", f"{y}[0].backward()", f"{y}.sum({d}, keepdim=True).backward()"]
    if t.dim() and b.chance(0.2):
        loss = b.fresh("loss")
        reduction = b.choice(("", ", reduction='none'", ", reduction='sum'", ", reduction='mean'"))
        criterion = b.choice((f"F.mse_loss({y}, torch.zeros_like({y}){reduction})",
                              f"nn.MSELoss({reduction[2:]})({y}, torch.ones_like({y}))",
                              f"F.l1_loss({y}, {y}.detach(){reduction})",
                              f"nn.L1Loss({reduction[2:]})({y}, torch.zeros_like({y}))"))
        if not b.stmt(f"{loss} = {criterion}"):
            return
        b.stmt(b.choice((f"{loss}.backward()", f"torch.autograd.backward({loss})",
                         f"{loss}.backward(torch.ones_like({loss}))")))
        return
    if b.chance(0.3):
        loss = b.fresh("loss")
        reduced = b.choice((f"{y}.sum()", f"({y} ** 2).mean()", f"{y}.mean(0)" if t.dim() else f"{y} * 2",
                            f"{y}.norm()"))
        if not b.stmt(f"{loss} = {reduced}"):
            return
        b.stmt(b.choice((f"{loss}.backward()", f"torch.autograd.backward({loss})")))
        return
    b.stmt(b.choice(forms))


# ---------------------------------------------------------------- TL004 copy-construct-from-tensor


@episode("TL004", weight=4)
def copy_construct(b: Builder) -> None:
    x = b.tensor_or_new()
    if x is None:
        return
    t = b.value(x)
    fl = floating(t)
    forms = [f"torch.tensor({x})", f"torch.tensor({x}.tolist())", f"torch.as_tensor({x})",
             f"{x}.clone().detach()", "torch.tensor([1.0, 2.0])", f"{x}.new_tensor([1, 2, 3])",
             f"torch.tensor({x}, dtype=torch.float64)", f"{x}.new_tensor({x})", f"torch.tensor({x}.detach().numpy())",
             "torch.tensor(3.5)", f"{x}.detach().clone()", f"torch.tensor({x}.shape)" if t.dim() else "torch.tensor(0)",
             f"torch.as_tensor({x}.tolist())"]
    if fl:
        forms += [f"torch.tensor({x}, requires_grad=True)", f"{x}.new_tensor({x}.detach(), requires_grad=True)",
                  f"torch.tensor({x}.detach())"]
    if t.numel() == 1:
        forms.append(f"torch.tensor({x}.item())")
    ints = b.ints()
    if ints:
        forms.append(f"torch.tensor({b.choice(ints)})")
    others = [n for n in b.tensors() if n != x]
    if others:
        other = b.choice(others)
        forms += [f"{other}.new_tensor({x})", f"{other}.new_tensor({x}.tolist())",
                  f"torch.tensor([{x}.sum().item(), 1.0])"]
    b.assign(b.choice(("c", "copy", "y")), b.choice(forms))


# ---------------------------------------------------------------- TL005 as-strided-negative-stride


@episode("TL005", weight=3)
def as_strided(b: Builder) -> None:
    x = b.tensor_or_new(lambda t: t.numel() > 0)
    if x is None:
        return
    t = b.value(x)
    if t.numel() == 0:
        return
    storage = t.untyped_storage().nbytes() // t.element_size()
    rank = b.integer(1, 2)
    # strides: (text, value)
    entries = []
    named = {}
    for _ in range(rank):
        kind = b.choice(("literal", "literal", "stride", "named", "negative"))
        if kind == "literal" or t.dim() == 0:
            value = b.integer(0, 3)
            entries.append((str(value), value))
        elif kind == "stride":
            d = b.integer(0, t.dim() - 1)
            value = t.stride(d)
            entries.append((f"{x}.stride({d})", value))
        elif kind == "named":
            d = b.integer(0, t.dim() - 1)
            if d not in named:
                named[d] = b.fresh("s")
                if not b.stmt(f"{named[d]} = {x}.stride({d})"):
                    return
            sign = b.choice(("", "-"))
            value = t.stride(d) * (-1 if sign else 1)
            entries.append((f"{sign}{named[d]}", value))
        else:
            form = b.integer(0, 2)
            if form == 0 or t.dim() == 0:
                value = -b.integer(1, 2)
                entries.append((str(value), value))
            else:
                d = b.integer(0, t.dim() - 1)
                entries.append((f"-{x}.stride({d})", -t.stride(d)))
    sizes = [b.integer(1, 3) for _ in range(rank)]
    offset = b.choice((None, None, 0, 1))
    base = t.storage_offset() if offset is None else offset
    negative = any(v < 0 for _, v in entries)
    if not negative and base + sum((n - 1) * s for n, (_, s) in zip(sizes, entries)) >= storage:
        sizes = [1] * rank
        if base >= storage:
            offset, base = 0, 0
    size_text = "(" + ", ".join(map(str, sizes)) + ("," if rank == 1 else "") + ")"
    stride_text = "(" + ", ".join(text for text, _ in entries) + ("," if rank == 1 else "") + ")"
    if rank == t.dim() and b.chance(0.15):
        size_text, stride_text = f"{x}.size()", b.choice((f"{x}.stride()", f"{x}.stride()[::-1]"))
        if t.dim() >= 2 and base + sum((n - 1) * s for n, s in zip(t.shape, t.stride()[::-1])) >= storage:
            stride_text = f"{x}.stride()"
    if b.chance(0.25):
        held = b.fresh("st")
        if not b.stmt(f"{held} = {stride_text}"):
            return
        stride_text = held
    tail = "" if offset is None else b.choice((f", {offset}", f", storage_offset={offset}"))
    form = b.integer(0, 2)
    if form == 0:
        call = f"torch.as_strided({x}, {size_text}, {stride_text}{tail})"
    elif form == 1:
        call = f"{x}.as_strided({size_text}, {stride_text}{tail})"
    else:
        tail = "" if offset is None else f", storage_offset={offset}"
        call = f"{x}.as_strided(size={size_text}, stride={stride_text}{tail})"
    b.assign("view", call)


# ---------------------------------------------------------------- the strategy

EPISODES = registry()


@st.composite
def programs(draw, max_episodes: int = 12) -> Program:
    """A small PyTorch program; `Program` says where torch fails on each path."""
    torch.manual_seed(0)  # the same draws write the same program with the same values
    b = Builder(draw, EPISODES)
    for line in PRELUDE:
        b.stmt(line)
    b.emit("")
    if b.chance(0.15):
        spare_helper(b)
    for _ in range(b.integer(1, max_episodes)):
        if not b.ctxs:
            break
        b.episode("top")
    return b.program()
