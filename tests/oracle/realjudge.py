"""Torch judges torchlint on real-code programs (`realcode`): the files are linted as a
folder, the harness calls the entry point once per draw of the sizes.

A program fails for a rule only where every draw fails with the rule's failure
at the same place; per rule, a program is "definite" when every draw fails there
or none fails with the rule's failure, and "sometimes" otherwise. The verdict,
per rule, uses the judge's reading of runs (`judge.judge`) with draws as the
runs and places as (file, line):

- a report is contradicted (a false alarm) when some draw runs its line (or the
  call that makes it certain) to its end, or when no draw reaches it and none
  stopped early at a pitfall. A false alarm in a program definite for the rule
  breaks a property; in a "sometimes" program it is counted and shown, since
  the brief of this mode only promises the definite ones;
- a failure no report of its rule names is a miss: counted, not a break here
  (what the linter cannot know about an unseen caller is the recall measured).

The harness is never linted: it is the caller torchlint does not see.

Rules whose pitfall raises nothing (a probe sees it: TL101, TL103, TL104,
TL106-TL108) are not judged here: the draws run no probe, and the harness
trains nothing and never calls `eval()`, where their effects show.
"""

from __future__ import annotations

import json
import sys
import tempfile
import traceback
import types
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import torch

from .judge import CELLS, RULES, Environment, classify
from .realcode import DrawRandom

HARNESS = "<oracle:harness>"
CERTAIN = "the call that makes it certain"


def compiled_name(file: str) -> str:
    return f"<oracle:{file}>"


class Tracer:
    """The (file, line) places of the linted files that ran."""

    def __init__(self, names: dict) -> None:
        self.names = names  # compiled file name -> linted file name
        self.places: set = set()

    def __enter__(self):
        self._previous = sys.gettrace()
        sys.settrace(self._global)
        return self

    def __exit__(self, *exc_info) -> None:
        sys.settrace(self._previous)

    def _global(self, frame, event, arg):
        file = self.names.get(frame.f_code.co_filename)
        if file is None:
            return None
        self.places.add((file, frame.f_lineno))
        return self._local

    def _local(self, frame, event, arg):
        if event == "line":
            file = self.names.get(frame.f_code.co_filename)
            self.places.add((file, frame.f_lineno))
        return self._local


@dataclass
class Draw:
    """One call of the entry point: its first failure (rule code, "other", None), where
    (file, line), the lines that ran, and the places still running when it failed."""

    code: Optional[str]
    place: Optional[tuple]
    message: str = ""
    executed: set = field(default_factory=set, repr=False)
    label: str = ""
    stack: tuple = ()

    def describe(self) -> str:
        if self.code is None:
            return f"{self.label}: ran clean"
        where = f"{self.place[0]}:{self.place[1]}" if self.place else "the harness"
        return f"{self.label}: {self.code} at {where}: {self.message[:160]}"


def run_draw(program, d: int) -> Draw:
    names = {compiled_name(f): f for f in program.files}
    stems = [Path(f).stem for f in program.files]
    saved = {s: sys.modules.get(s) for s in stems}
    torch.manual_seed(d)
    tracer = Tracer(names)
    exc = None
    try:
        with Environment(DrawRandom(d), True):
            try:
                for file, text in program.files.items():
                    module = types.ModuleType(Path(file).stem)
                    sys.modules[module.__name__] = module
                    exec(compile(text, compiled_name(file), "exec"), module.__dict__)
                scope = {"__name__": "__oracle_harness__"}
                exec(compile(program.harness, HARNESS, "exec"), scope)
                with tracer:
                    scope["call"]()
            except Exception as error:  # the failure is what is measured
                exc = error
    finally:
        for s, module in saved.items():
            if module is None:
                sys.modules.pop(s, None)
            else:
                sys.modules[s] = module
    label = f"draw {d}"
    if exc is None:
        return Draw(None, None, "", tracer.places, label)
    stack = tuple((names[f.filename], f.lineno) for f in traceback.extract_tb(exc.__traceback__)
                  if f.filename in names)
    return Draw(classify(exc), stack[-1] if stack else None, f"{type(exc).__name__}: {exc}", tracer.places,
                label, stack)


# ---------------------------------------------------------------- linting the folder


@dataclass(frozen=True)
class Report:
    code: str
    file: str
    line: int
    anchor: tuple  # (file, line) the report is about: its own line, or the call that makes it certain
    message: str = ""


def lint_folder(files: dict) -> tuple:
    """(reports, crash text or None): `torchlint check` on a folder holding the files."""
    from click.testing import CliRunner

    from torchlint.cli import main

    with tempfile.TemporaryDirectory() as folder:
        for name, text in files.items():
            Path(folder, name).write_text(text)
        config = Path(folder, "pyproject.toml")
        config.write_text("[tool.torchlint]\n")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # click's own, about the runner's streams
            result = CliRunner().invoke(main, ["check", folder, "--config", str(config), "--format", "json",
                                               "--no-cache", "-j", "1", "-q", "--exit-zero"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return [], f"{type(result.exception).__name__}: {result.exception}"
    try:
        found = json.loads(result.stdout)
    except ValueError:
        return [], f"exit {result.exit_code}, output not JSON: {result.output[:300]}"
    reports, crash = [], None
    for d in found:
        file = Path(d["filename"]).name
        line = d["location"]["row"]
        if d["code"] == "TL000" or "internal error" in d["message"]:
            crash = f"{file}:{line}: {d['message']}"
            continue
        anchor = (file, line)
        for related in d.get("related") or ():
            if related.get("note") == CERTAIN:
                anchor = (Path(related.get("filename") or file).name, related["row"])
        reports.append(Report(d["code"], file, line, anchor, d["message"]))
    if result.exit_code == 2 and crash is None:
        crash = f"exit 2: {result.output[:300]}"
    return reports, crash


# ---------------------------------------------------------------- the verdict

SPLITS = ("definite", "sometimes")


@dataclass
class RealVerdict:
    program: object
    reports: list
    draws: list
    crash: Optional[str] = None
    cells: dict = field(default_factory=dict)  # code -> one of judge.CELLS
    splits: dict = field(default_factory=dict)  # code -> "definite" or "sometimes"
    false_alarms: list = field(default_factory=list)  # (code, place, why), in programs definite for the rule
    loose_alarms: list = field(default_factory=list)  # the same, in programs where the rule fails on some draws
    misses: list = field(default_factory=list)  # (code, place, draw label)
    invalid: list = field(default_factory=list)
    disagreements: list = field(default_factory=list)

    def problems(self) -> list:
        found = [f"torchlint crashed: {self.crash}"] if self.crash else []
        found += [f"false alarm: {code} at {p[0]}:{p[1]}: {why}" for code, p, why in self.false_alarms]
        found += [f"invalid program: {d.describe()}" for d in self.invalid]
        found += [f"generator and judge disagree: {text}" for text in self.disagreements]
        return found

    def report(self) -> str:
        draws = "\n".join("  " + d.describe() for d in self.draws)
        lint = "\n".join(f"  {r.file}:{r.line}: {r.code} {r.message}" for r in self.reports) or "  (nothing)"
        problems = "\n".join("  " + p for p in self.problems())
        loose = "\n".join(f"  {code} at {p[0]}:{p[1]}: {why}" for code, p, why in self.loose_alarms)
        files = []
        for name, text in self.program.files.items():
            files.append(f"---- {name}")
            files += [f"{i:3d}  {line}" for i, line in enumerate(text.splitlines(), 1)]
        files.append("---- harness (not linted)")
        files += ["     " + line for line in self.program.harness.splitlines()]
        text = "\n".join(files)
        return (f"problems:\n{problems}\n" + (f"alarms where the rule fails on some draws only:\n{loose}\n" if loose
                                              else "")
                + f"program ({self.program.variant}):\n{text}\ntorchlint:\n{lint}\ndraws:\n{draws}")


# what this mode can judge: rules whose pitfall raises (see the docstring)
JUDGED = tuple(rule for rule in RULES if rule.repro is None or not rule.repro.probe)


def judge_real(program, rules=JUDGED) -> RealVerdict:
    reports, crash = lint_folder(program.files)
    draws = [run_draw(program, d) for d in range(program.draws)]
    verdict = RealVerdict(program, reports, draws, crash)
    verdict.invalid = [d for d in draws if d.code == "other"]
    for draw, expected in zip(draws, program.expected):
        if draw.code != expected:
            verdict.disagreements.append(f"{draw.describe()}; the generator saw {expected}")
    stopped_early = any(d.code not in (None, "other") for d in draws)
    for rule in rules:
        code = rule.code
        mine = [r for r in reports if r.code == code]
        failing = [d for d in draws if d.code == code]
        definite = not failing or (len(failing) == len(draws) and len({d.place for d in failing}) == 1)
        split = "definite" if definite else "sometimes"
        alarms = []
        places = {(r.file, r.line) for r in mine}
        for r in mine:
            place = (r.file, r.line)
            contradicting = [d for d in draws if r.anchor in d.executed and not _stopped_within(d, r.anchor)]
            confirmed = any(d.code == code and d.place == place and r.anchor in d.stack for d in draws)
            if contradicting:
                what = "the line ran" if r.anchor == place else f"the call at {r.anchor[0]}:{r.anchor[1]} ran"
                alarms.append((code, place, f"{contradicting[0].describe()} ({what})"))
            elif not confirmed and not any(r.anchor in d.executed for d in draws) and not stopped_early:
                alarms.append((code, place, "no draw reaches the line, and none stops early at a pitfall"))
        misses = sorted({(code, d.place, d.label) for d in failing if d.place not in places})
        (verdict.false_alarms if definite else verdict.loose_alarms).extend(alarms)
        verdict.misses += misses
        if alarms:
            cell = "reported&clean"
        elif misses:
            cell = "silent&failed"
        elif failing:
            cell = "reported&failed"
        elif mine:
            cell = "excused"
        else:
            cell = "silent&clean"
        verdict.cells[code] = cell
        verdict.splits[code] = split
    return verdict


def _stopped_within(draw: Draw, place: tuple) -> bool:
    return draw.code not in (None, "other") and place in draw.stack


__all__ = ["CELLS", "RealVerdict", "SPLITS", "judge_real", "lint_folder", "run_draw"]
