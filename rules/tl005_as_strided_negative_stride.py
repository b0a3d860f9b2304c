"""TL005 as-strided-negative-stride: a negative stride given to `as_strided`."""

from torchlint.api import Finding, Kind, Repro, Rule


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
        position = 1 if event.kind == Kind.METHOD else 2
        strides = event.arg(position, "stride")
        items = strides.items if strides is not None else None
        if event.has_star or items is None:
            return None
        negative = [i for i, stride in enumerate(items) if stride.negative]
        if not negative:
            return None
        return Finding("as_strided() with stride {text}{via}: the stride of dim {dim} is negative, which "
                       "torch does not support; index with flipped or computed positions instead (e.g. .flip())",
                       {"text": event.arg_text(position, "stride"), "dim": negative[0]})
