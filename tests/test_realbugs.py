"""The real-bug benchmark of tests/realbugs: each case checked under real torch.

A bad version must fail with its rule's failure (TL004's warning turned into an
error) at the marked line, its fixed version must run clean, and torchlint must
raise no false alarm on a fixed version. Whether torchlint finds the bad line is
measured by `python tests/realbugs/run.py`, not asserted here.
"""

import sys
from pathlib import Path

import pytest
import torch  # noqa: F401  the runtime half of these tests must run, never skip

sys.path.insert(0, str(Path(__file__).parent / "realbugs"))

import benchmark  # noqa: E402
from runtime import repro_matches  # noqa: E402

RULES = benchmark.builtin_rules()
BY_CODE = {rule.code: rule for rule in RULES}
CASES = benchmark.load_cases()
# Each issue set its own bar: 12 real reports for the core and autograd rules
# (TL0xx), 10 for the training-loop rules (TL1xx).
MIN_CASES = {"TL0": 12, "TL1": 10}


def min_cases(code):
    return MIN_CASES[code[:3]]

# Rules whose real reports are too few to reach MIN_CASES yet: each needs more
# real reports, never invented ones.
SHORT = {
    "TL005": "6 real reports of as_strided with a negative stride reconstructed so far (the numpy-port idiom "
             "is rare, and most negative-stride reports are torch.from_numpy's)",
    "TL008": "2 real reports reconstructed so far: threads on this error almost never show a write through a "
             ".detach() alias (most are in-place ops on the tensor itself, or show no code), and a write that comes "
             "before the op that saves the tensor raises nothing (pytorch#7860)",
}

# Fixed versions on which torchlint reports something: real false alarms for the
# interpreter to fix, kept visible here rather than hidden (case id -> cause).
KNOWN_FALSE_ALARMS = {}


@pytest.mark.parametrize("code", benchmark.RULE_CODES)
def test_enough_cases_per_rule(code):
    count = sum(c.rule == code for c in CASES)
    if code in SHORT and count < min_cases(code):
        pytest.xfail(SHORT[code])
    assert count >= min_cases(code), code


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_case_is_well_formed(case):
    assert case.source.startswith("https://"), f"{case.id}: no '# source: <url>' line in the bad entry file"
    for version in (case.bad, case.fixed):
        for path in version.files:
            assert case.source in path.read_text(encoding="utf-8"), f"{path}: no source line"
    [(code, _path, _line)] = case.bad.markers()
    assert code == case.rule, case.id
    assert case.fixed.markers() == [], case.id
    if len(case.bad.files) > 1 or len(case.fixed.files) > 1:
        assert [p.name for p in case.bad.files] == [p.name for p in case.fixed.files], case.id


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_bad_version_fails_at_the_marker(case):
    code, path, line = case.marker
    repro = BY_CODE[code].repro
    outcome = benchmark.execute(case.bad, repro.probe)
    assert repro_matches(outcome, repro), f"{case.id}: {outcome.describe()}"
    assert outcome.where == (path, line), f"{case.id}: torch fails at {outcome.describe()}, marker at {path.name}:{line}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_fixed_version_runs_clean(case):
    outcome = benchmark.execute(case.fixed, BY_CODE[case.rule].repro.probe)
    assert outcome.error is None, f"{case.id}: {outcome.describe()}"


def _false_alarm_params():
    for case in CASES:
        marks = ()
        if case.id in KNOWN_FALSE_ALARMS:
            marks = (pytest.mark.xfail(strict=True, reason=KNOWN_FALSE_ALARMS[case.id]),)
        yield pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", list(_false_alarm_params()))
def test_no_false_alarm_on_fixed_version(case):
    alarms = benchmark.lint_files(case.fixed.files, RULES)
    assert alarms == [], "\n".join(f"{p.name}:{ln}:{col}: {c} {m}" for p, ln, col, c, m in alarms)
