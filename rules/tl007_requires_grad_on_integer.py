"""TL007 requires-grad-on-integer: asking an integer or bool tensor to require grad."""

import re

from torchlint.api import Finding, Kind, Repro, Rule, TextSites, on

# torch's factories that take `requires_grad=`
FACTORIES = tuple(f"torch.{name}" for name in (
    "tensor", "arange", "range", "zeros", "ones", "empty", "full", "randint", "randperm", "zeros_like",
    "ones_like", "empty_like", "full_like", "eye"))
INTEGER_KINDS = ("int", "bool")
# `requires_grad=...`, `.requires_grad = ...`, `.requires_grad_(...)` asking for anything but False
ASKS_GRAD = re.compile(r"(?:\s*=(?!=)|_\()(?!\s*False\b)")
# nn.Parameter of a factory that makes floats
FLOAT_FACTORY = re.compile(r"\s*torch\.(?:zeros|ones|randn|rand|empty)\(")


class RequiresGradOnInteger(Rule):
    code = "TL007"
    name = "requires-grad-on-integer"
    summary = "`requires_grad=True` (or `.requires_grad_()`) on a tensor of integer or bool dtype"
    triggers = ("requires_grad", "Parameter(")
    functions = FACTORIES + ("torch.nn.Parameter", "torch.autograd.Variable")
    methods = ("requires_grad_",)
    events = (on(Kind.ATTR_ASSIGN, "requires_grad"),)

    def could_fire(self, text):
        sites = TextSites(text)
        if sites.any("requires_grad", where=lambda site: ASKS_GRAD.match(text, site.end)):
            return True

        def may_be_integer(site):
            data = site.arguments()
            return data is None or not (FLOAT_FACTORY.match(data) and not re.search(r"dtype|long|int|bool", data))
        return sites.any("Parameter(", where=may_be_integer)
    doc = """
## What it does
Finds a tensor of integer or bool dtype asked to require grad: a factory
called with `requires_grad=True` whose result is integer (`torch.arange(5)`,
`torch.tensor([1, 2, 3])`, `torch.randint(...)`, `dtype=torch.long`),
`.requires_grad_()` or `t.requires_grad = True` on such a tensor, and
`nn.Parameter` of one.

## Why is this bad?
Gradients exist only for floating point and complex values; PyTorch refuses:

    RuntimeError: Only Tensors of floating point and complex dtype can require gradients

(`.requires_grad_()` says "only Tensors of floating point dtype can require gradients").

## Example
```python
x = torch.arange(5, requires_grad=True)
w = torch.tensor([1, 2, 3], requires_grad=True)
```

## Use instead
Make the tensor floating point:
```python
x = torch.arange(5.0, requires_grad=True)
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)   # or dtype=torch.float32
```
Indices and labels never need gradients: drop `requires_grad` from them.
"""
    repro = Repro(
        bad="""
import torch
x = torch.arange(5, requires_grad=True)
y = (x * 2).sum()
""",
        good="""
import torch
x = torch.arange(5.0, requires_grad=True)
y = (x * 2).sum()
""",
        error="RuntimeError",
        message="Tensors of floating point",
    )

    def check(self, event):
        if event.kind == Kind.FUNCTION:
            tensor, asked = event.result, self._asked_of_factory(event)
        elif event.kind == Kind.METHOD:
            given = event.arg(0, "requires_grad")
            tensor, asked = event.receiver, True if given is None else given.truth
        else:
            tensor, asked = event.target, event.value.truth
        if asked is not True or event.has_star or tensor.dtype_kind not in INTEGER_KINDS:
            return None
        dtype = _dtype_text(tensor)
        if event.kind == Kind.FUNCTION:
            short = "nn.Parameter" if event.name == "torch.nn.Parameter" else event.name
            asked = "" if short == "nn.Parameter" else " with requires_grad=True"
            return Finding("{call}(){asked} would make {dtype} tensor require grad{via}, but only floating "
                           "point and complex tensors can; {fix}",
                           {"call": short, "asked": asked, "dtype": dtype, "fix": self._fix(event)})
        what = ".requires_grad_() on" if event.kind == Kind.METHOD else ".requires_grad = True on"
        text = event.receiver_text() if event.kind == Kind.METHOD else event.target_text()
        return Finding("{what} '{text}'{via}, {dtype} tensor, but only floating point and complex tensors "
                       "can require grad; make it floating point first ({text}.float()), or leave it without grad",
                       {"what": what, "text": text, "dtype": dtype})

    @staticmethod
    def _asked_of_factory(event):
        if event.name == "torch.nn.Parameter":
            given = event.arg(1, "requires_grad")
            data = event.arg(0, "data")
            # the data's dtype: a Parameter keeps it
            return (True if given is None else given.truth) if data is not None and data.is_tensor else None
        if event.name == "torch.autograd.Variable":  # the legacy wrapper: requires_grad=False unless asked
            given = event.arg(1, "requires_grad")
            data = event.arg(0, "data")
            return given.truth if given is not None and data is not None and data.is_tensor else None
        given = event.arg(None, "requires_grad")
        return None if given is None else given.truth

    @staticmethod
    def _fix(event):
        if event.name in ("torch.arange", "torch.range"):
            return "give a float bound (such as 5.0) or dtype=torch.float32, or drop requires_grad"
        if event.name in ("torch.nn.Parameter", "torch.autograd.Variable"):
            return "convert the data with .float() first, or pass requires_grad=False"
        return "pass dtype=torch.float32 (or float data), or drop requires_grad"


def _dtype_text(tensor):
    """"an int64", or the kind when only that is known ("an integer")."""
    if tensor.dtype != tensor.dtype_kind:
        return ("an " if tensor.dtype.startswith(("int", "uint")) else "a ") + tensor.dtype
    return "a bool" if tensor.dtype_kind == "bool" else "an integer"
