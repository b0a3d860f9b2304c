"""The collector is paused while a file is checked, and only then."""

import gc

import pytest

from torchlint import parsing, runner
from torchlint.gc_pause import collector_paused
from torchlint.rule import builtin_rule_dir


def test_paused_inside_resumed_after_even_on_an_error():
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with collector_paused():
            assert not gc.isenabled()
            raise ValueError
    assert gc.isenabled()


def test_a_collector_paused_by_the_caller_stays_paused():
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_file_is_parsed_and_interpreted_with_the_collector_paused(monkeypatch, tmp_path):
    seen = []
    real = parsing._on_parser_stack
    monkeypatch.setattr(parsing, "_on_parser_stack", lambda f, *a: seen.append(gc.isenabled()) or real(f, *a))
    runner.start_worker(runner.Job(rule_dirs=(str(builtin_rule_dir()),), select=None, cache_dir=None))
    result = runner.lint_bytes("t.py", b"import torch\nx = torch.randn(2, 3).t().view(-1)\n")
    assert [d.code for d in result.diagnostics] == ["TL002"]
    assert seen == [False] and gc.isenabled()
