"""Finding the files to check and reading them into text."""

from __future__ import annotations

import io
import os
import re
import tokenize
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator, Optional

if TYPE_CHECKING:
    import pathspec

# the folders ruff skips by default (hidden ones are skipped too)
SKIPPED_DIRS = {"__pycache__", "__pypackages__", "_build", "buck-out", "dist", "node_modules", "site-packages", "venv"}
SUFFIXES = (".py", ".ipynb")
_BYTE_BREAK = re.compile(rb"\r\n|\r|\n")  # line ends as Python counts them


@dataclass
class Source:
    path: str
    text: Optional[str] = None
    error: Optional[str] = None  # why the file could not be read
    line: int = 1  # where, when known: 1-based
    col: int = 1


def discover(paths: list, settings=None) -> Iterator[tuple]:
    """(path, error) for every Python file or notebook under the paths, in sorted order.

    `settings`: None, one Settings for every path, or a SettingsTree that gives
    each folder its own (its nearest configuration). A file named on the command
    line is always checked, unless its settings say force-exclude and their
    exclude patterns match it (pre-commit names every staged file). Folders are
    walked for `*.py` and `*.ipynb`, skipping hidden folders, caches, virtual
    environments and non-regular files; with settings, also what `exclude` (of
    the configuration that rules each folder) and the .gitignore files ignore.
    A folder named on the command line is walked even when it is itself
    excluded or ignored (unless force-exclude); the rules still apply inside it.
    """
    settings_of = _settings_of_folder(settings)
    found: list = []
    for raw in paths:
        if force_excluded(raw, settings_of(_folder_of(raw))):
            continue
        if os.path.isdir(raw):
            found.extend((p, None) for p in _walk(raw, settings_of))
        elif os.path.exists(raw) or os.path.islink(raw):
            found.append((raw, None))
        else:
            found.append((raw, "no such file or directory"))
    seen = set()
    for path, error in sorted(found, key=lambda item: item[0]):
        if path not in seen:
            seen.add(path)
            yield path, error


def _settings_of_folder(settings):
    """A function from an absolute folder to the Settings that rule it (or None)."""
    if settings is None or not hasattr(settings, "for_folder"):
        return lambda folder: settings
    return settings.for_folder


def _folder_of(path: str) -> str:
    absolute = os.path.abspath(path)
    return absolute if os.path.isdir(absolute) else os.path.dirname(absolute)


def force_excluded(path: str, settings) -> bool:
    """True when force-exclude is on and the exclude patterns match the path or a
    folder above it (up to the configuration's folder)."""
    if settings is None or not settings.force_exclude or not settings.exclude:
        return False
    absolute = os.path.abspath(path)
    root = os.path.abspath(settings.root)
    patterns = _Patterns(root, settings.exclude)
    if patterns.match(absolute, os.path.isdir(absolute)):
        return True
    folder = os.path.dirname(absolute)
    while folder != root and folder.startswith(root.rstrip(os.sep) + os.sep):
        if patterns.match(folder, True):
            return True
        folder = os.path.dirname(folder)
    return False


def _walk(top: str, settings_of) -> Iterator[str]:
    abs_top = os.path.abspath(top)
    top_settings = settings_of(abs_top)
    gitignore = None
    if top_settings is not None and top_settings.respect_gitignore:
        gitignore = _gitignore_above(abs_top, os.path.abspath(top_settings.root)).sparing(abs_top)
    excludes: dict = {}  # id(settings) -> its exclude patterns, each configuration's relative to its folder

    def exclude_of(settings) -> Optional[_Patterns]:
        if settings is None or not settings.exclude:
            return None
        if id(settings) not in excludes:
            excludes[id(settings)] = _Patterns(os.path.abspath(settings.root), settings.exclude).sparing(abs_top)
        return excludes[id(settings)]

    # (folder, the .gitignore rules in force there); scandir's entries know
    # their type without a stat for most files, which counts on a warm run
    pending = [(top, gitignore)]
    while pending:
        folder, rules = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:  # unreadable or gone: as os.walk, skip it
            continue
        abs_folder = os.path.abspath(folder)
        if rules is not None and any(entry.name == ".gitignore" for entry in entries):
            rules = rules.extended(abs_folder, _read_lines(os.path.join(folder, ".gitignore")))
        # a nested project's pyproject.toml brings its own exclude (and may turn .gitignore off)
        settings = settings_of(abs_folder) if settings_of is not None else None
        gitignored = rules if settings is None or settings.respect_gitignore else None
        matchers = [m for m in (exclude_of(settings), gitignored) if m is not None and m.lines]
        for entry in entries:
            name = entry.name
            kind = _kind(entry)
            if kind == "dir":
                if not _skip_dir(folder, name) and not _ignored(matchers, os.path.join(abs_folder, name), True):
                    pending.append((entry.path, rules))
            elif kind == "file" and name.endswith(SUFFIXES) and not name.startswith(".") and \
                    not _ignored(matchers, os.path.join(abs_folder, name), False):
                yield entry.path


def _kind(entry: os.DirEntry) -> Optional[str]:
    """"dir" for a real folder (a link to one is not followed: no loops, no walking
    out of the tree); "file" for a regular file or a link to one; None for FIFOs,
    sockets, devices, dangling or looping links."""
    try:
        if entry.is_dir(follow_symlinks=False):
            return "dir"
        return "file" if entry.is_file() else None
    except OSError:  # a link loop
        return None


def _ignored(matchers: list, abs_path: str, is_dir: bool) -> bool:
    return any(m.match(abs_path, is_dir) for m in matchers)


def relative_posix(abs_path: str, base: str) -> str:
    """abs_path relative to base with '/' separators; a path outside base keeps
    its absolute form minus the leading slash, so unanchored globs still apply."""
    if abs_path == base:
        return ""
    prefix = base if base.endswith(os.sep) else base + os.sep
    if abs_path.startswith(prefix):
        rel = abs_path[len(prefix):]
    else:
        rel = os.path.splitdrive(abs_path)[1].lstrip(os.sep)
    return rel.replace(os.sep, "/")


def _skip_dir(parent: str, name: str) -> bool:
    if name.startswith(".") or name in SKIPPED_DIRS:
        return True
    # any virtual environment, whatever its name
    return os.path.exists(os.path.join(parent, name, "pyvenv.cfg"))


class _Patterns:
    """gitignore-style patterns, all relative to one folder, `base`.

    A .gitignore deeper down is folded in by rewriting its patterns relative to
    `base`, so that one spec decides and the later (deeper) pattern wins.
    """

    def __init__(self, base: str, lines: Iterable[str]) -> None:
        self.base = base
        self.lines = tuple(lines)
        self._spec = None

    @property
    def spec(self) -> "pathspec.GitIgnoreSpec":
        if self._spec is None:  # compiled on first use: most trees have no patterns at all
            self._spec = _compile(self.lines)
        return self._spec

    def match(self, abs_path: str, is_dir: bool) -> bool:
        if not self.lines:
            return False
        rel = relative_posix(abs_path, self.base)
        if not rel:
            return False
        if not is_dir:
            return self.spec.match_file(rel)
        # Git judges a folder by its own name, last matching pattern winning; the
        # spec's priorities are for files (a `!dir/` must not re-include `dir/x.py`
        # ignored by `*.py`) and would keep `*` + `!*/` from re-including folders.
        for pattern in reversed(self.spec.patterns):
            if pattern.include is not None and pattern.match_file(rel + "/") is not None:
                return pattern.include
        return False

    def extended(self, folder: str, lines: Iterable[str]) -> "_Patterns":
        """These patterns followed by those of a .gitignore in `folder`."""
        prefix = relative_posix(folder, self.base)
        added = tuple(_rebase(line, prefix) for line in lines if line.strip() and not line.startswith("#"))
        return _Patterns(self.base, self.lines + added) if added else self

    def sparing(self, abs_dir: str) -> "_Patterns":
        """Without the patterns that ignore `abs_dir` itself (or a folder above
        it): a folder named on the command line is walked all the same."""
        if not self.match(abs_dir, True):
            return self
        rel = relative_posix(abs_dir, self.base) + "/"
        kept = [line for line in self.lines if line.startswith("!") or not _compile([line]).match_file(rel)]
        return _Patterns(self.base, kept)


def _rebase(line: str, prefix: str) -> str:
    """A pattern of the .gitignore in folder `prefix`, as seen from the base folder."""
    if not prefix:
        return line
    negate = "!" if line.startswith("!") else ""
    body = line[len(negate):]
    # a slash before the end anchors a pattern to its folder; else it matches at any depth
    if "/" in body.rstrip().rstrip("/"):
        return f"{negate}{prefix}/{body.lstrip('/')}"
    return f"{negate}{prefix}/**/{body}"


def _compile(lines: tuple) -> "pathspec.GitIgnoreSpec":
    import pathspec

    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except ValueError:  # git skips a malformed line of a .gitignore; so do we
        good = []
        for line in lines:
            try:
                pathspec.GitIgnoreSpec.from_lines([line])
            except ValueError:
                continue
            good.append(line)
        return pathspec.GitIgnoreSpec.from_lines(good)


def _gitignore_above(abs_top: str, root: str) -> _Patterns:
    """The ignore rules that reach `abs_top` from above: .git/info/exclude and the
    .gitignore files from the git root (else the project root) down to its parent."""
    git_root = _git_root(abs_top)
    if git_root is not None:
        base = git_root
    else:  # not in a repository: honour the project's own .gitignore files
        base = root if abs_top == root or abs_top.startswith(root.rstrip(os.sep) + os.sep) else abs_top
    patterns = _Patterns(base, ())
    if git_root is not None:
        patterns = patterns.extended(base, _read_lines(os.path.join(git_root, ".git", "info", "exclude")))
    folder = base
    parts = relative_posix(abs_top, base).split("/")[:-1] if abs_top != base else None
    if parts is not None:  # the top's own .gitignore is read by the walk
        patterns = patterns.extended(folder, _read_lines(os.path.join(folder, ".gitignore")))
        for part in parts:
            folder = os.path.join(folder, part)
            patterns = patterns.extended(folder, _read_lines(os.path.join(folder, ".gitignore")))
    return patterns


def _git_root(abs_path: str) -> Optional[str]:
    folder = abs_path
    while True:
        if os.path.exists(os.path.join(folder, ".git")):  # a folder, or a file in worktrees and submodules
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _read_lines(path: str) -> list:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read().splitlines()
    except OSError:
        return []


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
        message = exc.msg if hasattr(exc, "msg") else str(exc)
        if not message.startswith("invalid or missing encoding declaration"):
            if message == "encoding problem: utf-8":  # Python's words for it
                message = "the file starts with a UTF-8 byte order mark but declares another encoding"
            return Source(path, error=f"cannot decode: {message}")
        encoding = "utf-8"  # line 1 or 2 is not UTF-8: the decoding below says where and why
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line, col = _byte_position(data, exc.start, encoding)
        return Source(path, error=f"cannot decode as {encoding}: {exc.reason}", line=line, col=col)
    except LookupError as exc:
        return Source(path, error=f"cannot decode as {encoding}: {exc}")
    if text.startswith("\ufeff"):
        text = text[1:]
    return Source(path, text=text)


def _byte_position(data: bytes, offset: int, encoding: str) -> tuple:
    """The 1-based (line, col) of the byte at `offset`, the column counted in characters."""
    line_start = max(data.rfind(b"\n", 0, offset), data.rfind(b"\r", 0, offset)) + 1
    line = len(_BYTE_BREAK.findall(data, 0, line_start)) + 1
    return line, len(data[line_start:offset].decode(encoding, errors="replace")) + 1
