"""Where a line and column of a notebook's cell lie in the .ipynb file itself.

A notebook's findings count lines within their cell (`cell 7:2:15`), which is
what a reader of the notebook wants. GitHub annotations, SARIF viewers and CI
reports place a finding on a line of the file as stored, the JSON: there, line
2 of cell 7 is the line holding that string of the cell's `source`. This module
reads the JSON with the position of each `source` string and maps a cell
position to the file's line and column, so a click lands on the code.
"""

from __future__ import annotations

import json
import re
from typing import Optional

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # as notebooks.py splits a cell's lines
_SPACE = re.compile(r"[ \t\r\n]*")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


class _Located(str):
    """A JSON string with the offset of its opening quote in the file."""

    start: int


class NotebookPositions:
    """The cells' `source` strings of one notebook's JSON text, with their offsets."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._skip = 1 if raw.startswith("\ufeff") else 0
        try:
            notebook = _Parser(raw, self._skip).document()
        except (ValueError, IndexError, RecursionError):
            notebook = None
        cells = notebook.get("cells") if isinstance(notebook, dict) else None
        self._cells = cells if isinstance(cells, list) else []
        self._line_starts: Optional[list] = None

    def in_file(self, cell: int, line: int, col: int) -> Optional[tuple]:
        """(line, col) in the file, both 1-based, of a cell's 1-based line and column;
        None when the cell or the line is not in the notebook."""
        fragments = self._fragments(cell)
        if fragments is None:
            return None
        source = "".join(fragments)
        starts = [0] + [m.end() for m in _LINE_BREAK.finditer(source)]
        if not 0 < line <= len(starts):
            return None
        offset = min(starts[line - 1] + col - 1, len(source))
        for fragment in fragments:
            if offset < len(fragment) or fragment is fragments[-1]:
                return self._position(_raw_offset(self.raw, fragment.start, min(offset, len(fragment))))
            offset -= len(fragment)
        return None

    def line_text(self, cell: int, line: int) -> Optional[str]:
        """The text of a cell's 1-based line, as the notebook holds it."""
        fragments = self._fragments(cell)
        if fragments is None:
            return None
        lines = _LINE_BREAK.split("".join(fragments))
        return lines[line - 1] if 0 < line <= len(lines) else None

    def _fragments(self, cell: int) -> Optional[list]:
        if not 0 < cell <= len(self._cells) or not isinstance(self._cells[cell - 1], dict):
            return None
        source = self._cells[cell - 1].get("source")
        fragments = [source] if isinstance(source, _Located) else source
        if not isinstance(fragments, list) or not fragments or \
                not all(isinstance(part, _Located) for part in fragments):
            return None
        return fragments

    def _position(self, offset: int) -> tuple:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(self.raw)]
        starts = self._line_starts
        low, high = 0, len(starts) - 1
        while low < high:  # the last line start at or before offset
            middle = (low + high + 1) // 2
            if starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        column = offset - starts[low] + 1 - (self._skip if low == 0 else 0)
        return low + 1, column


def _raw_offset(raw: str, quote: int, decoded: int) -> int:
    """The file offset of the `decoded`-th character of the string literal at `quote`."""
    i = quote + 1
    for _ in range(decoded):
        if raw[i] != "\\":
            i += 1
        elif raw[i + 1] != "u":
            i += 2
        else:  # \uXXXX, and a surrogate pair of two of them is one character
            high = int(raw[i + 2:i + 6], 16)
            i += 12 if 0xD800 <= high < 0xDC00 and raw.startswith("\\u", i + 6) else 6
    return i


class _Parser:
    """JSON's grammar, keeping each string's offset (json.loads keeps none)."""

    def __init__(self, raw: str, start: int) -> None:
        self.raw = raw
        self.i = start

    def document(self):
        value = self.value()
        self.space()
        if self.i != len(self.raw):
            raise ValueError("extra data")
        return value

    def space(self) -> None:
        self.i = _SPACE.match(self.raw, self.i).end()

    def value(self):
        self.space()
        ch = self.raw[self.i]
        if ch == '"':
            start = self.i
            text, self.i = json.decoder.scanstring(self.raw, self.i + 1)
            located = _Located(text)
            located.start = start
            return located
        if ch == "{":
            return self.members()
        if ch == "[":
            return self.items()
        match = _SCALAR.match(self.raw, self.i)
        if match is None:
            raise ValueError(f"unexpected {ch!r}")
        self.i = match.end()
        return json.loads(match.group())

    def members(self) -> dict:
        found: dict = {}
        self.i += 1
        self.space()
        if self.raw[self.i] == "}":
            self.i += 1
            return found
        while True:
            key = self.value()
            self.space()
            if not isinstance(key, str) or self.raw[self.i] != ":":
                raise ValueError("expected a key and ':'")
            self.i += 1
            found[str(key)] = self.value()
            self.space()
            ch = self.raw[self.i]
            self.i += 1
            if ch == "}":
                return found
            if ch != ",":
                raise ValueError("expected ',' or '}'")

    def items(self) -> list:
        found: list = []
        self.i += 1
        self.space()
        if self.raw[self.i] == "]":
            self.i += 1
            return found
        while True:
            found.append(self.value())
            self.space()
            ch = self.raw[self.i]
            self.i += 1
            if ch == "]":
                return found
            if ch != ",":
                raise ValueError("expected ',' or ']'")
