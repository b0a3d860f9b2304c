"""Names read from a module's text with regular expressions, without parsing it.

Cheap enough to run over every file of a folder (finding a module's callers) and
free of libcst, so that the engine's project search can use them before any parse.
"""

from __future__ import annotations

import re
from collections import Counter

_CALLED = re.compile(r"(?<![\w])([A-Za-z_]\w*)\s*\(")
_DEFINED = re.compile(r"\bdef\s+([A-Za-z_]\w*)\s*\(")
_CALL_HEADS = re.compile(r"(?<![\w.])([A-Za-z_]\w*)\s*(?:\(|(?:\.\w+)+\s*\()")
_CLASS_BASES = re.compile(r"^[ \t]*class\s+\w+\s*\(([^)]*)\)", re.M)
_NAME = re.compile(r"(?<![\w.])([A-Za-z_]\w*)")


def called_names(text: str) -> Counter:
    """name -> how often the code calls it (`name(`, `obj.name(`), definitions not counted;
    comments do not call (a case's `# run:` lines)."""
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    calls = Counter(_CALLED.findall(code))
    calls.subtract(_DEFINED.findall(code))
    return calls


def used_names(text: str) -> frozenset:
    """The names a module's text calls (`name(`), reaches a call through (`name.attr(`) or
    subclasses (`class C(name)`): the imported names whose definitions matter to it."""
    found = set(_CALL_HEADS.findall(text))
    for bases in _CLASS_BASES.findall(text):
        found.update(_NAME.findall(bases))
    return frozenset(found)
