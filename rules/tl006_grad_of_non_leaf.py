"""TL006 grad-of-non-leaf: reading `.grad` of a computed tensor, or optimizing one."""

from torchlint.api import NO, Edit, Finding, Fix, Kind, Repro, Rule, on

OPTIMIZERS = tuple(f"torch.optim.{name}" for name in (
    "SGD", "Adam", "AdamW", "Adamax", "Adagrad", "Adadelta", "RMSprop", "Rprop", "NAdam", "RAdam", "ASGD",
    "LBFGS", "SparseAdam"))


class GradOfNonLeaf(Rule):
    code = "TL006"
    name = "grad-of-non-leaf"
    summary = "`.grad` of a tensor that is not a leaf (without `retain_grad()`), or a non-leaf given to an optimizer"
    # `.grad` followed by what may end the name (not `.grad_fn` nor `.gradient_checkpointing`), and
    # the optimizers' module as it is called or imported
    triggers = tuple(".grad" + end for end in "\n ).,[]:=}\r;\t") + ("optim.", "optim import")
    functions = OPTIMIZERS
    fixable = True
    events = (on(Kind.ATTR_READ, "grad"),)
    doc = """
## What it does
Finds `.grad` read from a tensor that is not a leaf, unless `.retain_grad()`
was called on it first: the result of an op on a tensor that requires grad
(`torch.randn(2, 2, requires_grad=True) + 2`), a leaf cast after
`requires_grad=True` (`.double()`), a model's output. Also such a tensor handed
to an optimizer (`torch.optim.SGD([w], lr=0.1)`).

## Why is this bad?
backward() fills `.grad` only for leaves; for any other tensor it stays None,
and PyTorch warns:

    UserWarning: The .grad attribute of a Tensor that is not a leaf Tensor is being accessed.

An optimizer refuses such a tensor outright:

    ValueError: can't optimize a non-leaf Tensor

## Example
```python
w = torch.zeros(3, requires_grad=True).double()
loss = (w * x).sum()
loss.backward()
print(w.grad)                          # None
```

## Use instead
Make the tensor you read or optimize a leaf:
```python
w = torch.zeros(3, dtype=torch.float64, requires_grad=True)
```
or call `w.retain_grad()` before `backward()` to keep the gradient of an
intermediate value.
"""
    repro = Repro(
        bad="""
import torch
w = torch.zeros(3, requires_grad=True).double()
(w * 2).sum().backward()
g = w.grad
""",
        good="""
import torch
w = torch.zeros(3, dtype=torch.float64, requires_grad=True)
(w * 2).sum().backward()
g = w.grad
""",
        error="UserWarning",
        message="The .grad attribute of a Tensor that is not a leaf Tensor is being accessed",
        also=(("ValueError", "can't optimize a non-leaf Tensor"),),
    )

    def check(self, event):
        if event.kind == Kind.FUNCTION:
            return self._optimized(event)
        tensor = event.target
        if tensor.leaf is not NO or tensor.retains_grad is not NO:
            return None
        return Finding(".grad of '{text}'{via}, which has not been a leaf{since}: backward() leaves it None "
                       "(PyTorch warns); read the gradient of the leaf it was computed from, or call "
                       "{text}.retain_grad() before backward()",
                       {"text": event.target_text()}, origin=tensor.leaf_origin, origin_as="op",
                       origin_note="computed here", fix=self.fix(event, tensor.leaf_origin))

    def _optimized(self, event):
        params = event.arg(0, "params")
        items = params.items if params is not None else None
        if event.has_star or items is None:
            return None
        for position, item in enumerate(items):
            if item.leaf is NO:
                return Finding("{optimizer}() given item {position} of {text}{via}, which has not been a "
                               "leaf{since}: optimizers update leaves only (ValueError: can't optimize a "
                               "non-leaf Tensor); make the tensor as a leaf (the dtype or device given to its "
                               "factory), or call .detach().requires_grad_() on it",
                               {"optimizer": event.name.replace("torch.optim.", "optim."), "position": position,
                                "text": event.arg_text(0, "params")},
                               origin=item.leaf_origin, origin_as="op", origin_note="computed here",
                               fix=self.fix(event, item.leaf_origin))
        return None

    @staticmethod
    def fix(event, origin):
        """Where a factory with requires_grad=True is cast in the same expression
        (`torch.zeros(3, requires_grad=True).double()`), the factory makes the tensor
        with that dtype (or device) itself, as a leaf. Nothing else: which tensor the
        user meant to optimize or read is theirs to say."""
        moved = event.moved_factory(origin)
        if moved is None:
            return None
        part, code = moved
        return Fix("Give the factory the dtype or device, so that the tensor is a leaf", (Edit(part, code),))
