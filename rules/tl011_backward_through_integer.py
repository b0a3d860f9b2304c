"""TL011 backward-through-integer: backward() of a value computed only from integer outputs."""

from torchlint.api import NO, Finding, Kind, Repro, Rule


class BackwardThroughInteger(Rule):
    code = "TL011"
    name = "backward-through-integer"
    summary = ("`backward()` or `torch.autograd.grad` of a value computed only from integer outputs (argmax, "
               "indices, comparisons), from a detached value, or with grad mode off")
    triggers = ("backward(", "grad(")
    methods = ("backward",)
    functions = ("torch.autograd.backward", "torch.autograd.grad")
    doc = """
## What it does
Finds `loss.backward()`, `torch.autograd.backward(loss)` and
`torch.autograd.grad(loss, ...)` where `loss` does not require grad because it
is computed only from integer or bool results of tensors that do: `argmax` /
`argmin`, the indices of `topk`, `sort` or `max(dim=...)`, comparisons
(`x > 0`), `.long()` / `.int()` casts. Casting such a result back to float
does not bring the gradient back. The same failure from a value computed from
`.detach()` or `.data` of a tensor that requires grad is reported too, and from
one computed where grad mode is certainly off: under `torch.no_grad()`, or in a
function whose call the interpreter follows from inside such a block (the message
names that call). A function nobody calls runs with grad mode on.

## Why is this bad?
An integer result has no gradient, so nothing the loss is computed from
requires grad, and PyTorch raises:

    RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn

## Example
```python
values, indices = scores.topk(3)
loss = indices.float().mean()
loss.backward()
```

## Use instead
Compute the loss from the differentiable outputs: the `topk` values, the
scores themselves (`F.cross_entropy(scores, target)` instead of comparing
`scores.argmax(1)` with `target`), or a soft relaxation (`softmax`) of the
choice.
"""
    repro = Repro(
        bad="""
import torch
scores = torch.randn(4, 5, requires_grad=True)
values, indices = scores.topk(2)
loss = indices.float().mean()
loss.backward()
""",
        good="""
import torch
scores = torch.randn(4, 5, requires_grad=True)
values, indices = scores.topk(2)
loss = values.mean()
loss.backward()
""",
        error="RuntimeError",
        message="element 0 of tensors does not require grad and does not have a grad_fn",
    )

    def check(self, event):
        if event.kind == Kind.METHOD:
            tensor, text, what = event.receiver, event.receiver_text(), ".backward()"
        else:
            keyword = "outputs" if event.name == "torch.autograd.grad" else "tensors"
            tensor, text = event.arg(0, keyword), event.arg_text(0, keyword) or "?"
            what = event.name.replace("torch.", "") + "()"
            if tensor is not None and tensor.items is not None and len(tensor.items) == 1:
                tensor = tensor.items[0]
        if event.has_star or tensor is None or tensor.requires_grad is not NO or tensor.cut_reason not in WHY:
            return None
        return Finding("{what} of '{text}'{via}, which has not required grad{since}: it is computed only from "
                       "{why}; {fix}", {"what": what, "text": text, **WHY[tensor.cut_reason]},
                       origin=tensor.cut_origin, origin_as="op", origin_note="cut from the graph here")


# how the graph was cut, and the way out
WHY = {
    "integer": {"why": "that integer (or bool) result, which has no gradient",
                "fix": "compute it from the differentiable values instead (the scores, the topk/sort/max values, "
                       "a softmax)"},
    "detach": {"why": "a detached value",
               "fix": "compute it from the tensor itself, not its .detach() or .data"},
    "no_grad": {"why": "values computed with grad mode off (torch.no_grad()), which have no graph",
                "fix": "compute the loss with grad mode on (outside the no_grad block, or in a function not "
                       "called under it)"},
}
