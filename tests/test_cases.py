"""Every case of tests/cases: torchlint's verdict, line and column, checked against real torch."""

import pytest
import torch  # noqa: F401  the runtime half of these tests must run, never skip

from torchlint.engine import check_source
from torchlint.rule import builtin_rule_dir, load_rules

from casefiles import all_cases
from runtime import repro_matches, run

RULES = load_rules([builtin_rule_dir()])
BY_CODE = {rule.code: rule for rule in RULES}
CASES = all_cases()


def test_every_rule_has_enough_cases():
    for rule in RULES:
        mine = [c for c in CASES if c.path.stem.startswith(rule.code.lower())]
        positives = [c for c in mine if c.expected]
        negatives = [c for c in mine if not c.expected]
        assert len(positives) >= 8 and len(negatives) >= 8, (rule.code, len(positives), len(negatives))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_lint_reports_exactly_the_markers(case):
    found = [(d.code, d.line, d.col) for d in check_source(case.source, str(case.path), RULES)]
    assert found == case.expected, case.title


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_torch_agrees_with_the_markers(case):
    # a case of a rule that raises nothing runs with that rule's probe watching for its effect
    outcome = run(case.runnable, str(case.path), BY_CODE[case.path.stem[:5].upper()].repro.probe)
    if not case.expected:
        assert outcome.error is None, f"{case.title}: {outcome.describe()}"
        return
    [(code, line, _col)] = case.expected
    repro = BY_CODE[code].repro
    assert repro_matches(outcome, repro), f"{case.title}: {outcome.describe()}"
    assert outcome.line == line, f"{case.title}: torch fails at line {outcome.line}, marker at {line}"
