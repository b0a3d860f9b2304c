"""Elementwise ops, comparisons, casts and conversions, clone/detach/contiguous:
results of the input's shape (or Python values).
"""

from __future__ import annotations

from typing import Optional

from ... import layout
from ...values import (
    COPY, MAYBE, MAYBE_VIEW, NO, NUMBER, UNKNOWN, YES, Array, Const, NestedList, Tensor, Tri, Value, dtype_kind,
    is_exact, is_unknown,
)
from .base import (
    DEFAULT_FLOAT, Call, as_bool, asks_contiguous_format, device_of, dtype_from, fresh, grad_of, strides_unknown,
    view_or_copy_grad, with_layout,
)


def elementwise(call: Call, dtype: Optional[str] = None) -> Value:
    """Broadcasting ops. Like torch, the result keeps the memory order of the
    first tensor input (a transposed input gives a transposed result), or is
    packed when every input is."""
    inputs = call.tensor_inputs()
    if not inputs:
        return UNKNOWN
    maybe_tensor = any(is_unknown(v) for v in list(call.args) + list(call.kwargs.values()))
    shape = None if maybe_tensor else inputs[0].shape
    for t in inputs[1:]:
        shape = layout.broadcast(shape, t.shape)
    requires_grad, origin = grad_of(call, inputs)
    result_dtype = dtype or _promote(inputs, call)
    if dtype_kind(result_dtype) in ("int", "bool"):
        requires_grad, origin = NO, None
    result = Tensor(requires_grad=requires_grad, shape=shape, dtype=result_dtype, grad_origin=origin)
    if maybe_tensor:
        return result
    if all(t.contiguous is YES for t in inputs):
        return result.with_(strides=layout.contiguous_strides(shape), contiguous=YES)
    first = inputs[0]
    if first.shape is None and first.contiguous is NO and len(inputs) == 1:
        # unknown shape, but known to be transposed: the result is too
        return result.with_(contiguous=NO, layout_origin=first.layout_origin)
    if shape is None:
        return result
    if all(t.shape == shape and t.strides == first.strides for t in inputs):
        # one layout for all: kept (TensorIterator's fast setup, or its general
        # ordering, which gives the same strides but for size-1 dims)
        strides = layout.dense_like(shape, first.strides)
        unary = len(inputs) == 1 and not call.args and not call.kwargs
        if unary and layout.is_dense(shape, first.strides) and layout.channels_last(shape, first.strides) is False:
            strides = first.strides  # one dense input and nothing else: the fast setup copies its strides
    else:
        # TensorIterator orders the dims by the strides of all inputs, the first deciding ties
        strides = layout.iterator_strides(shape, [layout.broadcast_strides(t.shape, t.strides, shape)
                                                  for t in inputs])
        if strides is not None:
            strides = tuple(None if layout.is_one(d) is True else s for d, s in zip(shape, strides))
    if strides is None:
        return result
    origin = next((t.layout_origin for t in inputs if t.layout_origin is not None), None)
    return with_layout(result, shape, strides, None, keep_origin=origin)


def _promote(inputs: list, call: Call) -> Optional[str]:
    """The result dtype of a broadcasting op: exact when its inputs of the winning
    kind share one exact dtype, else only the kind."""
    dtypes = [t.dtype for t in inputs]
    kinds = [dtype_kind(d) for d in dtypes]
    if None in kinds:
        return None
    for kind in ("complex", "float", "int", "bool"):
        if kind in kinds:
            result = kind
            break
    else:
        return None
    scalars = [v for v in call.args if isinstance(v, Const) and type(v.value) is float]
    if result in ("int", "bool") and (scalars or call.name in ("__truediv__", "div", "true_divide")):
        return call.resolve_dtype(DEFAULT_FLOAT)  # integers divided, or times a float: the default dtype
    same_kind = {d for d, k in zip(dtypes, kinds) if k == result}
    if len(same_kind) == 1 and is_exact(next(iter(same_kind))):
        return same_kind.pop()
    return result


def comparison(call: Call) -> Value:
    return elementwise(call, dtype="bool")


_DEVICE_KEEPING_CASTS = {"float", "double", "half", "bfloat16", "int", "long", "short", "byte", "char", "bool"}


def cast(call: Call, dtype: Optional[str] = None) -> Value:
    """`.float()`, `.to(...)`, `.cuda()`: same strides. The input itself when nothing
    changes (`.float()` of a float32 tensor), else a copy in the input's graph."""
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    device_kept = call.name in _DEVICE_KEEPING_CASTS
    # the type of device it goes to: known for .cpu() and .cuda(), and for .to(...) given one
    target = {"cpu": "cpu", "cuda": "cuda"}.get(call.name)
    if call.name in ("cpu", "cuda") and (call.args or call.kwargs.keys() - {"non_blocking", "memory_format"}):
        target = "cuda" if call.name == "cuda" else None
    if dtype is None:
        dtype = t.dtype
        if call.name in ("to", "type_as"):
            device_kept = True
        for key, value in [(None, v) for v in call.args] + list(call.kwargs.items()):
            if key in ("copy", "non_blocking", "memory_format"):
                continue
            named = dtype_from(value)
            if named:
                dtype = named
                continue
            if value is t:
                continue  # `x.type_as(x)`, `x.to(x)`: nothing changes
            device_kept = False  # a device, a tensor, or a value not known
            if call.name == "to":
                target = value.device if isinstance(value, Tensor) else device_of(value)
            if isinstance(value, Tensor):
                dtype = value.dtype
            elif is_unknown(value) or key == "dtype":
                dtype = None
    if target is not None and target == t.device == "cpu":
        device_kept = True  # the CPU is one device: `.cpu()` of a tensor on it changes nothing
    moves = target is not None and t.device is not None and target != t.device
    copies = as_bool(call.kwargs.get("copy")) is True or moves or (
        is_exact(dtype) and is_exact(t.dtype) and dtype != t.dtype)
    itself = not copies and device_kept and is_exact(dtype) and dtype == t.dtype
    if itself and "memory_format" not in call.kwargs:
        return t
    requires_grad, origin = view_or_copy_grad(call, t, True if itself else (False if copies else None))
    if dtype_kind(dtype) in ("int", "bool"):
        requires_grad, origin = NO, None
    device = target if target is not None else (t.device if device_kept else None)
    result = t.with_(dtype=dtype, requires_grad=requires_grad, grad_origin=origin,
                     is_param_of=t.is_param_of if itself else None, link=COPY if copies else MAYBE_VIEW,
                     device=device, device_of=t.device_of if device_kept else None)
    if t.contiguous is not YES:
        # a copy is laid out as empty_like lays it out: the same strides only if t is dense
        copied = layout.dense_like(t.shape, t.strides, exact=True)
        if copies and copied is not None:
            result = with_layout(result, t.shape, copied, None, keep_origin=t.layout_origin)
        elif copied is None or copied != t.strides:
            result = strides_unknown(result)
    if "memory_format" in call.kwargs:
        # honoured only when a copy is made: `.to()` without a change returns self
        return strides_unknown(result)
    return result


def retype(call: Call) -> Value:
    """`x.type(torch.float32)`: a cast to a dtype named as torch names it; `x.type()` is a
    string, and `x.type('torch.FloatTensor')` is not followed."""
    if len(call.args) != 1 or call.kwargs or not dtype_from(call.args[0]):
        return UNKNOWN
    return cast(call.derived("to", call.receiver, call.args))


def clone(call: Call) -> Value:
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    requires_grad, origin = grad_of(call, [t])
    if asks_contiguous_format(call):
        return fresh(t.shape, requires_grad, t.dtype, origin)
    if "memory_format" in call.kwargs:
        return strides_unknown(Tensor(requires_grad, t.shape, None, MAYBE, t.dtype, origin))
    strides = layout.dense_like(t.shape, t.strides, exact=True)
    if strides is None:
        contiguous = YES if t.contiguous is YES else MAYBE
        if t.shape is None and t.contiguous is NO:
            contiguous = NO  # a transposed tensor of unknown shape stays transposed
        return Tensor(requires_grad, t.shape, None, contiguous, t.dtype, origin, t.layout_origin if contiguous is NO else None)
    return with_layout(Tensor(requires_grad=requires_grad, dtype=t.dtype, grad_origin=origin), t.shape, strides,
                       None, keep_origin=t.layout_origin)


def detach(call: Call) -> Value:
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    return t.with_(requires_grad=NO, grad_origin=None, is_param_of=None)


def requires_grad_(call: Call) -> Value:
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    flag = as_bool(call.arg(0, "requires_grad")) if call.arg(0, "requires_grad") is not None else True
    requires_grad = Tri.of(flag)
    return t.with_(requires_grad=requires_grad, grad_origin=call.origin(".requires_grad_()") if flag else None)


def contiguous(call: Call) -> Value:
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    # the input itself when it is contiguous already, else a copy
    if t.contiguous is YES and "memory_format" not in call.kwargs:
        return t
    view = True if t.contiguous is YES else (False if t.contiguous is NO else None)
    requires_grad, origin = view_or_copy_grad(call, t, view)
    t = t.with_(requires_grad=requires_grad, grad_origin=origin, is_param_of=t.is_param_of if view else None,
                link=COPY if view is False else MAYBE_VIEW)
    if "memory_format" in call.kwargs and not asks_contiguous_format(call):
        return strides_unknown(t)  # channels_last and friends
    return t.with_(strides=layout.contiguous_strides(t.shape), contiguous=YES, layout_origin=None)


def to_python(call: Call) -> Value:
    """item(), tolist(), numpy(): leave torch. A Python number, nested lists of the
    tensor's shape, an array."""
    t = call.receiver
    if call.name == "item" or (call.name == "tolist" and isinstance(t, Tensor) and t.shape == ()):
        return NUMBER
    if call.name == "tolist" and isinstance(t, Tensor) and t.shape is not None:
        return NestedList(t.shape, dtype_kind(t.dtype))
    if call.name == "numpy" and isinstance(t, Tensor):
        return Array(t.shape, t.dtype, t.strides, t.contiguous)  # shares the tensor's memory
    return UNKNOWN


def is_contiguous(call: Call) -> Value:
    """`x.is_contiguous()`, when the layout is known."""
    t = call.receiver
    if not isinstance(t, Tensor) or call.args or call.kwargs or t.contiguous is MAYBE:
        return UNKNOWN
    return Const(t.contiguous is YES)


def scalar_of(call: Call) -> Value:
    return UNKNOWN


