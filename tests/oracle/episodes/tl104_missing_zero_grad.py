"""Oracle episodes of TL104 missing-zero-grad: a training loop that steps every round,
its gradients cleared before the backward, after the step, through the model, by
setting `.grad` to None, every other round with the step, once before the loop (the
pitfall), or never (the pitfall).
"""

from __future__ import annotations

from ..builder import INDENT, Builder, episode


@episode("TL104", weight=2, places=("top",))
def training_rounds(b: Builder) -> None:
    if b.grad_mode() is not True:
        return
    model, opt, loss = b.fresh("model"), b.fresh("opt"), b.fresh("loss")
    if not b.stmt(f"{model} = nn.Linear(4, 1)"):
        return
    optimizer = b.choice(("SGD", "SGD", "Adam", "AdamW"))
    if not b.stmt(f"{opt} = torch.optim.{optimizer}({model}.parameters(), lr=0.1)"):
        return
    # how the round clears: a statement (or two lines), nowhere (None), or once before the loop
    clear = b.choice((f"{opt}.zero_grad()", f"{model}.zero_grad()", f"{opt}.zero_grad(set_to_none=True)",
                      f"for p in {model}.parameters():\n    p.grad = None", None, None, "once"))
    where = b.choice(("first", "after step"))
    accumulate = b.chance(0.15)  # step and clear every other round
    forward = [f"{loss} = {model}(torch.randn(2, 4)).pow(2).mean()", f"{loss}.backward()"]
    step = [f"{opt}.step()"]
    if accumulate:
        inner = step + ([clear] if clear not in (None, "once") else [])
        step = ["if step % 2 == 1:"] + [INDENT + line for text in inner for line in text.split("\n")]
    elif clear not in (None, "once"):
        if where == "first":
            forward = clear.split("\n") + forward
        else:
            step = step + clear.split("\n")
    if clear == "once" and not b.stmt(f"{opt}.zero_grad()"):
        return
    body = forward + step
    b.stmt("\n".join([f"for step in range({b.choice((2, 3, 4))}):"] + [INDENT + line for line in body]))
