"""`# noqa` comments: per line, and per file with `# torchlint: noqa`.

Lines are split the way Python's tokenizer and libcst count them (on \\n,
\\r\\n and \\r only), so a form feed or other Unicode line break inside a
line does not shift the numbering.
"""

from __future__ import annotations

import re
from typing import Optional

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CODES = r"[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*"
_NOQA = re.compile(rf"#\s*noqa(?::\s*(?P<codes>{_CODES}))?", re.IGNORECASE)
# on a line of its own, as ruff's `# ruff: noqa`
_FILE_NOQA = re.compile(rf"^[ \t]*#\s*torchlint:\s*noqa(?::\s*(?P<codes>{_CODES}))?\s*$", re.IGNORECASE | re.MULTILINE)

ALL = "*"


class Suppressions:
    """What the comments of one file silence."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: Optional[list] = None
        self.file_codes = _file_codes(text)

    def silences(self, code: str, line: int) -> bool:
        if ALL in self.file_codes or code in self.file_codes:
            return True
        if self._lines is None:
            self._lines = _LINE_BREAK.split(self._text)
        if not 0 < line <= len(self._lines):
            return False
        match = _NOQA.search(self._lines[line - 1])
        if match is None:
            return False
        codes = _parse_codes(match.group("codes"))
        return ALL in codes or code in codes


def _file_codes(text: str) -> frozenset:
    if "torchlint" not in text:
        return frozenset()
    codes: set = set()
    for match in _FILE_NOQA.finditer(text):
        codes |= _parse_codes(match.group("codes"))
    return frozenset(codes)


def _parse_codes(codes: Optional[str]) -> set:
    if codes is None:
        return {ALL}
    return {c.upper() for c in re.split(r"[\s,]+", codes) if c}
