"""Oracle episodes of TL004 copy-construct-from-tensor: `torch.tensor(...)`, `as_tensor`,
`new_tensor` of tensors, of lists and numbers, and the recommended copies.
"""

from __future__ import annotations

from ..builder import Builder, episode
from ..vocabulary import floating


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
