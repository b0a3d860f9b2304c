"""Torch judges torchlint: run a generated program, map its first failure to a rule.

Each rule's failure comes from its runtime repro (`Rule.repro`: the exception or
warning class name and a message fragment), so a new rule with a repro is judged
without a line here; `OVERRIDES` is for a rule whose generated failures need a
different matcher than its repro. Warnings that a rule claims become errors for
the run, everything else is ignored. A pitfall that raises nothing (TL101,
TL103, TL104, TL106-TL108) is seen by its rule's probe (`Repro.probe`), which
watches every run (`Watchers`) and stops it where it sees the effect, as an
`ObservedEffect` with the probe's message.

A program runs once per schedule of its `random.random()` outcomes (the
generator records one per path it explored) and, for each helper nobody calls,
once per probe call. The verdict compares torchlint's diagnostics with those
runs, per rule:

- a report is confirmed when some run first fails there with the rule's
  failure; contradicted (a false alarm) when some run executes the line to its
  end (a run that stops at a pitfall while the line is running, on it or in a
  call made from it, does not), or when no run reaches the line and no run
  stopped early at a pitfall (the only excuse for not reaching it: in a definite
  program an unreported one is a miss of its own). A report inside a helper that
  names the call making it certain is judged on that call's line instead: the
  call must not end without the failure;
- a failure is missed when no report of its rule is at its line.
"""

from __future__ import annotations

import builtins
import random as _RANDOM
import re
import sys
import traceback
import warnings
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Optional

import torch

from torchlint.engine import check_source
from torchlint.rule import builtin_rule_dir, load_rules

RULES = load_rules([builtin_rule_dir()])
FILENAME = "<oracle>"  # the file name generated code is compiled under
LINT_PATH = "oracle.py"
LOW, HIGH = 0.25, 0.75  # what the stand-in for random.random() returns


# ---------------------------------------------------------------- failures, by rule


@dataclass(frozen=True)
class Failure:
    """How torch says a rule's pitfall happened: an exception (or a warning, made an
    error for the run) of class `error` whose message contains `message`."""

    code: str
    error: str
    message: str

    @property
    def is_warning(self) -> bool:
        category = _builtin_class(self.error)
        return category is not None and issubclass(category, Warning)

    def matches(self, exc: BaseException) -> bool:
        return type(exc).__name__ == self.error and self.message in str(exc)


OVERRIDES: dict = {}  # code -> Failure, for a rule whose repro does not name its generated failures


def failures(rules=RULES) -> list:
    found = []
    for rule in rules:
        if rule.code in OVERRIDES:
            found.append(OVERRIDES[rule.code])
        elif rule.repro is not None:
            found.append(Failure(rule.code, rule.repro.error, rule.repro.message))
            found += [Failure(rule.code, error, message) for error, message in rule.repro.also]
    return found


FAILURES = failures()


def _builtin_class(name: str):
    value = getattr(builtins, name, None)
    return value if isinstance(value, type) else None


def classify(exc: Optional[BaseException]) -> Optional[str]:
    """The rule code of a failure, "other" for any other exception, None for none."""
    if exc is None:
        return None
    for failure in FAILURES:
        if failure.matches(exc):
            return failure.code
    return "other"


def failure_line(exc: BaseException) -> Optional[int]:
    lines = failure_stack(exc)
    return lines[-1] if lines else None


def failure_stack(exc: BaseException) -> list:
    """The lines of the program in the traceback, outermost first: the failing line
    and the lines whose calls led to it."""
    return [f.lineno for f in traceback.extract_tb(exc.__traceback__) if f.filename == FILENAME]


# ---------------------------------------------------------------- effects the probes see


class ObservedEffect(Exception):
    """A pitfall that raises nothing (TL101, TL104, ...), seen by its rule's probe
    (`Repro.probe`): raised where the probe saw it, so that the run stops there as
    at any other rule's failure."""


PROBES = tuple(compile(rule.repro.probe, "<probe>", "exec") for rule in RULES
               if rule.repro is not None and rule.repro.probe)


def _observed(message: str, frame) -> None:
    if frame is not None and frame.f_code.co_filename == FILENAME:  # torch's own calls are not the program's
        raise ObservedEffect(message)


class Watchers:
    """Every rule's probe, for one path: each probe's module is run once, so what it
    remembers (backward calls made, optimizers built, the gradients of the last
    step) lasts across the statements of the path, which run one at a time."""

    def __init__(self) -> None:
        self.installs = []
        for code in PROBES:
            namespace: dict = {"__name__": "<probe>"}
            exec(code, namespace)
            self.installs.append(namespace["install"])

    @contextmanager
    def watching(self):
        undos = [install(_observed) for install in self.installs]
        try:
            yield
        finally:
            for undo in reversed(undos):
                undo()


# ---------------------------------------------------------------- running code


class RandomStandIn:
    """What `import random` gives a generated program: `random()` follows a schedule
    of outcomes (LOW makes `random.random() < 0.5` true); past its end it answers LOW
    and records that it had to (the generator forks the other outcome)."""

    def __init__(self, schedule=()) -> None:
        self.schedule = list(schedule)
        self.position = 0

    def __getattr__(self, name: str):
        # the rest of the module, for what torch imports lazily while a program runs
        # (building the first optimizer imports sympy, which makes a `random.Random()`)
        return getattr(_RANDOM, name)

    def random(self) -> float:
        if self.position == len(self.schedule):
            self.schedule.append(LOW)
        value = self.schedule[self.position]
        self.position += 1
        return value


class Environment:
    """Everything a generated statement runs under: warnings a rule claims are errors,
    the others are silent, `random` is the stand-in, grad mode is set."""

    def __init__(self, stand_in: RandomStandIn, grad: bool = True) -> None:
        self.stand_in = stand_in
        self.grad = grad

    def __enter__(self):
        self._warnings = warnings.catch_warnings()
        self._warnings.__enter__()
        warnings.simplefilter("ignore")
        for failure in FAILURES:
            if failure.is_warning:
                warnings.filterwarnings("error", message=".*" + re.escape(failure.message),
                                        category=_builtin_class(failure.error))
        self._random = sys.modules.get("random")
        sys.modules["random"] = self.stand_in  # type: ignore[assignment]
        self._grad = torch.is_grad_enabled()
        torch.set_grad_enabled(self.grad)
        return self

    def __exit__(self, *exc_info) -> None:
        torch.set_grad_enabled(self._grad)
        sys.modules["random"] = self._random
        self._warnings.__exit__(*exc_info)


def run_code(code, globals_: dict, locals_: Optional[dict], stand_in: RandomStandIn,
             grad: bool = True, watchers: Optional[Watchers] = None) -> Optional[BaseException]:
    """Execute compiled code, with the path's probes watching; the exception it raised
    (or the effect a probe observed), if any."""
    with Environment(stand_in, grad), (watchers.watching() if watchers else nullcontext()):
        try:
            exec(code, globals_, globals_ if locals_ is None else locals_)
        except Exception as exc:  # the failure is what is measured
            return exc
    return None


class LineTracer:
    """The lines of the generated file that ran."""

    def __init__(self) -> None:
        self.lines: set = set()

    def __enter__(self):
        self._previous = sys.gettrace()
        sys.settrace(self._global)
        return self

    def __exit__(self, *exc_info) -> None:
        sys.settrace(self._previous)

    def _global(self, frame, event, arg):
        if frame.f_code.co_filename == FILENAME:
            self.lines.add(frame.f_lineno)
            return self._local
        return None

    def _local(self, frame, event, arg):
        if event == "line":
            self.lines.add(frame.f_lineno)
        return self._local


@dataclass
class Outcome:
    """One run: the first failure (rule code, "other", or None when clean), its line
    in the program, the message, and the lines that ran."""

    code: Optional[str]
    line: Optional[int]
    message: str = ""
    executed: set = field(default_factory=set, repr=False)
    label: str = ""  # which run: "schedule [0.25]", "probe spare(…)"
    stack: tuple = ()  # the lines still running when it failed: the failing one and its callers

    def describe(self) -> str:
        if self.code is None:
            return f"{self.label}: ran clean"
        return f"{self.label}: {self.code} at line {self.line}: {self.message[:160]}"


def _outcome(exc: Optional[BaseException], executed: set, label: str) -> Outcome:
    if exc is None:
        return Outcome(None, None, "", executed, label)
    return Outcome(classify(exc), failure_line(exc), f"{type(exc).__name__}: {exc}", executed, label,
                   tuple(failure_stack(exc)))


def run_program(program) -> list:
    """Every run of a program: one per schedule, then one per probe of a helper nobody calls."""
    code = compile(program.source, FILENAME, "exec")
    outcomes = []
    namespace = None
    watchers = None
    for schedule in program.schedules:
        namespace = {"__name__": "__oracle__"}
        watchers = Watchers()
        torch.manual_seed(0)
        with LineTracer() as tracer:
            exc = run_code(code, namespace, None, RandomStandIn(schedule), watchers=watchers)
        outcomes.append(_outcome(exc, tracer.lines, f"run with random() -> {list(schedule)}"))
    for probe in program.probes:
        # the helpers nobody calls are defined before anything can fail
        scope = dict(namespace)
        call = compile(f"{probe.function}({probe.args})", "<probe>", "exec")
        with LineTracer() as tracer:
            exc = run_code(call, scope, None, RandomStandIn(), probe.grad, watchers)
        mode = "grad on" if probe.grad else "no_grad"
        outcomes.append(_outcome(exc, tracer.lines, f"probe {probe.function}({probe.args}) with {mode}"))
    return outcomes


# ---------------------------------------------------------------- the verdict

CELLS = ("reported&failed", "reported&clean", "silent&failed", "silent&clean", "excused")


@dataclass
class Verdict:
    program: object
    diagnostics: list
    outcomes: list
    crash: Optional[str] = None
    cells: dict = field(default_factory=dict)  # code -> one of CELLS
    false_alarms: list = field(default_factory=list)  # (code, line, why)
    misses: list = field(default_factory=list)  # (code, line, run label)
    invalid: list = field(default_factory=list)  # runs that failed with no rule's failure
    disagreements: list = field(default_factory=list)  # runs that differ from what the generator saw

    @property
    def definite(self) -> bool:
        return self.program.definite

    def problems(self) -> list:
        """Everything that breaks a property, as lines of text."""
        found = []
        if self.crash:
            found.append(f"torchlint crashed: {self.crash}")
        found += [f"false alarm: {code} at line {line}: {why}" for code, line, why in self.false_alarms]
        if self.definite:
            found += [f"miss: {code} at line {line} ({label})" for code, line, label in self.misses]
        found += [f"invalid program: {o.describe()}" for o in self.invalid]
        found += [f"generator and judge disagree: {text}" for text in self.disagreements]
        return found

    def report(self) -> str:
        runs = "\n".join("  " + o.describe() for o in self.outcomes)
        lint = "\n".join(f"  {d.line}:{d.col}: {d.code} {d.message}" for d in self.diagnostics) or "  (nothing)"
        numbered = "\n".join(f"{i:3d}  {line}" for i, line in enumerate(self.program.source.splitlines(), 1))
        problems = "\n".join("  " + p for p in self.problems())
        kind = "definite" if self.definite else "not definite"
        return (f"problems:\n{problems}\nprogram ({kind}):\n{numbered}\ntorchlint:\n{lint}\nruns:\n{runs}")


def lint(source: str, rules=RULES) -> tuple:
    """(diagnostics, crash text or None)."""
    try:
        diagnostics = check_source(source, LINT_PATH, rules)
    except Exception as exc:  # property 3: never
        return [], f"{type(exc).__name__}: {exc}"
    internal = [d for d in diagnostics if d.internal_error or d.code == "TL000"]
    if internal:
        return diagnostics, "; ".join(f"line {d.line}: {d.message}" for d in internal)
    return diagnostics, None


def judge(program, rules=RULES) -> Verdict:
    diagnostics, crash = lint(program.source, rules)
    outcomes = run_program(program)
    verdict = Verdict(program, diagnostics, outcomes, crash)
    verdict.invalid = [o for o in outcomes if o.code == "other"]
    for outcome, expected in zip(outcomes, program.expected):
        if (outcome.code, outcome.line) != tuple(expected):
            verdict.disagreements.append(f"{outcome.describe()}; the generator saw {expected}")
    reported = {(d.code, d.line) for d in diagnostics if not d.internal_error}
    via = {(d.code, d.line): line for d in diagnostics for line, _col, note in d.related
           if note == "the call that makes it certain"}
    # a run that stopped at a pitfall may not have reached a report: that report is not judged
    # (if torchlint missed the pitfall in a definite program, the miss is the problem reported)
    stopped_early = any(o.code not in (None, "other") for o in outcomes)
    for rule in rules:
        code = rule.code
        lines = sorted(line for c, line in reported if c == code)
        failed = sorted({(o.line, o.label) for o in outcomes if o.code == code})
        alarms = []
        for line in lines:
            # a report reached through a call is about that call: it must fail before the call ends
            anchor = via.get((code, line), line)
            confirmed = any(o.code == code and o.line == line and anchor in o.stack for o in outcomes)
            contradicting = [o for o in outcomes if anchor in o.executed and not _stopped_within(o, anchor)]
            if contradicting:
                what = "the line ran" if anchor == line else f"the call on line {anchor} ran"
                alarms.append((code, line, f"{contradicting[0].describe()} ({what})"))
            elif not confirmed and not any(anchor in o.executed for o in outcomes) and not stopped_early:
                alarms.append((code, line, "no run reaches the line, and none stops early at a pitfall"))
        misses = [(code, line, label) for line, label in failed if line not in lines]
        verdict.false_alarms += alarms
        verdict.misses += misses
        if alarms:
            cell = "reported&clean"
        elif misses:
            cell = "silent&failed"
        elif failed:
            cell = "reported&failed"
        elif lines:
            cell = "excused"
        else:
            cell = "silent&clean"
        verdict.cells[code] = cell
    return verdict


def _stopped_within(outcome: Outcome, line: int) -> bool:
    """The run stopped while this line was running (on the line itself, or in a call
    made from it): the line ran, but not to its end. A stop at this report's own
    failure confirms it; at another pitfall, it leaves the report unjudged."""
    return outcome.code not in (None, "other") and line in outcome.stack
