"""Oracle episodes of TL009 set-requires-grad-on-non-leaf: the requires_grad flag set on leaves,
on values computed from them, and on copies, views and detached results.
"""

from __future__ import annotations

from ..builder import Builder, episode, new_tensor
from ..vocabulary import floating


@episode("TL009", weight=2)
def flag_on_computed(b: Builder) -> None:
    x = b.pick(lambda t: floating(t) and t.requires_grad)
    if x is None:
        new_tensor(b, floating=True, grad=True)
        return
    y = x
    if b.chance(0.6):
        forms = [f"{x} * 2", f"{x}.exp()", f"{x}.sum()", f"{x}.detach()", f"{x}.clone()", f"{x}.double()",
                 f"{x}.float()", f"{x}.detach().clone()", f"{x}.to(torch.float64)", f"{x}.contiguous()"]
        if b.value(x).dim():
            forms += [f"{x}[0]", f"{x}.unsqueeze(0)"]
        y = b.assign("y", b.choice(forms))
        if y is None:
            return
    b.stmt(b.choice((f"{y}.requires_grad = False", f"{y}.requires_grad = True", f"{y}.requires_grad_(False)",
                     f"{y}.requires_grad_()")))
