"""The last result of every checked path, and the file status it came from.

Hashing every file of a large tree costs more than reading it, so a warm run
that hashed everything could never be close to the cost of listing the tree.
For each path, the index keeps the file's status when it was read (size,
mtime, ctime, inode), the hash of its bytes and its findings:

- a path whose status is unchanged is answered without being read, as git's
  index answers `git status`;
- a path whose status changed is read and hashed; if the hash is the one
  recorded (a `touch`, a copy, a checkout of the same content) its findings are
  reused, else it is checked again.

A file whose mtime or ctime is less than RACY_NS older than the moment its
status was taken could be modified again within the filesystem's timestamp
granularity without its status changing: its status is not recorded, so the
next run hashes it (git's "racy clean" rule). On POSIX, ctime cannot be set
by a user, so restoring an old mtime does not fool the index; on Windows
st_ctime is the creation time, so there the status alone is never trusted.

Paths are keyed absolute, and findings are stored with the path they were
reported under and re-pathed on the way out, so runs from different folders
share entries.

One JSON file, written to a temporary file and renamed into place: runs that
share it never see half an index (the last one to finish keeps its view).
Anything in it that does not have the expected shape is ignored.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Optional

from .diagnostic import gave_up_from

FORMAT = 2  # bump when the layout changes
RACY_NS = 2_000_000_000


def status_of(st: os.stat_result, taken_at: int) -> Optional[list]:
    """What the index compares; None when it cannot be trusted: the file changed
    too recently before `taken_at` (time.time_ns() just before the stat), or
    the platform's ctime does not move on a write."""
    if os.name == "nt" or taken_at - max(st.st_mtime_ns, st.st_ctime_ns) < RACY_NS:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


class FileIndex:
    def __init__(self, path: Path, before_write=lambda: None) -> None:
        self.path = Path(path)
        self.before_write = before_write  # the cache tags its folder before the first write
        self.files = self._load()
        self.updates: dict = {}

    def _load(self) -> dict:
        try:
            with open(self.path, encoding="utf-8") as handle:
                raw = json.load(handle)
        except Exception:  # absent, corrupt, or nested deeper than json can read: start afresh
            return {}
        if isinstance(raw, dict) and raw.get("format") == FORMAT and isinstance(raw.get("files"), dict):
            return raw["files"]
        return {}

    def _entry(self, path: str) -> Optional[list]:
        """[status or None, key, plain findings, what was given up] when the entry has that shape."""
        entry = self.files.get(os.path.abspath(path))
        if (isinstance(entry, list) and len(entry) == 4 and isinstance(entry[1], str)
                and isinstance(entry[2], list) and (entry[0] is None or isinstance(entry[0], list))
                and gave_up_from(entry[3]) is not None):
            return entry
        return None

    def unchanged(self, path: str) -> Optional[tuple]:
        """(plain findings, what was given up) of a path whose status is the recorded one; else None."""
        entry = self._entry(path)
        if entry is None or entry[0] is None:
            return None
        try:
            taken_at = time.time_ns()
            st = os.stat(path)
        except OSError:
            return None
        if not stat.S_ISREG(st.st_mode) or status_of(st, taken_at) != entry[0]:
            return None
        return entry[2], gave_up_from(entry[3])

    def previous(self, path: str) -> Optional[tuple]:
        """(key, plain findings, what was given up) last recorded for the path, whatever its status."""
        entry = self._entry(path)
        return (entry[1], entry[2], gave_up_from(entry[3])) if entry is not None else None

    def record(self, path: str, status: Optional[list], key: str, findings: list, gave_up: dict) -> None:
        entry = [status, key, findings, gave_up]
        path = os.path.abspath(path)
        if self.files.get(path) != entry:
            self.updates[path] = entry

    def save(self) -> None:
        """Write the index when something changed; drop paths that no longer exist."""
        if not self.updates:
            return
        files = {path: entry for path, entry in self.files.items()
                 if path not in self.updates and os.path.lexists(path)}
        files.update(self.updates)
        temporary = None
        try:
            self.before_write()
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-index-")
            with open(fd, "w", encoding="utf-8") as handle:  # closes fd even if the wrapping fails
                json.dump({"format": FORMAT, "files": files}, handle, separators=(",", ":"))
            os.replace(temporary, self.path)
            temporary = None
        except OSError:
            pass  # a read-only or full disk costs speed, never a result
        finally:
            if temporary is not None:  # not renamed into place: never leave it behind
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
        self.files, self.updates = files, {}
