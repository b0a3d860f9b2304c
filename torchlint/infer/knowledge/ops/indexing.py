"""Basic indexing of tensors: `x[0]`, `x[:, :k]`, `x[..., None]`, `x[mask]`.

Integer and slice indexing make views that keep the input's strides, so a
slice along a non-leading dimension leaves later dimensions unpacked. Advanced
indexing (a tensor or list index) copies into a packed tensor.
"""

from __future__ import annotations

from typing import Optional

from ... import layout
from ...dims import ONE, Mono
from ...values import (
    MAYBE, MAYBE_VIEW, NUMBER, UNKNOWN, VIEW, YES, Const, Pieces, Seq, SymInt, Tensor, Value, dtype_kind, is_unknown,
)
from .base import Call, as_int, fresh, grad_of, view_or_copy_grad, with_layout


def index_tensor(call: Call) -> Value:
    t = call.receiver
    indices = list(call.args)
    if len(indices) == 1 and isinstance(indices[0], Seq) and indices[0].kind == "tuple":
        indices = list(indices[0].items)
    if any(isinstance(i, Tensor) or (isinstance(i, Seq) and i.kind == "list") for i in indices):
        requires_grad, origin = grad_of(call, [t])
        # advanced indexing copies
        return _gathered(t, indices, fresh(None, requires_grad, t.dtype, origin))
    # basic indexing is a view: it requires grad as t does, even under no_grad (an
    # index the interpreter does not know may be a tensor, which copies)
    unknown = any(is_unknown(i) for i in indices)
    requires_grad, origin = view_or_copy_grad(call, t, None if unknown else True)
    base = t.with_(requires_grad=requires_grad, grad_origin=origin, is_param_of=None,
                   link=MAYBE_VIEW if unknown else VIEW)
    if any(is_unknown(i) for i in indices) or t.shape is None or t.strides is None:
        return _unknown_view(base)
    rank = len(t.shape)
    consumed = sum(1 for i in indices if not _is_none(i) and not _is_ellipsis(i))
    shape, strides = [], []
    dim = 0
    for index in indices:
        if _is_ellipsis(index):
            if rank - consumed < 0:
                return UNKNOWN
            for _ in range(rank - consumed):
                shape.append(t.shape[dim])
                strides.append(t.strides[dim])
                dim += 1
        elif _is_none(index):
            shape.append(ONE)
            strides.append(ONE)
        elif dim >= rank:
            return UNKNOWN  # torch raises IndexError
        elif isinstance(index, tuple):  # a slice: ("slice", (lower, upper, step))
            length, step = _slice_length(t.shape[dim], index[1])
            if step is None:
                return _unknown_view(base)
            shape.append(length)
            strides.append(None if t.strides[dim] is None else t.strides[dim] * Mono.of_int(step))
            dim += 1
        elif _is_integer(index):
            dim += 1  # selecting one item drops the dim
        else:
            return _unknown_view(base)
    shape.extend(t.shape[dim:])
    strides.extend(t.strides[dim:])
    if any(s is None for s in strides):
        return base.with_(shape=tuple(shape), strides=None, contiguous=MAYBE, layout_origin=None)
    return with_layout(base, tuple(shape), tuple(strides), call.origin("slice"), keep_origin=t.layout_origin)


def _gathered(t: Tensor, indices: list, result: Tensor) -> Tensor:
    """`x[idx]`, `x[:, idx]`: one integer tensor of known shape among whole slices picks
    along its dim, which becomes the index's dims (`x.shape[:k] + idx.shape + x.shape[k+1:]`),
    packed when x is (torch follows x's memory order otherwise). A bool mask, or several
    index tensors, give a shape not known."""
    if t.shape is None or len(indices) > len(t.shape):
        return result
    tensors = [k for k, i in enumerate(indices) if isinstance(i, Tensor)]
    if len(tensors) != 1:
        return result
    k = tensors[0]
    index = indices[k]
    if index.shape is None or dtype_kind(index.dtype) != "int" or index.dtype == "uint8" or not all(
            isinstance(i, tuple) and i[1] == (None, None, None) for n, i in enumerate(indices) if n != k):
        return result
    shape = tuple(t.shape[:k]) + tuple(index.shape) + tuple(t.shape[k + 1:])
    if t.contiguous is YES:
        return result.with_(shape=shape, strides=layout.contiguous_strides(shape), contiguous=YES)
    return result.with_(shape=shape, strides=None, contiguous=MAYBE, layout_origin=None)


def _is_integer(index) -> bool:
    return (isinstance(index, Const) and type(index.value) is int) or isinstance(index, SymInt) or index is NUMBER


def _unknown_view(t: Tensor) -> Tensor:
    return t.with_(shape=None, strides=None, contiguous=MAYBE, layout_origin=None)


def _is_none(index) -> bool:
    return isinstance(index, Const) and index.value is None


def _is_ellipsis(index) -> bool:
    return isinstance(index, Const) and index.value is Ellipsis


def _slice_length(size: Optional[Mono], bounds) -> tuple:
    """(length of the slice or None, step or None when the step is unknown)."""
    lower, upper, step_value = bounds
    step = 1 if step_value is None else as_int(step_value)
    if step is None or step <= 0:
        return None, None
    if lower is None and upper is None and step == 1:
        return size, 1
    n = size.as_int() if size is not None else None
    lo = 0 if lower is None else as_int(lower)
    hi = n if upper is None else as_int(upper)
    if n is not None and lo is not None and hi is not None:
        return Mono.of_int(len(range(n)[slice(lo, hi, step)])), step
    return None, step


MAX_UNBOUND = 16  # more views than this are not listed one by one


def unbind(call: Call) -> Value:
    """`t.unbind(dim)`: the views `t.select(dim, i)`, one per index; when the size is
    not a known small number, pieces that are all alike."""
    t = call.receiver
    if not isinstance(t, Tensor) or t.shape is None or call.has_star:
        return UNKNOWN
    dim = as_int(call.arg(0, "dim")) if call.arg(0, "dim") is not None else 0
    if dim is None or not -len(t.shape) <= dim < len(t.shape):
        return UNKNOWN
    dim %= len(t.shape)

    def select(i: int) -> Value:
        return index_tensor(call.derived("__getitem__", t, [("slice", (None, None, None))] * dim + [Const(i)]))

    size = t.shape[dim].as_int() if t.shape[dim] is not None else None
    if size is not None and size <= MAX_UNBOUND:
        return Seq(tuple(select(i) for i in range(size)), "tuple")
    one = select(0)
    return Pieces(one, one) if size is None else UNKNOWN
