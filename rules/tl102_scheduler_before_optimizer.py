"""TL102 scheduler-before-optimizer: an lr scheduler's first `step()` before its optimizer's."""

from torchlint.api import Finding, Kind, Repro, Rule, on


class SchedulerBeforeOptimizer(Rule):
    code = "TL102"
    name = "scheduler-before-optimizer"
    summary = "an lr scheduler's first `step()` that runs before the first `step()` of its optimizer"
    # a scheduler the interpreter knows is built from torch.optim.lr_scheduler, as the
    # code calls it or imports it
    triggers = ("lr_scheduler",)
    events = (on(Kind.OPTIMIZER, "step"),)
    doc = """
## What it does
Finds an lr scheduler (`torch.optim.lr_scheduler.StepLR`, `OneCycleLR`,
`LambdaLR`...) whose first `step()` runs before the first `step()` of the
optimizer it was built on, on every path: the idiom of PyTorch before 1.1,
`scheduler.step()` at the top of the epoch loop (or of `train_epoch()`) with
`optimizer.step()` in the batch loop after it. It is judged at the optimizer's
step and reported at the scheduler's.

Silent where the order is right or cannot be told: a scheduler step after the
optimizer's, one guarded so that it does not run in the first epoch
(`if epoch > 0:`), one in a validation function that runs after training,
`ReduceLROnPlateau.step(metric)` and `CosineAnnealingWarmRestarts` (they do not
check the order), and a scheduler or optimizer handed to code the interpreter
cannot follow.

## Why is this bad?
Since PyTorch 1.1 a scheduler's `step()` sets the learning rate for the next
epoch. Called first, it moves the schedule on before the optimizer has used
its first value: the first learning rate of the schedule (a warm-up's start,
the initial rate of `StepLR`) is skipped, and every epoch runs with the value
meant for the next one. PyTorch warns at the scheduler's first step:

    UserWarning: Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you should call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first value of the learning rate schedule.

## Example
```python
for epoch in range(epochs):
    scheduler.step()
    for x, y in loader:
        optimizer.zero_grad()
        loss_fn(model(x), y).backward()
        optimizer.step()
```

## Use instead
```python
for epoch in range(epochs):
    for x, y in loader:
        optimizer.zero_grad()
        loss_fn(model(x), y).backward()
        optimizer.step()
    scheduler.step()
```
"""
    repro = Repro(
        bad="""
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
x, y = torch.randn(8, 4), torch.randn(8, 1)
for epoch in range(2):
    scheduler.step()
    for batch in range(2):
        optimizer.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        optimizer.step()
""",
        good="""
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
x, y = torch.randn(8, 4), torch.randn(8, 1)
for epoch in range(2):
    for batch in range(2):
        optimizer.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        optimizer.step()
    scheduler.step()
""",
        error="UserWarning",
        message="Detected call of `lr_scheduler.step()` before `optimizer.step()`",
    )

    def check(self, event):
        found = event.scheduler_stepped_first()
        if found is None:
            return None
        part, scheduler_step, scheduler_place = found
        return Finding("{scheduler_step} runs before {optimizer_step} on {optimizer_place}{via}, the first step of "
                       "the optimizer it schedules: PyTorch warns and skips the first value of the "
                       "learning-rate schedule; call {scheduler_step} after {optimizer_step}",
                       {"scheduler_step": scheduler_step, "optimizer_step": event.call_text(),
                        "optimizer_place": event.place()},
                       at=part, at_note="the optimizer's first step, after it")
