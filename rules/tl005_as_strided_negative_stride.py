"""TL005 as-strided-negative-stride: a negative stride given to `as_strided`."""

from torchlint.infer.values import Const, Seq, SymInt
from torchlint.rule import Repro, Rule, via_note


class AsStridedNegativeStride(Rule):
    code = "TL005"
    name = "as-strided-negative-stride"
    summary = "a negative stride passed to `torch.as_strided` / `Tensor.as_strided`"
    triggers = ("as_strided(",)
    methods = ("as_strided",)
    functions = ("torch.as_strided",)
    doc = """
## What it does
Finds a stride known to be negative in the `stride` argument of
`torch.as_strided` or `Tensor.as_strided`: a literal such as `(-1, 1)`, the
negation of a stride such as `-x.stride(0)` of a tensor whose strides are known
to be positive, or a name bound to such a value.

## Why is this bad?
PyTorch does not support negative strides (NumPy does, which is where the idiom
comes from):

    RuntimeError: as_strided: Negative strides are not supported at the moment, got strides: [-1, 1]

## Example
```python
n = vals.stride(0)
toeplitz = torch.as_strided(vals[len(c) - 1:], size=(len(c), len(r)), stride=(-n, n))
```

## Use instead
Index with computed positions, or flip first:
```python
i, j = torch.ones(len(c), len(r)).nonzero().T
toeplitz = torch.cat((r, c[1:].flip(0)))[j - i].reshape(len(c), len(r))
```
"""
    repro = Repro(
        bad="""
import torch
x = torch.arange(6.)
n = x.stride(0)
torch.as_strided(x, (3, 2), (-n, n))
""",
        good="""
import torch
x = torch.arange(6.)
n = x.stride(0)
torch.as_strided(x, (3, 2), (n, n))
""",
        error="RuntimeError",
        message="Negative strides are not supported",
    )

    def check(self, event):
        call = event.call
        position = 1 if event.kind == "method" else 2
        strides = call.arg(position, "stride")
        if call.has_star or not isinstance(strides, Seq):
            return None
        negative = [i for i, s in enumerate(strides.items) if _negative(s)]
        if not negative:
            return None
        text = event.source.code(_stride_node(call.node, position) or call.node)
        return (f"as_strided() with stride {text}{via_note(event)}: stride {negative[0]} is negative, which "
                f"torch does not support; index with flipped or computed positions instead (e.g. .flip())")


def _negative(value) -> bool:
    if isinstance(value, Const) and type(value.value) is int:
        return value.value < 0
    return isinstance(value, SymInt) and value.negated


def _stride_node(node, position):
    for arg in node.args:
        if arg.keyword is not None and arg.keyword.value == "stride":
            return arg.value
    positional = [a for a in node.args if a.keyword is None]
    return positional[position].value if len(positional) > position else None
