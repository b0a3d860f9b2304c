"""TL001 numpy-on-grad-tensor: `.numpy()` on a tensor that requires grad."""

from torchlint.infer.values import YES
from torchlint.rule import Repro, Rule, via_note


class NumpyOnGradTensor(Rule):
    code = "TL001"
    name = "numpy-on-grad-tensor"
    summary = "`.numpy()` on a tensor that requires grad, with grad mode on"
    triggers = (".numpy(",)
    methods = ("numpy",)
    doc = """
## What it does
Finds `.numpy()` called on a tensor that requires grad while grad mode is on:
a leaf made with `requires_grad=True`, a parameter, or anything computed from
one (a model's output, a loss).

## Why is this bad?
PyTorch refuses, because the array would silently leave the autograd graph:

    RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.

## Example
```python
out = model(x)
scores = out.numpy()
```

## Use instead
```python
scores = out.detach().numpy()      # or .detach().cpu().numpy() on a GPU
```
or compute `out` under `with torch.no_grad():` when no gradient is needed.
"""
    repro = Repro(
        bad="""
import torch
x = torch.ones(3, requires_grad=True)
y = x * 2
y.numpy()
""",
        good="""
import torch
x = torch.ones(3, requires_grad=True)
y = x * 2
y.detach().numpy()
""",
        error="RuntimeError",
        message="Can't call numpy() on Tensor that requires grad",
    )

    def origin(self, event):
        origin = event.receiver.grad_origin
        return (origin.node, "requires grad from here") if origin is not None else None

    def check(self, event):
        tensor = event.receiver
        if tensor.requires_grad is not YES or event.grad_enabled is not YES:
            return None
        since = ""
        if tensor.grad_origin is not None:
            origin = tensor.grad_origin
            since = f" since {event.source.code(origin.node)} on line {event.source.line(origin.node)}"
        return (f".numpy() on '{event.receiver_text()}'{via_note(event)}, which requires grad{since}; "
                f"use .detach().numpy()")
