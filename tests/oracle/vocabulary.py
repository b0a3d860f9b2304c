"""The shared vocabulary: episodes about no rule in particular (`@episode()`, code
""), which most of every program is made of, and the tests on tensors that
episodes pick their operands with (`floating`, `broadcastable`, ...).
"""

from __future__ import annotations

from typing import Callable

import torch

from .builder import Builder, draw_shape, episode, new_tensor, sizes_text

# ---------------------------------------------------------------- tests on tensors


def floating(t: torch.Tensor) -> bool:
    return t.dtype.is_floating_point


def rank_at_least(k: int) -> Callable:
    return lambda t: t.dim() >= k


def requires_grad(t: torch.Tensor) -> bool:
    return t.requires_grad


def graph_intact(t: torch.Tensor) -> bool:
    """Can backward run through t's graph: nothing freed, nothing saved modified in place."""
    seen, stack = set(), [t.grad_fn]
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        for attr in dir(node):
            if attr.startswith("_saved_"):
                try:
                    getattr(node, attr)
                except Exception:
                    return False
        stack.extend(n for n, _ in node.next_functions)
    return True


def broadcastable(a: tuple, b: tuple) -> bool:
    try:
        torch.broadcast_shapes(a, b)
        return True
    except RuntimeError:
        return False


def dim_text(b: Builder, d: int, rank: int) -> str:
    return str(d - rank) if rank and b.chance(0.25) else str(d)


# ---------------------------------------------------------------- the shared vocabulary


@episode(weight=6)
def factory(b: Builder) -> None:
    new_tensor(b)


@episode(weight=1)
def parameter(b: Builder) -> None:
    shape = draw_shape(b, 1, 3)
    init = b.choice(("torch.randn", "torch.zeros", "torch.ones"))
    flag = b.choice(("", ", requires_grad=False", ", requires_grad=True"))
    b.assign("p", f"nn.Parameter({init}({sizes_text(shape)}){flag})")


@episode(weight=2)
def linear_layer(b: Builder) -> None:
    x = b.tensor_or_new(lambda t: floating(t) and t.dim() >= 1 and t.dtype == torch.float32,
                        lambda b: new_tensor(b, draw_shape(b, 1, 3), floating=True))
    if x is None:
        return
    t = b.value(x)
    if t.dtype != torch.float32 or t.dim() == 0:
        return
    layer = b.fresh("layer")
    bias = b.choice(("", ", bias=False"))
    out = b.choice((3, 2, 4, 1))
    activation = b.choice(("ReLU", "Tanh", "Identity"))
    make = b.choice((f"nn.Linear({t.shape[-1]}, {out}{bias})",
                     f"nn.Sequential(nn.Linear({t.shape[-1]}, {out}{bias}), nn.{activation}())"))
    if b.stmt(f"{layer} = {make}") is None:
        return
    if make.startswith("nn.Sequential"):
        b.assign("h", f"{layer}({x})")
        return
    if b.chance(0.2):
        b.stmt(b.choice((f"{layer}.requires_grad_(False)", f"{layer}.eval()", f"{layer}.train()")))
    if b.chance(0.3):
        b.assign("w", f"{layer}.{b.choice(('weight', 'bias' if not bias else 'weight'))}")
    b.assign("h", b.choice((f"{layer}({x})", f"{layer}.forward({x})", f"F.linear({x}, {layer}.weight)")))


@episode(weight=4)
def elementwise(b: Builder) -> None:
    x = b.tensor_or_new()
    if x is None:
        return
    t = b.value(x)
    fl = floating(t)
    unary = [f"{x} * 2", f"-{x}", f"{x}.abs()", f"{x} + 1", f"torch.abs({x})", f"{x}.clamp(0, 3)",
             f"{x}.float()", f"{x}.double()", f"{x}.long()", f"{x} > 0", f"{x}.to(torch.float64)",
             f"{x}.flip(0)" if t.dim() else f"{x} - 1"]
    if t.dim():
        unary += [f"{x}.cumsum(0)", f"{x}.roll(1, 0)", f"{x}.masked_fill({x} > 0, 0)", f"{x}.flip(-1)",
                  f"{x}.repeat({', '.join(['1'] * t.dim())})", f"{x}.index_select(0, torch.tensor([0]))"]
    if t.dim() >= 2:
        unary += [f"{x}.tril()", f"torch.triu({x})"]
    if fl:
        unary += [f"{x}.exp()", f"torch.relu({x})", f"F.relu({x})", f"{x}.sigmoid()", f"torch.tanh({x})",
                  f"{x} ** 2", f"{x}.pow(2)", f"{x} / 3", f"0.5 * {x}", f"{x}.clamp(min=0)", f"F.gelu({x})",
                  f"torch.where({x} > 0, {x}, 0.0)", f"{x}.softmax(-1)" if t.dim() else f"{x}.sqrt()",
                  f"{x}.half().float()", f"{x}.type_as({x})"]
    else:
        unary += [f"{x} // 2", f"{x} * 0.5", f"{x} / 2", f"{x}.float() + 1"]
    others = [n for n in b.tensors(lambda u: broadcastable(tuple(u.shape), tuple(t.shape))) if n != x]
    if others and b.chance(0.5):
        y = b.choice(others)
        binary = [f"{x} + {y}", f"{x} * {y}", f"{y} - {x}", f"torch.maximum({x}, {y})", f"{x}.add({y}, alpha=2)",
                  f"torch.where({y} > 0, {x}, {y})", f"torch.mul({x}, {y})"]
        if b.value(y).shape == t.shape and b.value(y).dtype == t.dtype:
            binary += [f"torch.stack([{x}, {y}])", f"torch.cat([{x}, {y}])" if t.dim() else f"torch.stack(({x}, {y}))",
                       f"torch.cat(({x}, {y}), dim=-1)" if t.dim() else f"{x} + {y}"]
        expr = b.choice(binary)
    else:
        expr = b.choice(unary)
    b.assign(b.choice(("y", "z", "h")), expr)


@episode(weight=2)
def matmul(b: Builder) -> None:
    x = b.tensor_or_new(lambda t: floating(t) and t.dim() >= 1 and t.dtype == torch.float32,
                        lambda b: new_tensor(b, draw_shape(b, 1, 3), floating=True))
    if x is None or b.value(x).dtype != torch.float32 or b.value(x).dim() == 0:
        return
    t = b.value(x)
    k = t.shape[-1]
    partners = [n for n in b.tensors(lambda u: u.dtype == torch.float32 and u.dim() == 2 and u.shape[0] == k)]
    if partners and b.chance(0.6):
        w = b.choice(partners)
    else:
        w = new_tensor(b, (k, b.choice((2, 3, 1))), floating=True)
        if w is None or b.value(w).dtype != torch.float32:
            return
    forms = [f"{x} @ {w}", f"torch.matmul({x}, {w})", f"{x}.matmul({w})"]
    if t.dim() == 2:
        forms.append(f"{x}.mm({w})")
    b.assign("m", b.choice(forms))


@episode(weight=3)
def reduction(b: Builder) -> None:
    x = b.tensor_or_new()
    if x is None:
        return
    t = b.value(x)
    fl = floating(t)
    forms = [f"{x}.sum()", f"torch.sum({x})", f"{x}.max()", f"{x}.amax()" if t.dim() else f"{x}.sum()"]
    if fl:
        forms += [f"{x}.mean()", f"{x}.norm()", f"{x}.mean().item()", f"{x}.sum().item()"]
        if t.numel() > 1:
            forms.append(f"{x}.std()")
    if t.dim():
        d = b.integer(0, t.dim() - 1)
        dt = dim_text(b, d, t.dim())
        keep = b.choice(("", ", keepdim=True"))
        forms += [f"{x}.sum({dt}{keep})", f"{x}.sum(dim={dt}{keep})", f"{x}.amax(dim={dt})",
                  f"{x}.prod({dt})", f"torch.sum({x}, {dt}{keep})"]
        if fl:
            forms += [f"{x}.mean({dt}{keep})", f"{x}.mean(dim={dt})", f"{x}.logsumexp({dt})"]
        if t.dim() >= 2:
            forms.append(f"{x}.sum(dim=(0, 1){keep})")
            if fl:
                forms.append(f"{x}.mean((0, -1))")
    b.assign(b.choice(("s", "r", "total")), b.choice(forms))


@episode(weight=3)
def indices(b: Builder) -> None:
    """max/min/topk/sort with their indices, argmax, argsort."""
    x = b.tensor_or_new(lambda t: t.dim() >= 1)
    if x is None or b.value(x).dim() == 0:
        return
    t = b.value(x)
    d = b.integer(0, t.dim() - 1)
    dt = dim_text(b, d, t.dim())
    k = b.integer(1, t.shape[d])
    pair = [f"{x}.max(dim={dt})", f"{x}.min({dt})", f"{x}.sort(dim={dt})", f"torch.sort({x}, descending=True)",
            f"{x}.topk({k}, dim={dt})", f"torch.topk({x}, {k})" if d == t.dim() - 1 else f"{x}.topk({k}, {dt})",
            f"{x}.sort({dt}, descending=True)", f"{x}.max({dt}, keepdim=True)", f"{x}.kthvalue({k}, {dt})"]
    single = [f"{x}.argmax()", f"{x}.argmax(dim={dt})", f"{x}.argsort(dim={dt})", f"torch.argmax({x}, {dt})",
              f"{x}.topk({k}, dim={dt})[0]", f"{x}.sort({dt})[1]", f"{x}.max({dt})[0]"]
    if b.chance(0.6):
        values, where = b.fresh("vals"), b.fresh("idx")
        b.stmt(f"{values}, {where} = {b.choice(pair)}")
    else:
        b.assign("i", b.choice(single))


@episode(weight=3)
def detached(b: Builder) -> None:
    x = b.tensor_or_new()
    if x is None:
        return
    forms = [f"{x}.detach()", f"{x}.data", f"{x}.clone()", f"{x}.detach().clone()", f"{x}.clone().detach()",
             f"torch.clone({x})", f"{x}.detach().requires_grad_()" if floating(b.value(x)) else f"{x}.data",
             f"torch.detach({x})", f"{x}.to(torch.float32)", f"{x}.type_as({x})"]
    b.assign(b.choice(("d", "c", "y")), b.choice(forms))


@episode(weight=2)
def names(b: Builder) -> None:
    """Assignments through several names and tuple unpacking."""
    found = b.tensors()
    if not found:
        new_tensor(b)
        return
    x = b.choice(found)
    t = b.value(x)
    kind = b.integer(0, 4)
    if kind == 0:
        if b.chance(0.3) and t.dim() >= 2:
            b.stmt(f"{b.fresh('alias')} = {b.fresh('alias')} = {x}.transpose(0, 1)")
        else:
            b.stmt(f"{b.fresh('alias')} = {x}")
    elif kind == 1 and len(found) >= 2:
        y = b.choice([n for n in found if n != x])
        b.stmt(b.choice((f"{x}, {y} = {y}, {x}", f"{b.fresh('u')}, {b.fresh('v')} = {x}, {y}")))
    elif kind == 2 and t.dim() >= 1:
        d = b.integer(0, t.dim() - 1)
        size = t.shape[d]
        if size < 2:
            return
        chunks = b.integer(2, min(size, 3))
        per = -(-size // chunks)
        count = -(-size // per)
        targets = ", ".join(b.fresh("part") for _ in range(count))
        b.stmt(b.choice((f"{targets} = {x}.chunk({chunks}, dim={d})", f"{targets} = torch.chunk({x}, {chunks}, {d})",
                         f"{targets} = {x}.split({per}, dim={d})")))
    elif kind == 3 and t.dim() >= 1:
        sizes = ", ".join(b.fresh("n") for _ in range(t.dim())) + ("," if t.dim() == 1 else "")
        b.stmt(b.choice((f"{sizes} = {x}.shape", f"{sizes} = {x}.size()")))
    else:
        read = b.choice((f"{x}.dim()", f"{x}.numel()", f"len({x})" if t.dim() else f"{x}.dim()"))
        b.stmt(f"{b.fresh('n')} = {read}")


@episode(weight=2)
def in_place(b: Builder) -> None:
    grad = b.grad_mode()

    def writable(t: torch.Tensor) -> bool:
        if torch._debug_has_internal_overlap(t) != 0:
            return False
        if grad is not False and t.requires_grad and (t.is_leaf or (t._base is not None and t._base.is_leaf)):
            return False
        return True

    x = b.pick(writable)
    if x is None:
        new_tensor(b)
        return
    t = b.value(x)
    fl = floating(t)
    forms = [f"{x}.add_(1)", f"{x}.mul_(2)", f"{x}.zero_()", f"{x}.fill_(1)", f"{x} += 1", f"{x} *= 2",
             f"{x}.clamp_(0, 3)"]
    if fl:
        forms += [f"{x}.mul_(0.5)", f"{x}.relu_()", f"{x}.sub_(0.1)", f"{x} /= 2"]
    if t.dim() >= 1:
        forms += [f"{x}[0] = 0", f"{x}[..., 0] = 1" if t.dim() >= 1 else f"{x}.add_(1)"]
    others = [n for n in b.tensors(lambda u: broadcastable(tuple(u.shape), tuple(t.shape))
                                   and torch.broadcast_shapes(u.shape, t.shape) == t.shape
                                   and (fl or not floating(u)))
              if n != x]
    if others:
        y = b.choice(others)
        forms += [f"{x}.add_({y})", f"{x}.copy_({y})", f"{x} += {y}"]
    b.stmt(b.choice(forms))


@episode(weight=2)
def grad_flags(b: Builder) -> None:
    """requires_grad_() and .requires_grad = on leaves."""
    x = b.pick(lambda t: floating(t) and t.is_leaf)
    if x is None:
        new_tensor(b, floating=True)
        return
    b.stmt(b.choice((f"{x}.requires_grad_()", f"{x}.requires_grad = True", f"{x}.requires_grad_(True)",
                     f"{x}.requires_grad_(False)", f"{x}.requires_grad = False")))


@episode(weight=2)
def grads(b: Builder) -> None:
    """retain_grad() and .grad reads."""
    x = b.pick(requires_grad)
    if x is None:
        new_tensor(b, floating=True, grad=True)
        return
    values = b.values(x)
    forms = [f"{b.fresh('g')} = {x}.grad", f"{x}.retain_grad()", f"{x}.grad = None"]
    if all(v.is_leaf and v.grad is not None for v in values):
        forms += [f"{x}.grad.zero_()", f"{b.fresh('g')} = {x}.grad.numpy()", f"{b.fresh('g')} = {x}.grad.clone()",
                  f"{b.fresh('g')} = {x}.grad * 2"]
    b.stmt(b.choice(forms))


@episode(weight=1)
def constants(b: Builder) -> None:
    b.stmt(f"{b.fresh('n')} = {b.choice((3, 2, 1, 4, 0))}")
