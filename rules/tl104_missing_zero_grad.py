"""TL104 missing-zero-grad: a training loop that never clears the gradients it steps with."""

from torchlint.api import Finding, Kind, Repro, Rule, on

# Watches torch for the effect (see Repro.probe): an optimizer step whose parameters'
# gradients still held, when the last backward added to them, the gradient the previous
# step already applied (nothing cleared them in between).
PROBE = '''
import os
import sys

import torch
from torch.optim.optimizer import register_optimizer_step_pre_hook

TORCH = os.path.dirname(torch.__file__)

# what the watched steps saw, kept across installs: id of a parameter -> its .grad at
# the last step (and a copy), whether it still holds exactly that; the parameters hooked
snapshot, stale, hooked = {}, {}, set()


def install(observed):

    def program_frame():
        frame = sys._getframe(1)
        while frame is not None and (frame.f_code.co_filename.startswith(TORCH)
                                     or frame.f_code.co_filename == "<probe>"):
            frame = frame.f_back
        return frame

    def watch(p):
        def on_grad(grad):  # before the incoming gradient is added to p.grad
            old = snapshot.get(id(p))
            stale[id(p)] = old is not None and p.grad is old[0] and bool(old[1].abs().sum() > 0) \\
                and torch.equal(p.grad, old[1])
        p.register_hook(on_grad)

    def before_step(optimizer, args, kwargs):
        params = [p for group in optimizer.param_groups for p in group["params"]]
        if any(stale.get(id(p)) for p in params if p.grad is not None):
            observed("from the second step on, .grad holds the sum of earlier batches' gradients: "
                     "the gradient the previous step applied was never cleared", program_frame())
        for p in params:
            if id(p) not in hooked and p.requires_grad:
                hooked.add(id(p))
                watch(p)
            if p.grad is not None:
                snapshot[id(p)] = (p.grad, p.grad.detach().clone())
            stale[id(p)] = False

    handle = register_optimizer_step_pre_hook(before_step)
    return handle.remove
'''


class MissingZeroGrad(Rule):
    code = "TL104"
    name = "missing-zero-grad"
    summary = "a loop that calls `backward()` and `optimizer.step()` every round but clears the gradients nowhere in it"
    # every backward the rule counts is a call of a method or function named backward
    triggers = (".backward(",)
    events = (on(Kind.LOOP_END),)
    severity = "warning"  # nothing raises: each step applies the sum of every earlier batch's gradient
    doc = """
## What it does
Finds a loop whose every round runs a backward (`loss.backward()`) and an
optimizer's `step()`, while no path of the round clears the gradients: no
`optimizer.zero_grad()`, `model.zero_grad()`, `p.grad = None` or
`p.grad.zero_()`, in the loop or in a function it calls. The finding is on
the optimizer's `step()`.

Silent where a clear runs anywhere in the round (before the backward, after
the step, or every k rounds for intentional gradient accumulation), where the
backward or the step does not run every round, where the round builds its
optimizer anew (over a fresh leaf, nothing carries over), and where the round
hands the optimizer or the model to code the interpreter cannot follow (it may
clear them).

## Why is this bad?
`backward()` adds to `.grad`; it does not replace it. Without a clear in the
loop, from the second step on `.grad` holds the sum of all earlier batches'
gradients: each step moves further along stale directions, the effective
learning rate grows with the step count, and the loss stalls or explodes.
Nothing raises. Run under torch, the repro shows:

    ObservedEffect: from the second step on, .grad holds the sum of earlier batches' gradients

## Example
```python
optimizer.zero_grad()          # once, before the loop
for x, y in loader:
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
```

## Use instead
```python
for x, y in loader:
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
```
"""
    repro = Repro(
        bad="""
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
x, y = torch.randn(8, 4), torch.randn(8, 1)
optimizer.zero_grad()
for step in range(3):
    loss = ((model(x) - y) ** 2).mean()
    loss.backward()
    optimizer.step()
""",
        good="""
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
x, y = torch.randn(8, 4), torch.randn(8, 1)
for step in range(3):
    optimizer.zero_grad()
    loss = ((model(x) - y) ** 2).mean()
    loss.backward()
    optimizer.step()
""",
        error="ObservedEffect",
        message="from the second step on, .grad holds the sum of earlier batches' gradients",
        probe=PROBE,
    )

    def check(self, event):
        backward, step = event.round_does("backward"), event.round_does("step")
        # an optimizer built in the round may step tensors made in the round: nothing carries over
        if backward is None or step is None or event.round_may("clear") or event.round_may("new"):
            return None
        part, step_code, _ = step
        _, backward_code, backward_place = backward
        outside = event.clear_outside()
        where = f" ({outside[0]} on {outside[1]} runs outside the loop, not in each round)" if outside else ""
        return Finding("the {loop}{via} runs {backward} ({backward_place}) and {step} in every round but clears "
                       "no gradients in it{where}: backward() adds to .grad, so from the second round on {step} "
                       "applies the sum of all earlier batches' gradients; call optimizer.zero_grad() in the "
                       "loop (before backward() or after step())",
                       {"loop": event.loop_text(), "backward": backward_code, "backward_place": backward_place,
                        "step": step_code, "where": where}, at=part, at_note="the loop whose rounds never clear .grad")
