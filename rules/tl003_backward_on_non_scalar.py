"""TL003 backward-on-non-scalar: `.backward()` without `gradient` on a tensor of many elements."""

from torchlint.infer.layout import numel_more_than_one
from torchlint.infer.values import YES
from torchlint.rule import Repro, Rule, via_note


class BackwardOnNonScalar(Rule):
    code = "TL003"
    name = "backward-on-non-scalar"
    summary = "`.backward()` without a gradient on a tensor with more than one element"
    triggers = ("backward(",)
    methods = ("backward",)
    functions = ("torch.autograd.backward",)
    doc = """
## What it does
Finds `y.backward()` and `torch.autograd.backward(y)` without a `gradient`
(`grad_tensors`) argument where `y` requires grad and has more than one
element: a batch of per-sample losses (`reduction='none'`), a model's output,
a reduction over one dimension only.

## Why is this bad?
A gradient can be created implicitly only for a scalar; PyTorch raises:

    RuntimeError: grad can be implicitly created only for scalar outputs

## Example
```python
losses = nn.MSELoss(reduction="none")(pred, target)
losses.backward()
```

## Use instead
```python
losses.mean().backward()                  # or .sum()
losses.backward(torch.ones_like(losses))  # weights for each element
```
"""
    repro = Repro(
        bad="""
import torch
t1 = torch.randn(2, 2, requires_grad=True)
t2 = torch.randn(2, 2, requires_grad=True)
y = t1 * t2
y.backward()
""",
        good="""
import torch
t1 = torch.randn(2, 2, requires_grad=True)
t2 = torch.randn(2, 2, requires_grad=True)
y = t1 * t2
y.sum().backward()
""",
        error="RuntimeError",
        message="grad can be implicitly created only for scalar outputs",
    )

    def check(self, event):
        call = event.call
        if event.kind == "method":
            tensor, gradient = call.receiver, call.arg(0, "gradient")
        else:
            tensor, gradient = call.arg(0, "tensors"), call.arg(1, "grad_tensors")
        if call.has_star or gradient is not None and not _is_none(gradient):
            return None
        if not hasattr(tensor, "requires_grad") or tensor.requires_grad is not YES:
            return None
        if numel_more_than_one(tensor.shape) is not True:
            return None
        shape = ", ".join(d.pretty() for d in tensor.shape)
        return (f".backward() on '{_argument_text(event)}'{via_note(event)}, which has shape ({shape}), "
                f"not a scalar; reduce it first (.sum() or .mean()) or pass gradient=")


def _is_none(value) -> bool:
    return getattr(value, "value", 0) is None and type(value).__name__ == "Const"


def _argument_text(event) -> str:
    if event.kind == "method":
        return event.receiver_text()
    args = event.call.node.args
    return event.source.code(args[0].value) if args else "?"
