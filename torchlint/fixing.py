"""Applying the rules' fixes to a file's text (writing it back: atomic_write.py).

A fix is a set of text edits in the file's coordinates (see `TextFix`), made from
the nodes libcst found, so everything outside the edited spans stays byte for
byte: comments, quotes, CRLF line endings, tabs, a BOM, the encoding cookie.

`fix_text` applies the fixes of one check, checks the file again and repeats
until nothing is left to fix (at most `MAX_ROUNDS`): a fix may reveal or
overlap another (`t.cpu().numpy()` inside `torch.tensor(...)`). Fixes whose
edits overlap one already taken wait for the next round. A round whose result
does not parse is undone fix by fix: a fix that breaks the code is never
applied, and its diagnostic is reported as not fixed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

from .parsing import line_starts

MAX_ROUNDS = 10


@dataclass
class Fixed:
    """What fixing one text gave: the new text, how many fixes were applied, and the
    diagnostics left (from checking the final text)."""

    text: str
    applied: int = 0
    remaining: list = field(default_factory=list)


def applicable(diagnostic, unsafe: bool) -> bool:
    fix = diagnostic.fix
    return fix is not None and (fix.safe or unsafe)


def fix_text(text: str, check: Callable[[str], list], unsafe: bool = False) -> Fixed:
    """Fix `text` with the fixes of the diagnostics `check(text)` returns, until none
    applies. `check` is run once more on each new text; its last answer is what remains."""
    applied, diagnostics = 0, check(text)
    for _ in range(MAX_ROUNDS):
        fixes = [d.fix for d in diagnostics if applicable(d, unsafe)]
        if not fixes:
            break
        new_text, count = apply_fixes(text, fixes)
        if count == 0 or new_text == text:
            break
        text, applied = new_text, applied + count
        diagnostics = check(text)
    return Fixed(text, applied, diagnostics)


def apply_fixes(text: str, fixes: list) -> tuple:
    """(the text with as many of the fixes as do not overlap, how many were applied).
    The combined result must parse; when it does not, each fix is tried alone on the
    text and kept only if it parses."""
    starts = line_starts(text)
    chosen, taken = [], []  # the fixes kept, and the spans their edits cover
    for fix in sorted(fixes, key=lambda f: f.edits[0][:2]):
        spans = _spans(fix, starts, len(text))
        if spans is None or any(_overlap(span, other) for span in spans for other in taken):
            continue
        chosen.append(spans)
        taken.extend(spans)
    if not chosen:
        return text, 0
    combined = _edited(text, [s for spans in chosen for s in spans])
    if _parses(combined):
        return combined, len(chosen)
    kept = [spans for spans in chosen if _parses(_edited(text, spans))]
    if not kept:
        return text, 0
    combined = _edited(text, [s for spans in kept for s in spans])
    return (combined, len(kept)) if _parses(combined) else (_edited(text, kept[0]), 1)


def _offset(starts: list, size: int, line: int, col: int) -> Optional[int]:
    if not 1 <= line <= len(starts) or col < 1:
        return None
    offset = starts[line - 1] + col - 1
    limit = starts[line] if line < len(starts) else size
    return offset if offset <= limit else None


def _spans(fix, starts: list, size: int) -> Optional[list]:
    """(start, end, text) offsets of each edit; None when an edit lies outside the text."""
    spans = []
    for line, col, end_line, end_col, new in fix.edits:
        start, end = _offset(starts, size, line, col), _offset(starts, size, end_line, end_col)
        if start is None or end is None or end < start:
            return None
        spans.append((start, end, new))
    return spans


def _overlap(a: tuple, b: tuple) -> bool:
    """Two edits touch the same code (two insertions at one point count too: their order
    would be a guess)."""
    if a[0] == a[1] or b[0] == b[1]:
        return b[0] <= a[0] <= b[1] if a[0] == a[1] else a[0] <= b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


def _edited(text: str, spans: list) -> str:
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _parses(text: str) -> bool:
    from .parsing import parse

    module, problem = parse(text)
    return module is not None and problem is None
