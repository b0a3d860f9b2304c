"""Reductions, index results, products, concatenation, padding and losses.
"""

from __future__ import annotations

from typing import Optional

from ... import layout
from ...dims import Mono
from ...values import MAYBE, NO, UNKNOWN, YES, Const, ListOf, Seq, Tensor, Value, dtype_kind, is_unknown
from .base import Call, as_bool, as_dim, as_int, fresh, grad_of, int_list, size_args, size_dim, strides_unknown
from .pointwise import _promote, clone, elementwise


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
        values = clone(call.derived("sort", t, []))
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
        values = clone(call.derived("argsort", t, []))
        return (values.with_(requires_grad=NO, grad_origin=None, dtype="int64") if isinstance(values, Tensor)
                else UNKNOWN)
    # nonzero: (n, rank), whose memory order differs between devices
    return Tensor(requires_grad=NO, contiguous=MAYBE, dtype="int64")


def one_hot(call: Call) -> Value:
    """`F.one_hot(indices, num_classes)`: an int64 tensor that never requires grad, the
    input's shape and one more dim (num_classes when given)."""
    t = call.arg(0, "tensor")
    if not isinstance(t, Tensor):
        return UNKNOWN
    classes = call.arg(1, "num_classes")
    count = as_int(classes) if classes is not None else None
    shape = None if t.shape is None or count is None or count < 1 else t.shape + (size_dim(classes),)
    return fresh(shape, NO, "int64")


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


def gather(call: Call) -> Value:
    """x.gather(dim, index), torch.take_along_dim(x, index, dim): packed, shaped as the
    index; the gradient flows to x only (an index is integer)."""
    t = call.receiver
    index = call.arg(1, "index") if call.name != "take_along_dim" else call.arg(0, "indices")
    if not isinstance(t, Tensor):
        return UNKNOWN
    shape = index.shape if isinstance(index, Tensor) else None
    if call.name == "take_along_dim" and call.arg(1, "dim") is None:
        shape = None  # without dim, both are flattened first
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
    if isinstance(seq, ListOf) and isinstance(seq.element, Tensor):
        # a list grown in a loop (`outs.append(...)`): each item is like its element (an
        # empty list raises here, so the result is of one that was not)
        requires_grad, origin = grad_of(call, [seq.element])
        return Tensor(requires_grad=requires_grad, contiguous=YES, grad_origin=origin, dtype=seq.element.dtype)
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


def legacy_reduction(size_average: Optional[Value], reduce: Optional[Value]) -> Optional[str]:
    """The reduction torch takes from the deprecated `size_average=`/`reduce=` (which,
    when either is given, override `reduction=`): 'none' for reduce=False."""
    flags = []
    for value in (size_average, reduce):
        if value is None or isinstance(value, Const) and value.value is None:
            flags.append(True)
        elif isinstance(value, Const) and type(value.value) is bool:
            flags.append(value.value)
        else:
            return None
    average, reduced = flags
    return "none" if not reduced else "mean" if average else "sum"


def loss(call: Call, per: str = "element") -> Value:
    """Loss functions: a scalar with reduction 'mean'/'sum'; with 'none', a loss per
    element (`per="element"`: the inputs' broadcast shape), per sample (`"sample"`:
    cross_entropy and nll_loss drop the class dimension 1 of their input) or of a
    shape not modelled (`"other"`)."""
    inputs = [v for v in call.args[:2] if isinstance(v, Tensor)]
    requires_grad, origin = grad_of(call)
    reduction_value = call.kwargs.get("reduction", call.extra.get("reduction", Const("mean")))
    mode = reduction_value.value if isinstance(reduction_value, Const) else None
    legacy = [call.kwargs.get(name, call.extra.get(name)) for name in ("size_average", "reduce")]
    if any(value is not None for value in legacy):
        mode = legacy_reduction(*legacy)
    if origin is None and requires_grad is YES:
        origin = call.origin("loss")
    dtype = float_dtype(inputs[0] if inputs else None)
    if mode in ("mean", "sum"):
        return fresh((), requires_grad, dtype, origin)
    if mode == "none" and per == "sample" and inputs and inputs[0].shape is not None:
        shape = inputs[0].shape
        return strides_unknown(fresh(shape[:1] + shape[2:] if len(shape) >= 2 else (), requires_grad, dtype, origin))
    if mode == "none" and inputs and inputs[0].shape is not None and per == "element":
        shape = inputs[0].shape
        if len(inputs) == 2:
            shape = layout.broadcast(shape, inputs[1].shape)
        result = fresh(shape, requires_grad, dtype, origin)
        # some keep a transposed input's strides, some pack: only packed inputs are sure
        return result if all(t.contiguous is YES for t in inputs) else strides_unknown(result)
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


def opaque_result(call: Call, count: Optional[int] = None) -> Value:
    """A function of torch.fft, torch.special or torch.linalg the table has no entry
    for: a tensor (or a tuple of `count` tensors: `eigh`, `qr`, `svd`...) whose facts
    are unknown, except that none requires grad with grad mode off."""
    flag = NO if call.grad_enabled is NO else MAYBE

    def one() -> Tensor:
        return Tensor(requires_grad=flag)
    return one() if count is None else Seq(tuple(one() for _ in range(count)), "tuple")
