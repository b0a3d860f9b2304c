"""Oracle episodes of TL002 view-on-non-contiguous: a chain of layout steps (transpose, permute,
slices, expand, copies), then `.view`/`.reshape`/`.flatten` to sizes that may or
may not need a copy.
"""

from __future__ import annotations

import math
from typing import Optional

import torch
from hypothesis import strategies as st

from ..builder import Builder, draw_shape, episode, new_tensor
from ..vocabulary import dim_text, floating


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
