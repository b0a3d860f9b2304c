"""The loader of rule modules by path: the built-in rules/ folder and users' rule folders.

What a rule is, and all it may import, is `torchlint.api`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
import traceback
from pathlib import Path
from typing import Iterable

from .api import Repro, Rule  # noqa: F401  also importable from here; a check may still return plain text


class RuleLoadError(Exception):
    pass


def builtin_rule_dir() -> Path:
    # a source checkout's own rules first: run from another checkout than the one
    # installed in editable mode, `torchlint.builtin_rules` would be the installed one's
    checkout = Path(__file__).resolve().parent.parent / "rules"
    if (checkout / "tl001_numpy_on_grad_tensor.py").is_file():
        return checkout
    try:
        from . import builtin_rules  # installed: rules/ ships as torchlint.builtin_rules

        return Path(builtin_rules.__file__).parent
    except ImportError:
        return checkout


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
