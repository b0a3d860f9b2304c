"""TL002 view-on-non-contiguous: `.view(...)` that has to merge dims no longer adjacent in memory."""

from torchlint.infer import layout
from torchlint.infer.transfer import dtype_from, flattens, view_target
from torchlint.infer.values import NO
from torchlint.rule import Repro, Rule, via_note


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

    def origin(self, event):
        origin = event.receiver.layout_origin
        return (origin.node, "made non-contiguous here") if origin is not None else None

    def check(self, event):
        tensor = event.receiver
        call = event.call
        if tensor.contiguous is not NO or (len(call.args) == 1 and dtype_from(call.args[0])):
            return None
        if tensor.strides is not None:
            target = view_target(call, tensor)
            if target is None or layout.view_strides(tensor.shape, tensor.strides, target) is not False:
                return None
        elif not flattens(call):
            # the layout is known only as "transposed": only flattening is certain to fail
            return None
        since = ""
        if tensor.layout_origin is not None:
            node = tensor.layout_origin.node
            since = f" since {event.source.describe(tensor.layout_origin)} on line {event.source.line(node)}"
        return (f".{event.name}() on '{event.receiver_text()}'{via_note(event)}, which is not contiguous{since}; "
                f"use .reshape(...) or .contiguous().view(...)")
