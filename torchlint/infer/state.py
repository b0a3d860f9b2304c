"""The abstract state at one program point: bound names, the heap, and grad mode."""

from __future__ import annotations

from typing import Iterator, Optional

from .values import UNDEFINED, UNKNOWN, YES, Tri, Value


WRITTEN = "written"


def is_written(key) -> bool:
    """Is this heap key the slot of an attribute written on the path ((WRITTEN, object id, name))?"""
    return type(key) is tuple and key[0] == WRITTEN


class State:
    """Names bound in the current function (or module), the heap, and the grad mode.

    The heap holds what is not a name but changes along a path like one: the
    attributes an `__init__` sets on the instance it builds (key: the instance's
    id and the attribute), each tensor argument of a call (key: ("argument",
    name)), so that a change in place reaches the caller, and what an attribute of
    an object holds since the object was built or the attribute last assigned
    on the path (key: (WRITTEN, the object's id, the attribute); a path without
    the slot does not know it, so a join with one is unknown). States are copied at
    branches and joined where paths meet; `None` stands for an unreachable point
    (after return, raise, break, continue).
    """

    __slots__ = ("names", "heap", "grad")

    def __init__(self, names: Optional[dict] = None, grad: Tri = YES, heap: Optional[dict] = None):
        self.names = {} if names is None else names
        self.heap = {} if heap is None else heap
        self.grad = grad

    def copy(self) -> "State":
        return State(dict(self.names), self.grad, dict(self.heap) if self.heap else None)

    def get(self, name: str) -> Optional[Value]:
        return self.names.get(name)

    def bind(self, name: str, value: Value) -> None:
        self.names[name] = value

    def distinct_values(self) -> list:
        """Every value bound to a name or held in the heap, each once, in order."""
        return list({id(v): v for v in self._values()}.values())

    def replace(self, old: Value, new: Value) -> None:
        """Every name and heap slot bound to `old` is bound to `new`."""
        for table in (self.names, self.heap):
            for key, value in list(table.items()):
                if value is old:
                    table[key] = new

    def _values(self) -> Iterator[Value]:
        yield from self.names.values()
        yield from self.heap.values()

    def __eq__(self, other) -> bool:
        return (isinstance(other, State) and self.grad is other.grad and _same(self.names, other.names)
                and _same(self.heap, other.heap))

    def widen(self, other: "State") -> "State":
        """Give up on names still changing after the loop bound."""
        joined = join(self, other)
        names = {k: (v if self.names.get(k) == v else UNKNOWN) for k, v in joined.names.items()}
        heap = {k: (v if self.heap.get(k) == v else UNKNOWN) for k, v in joined.heap.items()}
        return State(names, joined.grad, heap)


def _same(a: dict, b: dict) -> bool:
    if a.keys() != b.keys():
        return False
    return all(x is y or x == y for k, x in a.items() for y in (b[k],))


def _join_tables(a: dict, b: dict) -> dict:
    out = {}
    for key in a.keys() | b.keys():
        x, y = a.get(key, UNDEFINED), b.get(key, UNDEFINED)
        if x is not y and (x is UNDEFINED or y is UNDEFINED) and is_written(key):
            out[key] = UNKNOWN  # an attribute a path does not know
        elif x is y or y is UNDEFINED:
            out[key] = x
        elif x is UNDEFINED:
            out[key] = y
        else:
            out[key] = x.join(y)
    return out


def join(a: Optional[State], b: Optional[State]) -> Optional[State]:
    if a is None:
        return b.copy() if b is not None else None
    if b is None:
        return a.copy()
    return State(_join_tables(a.names, b.names), a.grad.join(b.grad), _join_tables(a.heap, b.heap))


def join_all(states) -> Optional[State]:
    result = None
    for s in states:
        result = join(result, s) if result is not None else (s.copy() if s is not None else None)
    return result
