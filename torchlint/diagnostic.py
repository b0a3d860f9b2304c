"""What a check reports: one finding at a place in a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

PARSE_ERROR = "TL000"  # the file could not be read, decoded or parsed, or torchlint failed on it


@dataclass(frozen=True)
class TextFix:
    """A finding's fix as text edits: each (line, col, end_line, end_col, new text),
    1-based, end exclusive (an insertion has end == start); `safe`: --fix applies it,
    else only --unsafe-fixes does."""

    title: str
    safe: bool
    edits: tuple


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding. Lines and columns are 1-based; the end is exclusive."""

    path: str
    line: int
    col: int
    code: str
    message: str
    internal_error: bool = False
    end_line: int = 0  # 0: same as line
    end_col: int = 0  # 0: col + 1
    related: tuple = ()  # ((line, col, note), ...): where the fact began, the call that made it certain
    fix: Optional[TextFix] = field(default=None, compare=False)

    def concise(self, mark: str = "") -> str:
        """`path:line:col: CODE message`; `mark` ("[*] ") goes before the message."""
        return f"{self.path}:{self.line}:{self.col}: {self.code} {mark}{self.message}"

    @property
    def end(self) -> tuple:
        return (self.end_line or self.line, self.end_col or self.col + 1)


def gave_up_from(item) -> Optional[dict]:
    """What a check gave up for time ({"loops widened": 2}), from its stored form
    ({str: int > 0}); None when the item is not that, so that it is never trusted."""
    if not isinstance(item, dict) or not all(isinstance(k, str) and type(v) is int and v > 0
                                             for k, v in item.items()):
        return None
    return dict(item)
