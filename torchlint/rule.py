"""Rules, their findings, their runtime repros, and the loader of rule modules by path."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from .infer.events import CallEvent


@dataclass(frozen=True)
class Repro:
    """Code that shows the pitfall under real torch, and its correct twin.

    `bad` must fail with `error` (an exception class name, or a warning class
    name for warning pitfalls) whose message contains `message`; `good` must
    run clean. The tests run both.
    """

    bad: str
    good: str
    error: str
    message: str


class Rule:
    """One pitfall. Subclasses set the class attributes and implement `check`."""

    code: str = ""
    name: str = ""
    summary: str = ""
    doc: str = ""  # Markdown with the sections "What it does", "Why is this bad?", "Example", "Use instead"
    # Strings whose absence proves the rule cannot fire. A token that starts
    # with a letter counts only at the start of a word: "tensor(" matches
    # `torch.tensor(` and `tensor(`, not `to_tensor(`.
    triggers: tuple = ()
    methods: tuple = ()  # tensor methods whose calls the rule receives: ("numpy",)
    functions: tuple = ()  # torch functions whose calls it receives: ("torch.as_strided",)
    repro: Optional[Repro] = None

    def check(self, event: CallEvent) -> Optional[str]:
        """The message for a definite finding at this call, or None."""
        raise NotImplementedError

    def related(self, event: CallEvent) -> list:
        """(node, note) pairs for the places behind a finding: where the bad fact
        began and the call that made it certain. Shown as related locations."""
        found = [self.origin(event)] if self.origin(event) is not None else []
        if event.via is not None:
            found.append((event.via, "the call that makes it certain"))
        return found

    def origin(self, event: CallEvent) -> Optional[tuple]:
        """(node, note) of where the fact the finding rests on began, if known."""
        return None

    def subscriptions(self) -> Iterable[tuple]:
        for name in self.methods:
            yield ("method", name)
        for name in self.functions:
            yield ("function", name)


def via_note(event: CallEvent) -> str:
    """' (passed by the call on line 12)' when a helper's caller made the fact definite."""
    if event.via is None:
        return ""
    return f" (from the call on line {event.source.line(event.via)})"


class RuleLoadError(Exception):
    pass


def builtin_rule_dir() -> Path:
    try:
        from . import builtin_rules  # installed: rules/ ships as torchlint.builtin_rules

        return Path(builtin_rules.__file__).parent
    except ImportError:
        return Path(__file__).resolve().parent.parent / "rules"  # a source checkout


def load_rules(dirs: Iterable[Path]) -> list:
    """Every Rule subclass defined in the `*.py` modules of the given folders, by code."""
    rules = {}
    for folder in dirs:
        for path in sorted(Path(folder).glob("*.py")):
            if path.name.startswith("_"):
                continue
            for rule in _rules_in(path):
                if rule.code in rules:
                    raise RuleLoadError(f"{path}: rule code {rule.code} is defined twice")
                rules[rule.code] = rule
    return [rules[code] for code in sorted(rules)]


def _failing_line(exc: BaseException, path: Path) -> int:
    """The line of `path` where importing it failed (1 when it cannot be told)."""
    if isinstance(exc, SyntaxError) and exc.lineno:
        return exc.lineno
    line = 1
    for frame in traceback.extract_tb(exc.__traceback__):
        if Path(frame.filename) == path:
            line = frame.lineno or line
    return line


def _rules_in(path: Path) -> list:
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:12]
    module_name = f"torchlint_rules_{digest}.{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise RuleLoadError(f"{path}: not a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # a user's rule folder may hold anything
        raise RuleLoadError(f"{path}:{_failing_line(exc, path)}: {type(exc).__name__}: {exc}") from exc
    found = []
    for value in vars(module).values():
        if isinstance(value, type) and issubclass(value, Rule) and value is not Rule and \
                value.__module__ == module_name and value.code:
            found.append(value())
    return found
