"""Writing a file back that torchlint edited (--fix, --add-noqa): never half a file,
never over an edit made in the meantime."""

from __future__ import annotations

import os
import stat
import tempfile


class WriteError(Exception):
    """The file could not be written back; it is left as it was. `changed`: it no
    longer holds what was read; `reason`: the system's words otherwise."""

    def __init__(self, message: str, changed: bool = False, reason: str = "") -> None:
        super().__init__(message)
        self.changed = changed
        self.reason = reason


def write_atomically(path: str, data: bytes, expected: bytes) -> None:
    """Replace the file's bytes with `data`: through a temporary file in the same folder
    and os.replace, so a reader never sees half a file; with the file's permissions;
    and only if the file still holds `expected` (what was edited): an edit made in the
    meantime is never overwritten."""
    try:
        with open(path, "rb") as handle:
            current = handle.read()
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError as exc:
        reason = str(exc.strerror or exc)
        raise WriteError(f"cannot read it again: {reason}", reason=reason) from exc
    if current != expected:
        raise WriteError("it changed on disk while it was being checked; run again", changed=True)
    folder = os.path.dirname(os.path.abspath(path))
    try:
        handle, temporary = tempfile.mkstemp(prefix=".torchlint-", suffix=".tmp", dir=folder)
    except OSError as exc:
        reason = str(exc.strerror or exc)
        raise WriteError(f"cannot write beside it: {reason}", reason=reason) from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        reason = str(exc.strerror or exc)
        raise WriteError(f"cannot write it: {reason}", reason=reason) from exc
