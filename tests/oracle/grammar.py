"""Hypothesis strategies that write small PyTorch programs, running them as they go.

Each statement is run, as soon as it is written, on every path the program can
take (`Ctx`): so the generator knows the shape, dtype and grad facts of every
value, writes only statements that are valid PyTorch, and knows where torch
fails. A path is one schedule of `random.random()` outcomes: a statement that
draws a new one forks the path. A helper's body is run as its planned calls will
run it (on replayed copies, "previews"); a branch no path reaches is written
from a "ghost" copy whose errors do not matter.

Episodes write a few statements each. They are registered with `@episode(code)`,
`code` being the rule they are about ("" for the shared vocabulary), and picked
by weight. A new rule adds its episodes here; the judge knows its failure from
its repro.
"""

from __future__ import annotations

import inspect
import math
import re
import sys
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Optional

import torch
from hypothesis import reject
from hypothesis import strategies as st

from .judge import FILENAME, HIGH, RandomStandIn, classify, failure_line, run_code

KNOWN_INT = re.compile(r"n\d+$")
MAX_PATHS = 4
MAX_DEPTH = 2
INDENT = "    "
PRELUDE = ("import random", "import torch", "import torch.nn as nn", "import torch.nn.functional as F")


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
    """

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

    @property
    def scope(self) -> dict:
        return self.ns if self.locals is None else self.locals

    def lookup(self, name: str):
        if self.locals is not None and name in self.locals:
            return self.locals[name]
        return self.ns.get(name)

    def run(self, code) -> Optional[BaseException]:
        return run_code(code, self.ns, self.locals, self.stand_in, self.grad)

    def commit(self, code) -> None:
        self.units.append((code, self.grad, self.locals is not None))

    def copy(self, kind: Optional[str] = None, schedule=None) -> "Ctx":
        """A new context that has run the same units (new objects, same facts)."""
        new = Ctx(kind or self.kind, self.stand_in.schedule if schedule is None else schedule, self.grad,
                  self.locals is not None)
        new.grad_stack = list(self.grad_stack)
        new.tag = self.tag
        for code, grad, local in self.units:
            exc = run_code(code, new.ns, new.locals if local else None, new.stand_in, grad)
            if exc is not None:
                raise AssertionError(f"replaying a generated program failed: {exc!r}")
            new.units.append((code, grad, local))
        return new


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
        self.lines.append(INDENT * self.indent + text if text else "")

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


def floating(t: torch.Tensor) -> bool:
    return t.dtype.is_floating_point


def rank_at_least(k: int) -> Callable:
    return lambda t: t.dim() >= k


def requires_grad(t: torch.Tensor) -> bool:
    return t.requires_grad


def graph_intact(t: torch.Tensor) -> bool:
    """Can backward run through t's graph: nothing freed, nothing saved modified in place."""
    seen, stack = set(), [t.grad_fn]
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        for attr in dir(node):
            if attr.startswith("_saved_"):
                try:
                    getattr(node, attr)
                except Exception:
                    return False
        stack.extend(n for n, _ in node.next_functions)
    return True


def broadcastable(a: tuple, b: tuple) -> bool:
    try:
        torch.broadcast_shapes(a, b)
        return True
    except RuntimeError:
        return False


def dim_text(b: Builder, d: int, rank: int) -> str:
    return str(d - rank) if rank and b.chance(0.25) else str(d)


# ---------------------------------------------------------------- the shared vocabulary


@episode(weight=6)
def factory(b: Builder) -> None:
    new_tensor(b)


@episode(weight=1)
def parameter(b: Builder) -> None:
    shape = draw_shape(b, 1, 3)
    init = b.choice(("torch.randn", "torch.zeros", "torch.ones"))
    flag = b.choice(("", ", requires_grad=False", ", requires_grad=True"))
    b.assign("p", f"nn.Parameter({init}({sizes_text(shape)}){flag})")


@episode(weight=2)
def linear_layer(b: Builder) -> None:
    x = b.tensor_or_new(lambda t: floating(t) and t.dim() >= 1 and t.dtype == torch.float32,
                        lambda b: new_tensor(b, draw_shape(b, 1, 3), floating=True))
    if x is None:
        return
    t = b.value(x)
    if t.dtype != torch.float32 or t.dim() == 0:
        return
    layer = b.fresh("layer")
    bias = b.choice(("", ", bias=False"))
    out = b.choice((3, 2, 4, 1))
    activation = b.choice(("ReLU", "Tanh", "Identity"))
    make = b.choice((f"nn.Linear({t.shape[-1]}, {out}{bias})",
                     f"nn.Sequential(nn.Linear({t.shape[-1]}, {out}{bias}), nn.{activation}())"))
    if b.stmt(f"{layer} = {make}") is None:
        return
    if make.startswith("nn.Sequential"):
        b.assign("h", f"{layer}({x})")
        return
    if b.chance(0.2):
        b.stmt(b.choice((f"{layer}.requires_grad_(False)", f"{layer}.eval()", f"{layer}.train()")))
    if b.chance(0.3):
        b.assign("w", f"{layer}.{b.choice(('weight', 'bias' if not bias else 'weight'))}")
    b.assign("h", b.choice((f"{layer}({x})", f"{layer}.forward({x})", f"F.linear({x}, {layer}.weight)")))


@episode(weight=4)
def elementwise(b: Builder) -> None:
    x = b.tensor_or_new()
    if x is None:
        return
    t = b.value(x)
    fl = floating(t)
    unary = [f"{x} * 2", f"-{x}", f"{x}.abs()", f"{x} + 1", f"torch.abs({x})", f"{x}.clamp(0, 3)",
             f"{x}.float()", f"{x}.double()", f"{x}.long()", f"{x} > 0", f"{x}.to(torch.float64)",
             f"{x}.flip(0)" if t.dim() else f"{x} - 1"]
    if t.dim():
        unary += [f"{x}.cumsum(0)", f"{x}.roll(1, 0)", f"{x}.masked_fill({x} > 0, 0)", f"{x}.flip(-1)",
                  f"{x}.repeat({', '.join(['1'] * t.dim())})", f"{x}.index_select(0, torch.tensor([0]))"]
    if t.dim() >= 2:
        unary += [f"{x}.tril()", f"torch.triu({x})"]
    if fl:
        unary += [f"{x}.exp()", f"torch.relu({x})", f"F.relu({x})", f"{x}.sigmoid()", f"torch.tanh({x})",
                  f"{x} ** 2", f"{x}.pow(2)", f"{x} / 3", f"0.5 * {x}", f"{x}.clamp(min=0)", f"F.gelu({x})",
                  f"torch.where({x} > 0, {x}, 0.0)", f"{x}.softmax(-1)" if t.dim() else f"{x}.sqrt()",
                  f"{x}.half().float()", f"{x}.type_as({x})"]
    else:
        unary += [f"{x} // 2", f"{x} * 0.5", f"{x} / 2", f"{x}.float() + 1"]
    others = [n for n in b.tensors(lambda u: broadcastable(tuple(u.shape), tuple(t.shape))) if n != x]
    if others and b.chance(0.5):
        y = b.choice(others)
        binary = [f"{x} + {y}", f"{x} * {y}", f"{y} - {x}", f"torch.maximum({x}, {y})", f"{x}.add({y}, alpha=2)",
                  f"torch.where({y} > 0, {x}, {y})", f"torch.mul({x}, {y})"]
        if b.value(y).shape == t.shape and b.value(y).dtype == t.dtype:
            binary += [f"torch.stack([{x}, {y}])", f"torch.cat([{x}, {y}])" if t.dim() else f"torch.stack(({x}, {y}))",
                       f"torch.cat(({x}, {y}), dim=-1)" if t.dim() else f"{x} + {y}"]
        expr = b.choice(binary)
    else:
        expr = b.choice(unary)
    b.assign(b.choice(("y", "z", "h")), expr)


@episode(weight=2)
def matmul(b: Builder) -> None:
    x = b.tensor_or_new(lambda t: floating(t) and t.dim() >= 1 and t.dtype == torch.float32,
                        lambda b: new_tensor(b, draw_shape(b, 1, 3), floating=True))
    if x is None or b.value(x).dtype != torch.float32 or b.value(x).dim() == 0:
        return
    t = b.value(x)
    k = t.shape[-1]
    partners = [n for n in b.tensors(lambda u: u.dtype == torch.float32 and u.dim() == 2 and u.shape[0] == k)]
    if partners and b.chance(0.6):
        w = b.choice(partners)
    else:
        w = new_tensor(b, (k, b.choice((2, 3, 1))), floating=True)
        if w is None or b.value(w).dtype != torch.float32:
            return
    forms = [f"{x} @ {w}", f"torch.matmul({x}, {w})", f"{x}.matmul({w})"]
    if t.dim() == 2:
        forms.append(f"{x}.mm({w})")
    b.assign("m", b.choice(forms))


@episode(weight=3)
def reduction(b: Builder) -> None:
    x = b.tensor_or_new()
    if x is None:
        return
    t = b.value(x)
    fl = floating(t)
    forms = [f"{x}.sum()", f"torch.sum({x})", f"{x}.max()", f"{x}.amax()" if t.dim() else f"{x}.sum()"]
    if fl:
        forms += [f"{x}.mean()", f"{x}.norm()", f"{x}.mean().item()", f"{x}.sum().item()"]
        if t.numel() > 1:
            forms.append(f"{x}.std()")
    if t.dim():
        d = b.integer(0, t.dim() - 1)
        dt = dim_text(b, d, t.dim())
        keep = b.choice(("", ", keepdim=True"))
        forms += [f"{x}.sum({dt}{keep})", f"{x}.sum(dim={dt}{keep})", f"{x}.amax(dim={dt})",
                  f"{x}.prod({dt})", f"torch.sum({x}, {dt}{keep})"]
        if fl:
            forms += [f"{x}.mean({dt}{keep})", f"{x}.mean(dim={dt})", f"{x}.logsumexp({dt})"]
        if t.dim() >= 2:
            forms.append(f"{x}.sum(dim=(0, 1){keep})")
            if fl:
                forms.append(f"{x}.mean((0, -1))")
    b.assign(b.choice(("s", "r", "total")), b.choice(forms))


@episode(weight=3)
def indices(b: Builder) -> None:
    """max/min/topk/sort with their indices, argmax, argsort."""
    x = b.tensor_or_new(lambda t: t.dim() >= 1)
    if x is None or b.value(x).dim() == 0:
        return
    t = b.value(x)
    d = b.integer(0, t.dim() - 1)
    dt = dim_text(b, d, t.dim())
    k = b.integer(1, t.shape[d])
    pair = [f"{x}.max(dim={dt})", f"{x}.min({dt})", f"{x}.sort(dim={dt})", f"torch.sort({x}, descending=True)",
            f"{x}.topk({k}, dim={dt})", f"torch.topk({x}, {k})" if d == t.dim() - 1 else f"{x}.topk({k}, {dt})",
            f"{x}.sort({dt}, descending=True)", f"{x}.max({dt}, keepdim=True)", f"{x}.kthvalue({k}, {dt})"]
    single = [f"{x}.argmax()", f"{x}.argmax(dim={dt})", f"{x}.argsort(dim={dt})", f"torch.argmax({x}, {dt})",
              f"{x}.topk({k}, dim={dt})[0]", f"{x}.sort({dt})[1]", f"{x}.max({dt})[0]"]
    if b.chance(0.6):
        values, where = b.fresh("vals"), b.fresh("idx")
        b.stmt(f"{values}, {where} = {b.choice(pair)}")
    else:
        b.assign("i", b.choice(single))


@episode(weight=3)
def detached(b: Builder) -> None:
    x = b.tensor_or_new()
    if x is None:
        return
    forms = [f"{x}.detach()", f"{x}.data", f"{x}.clone()", f"{x}.detach().clone()", f"{x}.clone().detach()",
             f"torch.clone({x})", f"{x}.detach().requires_grad_()" if floating(b.value(x)) else f"{x}.data",
             f"torch.detach({x})", f"{x}.to(torch.float32)", f"{x}.type_as({x})"]
    b.assign(b.choice(("d", "c", "y")), b.choice(forms))


@episode(weight=2)
def names(b: Builder) -> None:
    """Assignments through several names and tuple unpacking."""
    found = b.tensors()
    if not found:
        new_tensor(b)
        return
    x = b.choice(found)
    t = b.value(x)
    kind = b.integer(0, 4)
    if kind == 0:
        if b.chance(0.3) and t.dim() >= 2:
            b.stmt(f"{b.fresh('alias')} = {b.fresh('alias')} = {x}.transpose(0, 1)")
        else:
            b.stmt(f"{b.fresh('alias')} = {x}")
    elif kind == 1 and len(found) >= 2:
        y = b.choice([n for n in found if n != x])
        b.stmt(b.choice((f"{x}, {y} = {y}, {x}", f"{b.fresh('u')}, {b.fresh('v')} = {x}, {y}")))
    elif kind == 2 and t.dim() >= 1:
        d = b.integer(0, t.dim() - 1)
        size = t.shape[d]
        if size < 2:
            return
        chunks = b.integer(2, min(size, 3))
        per = -(-size // chunks)
        count = -(-size // per)
        targets = ", ".join(b.fresh("part") for _ in range(count))
        b.stmt(b.choice((f"{targets} = {x}.chunk({chunks}, dim={d})", f"{targets} = torch.chunk({x}, {chunks}, {d})",
                         f"{targets} = {x}.split({per}, dim={d})")))
    elif kind == 3 and t.dim() >= 1:
        sizes = ", ".join(b.fresh("n") for _ in range(t.dim())) + ("," if t.dim() == 1 else "")
        b.stmt(b.choice((f"{sizes} = {x}.shape", f"{sizes} = {x}.size()")))
    else:
        read = b.choice((f"{x}.dim()", f"{x}.numel()", f"len({x})" if t.dim() else f"{x}.dim()"))
        b.stmt(f"{b.fresh('n')} = {read}")


@episode(weight=2)
def in_place(b: Builder) -> None:
    grad = b.grad_mode()

    def writable(t: torch.Tensor) -> bool:
        if torch._debug_has_internal_overlap(t) != 0:
            return False
        if grad is not False and t.requires_grad and (t.is_leaf or (t._base is not None and t._base.is_leaf)):
            return False
        return True

    x = b.pick(writable)
    if x is None:
        new_tensor(b)
        return
    t = b.value(x)
    fl = floating(t)
    forms = [f"{x}.add_(1)", f"{x}.mul_(2)", f"{x}.zero_()", f"{x}.fill_(1)", f"{x} += 1", f"{x} *= 2",
             f"{x}.clamp_(0, 3)"]
    if fl:
        forms += [f"{x}.mul_(0.5)", f"{x}.relu_()", f"{x}.sub_(0.1)", f"{x} /= 2"]
    if t.dim() >= 1:
        forms += [f"{x}[0] = 0", f"{x}[..., 0] = 1" if t.dim() >= 1 else f"{x}.add_(1)"]
    others = [n for n in b.tensors(lambda u: broadcastable(tuple(u.shape), tuple(t.shape))
                                   and torch.broadcast_shapes(u.shape, t.shape) == t.shape
                                   and (fl or not floating(u)))
              if n != x]
    if others:
        y = b.choice(others)
        forms += [f"{x}.add_({y})", f"{x}.copy_({y})", f"{x} += {y}"]
    b.stmt(b.choice(forms))


@episode(weight=2)
def grad_flags(b: Builder) -> None:
    """requires_grad_() and .requires_grad = on leaves."""
    x = b.pick(lambda t: floating(t) and t.is_leaf)
    if x is None:
        new_tensor(b, floating=True)
        return
    b.stmt(b.choice((f"{x}.requires_grad_()", f"{x}.requires_grad = True", f"{x}.requires_grad_(True)",
                     f"{x}.requires_grad_(False)", f"{x}.requires_grad = False")))


@episode(weight=2)
def grads(b: Builder) -> None:
    """retain_grad() and .grad reads."""
    x = b.pick(requires_grad)
    if x is None:
        new_tensor(b, floating=True, grad=True)
        return
    values = b.values(x)
    forms = [f"{b.fresh('g')} = {x}.grad", f"{x}.retain_grad()", f"{x}.grad = None"]
    if all(v.is_leaf and v.grad is not None for v in values):
        forms += [f"{x}.grad.zero_()", f"{b.fresh('g')} = {x}.grad.numpy()", f"{b.fresh('g')} = {x}.grad.clone()",
                  f"{b.fresh('g')} = {x}.grad * 2"]
    b.stmt(b.choice(forms))


@episode(weight=1)
def constants(b: Builder) -> None:
    b.stmt(f"{b.fresh('n')} = {b.choice((3, 2, 1, 4, 0))}")


# ---------------------------------------------------------------- TL001 numpy-on-grad-tensor


@episode("TL001", weight=4)
def to_numpy(b: Builder) -> None:
    x = b.tensor_or_new()
    if x is None:
        return
    t = b.value(x)
    forms = [f"{x}.numpy()", f"{x}.detach().numpy()", f"{x}.cpu().numpy()", f"{x}.detach().cpu().numpy()",
             f"{x}.data.numpy()", f"{x}.clone().numpy()", f"({x} * 2).numpy()", f"{x}.numpy().sum()",
             f"{x}.tolist()", f"{x}.clone().detach().numpy()", f"{x}.float().numpy()"]
    if t.dim():
        forms += [f"{x}[0].numpy()", f"{x}.sum(0).numpy()"]
    if t.numel() == 1:
        forms.append(f"{x}.item()")
    if b.chance(0.5):
        b.assign("arr", b.choice(forms))
    else:
        b.stmt(b.choice(forms))


# ---------------------------------------------------------------- TL002 view-on-non-contiguous


def layout_step(b: Builder, expr: str, t: torch.Tensor) -> Optional[str]:
    """expr with one layout-changing (or layout-keeping) operation applied."""
    r = t.dim()
    options = ["contiguous", "clone", "elementwise", "unsqueeze"]
    if r >= 2:
        options += ["transpose"] * 3 + ["permute"] * 2 + ["mT", "T"]
    if r == 2:
        options += ["t"] * 2
    if r >= 1:
        options += ["slice", "expand", "narrow", "T"]
    if any(d == 1 for d in t.shape):
        options += ["expand"] * 2 + ["squeeze"]
    op = b.choice(options)
    if op == "contiguous":
        return f"{expr}.contiguous()"
    if op == "clone":
        return b.choice((f"{expr}.clone()", f"{expr}.detach()", f"{expr}.float()"))
    if op == "elementwise":
        return b.choice((f"({expr} * 2)", f"torch.relu({expr})" if floating(t) else f"({expr} + 1)", f"{expr}.abs()",
                         f"{expr}.cumsum(-1)" if r else f"{expr}.abs()", f"F.pad({expr}, (1, 1))" if r else f"-{expr}",
                         f"{expr}.softmax(-1)" if r and floating(t) else f"({expr} - 1)",
                         f"({expr} + torch.ones({', '.join(str(d) for d in t.shape)}{dtype_arg(t)}))"))
    if op == "unsqueeze":
        return f"{expr}.unsqueeze({b.integer(0, r)})"
    if op == "squeeze":
        return f"{expr}.squeeze()"
    if op == "transpose":
        i, j = b.integer(0, r - 1), b.integer(0, r - 1)
        return b.choice((f"{expr}.transpose({dim_text(b, i, r)}, {dim_text(b, j, r)})",
                         f"torch.transpose({expr}, {i}, {j})", f"{expr}.swapaxes({i}, {j})"))
    if op == "permute":
        order = b.draw(st.permutations(range(r)))
        inner = ", ".join(str(d) for d in order)
        return b.choice((f"{expr}.permute({inner})", f"{expr}.permute(({inner}))", f"torch.permute({expr}, ({inner}))"))
    if op == "t":
        return b.choice((f"{expr}.t()", f"torch.t({expr})"))
    if op == "T":
        return f"{expr}.T"
    if op == "mT":
        return f"{expr}.mT"
    if op == "slice":
        d = b.integer(0, r - 1)
        if t.shape[d] < 2:
            return f"{expr}[{', '.join([':'] * d + ['0:'])}]"
        part = b.choice(("1:", ":-1", "::2", f":{t.shape[d] - 1}"))
        lead = ["..."] if d == r - 1 and r > 1 and b.chance(0.5) else [":"] * d
        return b.choice((f"{expr}[{', '.join(lead + [part])}]", f"{expr}.narrow({d}, 1, {t.shape[d] - 1})"))
    if op == "narrow":
        d = b.integer(0, r - 1)
        return f"{expr}.narrow({d}, 0, {b.integer(1, t.shape[d])})"
    if op == "expand":
        ones = [i for i, d in enumerate(t.shape) if d == 1]
        if ones:
            sizes = [str(b.choice((2, 3))) if i in ones else b.choice((str(d), "-1")) for i, d in enumerate(t.shape)]
            return f"{expr}.expand({', '.join(sizes)})"
        k = b.choice((2, 3))
        return b.choice((f"{expr}.unsqueeze(0).expand({k}, {', '.join(str(d) for d in t.shape)})",
                         f"{expr}[None].expand({k}, {', '.join('-1' for _ in t.shape)})"))
    return None


def dtype_arg(t: torch.Tensor) -> str:
    return ", dtype=" + str(t.dtype) if t.dtype != torch.float32 else ""


def factorizations(n: int, parts: int) -> list:
    if parts == 1:
        return [(n,)]
    found = []
    for d in range(1, n + 1):
        if n % d == 0:
            found += [(d,) + rest for rest in factorizations(n // d, parts - 1)]
    return found


def view_sizes(b: Builder, shape: tuple) -> str:
    """Sizes for view/reshape of a tensor of this shape: its own, merged, split, flat."""
    numel = math.prod(shape)
    r = len(shape)
    kinds = ["flat", "factor", "same", "merge", "split", "minus"]
    kind = b.choice(kinds)
    if kind == "flat":
        return b.choice(("-1", str(numel), "(-1,)"))
    if kind == "same" and r:
        return ", ".join(str(d) for d in shape)
    if kind == "merge" and r >= 2:
        i = b.integer(0, r - 2)
        merged = shape[:i] + (shape[i] * shape[i + 1],) + shape[i + 2:]
        return ", ".join(str(d) for d in merged)
    if kind == "split" and r >= 1:
        i = b.integer(0, r - 1)
        split = shape[:i] + (1, shape[i]) + shape[i + 1:]
        return ", ".join(str(d) for d in split)
    if kind == "minus" and r >= 1:
        i = b.integer(0, r - 1)
        one_inferred = ", ".join("-1" if j == i else str(d) for j, d in enumerate(shape))
        return b.choice((f"{shape[0]}, -1", f"-1, {shape[-1]}", one_inferred))
    options = factorizations(numel, b.integer(1, 3))
    sizes = b.choice(options)
    return ", ".join(str(d) for d in sizes)


def named_sizes(b: Builder, sizes: str, source: str) -> str:
    """Some literal sizes written as names bound to them, or as sizes read off a tensor."""
    if "(" in sizes or not b.chance(0.4):
        return sizes
    ints = {b.value(n): n for n in b.ints()}
    held = b.value(source)
    out = []
    for item in sizes.split(", "):
        if item.lstrip("-").isdigit() and int(item) > 0 and b.chance(0.6):
            value = int(item)
            reads = [f"{source}.size({i})" for i, d in enumerate(held.shape) if d == value]
            reads += [f"{source}.shape[{i}]" for i, d in enumerate(held.shape) if d == value]
            if value in ints:
                reads.append(ints[value])
            if reads:
                item = b.choice(reads)
        out.append(item)
    return ", ".join(out)


@episode("TL002", weight=6)
def view_after_layout(b: Builder) -> None:
    x = b.tensor_or_new(lambda t: t.dim() >= 1 and t.numel() > 0,
                        lambda b: new_tensor(b, draw_shape(b, 2, 4)))
    if x is None:
        return
    expr = x
    for _ in range(b.integer(1, 3)):
        t = b.peek(expr)
        if t is None:
            return
        step = layout_step(b, expr, t)
        if step is None or b.peek(step) is None:
            continue
        expr = step
        if b.chance(0.3):
            name = b.assign("y", expr)
            if name is None:
                return
            expr = name
    t = b.peek(expr)
    if t is None or t.numel() == 0:
        return
    if "." not in expr and "[" not in expr and b.chance(0.2):
        alias = b.fresh("v")
        b.stmt(f"{alias} = {expr}")
        expr = alias
    sizes = named_sizes(b, view_sizes(b, tuple(t.shape)), x)
    same_numel = [n for n in b.tensors(lambda u: u.numel() == t.numel())]
    method = b.choice(("view", "view", "view", "reshape", "contiguous().view", "view_as", "flatten"))
    if method == "view_as" and same_numel:
        call = f"{expr}.view_as({b.choice(same_numel)})"
    elif method == "flatten":
        call = b.choice((f"{expr}.flatten()", f"{expr}.flatten(1)" if t.dim() >= 2 else f"{expr}.flatten()"))
    elif method == "view_as":
        call = f"{expr}.view({sizes})"
    else:
        form = b.integer(0, 2)
        if form == 1 and "-1" not in sizes:
            call = f"{expr}.{method}(({sizes}{',' if ',' not in sizes else ''}))"
        else:
            call = f"{expr}.{method}({sizes})"
    b.assign(b.choice(("flat", "v", "y")), call)


# ---------------------------------------------------------------- TL003 backward-on-non-scalar


@episode("TL003", weight=4)
def backward(b: Builder) -> None:
    ready = lambda t: floating(t) and t.requires_grad and graph_intact(t)  # noqa: E731
    y = b.pick(ready)
    if y is None:
        x = new_tensor(b, floating=True, grad=True)
        if x is None or not b.ctxs:
            return
        y = b.assign("y", b.choice((f"{x} * 2", f"{x}.exp()", f"({x} ** 2).sum()", f"{x} + 1")))
        if y is None or not all(ready(v) for v in b.values(y)):
            return
    t = b.value(y)
    retain = b.choice(("", "", ", retain_graph=True"))
    forms = [f"{y}.backward({retain[2:]})", f"{y}.sum().backward({retain[2:]})", f"{y}.mean().backward()",
             f"{y}.backward(torch.ones_like({y}){retain})", f"{y}.backward(gradient=torch.ones_like({y}))",
             f"torch.autograd.backward({y})", f"torch.autograd.backward({y}, torch.ones_like({y}))",
             f"torch.autograd.backward({y}.sum())", f"{y}.backward(gradient=None)",
             f"torch.autograd.backward({y}, grad_tensors=torch.ones_like({y}))"]
    if t.dim():
        d = b.integer(0, t.dim() - 1)
        forms += [f"{y}.sum(dim={d}).backward()", f"{y}[0].backward()", f"{y}.sum({d}, keepdim=True).backward()"]
    if t.dim() and b.chance(0.2):
        loss = b.fresh("loss")
        reduction = b.choice(("", ", reduction='none'", ", reduction='sum'", ", reduction='mean'"))
        criterion = b.choice((f"F.mse_loss({y}, torch.zeros_like({y}){reduction})",
                              f"nn.MSELoss({reduction[2:]})({y}, torch.ones_like({y}))",
                              f"F.l1_loss({y}, {y}.detach(){reduction})",
                              f"nn.L1Loss({reduction[2:]})({y}, torch.zeros_like({y}))"))
        if not b.stmt(f"{loss} = {criterion}"):
            return
        b.stmt(b.choice((f"{loss}.backward()", f"torch.autograd.backward({loss})",
                         f"{loss}.backward(torch.ones_like({loss}))")))
        return
    if b.chance(0.3):
        loss = b.fresh("loss")
        reduced = b.choice((f"{y}.sum()", f"({y} ** 2).mean()", f"{y}.mean(0)" if t.dim() else f"{y} * 2",
                            f"{y}.norm()"))
        if not b.stmt(f"{loss} = {reduced}"):
            return
        b.stmt(b.choice((f"{loss}.backward()", f"torch.autograd.backward({loss})")))
        return
    b.stmt(b.choice(forms))


# ---------------------------------------------------------------- TL004 copy-construct-from-tensor


@episode("TL004", weight=4)
def copy_construct(b: Builder) -> None:
    x = b.tensor_or_new()
    if x is None:
        return
    t = b.value(x)
    fl = floating(t)
    forms = [f"torch.tensor({x})", f"torch.tensor({x}.tolist())", f"torch.as_tensor({x})",
             f"{x}.clone().detach()", "torch.tensor([1.0, 2.0])", f"{x}.new_tensor([1, 2, 3])",
             f"torch.tensor({x}, dtype=torch.float64)", f"{x}.new_tensor({x})", f"torch.tensor({x}.detach().numpy())",
             "torch.tensor(3.5)", f"{x}.detach().clone()", f"torch.tensor({x}.shape)" if t.dim() else "torch.tensor(0)",
             f"torch.as_tensor({x}.tolist())"]
    if fl:
        forms += [f"torch.tensor({x}, requires_grad=True)", f"{x}.new_tensor({x}.detach(), requires_grad=True)",
                  f"torch.tensor({x}.detach())"]
    if t.numel() == 1:
        forms.append(f"torch.tensor({x}.item())")
    ints = b.ints()
    if ints:
        forms.append(f"torch.tensor({b.choice(ints)})")
    others = [n for n in b.tensors() if n != x]
    if others:
        other = b.choice(others)
        forms += [f"{other}.new_tensor({x})", f"{other}.new_tensor({x}.tolist())",
                  f"torch.tensor([{x}.sum().item(), 1.0])"]
    b.assign(b.choice(("c", "copy", "y")), b.choice(forms))


# ---------------------------------------------------------------- TL005 as-strided-negative-stride


@episode("TL005", weight=3)
def as_strided(b: Builder) -> None:
    x = b.tensor_or_new(lambda t: t.numel() > 0)
    if x is None:
        return
    t = b.value(x)
    if t.numel() == 0:
        return
    storage = t.untyped_storage().nbytes() // t.element_size()
    rank = b.integer(1, 2)
    # strides: (text, value)
    entries = []
    named = {}
    for _ in range(rank):
        kind = b.choice(("literal", "literal", "stride", "named", "negative"))
        if kind == "literal" or t.dim() == 0:
            value = b.integer(0, 3)
            entries.append((str(value), value))
        elif kind == "stride":
            d = b.integer(0, t.dim() - 1)
            value = t.stride(d)
            entries.append((f"{x}.stride({d})", value))
        elif kind == "named":
            d = b.integer(0, t.dim() - 1)
            if d not in named:
                named[d] = b.fresh("s")
                if not b.stmt(f"{named[d]} = {x}.stride({d})"):
                    return
            sign = b.choice(("", "-"))
            value = t.stride(d) * (-1 if sign else 1)
            entries.append((f"{sign}{named[d]}", value))
        else:
            form = b.integer(0, 2)
            if form == 0 or t.dim() == 0:
                value = -b.integer(1, 2)
                entries.append((str(value), value))
            else:
                d = b.integer(0, t.dim() - 1)
                entries.append((f"-{x}.stride({d})", -t.stride(d)))
    sizes = [b.integer(1, 3) for _ in range(rank)]
    offset = b.choice((None, None, 0, 1))
    base = t.storage_offset() if offset is None else offset
    negative = any(v < 0 for _, v in entries)
    if not negative and base + sum((n - 1) * s for n, (_, s) in zip(sizes, entries)) >= storage:
        sizes = [1] * rank
        if base >= storage:
            offset, base = 0, 0
    size_text = "(" + ", ".join(map(str, sizes)) + ("," if rank == 1 else "") + ")"
    stride_text = "(" + ", ".join(text for text, _ in entries) + ("," if rank == 1 else "") + ")"
    if rank == t.dim() and b.chance(0.15):
        size_text, stride_text = f"{x}.size()", b.choice((f"{x}.stride()", f"{x}.stride()[::-1]"))
        if t.dim() >= 2 and base + sum((n - 1) * s for n, s in zip(t.shape, t.stride()[::-1])) >= storage:
            stride_text = f"{x}.stride()"
    if b.chance(0.25):
        held = b.fresh("st")
        if not b.stmt(f"{held} = {stride_text}"):
            return
        stride_text = held
    tail = "" if offset is None else b.choice((f", {offset}", f", storage_offset={offset}"))
    form = b.integer(0, 2)
    if form == 0:
        call = f"torch.as_strided({x}, {size_text}, {stride_text}{tail})"
    elif form == 1:
        call = f"{x}.as_strided({size_text}, {stride_text}{tail})"
    else:
        tail = "" if offset is None else f", storage_offset={offset}"
        call = f"{x}.as_strided(size={size_text}, stride={stride_text}{tail})"
    b.assign("view", call)


# ---------------------------------------------------------------- structure: blocks, helpers, classes, branches


@episode(weight=3)
def no_grad_block(b: Builder) -> None:
    if b.depth >= MAX_DEPTH:
        return
    header, grad = b.choice((("with torch.no_grad():", False), ("with torch.no_grad():", False),
                             ("with torch.enable_grad():", True), ("with torch.set_grad_enabled(False):", False)))
    with b.block(header, grad=grad):
        b.body(1, 3)


@episode(weight=1, places=("top",))
def grad_switch(b: Builder) -> None:
    """`torch.set_grad_enabled(False)` as a statement, a few statements, then back on."""
    if b.depth or b.mode != "main" or b.grad_mode() is not True:
        return
    if not b.stmt("torch.set_grad_enabled(False)"):
        return
    for ctx in b.ctxs:
        ctx.grad = False
    b.body(1, 2)
    if b.ctxs and b.stmt("torch.set_grad_enabled(True)") is not None:
        for ctx in b.ctxs:
            ctx.grad = True
    elif b.ctxs:
        raise AssertionError("switching grad mode back on failed")


@episode(weight=2, places=("top", "body"))
def known_branch(b: Builder) -> None:
    """`if` on a value the linter knows: a constant, a size."""
    if b.depth >= MAX_DEPTH:
        return
    ints = b.ints() if not b.spare else []
    if ints and b.chance(0.6):
        n = b.choice(ints)
    else:
        n = b.fresh("n")
        if not b.stmt(f"{n} = {b.choice((3, 1, 2, 4))}"):
            return
    conditions = [f"{n} > 2", f"{n} == 3", f"{n} % 2 == 0", f"{n} < 2", f"not {n}"]
    # in a helper nobody calls, the facts of tensors are not known (they may come from its arguments)
    found = b.tensors() if not b.spare else []
    if found and b.chance(0.5):
        x = b.choice(found)
        t = b.value(x)
        conditions = [f"{x}.dim() == 2", f"{x}.numel() > 4", f"{x}.requires_grad", f"not {x}.requires_grad",
                      f"{x}.is_contiguous()", f"{x}.ndim > 1", f"{x}.dtype == torch.float32"]
        if t.dim():
            conditions += [f"{x}.shape[0] > 2", f"{x}.size(-1) == 3", f"len({x}) == 2"]
    condition = b.choice(conditions)
    if b.chance(0.2):
        # the same choice as an expression
        same = [n for n in found if b.value(n).shape == b.value(found[0]).shape
                and b.value(n).dtype == b.value(found[0]).dtype] if found else []
        if len(same) >= 2:
            b.assign("pick", f"{same[0]} if {condition} else {same[1]}")
            return
    b.if_block(condition, lambda: b.body(1, 2), (lambda: b.body(1, 2)) if b.chance(0.5) else None)


@episode(weight=2)
def rebind(b: Builder) -> None:
    """A name bound again to a changed value of itself: `x = x.t()`, `x = x.detach()`."""
    found = b.tensors()
    if not found:
        return
    x = b.choice(found)
    t = b.value(x)
    forms = [f"{x}.detach()", f"{x} * 2", f"{x}.clone()", f"{x}.contiguous()", f"{x}.unsqueeze(0)"]
    if t.dim() >= 2:
        forms += [f"{x}.t()" if t.dim() == 2 else f"{x}.transpose(0, 1)", f"{x}.mT", f"{x}.transpose(-1, -2)"]
    if t.dim() >= 1:
        forms += [f"{x}[1:]" if t.shape[0] > 1 else f"{x}[0]", f"{x}.flatten()"]
    if floating(t):
        forms += [f"{x}.requires_grad_()" if t.is_leaf else f"{x}.exp()", f"{x}.double()", f"{x}.float()"]
    b.stmt(f"{x} = {b.choice(forms)}")


@episode(weight=2, places=("top",))
def unknown_branch(b: Builder) -> None:
    """`if random.random() < 0.5:` the linter cannot know which way."""
    if b.depth >= MAX_DEPTH or b.mode != "main" or len(b.ctxs) * 2 > MAX_PATHS:
        return
    b.definite = False
    if b.chance(0.3):
        found = b.tensors()
        if found:
            x = b.choice(found)
            t = b.value(x)
            same = [n for n in b.tensors(lambda u: u.shape == t.shape and u.dtype == t.dtype) if n != x]
            other = b.choice(same) if same else f"{x}.clone()"
            b.assign("pick", f"{x} if random.random() < 0.5 else {other}")
            return
    condition = b.choice(("random.random() < 0.5", "random.random() > 0.5"))
    b.if_block(condition, lambda: b.body(1, 3), (lambda: b.body(1, 2)) if b.chance(0.5) else None)


@episode(weight=3, places=("top",))
def helper(b: Builder) -> None:
    """A small function, called once or twice with known arguments."""
    if b.depth or b.mode != "main":
        return
    x = b.tensor_or_new()
    if x is None:
        return
    params, args = ["t"], [x]
    extra = b.choice(("", "k", "flag"))
    if extra == "k":
        params.append("k")
        args.append(str(b.choice((2, 3, 1))))
    elif extra == "flag":
        params.append("flag")
        args.append(b.choice(("True", "False")))
    decorator = b.choice((None, None, None, "@torch.no_grad()"))
    calls = [(", ".join(args), b.grad_mode() if not b.chance(0.2) else False)]
    if b.chance(0.3):
        others = b.tensors(lambda u: u.shape == b.value(x).shape)
        second = list(args)
        second[0] = b.choice(others)
        if extra == "flag":
            second[1] = "False" if args[1] == "True" else "True"
        calls.append((", ".join(second), b.grad_mode()))
    if None in (mode for _, mode in calls):
        return
    name = b.fresh("helper")

    def body() -> None:
        if extra == "flag" and b.chance(0.7):
            b.if_block("flag", lambda: b.body(1, 2), (lambda: b.body(1, 1)) if b.chance(0.5) else None)
        elif extra == "k" and b.chance(0.7):
            b.if_block(b.choice(("k > 2", "k == 1")), lambda: b.body(1, 2), None)
        b.body(1, 3)
        if b.ctxs:
            found = b.tensors()
            if len(found) >= 2 and b.chance(0.3):
                first, second = b.choice(found), b.choice(found)
                returned.append(2)
                b.returns(f"{first}, {second}")
            else:
                b.returns(b.choice(found) if found and b.chance(0.85) else None)

    returned: list = []
    if not b.function(name, params, calls, body, decorator):
        return
    b.helpers.append((name, extra, tuple(b.value(x).shape), b.value(x).dtype, bool(returned)))
    for args_text, grad in calls:
        if extra and b.chance(0.3):
            head, _, last = args_text.rpartition(", ")
            args_text = f"{head}, {extra}={last}"
        call = f"{name}({args_text})"
        if returned:
            text = f"{b.fresh('u')}, {b.fresh('v')} = {call}"
        else:
            text = f"{b.fresh('r')} = {call}" if b.chance(0.8) else call
        if not b.ctxs:
            return
        if grad is False and b.grad_mode() is not False:
            with b.block("with torch.no_grad():", grad=False):
                b.stmt(text)
        else:
            b.stmt(text)


@episode(weight=2)
def call_helper(b: Builder) -> None:
    """Another call of a helper written earlier, maybe from inside another helper."""
    if not b.helpers or b.spare:
        return
    name, extra, shape, dtype, pair = b.choice(b.helpers)
    if name not in b.names() and b.mode == "main":
        return
    found = b.tensors(lambda t: tuple(t.shape) == shape and t.dtype == dtype)
    if not found:
        return
    args = b.choice(found)
    if extra:
        args += ", " + b.choice({"k": ("2", "3", "k=1"), "flag": ("True", "False", "flag=True")}[extra])
    targets = f"{b.fresh('u')}, {b.fresh('v')}" if pair else b.fresh("r")
    b.stmt(f"{targets} = {name}({args})")


@episode(weight=2, places=("top",))
def module_class(b: Builder) -> None:
    """A small nn.Module subclass: __init__ with a Linear and a Parameter, forward, a method."""
    if b.depth or b.mode != "main":
        return
    x = b.tensor_or_new(lambda t: t.dtype == torch.float32 and t.dim() >= 1,
                        lambda b: new_tensor(b, draw_shape(b, 1, 3), floating=True))
    if x is None:
        return
    t = b.value(x)
    if t.dtype != torch.float32 or t.dim() == 0:
        return
    grad = b.grad_mode()
    if grad is None:
        return
    d, hidden = t.shape[-1], b.choice((3, 2, 4))
    name = b.fresh("Net")
    scale = b.chance(0.6)
    frozen = b.chance(0.3)
    init = [f"class {name}(nn.Module):", f"{INDENT}def __init__(self):", f"{INDENT * 2}super().__init__()",
            f"{INDENT * 2}self.fc = nn.Linear({d}, {hidden})"]
    if scale:
        init.append(f"{INDENT * 2}self.scale = nn.Parameter(torch.ones({hidden}))")
    if frozen:
        init.append(f"{INDENT * 2}self.frozen = nn.Parameter(torch.zeros({hidden}), requires_grad=False)")
    first = b.next_line
    for line in init:
        b.emit(line)
    head = b.compile("\n".join(init), first)
    net = b.fresh("net")
    call_grad = grad if b.chance(0.7) else False
    previews = []
    for ctx in b.ctxs:
        preview = ctx.copy(kind="preview")
        preview.run(head)
        preview.commit(head)
        preview.locals = {}
        preview.grad = call_grad
        binding = compile(f"self, x = {name}(), {x}", "<binding>", "exec")
        if preview.run(binding) is not None:
            raise AssertionError("binding a forward preview failed")
        preview.commit(binding)
        previews.append(preview)
    saved = b.ctxs
    b.ctxs, b.mode = previews, "function"
    b.indent += 1
    with b.block("def forward(self, x):"):
        b.stmt("h = self.fc(x)")
        if scale and b.ctxs and b.chance(0.7):
            b.stmt("h = h * self.scale")
        if frozen and b.ctxs and b.chance(0.5):
            b.stmt("h = h + self.frozen")
        b.body(0, 2)
        if b.ctxs:
            found = b.tensors()
            b.returns(b.choice(found) if found else None)
    export = scale and b.chance(0.5)
    if export:
        b.emit("")
        b.emit("def export(self):")
        b.emit(INDENT + b.choice(("return self.scale.numpy()", "return self.scale.detach().numpy()",
                                  "return self.fc.weight.data.numpy()", "return self.fc.weight.numpy()")))
    predict = b.chance(0.3)
    if predict:
        b.emit("")
        b.emit(b.choice(("@torch.no_grad()", "@torch.no_grad()", "@torch.enable_grad()")))
        b.emit("def predict(self, x):")
        b.emit(INDENT + b.choice(("return self(x).numpy()", "return self.forward(x).argmax(-1).numpy()",
                                  "return self.fc(x).numpy()", "return self(x).detach()")))
    b.indent -= 1
    b.ctxs, b.mode = saved, "main"
    b.define(first)
    b.emit("")
    b.stmt(f"{net} = {name}()")
    if b.chance(0.2):
        b.stmt(b.choice((f"{net}.eval()", f"{net}.requires_grad_(False)", f"{net}.train()")))
    out = b.fresh("out")  # x stays bound: the methods below are called with it
    if call_grad is False and grad is not False:
        with b.block("with torch.no_grad():", grad=False):
            b.stmt(f"{out} = {net}({x})")
    else:
        b.stmt(f"{out} = {b.choice((f'{net}({x})', f'{net}.forward({x})'))}")
    # every method is called: one nobody calls would be analysed with unknown arguments,
    # which only a probe could judge
    for method, call in ((export, f"{net}.export()"), (predict, f"{net}.predict({x})")):
        if method and b.ctxs and b.stmt(f"{b.fresh('r')} = {call}") is None:
            reject()
    if b.ctxs and b.chance(0.3):
        b.assign("w", b.choice((f"{net}.fc.weight", f"{net}.fc.bias") + ((f"{net}.scale",) if scale else ())))


def spare_helper(b: Builder) -> None:
    """A helper nobody calls: torchlint analyses it with unknown arguments and grad mode;
    the judge probes it with a few."""
    b.definite = False
    name = b.fresh("spare")
    shape = draw_shape(b, 1, 3)
    dtype = b.choice(("", ", dtype=torch.float64"))
    params, probe_args = ["t"], []
    extra = b.choice(("", "flag", "n"))
    if extra:
        params.append(extra)
    for grad_arg in (True, False):
        tensor = f"torch.randn({sizes_text(shape)}{dtype}{', requires_grad=True' if grad_arg else ''})"
        values = {"": [""], "flag": [", True", ", False"], "n": [", 3", ", 1"]}[extra]
        probe_args += [tensor + v for v in values]
    probe_args = probe_args[:3] if b.chance(0.5) else probe_args
    calls = [(args, grad) for args in probe_args for grad in (True, False)]
    root = b.ctxs

    def body() -> None:
        if extra == "flag" and b.chance(0.7):
            b.if_block("flag", lambda: b.body(1, 2), (lambda: b.body(1, 2)) if b.chance(0.5) else None)
        elif extra == "n" and b.chance(0.7):
            b.if_block("n > 2", lambda: b.body(1, 2), None)
        b.body(1, 3)
        if b.ctxs:
            found = b.tensors()
            b.returns(b.choice(found) if found and b.chance(0.7) else None)

    dead_before = len(b.dead_previews)
    b.spare = True
    try:
        if not b.function(name, params, calls, body, fresh_paths=root):
            return
    finally:
        b.spare = False
    outcomes = {ctx.tag: ctx.outcome for ctx in b.dead_previews[dead_before:]}
    # a preview's tag is its call's index; calls are per base path, and there is one path here
    for index, (args, grad) in enumerate(calls):
        b.probes.append((Probe(name, args, grad), outcomes.get(index, (None, None))))
    b.emit("")


# ---------------------------------------------------------------- the strategy

# the draws pick from this order: changing it changes every program of a seed
EPISODES = tuple(episodes_in(sys.modules[__name__]))



@st.composite
def programs(draw, max_episodes: int = 12) -> Program:
    """A small PyTorch program; `Program` says where torch fails on each path."""
    torch.manual_seed(0)  # the same draws write the same program with the same values
    b = Builder(draw, EPISODES)
    for line in PRELUDE:
        b.stmt(line)
    b.emit("")
    if b.chance(0.15):
        spare_helper(b)
    for _ in range(b.integer(1, max_episodes)):
        if not b.ctxs:
            break
        b.episode("top")
    return b.program()
