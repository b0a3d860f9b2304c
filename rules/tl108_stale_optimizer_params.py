"""TL108 stale-optimizer-params: an optimizer stepping the parameters of a module that was replaced."""

from torchlint.api import Finding, Kind, Repro, Rule, on

# Watches torch for the effect (see Repro.probe): at an optimizer's step(), a module made
# after that optimizer was built (by its constructor, a deep copy or unpickling) whose
# parameters have gradients that no optimizer holds: it took the place of one the
# optimizer holds, and its parameters never change. (A module made before the optimizer
# and left out of it is another program's choice, not this pitfall.)
PROBE = '''
import os
import sys

import torch
from torch.optim.optimizer import register_optimizer_step_post_hook

TORCH = os.path.dirname(torch.__file__)

state = {"optimizers": [], "modules": [], "made": {}}


def made(obj):
    state["made"][id(obj)] = len(state["made"])  # the order objects were made in


def install(observed):
    saved_init = torch.optim.Optimizer.__init__
    saved_module_init = torch.nn.Module.__init__
    saved_module_setstate = torch.nn.Module.__setstate__

    def optimizer_init(self, *args, **kwargs):
        saved_init(self, *args, **kwargs)
        state["optimizers"].append(self)
        made(self)

    def module_init(self, *args, **kwargs):
        saved_module_init(self, *args, **kwargs)
        state["modules"].append(self)
        made(self)

    def module_setstate(self, *args, **kwargs):  # a copy.deepcopy or an unpickled module: no __init__
        saved_module_setstate(self, *args, **kwargs)
        state["modules"].append(self)
        made(self)

    def after_step(optimizer, args, kwargs):
        held = {id(p) for built in state["optimizers"] for group in built.param_groups
                for p in group["params"]}
        since = state["made"].get(id(optimizer), -1)
        caller = sys._getframe(1)
        while caller is not None and (caller.f_code.co_filename.startswith(TORCH)
                                      or caller.f_code.co_filename == "<probe>"):
            caller = caller.f_back  # past torch's own wrappers of step()
        for module in state["modules"]:
            if state["made"].get(id(module), -1) < since:
                continue
            params = list(module.parameters(recurse=False))
            if params and not any(id(p) in held for p in params) and \\
                    all(p.grad is not None and p.grad.abs().sum() > 0 for p in params):
                observed(f"step() updates the old parameters: {type(module).__name__}'s "
                         f"parameters have gradients but no optimizer holds them; the trained "
                         f"model never changes", caller)

    # a hook, not a patch of each class's step(): torch wraps step() itself when the
    # first optimizer of a class is built, and a patch would come between
    torch.optim.Optimizer.__init__ = optimizer_init
    torch.nn.Module.__init__ = module_init
    torch.nn.Module.__setstate__ = module_setstate
    handle = register_optimizer_step_post_hook(after_step)

    def undo():
        torch.optim.Optimizer.__init__ = saved_init
        torch.nn.Module.__init__ = saved_module_init
        torch.nn.Module.__setstate__ = saved_module_setstate
        handle.remove()
    return undo
'''


class StaleOptimizerParams(Rule):
    code = "TL108"
    name = "stale-optimizer-params"
    summary = ("an optimizer built from `model.parameters()`, then the model or a submodule replaced "
               "(`model = Net()`, `model.fc = nn.Linear(...)`) before its `step()`")
    triggers = ("optim.", "optim import")
    events = (on(Kind.OPTIMIZER, "step"),)
    severity = "warning"  # nothing raises: the new module's parameters silently never change
    doc = """
## What it does
Finds `optimizer.step()` of an optimizer built from `model.parameters()` (or a
submodule's) where the model, or a submodule of it, was replaced after the
optimizer was built: `model = Net()`, `model.fc = nn.Linear(...)`,
`setattr(model, "fc", ...)`, with a new module whose parameters require grad.
Silent where the optimizer is built after the last replacement, where a new
optimizer is made, where `optimizer.add_param_group(...)` hands it the new
parameters, and where the module replaced is one the optimizer never held.

## Why is this bad?
An optimizer keeps the parameter tensors it was given when it was built. The
new module has new parameters: `loss.backward()` gives them gradients, but
`step()` updates only the old ones, and the model that is trained never
changes (its new layer keeps its random initialisation). Nothing raises; run
under torch, the repro shows:

    ObservedEffect: step() updates the old parameters

## Example
```python
model = torchvision.models.resnet18(weights="DEFAULT")
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
model.fc = nn.Linear(512, 10)
...
optimizer.step()
```

## Use instead
```python
model = torchvision.models.resnet18(weights="DEFAULT")
model.fc = nn.Linear(512, 10)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)   # after the last replacement
```
"""
    repro = Repro(
        bad="""
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(4, 8), nn.ReLU())
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU())
x = torch.randn(16, 4)
for step in range(3):
    optimizer.zero_grad()
    loss = model(x).pow(2).mean()
    loss.backward()
    optimizer.step()
""",
        good="""
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(4, 8), nn.ReLU())
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU())
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
x = torch.randn(16, 4)
for step in range(3):
    optimizer.zero_grad()
    loss = model(x).pow(2).mean()
    loss.backward()
    optimizer.step()
""",
        error="ObservedEffect",
        message="step() updates the old parameters",
        probe=PROBE,
    )

    def check(self, event):
        found = event.optimizer_replaced
        if found is None or event.has_star:
            return None
        replacement, place, built, built_place = found
        return Finding("'{step}'{via} updates only the parameters '{optimizer}' was built with on {built_place} "
                       "('{built}'), but '{replacement}' on {place} replaced a module they belong to: the new "
                       "module's parameters never change; build the optimizer after the last replacement (or hand "
                       "it the new parameters with add_param_group)",
                       {"step": event.call_text(), "optimizer": event.receiver_text(), "built": built,
                        "built_place": built_place, "replacement": replacement, "place": place},
                       origin=event.optimizer_replacement_origin, origin_note="replaced here")
