"""TL003 backward-on-non-scalar: `.backward()` without `gradient` on a tensor of many elements."""

from torchlint.api import YES, Edit, Finding, Fix, Kind, Repro, Rule


class BackwardOnNonScalar(Rule):
    code = "TL003"
    fixable = True
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
        if event.kind == Kind.METHOD:
            tensor, gradient = event.receiver, event.arg(0, "gradient")
            text = event.receiver_text()
        else:
            tensor, gradient = event.arg(0, "tensors"), event.arg(1, "grad_tensors")
            text = event.arg_text(0, "tensors") or "?"
        if event.has_star or gradient is not None and not gradient.is_none:
            return None
        if tensor is None or tensor.requires_grad is not YES or tensor.numel_more_than_one() is not True:
            return None
        # written as Python writes the tuple: (8,) for one dim
        shape = f"({tensor.shape_text()},)" if tensor.rank == 1 else f"({tensor.shape_text()})"
        return Finding(".backward() on '{tensor}'{via}, which has shape {shape}, "
                       "not a scalar; reduce it first (.sum() or .mean()) or pass gradient=",
                       {"tensor": text, "shape": shape}, fix=self.fix(event))

    @staticmethod
    def fix(event) -> Fix:
        """Reduce with `.sum()` first: unsafe, since it chooses the gradient (all ones) for
        the user, where `.mean()` or a `gradient=` may be what was meant."""
        title = "Reduce with .sum() before .backward()"
        if event.kind == Kind.METHOD:
            return Fix(title, (Edit(event.method_part(), "sum().", before=True),), safe=False)
        code = event.arg_code(0, "tensors")
        base = code if event.arg_is_atom(0, "tensors") else f"({code})"
        return Fix(title, (Edit(event.arg_part(0, "tensors"), f"{base}.sum()"),), safe=False)
