"""The Builder: writes a program, running each statement on every path as it goes.

Also here: `@episode`, which marks a function of the Builder as an episode (the
registry, `grammar.EPISODES`, collects the marked functions), and `new_tensor`,
the factory call every episode falls back on, with `draw_shape` and `sizes_text`.
"""

from __future__ import annotations

import inspect
import math
import re
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Optional

import torch
from hypothesis import reject
from hypothesis import strategies as st

from .judge import FILENAME, HIGH, classify, failure_line
from .program import Ctx, Program

KNOWN_INT = re.compile(r"n\d+$")
MAX_PATHS = 4
MAX_DEPTH = 2
INDENT = "    "


# ---------------------------------------------------------------- episodes


@dataclass(frozen=True)
class Episode:
    function: Callable
    code: str
    weight: int
    places: tuple  # where it may be written: "top" (module level), "body" (any block)


def episode(code: str = "", weight: int = 1, places=("top", "body")):
    """Mark an episode: a function of the Builder that writes a few statements.

    Marking registers nothing: the registry (`EPISODES`) is put together from the
    modules that define episodes, each read with `episodes_in`."""

    def mark(function):
        function.oracle_episode = Episode(function, code, weight, tuple(places))
        return function

    return mark


def episodes_in(module) -> list:
    """The episodes a module defines, in the order they are written in it."""
    marked = [f for f in vars(module).values()
              if inspect.isfunction(f) and f.__module__ == module.__name__
              and isinstance(getattr(f, "oracle_episode", None), Episode)]
    return [f.oracle_episode for f in sorted(marked, key=lambda f: f.__code__.co_firstlineno)]


# ---------------------------------------------------------------- the builder


class Builder:
    def __init__(self, draw, episodes) -> None:
        self.draw = draw
        self.episodes = tuple(episodes)  # what `episode` picks from, in registry order
        self.lines: list = []
        self.indent = 0
        self.depth = 0
        self.mode = "main"  # "main", "function"
        self.ctxs: list = [Ctx()]
        self.finished: list = []  # live paths that ended in a failure
        self.dead_previews: list = []
        self.probes: list = []
        self.definite = True
        self.counter = 0
        self.rejections = 0
        self.spare = False  # writing a helper nobody calls: facts of its arguments are unknown to torchlint
        self.helpers: list = []  # (name, extra parameter, shape and dtype of its tensor argument, returns a pair)

    # ------------------------------------------------------------ drawing

    def chance(self, p: float) -> bool:
        """True with probability p; shrinks to False."""
        return self.draw(st.integers(0, 99)) >= 100 - round(p * 100)

    def choice(self, options):
        """One of the options; shrinks to the first."""
        options = list(options)
        return options[self.draw(st.integers(0, len(options) - 1))]

    def integer(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high))

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    # ------------------------------------------------------------ writing and running

    def emit(self, text: str) -> None:
        """Write text at the current indentation: one line, or a compound statement
        whose lines are indented relative to its first."""
        for line in text.split("\n"):
            self.lines.append(INDENT * self.indent + line if line else "")

    @property
    def next_line(self) -> int:
        return len(self.lines) + 1

    def compile(self, text: str, line: int):
        return compile("\n" * (line - 1) + text, FILENAME, "exec")

    def stmt(self, text: str, emit: bool = True) -> Optional[bool]:
        """Write a simple statement and run it on every path.

        None: some path fails with no rule's failure, so it is not written (and the
        paths are rebuilt as they were); else whether any path goes on after it.
        """
        code = self.compile(text, self.next_line)
        before = [(ctx, len(ctx.stand_in.schedule)) for ctx in self.ctxs]
        results = []
        for ctx, known in before:
            results += self._run_forking(ctx, code, known)
        if any(classify(exc) == "other" and ctx.kind != "ghost" for ctx, exc in results):
            self.rejections += 1
            if self.rejections > 40:
                reject()
            self.ctxs = [ctx.copy(schedule=ctx.stand_in.schedule[:known]) for ctx, known in before]
            return None
        survivors = []
        for ctx, exc in results:
            code_ = classify(exc)
            if code_ is None or ctx.kind == "ghost" and code_ == "other":
                ctx.commit(code)
                survivors.append(ctx)
                continue
            ctx.outcome = (code_, failure_line(exc))
            if ctx.kind == "live":
                self.finished.append(ctx)
            elif ctx.kind == "preview":
                self.dead_previews.append(ctx)
        if emit:
            self.emit(text)
        self.ctxs = survivors
        return bool(survivors)

    def _run_forking(self, ctx: Ctx, code, known: int) -> list:
        exc = ctx.run(code)
        results = [(ctx, exc)]
        if ctx.kind != "live":
            return results
        schedule = list(ctx.stand_in.schedule)
        for j in range(known, len(schedule)):
            # the other outcome of a new draw, the earlier new draws as this run took them
            alternative = ctx.copy(schedule=schedule[:j] + [HIGH])
            results += self._run_forking(alternative, code, j + 1)
        return results

    def define(self, first_line: int) -> None:
        """Run a def or class written from first_line on every path (it cannot fail)."""
        text = "\n".join(self.lines[first_line - 1:])
        code = self.compile(text, first_line)
        for ctx in self.ctxs:
            exc = ctx.run(code)
            if exc is not None:
                raise AssertionError(f"defining failed: {exc!r}\n{text}")
            ctx.commit(code)

    # ------------------------------------------------------------ what the paths hold

    def values(self, name: str) -> list:
        return [ctx.lookup(name) for ctx in self.ctxs]

    def value(self, name: str):
        return self.ctxs[0].lookup(name)

    def names(self) -> list:
        scopes = [ctx.scope for ctx in self.ctxs]
        common = set(scopes[0]) if scopes else set()
        for scope in scopes[1:]:
            common &= set(scope)
        return sorted(n for n in common if not n.startswith("_"))

    def tensors(self, test: Callable = lambda t: True) -> list:
        """Names bound to tensors of one shape and dtype on every path, passing test on each."""
        found = []
        for name in self.names():
            values = self.values(name)
            first = values[0]
            if not isinstance(first, torch.Tensor):
                continue
            try:
                if all(isinstance(v, torch.Tensor) and v.shape == first.shape and v.dtype == first.dtype
                       and test(v) for v in values):
                    found.append(name)
            except RuntimeError:  # a fact torch will not tell about this tensor
                continue
        return found

    def ints(self) -> list:
        """Names of Python ints torchlint knows too: constants and sizes the generator bound
        (`n3 = 2`, `n4, n5 = x.shape`) and a helper's `k`; not values read off a tensor."""
        found = []
        for name in self.names():
            if not (KNOWN_INT.match(name) or name == "k"):
                continue
            values = self.values(name)
            if all(type(v) is int and v == values[0] for v in values):
                found.append(name)
        return found

    def pick(self, test: Callable = lambda t: True) -> Optional[str]:
        found = self.tensors(test)
        return self.choice(found) if found else None

    def peek(self, expr: str):
        """The value of a side-effect-free expression on the first path (None if it raises)."""
        ctx = self.ctxs[0]
        try:
            with torch.set_grad_enabled(ctx.grad), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return eval(expr, ctx.ns, ctx.scope)
        except Exception:
            return None

    def grad_mode(self) -> Optional[bool]:
        modes = {ctx.grad for ctx in self.ctxs}
        return modes.pop() if len(modes) == 1 else None

    def target(self, prefix: str) -> str:
        """A name to assign: usually new, sometimes an existing tensor's (rebinding it)."""
        existing = self.tensors()
        if existing and self.chance(0.15):
            return self.choice(existing)
        return self.fresh(prefix)

    def assign(self, prefix: str, expr: str) -> Optional[str]:
        name = self.target(prefix)
        done = self.stmt(f"{name} = {expr}")
        return name if done else None

    def tensor_or_new(self, test: Callable = lambda t: True, make: Optional[Callable] = None) -> Optional[str]:
        """A tensor to work on, existing or made; None when there is none, or no run
        is still going (an episode then has nothing to add)."""
        found = self.tensors(test)
        name = self.choice(found) if found and self.chance(0.8) else (make or new_tensor)(self)
        return name if self.ctxs else None

    # ------------------------------------------------------------ blocks

    @contextmanager
    def block(self, header: str, grad: Optional[bool] = None):
        self.emit(header)
        start = len(self.lines)
        for ctx in self.ctxs:
            ctx.grad_stack.append(ctx.grad)
            if grad is not None:
                ctx.grad = grad
        self.indent += 1
        self.depth += 1
        try:
            yield
        finally:
            if len(self.lines) == start:
                self.emit("pass")
            self.indent -= 1
            self.depth -= 1
            for ctx in self.ctxs:
                ctx.grad = ctx.grad_stack.pop()

    def body(self, low: int = 1, high: int = 3) -> None:
        for _ in range(self.integer(low, high)):
            if not self.ctxs:
                return
            self.episode("body")

    def if_block(self, condition: str, then_body: Callable, else_body: Optional[Callable] = None) -> bool:
        """`if condition:` (and `else:`), each body written on the paths that take it, or
        on a ghost when none does (torchlint must not report in it)."""
        if not self.ctxs or not self.stmt(f"__cond__ = bool({condition})", emit=False):
            return False
        paths = self.ctxs
        then = [c for c in paths if c.scope.get("__cond__")]
        other = [c for c in paths if not c.scope.get("__cond__")]
        survivors = []
        for header, taken, skipped, write in (("if", then, other, then_body), ("else", other, then, else_body)):
            if write is None:
                survivors += taken
                continue
            self.ctxs = taken or [skipped[0].copy(kind="ghost")]
            with self.block(f"if {condition}:" if header == "if" else "else:"):
                write()
            survivors += [c for c in self.ctxs if c.kind != "ghost"]
        self.ctxs = survivors
        return True

    def function(self, name: str, params: list, calls: list, body: Callable, decorator: Optional[str] = None,
                 fresh_paths: Optional[list] = None) -> bool:
        """Write `def name(params)` whose body `body` writes, run as each planned call
        (args text, grad mode) will run it; then define it on every path."""
        decorated = {"@torch.no_grad()": False, "@torch.enable_grad()": True}.get(decorator or "")
        previews = []
        bases = fresh_paths if fresh_paths is not None else self.ctxs
        for base in bases:
            for index, (args, grad) in enumerate(calls):
                preview = base.copy(kind="preview")
                preview.locals = {}
                preview.tag = index
                preview.grad = grad if decorated is None else decorated
                binding = compile(f"({', '.join(params)},) = ({args},)", "<binding>", "exec")
                if preview.run(binding) is not None:
                    return False
                preview.commit(binding)
                previews.append(preview)
        first = self.next_line
        if decorator:
            self.emit(decorator)
        saved, mode = self.ctxs, self.mode
        self.ctxs, self.mode = previews, "function"
        with self.block(f"def {name}({', '.join(params)}):"):
            body()
        self.ctxs, self.mode = saved, mode
        self.define(first)
        return True

    def returns(self, name: Optional[str]) -> None:
        """`return name`: the paths in this body stop here."""
        self.emit(f"return {name}" if name else "return")
        self.ctxs = []

    # ------------------------------------------------------------ picking episodes

    def episode(self, place: str) -> None:
        options = [e for e in self.episodes if place in e.places]
        weighted = [e for e in options for _ in range(e.weight)]
        self.choice(weighted).function(self)

    # ------------------------------------------------------------ the record

    def program(self) -> Program:
        paths = self.finished + [c for c in self.ctxs if c.kind == "live"]
        schedules = [list(c.stand_in.schedule) for c in paths]
        expected = [c.outcome for c in paths]
        for probe in self.probes:
            expected.append(probe[1])
        pitfalls = sorted({o for o in expected if o[0] is not None})
        return Program("\n".join(self.lines) + "\n", schedules, expected, [p for p, _ in self.probes],
                       self.definite and len(paths) == 1 and not self.probes, pitfalls)


# ---------------------------------------------------------------- building blocks

FLOAT_DTYPES = ("", "torch.float64", "torch.float32")
INT_DTYPES = ("torch.int64", "torch.int32")


def draw_shape(b: Builder, low_rank: int = 0, high_rank: int = 4) -> tuple:
    rank = b.integer(low_rank, high_rank)
    return tuple(b.choice((2, 3, 4, 1, 5)) for _ in range(rank))


def sizes_text(shape: tuple, form: int = 0) -> str:
    inner = ", ".join(str(d) for d in shape)
    if form == 1 or not shape:
        return f"({inner}{',' if len(shape) == 1 else ''})"
    if form == 2:
        return f"size=({inner}{',' if len(shape) == 1 else ''})"
    return inner


def new_tensor(b: Builder, shape: Optional[tuple] = None, floating: Optional[bool] = None,
               grad: Optional[bool] = None) -> Optional[str]:
    """A factory call: a new tensor of a drawn shape, dtype and requires_grad."""
    if shape is None:
        shape = draw_shape(b)
    if floating is None:
        floating = not b.chance(0.2)
    wants_grad = floating and (grad if grad is not None else b.chance(0.45))
    options = []
    dtype = b.choice(FLOAT_DTYPES) if floating else b.choice(INT_DTYPES)
    extra = []
    if dtype:
        extra.append(f"dtype={dtype}")
    if wants_grad:
        extra.append("requires_grad=True")
    tail = "".join(", " + e for e in extra)
    form = b.integer(0, 2)
    numel = math.prod(shape)
    if floating:
        options += [f"torch.randn({sizes_text(shape, form)}{tail})", f"torch.rand({sizes_text(shape, form)}{tail})",
                    f"torch.ones({sizes_text(shape, form)}{tail})", f"torch.zeros({sizes_text(shape, form)}{tail})",
                    f"torch.full({sizes_text(shape, 1)}, 0.5{tail})"]
        if len(shape) == 1:
            options.append(f"torch.linspace(0, 1, {shape[0]}{tail})")
            options.append(f"torch.arange({shape[0]}.{tail})")
        if len(shape) == 2 and shape[0] == shape[1]:
            options.append(f"torch.eye({shape[0]}{tail})")
        if len(shape) >= 2 and not wants_grad:
            options.append(f"torch.arange({numel}.).reshape({sizes_text(shape)})")
        if len(shape) <= 2 and numel <= 6:
            options.append(f"torch.tensor({literal(shape, 1.5)}{tail})")
    else:
        options += [f"torch.randint(0, 5, {sizes_text(shape, 1)}{tail})",
                    f"torch.zeros({sizes_text(shape, form)}{tail})", f"torch.ones({sizes_text(shape, form)}{tail})"]
        if len(shape) == 1:
            options.append(f"torch.arange({shape[0]})")
        if len(shape) >= 2:
            options.append(f"torch.arange({numel}).view({sizes_text(shape)})")
        if len(shape) <= 2 and numel <= 6:
            options.append(f"torch.tensor({literal(shape, 2)})")
    return b.assign(b.choice(("x", "t", "a", "w")), b.choice(options))


def literal(shape: tuple, value) -> str:
    if not shape:
        return repr(value)
    return "[" + ", ".join(literal(shape[1:], value) for _ in range(shape[0])) + "]"
