"""TL001 numpy-on-grad-tensor: `.numpy()` on a tensor that requires grad."""

import re

from torchlint.api import YES, Edit, Finding, Fix, Repro, Rule, TextSites

# a receiver already cut from the graph: `x.detach()`, `x.data`, then moves and casts
CUT = re.compile(r"(?:\.detach\(\)|\.data)(?:\.(?:cpu|float|double|squeeze|contiguous)\([^()]*\))*\Z")


class NumpyOnGradTensor(Rule):
    code = "TL001"
    name = "numpy-on-grad-tensor"
    summary = "`.numpy()` on a tensor that requires grad, with grad mode on"
    triggers = (".numpy(",)
    methods = ("numpy",)

    def could_fire(self, text):
        """A `.numpy()` of what may still require grad, outside `torch.no_grad()`."""
        return TextSites(text).any(".numpy(", where=lambda site: not CUT.search(site.receiver())
                                   and not site.under_no_grad())
    fixable = True
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

    def check(self, event):
        tensor = event.receiver
        if tensor.requires_grad is not YES or event.grad_enabled is not YES:
            return None
        return Finding(".numpy() on '{receiver}'{via}, which requires grad{since}; use .detach().numpy()",
                       {"receiver": event.receiver_text()},
                       origin=tensor.grad_origin, origin_note="requires grad from here", fix=self.fix(event))

    @staticmethod
    def fix(event) -> Fix:
        """`.detach()` in front of `.numpy()`, or in front of a `.cpu()` right before it
        (`t.cpu().numpy()` -> `t.detach().cpu().numpy()`: nothing is copied to the CPU
        that autograd would track)."""
        inner = event.receiver_method()
        anchor = inner[2] if inner is not None and inner[0] == "cpu" and inner[1] == 0 else event.method_part()
        return Fix("Detach the tensor before .numpy()", (Edit(anchor, "detach().", before=True),))
