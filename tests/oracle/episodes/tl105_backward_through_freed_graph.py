"""Oracle episodes of TL105 backward-through-freed-graph: a second backward() through a graph
whose saved tensors a first one freed (exp, sigmoid, a product, a scaled tensor), next to
graphs that save nothing (sums, views, additions), retain_graph=True, detach, and one
backward of the added losses; at module level (inside a helper that runs with grad off,
the losses have no graph at all, which is TL011's).
"""

from __future__ import annotations

from ..builder import Builder, episode, new_tensor
from ..vocabulary import floating


@episode("TL105", weight=2, places=("top",))
def two_backwards(b: Builder) -> None:
    if b.grad_mode() is False:
        return
    x = b.pick(lambda t: floating(t) and t.requires_grad)
    if x is None:
        new_tensor(b, floating=True, grad=True)
        return
    y = b.assign("y", b.choice((f"{x}.exp()", f"torch.sigmoid({x})", f"{x} * 2.0", f"{x} + 1", f"{x}.sum()",
                                f"{x}.tanh()", f"{x} * {x}", f"{x}.view(-1)", f"{x}.relu()", f"{x} - 3")))
    if y is None:
        return
    first = b.choice((f"{y}.sum().backward()", f"{y}.sum().backward(retain_graph=True)",
                      f"torch.autograd.backward({y}.sum())", f"({y} * 3).sum().backward()"))
    b.stmt(first)
    # not torch.autograd.grad: it runs only the nodes on its inputs' paths, which the rule leaves alone
    second = b.choice((f"{y}.sum().backward()", f"({y}.detach() * 2).sum()", f"({y} * 2).mean().backward()"))
    b.stmt(second)


@episode("TL105", places=("top",))
def added_losses(b: Builder) -> None:
    if b.grad_mode() is False:
        return
    x = b.pick(lambda t: floating(t) and t.requires_grad)
    if x is None:
        return
    y = b.assign("y", f"{x}.exp()")
    if y is None:
        return
    a = b.assign("a", f"{y}.sum()")
    c = b.assign("c", f"({y} * 2).sum()")
    if a is None or c is None:
        return
    b.stmt(b.choice((f"({a} + {c}).backward()", f"{a}.backward()")))
