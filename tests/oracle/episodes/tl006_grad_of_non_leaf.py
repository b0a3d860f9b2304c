"""Oracle episodes of TL006 grad-of-non-leaf: `.grad` read from leaves, computed values (with
and without retain_grad()), casts and copies, and tensors handed to an optimizer.
"""

from __future__ import annotations

from ..builder import Builder, episode, new_tensor
from ..vocabulary import floating


@episode("TL006", weight=2)
def grad_after_backward(b: Builder) -> None:
    if b.grad_mode() is False:
        return  # a backward() here fails before any .grad is read
    x = b.pick(lambda t: floating(t) and t.requires_grad)
    if x is None:
        new_tensor(b, floating=True, grad=True)
        return
    y = b.assign("y", b.choice((f"{x} * 2", f"{x}.exp()", f"{x} + 1", f"{x}.double()", f"{x}.float()",
                                f"{x}.clone()", f"{x}.detach()", x)))
    if y is None:
        return
    if b.chance(0.4):
        b.stmt(f"{y}.retain_grad()")
    if b.value(y).requires_grad:
        b.stmt(f"{y}.sum().backward()")
    b.stmt(b.choice((f"{b.fresh('g')} = {y}.grad", f"print({y}.grad)", f"{b.fresh('g')} = {x}.grad")))


@episode("TL006", weight=1)
def optimized(b: Builder) -> None:
    x = b.pick(lambda t: floating(t) and t.requires_grad)
    if x is None:
        new_tensor(b, floating=True, grad=True)
        return
    w = b.assign("w", b.choice((f"{x} * 0.01", f"{x}.double()", f"{x}.detach().requires_grad_()", x,
                                f"{x}.float()", f"{x}.clone()")))
    if w is None:
        return
    b.stmt(b.choice((f"{b.fresh('opt')} = torch.optim.SGD([{w}], lr=0.1)",
                     f"{b.fresh('opt')} = torch.optim.Adam([{w}, {x}], lr=1e-3)")))
