"""Rewrite the golden snapshots of tests/cases from the current code.

    python tests/update_golden.py

Writes tests/cases/tlNNN_<name>.golden for every case file, removes golden
files whose case file is gone, and names what changed. Review the diff before
committing it: it is every message change the code made.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from golden import CASES_DIR, case_files, golden_path, read, relative, render_golden, write  # noqa: E402


def main() -> int:
    changed = []
    wanted = set()
    for case_file in case_files():
        target = golden_path(case_file)
        wanted.add(target)
        text = render_golden(case_file)
        if not target.exists() or read(target) != text:
            write(target, text)
            changed.append(f"wrote {relative(target)}")
    for stale in sorted(set(CASES_DIR.glob("*.golden")) - wanted):
        stale.unlink()
        changed.append(f"removed {relative(stale)} (no case file)")
    print("\n".join(changed) if changed else "golden files already up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
