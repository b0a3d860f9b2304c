"""`--fix` and `--diff` over the files of a run: each file with something to fix is
read again, fixed (fixing.py), checked again, and written back or shown as a diff."""

from __future__ import annotations

import difflib
import io
import os
import tokenize
from dataclasses import dataclass, field, replace
from typing import Optional

from .diagnostic import PARSE_ERROR, Diagnostic
from .atomic_write import WriteError, write_atomically
from .fixing import applicable, fix_text


@dataclass
class FixReport:
    """What fixing a run's files did."""

    applied: int = 0  # fixes applied (or, for --diff, that would be)
    files: int = 0  # files changed (or that would be)
    diffs: list = field(default_factory=list)  # unified diffs, for --diff


def fix_result(result, data: Optional[bytes], rules: list, ignored: frozenset, unsafe: bool, write: bool,
               report: FixReport):
    """The result of one file after fixing it: its remaining diagnostics (and, with
    `write`, the file rewritten); `data` is the file's bytes (None: read them now).
    A file that cannot be fixed safely keeps its diagnostics, with a TL000 saying why."""
    if result.text is None or not any(applicable(d, unsafe) for d in result.diagnostics):
        return result
    path = result.path
    if data is None:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            return _not_fixed(result, f"cannot fix: cannot read it again: {exc.strerror or exc}")
    encoding = _encoding(data)
    if encoding is None:
        return result
    original = data.decode(encoding)
    if original.encode(encoding) != data:  # the bytes would not come back as they were: leave them
        return _not_fixed(result, "cannot fix: its bytes do not survive decoding and encoding again")
    text = original[1:] if original.startswith("\ufeff") else original
    bom = original[:1] if original.startswith("\ufeff") else ""
    fixed = fix_text(text, _checker(path, rules, ignored), unsafe)
    if fixed.applied == 0 or fixed.text == text:
        return result
    new_bytes = (bom + fixed.text).encode(encoding, errors="strict") if _encodable(bom + fixed.text, encoding) \
        else None
    if new_bytes is None:
        return _not_fixed(result, f"cannot fix: the fixed code cannot be written as {encoding}")
    if write:
        try:
            write_atomically(path, new_bytes, expected=data)
        except WriteError as exc:
            return _not_fixed(result, f"cannot fix: {exc}")
    else:
        report.diffs.append(_diff(path, text, fixed.text))
    report.applied += fixed.applied
    report.files += 1
    return replace(result, diagnostics=sorted(fixed.remaining), text=fixed.text)


def fix_stdin(result, data: bytes, rules: list, ignored: frozenset, unsafe: bool, report: FixReport) -> tuple:
    """(result with what remains, the fixed source) for source read from stdin."""
    encoding = _encoding(data) or "utf-8"
    try:
        source = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return result, data.decode("utf-8", errors="surrogateescape")
    if result.text is None or not any(applicable(d, unsafe) for d in result.diagnostics):
        return result, source
    bom = source[:1] if source.startswith("\ufeff") else ""
    name = result.path
    fixed = fix_text(source[len(bom):], _checker(name, rules, ignored), unsafe)
    if fixed.applied:
        report.applied += fixed.applied
        report.files += 1
        report.diffs.append(_diff(name, source[len(bom):], fixed.text))
        result = replace(result, diagnostics=sorted(fixed.remaining), text=fixed.text)
    return result, bom + fixed.text


def _checker(path: str, rules: list, ignored: frozenset):
    """What fixing checks each new text with: the run's rules and the file's ignores."""
    from .engine import check

    def diagnostics_of(code: str) -> list:
        return [d for d in check(code, path, rules).diagnostics if d.code not in ignored or d.internal_error]
    return diagnostics_of


def _encoding(data: bytes) -> Optional[str]:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        data.decode(encoding)
    except (SyntaxError, UnicodeDecodeError, LookupError):
        return None
    return "utf-8" if encoding == "utf-8-sig" else encoding  # the BOM is kept as a character


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _not_fixed(result, why: str):
    return replace(result, diagnostics=sorted([*result.diagnostics, Diagnostic(result.path, 1, 1, PARSE_ERROR, why)]))


def _diff(path: str, before: str, after: str) -> str:
    # git's a/ and b/ for a relative path (`git apply -p1` takes it); an absolute one as it is
    old, new = (path, path) if os.path.isabs(path) else (f"a/{path}", f"b/{path}")
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=old, tofile=new)
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
                   for line in lines)
