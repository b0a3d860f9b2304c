"""TL004 copy-construct-from-tensor: `torch.tensor(t)` / `x.new_tensor(t)` of a tensor."""

from torchlint.infer.values import YES, Tensor
from torchlint.rule import Repro, Rule, via_note


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
        source = event.call.arg(0, "data")
        if not isinstance(source, Tensor):
            return None
        args = event.call.node.args
        text = event.source.code(args[0].value) if args else "data"
        base = text if not args or _is_atom(args[0].value) else f"({text})"
        called = "torch.tensor" if event.kind == "function" else ".new_tensor"
        if source.requires_grad is YES:
            return (f"{called}() copies '{text}'{via_note(event)}, which requires grad, and cuts the copy from "
                    f"the autograd graph; use {base}.clone() to keep the graph, or {base}.detach().clone() "
                    f"for a new leaf")
        return (f"{called}() copies '{text}'{via_note(event)}, which is already a tensor (PyTorch warns and the "
                f"copy has no graph); use {base}.detach().clone(), or {base}.clone() to keep the graph")


def _is_atom(node) -> bool:
    """Can `.clone()` be appended without parentheses?"""
    import libcst as cst

    return isinstance(node, (cst.Name, cst.Attribute, cst.Call, cst.Subscript)) or bool(getattr(node, "lpar", None))
