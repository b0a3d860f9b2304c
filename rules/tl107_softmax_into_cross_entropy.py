"""TL107 softmax-into-cross-entropy: probabilities passed to a loss that applies log-softmax itself."""

from torchlint.api import Edit, Finding, Fix, Kind, Repro, Rule, on

# Watches torch for the effect (see Repro.probe): cross_entropy given rows that are
# already probabilities (non-negative, summing to 1 over the classes). Its log-softmax
# then squashes them again: the loss stays above log(1 + (C - 1) / e) whatever the
# model learns, so it cannot reach its minimum.
PROBE = '''
import math
import sys

import torch
import torch.nn.functional as F


def install(observed):
    cross_entropy = F.cross_entropy

    def called(input, target, *args, **kwargs):
        loss = cross_entropy(input, target, *args, **kwargs)
        if input.dim() >= 2 and input.is_floating_point() and input.shape[1] > 1:
            probabilities = bool((input >= 0).all()) and torch.allclose(input.sum(1), torch.ones(()))
            floor = math.log(1 + (input.shape[1] - 1) / math.e)
            if probabilities and loss.dim() == 0 and float(loss) >= floor - 1e-6:
                frame = sys._getframe(1)
                while frame is not None and "torch" + "/nn/" in frame.f_code.co_filename:
                    frame = frame.f_back  # nn.CrossEntropyLoss calls it: the program's call is further out
                observed(f"the loss cannot reach its minimum: cross_entropy got probabilities and applied "
                         f"log-softmax again; loss {float(loss):.4f} >= log(1 + (C-1)/e) = {floor:.4f} "
                         f"for C = {input.shape[1]}", frame)
        return loss

    F.cross_entropy = called

    def undo():
        F.cross_entropy = cross_entropy
    return undo
'''


class SoftmaxIntoCrossEntropy(Rule):
    code = "TL107"
    name = "softmax-into-cross-entropy"
    summary = "the output of softmax passed to `nn.CrossEntropyLoss`/`F.cross_entropy`, which apply log-softmax"
    triggers = ("cross_entropy", "CrossEntropyLoss")
    functions = ("torch.nn.functional.cross_entropy",)
    events = (on(Kind.MODULE_CALL, "torch.nn.CrossEntropyLoss"),)
    fixable = True
    severity = "warning"  # nothing raises: training silently optimises the wrong loss
    doc = """
## What it does
Finds the output of a softmax (`F.softmax`, `torch.softmax`, `x.softmax(...)`,
an `nn.Softmax` layer) passed as the input of `nn.CrossEntropyLoss` or
`F.cross_entropy`. (`log_softmax` into `nll_loss` is correct, and
`log_softmax` into `cross_entropy` is harmless: log-softmax of a log-softmax
is itself. Neither is reported.)

## Why is this bad?
Cross-entropy takes logits and applies log-softmax itself. Given
probabilities, it squashes values in [0, 1] a second time: the loss differs
from the cross-entropy of the logits, its gradients are small and flat, and
it can never reach its minimum (it stays above log(1 + (C-1)/e) for C
classes), so training stalls ("loss does not decrease"). Run under torch, the
repro shows:

    ObservedEffect: the loss cannot reach its minimum: cross_entropy got probabilities and applied log-softmax again

## Example
```python
probs = F.softmax(model(x), dim=1)
loss = F.cross_entropy(probs, y)
```

## Use instead
```python
logits = model(x)
loss = F.cross_entropy(logits, y)
probs = F.softmax(logits, dim=1)   # where probabilities are wanted
```

## Fix safety
Where the softmax is written inside the loss call, the fix passes its input
(the logits) instead. It is unsafe: it changes the loss value and the
training, as intended, and whoever kept the softmax may rely on it.
"""
    repro = Repro(
        bad="""
import torch
import torch.nn.functional as F

logits = torch.tensor([[8.0, 0.0, 0.0], [0.0, 8.0, 0.0]])
y = torch.tensor([0, 1])
loss = F.cross_entropy(F.softmax(logits, dim=1), y)
""",
        good="""
import torch
import torch.nn.functional as F

logits = torch.tensor([[8.0, 0.0, 0.0], [0.0, 8.0, 0.0]])
y = torch.tensor([0, 1])
loss = F.cross_entropy(logits, y)
""",
        error="ObservedEffect",
        message="the loss cannot reach its minimum: cross_entropy got probabilities and applied log-softmax again",
        probe=PROBE,
    )

    def check(self, event):
        if event.has_star:
            return None
        given = event.arg(0, "input")
        origin = given.softmax_origin if given is not None else None
        if origin is None:
            return None
        loss = "F.cross_entropy" if event.kind == Kind.FUNCTION else "nn.CrossEntropyLoss"
        return Finding("{loss}(){via} is given '{probs}', probabilities{since}: it applies log-softmax itself, "
                       "so the loss is not the cross-entropy of the logits and cannot reach its minimum; "
                       "pass the logits (the input of the softmax)",
                       {"loss": loss, "probs": event.arg_text(0, "input") or "?"}, origin=origin,
                       origin_note="the softmax", fix=self.fix(event))

    @staticmethod
    def fix(event):
        """The softmax's input in place of the softmax, where it is written inside the call."""
        logits = event.arg_softmax_input_code(0, "input")
        if logits is None:
            return None
        return Fix("Pass the logits, not their softmax", (Edit(event.arg_part(0, "input"), logits),), safe=False)
