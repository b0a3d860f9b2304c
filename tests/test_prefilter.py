"""The prefilter: trigger tokens, word starts, str and bytes alike."""

from torchlint.prefilter import has_trigger

TOKENS = (".view(", "new_tensor(", "tensor(")


def test_word_start_tokens_skip_longer_names():
    assert has_trigger("y = torch.tensor(x)", TOKENS)
    assert has_trigger("tensor(x)", TOKENS)
    assert has_trigger("a = b.new_tensor(x)", TOKENS)
    assert not has_trigger("t = to_tensor(x); u = as_tensor(x); isTensor(x)", TOKENS)
    assert has_trigger("t = to_tensor(x); u = tensor(x)", TOKENS)  # a later match still counts
    assert not has_trigger("", TOKENS)


def test_dot_tokens_match_anywhere():
    assert has_trigger("a.b.view(-1)", TOKENS)
    assert not has_trigger("a.b.viewport(-1)", TOKENS)


def test_bytes_behave_like_text():
    for text in ("y = torch.tensor(x)", "t = to_tensor(x)", "a.view(1)", "é_tensor(1)", "éxtensor(1)"):
        assert has_trigger(text.encode("utf-8"), TOKENS) == has_trigger(text, TOKENS), text


def test_each_file_is_prefiltered_once_notebooks_on_their_joined_cells(monkeypatch):
    from pathlib import Path

    from torchlint import engine, runner
    from torchlint.rule import builtin_rule_dir

    calls = []
    real = engine.needs_parse

    def counted(text, rules):
        calls.append(text)
        return real(text, rules)
    monkeypatch.setattr(engine, "needs_parse", counted)
    monkeypatch.setattr(runner, "needs_parse", counted)
    runner.start_worker(runner.Job(rule_dirs=(str(builtin_rule_dir()),), select=None, cache_dir=None))
    examples = Path(__file__).parent / "examples"
    for name in ("attention.py", "train.ipynb"):
        calls.clear()
        result = runner.lint_bytes(name, (examples / name).read_bytes())
        assert result.diagnostics and len(calls) == 1, name
    assert "import torch\n" in calls[0] and "cell_type" not in calls[0]  # its code, not its JSON


def test_a_file_without_a_trigger_token_is_checked_without_importing_libcst(tmp_path):
    """libcst's import is most of a small run's time: it waits for a file that needs it."""
    import subprocess
    import sys

    (tmp_path / "plain.py").write_text("x = 1\n", encoding="utf-8")
    probe = ("import sys; from torchlint.cli import main\n"
             "try:\n    main(['--no-cache', '-q', 'plain.py'])\nexcept SystemExit as exit:\n"
             "    print(exit.code, 'libcst' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True)
    assert result.stdout == "0 False\n", result.stderr
