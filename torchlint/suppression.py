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
NOQA = re.compile(rf"#\s*noqa(?::\s*(?P<codes>{_CODES}))?", re.IGNORECASE)
_NOQA = NOQA
# on a line of its own, as ruff's `# ruff: noqa`
_FILE_NOQA = re.compile(rf"^[ \t]*#\s*torchlint:\s*noqa(?::\s*(?P<codes>{_CODES}))?\s*$", re.IGNORECASE | re.MULTILINE)

ALL = "*"


class Suppressions:
    """What the comments of one file silence, and (for TL900) what they did silence."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: Optional[list] = None
        self.file_codes = _file_codes(text)
        self.used: set = set()  # (line, code) silenced by that line's comment
        self.used_in_file: set = set()  # codes silenced by a `# torchlint: noqa: CODE` line

    def silences(self, code: str, line: int) -> bool:
        if ALL in self.file_codes or code in self.file_codes:
            self.used_in_file.add(code)
            return True
        if self._lines is None:
            self._lines = _LINE_BREAK.split(self._text)
        if not 0 < line <= len(self._lines):
            return False
        match = _NOQA.search(self._lines[line - 1])
        if match is None:
            return False
        codes = _parse_codes(match.group("codes"))
        if ALL in codes or code in codes:
            self.used.add((line, code))
            return True
        return False

    def directives(self):
        """(line, [(code, 0-based column), ...], file_wide) of each comment that names codes."""
        if self._lines is None:
            self._lines = _LINE_BREAK.split(self._text)
        for number, text in enumerate(self._lines, 1):
            match = _FILE_NOQA.match(text) if "torchlint" in text else None
            file_wide = match is not None
            match = match or _NOQA.search(text)
            if match is not None and match.group("codes") is not None:
                start = match.start("codes")
                codes = [(m.group().upper(), start + m.start())
                         for m in re.finditer(r"[A-Za-z]+[0-9]+", match.group("codes"))]
                yield number, codes, file_wide


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
