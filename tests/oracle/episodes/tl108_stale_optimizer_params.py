"""Oracle episodes of TL108 stale-optimizer-params: an optimizer built from a model's
parameters, then the model or one of its layers replaced (the pitfall: step()
updates the old parameters), by a new layer or a deep copy, next to the optimizer
built after the replacement, built anew, or given the new parameters with
`add_param_group`, and a deep copy kept aside.
"""

from __future__ import annotations

from ..builder import Builder, episode


@episode("TL108", weight=2, places=("top",))
def replaced_model(b: Builder) -> None:
    if b.grad_mode() is not True:
        return
    model, opt, loss = b.fresh("model"), b.fresh("opt"), b.fresh("loss")
    sequential = b.chance(0.5)
    made = "nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))" if sequential else "nn.Linear(4, 2)"
    optimizer = f"{opt} = torch.optim.{b.choice(('SGD', 'Adam'))}({model}.parameters(), lr=0.1)"
    replacements = [f"{model} = nn.Linear(4, 2)", f"{model} = copy.deepcopy({model})",
                    f"{b.fresh('backup')} = copy.deepcopy({model})"]
    if sequential:
        replacements += [f"{model}[2] = nn.Linear(3, 2)", f"setattr({model}, '2', nn.Linear(3, 2))",
                         f"{model}[0] = nn.Linear(4, 3)"]
    replacement = b.choice(replacements)
    after = b.choice(("nothing", "nothing", "rebuild", "add group", "replace first"))
    if "copy." in replacement and not b.stmt("import copy"):
        return
    if not b.stmt(f"{model} = {made}"):
        return
    if after == "replace first":
        if not b.stmt(replacement) or not b.stmt(optimizer):
            return
    else:
        if not b.stmt(optimizer) or not b.stmt(replacement):
            return
        if after == "rebuild" and not b.stmt(optimizer):
            return
        if after == "add group" and "[" not in replacement and "setattr" not in replacement \
                and not b.stmt(f"{opt}.add_param_group({{'params': {model}.parameters()}})"):
            return
    if not b.stmt(f"{loss} = {model}(torch.randn(3, 4)).pow(2).mean()"):
        return
    if b.stmt(f"{loss}.backward()"):
        b.stmt(f"{opt}.step()")
