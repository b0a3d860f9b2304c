"""The abstract state at one program point: bound names and grad mode."""

from __future__ import annotations

from typing import Optional

from .values import UNDEFINED, UNKNOWN, Tri, Value, YES


class State:
    """Names bound in the current function (or module) and the grad mode.

    States are copied at branches and joined where paths meet; `None` stands for
    an unreachable point (after return, raise, break, continue).
    """

    __slots__ = ("names", "grad")

    def __init__(self, names: Optional[dict] = None, grad: Tri = YES):
        self.names = {} if names is None else names
        self.grad = grad

    def copy(self) -> "State":
        return State(dict(self.names), self.grad)

    def get(self, name: str) -> Optional[Value]:
        return self.names.get(name)

    def bind(self, name: str, value: Value) -> None:
        self.names[name] = value

    def __eq__(self, other) -> bool:
        return isinstance(other, State) and self.grad is other.grad and _same_names(self.names, other.names)

    def widen(self, other: "State") -> "State":
        """Give up on names still changing after the loop bound."""
        joined = join(self, other)
        names = {k: (v if self.names.get(k) == v else UNKNOWN) for k, v in joined.names.items()}
        return State(names, joined.grad)


def _same_names(a: dict, b: dict) -> bool:
    if a.keys() != b.keys():
        return False
    return all(x is y or x == y for k, x in a.items() for y in (b[k],))


def join(a: Optional[State], b: Optional[State]) -> Optional[State]:
    if a is None:
        return b.copy() if b is not None else None
    if b is None:
        return a.copy()
    names = {}
    for key in a.names.keys() | b.names.keys():
        x, y = a.names.get(key, UNDEFINED), b.names.get(key, UNDEFINED)
        if x is y or y is UNDEFINED:
            names[key] = x
        elif x is UNDEFINED:
            names[key] = y
        else:
            names[key] = x.join(y)
    return State(names, a.grad.join(b.grad))


def join_all(states) -> Optional[State]:
    result = None
    for s in states:
        result = join(result, s) if result is not None else (s.copy() if s is not None else None)
    return result
