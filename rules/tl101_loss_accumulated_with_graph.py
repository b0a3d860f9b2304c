"""TL101 loss-accumulated-with-graph: `total += loss` across a loop's rounds without `.item()`/`.detach()`."""

import re

from torchlint.api import YES, Edit, Finding, Fix, Kind, Repro, Rule, TextSites, is_chain, never_a_tensor, on

# a call of `backward` or `grad` (`loss.backward()`, `torch.autograd.grad(...)`)
RUNS_BACKWARD = re.compile(r"\b(?:backward|grad)\s*\(")
# a value without a graph: a Python number (`.item()`), a detached tensor
NO_GRAPH = re.compile(r"\.(?:item|numel|tolist|dim|size|detach|nelement)\(\)\Z")

# Watches torch for the effect (see Repro.probe): a `+=` onto an accumulator that still
# holds the graph of a batch that was already backpropagated, so every batch's graph
# stays alive and the number of autograd nodes reachable from the sum grows.
PROBE = '''
import dis
import sys

import torch

state = {"backwards": 0}


def nodes(tensor):
    seen, stack = set(), [tensor.grad_fn]
    while stack:
        node = stack.pop()
        if node is None or node in seen:
            continue
        seen.add(node)
        stack.extend(next_node for next_node, _ in node.next_functions)
    return len(seen)


def augmented(frame):
    for instruction in dis.get_instructions(frame.f_code):
        if instruction.offset == frame.f_lasti:
            return instruction.opname == "BINARY_OP" and instruction.argrepr == "+="
    return False


def install(observed):
    saved = {name: getattr(torch.Tensor, name) for name in ("backward", "__iadd__", "__radd__", "__add__")}

    def backward(self, *args, **kwargs):
        state["backwards"] += 1
        return saved["backward"](self, *args, **kwargs)

    def watching(name):
        def add(self, other):
            caller = sys._getframe(1)
            total = self if name != "__radd__" else other
            if isinstance(total, torch.Tensor) and total.grad_fn is not None and augmented(caller) \\
                    and getattr(total, "_summed_before_backward", state["backwards"]) < state["backwards"]:
                observed(f"every iteration's graph stays alive: the accumulator has a grad_fn after "
                         f"{state['backwards']} backward() calls, {nodes(total)} autograd nodes live and growing",
                         caller)
            result = saved[name](self, other)
            if isinstance(result, torch.Tensor) and result.grad_fn is not None:
                result._summed_before_backward = state["backwards"]
            return result
        return add

    torch.Tensor.backward = backward
    for name in ("__iadd__", "__radd__", "__add__"):
        setattr(torch.Tensor, name, watching(name))

    def undo():
        for name, method in saved.items():
            setattr(torch.Tensor, name, method)
    return undo
'''


class LossAccumulatedWithGraph(Rule):
    code = "TL101"
    name = "loss-accumulated-with-graph"
    summary = ("a value that requires grad summed with `+=` into a name that outlives the rounds of a training "
               "loop (one that runs a backward)")
    triggers = ("+=",)
    events = (on(Kind.AUG_ASSIGN, "add"),)

    def could_fire(self, text):
        """`+=` of what may be a tensor, in a loop, outside `torch.no_grad()`, in a file
        that runs a backward: a training loop runs one in its body or in a function of
        the file it calls (accumulators.runs_backward)."""
        if not RUNS_BACKWARD.search(text):
            return False
        def may_accumulate(site):
            target = site.statement_before()
            if target is not None and not target.isidentifier():
                return False  # `self.total += x`, `x[i] += v`: the accumulator must be a plain name
            added = site.rest_of_statement().strip()
            if never_a_tensor(added) or (is_chain(added) and NO_GRAPH.search(added)):
                return False
            return site.in_loop() and not site.under_no_grad()
        return TextSites(text).any("+=", where=may_accumulate)
    fixable = True
    severity = "warning"  # nothing raises at once: memory grows until it runs out
    doc = """
## What it does
Finds `total += loss` in a training loop (one whose body runs a backward, or
calls a function of the file that runs one, as `trainer.train_step(batch)`),
where `loss` requires grad (a loss, a model's output) with grad mode on, and
`total` carries over from round to round (nothing in the loop sets it anew).
Where the same function runs a backward through the sum, or returns it, the
graph may be wanted, and nothing is reported; nor in a loop that runs no
backward, whose sum may be what a backward after it runs through.

## Why is this bad?
The sum is a tensor with a `grad_fn` that holds every round's graph: each
batch's graph stays alive as long as the accumulator, the number of live
autograd nodes grows each batch, and without a backward (an evaluation loop
outside `torch.no_grad()`) every activation stays in memory until CUDA runs
out of it. Run under torch, the repro shows:

    ObservedEffect: every iteration's graph stays alive: the accumulator has a grad_fn

## Example
```python
total_loss = 0.0
for x, y in loader:
    loss = criterion(model(x), y)
    loss.backward()
    optimizer.step()
    total_loss += loss
```

## Use instead
```python
    total_loss += loss.item()        # a Python number
    total_loss += loss.detach()      # or a tensor without history
```

## Fix safety
The fix sums `loss.item()` where the accumulator starts as a number literal
and the value is a scalar, else `loss.detach()`. It is safe: the sum's value
is the same, only its history is dropped.
"""
    repro = Repro(
        bad="""
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
x, y = torch.randn(8, 4), torch.randn(8, 1)
total_loss = 0.0
for step in range(3):
    optimizer.zero_grad()
    loss = ((model(x) - y) ** 2).mean()
    loss.backward()
    optimizer.step()
    total_loss += loss
""",
        good="""
import torch
import torch.nn as nn

model = nn.Linear(4, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
x, y = torch.randn(8, 4), torch.randn(8, 1)
total_loss = 0.0
for step in range(3):
    optimizer.zero_grad()
    loss = ((model(x) - y) ** 2).mean()
    loss.backward()
    optimizer.step()
    total_loss += loss.item()
""",
        error="ObservedEffect",
        message="every iteration's graph stays alive: the accumulator has a grad_fn",
        probe=PROBE,
    )

    def check(self, event):
        value = event.value
        if not value.is_tensor or value.requires_grad is not YES or event.grad_enabled is not YES:
            return None
        loop = event.accumulated_across()
        if loop is None:
            return None
        total, added = event.target_text(), event.assigned_code() or "?"
        use = "item" if event.accumulator_starts_as_number() and value.numel_more_than_one() is False else "detach"
        return Finding("'{total} += {added}'{via} keeps the graph of every round of the {loop} alive: '{added}' "
                       "requires grad{since}, so '{total}' holds each batch's graph and memory grows each "
                       "iteration; add {added_fixed}", {"total": total, "added": added, "loop": loop,
                                                         "added_fixed": self.fixed(event, use)},
                       origin=value.grad_origin, origin_note="requires grad from here", fix=self.fix(event, use))

    @staticmethod
    def fixed(event, use: str) -> str:
        code = event.assigned_code() or "?"
        return f"{code if event.assigned_is_atom() else f'({code})'}.{use}()"

    def fix(self, event, use: str):
        part = event.assigned_part()
        if part is None:
            return None
        return Fix(f"Add .{use}() of the value", (Edit(part, self.fixed(event, use)),))
