"""What torch operations do to tensor facts: one function per kind of effect.

The torch API table (`torch_api.py`) names, for each function and method, which
of these it is. A transfer function takes the abstract call and returns the
abstract result; it never looks at syntax.
"""

from __future__ import annotations

import math

from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

from . import layout
from .dims import ONE, Mono, product, quotient
from .values import (
    COPY, MAYBE, MAYBE_VIEW, NO, NUMBER, UNKNOWN, VIEW, YES, Array, Const, ModuleState, NestedList, Opaque, Origin, Pieces, Seq, SymInt,
    Tensor, Tri, Value, dtype_kind, is_exact, is_unknown,
)

# torch's default float dtype: float32, unless the file calls torch.set_default_dtype
DEFAULT_FLOAT = "default"
_defaults = {"float": "float32"}


def reset_defaults() -> None:
    _defaults["float"] = "float32"


def default_dtype_changed() -> None:
    _defaults["float"] = "float"  # a float of a width the code sets elsewhere


def resolve_dtype(dtype: Optional[str]) -> Optional[str]:
    return _defaults["float"] if dtype == DEFAULT_FLOAT else dtype


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


def dtype_from(value: Optional[Value]) -> Optional[str]:
    from .torch_api import DTYPES  # the table owns dtype names

    if value is not None and hasattr(value, "qualname"):
        return DTYPES.get(value.qualname)
    return None


# ---------------------------------------------------------------- factories

def factory(call: Call, dtype: str = DEFAULT_FLOAT, sizes_from: int = 0, size_keyword: str = "size") -> Value:
    shape = size_args(call, sizes_from, size_keyword)
    return _new_leaf(call, shape, dtype)


def _new_leaf(call: Call, shape, default_dtype: Optional[str]) -> Tensor:
    flag = as_bool(call.kwargs.get("requires_grad", Const(False)))
    requires_grad = Tri.of(flag)
    dtype = dtype_from(call.kwargs.get("dtype")) or (resolve_dtype(default_dtype) if "dtype" not in call.kwargs
                                                     else None)
    origin = call.origin("requires_grad=True") if requires_grad is YES else None
    return fresh(shape, requires_grad, dtype, origin).with_(leaf=YES)


def factory_like(call: Call) -> Value:
    """zeros_like & co. keep the memory order of their input (torch's preserve_format)."""
    source = call.arg(0, "input")
    if not isinstance(source, Tensor):
        return _strides_unknown(_new_leaf(call, None, None))
    leaf = _new_leaf(call, source.shape, source.dtype)
    if source.contiguous is YES or _asks_contiguous_format(call):
        return leaf
    strides = layout.dense_like(source.shape, source.strides, exact=True)
    if strides is None:
        return _strides_unknown(leaf)
    return with_layout(leaf, source.shape, strides, None, keep_origin=source.layout_origin)


def _asks_contiguous_format(call: Call) -> bool:
    fmt = call.kwargs.get("memory_format")
    return fmt is not None and getattr(fmt, "qualname", "") == "torch.contiguous_format"


def full(call: Call) -> Value:
    shape = size_args(Call(call.node, call.name, None, call.args[:1], {}, call.grad_enabled, call.has_star))
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
    return _new_leaf(call, shape, DEFAULT_FLOAT if floats else "int64")


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
        return _copy_layout(_new_leaf(call, data.shape, data.dtype), data)
    shape, dtype = _literal_shape(data)
    leaf = _new_leaf(call, shape, dtype)
    return leaf if shape is not None else _strides_unknown(leaf)  # data not shown: any layout


def _copy_layout(leaf: Tensor, source) -> Tensor:
    """A copy of a tensor or array keeps its memory order, as clone() does."""
    if source.contiguous is YES:
        return leaf
    strides = layout.dense_like(source.shape, source.strides, exact=True)
    if strides is None:
        return _strides_unknown(leaf)
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
    dtype = resolve_dtype(dtype)
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
        # torch.from_numpy shares the array's memory: its strides
        result = Tensor(requires_grad=NO, dtype=data.dtype)
        if data.strides is None or "dtype" in call.kwargs:
            return result.with_(shape=data.shape, contiguous=data.contiguous if "dtype" not in call.kwargs else MAYBE)
        return with_layout(result, data.shape, data.strides, None)
    shape, dtype = _literal_shape(data)
    result = fresh(shape, NO, resolve_dtype(dtype))
    return result if shape is not None else _strides_unknown(result)


def parameter(call: Call) -> Value:
    data = call.arg(0, "data")
    flag = as_bool(call.arg(1, "requires_grad")) if call.arg(1, "requires_grad") is not None else True
    shape = data.shape if isinstance(data, Tensor) else None
    strides = data.strides if isinstance(data, Tensor) else None
    requires_grad = Tri.of(flag)
    t = fresh(shape, requires_grad, data.dtype if isinstance(data, Tensor) else resolve_dtype(DEFAULT_FLOAT),
              call.origin("nn.Parameter") if requires_grad is YES else None)
    # a parameter of its own: `module.requires_grad_()` reaches it through the module's attributes
    return t.with_(strides=strides or t.strides, contiguous=data.contiguous if isinstance(data, Tensor) else YES,
                   is_param_of=ModuleState(), leaf=YES)


def new_tensor(call: Call) -> Value:
    """x.new_tensor(data): a leaf copy that does not require grad unless asked."""
    data = call.arg(0, "data")
    receiver = call.receiver if isinstance(call.receiver, Tensor) else None
    if isinstance(data, (Tensor, Array)):
        return _copy_layout(_new_leaf(call, data.shape, receiver.dtype if receiver else None), data)
    shape = _literal_shape(data)[0]
    leaf = _new_leaf(call, shape, receiver.dtype if receiver else None)
    return leaf if shape is not None else _strides_unknown(leaf)


# ---------------------------------------------------------------- elementwise and friends

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
        return resolve_dtype(DEFAULT_FLOAT)  # integers divided, or times a float: the default dtype
    same_kind = {d for d, k in zip(dtypes, kinds) if k == result}
    if len(same_kind) == 1 and is_exact(next(iter(same_kind))):
        return same_kind.pop()
    return result


def comparison(call: Call) -> Value:
    return elementwise(call, dtype="bool")


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


_DEVICE_KEEPING_CASTS = {"float", "double", "half", "bfloat16", "int", "long", "short", "byte", "char", "bool"}


def cast(call: Call, dtype: Optional[str] = None) -> Value:
    """`.float()`, `.to(...)`, `.cuda()`: same strides. The input itself when nothing
    changes (`.float()` of a float32 tensor), else a copy in the input's graph."""
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    device_kept = call.name in _DEVICE_KEEPING_CASTS
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
            if isinstance(value, Tensor):
                dtype = value.dtype
            elif is_unknown(value) or key == "dtype":
                dtype = None
    copies = as_bool(call.kwargs.get("copy")) is True or (
        is_exact(dtype) and is_exact(t.dtype) and dtype != t.dtype)
    itself = not copies and device_kept and is_exact(dtype) and dtype == t.dtype
    if itself and "memory_format" not in call.kwargs:
        return t
    requires_grad, origin = view_or_copy_grad(call, t, True if itself else (False if copies else None))
    if dtype_kind(dtype) in ("int", "bool"):
        requires_grad, origin = NO, None
    result = t.with_(dtype=dtype, requires_grad=requires_grad, grad_origin=origin,
                     is_param_of=t.is_param_of if itself else None, view_base=COPY if copies else MAYBE_VIEW)
    if t.contiguous is not YES:
        # a copy is laid out as empty_like lays it out: the same strides only if t is dense
        copied = layout.dense_like(t.shape, t.strides, exact=True)
        if copies and copied is not None:
            result = with_layout(result, t.shape, copied, None, keep_origin=t.layout_origin)
        elif copied is None or copied != t.strides:
            result = _strides_unknown(result)
    if "memory_format" in call.kwargs:
        # honoured only when a copy is made: `.to()` without a change returns self
        return _strides_unknown(result)
    return result


def clone(call: Call) -> Value:
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    requires_grad, origin = grad_of(call, [t])
    if _asks_contiguous_format(call):
        return fresh(t.shape, requires_grad, t.dtype, origin)
    if "memory_format" in call.kwargs:
        return _strides_unknown(Tensor(requires_grad, t.shape, None, MAYBE, t.dtype, origin))
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
                view_base=COPY if view is False else MAYBE_VIEW)
    if "memory_format" in call.kwargs and not _asks_contiguous_format(call):
        return _strides_unknown(t)  # channels_last and friends
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


# ---------------------------------------------------------------- shape queries

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


# ---------------------------------------------------------------- views

def transpose(call: Call) -> Value:
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    a, b = as_int(call.arg(0, "dim0")), as_int(call.arg(1, "dim1"))
    if a is None or b is None:
        return _unknown_layout(t)
    if t.shape is None:
        return _transposed_unknown_rank(call, t, a, b)
    rank = len(t.shape)
    a, b = layout.normalize_dim(a, rank), layout.normalize_dim(b, rank)
    if a is None or b is None:
        return UNKNOWN
    order = list(range(rank))
    order[a], order[b] = order[b], order[a]
    return _permuted(call, t, order)


def t_(call: Call) -> Value:
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    if t.shape is None:
        return _unknown_layout(t)
    if len(t.shape) < 2:
        return t
    return _permuted(call, t, [1, 0])


def reverse_dims(call: Call) -> Value:
    """`.T`: all dims reversed."""
    t = call.receiver
    if not isinstance(t, Tensor) or t.shape is None:
        return _unknown_layout(t) if isinstance(t, Tensor) else UNKNOWN
    return _permuted(call, t, list(reversed(range(len(t.shape)))))


def matrix_transpose(call: Call) -> Value:
    """`.mT`: the last two dims swapped."""
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    if t.shape is None:
        return _transposed_unknown_rank(call, t, -2, -1)
    rank = len(t.shape)
    if rank < 2:
        return UNKNOWN
    order = list(range(rank))
    order[-1], order[-2] = order[-2], order[-1]
    return _permuted(call, t, order)


def permute(call: Call) -> Value:
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    dims = size_args(call, 0, "dims")
    ints = [None if d is None else d.as_int() for d in dims] if dims is not None else None
    # negative dims arrive as None through size_args; read them directly
    if dims is not None and None in ints:
        raw = call.args[0].items if len(call.args) == 1 and isinstance(call.args[0], Seq) else call.args
        ints = [as_int(v) for v in raw]
    if ints is None or None in ints:
        return _unknown_layout(t)
    if t.shape is None:
        if ints == sorted(ints) and all(i >= 0 for i in ints):
            return t
        rank = len(ints)
        return _transposed_unknown_rank(call, t, *_first_swap(ints)) if rank >= 2 else _unknown_layout(t)
    rank = len(t.shape)
    norm = [layout.normalize_dim(i, rank) for i in ints]
    if None in norm or sorted(norm) != list(range(rank)):
        return UNKNOWN
    return _permuted(call, t, norm)


def _first_swap(order: list) -> tuple:
    for i, d in enumerate(order):
        if d != i:
            return i, d
    return 0, 0


def _permuted(call: Call, t: Tensor, order: list) -> Tensor:
    shape = layout.permute(t.shape, order)
    if t.strides is None:
        if order == sorted(order):
            return t
        return t.with_(shape=shape, strides=None, contiguous=MAYBE, layout_origin=None)
    strides = layout.permute(t.strides, order)
    return with_layout(t, shape, strides, call.origin("transpose"), keep_origin=t.layout_origin)


def _transposed_unknown_rank(call: Call, t: Tensor, a: int, b: int) -> Tensor:
    """A transpose of a packed tensor whose rank is unknown.

    Its dims are assumed larger than 1 (a size the code does not show), so the
    result is not contiguous and cannot be flattened by a view.
    """
    if a == b or t.contiguous is not YES or (a >= 0) != (b >= 0):
        return _unknown_layout(t)
    return t.with_(contiguous=NO, layout_origin=call.origin("transpose"))


def _unknown_layout(t: Tensor) -> Tensor:
    return t.with_(shape=None, strides=None, contiguous=MAYBE, layout_origin=None)


def _strides_unknown(t: Tensor) -> Tensor:
    """The shape is known, the memory order is not."""
    return t.with_(strides=None, contiguous=MAYBE, layout_origin=None)


def expand(call: Call) -> Value:
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    sizes = size_args(call)
    if call.name == "expand_as":
        other = call.arg(0, "other")
        sizes = other.shape if isinstance(other, Tensor) else None
    if sizes is None or t.shape is None or t.strides is None or len(sizes) < len(t.shape):
        return t.with_(shape=None, strides=None, contiguous=MAYBE, layout_origin=None)
    raw = list(call.args[0].items if len(call.args) == 1 and isinstance(call.args[0], Seq) else call.args)
    offset = len(sizes) - len(t.shape)
    shape, strides = [], []
    for i, size in enumerate(sizes):
        j = i - offset
        keep = j >= 0 and (call.name == "expand" and i < len(raw) and as_int(raw[i]) == -1)
        if j < 0:
            shape.append(size)
            strides.append(Mono.of_int(0))
        elif keep:
            shape.append(t.shape[j])
            strides.append(t.strides[j])
        else:
            old = t.shape[j]
            if old == size:
                shape.append(old)
                strides.append(t.strides[j])
            elif old == ONE:
                shape.append(size)
                strides.append(Mono.of_int(0))
            else:
                return t.with_(shape=None, strides=None, contiguous=MAYBE, layout_origin=None)
    return with_layout(t, tuple(shape), tuple(strides), call.origin("expand"), keep_origin=t.layout_origin)


def as_strided(call: Call) -> Value:
    """`x.as_strided(size, stride)`: a view with exactly the strides given (a negative
    one raises, which TL005 reports)."""
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    shape, strides = _dims_of(call.arg(0, "size")), _dims_of(call.arg(1, "stride"))
    result = Tensor(requires_grad=t.requires_grad, dtype=t.dtype, grad_origin=t.grad_origin)
    if shape is None or strides is None or len(shape) != len(strides):
        return result.with_(shape=shape)
    return with_layout(result, shape, strides, call.origin("as_strided"))


def _dims_of(value: Optional[Value]) -> Optional[tuple]:
    """Sizes or strides given as a sequence: `(2, 3)`, `x.size()`, `x.stride()[::-1]`."""
    return tuple(size_dim(v) for v in value.items) if isinstance(value, Seq) else None


def narrow(call: Call) -> Value:
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    dim, length = as_int(call.arg(0, "dim")), as_dim(call.arg(2, "length"))
    return slice_dim(call, t, dim, length)


def slice_dim(call: Call, t: Tensor, dim: Optional[int], length: Optional[Mono]) -> Tensor:
    """Keep `length` items of one dim: the strides stay, so later dims stop being packed."""
    if t.shape is None or dim is None or t.strides is None:
        return _unknown_layout(t) if t.shape is None else t.with_(shape=None if dim is None else t.shape,
                                                                 strides=None, contiguous=MAYBE, layout_origin=None)
    norm = layout.normalize_dim(dim, len(t.shape))
    if norm is None:
        return UNKNOWN  # type: ignore[return-value]
    shape = list(t.shape)
    shape[norm] = length
    if length is None:
        return t.with_(shape=tuple(shape), strides=None, contiguous=MAYBE if norm else t.contiguous,
                       layout_origin=None)
    return with_layout(t, tuple(shape), t.strides, call.origin("slice"), keep_origin=t.layout_origin)


def chunk(call: Call) -> Value:
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    pieces = as_int(call.arg(0, "chunks"))
    dim = as_int(call.arg(1, "dim")) if call.arg(1, "dim") is not None else 0
    return _pieces(call, t, dim, pieces, None)


def split(call: Call) -> Value:
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    size_or_sizes = call.arg(0, "split_size_or_sections")
    dim = as_int(call.arg(1, "dim")) if call.arg(1, "dim") is not None else 0
    sizes = int_list(size_or_sizes) if isinstance(size_or_sizes, Seq) else None
    each = as_int(size_or_sizes) if not isinstance(size_or_sizes, Seq) else None
    if isinstance(size_or_sizes, SymInt) and not size_or_sizes.negated:
        return _pieces(call, t, dim, None, None) if t.shape is not None else UNKNOWN
    return _pieces(call, t, dim, None, each, sizes)


def _pieces(call: Call, t: Tensor, dim, pieces, each, sizes=None) -> Value:
    if t.shape is None or dim is None:
        return UNKNOWN
    norm = layout.normalize_dim(dim, len(t.shape))
    if norm is None:
        return UNKNOWN
    size = t.shape[norm]
    total = size.as_int() if size is not None else None
    if sizes is None and total is not None:
        if pieces:
            each = -(-total // pieces)
        if each:
            sizes = [min(each, total - start) for start in range(0, total, each)]
    if sizes is not None:
        return Seq(tuple(slice_dim(call, t, norm, Mono.of_int(n)) for n in sizes), "tuple")
    # sizes the code does not show: `qkv.split(C, dim=2)`, `x.chunk(3, dim=-1)`
    first_arg = call.arg(0, "split_size_or_sections")
    length = Mono.of_int(each) if each else (first_arg.mono if isinstance(first_arg, SymInt) and
                                             call.name == "split" else None)
    if length is None and pieces and size is not None:
        length = quotient(size, Mono.of_int(pieces))
    if length is None:
        return UNKNOWN
    return Pieces(slice_dim(call, t, norm, length), slice_dim(call, t, norm, None))


def unsqueeze(call: Call) -> Value:
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    dim = as_int(call.arg(0, "dim"))
    if t.shape is None or t.strides is None or dim is None:
        return t.with_(shape=None, strides=None) if t.contiguous is not NO else _unknown_layout(t)
    rank = len(t.shape) + 1
    norm = layout.normalize_dim(dim, rank)
    if norm is None:
        return UNKNOWN
    inner = t.strides[norm] * t.shape[norm] if norm < len(t.shape) and t.shape[norm] is not None and t.strides[norm] is not None else ONE
    shape = t.shape[:norm] + (ONE,) + t.shape[norm:]
    strides = t.strides[:norm] + (inner,) + t.strides[norm:]
    return with_layout(t, shape, strides, None, keep_origin=t.layout_origin)


def squeeze(call: Call) -> Value:
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    if t.shape is None or t.strides is None:
        return t.with_(shape=None, strides=None) if t.contiguous is not NO else _unknown_layout(t)
    dim = call.arg(0, "dim")
    if dim is None:
        keep = [i for i, d in enumerate(t.shape) if d != ONE]
        if any(d is None or (not d.is_int() and False) for d in t.shape):
            return t.with_(shape=None, strides=None, contiguous=t.contiguous)
    else:
        index = as_int(dim)
        norm = None if index is None else layout.normalize_dim(index, len(t.shape))
        if norm is None:
            return UNKNOWN
        keep = [i for i in range(len(t.shape)) if i != norm or t.shape[i] != ONE]
    return with_layout(t, tuple(t.shape[i] for i in keep), tuple(t.strides[i] for i in keep), None,
                       keep_origin=t.layout_origin)


def view(call: Call) -> Value:
    """The result of a view that succeeds (the rule decides whether it does)."""
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    if len(call.args) == 1 and dtype_from(call.args[0]):
        return t.with_(dtype=dtype_from(call.args[0]))
    target = view_target(call, t)
    if target is None:
        return t.with_(shape=None, strides=None, contiguous=YES if t.contiguous is YES else MAYBE,
                       layout_origin=None)
    if t.contiguous is YES:
        return _packed_view(t, target)
    # even to the same shape, the strides are torch's computed ones (a size-1 dim's may change)
    possible, strides = layout.view_layout(t.shape, t.strides, target)
    if possible is True:
        # torch's computeStride gives the view's strides: a transposed tensor can stay transposed
        return with_layout(t, target, strides, None, keep_origin=t.layout_origin)
    return t.with_(shape=target, strides=None, contiguous=MAYBE, layout_origin=None)


def _packed_view(t: Tensor, target) -> Tensor:
    """A view of a contiguous tensor: packed along its dims of several elements. A
    size-1 dim's stride comes from t's innermost one, which may be anything (0 when
    t was expanded), so it is torch's computed one when t's strides are known, else
    unknown."""
    if target is not None and t.strides is not None:
        possible, strides = layout.view_layout(t.shape, t.strides, target)
        if possible is True:
            return with_layout(t, target, strides, None).with_(contiguous=YES, layout_origin=None)
    strides = layout.contiguous_strides(target)
    if strides is not None:
        strides = tuple(s if layout.is_one(d) is False else None for d, s in zip(target, strides))
    return t.with_(shape=target, strides=strides, contiguous=YES, layout_origin=None)


def view_target(call: Call, t: Tensor) -> Optional[tuple]:
    """The target shape of view/reshape with -1 resolved; None when unknown."""
    if call.has_star:
        return None
    items = call.args
    if "size" in call.kwargs:
        items = [call.kwargs["size"]]
    if call.name == "view_as" or (len(items) == 1 and isinstance(items[0], Tensor)):
        other = items[0] if items else call.kwargs.get("other")
        shape = other.shape if isinstance(other, Tensor) else None
        return None if shape is None or any(d is None for d in shape) else tuple(shape)
    if len(items) == 1 and isinstance(items[0], Seq):
        items = list(items[0].items)
    sizes: list = []
    minus_one = None
    for i, v in enumerate(items):
        if as_int(v) == -1:
            minus_one = i
            sizes.append(None)
        else:
            sizes.append(size_dim(v))
    if minus_one is None:
        return tuple(sizes)
    return layout.infer_view_target(t.shape, sizes, minus_one)


def flattens(call: Call) -> bool:
    """`.view(-1)` / `.reshape(-1)`: one dimension holding everything."""
    items = call.args
    if len(items) == 1 and isinstance(items[0], Seq):
        items = list(items[0].items)
    return not call.has_star and not call.kwargs and len(items) == 1 and as_int(items[0]) == -1


def reshape(call: Call) -> Value:
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    target = view_target(call, t)
    possible, strides = layout.view_layout(t.shape, t.strides, target) if target is not None else (None, None)
    copies = possible is False or (t.shape is None and t.contiguous is NO and flattens(call))
    view = True if t.contiguous is YES or possible is True else (False if copies else None)
    requires_grad, origin = view_or_copy_grad(call, t, view)
    t = t.with_(requires_grad=requires_grad, grad_origin=origin, is_param_of=t.is_param_of if view else None,
                view_base=VIEW if view else (COPY if view is False else MAYBE_VIEW))
    if copies:
        # an impossible view is copied: packed
        return t.with_(shape=target, strides=layout.contiguous_strides(target), contiguous=YES, layout_origin=None)
    if t.contiguous is YES:
        return _packed_view(t, target)
    if possible is True:
        # a possible view is what reshape returns, with the strides torch computes for it
        return with_layout(t, target, strides, None, keep_origin=t.layout_origin)
    return t.with_(shape=target, strides=None, contiguous=MAYBE, layout_origin=None)


def flatten(call: Call) -> Value:
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    start = as_int(call.arg(0, "start_dim")) if call.arg(0, "start_dim") is not None else 0
    end = as_int(call.arg(1, "end_dim")) if call.arg(1, "end_dim") is not None else -1
    if t.shape is None or start is None or end is None:
        return t.with_(shape=None, strides=None, contiguous=YES if t.contiguous is YES else MAYBE, layout_origin=None)
    rank = len(t.shape)
    if rank == 0:
        return t.with_(shape=(ONE,), strides=(ONE,))
    s, e = layout.normalize_dim(start, rank), layout.normalize_dim(end, rank)
    if s is None or e is None or s > e:
        return UNKNOWN
    target = t.shape[:s] + (product(t.shape[s:e + 1]),) + t.shape[e + 1:]
    fake = Call(call.node, "reshape", t, [Seq(tuple(dim_value(d) for d in target))], {}, call.grad_enabled)
    return reshape(fake)


# ---------------------------------------------------------------- reductions and products

def reduction(call: Call, dtype: Optional[str] = None) -> Value:
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    dim = call.arg(0, "dim")
    keepdim = as_bool(call.arg(1, "keepdim")) if call.arg(1, "keepdim") is not None else False
    if keepdim is None:
        return _reduced(call, t, None, dtype)
    if dim is None or (isinstance(dim, Const) and dim.value is None):
        dims = None
    else:
        dims = int_list(dim)
        if dims is None:
            return _reduced(call, t, None, dtype)
    return _reduced(call, t, layout.reduce_shape(t.shape, dims, keepdim), dtype)


def _reduced(call: Call, t: Tensor, shape, dtype) -> Tensor:
    requires_grad, origin = grad_of(call, [t])
    result_dtype = dtype or t.dtype
    if dtype_kind(result_dtype) in ("int", "bool"):
        requires_grad, origin = NO, None
        if call.name in ("sum", "prod", "nansum") and dtype is None:
            result_dtype = "int64"  # integers and booleans are summed as int64
    return fresh(shape, requires_grad, result_dtype, origin)


def reduction_with_indices(call: Call) -> Value:
    """max/min/median/mode/sort/topk with a dim: (values, indices)."""
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    if call.name in ("max", "min") and call.arg(0, "dim") is None:
        return reduction(call)
    if call.name in ("max", "min") and isinstance(call.arg(0, "dim"), Tensor):
        return elementwise(call)
    if call.name == "sort":
        values = clone(Call(call.node, "sort", t, [], {}, call.grad_enabled))
        indices = (values.with_(requires_grad=NO, grad_origin=None, dtype="int64") if isinstance(values, Tensor)
                   else UNKNOWN)
        return Seq((values, indices), "tuple")
    elif call.name == "topk":
        k = as_dim(call.arg(0, "k"))
        dim = as_int(call.arg(1, "dim")) if call.arg(1, "dim") is not None else -1
        shape = None
        if t.shape is not None and dim is not None and k is not None:
            norm = layout.normalize_dim(dim, len(t.shape))
            if norm is not None:
                shape = t.shape[:norm] + (k,) + t.shape[norm + 1:]
    else:
        first = 1 if call.name == "kthvalue" else 0  # kthvalue(k, dim, keepdim)
        dim = as_int(call.arg(first, "dim")) if call.arg(first, "dim") is not None else (-1 if first else None)
        keep = call.arg(first + 1, "keepdim")
        keepdim = as_bool(keep) if keep is not None else False
        shape = None if dim is None or keepdim is None else layout.reduce_shape(t.shape, [dim], keepdim)
    values = _reduced(call, t, shape, None)
    indices = fresh(shape, NO, "int64")
    return Seq((values, indices), "tuple")


def index_result(call: Call) -> Value:
    """argmax, argsort, nonzero...: integer tensors that never require grad."""
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    if call.name in ("argmax", "argmin"):
        dim = call.arg(0, "dim")
        keepdim = as_bool(call.arg(1, "keepdim")) if call.arg(1, "keepdim") is not None else False
        dims = None if dim is None else int_list(dim)
        shape = None if (dim is not None and dims is None) or keepdim is None else layout.reduce_shape(t.shape, dims, keepdim)
        return fresh(shape, NO, "int64")
    if call.name == "argsort":  # like sort's indices, in the input's memory order
        values = clone(Call(call.node, "argsort", t, [], {}, call.grad_enabled))
        return (values.with_(requires_grad=NO, grad_origin=None, dtype="int64") if isinstance(values, Tensor)
                else UNKNOWN)
    # nonzero: (n, rank), whose memory order differs between devices
    return Tensor(requires_grad=NO, contiguous=MAYBE, dtype="int64")


def matmul(call: Call) -> Value:
    inputs = call.tensor_inputs()
    if len(inputs) != 2:
        return UNKNOWN
    requires_grad, origin = grad_of(call, inputs)
    return fresh(layout.matmul_shape(inputs[0].shape, inputs[1].shape), requires_grad, _promote(inputs, call), origin)


def fresh_op(call: Call, same_shape: bool = True) -> Value:
    """Ops that allocate a packed result: softmax (same shape), index_select..."""
    inputs = call.tensor_inputs()
    if not inputs:
        return UNKNOWN
    requires_grad, origin = grad_of(call, inputs)
    shape = inputs[0].shape if same_shape else None
    return fresh(shape, requires_grad, inputs[0].dtype, origin)


def index_select(call: Call) -> Value:
    """x.index_select(dim, index): packed, the dim resized to the index's length."""
    t, dim, index = call.receiver, as_int(call.arg(0, "dim")), call.arg(1, "index")
    if not isinstance(t, Tensor):
        return UNKNOWN
    shape = None
    if t.shape is not None and dim is not None and isinstance(index, Tensor) and index.shape is not None \
            and len(index.shape) == 1:
        norm = layout.normalize_dim(dim, len(t.shape))
        if norm is not None:
            shape = t.shape[:norm] + index.shape + t.shape[norm + 1:]
    requires_grad, origin = grad_of(call, [t])
    return fresh(shape, requires_grad, t.dtype, origin)


def repeat(call: Call) -> Value:
    """x.repeat(*sizes): packed, each dim times its count (new dims in front)."""
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    counts = size_args(call)
    shape = None
    if t.shape is not None and counts is not None and len(counts) >= len(t.shape):
        lead = len(counts) - len(t.shape)
        shape = counts[:lead] + tuple(None if c is None or d is None else c * d
                                      for c, d in zip(counts[lead:], t.shape))
    requires_grad, origin = grad_of(call, [t])
    return fresh(shape, requires_grad, t.dtype, origin)


def pad(call: Call) -> Value:
    """F.pad(x, (left, right, top, bottom, ...)): packed, trailing dims grown."""
    t, pads = call.arg(0, "input"), int_list(call.arg(1, "pad"))
    if not isinstance(t, Tensor):
        return UNKNOWN
    shape = None
    if t.shape is not None and pads is not None and len(pads) % 2 == 0 and len(pads) // 2 <= len(t.shape):
        grown = list(t.shape)
        for i in range(len(pads) // 2):
            dim = len(grown) - 1 - i
            grown[dim] = None if grown[dim] is None else _grow(grown[dim], pads[2 * i] + pads[2 * i + 1])
        shape = tuple(grown)
    requires_grad, origin = grad_of(call, [t])
    return fresh(shape, requires_grad, t.dtype, origin)


def _grow(dim: Mono, by: int) -> Optional[Mono]:
    size = dim.as_int()
    return None if size is None else Mono.of_int(size + by)


def concat(call: Call) -> Value:
    seq = call.arg(0, "tensors")
    if not isinstance(seq, Seq) or not seq.items or not all(isinstance(v, Tensor) for v in seq.items):
        inputs = call.tensor_inputs()
        requires_grad, origin = grad_of(call, inputs) if inputs else (MAYBE, None)
        if not isinstance(seq, Seq):
            requires_grad = MAYBE if requires_grad is not NO or is_unknown(seq) else NO
            if call.grad_enabled is NO:
                requires_grad = NO
        return Tensor(requires_grad=requires_grad, contiguous=YES, grad_origin=origin)
    tensors = list(seq.items)
    requires_grad, origin = grad_of(call, tensors)
    dim = as_int(call.arg(1, "dim")) if call.arg(1, "dim") is not None else 0
    shape = None
    shapes = [t.shape for t in tensors]
    if dim is not None and None not in shapes and len({len(s) for s in shapes}) == 1:
        rank = len(shapes[0])
        if call.name.rsplit(".", 1)[-1] == "stack":  # called as torch.stack
            norm = layout.normalize_dim(dim, rank + 1)
            if norm is not None and all(s == shapes[0] for s in shapes):
                shape = shapes[0][:norm] + (Mono.of_int(len(tensors)),) + shapes[0][norm:]
        else:
            norm = layout.normalize_dim(dim, rank) if rank else None
            if norm is not None:
                sizes = [s[norm] for s in shapes]
                if None not in sizes and all(s.is_int() for s in sizes):
                    shape = shapes[0][:norm] + (Mono.of_int(sum(s.as_int() for s in sizes)),) + shapes[0][norm + 1:]
    return fresh(shape, requires_grad, tensors[0].dtype, origin)


def loss(call: Call, elementwise: bool = True) -> Value:
    """Loss functions: a scalar with reduction 'mean'/'sum', per element with 'none'."""
    inputs = [v for v in call.args[:2] if isinstance(v, Tensor)]
    requires_grad, origin = grad_of(call)
    reduction_value = call.kwargs.get("reduction", call.extra.get("reduction", Const("mean")))
    mode = reduction_value.value if isinstance(reduction_value, Const) else None
    if origin is None and requires_grad is YES:
        origin = call.origin("loss")
    dtype = float_dtype(inputs[0] if inputs else None)
    if mode in ("mean", "sum"):
        return fresh((), requires_grad, dtype, origin)
    if mode == "none" and inputs and inputs[0].shape is not None and elementwise:
        shape = inputs[0].shape
        if len(inputs) == 2:
            shape = layout.broadcast(shape, inputs[1].shape)
        result = fresh(shape, requires_grad, dtype, origin)
        # some keep a transposed input's strides, some pack: only packed inputs are sure
        return result if all(t.contiguous is YES for t in inputs) else _strides_unknown(result)
    return Tensor(requires_grad=requires_grad, contiguous=MAYBE, dtype=dtype, grad_origin=origin)


def linear_function(call: Call) -> Value:
    """F.linear(input, weight, bias)."""
    x, w = call.arg(0, "input"), call.arg(1, "weight")
    if not isinstance(x, Tensor):
        return UNKNOWN
    out = w.shape[0] if isinstance(w, Tensor) and w.shape is not None and len(w.shape) == 2 else None
    shape = x.shape[:-1] + (out,) if x.shape else None
    requires_grad, origin = grad_of(call)
    return fresh(shape, requires_grad, float_dtype(x), origin)


def float_dtype(x: Optional[Value], otherwise: str = "float") -> str:
    """The dtype of a layer's (or a loss's) result: its float input's, which the
    weights must match for the call to run."""
    dtype = x.dtype if isinstance(x, Tensor) else None
    return dtype if dtype_kind(dtype) == "float" else otherwise


def passthrough(call: Call) -> Value:
    """In-place ops and the like: the receiver, with grad from the other inputs."""
    t = call.receiver
    if not isinstance(t, Tensor):
        return UNKNOWN
    requires_grad, origin = grad_of(call)
    if t.requires_grad is YES:
        return t
    # made to require grad by the op, it is no longer a leaf
    return t.with_(requires_grad=requires_grad, grad_origin=origin, leaf=t.leaf if requires_grad is NO else MAYBE)
