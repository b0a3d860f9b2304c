"""Reading the rule case files of tests/cases (format: tests/cases/README.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

CASES_DIR = Path(__file__).parent / "cases"
MARKER = re.compile(r"#\s*error:\s*(?P<code>TL\d{3})\s+col\s+(?P<col>\d+)")
# how the caller torchlint cannot see calls an entry point: run after the case, a comment to the linter
ENTRY_CALL = re.compile(r"^#\s*run:\s*(?P<code>.+)$")


@dataclass
class Case:
    path: Path
    title: str
    first_line: int  # 1-based line of the `# case:` header in the file
    source: str  # padded with blank lines, so its line numbers are the file's

    @property
    def expected(self) -> list:
        found = []
        for number, line in enumerate(self.source.splitlines(), start=1):
            match = MARKER.search(line)
            if match:
                found.append((match["code"], number, int(match["col"])))
        return found

    @property
    def runnable(self) -> str:
        """The case, then the calls of its entry points that its `# run:` lines give."""
        calls = [m["code"] for m in map(ENTRY_CALL.match, self.source.splitlines()) if m]
        return self.source + "".join(f"\n{call}" for call in calls) + "\n"

    @property
    def id(self) -> str:
        return f"{self.path.stem}:{self.first_line}"


def load_cases(path: Path) -> list:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("# case:")]
    cases = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        body = "".join(lines[start:end])
        title = lines[start][len("# case:"):].strip()
        cases.append(Case(path, title, start + 1, "\n" * start + body))
    return cases


def all_cases() -> list:
    return [case for path in sorted(CASES_DIR.glob("tl*.py")) for case in load_cases(path)]
