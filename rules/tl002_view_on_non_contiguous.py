"""TL002 view-on-non-contiguous: `.view(...)` that has to merge dims no longer adjacent in memory."""

from torchlint.api import Finding, Repro, Rule


class ViewOnNonContiguous(Rule):
    code = "TL002"
    name = "view-on-non-contiguous"
    summary = "`.view(...)` on a tensor whose memory layout cannot give that shape without a copy"
    triggers = (".view(", ".view_as(")
    methods = ("view", "view_as")
    doc = """
## What it does
Finds `.view(...)` (or `.view_as(other)`) on a tensor made non-contiguous by
`transpose`, `permute`, `.T`, `.mT`, `.t()`, `expand`, or a slice along a
non-leading dimension, when the new shape merges dimensions that are no longer
next to each other in memory. `clone()`, `.detach()`, dtype casts and elementwise ops keep a
transposed layout, so they do not help. A view that only splits a dimension or
adds a size-1 dimension is legal and is not reported.

## Why is this bad?
`view` never copies, so PyTorch raises:

    RuntimeError: view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.

## Example
```python
y = (att @ v).transpose(1, 2)
y = y.view(B, T, C)
```

## Use instead
```python
y = y.contiguous().view(B, T, C)   # or y.reshape(B, T, C)
```

Sizes the code does not show are assumed to be larger than 1.
"""
    repro = Repro(
        bad="""
import torch
x = torch.randn(2, 3)
y = x.transpose(0, 1)
y.view(-1)
""",
        good="""
import torch
x = torch.randn(2, 3)
y = x.transpose(0, 1)
y.reshape(-1)
y.contiguous().view(-1)
""",
        error="RuntimeError",
        message="view size is not compatible with input tensor's size and stride",
    )

    def check(self, event):
        if not event.view_is_impossible():
            return None
        return Finding(".{method}() on '{receiver}'{via}, which is not contiguous{since}; "
                       "use .reshape(...) or .contiguous().view(...)",
                       {"method": event.name, "receiver": event.receiver_text()},
                       origin=event.receiver.layout_origin, origin_note="made non-contiguous here", origin_as="op")
