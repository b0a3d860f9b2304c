"""Reading the real-bug benchmark (format: tests/realbugs/README.md) and linting it.

Nothing here imports torch: `run.py` reports recall and precision without it.
Running the cases under torch is `execute`, used by tests/test_realbugs.py.
"""

from __future__ import annotations

import re
import sys
import traceback
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent
TESTS = ROOT.parent
if str(TESTS) not in sys.path:  # the shared helpers of the rule cases
    sys.path.insert(0, str(TESTS))

from casefiles import ENTRY_CALL  # noqa: E402

RULE_CODES = ("TL001", "TL002", "TL003", "TL004", "TL005", "TL006", "TL007", "TL008", "TL009", "TL010", "TL011",
              "TL101", "TL102", "TL103", "TL104", "TL105", "TL106", "TL107", "TL108")
MARKER = re.compile(r"#\s*error:\s*(?P<code>TL\d{3})\b")
# a later line of the reporter's code that fails the same way once the marked one is
# fixed: a finding there is neither the case found nor a false alarm
ALSO = re.compile(r"#\s*also:\s*(?P<code>TL\d{3})\b")
SOURCE = re.compile(r"#\s*source:\s*(?P<url>\S+)")


@dataclass
class Version:
    """One side of a case: the file run (`entry`) and every file of it."""

    entry: Path
    files: list

    @property
    def folder(self) -> Optional[Path]:
        return self.entry.parent if len(self.files) > 1 or self.entry.name == "main.py" else None

    def also(self) -> set:
        """(code, file, line) of the lines marked `# also: TL00N`."""
        return set(self.markers(ALSO))

    def markers(self, pattern=MARKER) -> list:
        found = []
        for path in self.files:
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                match = pattern.search(line)
                if match:
                    found.append((match["code"], path, number))
        return found

    def runnable(self) -> str:
        """The entry file, then the calls of its entry points given on `# run:` lines."""
        source = self.entry.read_text(encoding="utf-8")
        calls = [m["code"] for m in map(ENTRY_CALL.match, source.splitlines()) if m]
        return source + "".join(f"\n{call}" for call in calls) + "\n"


@dataclass
class Case:
    rule: str
    path: Path
    bad: Version
    fixed: Version
    source: str

    @property
    def id(self) -> str:
        return f"{self.rule.lower()}/{self.path.name}"

    @property
    def marker(self) -> tuple:
        """(code, file, line) of the line that fails: exactly one per bad version."""
        [marker] = self.bad.markers()
        return marker


def _version(case_dir: Path, side: str) -> Version:
    single = case_dir / f"{side}.py"
    if single.exists():
        return Version(single, [single])
    folder = case_dir / side
    return Version(folder / "main.py", sorted(folder.glob("*.py")))


def load_cases() -> list:
    cases = []
    for rule_dir in sorted(ROOT.glob("tl[01][0-9][0-9]")):
        for case_dir in sorted(p for p in rule_dir.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))):
            bad = _version(case_dir, "bad")
            match = SOURCE.search(bad.entry.read_text(encoding="utf-8"))
            cases.append(Case(rule_dir.name.upper(), case_dir, bad, _version(case_dir, "fixed"),
                              match["url"] if match else ""))
    return cases


# ---------------------------------------------------------------- linting

@dataclass
class Verdict:
    case: Case
    found: bool
    reported: list  # diagnostics on the bad version: (path, line, col, code, message)
    false_alarms: list = field(default_factory=list)  # diagnostics on the fixed version


def lint_files(files: list, rules: list) -> list:
    from torchlint.engine import check_source

    out = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        for d in check_source(text, str(path), rules):
            out.append((path, d.line, d.col, d.code, d.message))
    return out


def judge(case: Case, rules: list) -> Verdict:
    code, path, line = case.marker
    reported = lint_files(case.bad.files, rules)
    found = any(c == code and p == path and ln == line for p, ln, _col, c, _m in reported)
    return Verdict(case, found, reported, lint_files(case.fixed.files, rules))


def builtin_rules() -> list:
    from torchlint.rule import builtin_rule_dir, load_rules

    return load_rules([builtin_rule_dir()])


def score(verdicts: list) -> dict:
    """Per rule: cases, found, missed, false alarms, recall, precision (and 'all')."""
    rows = {}
    for code in RULE_CODES + ("all",):
        mine = [v for v in verdicts if code == "all" or v.case.rule == code]
        found = sum(v.found for v in mine)
        # a false alarm of a rule: its code on a fixed version, or on a bad version away from the marker
        alarms = 0
        for v in verdicts:
            expected = {v.case.marker} | v.case.bad.also()
            for p, ln, _col, c, _m in v.false_alarms:
                alarms += code in ("all", c)
            for p, ln, _col, c, _m in v.reported:
                if (c, p, ln) not in expected:
                    alarms += code in ("all", c)
        rows[code] = {
            "cases": len(mine), "found": found, "missed": len(mine) - found, "false_alarms": alarms,
            "recall": 100.0 * found / len(mine) if mine else 0.0,
            "precision": 100.0 * found / (found + alarms) if found + alarms else 0.0,
        }
    return rows


# ---------------------------------------------------------------- running under torch

@dataclass
class Run:
    error: Optional[BaseException]
    where: Optional[tuple]  # (file, line) of the innermost frame inside the case's files

    def describe(self) -> str:
        if self.error is None:
            return "ran clean"
        where = f"{self.where[0].name}:{self.where[1]}" if self.where else "?"
        return f"{type(self.error).__name__} at {where}: {str(self.error)[:200]}"


def execute(version: Version, probe: str = "") -> Run:
    """Run a version as its reporter did: the entry file as __main__, its own modules importable;
    with the `probe` of a rule that raises nothing watching for its effect (tests/runtime.py)."""
    from runtime import run

    names = {p.stem for p in version.files if p != version.entry}
    folder = str(version.entry.parent)
    added = bool(names)
    if added:
        sys.path.insert(0, folder)
    for name in names:
        sys.modules.pop(name, None)
    try:
        with cuda_stand_in():
            outcome = run(version.runnable(), str(version.entry), probe, tuple(str(p) for p in version.files))
    finally:
        if added:
            sys.path.remove(folder)
        for name in names:
            sys.modules.pop(name, None)
    if outcome.error is None:
        return Run(None, None)
    if outcome.file is not None:  # an effect a probe observed: where it was seen
        return Run(outcome.error, (Path(outcome.file), outcome.line))
    files = {str(p) for p in version.files}
    frames = [f for f in traceback.extract_tb(outcome.error.__traceback__) if f.filename in files]
    return Run(outcome.error, (Path(frames[-1].filename), frames[-1].lineno) if frames else None)


@contextmanager
def cuda_stand_in():
    """Where CUDA is absent, a move to a CUDA device (`.cuda()`, `.to("cuda")`, `.to(device)`
    with a CUDA `torch.device`) is what autograd sees of it: a copy. Of a tensor that requires
    grad, a new non-leaf with a grad_fn (CloneBackward0 where the real move gives
    ToCopyBackward0); of one that does not, a new leaf. A tensor this made is on the stand-in
    device: moving it there again returns it, as torch returns a tensor already on the device,
    and `.cpu()` copies it back. Modules move their parameters in place through the same
    calls, so they stay leaves. Factories given `device="cuda"` are not stood in for."""
    import torch

    if torch.cuda.is_available():
        yield
        return
    Tensor = torch.Tensor
    original_to, original_cuda, original_cpu = Tensor.to, Tensor.cuda, Tensor.cpu

    def on_cuda(device) -> bool:
        return (isinstance(device, torch.device) and device.type == "cuda") or (
            isinstance(device, str) and device.split(":")[0] == "cuda")

    def moved(tensor, result):
        if result is tensor:
            if getattr(tensor, "_stand_in_cuda", False):
                return tensor
            result = tensor.clone()
        result._stand_in_cuda = True
        return result

    def to(self, *args, **kwargs):
        # the CUDA device, wherever it is given, becomes None (no device change): the rest applies
        if on_cuda(kwargs.get("device")):
            kwargs["device"] = None
        elif any(on_cuda(arg) for arg in args):
            args = tuple(None if on_cuda(arg) else arg for arg in args)
        else:
            return original_to(self, *args, **kwargs)
        return moved(self, original_to(self, *args, **kwargs))

    def cuda(self, device=None, non_blocking=False, memory_format=torch.preserve_format):
        return moved(self, self)

    def cpu(self, memory_format=torch.preserve_format):
        return self.clone() if getattr(self, "_stand_in_cuda", False) else original_cpu(self, memory_format=memory_format)

    Tensor.to, Tensor.cuda, Tensor.cpu = to, cuda, cpu
    try:
        yield
    finally:
        Tensor.to, Tensor.cuda, Tensor.cpu = original_to, original_cuda, original_cpu


def counts() -> Counter:
    return Counter(case.rule for case in load_cases())
