"""Oracle episodes of TL101 loss-accumulated-with-graph: a training loop that sums its
loss into a total kept across rounds, as the tensor (the pitfall: every round's graph
stays alive), as `.item()`, `.detach()` or `float()` of it, or into a total reset
each round; with grad mode off around the loop; and a loop with no backward at all.
"""

from __future__ import annotations

from ..builder import INDENT, Builder, episode


@episode("TL101", weight=2, places=("top",))
def running_loss(b: Builder) -> None:
    if b.grad_mode() is not True:
        return
    model, opt, total, loss = b.fresh("model"), b.fresh("opt"), b.fresh("total"), b.fresh("loss")
    if not b.stmt(f"{model} = nn.Linear(4, 1)") or not b.stmt(f"{opt} = torch.optim.SGD({model}.parameters(), lr=0.1)"):
        return
    start = b.choice(("0.0", "0", "torch.zeros(())", "torch.tensor(0.0)"))
    added = b.choice((loss, loss, f"{loss}.item()", f"{loss}.detach()", f"float({loss})", f"{loss} * 0.5"))
    backward = b.chance(0.85)
    reset_inside = b.chance(0.15)
    body = [f"{opt}.zero_grad()", f"{loss} = {model}(torch.randn(2, 4)).pow(2).mean()"]
    late = b.chance(0.5)  # the sum after the step, or before the backward
    if not late:
        body.append(f"{total} += {added}")
    if backward:
        body += [f"{loss}.backward()", f"{opt}.step()"]
    if late:
        body.append(f"{total} += {added}")
    if reset_inside:
        body.insert(0, f"{total} = {start}")
    loop = [f"for step in range({b.choice((2, 3))}):"] + [INDENT + line for line in body]
    if b.chance(0.15):
        loop = ["with torch.no_grad():"] + [INDENT + line for line in loop]
        if backward:
            return  # no backward without a graph
    if not reset_inside and not b.stmt(f"{total} = {start}"):
        return
    b.stmt("\n".join(loop))
