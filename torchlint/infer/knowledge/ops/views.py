"""Views and reshapes: transpose, permute, expand, narrow, chunk, split,
squeeze, view, reshape, flatten. The layout algebra (`layout.py`) decides strides.
"""

from __future__ import annotations

from typing import Optional

from ... import layout
from ...dims import ONE, Mono, product, quotient
from ...values import COPY, MAYBE, MAYBE_VIEW, NO, UNKNOWN, VIEW, YES, Pieces, Seq, Tensor, Value
from .base import Call, as_dim, as_int, dtype_from, int_list, size_args, size_dim, view_or_copy_grad, with_layout
from .sizes import dim_value


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
    if each is None and sizes is None and size_dim(size_or_sizes) is not None:
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
    length = Mono.of_int(each) if each else (size_dim(first_arg) if call.name == "split" else None)
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
        # still packed, but with a dim of size 1 at a place of an unknown rank: a later
        # transpose may swap it, which keeps the tensor contiguous (no dim > 1 moves)
        return _unknown_layout(t)
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
                link=VIEW if view else (COPY if view is False else MAYBE_VIEW))
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
    fake = call.derived("reshape", t, [Seq(tuple(dim_value(d) for d in target))])
    return reshape(fake)


