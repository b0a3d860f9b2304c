"""The whole text of every positive case's diagnostics, against its golden snapshot.

test_cases.py checks code, line and column; this checks what users read: the
message, the source excerpt and the related notes. To accept a change of
message, run `python tests/update_golden.py` and review the diff.
"""

import difflib

import pytest

from casefiles import load_cases
from golden import CASES_DIR, case_files, golden_path, read, relative, render_golden

UPDATE = "python tests/update_golden.py"


@pytest.mark.parametrize("case_file", case_files(), ids=lambda p: p.stem)
def test_diagnostics_match_the_golden_file(case_file):
    target = golden_path(case_file)
    if not target.exists():
        pytest.fail(f"{relative(target)} is missing; create it with `{UPDATE}`", pytrace=False)
    expected, actual = read(target), render_golden(case_file)
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                            fromfile=relative(target), tofile="rendered by the current code"))
        pytest.fail(f"the diagnostics differ from {relative(target)}; if the change is meant, run `{UPDATE}` "
                    f"and review the diff:\n{diff}", pytrace=False)


def test_every_golden_file_has_its_case_file():
    stale = [relative(p) for p in CASES_DIR.glob("*.golden") if not p.with_suffix(".py").exists()]
    assert not stale, f"golden files without a case file (run `{UPDATE}`): {stale}"


def test_the_snapshots_hold_every_positive_case_under_its_title():
    for case_file in case_files():
        text = render_golden(case_file)
        positives = [c for c in load_cases(case_file) if c.expected]
        assert [line[len("# case: "):] for line in text.splitlines() if line.startswith("# case: ")] == [
            c.title for c in positives]
        assert "(no diagnostic)" not in text
