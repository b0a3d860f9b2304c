"""Hooks: the functions torch calls for a module or a tensor, and with what.

`module.register_forward_hook(fn)`: each call of the module then calls
fn(module, inputs, output) in the call's grad mode (a value it returns replaces
the output); `register_forward_pre_hook(fn)`: fn(module, inputs) before it.
Backward hooks (`register_full_backward_hook(fn)`: fn(module, grad_input,
grad_output); `tensor.register_hook(fn)`: fn(grad)) run inside backward, where
grad mode is off, with gradients that do not require grad.
"""

from __future__ import annotations

from typing import Optional

from ..values import MAYBE, NO, UNKNOWN, Instance, Seq, Tensor, TorchModule, Tri, Value

MODULE_HOOKS = {
    "register_forward_hook": "forward", "register_forward_pre_hook": "forward_pre",
    "register_full_backward_hook": "backward", "register_backward_hook": "backward",
    "register_full_backward_pre_hook": "backward_pre",
}
TENSOR_HOOKS = {"register_hook": "grad"}
RUN_BY_CALL = ("forward_pre", "forward")  # run by the module's call; the others by backward


def hook_kind(owner: Value, name: str) -> Optional[str]:
    if isinstance(owner, (TorchModule, Instance)):
        return MODULE_HOOKS.get(name)
    if isinstance(owner, Tensor):
        return TENSOR_HOOKS.get(name)
    return None


def arguments(kind: str, owner: Value, inputs: list, output: Value) -> list:
    """The values torch passes a hook of this kind."""
    if kind == "forward":
        return [owner, Seq(tuple(inputs), "tuple"), output]
    if kind == "forward_pre":
        return [owner, Seq(tuple(inputs), "tuple")]
    if kind == "grad":
        shape = owner.shape if isinstance(owner, Tensor) else None
        dtype = owner.dtype if isinstance(owner, Tensor) else None
        return [Tensor(requires_grad=NO, shape=shape, contiguous=MAYBE, dtype=dtype)]
    if kind == "backward":
        return [owner, UNKNOWN, UNKNOWN]  # tuples of gradients (or None), which do not require grad
    return [owner, UNKNOWN]


def grad_mode(kind: str, call_grad: Tri) -> Tri:
    """Forward hooks run in the grad mode of the module's call; the others in backward."""
    return call_grad if kind in RUN_BY_CALL else NO
