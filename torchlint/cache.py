"""Per-file results on disk, keyed by everything that decides them.

An entry's key is the hash of the file's bytes, the torchlint version, the
rule set (the source of every rule module) and the path (messages hold it).
An entry also lists the project's other files the result was computed with
(the modules the file imports, the files that import it) and the hash of each:
it is reused only while they are unchanged, so editing `model.py` re-checks the
files that import it and nothing else.
Entries are written to a temporary file and renamed into place, so runs that
share the cache never see half an entry; an entry that does not load is
ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from . import __version__
from .diagnostic import Diagnostic, TextFix, gave_up_from

if TYPE_CHECKING:
    from .engine import Checked
    from .file_index import FileIndex

DEFAULT_DIR = ".torchlint_cache"
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by torchlint.\n"
_FORMAT = 4  # bump when the entry layout changes


class Cache:
    def __init__(self, root: Path, rules_fingerprint: str) -> None:
        self.root = Path(root)
        self.folder = self.root / f"v{_FORMAT}-{__version__}" / rules_fingerprint[:16]
        self._ready = False

    def key(self, path: str, data: bytes) -> str:
        digest = hashlib.sha256(data)
        digest.update(b"\0" + os.path.normcase(path).encode("utf-8", "surrogateescape"))
        return digest.hexdigest()

    def get(self, key: str, path: str) -> Optional["Checked"]:
        from .engine import Checked

        try:
            with open(self._entry(key), encoding="utf-8") as handle:
                entry = json.load(handle)
            diagnostics, gave_up = findings(entry["diagnostics"], path), gave_up_from(entry["gave_up"])
            deps = entry.get("deps", {})
            if not isinstance(deps, dict) or not all(isinstance(v, str) for v in deps.values()):
                return None
        except Exception:  # absent, corrupt (even too deeply nested to read) or foreign: recompute
            return None
        if diagnostics is None or gave_up is None:
            return None
        from .project import deps_unchanged

        # the other files of the project it was checked with must be the same bytes still
        return Checked(diagnostics, gave_up, deps) if deps_unchanged(deps) else None

    def put(self, key: str, checked: "Checked") -> None:
        diagnostics = checked.diagnostics
        if any(d.internal_error for d in diagnostics):
            return  # a crash may be fixed by the next release; do not keep it
        try:
            self._prepare()
            entry = self._entry(key)
            entry.parent.mkdir(parents=True, exist_ok=True)
            payload = json.dumps({"diagnostics": [plain(d) for d in diagnostics], "gave_up": checked.gave_up,
                                  "deps": checked.deps})
            fd, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload)
            os.replace(temporary, entry)
        except OSError:
            pass  # a read-only or full disk costs speed, never a result

    def index(self) -> "FileIndex":
        """The index of this cache's last result per path (see file_index)."""
        from .file_index import FileIndex

        return FileIndex(self.folder / "index.json", before_write=self._prepare)

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key[2:]}.json"

    def _prepare(self) -> None:
        if self._ready:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        for name, content in (("CACHEDIR.TAG", _TAG), (".gitignore", "*\n")):
            target = self.root / name
            if not target.exists():
                target.write_text(content, encoding="utf-8")
        self._ready = True


def clean(root: Path) -> bool:
    """Remove a cache folder; False when there was none."""
    root = Path(root)
    if not root.is_dir():
        return False
    if not (root / "CACHEDIR.TAG").exists():
        raise OSError(f"{root} is not a torchlint cache (no CACHEDIR.TAG); not removing it")
    shutil.rmtree(root)
    return True


def rules_fingerprint(rules: list) -> str:
    """A hash of torchlint's own sources and the rule modules': editing either
    (as a development install does without a version bump) invalidates results."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    sources = sorted(package.rglob("*.py"))
    for rule in rules:
        digest.update(rule.code.encode())
        module = sys.modules.get(type(rule).__module__)
        if getattr(module, "__file__", None):
            sources.append(Path(module.__file__))
    for source in sources:
        try:
            digest.update(source.read_bytes())
        except OSError:
            digest.update(b"?")
    return digest.hexdigest()


def plain(d: Diagnostic) -> dict:
    plain = {"line": d.line, "col": d.col, "code": d.code, "message": d.message, "end_line": d.end_line,
             "end_col": d.end_col, "related": [list(r) for r in d.related], "path": d.path,
             "fix": None if d.fix is None else {"title": d.fix.title, "safe": d.fix.safe,
                                                "edits": [list(e) for e in d.fix.edits]}}
    if hasattr(d, "cell"):  # a notebook's finding counts its lines within a cell
        plain["cell"], plain["related_cells"] = d.cell, list(d.related_cells)
    return plain


def findings(items: list, path: str) -> Optional[list]:
    """Diagnostics from their cached form, reported under `path` (the index is
    shared by runs from other folders); None when it is not what plain() writes."""
    try:
        return [replace(from_plain(item), path=path) for item in items]
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def from_plain(item: dict) -> Diagnostic:
    """A diagnostic from its cached form; ValueError (or KeyError, TypeError) when
    the item is not exactly what plain() writes: a foreign entry is never trusted."""
    fields = dict(path=_typed(item["path"], str), line=_typed(item["line"], int), col=_typed(item["col"], int),
                  code=_typed(item["code"], str), message=_typed(item["message"], str),
                  end_line=_typed(item["end_line"], int), end_col=_typed(item["end_col"], int),
                  related=tuple((_typed(a, int), _typed(b, int), _typed(c, str)) for a, b, c in item["related"]),
                  fix=_fix_from_plain(item["fix"]))
    if "cell" in item:
        from .notebooks import NotebookDiagnostic

        return NotebookDiagnostic(**fields, cell=_typed(item["cell"], int),
                                  related_cells=tuple(_typed(c, int) for c in item["related_cells"]))
    return Diagnostic(**fields)


def _fix_from_plain(item) -> Optional[TextFix]:
    if item is None:
        return None
    edits = tuple((_typed(a, int), _typed(b, int), _typed(c, int), _typed(d, int), _typed(text, str))
                  for a, b, c, d, text in item["edits"])
    return TextFix(_typed(item["title"], str), _typed(item["safe"], bool), edits)


def _typed(value, kind: type):
    if type(value) is not kind:
        raise ValueError(f"expected {kind.__name__}, got {value!r}")
    return value
