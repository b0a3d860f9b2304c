"""TL010 inplace-on-leaf-requiring-grad: an in-place op on a leaf that requires grad, in grad mode."""

import re

from torchlint.api import YES, Finding, Kind, Repro, Rule, TextSites, on

# methods ending in `_` that change flags or sharing, not the values autograd tracks
NOT_VALUE_WRITES = frozenset({"requires_grad_", "detach_", "share_memory_", "retain_grad_"})
# in-place writes as text: a method ending in `_`, an augmented assignment, an item assignment
WRITES = re.compile(r"\.[A-Za-z](?:\w*[A-Za-z0-9])?_\(|(?:[-+*/%@&|^]|//|\*\*|<<|>>)=|\]\s*=(?!=)")
STRING_KEY = re.compile(r"\s*[rbfuRBFU]{0,2}['\"]")
# receivers that are not tensors, or tensors cut from the graph
NOT_LEAVES = re.compile(r"(?:(?:\A|\.)(?:init|torch|F|functional)|\.data|\.detach\(\))\Z")
# what else makes a leaf that requires grad, besides a torch layer's weight and bias
FLAGGED = ("requires_grad", "Parameter(", "parameters(")
# a write whose target is a layer's parameter (`emb.weight.copy_(`, `conv.bias[:] =`), or a
# name bound to one (`w = fc.weight`)
LAYER_PARAM = re.compile(r"\.(?:weight|bias)\b")
LAYER_PARAM_NAME = re.compile(r"^[ \t]*(\w+)[ \t]*=[ \t]*[\w.\[\]]+\.(?:weight|bias)[ \t]*$", re.M)
OPERATORS = {"add": "+=", "sub": "-=", "mul": "*=", "truediv": "/=", "floordiv": "//=", "mod": "%=", "pow": "**=",
             "matmul": "@=", "and": "&=", "or": "|=", "xor": "^=", "lshift": "<<=", "rshift": ">>="}


class InplaceOnLeafRequiringGrad(Rule):
    code = "TL010"
    name = "inplace-on-leaf-requiring-grad"
    summary = "an in-place op on a leaf that requires grad (a parameter, a `requires_grad=True` tensor), with grad mode on"
    # what makes a leaf require grad: the flag, nn.Parameter, a module's parameters(), a
    # torch layer's weight and bias
    triggers = (*FLAGGED, ".weight", ".bias")
    events = (on(Kind.METHOD), on(Kind.AUG_ASSIGN), on(Kind.ITEM_ASSIGN))

    def could_fire(self, text):
        """An in-place write, outside `torch.no_grad()`, on something that may be a leaf."""
        def may_write_a_leaf(site):
            if site.token.startswith(".") and (site.token[1:-1] in NOT_VALUE_WRITES or NOT_LEAVES.search(site.receiver())):
                return False
            if site.token.startswith("]"):
                index = site.subscript()
                if index is not None and STRING_KEY.match(index):
                    return False  # `kwargs["x"] = v`: a tensor is not indexed by a string
                if not site.starts_statement():
                    return False  # `mask: Optional[Tensor] = None`, `def f(m: Optional[T] = None)`
            return not site.under_no_grad()
        sites = [site for site in TextSites(text).matching(WRITES) if may_write_a_leaf(site)]
        if not sites or any(token in text for token in FLAGGED):
            return bool(sites)
        # the only leaves the text shows are layers' parameters: a write must target one
        names = set(LAYER_PARAM_NAME.findall(text))

        def targets_a_layer_parameter(site):
            target = site.line_before().strip()
            return bool(LAYER_PARAM.search(target)) or re.split(r"[\[.]", target)[0] in names
        return any(targets_a_layer_parameter(site) for site in sites)
    doc = """
## What it does
Finds an in-place operation, with grad mode on, on a leaf that requires grad:
a tensor made with `requires_grad=True` (or given `.requires_grad_()`), an
`nn.Parameter`, an item of `model.parameters()`. In-place operations are the
methods ending in `_` (`w.add_(...)`, `w.zero_()`), augmented assignment
(`w -= lr * w.grad`) and item assignment (`w[0] = 1.0`). Inside
`with torch.no_grad():` this is how weights are updated, and it is not reported.

## Why is this bad?
autograd cannot record a change to a tensor whose gradient it accumulates; PyTorch
refuses:

    RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.

(item assignment says "a view of a leaf Variable that requires grad is being
used in an in-place operation.")

## Example
```python
w = torch.randn(3, requires_grad=True)
loss = (w * x).sum()
loss.backward()
w -= 0.1 * w.grad
```

## Use instead
```python
with torch.no_grad():
    w -= 0.1 * w.grad
w.grad.zero_()
```
or an out-of-place op (`w2 = w - 0.1 * g`) when the update itself must be differentiated.
"""
    repro = Repro(
        bad="""
import torch
w = torch.randn(3, requires_grad=True)
(w * 2).sum().backward()
w -= 0.1 * w.grad
""",
        good="""
import torch
w = torch.randn(3, requires_grad=True)
(w * 2).sum().backward()
with torch.no_grad():
    w -= 0.1 * w.grad
""",
        error="RuntimeError",
        message="leaf Variable that requires grad is being used in an in-place operation",
    )

    def check(self, event):
        if event.grad_enabled is not YES or event.has_star:
            return None
        if event.kind == Kind.METHOD:
            if not event.name.endswith("_") or event.name.startswith("__") or event.name in NOT_VALUE_WRITES:
                return None
            tensor, text, op = event.receiver, event.receiver_text(), f".{event.name}()"
        else:
            tensor, text = event.target, event.target_text()
            op = "item assignment" if event.kind == Kind.ITEM_ASSIGN else OPERATORS.get(event.name, "augmented assignment")
        # a leaf whose requires-grad the file shows: a flag, nn.Parameter, parameters()
        if tensor.leaf is not YES or tensor.requires_grad is not YES or tensor.grad_origin is None:
            return None
        return Finding("in-place {op} on '{text}'{via}, a leaf that requires grad{since}, with grad mode on; "
                       "update it inside `with torch.no_grad():`, or use an out-of-place op if the update must "
                       "be differentiated", {"op": op, "text": text}, origin=tensor.grad_origin,
                       origin_note="requires grad from here")
