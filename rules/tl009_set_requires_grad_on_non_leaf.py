"""TL009 set-requires-grad-on-non-leaf: changing the requires_grad flag of a computed tensor."""

import re

from torchlint.api import NO, Finding, Kind, Repro, Rule, TextSites, on

ASSIGNED = re.compile(r"\s*=(?!=)")


class SetRequiresGradOnNonLeaf(Rule):
    code = "TL009"
    name = "set-requires-grad-on-non-leaf"
    summary = "`t.requires_grad = ...` (or `t.requires_grad_(False)`) where `t` is not a leaf"
    triggers = ("requires_grad",)
    methods = ("requires_grad_",)
    events = (on(Kind.ATTR_ASSIGN, "requires_grad"),)

    def could_fire(self, text):
        sites = TextSites(text)
        return "requires_grad_(" in text or sites.any(".requires_grad", where=lambda site: ASSIGNED.match(text, site.end))
    doc = """
## What it does
Finds `t.requires_grad = True` or `= False`, and `t.requires_grad_(False)`,
where `t` is not a leaf: it was computed, in grad mode, from a tensor that
requires grad (a parameter, a model's output, `x * 2` of a leaf with
`requires_grad=True`, a copy made by `.double()`).

## Why is this bad?
Only leaves carry a requires_grad flag of their own; a computed tensor requires
grad because its inputs do, and PyTorch refuses to change it:

    RuntimeError: you can only change requires_grad flags of leaf variables.

## Example
```python
w = torch.randn(3, requires_grad=True)
y = w * 2
y.requires_grad = False
```

## Use instead
```python
y = (w * 2).detach()           # a new leaf outside the graph
```
or set the flag on the leaf the value was computed from (`w.requires_grad_(False)`),
or compute it under `torch.no_grad()`.
"""
    repro = Repro(
        bad="""
import torch
w = torch.randn(3, requires_grad=True)
y = w * 2
y.requires_grad = False
""",
        good="""
import torch
w = torch.randn(3, requires_grad=True)
y = (w * 2).detach()
y.requires_grad = False
""",
        error="RuntimeError",
        message="you can only change requires_grad flags of leaf variables",
    )

    def check(self, event):
        if event.kind == Kind.METHOD:
            given = event.arg(0, "requires_grad")
            # requires_grad_(True) on a tensor that already requires grad changes nothing
            if given is None or given.truth is not False or event.has_star:
                return None
            tensor, text, what = event.receiver, event.receiver_text(), ".requires_grad_(False)"
        else:
            tensor, text = event.target, event.target_text()
            what = ".requires_grad = {}".format({True: "True", False: "False"}.get(event.value.truth, "..."))
        if tensor.leaf is not NO:
            return None
        return Finding("{what} on '{text}'{via}, which has not been a leaf{since} (computed from a tensor "
                       "that requires grad); use {text}.detach() for a tensor outside the graph, or set "
                       "requires_grad on the leaf it comes from",
                       {"what": what, "text": text}, origin=tensor.leaf_origin, origin_as="op",
                       origin_note="computed here")
