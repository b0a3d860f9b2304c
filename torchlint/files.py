"""Finding the files to check and reading them into text."""

from __future__ import annotations

import io
import os
import tokenize
from dataclasses import dataclass
from typing import Iterator, Optional

# the folders ruff skips by default (hidden ones are skipped too)
SKIPPED_DIRS = {"__pycache__", "__pypackages__", "_build", "buck-out", "dist", "node_modules", "site-packages", "venv"}


@dataclass
class Source:
    path: str
    text: Optional[str] = None
    error: Optional[str] = None  # why the file could not be read


def discover(paths: list) -> Iterator[tuple]:
    """(path, error) for every Python file under the paths, in sorted order.

    A file named on the command line is always checked; directories are walked
    for `*.py`, skipping hidden folders, caches and virtual environments.
    """
    found: list = []
    for raw in paths:
        if os.path.isdir(raw):
            found.extend((p, None) for p in _walk(raw))
        elif os.path.exists(raw) or os.path.islink(raw):
            found.append((raw, None))
        else:
            found.append((raw, "no such file or directory"))
    seen = set()
    for path, error in sorted(found, key=lambda item: item[0]):
        if path not in seen:
            seen.add(path)
            yield path, error


def _walk(root: str) -> Iterator[str]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not _skip_dir(folder, d))
        for name in sorted(files):
            if name.endswith(".py") and not name.startswith("."):
                yield os.path.join(folder, name)


def _skip_dir(parent: str, name: str) -> bool:
    if name.startswith(".") or name in SKIPPED_DIRS:
        return True
    # any virtual environment, whatever its name
    return os.path.exists(os.path.join(parent, name, "pyvenv.cfg"))


def read(path: str) -> Source:
    """Decode a file as Python does: BOM, coding cookie, else UTF-8."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return Source(path, error=f"cannot read: {exc.strerror or exc}")
    return decode(path, data)


def decode(path: str, data: bytes) -> Source:
    if b"\0" in data:
        return Source(path, error="cannot decode: not a text file (it holds NUL bytes)")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        return Source(path, error=f"cannot decode: {exc.msg if hasattr(exc, 'msg') else exc}")
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        return Source(path, error=f"cannot decode as {encoding}: {exc.reason if hasattr(exc, 'reason') else exc}")
    if text.startswith("\ufeff"):
        text = text[1:]
    return Source(path, text=text)
