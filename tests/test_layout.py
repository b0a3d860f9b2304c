"""The stride model against real torch: views, packed copies and contiguity."""

import random

import torch

from torchlint.infer.dims import Mono, Sizes, quotient
from torchlint.infer.layout import dense_like, is_contiguous, view_strides


def _random_layout(rng):
    rank = rng.randint(1, 4)
    x = torch.empty(*[rng.choice([1, 2, 3, 4]) for _ in range(rank)])
    kind = rng.choice(["permute", "slice", "expand", "plain"])
    if kind == "permute":
        order = list(range(rank))
        rng.shuffle(order)
        x = x.permute(*order)
    elif kind == "slice":
        dim = rng.randrange(rank)
        if x.shape[dim] > 1:
            x = x.narrow(dim, 0, x.shape[dim] - 1)
    elif kind == "expand":
        x = x.unsqueeze(0).expand(rng.choice([1, 2, 3]), *x.shape)
    return x


def _random_target(rng, numel):
    target, rest = [], numel
    while rest > 1 and len(target) < 4:
        size = rng.choice([d for d in range(2, rest + 1) if rest % d == 0])
        target.append(size)
        rest //= size
    if rng.random() < 0.3:
        target.insert(rng.randrange(len(target) + 1), 1)
    return target or [1]


def _mono(values):
    return tuple(Mono.of_int(v) for v in values)


def test_view_check_matches_torch_on_random_layouts():
    rng = random.Random(20261124)
    for _ in range(3000):
        x = _random_layout(rng)
        target = _random_target(rng, x.numel())
        try:
            x.view(*target)
            possible = True
        except RuntimeError:
            possible = False
        verdict = view_strides(_mono(x.shape), _mono(x.stride()), _mono(target))
        assert verdict is possible, (tuple(x.shape), x.stride(), target)
        assert is_contiguous(_mono(x.shape), _mono(x.stride())) is x.is_contiguous()


def test_elementwise_result_keeps_the_memory_order_like_torch():
    rng = random.Random(7)
    for _ in range(1000):
        x = _random_layout(rng)
        strides = dense_like(_mono(x.shape), _mono(x.stride()))
        if strides is None:
            continue
        result = x + 1
        for size, ours, theirs in zip(result.shape, strides, result.stride()):
            if size != 1:
                assert ours.as_int() == theirs, (tuple(x.shape), x.stride(), result.stride())


def test_symbolic_views():
    with Sizes():  # the symbols and the definition `C = nh * hs` of one run
        symbolic_views()


def test_symbols_are_a_runs_own():
    with Sizes():
        first = Mono.fresh("T")
    with Sizes():
        again = Mono.fresh("T")
    assert first == again  # numbering starts afresh: no state is carried from one file to the next


def symbolic_views():
    B, T, C = (Mono.fresh(n) for n in "BTC")
    one = Mono.of_int(1)
    # y of shape (B, C, T): a transpose(1, 2) of a packed (B, T, C)
    shape, strides = (B, C, T), (T * C, one, C)
    assert view_strides(shape, strides, (B * C * T,)) is False
    assert view_strides(shape, strides, (B, C * T)) is False
    # (B, T, C) works when T == C at run time: not definite
    assert view_strides(shape, strides, (B, T, C)) is None
    assert view_strides(shape, strides, (B, C, T, one)) is True  # adds a size-1 dim
    # splitting the packed leading dim is fine
    assert view_strides(shape, strides, (B, one, C, T)) is True
    # attention: y (B, nh, T, C/nh) transposed to (B, T, nh, C/nh), viewed as (B, T, C)
    nh = Mono.fresh("nh")
    hs = quotient(C, nh)
    shape, strides = (B, T, nh, hs), (nh * T * hs, hs, T * hs, one)
    assert view_strides(shape, strides, (B, T, C)) is False
    shape, strides = (B, C, T), (T * C, one, C)
    # unrelated sizes: cannot tell
    D = Mono.fresh("D")
    assert view_strides(shape, strides, (D, T)) is None
