"""Factories: tensors made from sizes, data or other tensors (`torch.zeros`,
`torch.tensor`, `x.new_zeros`, `nn.Parameter`): new leaves.
"""

from __future__ import annotations

import math
from typing import Optional

from ... import layout
from ...dims import Mono
from ...values import (
    MAYBE, NO, NUMBER, UNKNOWN, YES, Array, Const, ModuleState, NestedList, Seq, SymInt, Tensor, Tri, Value,
    dtype_kind, is_exact, symbol_token,
)
from .base import (
    DEFAULT_FLOAT, Call, as_bool, as_dim, asks_contiguous_format, dtype_from, fresh, new_device, size_args,
    strides_unknown, with_layout,
)


def factory(call: Call, dtype: str = DEFAULT_FLOAT, sizes_from: int = 0, size_keyword: str = "size") -> Value:
    shape = size_args(call, sizes_from, size_keyword)
    return _new_leaf(call, shape, dtype)


def _new_leaf(call: Call, shape, default_dtype: Optional[str], like: Optional[Value] = None) -> Tensor:
    flag = as_bool(call.kwargs.get("requires_grad", Const(False)))
    requires_grad = Tri.of(flag)
    dtype = dtype_from(call.kwargs.get("dtype")) or (call.resolve_dtype(default_dtype) if "dtype" not in call.kwargs
                                                     else None)
    if requires_grad is YES and dtype_kind(dtype) in ("int", "bool"):
        requires_grad = MAYBE  # torch raises here (TL007): nothing after it is known to run
    origin = call.origin("requires_grad=True") if requires_grad is YES else None
    made = fresh(shape, requires_grad, dtype, origin)
    return made.with_(leaf=YES, device=new_device(call, like),
                      dtype_of=None if is_exact(dtype) else symbol_token(call.kwargs.get("dtype"), "dtype"),
                      device_of=symbol_token(call.kwargs.get("device"), "device"))


def factory_like(call: Call) -> Value:
    """zeros_like & co. keep the memory order of their input (torch's preserve_format)."""
    source = call.arg(0, "input")
    if not isinstance(source, Tensor):
        return strides_unknown(_new_leaf(call, None, None, UNKNOWN))
    leaf = _new_leaf(call, source.shape, source.dtype, source)
    if source.contiguous is YES or asks_contiguous_format(call):
        return leaf
    strides = layout.dense_like(source.shape, source.strides, exact=True)
    if strides is None:
        return strides_unknown(leaf)
    return with_layout(leaf, source.shape, strides, None, keep_origin=source.layout_origin)


def full(call: Call) -> Value:
    shape = size_args(call.derived(call.name, None, call.args[:1], has_star=call.has_star))
    if "size" in call.kwargs:
        shape = size_args(call)
    fill = call.arg(1, "fill_value")
    dtype = "int64" if isinstance(fill, Const) and type(fill.value) is int else DEFAULT_FLOAT
    return _new_leaf(call, shape, dtype)


def randint(call: Call) -> Value:
    size = call.kwargs.get("size")
    if size is None:
        for value in call.args:
            if isinstance(value, Seq):
                size = value
    shape = tuple(as_dim(v) for v in size.items) if isinstance(size, Seq) else None
    return _new_leaf(call, shape, "int64")


def arange(call: Call) -> Value:
    if call.name == "torch.range":
        # torch.range includes its end and is always of the default float dtype
        return _new_leaf(call, None, DEFAULT_FLOAT)
    bounds = [v.value if isinstance(v, Const) and type(v.value) in (int, float) else None for v in call.args[:3]]
    floats = any(isinstance(v, Const) and type(v.value) is float for v in call.args[:3])
    shape = None
    if call.args and None not in bounds and not call.has_star:
        start, end, step = (0, bounds[0], 1) if len(bounds) == 1 else (bounds + [1])[:3]
        if step and not floats:
            shape = (Mono.of_int(max(0, -(-(end - start) // step))),)
        elif step:
            # torch's length: ceil((end - start) / step) in floating point; not trusted
            # when rounding could tip it (near, but not at, a whole number)
            steps = (end - start) / step
            if steps == round(steps) or abs(steps - round(steps)) > 1e-6:
                shape = (Mono.of_int(max(0, math.ceil(steps))),)
    elif len(call.args) == 1 and as_dim(call.args[0]) is not None:
        shape = (as_dim(call.args[0]),)
    # int64 only when every bound is a known int: an unknown bound may be a float
    ints = call.args[:3] and all(isinstance(v, SymInt) or isinstance(v, Const) and type(v.value) is int
                                 for v in call.args[:3]) and not call.has_star
    return _new_leaf(call, shape, DEFAULT_FLOAT if floats else ("int64" if ints else None))


def linspace(call: Call) -> Value:
    steps = as_dim(call.arg(2, "steps"))
    return _new_leaf(call, None if steps is None else (steps,), DEFAULT_FLOAT)


def eye(call: Call) -> Value:
    n = as_dim(call.arg(0, "n"))
    m = as_dim(call.arg(1, "m")) if call.arg(1, "m") is not None else n
    return _new_leaf(call, (n, m), DEFAULT_FLOAT)


def tensor_from_data(call: Call) -> Value:
    """torch.tensor(data): a new leaf; its shape from a literal nested list."""
    data = call.arg(0, "data")
    if isinstance(data, (Tensor, Array)):
        # copy-constructing from a tensor or an array: its shape, and its memory order
        # (a copy of a tensor is made on its device)
        return _copy_layout(_new_leaf(call, data.shape, data.dtype, data if isinstance(data, Tensor) else None), data)
    shape, dtype = _literal_shape(data)
    leaf = _new_leaf(call, shape, dtype)
    return leaf if shape is not None else strides_unknown(leaf)  # data not shown: any layout


def _copy_layout(leaf: Tensor, source) -> Tensor:
    """A copy of a tensor or array keeps its memory order, as clone() does."""
    if source.contiguous is YES:
        return leaf
    strides = layout.dense_like(source.shape, source.strides, exact=True)
    if strides is None:
        return strides_unknown(leaf)
    return with_layout(leaf, source.shape, strides, None, keep_origin=getattr(source, "layout_origin", None))


def _literal_shape(value: Optional[Value]) -> tuple:
    """(shape, dtype) of a nested list of numbers; the dtype may be DEFAULT_FLOAT."""
    if isinstance(value, Const) and type(value.value) in (int, float, bool):
        return (), {int: "int64", float: DEFAULT_FLOAT, bool: "bool"}[type(value.value)]
    if value is NUMBER:
        return (), None  # an int or a float
    if isinstance(value, NestedList):
        return value.shape, {"int": "int64", "float": DEFAULT_FLOAT, "bool": "bool"}.get(value.kind)
    if isinstance(value, Seq) and value.kind in ("list", "tuple", "size"):
        if not value.items:
            return (Mono.of_int(0),), DEFAULT_FLOAT
        inner = [_literal_shape(v) for v in value.items]
        shapes = {s for s, _ in inner}
        dtypes = {d for _, d in inner}
        if len(shapes) == 1 and None not in shapes:
            kind = DEFAULT_FLOAT if DEFAULT_FLOAT in dtypes else (dtypes.pop() if len(dtypes) == 1 else None)
            if None in dtypes and kind != DEFAULT_FLOAT:
                kind = None
            return (Mono.of_int(len(value.items)),) + shapes.pop(), kind
    return None, None


def tensor_class(call: Call, dtype: Optional[str] = DEFAULT_FLOAT) -> Value:
    """torch.Tensor(...) / torch.FloatTensor(...): sizes, or data as a list."""
    dtype = call.resolve_dtype(dtype)
    first = call.arg(0)
    if isinstance(first, Tensor):
        return first.with_(requires_grad=first.requires_grad)  # shares storage
    if isinstance(first, Seq) and first.kind == "list":
        shape, _ = _literal_shape(first)
        return fresh(shape, NO, dtype)
    return fresh(size_args(call), NO, dtype)


def as_tensor(call: Call) -> Value:
    data = call.arg(0, "data")
    if isinstance(data, Tensor):
        return data
    if isinstance(data, Array):
        # torch.from_numpy shares the array's memory: its strides, on the CPU
        result = Tensor(requires_grad=NO, dtype=data.dtype,
                        device="cpu" if call.name.endswith("from_numpy") and not call.kwargs else None)
        if data.strides is None or "dtype" in call.kwargs:
            return result.with_(shape=data.shape, contiguous=data.contiguous if "dtype" not in call.kwargs else MAYBE)
        return with_layout(result, data.shape, data.strides, None)
    shape, dtype = _literal_shape(data)
    result = fresh(shape, NO, call.resolve_dtype(dtype))
    return result if shape is not None else strides_unknown(result)


def parameter(call: Call) -> Value:
    data = call.arg(0, "data")
    flag = as_bool(call.arg(1, "requires_grad")) if call.arg(1, "requires_grad") is not None else True
    shape = data.shape if isinstance(data, Tensor) else None
    strides = data.strides if isinstance(data, Tensor) else None
    requires_grad = Tri.of(flag)
    if requires_grad is YES and isinstance(data, Tensor) and dtype_kind(data.dtype) in ("int", "bool"):
        requires_grad = MAYBE  # torch raises here (TL007)
    t = fresh(shape, requires_grad, data.dtype if isinstance(data, Tensor) else call.resolve_dtype(DEFAULT_FLOAT),
              call.origin("nn.Parameter") if requires_grad is YES else None)
    # a parameter of its own: `module.requires_grad_()` reaches it through the module's attributes
    return t.with_(strides=strides or t.strides, contiguous=data.contiguous if isinstance(data, Tensor) else YES,
                   is_param_of=ModuleState(), leaf=YES)


def variable(call: Call) -> Value:
    """`torch.autograd.Variable(data, requires_grad=False)`, the legacy wrapper: the data
    detached, a leaf that requires grad only when asked (torch raises for an integer
    or bool dtype asked to: TL007)."""
    data = call.arg(0, "data")
    if not isinstance(data, Tensor):
        return UNKNOWN
    given = call.arg(1, "requires_grad")
    requires_grad = Tri.of(as_bool(given)) if given is not None else NO
    if requires_grad is YES and dtype_kind(data.dtype) in ("int", "bool"):
        requires_grad = MAYBE  # torch raises here (TL007)
    t = fresh(data.shape, requires_grad, data.dtype, call.origin("Variable") if requires_grad is YES else None)
    return t.with_(strides=data.strides or t.strides, contiguous=data.contiguous, leaf=YES, device=data.device)


def new_tensor(call: Call) -> Value:
    """x.new_tensor(data): a leaf copy that does not require grad unless asked."""
    data = call.arg(0, "data")
    receiver = call.receiver if isinstance(call.receiver, Tensor) else None
    if isinstance(data, (Tensor, Array)):
        return _copy_layout(_new_leaf(call, data.shape, receiver.dtype if receiver else None), data)
    shape = _literal_shape(data)[0]
    leaf = _new_leaf(call, shape, receiver.dtype if receiver else None)
    return leaf if shape is not None else strides_unknown(leaf)


