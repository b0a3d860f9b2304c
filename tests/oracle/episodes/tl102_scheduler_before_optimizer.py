"""Oracle episodes of TL102 scheduler-before-optimizer: an epoch loop with a learning-rate
scheduler stepped at the top of the epoch (the pitfall: torch warns on its first
step), at its end, at the top but only from the second epoch on, or before the loop;
and `ReduceLROnPlateau`, which does not check the order.
"""

from __future__ import annotations

from ..builder import INDENT, Builder, episode

SCHEDULERS = ("torch.optim.lr_scheduler.StepLR({opt}, step_size=1)",
              "torch.optim.lr_scheduler.ExponentialLR({opt}, gamma=0.9)",
              "torch.optim.lr_scheduler.LambdaLR({opt}, lambda epoch: 0.9 ** epoch)",
              "torch.optim.lr_scheduler.MultiStepLR({opt}, milestones=[1])")


@episode("TL102", weight=2, places=("top",))
def epochs(b: Builder) -> None:
    if b.grad_mode() is not True:
        return
    model, opt, sched, loss = b.fresh("model"), b.fresh("opt"), b.fresh("sched"), b.fresh("loss")
    if not b.stmt(f"{model} = nn.Linear(4, 1)") or not b.stmt(f"{opt} = torch.optim.SGD({model}.parameters(), lr=0.1)"):
        return
    plateau = b.chance(0.15)
    made = "torch.optim.lr_scheduler.ReduceLROnPlateau({opt})" if plateau else b.choice(SCHEDULERS)
    if not b.stmt(f"{sched} = {made.format(opt=opt)}"):
        return
    stepping = f"{sched}.step(1.0)" if plateau else f"{sched}.step()"
    where = b.choice(("top", "top", "end", "guarded", "before"))
    batches = [f"for batch in range({b.choice((1, 2))}):",
               INDENT + f"{opt}.zero_grad()",
               INDENT + f"{loss} = {model}(torch.randn(2, 4)).pow(2).mean()",
               INDENT + f"{loss}.backward()",
               INDENT + f"{opt}.step()"]
    if where == "top":
        body = [stepping] + batches
    elif where == "guarded":
        body = ["if epoch > 0:", INDENT + stepping] + batches
    elif where == "end":
        body = batches + [stepping]
    else:
        body = batches
    loop = [f"for epoch in range({b.choice((1, 2))}):"] + [INDENT + line for line in body]
    # one unit, so that the loop is written even where torch's warning stops the run before it
    b.stmt("\n".join(([stepping] if where == "before" else []) + loop))
