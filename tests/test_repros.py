"""Each rule's own runtime repro: BAD fails under torch as documented, at the line torchlint reports."""

import pytest
import torch  # noqa: F401  these tests must run, never skip

from torchlint.engine import check_source
from torchlint.rule import builtin_rule_dir, load_rules

from runtime import failure_matches, run

RULES = load_rules([builtin_rule_dir()])


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_bad_fails_where_torchlint_reports(rule):
    outcome = run(rule.repro.bad, "<bad>")
    assert failure_matches(outcome, rule.repro.error, rule.repro.message), outcome.describe()
    found = [(d.code, d.line) for d in check_source(rule.repro.bad, "bad.py", RULES)]
    assert found == [(rule.code, outcome.line)]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_good_runs_clean_and_is_silent(rule):
    assert run(rule.repro.good, "<good>").error is None
    assert check_source(rule.repro.good, "good.py", RULES) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule):
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in rule.doc, heading
    assert rule.repro.message in rule.doc, "the doc quotes the exact error"
    assert rule.triggers and all(token in rule.repro.bad for token in rule.triggers[:1])
