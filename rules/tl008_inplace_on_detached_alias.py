"""TL008 inplace-on-detached-alias: writing in place through `.detach()` what a backward still needs."""

from torchlint.api import Finding, Kind, Repro, Rule, TextSites


class InplaceOnDetachedAlias(Rule):
    code = "TL008"
    name = "inplace-on-detached-alias"
    summary = "an in-place op on `.detach()` of a tensor that a later `backward()` still needs"
    triggers = ("detach(",)
    methods = ("backward",)
    functions = ("torch.autograd.backward", "torch.autograd.grad")

    def could_fire(self, text):
        """It speaks at a backward: the file must call one."""
        return TextSites(text).any("backward(", "grad(")
    doc = """
## What it does
Finds a `backward()` (or `torch.autograd.backward` / `torch.autograd.grad`) that
reads a tensor saved for it (the result of `exp`, `sigmoid`, `tanh`, `relu`,
`softmax`; the input of `log`, `pow`, `sin`; a factor of a product) which was
written in place, after it was saved, through its `.detach()`: `d.zero_()`,
`d += 1`, `d[0] = 0` where `d = y.detach()`. The report is at the `backward()`
and names the `.detach()`.

## Why is this bad?
`.detach()` shares memory and the version counter with its source: the write
changes the value autograd saved, and PyTorch refuses to use it:

    RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation

The same write through `.data` is not counted by the version counter: no error,
and the gradient is silently computed from the changed values.

## Example
```python
y = x.exp()
d = y.detach()
d.zero_()
y.sum().backward()
```

## Use instead
```python
d = y.detach().clone()   # a copy of its own
d.zero_()
```
or write to the alias only after the backward that needs the value.
"""
    repro = Repro(
        bad="""
import torch
x = torch.randn(3, requires_grad=True)
y = x.exp()
d = y.detach()
d.zero_()
y.sum().backward()
""",
        good="""
import torch
x = torch.randn(3, requires_grad=True)
y = x.exp()
d = y.detach().clone()
d.zero_()
y.sum().backward()
""",
        error="RuntimeError",
        message="one of the variables needed for gradient computation has been modified by an inplace operation",
    )

    def check(self, event):
        found = event.stale_alias_write
        if found is None or event.has_star:
            return None
        write, alias = found
        text = event.receiver_text() if event.kind == Kind.METHOD else (event.arg_text(0, "tensors") or "?")
        return Finding("backward() of '{text}'{via} reads a tensor saved for it that has been written in place "
                       "through an alias{since}: .detach() shares memory and version counter with its source; "
                       "write to a copy (.detach().clone()) instead, or only after this backward()", {"text": text},
                       origin=alias, origin_note="the alias is made here")
