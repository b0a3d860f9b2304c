"""The installed command, run as a user runs it: output bytes and exit codes."""

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

import torchlint

# the entry point installed beside this interpreter, else the one on PATH
EXE = shutil.which("torchlint", path=os.path.dirname(sys.executable)) or shutil.which("torchlint")
if EXE is None:
    pytest.fail("the torchlint entry point is not installed", pytrace=False)

BAD = textwrap.dedent("""\
    import torch

    x = torch.randn(2, 3, requires_grad=True)
    y = x.t()
    y.view(-1)
""")


def run(*args, cwd=None, stdin=None):
    return subprocess.run([EXE, *args], cwd=cwd, capture_output=True, text=True, input=stdin)


def write(folder, name, text, mode="w"):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if mode == "wb":
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_finding_is_reported_with_location_and_exit_1(tmp_path):
    write(tmp_path, "model.py", BAD)
    result = run("model.py", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == (
        "model.py:5:3: TL002 [*] .view() on 'y', which is not contiguous since .t() on line 4; "
        "use .reshape(...) or .contiguous().view(...)\n")
    assert result.stderr == "Found 1 problem in 1 of 1 file.\n[*] 1 fixable with --fix.\n"


def test_clean_file_exits_0(tmp_path):
    write(tmp_path, "ok.py", BAD.replace("y.view(-1)", "y.reshape(-1)"))
    result = run("ok.py", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "All checks passed (1 file).\n")


def test_directory_walk_skips_hidden_caches_and_virtualenvs_and_sorts(tmp_path):
    write(tmp_path, "b/train.py", BAD)
    write(tmp_path, "a.py", BAD)
    write(tmp_path, ".hidden/x.py", BAD)
    write(tmp_path, "__pycache__/x.py", BAD)
    write(tmp_path, "myenv/pyvenv.cfg", "home = /usr\n")
    write(tmp_path, "myenv/lib/x.py", BAD)
    write(tmp_path, "notes.txt", BAD)
    result = run(cwd=tmp_path)
    assert result.returncode == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["a.py", os.path.join("b", "train.py")]
    assert result.stderr == "Found 2 problems in 2 of 2 files.\n[*] 2 fixable with --fix.\n"


def test_file_named_explicitly_is_checked_even_in_a_hidden_folder(tmp_path):
    write(tmp_path, ".hidden/x.py", BAD)
    assert run(".hidden/x.py", cwd=tmp_path).returncode == 1


def test_unparsable_and_undecodable_files_are_reported_and_the_run_goes_on(tmp_path):
    write(tmp_path, "a_syntax.py", "import torch\nx = torch.tensor(\n")
    write(tmp_path, "b_latin.py", b"# -*- coding: utf-8 -*-\nx = '\xff'\n", mode="wb")
    write(tmp_path, "c_binary.py", b"\x00\x01tensor(", mode="wb")
    write(tmp_path, "d_bad.py", BAD)
    result = run(".", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("a_syntax.py:2:17: TL000 cannot parse: expected one of )")
    assert lines[1].startswith("b_latin.py:2:6: TL000 cannot decode as utf-8: invalid start byte")
    assert lines[2] == "c_binary.py:1:1: TL000 cannot decode: not a text file (it holds NUL bytes)"
    assert lines[3].startswith("d_bad.py:5:3: TL002 ")
    assert len(lines) == 4


def test_missing_path_is_reported(tmp_path):
    result = run("nope.py", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == "nope.py:1:1: TL000 no such file or directory\n"


def test_file_without_trigger_tokens_is_not_parsed(tmp_path):
    # a syntax error goes unnoticed when no rule could fire: the prefilter decided
    write(tmp_path, "plain.py", "def broken(:\n")
    assert run("plain.py", cwd=tmp_path).returncode == 0


def test_noqa_suppresses_on_the_reported_line(tmp_path):
    write(tmp_path, "a.py", BAD.replace("y.view(-1)", "y.view(-1)  # noqa: TL002"))
    write(tmp_path, "b.py", BAD.replace("y.view(-1)", "y.view(-1)  # noqa"))
    write(tmp_path, "c.py", BAD.replace("y.view(-1)", "y.view(-1)  # noqa: TL001"))
    result = run("a.py", "b.py", "c.py", cwd=tmp_path)
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == ["c.py"]


def test_version_and_help():
    result = run("--version")
    assert (result.returncode, result.stdout) == (0, f"torchlint {torchlint.__version__}\n")
    help_text = run("--help").stdout
    assert "torchlint train.py models/" in help_text and "Exit status" in help_text


def test_python_dash_m_works_the_same(tmp_path):
    write(tmp_path, "model.py", BAD)
    via_module = subprocess.run([sys.executable, "-m", "torchlint", "model.py"], cwd=tmp_path,
                                capture_output=True, text=True)
    direct = run("model.py", cwd=tmp_path)
    assert (via_module.returncode, via_module.stdout) == (direct.returncode, direct.stdout)


def test_rules_lists_every_rule_with_the_fix_column_its_help_promises():
    lines = run("rules").stdout.splitlines()
    assert lines[0] == "code   name                            fix  finds"  # as wide as the longest name
    assert [line.split()[0] for line in lines[1:]] == [
        "TL001", "TL002", "TL003", "TL004", "TL005", "TL006", "TL007", "TL008", "TL009", "TL010", "TL011",
        "TL101", "TL102", "TL103", "TL104", "TL105", "TL106", "TL107", "TL108", "TL900"]
    assert lines[1] == ("TL001  numpy-on-grad-tensor            yes  "
                        "`.numpy()` on a tensor that requires grad, with grad mode on")
    assert "fix (yes when the rule offers a fix)" in " ".join(run("rules", "--help").stdout.split())


def test_explain_prints_the_documentation_and_repro():
    result = run("explain", "TL003")
    assert result.returncode == 0
    assert result.stdout.startswith("# TL003 backward-on-non-scalar\n")
    assert "RuntimeError: grad can be implicitly created only for scalar outputs" in result.stdout
    assert "y.sum().backward()" in result.stdout
    unknown = run("explain", "TL999")
    assert unknown.returncode == 2 and "TL001" in unknown.stderr


def test_bad_option_is_a_usage_error():
    assert run("--no-such-flag").returncode == 2


def test_installed_package_carries_the_rules(tmp_path):
    # from a folder outside the checkout, only the installed package can answer
    probe = ("import pathlib, torchlint.builtin_rules as r; "
             "print(sorted(p.name for p in pathlib.Path(r.__file__).parent.glob('tl*.py')))")
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(["tl001_numpy_on_grad_tensor.py", "tl002_view_on_non_contiguous.py",
                                         "tl003_backward_on_non_scalar.py", "tl004_copy_construct_from_tensor.py",
                                         "tl005_as_strided_negative_stride.py", "tl006_grad_of_non_leaf.py",
                                         "tl007_requires_grad_on_integer.py", "tl008_inplace_on_detached_alias.py",
                                         "tl009_set_requires_grad_on_non_leaf.py",
                                         "tl010_inplace_on_leaf_requiring_grad.py",
                                         "tl011_backward_through_integer.py", "tl101_loss_accumulated_with_graph.py",
                                         "tl102_scheduler_before_optimizer.py", "tl103_discarded_conversion.py",
                                         "tl104_missing_zero_grad.py", "tl105_backward_through_freed_graph.py",
                                         "tl106_functional_dropout_always_on.py",
                                         "tl107_softmax_into_cross_entropy.py", "tl108_stale_optimizer_params.py"])


COMMANDS = "The commands are check, clean, explain, help, rule, rules, server; `torchlint --help` shows them all.\n"


def test_rule_is_explain_under_ruffs_name():
    assert run("rule", "TL002").stdout == run("explain", "TL002").stdout != ""


def test_a_word_that_is_neither_a_command_nor_a_path_suggests_the_closest_command(tmp_path):
    result = run("explian", "TL002", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    neither = "is neither a command nor a file or folder"
    assert result.stderr == f"error: 'explian' {neither}; did you mean 'explain'? {COMMANDS}"
    result = run("sever", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, f"error: 'sever' {neither}; did you mean 'server'? {COMMANDS}")
    # a file or folder of that name is checked as before
    write(tmp_path, "explian", BAD)
    assert run("explian", cwd=tmp_path).stdout.startswith("explian:5:3: TL002 ")
    assert run("missing.py", cwd=tmp_path).stdout == "missing.py:1:1: TL000 no such file or directory\n"


def test_help_shows_the_check_options_and_the_commands():
    text = run("--help").stdout
    assert text.startswith("Usage: torchlint [OPTIONS] [PATHS]...\n       torchlint COMMAND [ARGS]...\n")
    options = text[text.index("Options (of check, the default command):"):text.index("Commands:")]
    for flag in ("--select CODES", "--force-exclude", "--statistics", "--stdin-filename PATH", "--version"):
        assert f"  {flag}" in options, flag
    commands = text[text.index("Commands:"):].splitlines()[1:8]
    assert [line.split()[0] for line in commands] == ["check", "clean", "explain", "help", "rule", "rules", "server"]
    assert run("help").stdout == text
    assert run("help", "rule").stdout.startswith("Usage: torchlint rule [OPTIONS] CODE\n")
    unknown = run("help", "nope")
    assert (unknown.returncode, unknown.stderr) == (2, f"error: 'nope' is not a command. {COMMANDS}")
