"""The record of a generated program, and the paths its statements run on.

- `Program`: what the generator hands the judge: the source, one schedule of
  `random.random()` outcomes per path, where torch failed on each.
- `Ctx`: one path through the code being written, with the values it has so far.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .judge import RandomStandIn, Watchers, run_code


# ---------------------------------------------------------------- the program and its record


@dataclass(frozen=True)
class Probe:
    """A call of a helper nobody calls, made by the judge after the program ran."""

    function: str
    args: str
    grad: bool


@dataclass
class Program:
    source: str
    schedules: list  # one per path: the random.random() outcomes that take it
    expected: list  # per run (paths, then probes): (code, line) where the generator saw it fail, or (None, None)
    probes: list
    definite: bool  # one path, no helper analysed with unknown arguments
    pitfalls: list = field(default_factory=list)  # (code, line) the generator saw torch fail at

    def __repr__(self) -> str:
        return f"Program(definite={self.definite}, pitfalls={self.pitfalls})\n{self.source}"


# ---------------------------------------------------------------- contexts: paths being run


class Ctx:
    """One path through the code being written, with the values it has so far.

    kind: "live" (a path of the program), "preview" (a helper's body as one of its
    calls runs it), "ghost" (code no path reaches: written, never run for real).
    The rules' probes watch it (`watches`), with a memory of their own per path.
    """

    watches = True

    def __init__(self, kind: str = "live", schedule=(), grad: bool = True, local: bool = False) -> None:
        self.kind = kind
        self.ns: dict = {"__name__": "__oracle__"}
        self.locals: Optional[dict] = {} if local else None
        self.units: list = []  # (code, grad, runs with locals)
        self.stand_in = RandomStandIn(schedule)
        self.grad = grad
        self.grad_stack: list = []
        self.tag = None  # which probe a preview is
        self.outcome: tuple = (None, None)
        self.watchers = Watchers() if self.watches else None

    @property
    def scope(self) -> dict:
        return self.ns if self.locals is None else self.locals

    def lookup(self, name: str):
        if self.locals is not None and name in self.locals:
            return self.locals[name]
        return self.ns.get(name)

    def run(self, code) -> Optional[BaseException]:
        return run_code(code, self.ns, self.locals, self.stand_in, self.grad, self.watchers)

    def commit(self, code) -> None:
        self.units.append((code, self.grad, self.locals is not None))

    def copy(self, kind: Optional[str] = None, schedule=None) -> "Ctx":
        """A new context that has run the same units (new objects, same facts)."""
        new = Ctx(kind or self.kind, self.stand_in.schedule if schedule is None else schedule, self.grad,
                  self.locals is not None)
        new.grad_stack = list(self.grad_stack)
        new.tag = self.tag
        for code, grad, local in self.units:
            exc = run_code(code, new.ns, new.locals if local else None, new.stand_in, grad, new.watchers)
            if exc is not None:
                raise AssertionError(f"replaying a generated program failed: {exc!r}")
            new.units.append((code, grad, local))
        return new
