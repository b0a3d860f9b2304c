"""Print every diagnostic torchlint gives on the test suite's case files, whole.

    python tests/behaviour_snapshot.py [TREE ...] > snapshot.txt

A refactoring that must not change what torchlint finds is checked by running
this before and after and comparing the two files byte for byte: every case of
tests/cases and the example files, each diagnostic with all its fields (code,
position, end, message, related locations), then every `*.py` file under the
trees given (the scale benchmark's, say).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from casefiles import all_cases  # noqa: E402

from torchlint.engine import check_source  # noqa: E402
from torchlint.rule import builtin_rule_dir, load_rules  # noqa: E402


def show(diagnostics) -> None:
    for d in diagnostics:
        print(f"  {d.line}:{d.col}-{d.end_line}:{d.end_col} {d.code} {d.message}")
        for line, col, note in d.related:
            print(f"    {line}:{col} {note}")


def main() -> None:
    rules = load_rules([builtin_rule_dir()])
    for case in all_cases():
        print(f"{case.id} {case.title}")
        show(check_source(case.source, str(case.path.relative_to(HERE.parent)), rules))
    for path in sorted((HERE / "examples").glob("*.py")):
        print(path.name)
        show(check_source(path.read_text(encoding="utf-8"), path.name, rules))
    for tree in sys.argv[1:]:
        for path in sorted(Path(tree).rglob("*.py")):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            found = check_source(text, str(path.relative_to(tree)), rules)
            if found:
                print(path.relative_to(tree))
                show(found)


if __name__ == "__main__":
    main()
