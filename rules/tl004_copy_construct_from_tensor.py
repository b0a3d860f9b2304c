"""TL004 copy-construct-from-tensor: `torch.tensor(t)` / `x.new_tensor(t)` of a tensor."""

from typing import Optional

from torchlint.api import YES, Edit, Finding, Fix, Kind, Repro, Rule, TextSites, never_a_tensor


class CopyConstructFromTensor(Rule):
    code = "TL004"
    name = "copy-construct-from-tensor"
    summary = "`torch.tensor(t)` or `x.new_tensor(t)` where `t` is already a tensor"
    triggers = ("tensor(", "new_tensor(")
    fixable = True
    fix_holds_everywhere = False  # torch.tensor also takes lists and arrays; .detach() does not
    methods = ("new_tensor",)
    functions = ("torch.tensor",)

    def could_fire(self, text):
        """A call whose data may be a tensor: not `torch.tensor(0.5)`, `torch.tensor([a, b])`."""
        def data_may_be_tensor(site):
            first = site.first_argument()
            return first is None or (first != "" and not never_a_tensor(first))
        sites = TextSites(text)
        if sites.any("tensor", "new_tensor", where=lambda site: not site.followed_by("(") and (
                site.receiver().endswith(("torch.", ".")) or "import" in site.line_before())):
            return True  # named without a call: `ensure_tensor = torch.tensor`, `from torch import tensor as T`
        return sites.any("tensor(", "new_tensor(", where=data_may_be_tensor)
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
        fix = self.fix(event)
        if source.requires_grad is YES:
            return Finding("{called}() copies '{text}'{via}, which requires grad, and cuts the copy from "
                           "the autograd graph; use {base}.clone() to keep the graph, or {base}.detach().clone() "
                           "for a new leaf", {"called": called, "text": text, "base": base}, fix=fix)
        if text.endswith(".detach()"):  # already cut from the graph: only the clone is missing
            return Finding("{called}() copies '{text}'{via}, which is already a tensor (PyTorch warns); "
                           "use {text}.clone()", {"called": called, "text": text}, fix=fix)
        return Finding("{called}() copies '{text}'{via}, which is already a tensor (PyTorch warns and the "
                       "copy has no graph); use {base}.detach().clone(), or {base}.clone() to keep the graph",
                       {"called": called, "text": text, "base": base}, fix=fix)

    @staticmethod
    def fix(event) -> Optional[Fix]:
        """The documented equivalent, `t.detach().clone()`, with the call's `dtype=` and
        `device=` as `.to(...)` and `requires_grad=` as `.requires_grad_(...)`.
        `x.new_tensor(t)` takes x's dtype and device unless given: `.to(x)` keeps that.
        No fix where the call passes anything else (`pin_memory=`, `*args`); none either
        where the same call may be given a list or an array (`fix_holds_everywhere`: torch.tensor
        takes those, .detach() does not)."""
        keywords = event.keywords()
        if event.has_star or event.arg(1) is not None or not set(keywords) <= {"data", "dtype", "device",
                                                                                 "requires_grad"}:
            return None
        code = event.arg_code(0, "data")
        detached = code if code.endswith(".detach()") else \
            (code if event.arg_is_atom(0, "data") else f"({code})") + ".detach()"
        fixed = detached + ".clone()"
        dtype, device = event.arg_code(None, "dtype"), event.arg_code(None, "device")
        if event.kind == Kind.METHOD:  # x.new_tensor(t): x's dtype and device by default
            owner = event.receiver_text_exact()
            if dtype is None and device is None:
                fixed += f".to({owner})"
            else:
                fixed += f".to(dtype={dtype or owner + '.dtype'}, device={device or owner + '.device'})"
        elif dtype is not None or device is not None:
            fixed += ".to(" + ", ".join(f"{k}={v}" for k, v in (("dtype", dtype), ("device", device)) if v) + ")"
        requires_grad = event.arg_code(None, "requires_grad")
        if requires_grad is not None and requires_grad != "False":
            fixed += f".requires_grad_({requires_grad})"
        return Fix(f"Replace with {fixed if len(fixed) <= 40 else 'a detached clone'}",
                   (Edit(event.call_part(), fixed),))
