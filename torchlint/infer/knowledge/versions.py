"""Saved tensors and version counters: what a backward() will find changed.

An op recorded in grad mode saves some of its tensors for its backward (exp its
result, log its input, a product each factor). A tensor and its `.detach()`
share memory and one version counter; an in-place write bumps it, and backward()
refuses a saved tensor whose version moved. `.data` shares the memory but not the
counter (the write goes unseen and the gradient is silently wrong), so it is not
counted. Tokens (`Tensor.storage`) name the memory; versions live in the state's
heap, so that paths join them.
"""

from __future__ import annotations

from typing import Optional

from ..state import State
from ..values import YES, Const, Origin, Seq, Tensor, Tri, Value

# ops whose backward reads their result, or their input (derivatives.yaml)
SAVE_RESULT = frozenset("exp sigmoid tanh sqrt relu softmax log_softmax".split())
SAVE_INPUT = frozenset("log sin cos pow __pow__ abs".split())
# a product saves each factor for the other's gradient
SAVE_OTHER = frozenset("mul __mul__ __rmul__ matmul __matmul__ __rmatmul__ mm bmm".split())


class Storage:
    """The memory a tensor and its detached aliases share."""

    __slots__ = ()


def _version(state: State, token: Storage) -> Optional[int]:
    value = state.heap.get(("version", token), Const(0))
    return value.value if isinstance(value, Const) else None


def _new_storage(state: State) -> Storage:
    """A token, with its version and its last write through an alias on this path."""
    token = Storage()
    state.heap[("version", token)] = Const(0)
    state.heap[("alias_write", token)] = Const(None)
    return token


def _with_token(state: State, t: Tensor) -> Tensor:
    """t with a storage token (given now, to every name bound to it, if it had none)."""
    if t.storage is not None:
        return t
    named = t.with_(storage=_new_storage(state))
    state.replace(t, named)
    return named


def memory_of(result: Value, source: Value) -> Value:
    """A view shares its source's memory (and the alias it goes through); any other result
    is new memory."""
    if not isinstance(result, Tensor) or result is source:
        return result
    if result.view_base is not None and isinstance(source, Tensor) and source.storage is not None:
        return result.with_(storage=source.storage, alias_origin=source.alias_origin)
    if result.storage is not None or result.alias_origin is not None:
        return result.with_(storage=None, alias_origin=None)
    return result


def recorded(name: str, result: Value, receiver: Tensor, args: list, state: State, grad: Tri) -> Value:
    """The result of op `name`, with the saved tensors its graph needs (`Tensor.saved`):
    those of its inputs' graphs, and what this op saves."""
    if result is receiver:
        return result  # the input handed back (`.float()` of a float32 tensor): no new node, one object
    if not isinstance(result, Tensor) or result.requires_grad is not YES or grad is not YES:
        return result.with_(saved=frozenset()) if isinstance(result, Tensor) and result.saved else result
    inputs = [receiver] + [a for a in args if isinstance(a, Tensor)]
    needed = frozenset().union(*(t.saved for t in inputs if t.requires_grad is YES))
    fresh = result
    if name in SAVE_RESULT:
        fresh = fresh.with_(storage=_new_storage(state))
        needed |= {(fresh.storage, 0)}
    elif name in SAVE_INPUT and receiver.requires_grad is YES:
        receiver = _with_token(state, receiver)
        needed |= {(receiver.storage, _version(state, receiver.storage))}
    elif name in SAVE_OTHER and len(inputs) == 2:
        for i, t in enumerate(inputs):
            if inputs[1 - i].requires_grad is YES:
                t = _with_token(state, t)
                needed |= {(t.storage, _version(state, t.storage))}
    if any(v is None for _, v in needed):
        needed = frozenset((s, v) for s, v in needed if v is not None)
    return fresh.with_(saved=needed)


def detached(source: Tensor, result: Value, state: State, node, how: str) -> Value:
    """`source.detach()` (how "detach") shares its memory and version counter; `.data`
    shares the memory only."""
    if not isinstance(result, Tensor):
        return result
    result = result.with_(saved=frozenset())
    if how != "detach":
        return result.with_(storage=None)
    source = _with_token(state, source)
    return result.with_(storage=source.storage, alias_origin=Origin(node, "detach"))


def written(state: State, t: Tensor, node) -> None:
    """An in-place write of t: its memory's version moves, and a write through a detached
    alias is remembered as the one to blame."""
    if t.storage is None:
        return
    version = _version(state, t.storage)
    bumped = Const(version + 1 if version is not None else None)
    state.heap[("version", t.storage)] = bumped
    if t.alias_origin is not None:
        state.heap[("alias_write", t.storage)] = Seq((bumped, _Where(Origin(node, "write"), t.alias_origin)))


class _Where(Const):
    """(the write, the detach it went through), kept in the heap; equal only to itself."""

    def __init__(self, write: Origin, alias: Origin) -> None:
        object.__setattr__(self, "value", (write, alias))

    def __eq__(self, other) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)


def stale_alias_write(state: State, t: Value) -> Optional[tuple]:
    """(the write, the detach) when backward() of t meets a saved tensor written through a
    detached alias after it was saved, on every path; None otherwise."""
    if not isinstance(t, Tensor) or t.requires_grad is not YES:
        return None
    for storage, saved_at in t.saved:
        entry = state.heap.get(("alias_write", storage))
        if not isinstance(entry, Seq) or not isinstance(entry.items[1], _Where):
            continue
        at = entry.items[0].value
        if isinstance(at, int) and at > saved_at:
            return entry.items[1].value
    return None


