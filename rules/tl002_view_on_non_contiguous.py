"""TL002 view-on-non-contiguous: `.view(...)` that has to merge dims no longer adjacent in memory."""

from torchlint.api import Edit, Finding, Fix, Repro, Rule


class ViewOnNonContiguous(Rule):
    code = "TL002"
    name = "view-on-non-contiguous"
    summary = "`.view(...)` on a tensor whose memory layout cannot give that shape without a copy"
    triggers = (".view(", ".view_as(")
    methods = ("view", "view_as")
    fixable = True
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

Sizes the code does not show are symbols, assumed to be 2 or more: a tensor
parameter of a function nobody calls (annotated `torch.Tensor`, or used as only a
tensor is, as in `x.permute(...)`) is taken as its callers most often give it,
contiguous, and `B, T, C = x.shape` names its sizes. The finding is made only when
the view fails for every value of those symbols, and the message says which of
them must be larger than 1 ("fails whenever nh > 1 and T > 1").
"""
    repro = Repro(
        bad="""
import torch


def merge_heads(y: torch.Tensor):
    B, nh, T, hs = y.shape
    return y.transpose(1, 2).view(B, T, nh * hs)
""",
        good="""
import torch


def merge_heads(y: torch.Tensor):
    B, nh, T, hs = y.shape
    y.transpose(1, 2).reshape(B, T, nh * hs)
    return y.transpose(1, 2).contiguous().view(B, T, nh * hs)
""",
        error="RuntimeError",
        message="view size is not compatible with input tensor's size and stride",
        entry="merge_heads(torch.randn(B, nh, T, hs))",
        sizes=("B", "nh", "T", "hs"),
    )

    def check(self, event):
        if not event.view_is_impossible():
            return None
        condition = event.view_failure_condition()
        return Finding(".{method}() on '{receiver}'{via}, which is not contiguous{since}{condition}; "
                       "use .reshape(...) or .contiguous().view(...)",
                       {"method": event.name, "receiver": event.receiver_text(),
                        "condition": f"; fails {condition}" if condition else ""},
                       origin=event.receiver.layout_origin, origin_note="made non-contiguous here", origin_as="op",
                       fix=self.fix(event))

    @staticmethod
    def fix(event) -> Fix:
        """`.view` -> `.reshape` (`.view_as` -> `.reshape_as`): the same shape, copied where
        the layout needs it. Unsafe where the result is later written in place: a copy
        no longer writes through to the tensor it came from."""
        method = "reshape" if event.name == "view" else "reshape_as"
        return Fix(f"Use .{method}() instead of .{event.name}()", (Edit(event.method_part(), method),),
                   safe=not event.result_written_in_place())
