"""Oracle episodes of TL003 backward-on-non-scalar: `.backward()` and `torch.autograd.backward` on
scalars and non-scalars, with and without `gradient`, and through loss functions.
"""

from __future__ import annotations

from ..builder import Builder, episode, new_tensor
from ..vocabulary import floating, graph_intact


@episode("TL003", weight=4)
def backward(b: Builder) -> None:
    if b.grad_mode() is False:
        return  # what is computed here does not require grad: TL011's pitfall when a cut is shown, else none
    ready = lambda t: floating(t) and t.requires_grad and graph_intact(t)  # noqa: E731
    y = b.pick(ready)
    if y is None:
        x = new_tensor(b, floating=True, grad=True)
        if x is None or not b.ctxs:
            return
        y = b.assign("y", b.choice((f"{x} * 2", f"{x}.exp()", f"({x} ** 2).sum()", f"{x} + 1")))
        if y is None or not all(ready(v) for v in b.values(y)):
            return
    t = b.value(y)
    retain = b.choice(("", "", ", retain_graph=True"))
    forms = [f"{y}.backward({retain[2:]})", f"{y}.sum().backward({retain[2:]})", f"{y}.mean().backward()",
             f"{y}.backward(torch.ones_like({y}){retain})", f"{y}.backward(gradient=torch.ones_like({y}))",
             f"torch.autograd.backward({y})", f"torch.autograd.backward({y}, torch.ones_like({y}))",
             f"torch.autograd.backward({y}.sum())", f"{y}.backward(gradient=None)",
             f"torch.autograd.backward({y}, grad_tensors=torch.ones_like({y}))"]
    if t.dim():
        d = b.integer(0, t.dim() - 1)
        forms += [f"{y}.sum(dim={d}).backward()", f"{y}[0].backward()", f"{y}.sum({d}, keepdim=True).backward()"]
    if t.dim() and b.chance(0.2):
        loss = b.fresh("loss")
        reduction = b.choice(("", ", reduction='none'", ", reduction='sum'", ", reduction='mean'"))
        criteria = (f"F.mse_loss({y}, torch.zeros_like({y}){reduction})",
                    f"nn.MSELoss({reduction[2:]})({y}, torch.ones_like({y}))",
                    f"F.l1_loss({y}, {y}.detach(){reduction})",
                    f"nn.L1Loss({reduction[2:]})({y}, torch.zeros_like({y}))")
        if t.dim() >= 2:
            # class scores in dim 1: one loss per sample (and per position) with reduction='none'
            labels = f"torch.zeros({', '.join(str(n) for n in (t.shape[0], *t.shape[2:]))}, dtype=torch.long)"
            criteria += (f"F.cross_entropy({y}, {labels}{reduction})",
                         f"nn.CrossEntropyLoss({reduction[2:]})({y}, {labels})",
                         f"F.nll_loss({y}, {labels}{reduction})")
        criterion = b.choice(criteria)
        if not b.stmt(f"{loss} = {criterion}"):
            return
        b.stmt(b.choice((f"{loss}.backward()", f"torch.autograd.backward({loss})",
                         f"{loss}.backward(torch.ones_like({loss}))")))
        return
    if b.chance(0.3):
        loss = b.fresh("loss")
        reduced = b.choice((f"{y}.sum()", f"({y} ** 2).mean()", f"{y}.mean(0)" if t.dim() else f"{y} * 2",
                            f"{y}.norm()"))
        if not b.stmt(f"{loss} = {reduced}"):
            return
        b.stmt(b.choice((f"{loss}.backward()", f"torch.autograd.backward({loss})")))
        return
    b.stmt(b.choice(forms))
