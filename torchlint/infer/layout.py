"""Shapes and strides, computed the way torch computes them.

A shape is a tuple of dimensions (`Mono`, or None when unknown) or None when
even the rank is unknown. Strides have the same form. The view check is torch's
own stride computation (`computeStride` in ATen) run over three-valued
comparisons: it answers True (the view is possible), False (torch raises), or
None (cannot tell).
"""

from __future__ import annotations

from typing import Optional, Sequence

from .dims import ONE, ZERO, Mono, equal, is_one, less, product

Shape = Optional[tuple]


def contiguous_strides(shape: Shape) -> Optional[tuple]:
    if shape is None:
        return None
    strides = []
    acc: Optional[Mono] = ONE
    for dim in reversed(shape):
        strides.append(acc)
        if acc is not None:
            # torch uses max(size, 1), so strides stay positive for empty dims
            acc = None if dim is None else acc * (ONE if dim == ZERO else dim)
    return tuple(reversed(strides))


def is_contiguous(shape: Shape, strides: Optional[tuple]) -> Optional[bool]:
    """torch's is_contiguous: every dim of size != 1 has the packed stride."""
    if shape is None or strides is None:
        return None
    expected: Optional[Mono] = ONE
    verdict: Optional[bool] = True
    for dim, stride in zip(reversed(shape), reversed(strides)):
        one = is_one(dim)
        if one is True:
            continue
        same = equal(stride, expected)
        if same is False and one is False:
            return False
        if same is not True:
            verdict = None
        expected = None if expected is None or dim is None else expected * dim
    return verdict


def view_strides(shape: Shape, strides: Optional[tuple], target: Sequence[Optional[Mono]]) -> Optional[bool]:
    """Can a tensor of this shape and strides be viewed as `target`?

    A transcription of ATen's computeStride, each comparison three-valued. An
    unknown comparison makes the whole answer unknown, except where both of its
    outcomes lead to the same answer, which this does not try to prove.
    """
    if shape is None or strides is None or any(s is None for s in strides):
        return None
    if not shape:
        return True
    if product(shape) is None or any(t is None for t in target):
        return None
    view_d = len(target) - 1
    chunk_base = strides[-1]
    tensor_numel: Mono = ONE
    view_numel: Mono = ONE
    for tensor_d in range(len(shape) - 1, -1, -1):
        tensor_numel = tensor_numel * shape[tensor_d]
        if tensor_d == 0:
            chunk_end = True
        else:
            prev_is_one = is_one(shape[tensor_d - 1])
            packed = equal(strides[tensor_d - 1], tensor_numel * chunk_base)
            if prev_is_one is True or packed is True:
                chunk_end = False
            elif prev_is_one is False and packed is False:
                chunk_end = True
            else:
                return None
        if not chunk_end:
            continue
        while view_d >= 0:
            smaller = less(view_numel, tensor_numel)
            target_one = is_one(target[view_d])
            if smaller is None or (smaller is False and target_one is None):
                return None
            if not (smaller or target_one):
                break
            view_numel = view_numel * target[view_d]
            view_d -= 1
        same = equal(view_numel, tensor_numel)
        if same is None:
            return None
        if not same:
            return False
        if tensor_d > 0:
            chunk_base = strides[tensor_d - 1]
            tensor_numel = ONE
            view_numel = ONE
    if view_d != -1:
        # leftover target dims can only be size-1 dims
        rest = [is_one(t) for t in target[: view_d + 1]]
        if any(r is None for r in rest):
            return None
        return all(rest)
    return True


def infer_view_target(shape: Shape, sizes: Sequence[Optional[Mono]], minus_one: Optional[int]) -> Optional[tuple]:
    """Resolve a single -1 in a view/reshape size list against the numel."""
    if minus_one is None:
        return tuple(sizes)
    known = product(s for i, s in enumerate(sizes) if i != minus_one)
    total = product(shape) if shape is not None else None
    if known is None or total is None:
        return None
    rest = total / known
    if rest is None:
        return None
    out = list(sizes)
    out[minus_one] = rest
    return tuple(out)


def normalize_dim(dim: int, rank: int) -> Optional[int]:
    if -rank <= dim < rank:
        return dim % rank
    return None


def permute(seq: Optional[tuple], order: Sequence[int]) -> Optional[tuple]:
    if seq is None:
        return None
    return tuple(seq[i] for i in order)


def dense_like(shape: Shape, strides: Optional[tuple]) -> Optional[tuple]:
    """Strides of a fresh tensor that keeps the memory order of (shape, strides).

    This is what elementwise ops and clone() give (torch's 'preserve_format'):
    a transposed input stays transposed, a sliced or expanded input becomes
    packed. None when the memory order cannot be decided.
    """
    if shape is None or strides is None or any(s is None for s in strides) or any(d is None for d in shape):
        return None
    rank = len(shape)
    sized = [i for i in range(rank) if is_one(shape[i]) is not True]
    if any(is_one(shape[i]) is None for i in sized):
        return None
    if any(strides[i] == ZERO for i in sized):
        return None  # a broadcast dim does not decide the memory order
    order: list = []
    for dim_index in sized:
        # insertion sort from outermost (largest stride) to innermost
        pos = len(order)
        while pos > 0:
            outer = less(strides[order[pos - 1]], strides[dim_index])
            if outer is None:
                return None
            if not outer:
                break
            pos -= 1
        order.insert(pos, dim_index)
    if order == sized:
        return contiguous_strides(shape)
    packed = contiguous_strides(tuple(shape[i] for i in order))
    out: list = [None] * rank  # size-1 dims: torch's choice is not modelled
    for pos, dim_index in enumerate(order):
        out[dim_index] = packed[pos]
    return tuple(out)


def broadcast(a: Shape, b: Shape) -> Shape:
    if a is None or b is None:
        return None
    out = []
    for i in range(1, max(len(a), len(b)) + 1):
        da = a[-i] if i <= len(a) else ONE
        db = b[-i] if i <= len(b) else ONE
        if is_one(da) is True:
            out.append(db)
        elif is_one(db) is True:
            out.append(da)
        elif equal(da, db) is True:
            out.append(da)
        else:
            out.append(None if da is None or db is None or equal(da, db) is None else da)
    return tuple(reversed(out))


def reduce_shape(shape: Shape, dims: Optional[Sequence[int]], keepdim: bool) -> Shape:
    if shape is None:
        return None
    if dims is None:
        return tuple(ONE for _ in shape) if keepdim else ()
    rank = len(shape)
    norm = {normalize_dim(d, rank) for d in dims}
    if None in norm:
        return None
    if keepdim:
        return tuple(ONE if i in norm else d for i, d in enumerate(shape))
    return tuple(d for i, d in enumerate(shape) if i not in norm)


def matmul_shape(a: Shape, b: Shape) -> Shape:
    if a is None or b is None or not a or not b:
        return None
    if len(a) == 1 and len(b) == 1:
        return ()
    if len(a) == 1:
        return b[:-2] + b[-1:]
    if len(b) == 1:
        return a[:-1]
    batch = broadcast(a[:-2], b[:-2])
    if batch is None:
        return None
    return batch + (a[-2], b[-1])


def numel_more_than_one(shape: Shape) -> Optional[bool]:
    if shape is None:
        return None
    total = product(shape)
    if total is not None and not total.syms:
        return total.coef > 1
    # any dim known to be >= 2 (a symbol) and no dim that could be 0
    if any(is_one(d) is False for d in shape) and all(d is not None and (d.syms or d.coef >= 1) for d in shape):
        return True
    return None
