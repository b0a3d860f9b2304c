"""The abstract call every transfer function takes, and the helpers they share:
reading sizes, ints and dtypes from argument values, requires-grad of a result,
fresh packed tensors. The default float dtype is the run's (`RunFacts`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

from ... import layout
from ...dims import Mono
from ...run import RunFacts
from ...values import (
    MAYBE, NO, YES, Const, Device, Opaque, ListOf, Origin, Seq, SymInt, Tensor, Tri, Value, is_unknown,
)
from ..dtypes import DTYPES

# torch's default float dtype, as the run knows it (RunFacts.default_float)
DEFAULT_FLOAT = "default"


@dataclass
class Call:
    """One call as the interpreter sees it: values of receiver and arguments."""

    node: Any
    name: str
    receiver: Optional[Value]
    args: list
    kwargs: dict
    grad_enabled: Tri
    has_star: bool = False
    extra: dict = field(default_factory=dict)
    run: Optional[RunFacts] = None  # the run's facts: its default float dtype
    result: Optional[Value] = None  # what the call returned, once known (rules ask of factories)

    def resolve_dtype(self, dtype: Optional[str]) -> Optional[str]:
        """DEFAULT_FLOAT as the run knows it: float32 unless the file sets another."""
        if dtype != DEFAULT_FLOAT:
            return dtype
        return self.run.default_float if self.run is not None else "float32"

    def derived(self, name: str, receiver: Optional[Value], args: list, kwargs: Optional[dict] = None,
                has_star: bool = False) -> "Call":
        """Another call made at the same place, in the same grad mode and run."""
        return Call(self.node, name, receiver, args, kwargs or {}, self.grad_enabled, has_star, run=self.run)

    def arg(self, position: Optional[int], name: Optional[str] = None) -> Optional[Value]:
        if name is not None and name in self.kwargs:
            return self.kwargs[name]
        if position is not None and position < len(self.args):
            return self.args[position]
        return None

    def tensor_inputs(self) -> list:
        found = [self.receiver] if isinstance(self.receiver, Tensor) else []
        for value in list(self.args) + list(self.kwargs.values()):
            if isinstance(value, Tensor):
                found.append(value)
            elif isinstance(value, Seq):
                found.extend(v for v in value.items if isinstance(v, Tensor))
            elif isinstance(value, ListOf) and isinstance(value.element, Tensor):
                found.append(value.element)  # a grown list: each item is like its element
        return found

    def origin(self, what: str) -> Origin:
        return Origin(self.node, what)


# ---------------------------------------------------------------- helpers

def as_dim(value: Optional[Value]) -> Optional[Mono]:
    if isinstance(value, Const) and type(value.value) is int and value.value >= 0:
        return Mono.of_int(value.value)
    if isinstance(value, SymInt) and not value.negated:
        return value.mono
    return None


def size_dim(value: Optional[Value]) -> Optional[Mono]:
    """A value where torch requires a size (view, reshape, factories): an
    unknown parameter there is a size, one symbol however often it is read."""
    if isinstance(value, Opaque):
        return value.size
    return as_dim(value)


def as_int(value: Optional[Value]) -> Optional[int]:
    if isinstance(value, Const) and type(value.value) is int:
        return value.value
    return None


def as_bool(value: Optional[Value]) -> Optional[bool]:
    if isinstance(value, Const) and type(value.value) is bool:
        return value.value
    return None


def int_list(value: Optional[Value]) -> Optional[list]:
    if isinstance(value, Seq):
        ints = [as_int(v) for v in value.items]
        return None if None in ints else ints
    single = as_int(value)
    return None if single is None else [single]


def size_args(call: Call, start: int = 0, keyword: str = "size") -> Optional[tuple]:
    """Sizes given as varargs `(2, 3)`, one sequence `((2, 3))`, or `size=`."""
    if call.has_star:
        return None
    if keyword in call.kwargs:
        items: Sequence = [call.kwargs[keyword]]
    else:
        items = call.args[start:]
    if len(items) == 1 and isinstance(items[0], Seq):
        items = items[0].items
    elif len(items) == 1 and isinstance(items[0], Tensor):
        return None
    return tuple(size_dim(v) for v in items)


def grad_of(call: Call, inputs: Optional[list] = None) -> tuple:
    """requires_grad of an op's result: any input requires grad, grad mode on."""
    inputs = call.tensor_inputs() if inputs is None else inputs
    if call.grad_enabled is NO:
        return NO, None
    flag = NO
    origin = None
    for t in inputs:
        flag = flag.either(t.requires_grad)
        if t.requires_grad is YES and origin is None:
            origin = t.grad_origin
    if call.grad_enabled is MAYBE and flag is YES:
        flag = MAYBE
    for value in list(call.args) + list(call.kwargs.values()):
        if is_unknown(value) and flag is NO:
            flag = MAYBE  # an unknown argument may be a tensor that requires grad
    return flag, origin


def fresh(shape, requires_grad=NO, dtype=None, grad_origin=None) -> Tensor:
    """A newly allocated, packed tensor."""
    strides = layout.contiguous_strides(shape)
    return Tensor(requires_grad=requires_grad, shape=shape, strides=strides, contiguous=YES,
                  dtype=dtype, grad_origin=grad_origin)


def with_layout(t: Tensor, shape, strides, origin: Optional[Origin], keep_origin=None) -> Tensor:
    contiguous = Tri.of(layout.is_contiguous(shape, strides))
    layout_origin = origin if contiguous is NO else None
    if contiguous is NO and keep_origin is not None:
        layout_origin = keep_origin
    return t.with_(shape=shape, strides=strides, contiguous=contiguous, layout_origin=layout_origin)


DEVICE_TYPES = frozenset("cpu cuda meta mps xpu hpu xla ipu mtia privateuseone".split())


def device_of(value: Optional[Value]) -> Optional[str]:
    """The type of device a value names: `"cuda:0"`, `torch.device("cuda")`, `x.device`,
    `0` (a CUDA index, as `.cuda(0)` and `.to(0)` take it); None when not known."""
    if isinstance(value, Device):
        return value.kind
    if isinstance(value, Const) and isinstance(value.value, str):
        kind = value.value.split(":", 1)[0]
        return kind if kind in DEVICE_TYPES else None
    if isinstance(value, Const) and type(value.value) is int and value.value >= 0:
        return "cuda"
    return None


def new_device(call: "Call", like: Optional[Value] = None) -> Optional[str]:
    """The device of a tensor a factory makes: its `device=`, else that of the tensor
    it is made like (`zeros_like`, `x.new_zeros`), else the run's default device."""
    if "device" in call.kwargs:
        return device_of(call.kwargs["device"])
    if like is None and isinstance(call.receiver, Tensor):
        like = call.receiver
    if like is not None:
        return like.device if isinstance(like, Tensor) else None
    return call.run.default_device if call.run is not None else None


def dtype_from(value: Optional[Value]) -> Optional[str]:
    if value is not None and hasattr(value, "qualname"):
        return DTYPES.get(value.qualname)
    return None


def strides_unknown(t: Tensor) -> Tensor:
    """The shape is known, the memory order is not."""
    return t.with_(strides=None, contiguous=MAYBE, layout_origin=None)


def view_or_copy_grad(call: Call, t: Tensor, view: Optional[bool]) -> tuple:
    """requires_grad (and its origin) of an op's result that is a view of `t` (True),
    a copy (False), or either (None). A view requires grad as `t` does even under
    no_grad; a copy made there does not."""
    if view is True:
        return t.requires_grad, t.grad_origin
    flag, origin = grad_of(call, [t])
    if view is False:
        return flag, origin
    joined = t.requires_grad.join(flag)
    return joined, (t.grad_origin if joined is YES else None)


def asks_contiguous_format(call: Call) -> bool:
    fmt = call.kwargs.get("memory_format")
    return fmt is not None and getattr(fmt, "qualname", "") == "torch.contiguous_format"
