"""Size and stride queries: `x.size()`, `x.shape`, `x.stride()`, `x.dim()`, `x.numel()`, `x.grad`.
"""

from __future__ import annotations

from typing import Optional

from ... import layout
from ...dims import Mono, product
from ...values import NO, UNKNOWN, YES, Const, Seq, SymInt, Tensor, Value
from ..types import is_tensor
from .base import Call, as_int, with_layout


def size(call: Call) -> Value:
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    dim = call.arg(0, "dim")
    if dim is None:
        return shape_value(t)
    index = as_int(dim)
    if t.shape is None or index is None:
        return UNKNOWN
    index = layout.normalize_dim(index, len(t.shape))
    return UNKNOWN if index is None else dim_value(t.shape[index])


def shape_value(t: Tensor) -> Value:
    if t.shape is None:
        return UNKNOWN
    return Seq(tuple(dim_value(d) for d in t.shape), "size")


def dim_value(d: Optional[Mono]) -> Value:
    if d is None:
        return UNKNOWN
    if d.is_int():
        return Const(d.as_int())
    return SymInt(d)


def stride(call: Call) -> Value:
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    index = as_int(call.arg(0, "dim"))
    if call.arg(0, "dim") is None:
        if t.strides is None:
            return UNKNOWN
        return Seq(tuple(dim_value(s) for s in t.strides), "tuple")
    if index is None:
        return UNKNOWN
    if t.strides is not None:
        norm = layout.normalize_dim(index, len(t.strides))
        return UNKNOWN if norm is None else dim_value(t.strides[norm])
    if t.contiguous is YES:
        if t.shape is not None:
            norm = layout.normalize_dim(index, len(t.shape))
            if norm is None or layout.is_one(t.shape[norm]) is not False:
                return UNKNOWN  # a size-1 dim may have any stride, 0 included (an expanded one)
        # a packed tensor's strides are >= 1 along its dims of several elements
        return SymInt(Mono.fresh("stride"))
    return UNKNOWN


def grad_of_leaf(t: Tensor) -> Value:
    """`x.grad` of a leaf that requires grad, once a backward has run: a tensor like x
    that does not require grad, with x's strides if x is dense (the gradient layout
    contract of AccumulateGrad), else packed. (Before any backward it is None.)"""
    if t.leaf is not YES or t.requires_grad is not YES:
        return UNKNOWN
    grad = Tensor(requires_grad=NO, shape=t.shape, dtype=t.dtype, leaf=YES)
    dense = layout.is_dense(t.shape, t.strides)
    if dense is None:
        return grad
    strides = t.strides if dense else layout.contiguous_strides(t.shape)
    return with_layout(grad, t.shape, strides, None)


def dim_count(call: Call) -> Value:
    t = call.receiver
    if isinstance(t, Tensor) and t.shape is not None:
        return Const(len(t.shape))
    return UNKNOWN


def numel(call: Call) -> Value:
    t = call.receiver
    if isinstance(t, Tensor) and t.shape is not None:
        total = product(t.shape)
        return UNKNOWN if total is None else dim_value(total)
    return UNKNOWN


def with_named_sizes(t: Tensor, names: list) -> Optional[Tensor]:
    """`B, T, C = x.shape` on a tensor of unknown rank: now it has rank 3, sizes B, T, C
    (a contiguous tensor keeps packed strides). None when the shape is known already."""
    if t.shape is not None or t.contiguous is NO:
        return None
    shape = tuple(Mono.fresh(n) for n in names)
    strides = layout.contiguous_strides(shape) if t.contiguous is YES else None
    return t.with_(shape=shape, strides=strides)


def is_tensor_query(call: Call) -> Value:
    """`torch.is_tensor(x)`: a Python bool, known when what x is is known."""
    answer = is_tensor(call.arg(0, "obj")) if call.args or call.kwargs else None
    return Const(answer) if answer is not None else UNKNOWN
