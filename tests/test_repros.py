"""Each rule's own runtime repro: BAD fails under torch as documented, at the line torchlint reports."""

import random

import pytest
import torch  # noqa: F401  these tests must run, never skip

from torchlint.engine import check_source
from torchlint.rule import builtin_rule_dir, load_rules

from runtime import failure_matches, run

RULES = load_rules([builtin_rule_dir()])


def size_draws(repro, count: int = 5) -> list:
    """The entry call with its sizes bound, once per random draw (each size >= 2)."""
    draws = random.Random(repro.entry)
    return ["\n".join([f"{name} = {draws.randint(2, 9)}" for name in repro.sizes] + [repro.entry])
            for _ in range(count)]


def programs(repro, code: str) -> list:
    """What the tests run of `code` (bad or good): itself, or with its entry call per draw."""
    return [code + "\n" + call for call in size_draws(repro)] if repro.entry else [code]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_bad_fails_where_torchlint_reports(rule):
    found = [(d.code, d.line) for d in check_source(rule.repro.bad, "bad.py", RULES)]
    for program in programs(rule.repro, rule.repro.bad):
        outcome = run(program, "<bad>", rule.repro.probe)
        assert failure_matches(outcome, rule.repro.error, rule.repro.message), (program, outcome.describe())
        assert found == [(rule.code, outcome.line)]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_good_runs_clean_and_is_silent(rule):
    for program in programs(rule.repro, rule.repro.good):
        assert run(program, "<good>", rule.repro.probe).error is None, program
    assert check_source(rule.repro.good, "good.py", RULES) == []


def test_a_symbolic_finding_is_proven_for_random_sizes_and_states_them():
    symbolic = [rule for rule in RULES if rule.repro.entry]
    assert [rule.code for rule in symbolic] == ["TL002"]
    for rule in symbolic:
        assert len(set(size_draws(rule.repro))) > 1, "the draws differ"
        assert all(" > 1" in d.message for d in check_source(rule.repro.bad, "bad.py", RULES))


def test_a_probe_sees_only_the_effect_it_watches_for():
    """The rules that raise nothing are proven by a probe; the others by torch's own error."""
    probed = [rule for rule in RULES if rule.repro.probe]
    assert [rule.code for rule in probed] == ["TL101", "TL103", "TL104", "TL106", "TL107", "TL108"]
    for rule in probed:
        assert rule.repro.error == "ObservedEffect" and rule.severity == "warning"
        # without the probe the bad repro runs clean: nothing in torch raises
        assert run(rule.repro.bad, "<bad>").error is None
    for rule in RULES:
        if not rule.repro.probe:
            assert rule.repro.error != "ObservedEffect", rule.code


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule):
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in rule.doc, heading
    assert rule.repro.message in rule.doc, "the doc quotes the exact error"
    assert rule.triggers and all(token in rule.repro.bad for token in rule.triggers[:1])
