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

from .infer.text_scan import used_names

# Callers at most this many files: each is read and interpreted with the file checked.
MAX_IMPORTERS = 2


def package_top(folder: Path) -> Path:
    """The folder above the outermost package holding `folder` (itself when not a package)."""
    return Path(_package_top(str(folder)))


@lru_cache(maxsize=4096)
def _package_top(folder: str) -> str:
    while os.path.isfile(os.path.join(folder, "__init__.py")):
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return folder


def search_roots(importer: Path) -> list:
    """Where an absolute import of `importer` is looked for, in Python's order."""
    return [Path(root) for root in _search_roots(str(importer.parent))]


@lru_cache(maxsize=4096)
def _search_roots(here: str) -> tuple:
    top = _package_top(here)
    roots = [here, top, os.path.dirname(top) if os.path.basename(top) == "src" else os.path.join(top, "src")]
    return tuple(dict.fromkeys(roots))


def resolve(importer: Path, module: str, level: int) -> Optional[Path]:
    """The file of `module` imported from `importer` (`level` leading dots), if it is
    a file of the project."""
    found = _resolve_from(os.path.dirname(str(importer)), module, level)
    return Path(found) if found is not None else None


@lru_cache(maxsize=65536)
def _resolve_from(folder: str, module: str, level: int) -> Optional[str]:
    # Keyed by the importing folder: every file of a folder resolves the same
    # imports alike, and finding a module's callers resolves each of their imports.
    parts = [p for p in module.split(".") if p] if module else []
    if level:
        base = folder
        for _ in range(level - 1):
            base = os.path.dirname(base)
        bases: tuple = (base,)
    else:
        if not parts:
            return None
        bases = _search_roots(folder)
    for base in bases:
        target = os.path.join(base, *parts)
        if parts and os.path.isfile(target + ".py"):
            return target + ".py"
        if os.path.isfile(os.path.join(target, "__init__.py")):
            return os.path.join(target, "__init__.py")
    return None


def forget_file_system() -> None:
    """Drop what was learnt of which files exist: a new run may see a changed tree
    (one process runs many checks in an editor or a test session)."""
    for cached in (_package_top, _search_roots, _resolve_from, _import_summary, _used_names, _importers):
        cached.cache_clear()


def _module_names(path: Path) -> frozenset:
    """The last part of the dotted name other files import `path` by."""
    return frozenset({path.parent.name if path.name == "__init__.py" else path.stem})


def _package_names(path: Path) -> frozenset:
    """The names of the packages above `path`: `from mynet import accuracy` may import
    it through `mynet/__init__.py`."""
    names = set()
    folder = path.parent
    while (folder / "__init__.py").is_file() and folder.parent != folder:
        names.add(folder.name)
        folder = folder.parent
    return frozenset(names)


_TOP_LEVEL_NAMES = re.compile(r"^(?:async[ \t]+)?(?:def|class)[ \t]+(\w+)", re.M)


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


def imported_names(importer: Path, found: list, target: Path, through_packages: bool = False,
                   wanted: frozenset = frozenset()) -> Optional[set]:
    """The names a file with these imports (`imports_of`) binds from the module at
    `target` (a module imported whole binds its own name), directly or, with
    `through_packages`, through a package's `__init__` that re-exports them
    (`from mynet import accuracy` where `mynet/__init__.py` imports it from
    `.metrics`), for the imports of `wanted` names only; None when it does not
    import it."""
    bound: Optional[set] = None
    # as strings: this runs for every import of every file beside the one checked
    folder, wanted_path = os.path.dirname(str(importer)), str(target)
    for module, level, names in found:
        if through_packages and not wanted & set(names):
            continue
        resolved = _resolve_from(folder, module, level)
        if resolved == wanted_path:
            bound = (bound or set()) | (set(names) if names else {module.split(".")[-1]})
            continue
        if through_packages and names and resolved is not None and os.path.basename(resolved) == "__init__.py":
            try:
                st = os.stat(resolved)
            except OSError:
                st = None
            if st is not None:
                summary = _import_summary(resolved, st.st_mtime_ns, st.st_size)
                exported = imported_names(Path(resolved), summary[0], target, through_packages=False)
                if exported and exported & set(names):
                    bound = (bound or set()) | (exported & set(names))
        for name in names:  # `from . import model`, `from pkg import model`
            joined = f"{module}.{name}" if module else name
            if _resolve_from(folder, joined, level) == wanted_path:
                bound = (bound or set()) | {name}
    return bound


def importers(home: Path, home_text: str, limit: int = MAX_IMPORTERS) -> list:
    """The files that import `home` and call (or subclass) something they import from
    it, among those beside it and beside its top package (scripts run from there): at
    most `limit`, by name."""
    packages = _package_names(home)
    defined = frozenset(_TOP_LEVEL_NAMES.findall(home_text)) if packages else frozenset()
    return list(_importers(home, defined, limit))


@lru_cache(maxsize=256)
def _importers(home: Path, defined: frozenset, limit: int) -> tuple:
    # Of the text, only the names it defines matter: an editor's keystrokes mostly keep
    # them, and the folders are not listed again until the file system is forgotten
    # (a new run; the language server on a save).
    names = _module_names(home)
    packages = _package_names(home)
    folders = [home.parent]
    top = package_top(home.parent)
    if top != home.parent:
        folders.append(top)
    found = []
    for folder in folders:
        for path, summary in _folder_summaries(str(folder)):
            if path == home:
                continue
            # directly, or a name home defines from one of its packages (a re-export)
            direct = bool(names & summary[1])
            if not direct and not (packages & summary[1] and defined & summary[1]):
                continue
            bound = imported_names(path, summary[0], home, through_packages=not direct, wanted=defined)
            if bound and bound & _used_names(str(path)):
                found.append(path)
                if len(found) >= limit:
                    return tuple(found)
    return tuple(found)


def _folder_summaries(folder: str) -> list:
    """(path, `_import_summary`) of each Python file of a folder, by name."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []
    out = []
    for entry in entries:
        if not entry.name.endswith(".py"):
            continue
        try:
            if not entry.is_file():
                continue
            st = entry.stat()
        except OSError:
            continue
        out.append((Path(entry.path), _import_summary(entry.path, st.st_mtime_ns, st.st_size)))
    return out


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


@lru_cache(maxsize=1024)
def _used_names(path: str) -> frozenset:
    """The names a file calls or subclasses: asked only of a file that imports the one
    checked (a scan of the whole text, where `_import_summary` reads import lines)."""
    return used_names(read_text(Path(path)) or "")


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

    def __init__(self, path: str, text: str = "", quick: bool = False) -> None:
        self.path = (_resolved(Path(path)) or "") if path else ""
        self.text = text  # of the file checked, already read
        self.quick = quick  # other files as ast_tree builds them (the engine's first look), not libcst
        self.deps: dict = {}
        self.modules: dict = {}  # path -> module (libcst's or ast_tree's), of the files parsed

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
            found = importers(Path(self.path), self.text)
        except (OSError, RuntimeError, ValueError):
            return []
        return [p for p in map(_resolved, found) if p is not None]

    def size(self, path: str) -> int:
        """The size of a project file in bytes (0 when it cannot be had), before reading it."""
        try:
            return os.path.getsize(path)
        except OSError:
            return 0

    def parse(self, path: str, mentioning: bytes = b"") -> Optional["ParsedFile"]:
        """A project file parsed, or None when it cannot be read or parsed, or does not
        hold the text `mentioning`."""
        data = read_bytes(Path(path))
        # what it holds decided the result, read or not ("": it could not be read)
        self.deps[path] = digest(data) if data is not None else ""
        if data is None:
            return None
        if mentioning not in data:
            return None
        parsed = _parsed(path, data, self.quick)
        if parsed is not None:
            self.modules[path] = parsed.module
        return parsed


class ParsedFile:
    """A file parsed once per process for the same bytes (many files import the same
    model), with what the interpreter derives from it once (`memo`: its structural
    facts, the names it calls)."""

    __slots__ = ("module", "text", "memo")

    def __init__(self, module, text: str) -> None:
        self.module = module
        self.text = text
        self.memo: dict = {}


@lru_cache(maxsize=32)
def _parsed(path: str, data: bytes, quick: bool = False) -> Optional[ParsedFile]:
    from .ast_tree import build
    from .parsing import parse_accepted, refusal

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if refusal(text, path) is not None:
        return None
    module = build(text) if quick else None
    if module is None:
        module, problem = parse_accepted(text, path)
        if problem is not None:
            return None
    return ParsedFile(module, text)


def deps_unchanged(deps: dict) -> bool:
    """Are the files a result was computed with still the same bytes?"""
    for path, known in deps.items():
        data = read_bytes(Path(path))
        if (digest(data) if data is not None else "") != known:
            return False
    return True


def _resolved(path: Path) -> Optional[str]:
    """The real path, or None when it cannot be had (a symlink loop)."""
    try:
        return str(path.resolve())
    except (OSError, RuntimeError, ValueError):
        return None
