"""Oracle episodes of TL010 inplace-on-leaf-requiring-grad: in-place methods, augmented and item
assignment on leaves that require grad, with grad mode on and inside `torch.no_grad()`.
"""

from __future__ import annotations

from ..builder import Builder, episode, new_tensor
from ..vocabulary import floating


@episode("TL010", weight=2)
def update_leaf(b: Builder) -> None:
    x = b.pick(lambda t: floating(t) and t.requires_grad and t.is_leaf)
    if x is None:
        new_tensor(b, floating=True, grad=True)
        return
    forms = [f"{x}.add_(1)", f"{x} -= 0.1", f"{x}.mul_(0.5)", f"{x}.zero_()", f"{x} *= 2", f"{x}.clamp_(-1, 1)"]
    if b.value(x).dim():
        forms.append(f"{x}[0] = 0.5")
    if b.chance(0.4):
        with b.block("with torch.no_grad():", grad=False):
            b.stmt(b.choice(forms))
    else:
        b.stmt(b.choice(forms))
