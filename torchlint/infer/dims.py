"""Symbolic sizes: a dimension is a monomial over named positive integers.

`B * T`, `C // n_head`, `3` and `2 * T` are all monomials: an integer (or
fraction) coefficient times symbols raised to integer powers. Symbols stand for
sizes the code does not show; torchlint assumes such a size is at least 2 (a
dimension the program exists to process) and knows nothing else about it, so
two different symbols are never assumed equal or unequal. Comparisons are
three-valued: True, False, or None for "cannot tell".

Fresh symbols and the sizes defined by division belong to one run (one module
checked): they live in a `Sizes` object that the run makes current with
`with Sizes():`. A context variable points at it, because the comparisons
below are called from every corner of the stride algebra, and a parameter
threaded through each would say nothing more.
"""

from __future__ import annotations

import itertools
from contextvars import ContextVar
from fractions import Fraction
from typing import Iterable, Optional


class Sizes:
    """The symbolic sizes of one run: a counter for fresh symbols, and the sizes
    defined by division (`hs = C // n_head` makes C stand for n_head * hs, so
    that both spellings compare equal)."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)
        self.definitions: dict = {}
        self._tokens: list = []  # one per `with`: the same Sizes may be entered again inside

    def next_number(self) -> int:
        return next(self._counter)

    def generation(self) -> int:
        """Changes whenever a definition is added (they are never changed or removed)."""
        return len(self.definitions)

    def __enter__(self) -> "Sizes":
        self._tokens.append(_current.set(self))
        return self

    def __exit__(self, *exc) -> None:
        _current.reset(self._tokens.pop())


_current: ContextVar = ContextVar("torchlint_sizes")


def current() -> Sizes:
    try:
        return _current.get()
    except LookupError:
        raise RuntimeError("symbolic sizes used outside a run: wrap the work in `with Sizes():`") from None


class Mono:
    __slots__ = ("coef", "syms")

    def __init__(self, coef, syms: tuple = ()):
        self.coef = Fraction(coef)
        # sorted ((name, power), ...) with non-zero powers
        self.syms = syms

    @staticmethod
    def of_int(n: int) -> "Mono":
        return Mono(n)

    @staticmethod
    def symbol(name: str) -> "Mono":
        return Mono(1, ((name, 1),))

    @staticmethod
    def fresh(hint: str = "n") -> "Mono":
        return Mono.symbol(f"{hint}#{current().next_number()}")

    def is_int(self) -> bool:
        return not self.syms and self.coef.denominator == 1

    def as_int(self) -> Optional[int]:
        return int(self.coef) if self.is_int() else None

    def __mul__(self, other: "Mono") -> "Mono":
        powers = dict(self.syms)
        for name, p in other.syms:
            powers[name] = powers.get(name, 0) + p
        syms = tuple(sorted((n, p) for n, p in powers.items() if p))
        return Mono(self.coef * other.coef, syms)

    def inverse(self) -> Optional["Mono"]:
        if self.coef == 0:
            return None
        return Mono(1 / self.coef, tuple((n, -p) for n, p in self.syms))

    def __truediv__(self, other: "Mono") -> Optional["Mono"]:
        inv = other.inverse()
        return None if inv is None else self * inv

    def __eq__(self, other) -> bool:
        return isinstance(other, Mono) and self.coef == other.coef and self.syms == other.syms

    def __hash__(self) -> int:
        return hash((self.coef, self.syms))

    def pretty(self) -> str:
        """As a user would write it: `B*T`, `C/n_head`, `6`."""
        up = [n.split("#")[0] + ("" if p == 1 else f"**{p}") for n, p in self.syms if p > 0]
        down = [n.split("#")[0] + ("" if p == -1 else f"**{-p}") for n, p in self.syms if p < 0]
        text = "*".join(([] if self.coef == 1 and up else [str(self.coef)]) + up)
        return text + "".join(f"/{d}" for d in down)

    def __repr__(self) -> str:
        parts = [] if self.coef == 1 and self.syms else [str(self.coef)]
        parts += [n if p == 1 else f"{n}^{p}" for n, p in self.syms]
        return "*".join(parts)


ONE = Mono(1)
ZERO = Mono(0)


def normalize(m: Optional[Mono]) -> Optional[Mono]:
    if m is None or not m.syms:
        return m
    definitions = current().definitions
    if not definitions or not any(n in definitions for n, _ in m.syms):
        return m
    out = Mono(m.coef)
    for name, power in m.syms:
        base = normalize(definitions[name]) if name in definitions else Mono.symbol(name)
        for _ in range(abs(power)):
            out = out * base if power > 0 else out / base
    return out


def quotient(a: Mono, b: Mono) -> Optional[Mono]:
    """`a // b` for sizes, taken as exact (the views that use it require it)."""
    a, b = normalize(a), normalize(b)
    q = a / b
    if q is None:
        return None
    if all(p > 0 for _, p in q.syms) and q.coef.denominator == 1:
        return q
    if len(a.syms) == 1 and a.syms[0][1] == 1 and a.coef == 1 and b.syms and b.coef.denominator == 1:
        # a single unknown size divided: give the quotient a name of its own
        part = Mono.fresh(f"{a.pretty()}/{b.pretty()}")
        current().definitions[a.syms[0][0]] = b * part
        return part
    return None


def product(dims: Iterable[Optional[Mono]]) -> Optional[Mono]:
    out = ONE
    for d in dims:
        if d is None:
            return None
        out = out * d
    return out


def equal(a: Optional[Mono], b: Optional[Mono]) -> Optional[bool]:
    """Three-valued a == b."""
    if a is None or b is None:
        return None
    a, b = normalize(a), normalize(b)
    if a == b:
        return True
    if a.coef == 0 or b.coef == 0:
        # zero (a broadcast stride) against a positive size or stride
        return False
    ratio = a / b
    if ratio is None:
        return None
    if not ratio.syms:
        # same symbols, different coefficient; or two different integers
        return False
    # one is a multiple of the other by a factor >= 2: T * C against C
    if _strictly_greater(ratio) or _strictly_greater(ratio.inverse()):
        return False
    return None


def _strictly_greater(ratio: Optional[Mono]) -> Optional[bool]:
    """True when ratio > 1 under 'every symbol >= 2'."""
    if ratio is None:
        return None
    if all(p > 0 for _, p in ratio.syms) and ratio.coef >= 1 and (ratio.syms or ratio.coef > 1):
        return True
    return None


def less(a: Optional[Mono], b: Optional[Mono]) -> Optional[bool]:
    """Three-valued a < b for positive sizes."""
    if a is None or b is None:
        return None
    a, b = normalize(a), normalize(b)
    if a == b:
        return False
    if (not a.syms and not b.syms) or a.coef == 0 or b.coef == 0:
        return a.coef < b.coef
    if _strictly_greater(b / a):
        return True
    if _strictly_greater(a / b):
        return False
    return None


def is_one(a: Optional[Mono]) -> Optional[bool]:
    if a is None:
        return None
    a = normalize(a)
    if not a.syms:
        return a.coef == 1
    # a symbol times a coefficient >= 1 is >= 2
    if all(p > 0 for _, p in a.syms) and a.coef >= 1:
        return False
    return None


def symbols(m: Optional[Mono]) -> set:
    """The symbols of a size, after its definitions are spelled out."""
    m = normalize(m)
    return set() if m is None else {name for name, _ in m.syms}


def substitute(m: Optional[Mono], name: str, value: int) -> Optional[Mono]:
    """The size with one symbol given a value."""
    m = normalize(m)
    if m is None:
        return None
    out = Mono(m.coef)
    for sym, power in m.syms:
        factor = Mono.of_int(value) if sym == name else Mono.symbol(sym)
        for _ in range(abs(power)):
            out = out * factor if power > 0 else out / factor
    return out


def symbol_name(name: str) -> str:
    """As the code names it: `T` for the symbol `T#3`."""
    return name.split("#")[0]


def tie(a: Optional[Mono], b: Optional[Mono]) -> None:
    """The program goes on only if sizes a and b are equal (torch checks it, as a Linear
    checks its input's last dim): make a single unknown size of them one size."""
    a, b = normalize(a), normalize(b)
    if a is None or b is None or equal(a, b) is not None:
        return
    for one, other in ((a, b), (b, a)):
        if one.coef == 1 and len(one.syms) == 1 and one.syms[0][1] == 1 and one.syms[0][0] not in symbols(other):
            current().definitions[one.syms[0][0]] = other
            return
