"""Oracle episodes of TL008 inplace-on-detached-alias: values saved for backward (exp, sigmoid,
log, products) and sums that save nothing, written through `.detach()`, `.detach().clone()` or
`.data`, before or after their backward().
"""

from __future__ import annotations

from ..builder import Builder, episode, new_tensor
from ..vocabulary import floating


@episode("TL008", weight=2)
def write_through_alias(b: Builder) -> None:
    if b.grad_mode() is False:
        return
    x = b.pick(lambda t: floating(t) and t.requires_grad)
    if x is None:
        new_tensor(b, floating=True, grad=True)
        return
    y = b.assign("y", b.choice((f"{x}.exp()", f"torch.sigmoid({x})", f"{x}.tanh()", f"{x} + 1", f"{x} * 3.0",
                                f"{x}.relu()", f"{x}.abs() + 1")))
    if y is None:
        return
    alias = b.choice((f"{y}.detach()", f"{y}.detach().clone()", f"{y}.data", f"{x}.detach()"))
    write = b.choice((f"{alias}.zero_()", f"{alias}.mul_(2.0)", f"{alias}.add_(1.0)"))
    if b.chance(0.3):
        b.stmt(f"{y}.sum().backward()")
        b.stmt(write)
    else:
        b.stmt(write)
        b.stmt(b.choice((f"{y}.sum().backward()", f"torch.autograd.backward({y}.sum())")))
