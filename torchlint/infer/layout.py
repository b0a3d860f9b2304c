"""Shapes and strides, computed the way torch computes them.

A shape is a tuple of dimensions (`Mono`, or None when unknown) or None when
even the rank is unknown. Strides have the same form. The view check is torch's
own stride computation (`computeStride` in ATen) run over three-valued
comparisons: it answers True (the view is possible), False (torch raises), or
None (cannot tell).
"""

from __future__ import annotations

from typing import Optional, Sequence

from .dims import ONE, ZERO, Mono, equal, is_one, less, product, substitute, symbols

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


class _Undecided(Exception):
    """A comparison of symbolic sizes that the run cannot decide."""


# At most this many case splits are explored to prove that a view fails.
MAX_CASES = 64


def view_strides(shape: Shape, strides: Optional[tuple], target: Sequence[Optional[Mono]]) -> Optional[bool]:
    """Can a tensor of this shape and strides be viewed as `target`?

    True (the view is possible), False (torch raises, for every size the symbols can
    take), or None (cannot tell). A comparison of symbols that cannot be decided
    (is C < T?) is split into its two cases, each followed to its end: the view is
    refused when every case refuses it. The cases need not be consistent with each
    other's assumptions (they are a superset of the real ones), so a refusal is sound.
    """
    verdict = view_layout(shape, strides, target)[0]
    if verdict is not None:
        return verdict
    if shape is None or any(t is None for t in target) or equal(product(shape), product(target)) is not True:
        return None  # when the sizes may not match, torch may refuse the view for that instead
    pending: list = [()]
    explored = 0
    while pending:
        explored += 1
        if explored > MAX_CASES:
            return None
        choices = _Choices(pending.pop())
        try:
            answer = _view_layout(shape, strides, target, choices.pick)[0]
        except _Undecided:
            return None
        if answer is not False:
            return None
        pending.extend(choices.alternatives)
    return False


def view_failure_sizes(shape: Shape, strides: Optional[tuple], target: Sequence[Optional[Mono]]) -> list:
    """For a view that `view_strides` refuses: the symbols it needs larger than 1 (the
    view would pass, or could, with that size 1), in the order of the shape. Empty
    for concrete sizes."""
    every: dict = {}  # in the order the shape shows them
    for part in (shape or ()) + tuple(strides or ()) + tuple(target):
        every.update(dict.fromkeys(sorted(symbols(part))))
    needed = []
    for name in every:
        def at_one(seq):
            return None if seq is None else tuple(substitute(d, name, 1) for d in seq)
        if view_strides(at_one(shape), at_one(strides), at_one(target)) is not False:
            needed.append(name)
    return needed


class _Choices:
    """The outcomes chosen for undecided comparisons, in order: first those given, then
    False for each new one (its True case is queued as an alternative)."""

    def __init__(self, given: tuple) -> None:
        self.given = given
        self.made: list = []
        self.alternatives: list = []

    def pick(self, known: Optional[bool]) -> bool:
        if known is not None:
            return known
        if len(self.made) < len(self.given):
            choice = self.given[len(self.made)]
        else:
            choice = False
            self.alternatives.append(tuple(self.made) + (True,))
        self.made.append(choice)
        return choice


def _strict(known: Optional[bool]) -> bool:
    if known is None:
        raise _Undecided
    return known


def view_layout(shape: Shape, strides: Optional[tuple], target: Sequence[Optional[Mono]]) -> tuple:
    """(verdict of `view_strides` without case splits, the strides of the view when it
    is possible)."""
    try:
        return _view_layout(shape, strides, target, _strict)
    except _Undecided:
        return None, None


def _view_layout(shape: Shape, strides: Optional[tuple], target: Sequence[Optional[Mono]], decide) -> tuple:
    """A transcription of ATen's computeStride, each comparison three-valued; `decide`
    turns an undecided one into an outcome (or raises _Undecided).

    The stride of a size-1 dim never decides the verdict: ATen never compares
    it, except as the base of a trailing chunk of one element, which only
    size-1 dims of the view consume. So an unknown one is taken as 1, and the
    view's size-1 dims then get unknown strides.
    """
    if shape is None or strides is None or len(strides) != len(shape):
        return None, None
    guessed = False
    filled = []
    for dim, stride in zip(shape, strides):
        if stride is None:
            if is_one(dim) is not True:
                return None, None
            stride, guessed = ONE, True
        filled.append(stride)
    if not shape:
        return True, tuple(ONE for _ in target)
    if product(shape) is None or any(t is None for t in target):
        return None, None
    new: list = [None] * len(target)
    view_d = len(target) - 1
    chunk_base = filled[-1]
    tensor_numel: Mono = ONE
    view_numel: Mono = ONE
    for tensor_d in range(len(shape) - 1, -1, -1):
        tensor_numel = tensor_numel * shape[tensor_d]
        if tensor_d > 0:
            prev_is_one = decide(is_one(shape[tensor_d - 1]))
            # the chunk goes on over a size-1 dim, or a dim packed right outside this one
            if prev_is_one or decide(equal(filled[tensor_d - 1], tensor_numel * chunk_base)):
                continue
        while view_d >= 0 and (decide(less(view_numel, tensor_numel)) or decide(is_one(target[view_d]))):
            new[view_d] = view_numel * chunk_base
            view_numel = view_numel * target[view_d]
            view_d -= 1
        if not decide(equal(view_numel, tensor_numel)):
            return False, None
        if tensor_d > 0:
            chunk_base = filled[tensor_d - 1]
            tensor_numel = ONE
            view_numel = ONE
    if view_d != -1:
        # leftover target dims can only be size-1 dims
        if not all(decide(is_one(t)) for t in target[: view_d + 1]):
            return False, None
        for i in range(view_d + 1):
            new[i] = view_numel * chunk_base
    if guessed:
        new = [None if is_one(t) is not False else s for t, s in zip(target, new)]
    return True, tuple(new)


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


def dense_like(shape: Shape, strides: Optional[tuple], exact: bool = False) -> Optional[tuple]:
    """Strides of a fresh tensor that keeps the memory order of (shape, strides).

    This is what elementwise ops and clone() give (torch's 'preserve_format'):
    a transposed input stays transposed, a sliced or expanded input becomes
    packed. None when the memory order cannot be decided.

    `exact`: the op copies the strides of an input that is dense and
    non-overlapping, size-1 dims included (clone, empty_like), and orders the
    dims as TensorIterator does otherwise. Without it, or when density cannot be
    told, the strides of size-1 dims are left unknown (they never decide a view).
    """
    if shape is None or strides is None or any(d is None for d in shape):
        return None
    dense = is_dense(shape, strides)
    if exact and dense is True:
        return tuple(strides)  # dense already: torch keeps these strides
    if all(s is not None for s in strides):
        out = iterator_strides(shape, [strides])
        if out is not None and (not exact or dense is None):
            out = tuple(None if is_one(d) is True else s for d, s in zip(shape, out))
        return out
    # a size-1 dim of unknown stride: order the other dims alone, which is the same
    # order when their strides are all different and none is 0 (nothing is ambiguous)
    sized = [i for i, d in enumerate(shape) if is_one(d) is not True]
    if any(strides[i] is None or strides[i] == ZERO for i in sized):
        return None
    if any(equal(strides[a], strides[b]) is not False for a in sized for b in sized if a < b):
        return None
    inner = iterator_strides(tuple(shape[i] for i in sized), [tuple(strides[i] for i in sized)])
    if inner is None:
        return None
    out: list = [None] * len(shape)
    for i, stride in zip(sized, inner):
        out[i] = stride
    return tuple(out)


def channels_last(shape: Shape, strides: Optional[tuple]) -> Optional[bool]:
    """torch's channels-last contiguity (NHWC, or NDHWC), three-valued; False for other ranks."""
    if shape is None or strides is None or len(shape) not in (4, 5):
        return False
    order = [1, 3, 2, 0] if len(shape) == 4 else [1, 4, 3, 2, 0]
    expected: Mono = ONE
    verdict: Optional[bool] = True
    for dim in order:
        one = is_one(shape[dim])
        if one is True:
            continue
        same = equal(strides[dim], expected)
        if same is False and one is False:
            return False
        if same is not True or one is None:
            verdict = None
        expected = None if shape[dim] is None else expected * shape[dim]
        if expected is None:
            return None
    return verdict


def is_dense(shape: Shape, strides: Optional[tuple]) -> Optional[bool]:
    """torch's is_non_overlapping_and_dense (which ignores size-1 dims), three-valued."""
    if shape is None or strides is None:
        return None
    sized = [i for i, d in enumerate(shape) if is_one(d) is not True]
    if any(is_one(shape[i]) is None or strides[i] is None for i in sized):
        return None
    order: list = []  # sized dims by stride, innermost first
    for i in sized:
        pos = 0
        while pos < len(order):
            smaller = less(strides[i], strides[order[pos]])
            if smaller is None:
                return None
            if smaller:
                break
            pos += 1
        order.insert(pos, i)
    expected: Mono = ONE
    for i in order:
        same = equal(strides[i], expected)
        if same is not True:
            return None if same is None else False
        expected = expected * shape[i]
    return True


def iterator_strides(shape: Shape, operands: Sequence[Optional[tuple]]) -> Optional[tuple]:
    """The strides torch gives a new tensor of `shape` computed from operands with
    these strides (already broadcast to `shape`, 0 along broadcast dims).

    TensorIterator's reorder_dimensions (and infer_dense_strides, which copies it):
    an insertion sort of the dims by stride, innermost first, where a comparison
    with a zero stride is ambiguous and equal strides put the smaller size first;
    the result is packed in that order. None when a comparison cannot be decided.
    """
    if shape is None or any(d is None for d in shape) or any(o is None for o in operands):
        return None
    rank = len(shape)

    def should_swap(dim0: int, dim1: int) -> Optional[int]:
        for strides in operands:
            s0, s1 = strides[dim0], strides[dim1]
            if s0 is None or s1 is None:
                return None
            if s0 == ZERO or s1 == ZERO:
                continue
            smaller = less(s0, s1)
            if smaller is None:
                return None
            if smaller:
                return -1
            larger = less(s1, s0)
            if larger is None:
                return None
            if larger:
                return 1
            bigger = less(shape[dim1], shape[dim0])
            if bigger is None:
                return None
            if bigger:
                return 1
        return 0

    perm = list(range(rank - 1, -1, -1))
    for i in range(1, rank):
        dim1 = i
        for dim0 in range(i - 1, -1, -1):
            comparison = should_swap(perm[dim0], perm[dim1])
            if comparison is None:
                return None
            if comparison > 0:
                perm[dim0], perm[dim1] = perm[dim1], perm[dim0]
                dim1 = dim0
            elif comparison < 0:
                break
    out: list = [None] * rank
    acc: Mono = ONE
    for dim in perm:
        out[dim] = acc
        acc = acc * (ONE if shape[dim] == ZERO else shape[dim])
    return tuple(out)


def broadcast_strides(shape: Shape, strides: Optional[tuple], target: Shape) -> Optional[tuple]:
    """An operand's strides seen from the broadcast shape: 0 along the dims it is broadcast over."""
    if shape is None or strides is None or target is None or len(shape) > len(target):
        return None
    lead = len(target) - len(shape)
    out = [ZERO] * lead
    for dim, stride, full in zip(shape, strides, target[lead:]):
        one, full_one = is_one(dim), is_one(full)
        if one is True and full_one is False:
            out.append(ZERO)
        elif one is False or full_one is True:
            out.append(stride)
        else:
            return None
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
