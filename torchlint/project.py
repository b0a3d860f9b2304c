"""The other files of the project that checking one file reads.

A file is checked with the modules of the same project it imports (their
functions and classes, read from source: never imported, never run) and with
the files that import it (its callers say what its functions are given). This
module finds those files; the interpreter reads what they define.

Imports are resolved as Python would from the places a project runs from:
the importing file's folder (a script beside its `model.py`), the folder above
its top package (`from mypkg.model import Net` inside `mypkg/`), and that
folder's `src/`. Relative imports count from the importing file's package.
What does not resolve to a file there (third-party packages, torch) stays
unknown.

Every file read is recorded with the hash of its bytes, so that a cached
result is reused only while they are unchanged (`deps`).
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

# Callers at most this many files: each is read and interpreted with the file checked.
MAX_IMPORTERS = 4
# Modules loaded through imports at most this deep (an import in an imported module...).
MAX_IMPORT_DEPTH = 3


def package_top(folder: Path) -> Path:
    """The folder above the outermost package holding `folder` (itself when not a package)."""
    while (folder / "__init__.py").is_file() and folder.parent != folder:
        folder = folder.parent
    return folder


def search_roots(importer: Path) -> list:
    """Where an absolute import of `importer` is looked for, in Python's order."""
    here = importer.parent
    top = package_top(here)
    roots = [here, top]
    if top.name == "src":
        roots.append(top.parent)
    else:
        roots.append(top / "src")
    seen, ordered = set(), []
    for root in roots:
        if root not in seen:
            seen.add(root)
            ordered.append(root)
    return ordered


def resolve(importer: Path, module: str, level: int) -> Optional[Path]:
    """The file of `module` imported from `importer` (`level` leading dots), if it is
    a file of the project."""
    parts = [p for p in module.split(".") if p] if module else []
    if level:
        base = importer.parent
        for _ in range(level - 1):
            base = base.parent
        bases = [base]
    else:
        if not parts:
            return None
        bases = search_roots(importer)
    for base in bases:
        target = base.joinpath(*parts) if parts else base
        for candidate in (target.with_name(target.name + ".py") if parts else None, target / "__init__.py"):
            if candidate is not None and candidate.is_file():
                return candidate
    return None


def _module_names(path: Path) -> set:
    """The names other files may import `path` by: its dotted names from each place
    a project runs from, its bare name for relative imports."""
    stem = path.parent.name if path.name == "__init__.py" else path.stem
    return {stem}


_IMPORT_LINE = re.compile(r"^[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+([^\n#]+)|import[ \t]+([^\n#]+))",
                          re.M)


def imports_of(text: str) -> list:
    """(module, level, names) of each import statement, read from the text."""
    found = []
    for dots, module, names, plain in _IMPORT_LINE.findall(text):
        if plain:
            for part in plain.split(","):
                name = part.strip().split(" as ")[0].strip()
                if name:
                    found.append((name, 0, ()))
        else:
            listed = tuple(n.strip().split(" as ")[0].strip(" ()\\") for n in names.split(","))
            found.append((module, len(dots), tuple(n for n in listed if n)))
    return found


def imports(importer: Path, found: list, target: Path) -> bool:
    """Does a file with these imports (`imports_of`) import the module at `target`?"""
    for module, level, names in found:
        if resolve(importer, module, level) == target:
            return True
        for name in names:  # `from . import model`, `from pkg import model`
            joined = f"{module}.{name}" if module else name
            if resolve(importer, joined, level) == target:
                return True
    return False


def importers(home: Path, limit: int = MAX_IMPORTERS) -> list:
    """The files that import `home`, among those beside it and beside its top
    package (scripts run from there): at most `limit`, by name."""
    names = _module_names(home)
    folders = [home.parent]
    top = package_top(home.parent)
    if top != home.parent:
        folders.append(top)
    found = []
    for folder in folders:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            if not entry.name.endswith(".py") or path == home or not entry.is_file():
                continue
            try:
                st = entry.stat()
            except OSError:
                continue
            summary = _import_summary(entry.path, st.st_mtime_ns, st.st_size)
            if not any(name in summary[1] for name in names):
                continue
            if imports(path, summary[0], home):
                found.append(path)
                if len(found) >= limit:
                    return found
    return found


@lru_cache(maxsize=4096)
def _import_summary(path: str, mtime_ns: int, size: int) -> tuple:
    """(imports_of, the words of its import lines) of a file, read once per process
    while its status is unchanged: every file of a folder asks about every other."""
    text = read_text(Path(path)) or ""
    found = imports_of(text)
    words = set()
    for module, _level, names in found:
        words.update(module.split("."))
        words.update(names)
    return found, frozenset(words)


def read_text(path: Path) -> Optional[str]:
    data = read_bytes(path)
    if data is None:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def read_bytes(path: Path) -> Optional[bytes]:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ProjectView:
    """What checking one file may read of its project, each read recorded.

    `path`: the file checked. The interpreter asks `resolve` for its imports, `parse`
    for the files they name and `importers` for its callers; `deps` is then every
    other file read, with the hash of its bytes."""

    def __init__(self, path: str) -> None:
        self.path = _resolved(Path(path)) or "" if path else ""
        self.deps: dict = {}
        self.modules: dict = {}  # path -> libcst module, of the files parsed

    def resolve(self, importer: Optional[str], module: str, level: int) -> Optional[str]:
        if not self.path:
            return None
        try:
            found = resolve(Path(importer or self.path), module, level)
        except (OSError, RuntimeError, ValueError):  # a symlink loop, a name too long...
            return None
        return _resolved(found) if found is not None else None

    def importers(self) -> list:
        if not self.path:
            return []
        try:
            found = importers(Path(self.path))
        except (OSError, RuntimeError, ValueError):
            return []
        return [p for p in map(_resolved, found) if p is not None]

    def parse(self, path: str):
        """(libcst module, text) of a project file, or None when it cannot be read or parsed."""
        data = read_bytes(Path(path))
        if data is None:
            return None
        self.deps[path] = digest(data)
        parsed = _parsed(path, data)
        if parsed is not None:
            self.modules[path] = parsed[0]
        return parsed


@lru_cache(maxsize=256)
def _parsed(path: str, data: bytes):
    """Parsed once per process for the same bytes: many files import the same model."""
    from .parsing import parse

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    module, problem = parse(text, path)
    return None if problem is not None else (module, text)


def deps_unchanged(deps: dict) -> bool:
    """Are the files a result was computed with still the same bytes?"""
    for path, known in deps.items():
        data = read_bytes(Path(path))
        if data is None or digest(data) != known:
            return False
    return True


def _resolved(path: Path) -> Optional[str]:
    """The real path, or None when it cannot be had (a symlink loop)."""
    try:
        return str(path.resolve())
    except (OSError, RuntimeError, ValueError):
        return None
