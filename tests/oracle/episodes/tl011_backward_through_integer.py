"""Oracle episodes of TL011 backward-through-integer: losses built from argmax, the indices and
the values of topk/sort/max, comparisons and integer casts, then backward() or autograd.grad.
"""

from __future__ import annotations

from ..builder import Builder, episode, new_tensor
from ..vocabulary import floating


@episode("TL011", weight=2)
def loss_from_choice(b: Builder) -> None:
    if b.grad_mode() is False:
        return  # cut by grad mode, not by an integer result: reported by no rule
    x = b.pick(lambda t: floating(t) and t.requires_grad and t.dim() >= 1)
    if x is None:
        new_tensor(b, floating=True, grad=True)
        return
    k = b.integer(1, b.value(x).shape[-1])
    if b.chance(0.5):
        values, where = b.fresh("vals"), b.fresh("idx")
        pick = b.choice((f"{x}.topk({k})", f"{x}.sort(-1)", f"{x}.max(dim=-1)", f"torch.max({x}, -1)"))
        if not b.stmt(f"{values}, {where} = {pick}"):
            return
        source = b.choice((values, where))
    else:
        # (a value cut from the graph another way, by .detach() or no_grad, fails the same way: not this rule's)
        source = b.assign("c", b.choice((f"{x}.argmax(-1)", f"({x} > 0)", f"{x}.long()", f"{x}.round()",
                                         f"{x} * 2")))
        if source is None:
            return
    loss = b.assign("loss", b.choice((f"{source}.float().sum()", f"({source} * 1.0).mean()",
                                      f"{source}.double().sum() + 1")))
    if loss is None:
        return
    b.stmt(b.choice((f"{loss}.backward()", f"torch.autograd.grad({loss}, {x})", f"torch.autograd.backward({loss})")))
