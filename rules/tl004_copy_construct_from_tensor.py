"""TL004 copy-construct-from-tensor: `torch.tensor(t)` / `x.new_tensor(t)` of a tensor."""

from torchlint.api import YES, Finding, Kind, Repro, Rule


class CopyConstructFromTensor(Rule):
    code = "TL004"
    name = "copy-construct-from-tensor"
    summary = "`torch.tensor(t)` or `x.new_tensor(t)` where `t` is already a tensor"
    triggers = ("tensor(", "new_tensor(")
    methods = ("new_tensor",)
    functions = ("torch.tensor",)
    doc = """
## What it does
Finds `torch.tensor(t)` and `x.new_tensor(t)` where `t` is already a tensor.
(`torch.as_tensor(t)` and `torch.Tensor(t)` do not copy and are not reported.)

## Why is this bad?
The copy is a new leaf: it silently cuts the autograd graph, so no gradient
flows back to `t` (and `requires_grad=True` on the copy starts a new graph).
PyTorch warns:

    UserWarning: To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() or sourceTensor.detach().clone().requires_grad_(True), rather than torch.tensor(sourceTensor).

## Example
```python
a = x.new_tensor(x, requires_grad=True)
```

## Use instead
```python
a = x.detach().clone().requires_grad_(True)   # a new leaf, said out loud
b = x.clone()                                 # a copy that keeps the graph
```
"""
    repro = Repro(
        bad="""
import torch
x = torch.tensor(1., requires_grad=True)
a = x.new_tensor(x, requires_grad=True)
""",
        good="""
import torch
x = torch.tensor(1., requires_grad=True)
a = x.detach().clone().requires_grad_(True)
""",
        error="UserWarning",
        message="To copy construct from a tensor",
    )

    def check(self, event):
        source = event.arg(0, "data")
        if source is None or not source.is_tensor:
            return None
        text = event.arg_text(0, "data") or "data"
        base = text if event.arg_is_atom(0, "data") else f"({text})"
        called = "torch.tensor" if event.kind == Kind.FUNCTION else ".new_tensor"
        if source.requires_grad is YES:
            return Finding("{called}() copies '{text}'{via}, which requires grad, and cuts the copy from "
                           "the autograd graph; use {base}.clone() to keep the graph, or {base}.detach().clone() "
                           "for a new leaf", {"called": called, "text": text, "base": base})
        if text.endswith(".detach()"):  # already cut from the graph: only the clone is missing
            return Finding("{called}() copies '{text}'{via}, which is already a tensor (PyTorch warns); "
                           "use {text}.clone()", {"called": called, "text": text})
        return Finding("{called}() copies '{text}'{via}, which is already a tensor (PyTorch warns and the "
                       "copy has no graph); use {base}.detach().clone(), or {base}.clone() to keep the graph",
                       {"called": called, "text": text, "base": base})
