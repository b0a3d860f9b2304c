"""torchlint's places (1-based lines, columns in characters, end exclusive) as LSP
ranges (0-based, columns in the code units the client and server agreed on)."""

from __future__ import annotations

import re

from lsprotocol import types

_LINE_END = re.compile(r"\r\n|\r|\n")  # where Python (and torchlint) end a line


def lines_of(text: str) -> list:
    return _LINE_END.split(text)


def units(prefix: str, encoding: str) -> int:
    """How many code units of `encoding` (utf-8, utf-16 or utf-32) the text takes."""
    if encoding == types.PositionEncodingKind.Utf8:
        return len(prefix.encode("utf-8", "surrogatepass"))
    if encoding == types.PositionEncodingKind.Utf32:
        return len(prefix)
    return len(prefix.encode("utf-16-le", "surrogatepass")) // 2


def position(lines: list, line: int, col: int, encoding: str) -> types.Position:
    """A 1-based (line, character column) as an LSP position; past the end: the end."""
    if line > len(lines):
        return types.Position(line=len(lines) - 1, character=units(lines[-1], encoding))
    text = lines[max(line, 1) - 1]
    return types.Position(line=max(line, 1) - 1, character=units(text[:max(col, 1) - 1], encoding))


def span(lines: list, line: int, col: int, end_line: int, end_col: int, encoding: str) -> types.Range:
    return types.Range(start=position(lines, line, col, encoding), end=position(lines, end_line, end_col, encoding))


def character_column(lines: list, pos: types.Position, encoding: str) -> tuple:
    """A client position as a 1-based (line, character column)."""
    if pos.line >= len(lines):
        return len(lines) + 1, 1
    text, count = lines[pos.line], 0
    for index, char in enumerate(text):
        if count >= pos.character:
            return pos.line + 1, index + 1
        count += units(char, encoding)
    return pos.line + 1, len(text) + 1


def whole(lines: list, encoding: str) -> types.Range:
    """The range of the whole text."""
    return types.Range(start=types.Position(line=0, character=0),
                       end=types.Position(line=len(lines) - 1, character=units(lines[-1], encoding)))
