"""Oracle episodes of TL001 numpy-on-grad-tensor: `.numpy()`, `.tolist()`, `.item()` on tensors
that do or do not require grad, detached or not.
"""

from __future__ import annotations

from ..builder import Builder, episode


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
