"""Oracle episodes of TL007 requires-grad-on-integer: factories asked for requires_grad=True
with integer, bool and floating dtypes, and requires_grad_() / .requires_grad = on existing tensors.
"""

from __future__ import annotations

from ..builder import Builder, draw_shape, episode, literal, sizes_text


@episode("TL007", weight=2)
def factory_requires_grad(b: Builder) -> None:
    shape = draw_shape(b, 1, 2)
    sizes = sizes_text(shape, 1)
    n = shape[0]
    integer = [f"torch.arange({n}, requires_grad=True)", f"torch.arange(0, {n}, 1, requires_grad=True)",
               f"torch.zeros({sizes}, dtype=torch.long, requires_grad=True)",
               f"torch.randint(0, 5, {sizes}, requires_grad=True)",
               f"torch.ones({sizes}, dtype=torch.bool, requires_grad=True)",
               f"torch.full({sizes}, 3, requires_grad=True)"]
    floating = [f"torch.arange({n}.0, requires_grad=True)", f"torch.arange(0, {n}, 0.5, requires_grad=True)",
                f"torch.zeros({sizes}, dtype=torch.float64, requires_grad=True)",
                f"torch.full({sizes}, 3.0, requires_grad=True)", f"torch.arange({n}, requires_grad=False)",
                f"torch.randint(0, 5, {sizes})"]
    if len(shape) <= 2 and n * (shape[1] if len(shape) > 1 else 1) <= 6:
        integer.append(f"torch.tensor({literal(shape, 2)}, requires_grad=True)")
        floating.append(f"torch.tensor({literal(shape, 2.5)}, requires_grad=True)")
    b.assign(b.choice(("x", "w", "idx")), b.choice(integer + floating))


@episode("TL007", weight=2)
def flag_on_existing(b: Builder) -> None:
    x = b.pick(lambda t: t.is_leaf and not t.requires_grad)
    if x is None:
        return
    b.stmt(b.choice((f"{x}.requires_grad_()", f"{x}.requires_grad = True", f"{x}.requires_grad_(True)",
                     f"{x}.requires_grad_(False)", f"{x}.requires_grad = False",
                     f"{b.fresh('p')} = torch.nn.Parameter({x})",
                     f"{b.fresh('p')} = torch.nn.Parameter({x}, requires_grad=False)",
                     f"{b.fresh('f')} = {x}.float().requires_grad_()")))
