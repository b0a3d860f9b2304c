"""`--add-noqa`: a `# noqa: CODE` comment on each line with a finding, as ruff's.

Adopting torchlint on a large code base: silence what is there today, and let
every new finding fail. A line that already has `# noqa: X` gets the new codes
added to its list; a bare `# noqa` silences everything already. Bytes outside
the inserted text stay as they were (line ends, BOM, encoding cookie). A file is
written only if it still parses, and only if it did not change since it was
read, through a temporary file and `os.replace` (its mode kept).
"""

from __future__ import annotations

import ast
import re
import warnings
from dataclasses import dataclass, field

from .atomic_write import WriteError, write_atomically
from .diagnostic import PARSE_ERROR
from .files import decode
from .suppression import NOQA
from .unused_noqa import CODE as UNUSED_NOQA

_BYTE_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n|\Z)")


@dataclass
class Added:
    comments: int = 0  # codes written
    files: int = 0
    problems: list = field(default_factory=list)  # "path: why it was left as it was"


def add_noqa(diagnostics: list) -> Added:
    """Write the comments for these findings; what was added and what was not."""
    wanted: dict = {}  # path -> {line: codes}
    for d in diagnostics:
        if d.code in (PARSE_ERROR, UNUSED_NOQA) or d.internal_error:
            continue
        wanted.setdefault(d.path, {}).setdefault(d.line, set()).add(d.code)
    added = Added()
    for path in sorted(wanted):
        if path.endswith(".ipynb") or path == "-":
            added.problems.append(f"{path}: left as it is: add `# noqa: CODE` to the line by hand")
            continue
        count, problem = _add_to_file(path, wanted[path])
        if problem is not None:
            added.problems.append(f"{path}: left as it is: {problem}")
        elif count:
            added.comments += count
            added.files += 1
    return added


def _add_to_file(path: str, codes_by_line: dict) -> tuple:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return 0, f"cannot read: {exc.strerror or exc}"
    lines = _BYTE_LINE.findall(data)[:-1] or [data]  # findall ends with an empty match at the end
    count = 0
    for number, codes in codes_by_line.items():
        if not 0 < number <= len(lines):
            return 0, f"line {number} is not in the file"
        lines[number - 1], new = _with_codes(lines[number - 1], sorted(codes))
        count += new
    edited = b"".join(lines)
    if edited == data:
        return 0, None
    if not _parses(path, edited):
        return 0, "a comment there would break the code (a line continued with a backslash?)"
    try:
        write_atomically(path, edited, expected=data)
    except WriteError as exc:  # a read-only folder, a full disk, an edit meanwhile: the file stays as it was
        return 0, "it changed while torchlint was editing it" if exc.changed else f"cannot write: {exc.reason}"
    return count, None


def line_with_codes(line: str, codes: list) -> str:
    """One line of text (no line end) with the codes in its `# noqa` (the editor's "ignore")."""
    return _with_codes(line.encode("utf-8", "surrogatepass"), sorted(codes))[0].decode("utf-8", "surrogatepass")


def _with_codes(line: bytes, codes: list) -> tuple:
    """The line with the codes in its `# noqa`, and how many codes were added."""
    body = line.rstrip(b"\r\n")
    end = line[len(body):]
    text = body.decode("latin-1")  # byte for byte: the offsets of the match are the bytes'
    match = NOQA.search(text)
    if match is None:
        return body + f"  # noqa: {', '.join(codes)}".encode() + end, len(codes)
    if match.group("codes") is None:  # a bare noqa silences every code already
        return line, 0
    present = {c.upper() for c in re.split(r"[\s,]+", match.group("codes")) if c}
    missing = [code for code in codes if code not in present]
    if not missing:
        return line, 0
    at = match.end("codes")
    return (text[:at] + "".join(f", {code}" for code in missing) + text[at:]).encode("latin-1") + end, len(missing)


def _parses(path: str, data: bytes) -> bool:
    source = decode(path, data)
    if source.text is None:
        return False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarning: invalid escape sequence, ...
        try:
            ast.parse(source.text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False
    return True
