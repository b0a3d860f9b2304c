"""TL900 unused-noqa (as ruff's RUF100) and --add-noqa, through the engine and the command."""

import os

import pytest
from test_cli import run, write

from torchlint.engine import check
from torchlint.rule import builtin_rule_dir, load_rules
from torchlint.unused_noqa import UnusedNoqa

BUILTIN = load_rules([builtin_rule_dir()])
KNOWN = [rule.code for rule in BUILTIN]
WITH_TL900 = BUILTIN + [UnusedNoqa(KNOWN)]

SOURCE = (
    "import torch\n"
    "x = torch.randn(2, 3)\n"
    "y = x.t().view(-1)  # noqa: TL002\n"          # used
    "z = x.reshape(-1)  # noqa: TL002, E501\n"     # TL002 unused; E501 another tool's
    "w = x.t().view(-1)  # noqa: TL00\n"           # unknown, and the finding stays
    "v = x.reshape(-1)  # noqa\n"                  # bare: left alone
    "s = '# noqa: TL003'\n"                        # in a string: not a comment
    "u = x.reshape(-1)  # noqa: TL001,TL900\n"     # unused TL001 kept on purpose: TL900 silences its report
    "t = x.reshape(-1)  # NOQA:TL001 TL02\n"       # unused, and unknown with no close code
)


def lines(source, rules=WITH_TL900):
    return [f"{d.line}:{d.col}: {d.code} {d.message}" for d in check(source, "m.py", rules).diagnostics]


def test_unused_and_unknown_codes_are_reported_at_the_code():
    assert lines(SOURCE) == [
        "4:28: TL900 unused noqa code TL002: there is no TL002 finding on this line",
        "5:11: TL002 .view() on 'x.t()', which is not contiguous since .t() on line 5; "
        "use .reshape(...) or .contiguous().view(...)",
        "5:29: TL900 unknown noqa code TL00: no rule has it, so it silences nothing; a noqa takes whole codes: "
        "TL001, TL002, TL003, TL004, TL005, TL006, TL007, TL008, TL009",
        "9:27: TL900 unused noqa code TL001: there is no TL001 finding on this line",
        "9:33: TL900 unknown noqa code TL02: no rule has it, so it silences nothing; did you mean TL002?",
    ]


def test_nothing_is_reported_unless_tl100_runs_and_only_codes_of_rules_that_ran():
    assert [line.split(": ")[1][:5] for line in lines(SOURCE, BUILTIN)] == ["TL002"]
    only_tl001 = [r for r in WITH_TL900 if r.code in ("TL001", "TL900")]
    # TL002 did not run: whether its noqa is used cannot be told; TL00 is still unknown
    assert [line[:5] for line in lines(SOURCE, only_tl001)] == ["5:29:", "9:27:", "9:33:"]


def test_file_wide_codes_and_files_without_trigger_tokens():
    assert lines("# torchlint: noqa: TL004\nimport torch\n") == [
        "1:20: TL900 unused noqa code TL004: there is no TL004 finding in this file"]
    assert lines("x = 1  # noqa: TL005\n") == [
        "1:16: TL900 unused noqa code TL005: there is no TL005 finding on this line"]
    # a TL900 finding is silenced like any other
    assert lines("# torchlint: noqa: TL900\nx = 1  # noqa: TL005\n") == []


def test_the_command_selects_tl100_only_when_asked(tmp_path):
    write(tmp_path, "m.py", SOURCE)
    default = run("--no-cache", "m.py", cwd=tmp_path)
    assert [line.split(": ")[1][:5] for line in default.stdout.splitlines()] == ["TL002"]
    for args in (["--extend-select", "TL900"], ["--select", "ALL"], ["--select", "TL"]):
        result = run("--no-cache", *args, "m.py", cwd=tmp_path)
        assert [line.split(": ")[1][:5] for line in result.stdout.splitlines()] == [
            "TL900", "TL002", "TL900", "TL900", "TL900"], args
    listed = run("rules").stdout.splitlines()
    assert listed[-1].startswith("TL900  unused-noqa")
    assert run("explain", "TL900").stdout.startswith("# TL900 unused-noqa\n\n## What it does\n")


BAD = (
    "import torch\r\n"
    "x = torch.randn(2, 3, requires_grad=True)\r\n"
    "y = x.t().view(-1)\r\n"
    "a = x.numpy()  # keep: legacy\r\n"
    "b = x.t().view(-1); c = x.numpy()  # noqa: E501\r\n"
)


def test_add_noqa_writes_the_comments_and_the_findings_are_gone(tmp_path):
    path = write(tmp_path, "m.py", "")
    path.write_bytes(BAD.encode())
    os.chmod(path, 0o640)
    result = run("--no-cache", "--add-noqa", "m.py", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "Added 4 noqa codes to 1 file.\n")
    assert path.read_bytes() == (
        "import torch\r\n"
        "x = torch.randn(2, 3, requires_grad=True)\r\n"
        "y = x.t().view(-1)  # noqa: TL002\r\n"
        "a = x.numpy()  # keep: legacy  # noqa: TL001\r\n"
        "b = x.t().view(-1); c = x.numpy()  # noqa: E501, TL001, TL002\r\n").encode()
    assert os.stat(path).st_mode & 0o777 == 0o640
    after = run("--no-cache", "--extend-select", "TL900", "m.py", cwd=tmp_path)
    assert (after.returncode, after.stdout) == (0, "")
    again = run("--no-cache", "--add-noqa", "m.py", cwd=tmp_path)
    assert (again.returncode, again.stderr) == (0, "Added 0 noqa codes to 0 files.\n")


def test_add_noqa_leaves_a_line_it_would_break_and_notebooks(tmp_path):
    source = "import torch\nx = torch.randn(2, 3)\ny = x.t().view(-1) + \\\n    1\n"
    path = write(tmp_path, "m.py", source)
    result = run("--no-cache", "--add-noqa", "m.py", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, (
        "m.py: left as it is: a comment there would break the code (a line continued with a backslash?)\n"
        "Added 0 noqa codes to 0 files.\n"))
    assert path.read_text() == source


@pytest.mark.parametrize("flag", ["--statistics", "--show-files"])
def test_add_noqa_is_not_combined_with_another_mode(tmp_path, flag):
    write(tmp_path, "m.py", BAD)
    result = run("--add-noqa", flag, "m.py", cwd=tmp_path)
    assert result.returncode == 2 and "--add-noqa" in result.stderr and "Traceback" not in result.stderr


def test_the_readme_shows_this_output(tmp_path):
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    write(tmp_path, "m.py", SOURCE)
    result = run("--no-cache", "--extend-select", "TL900", "m.py", cwd=tmp_path)
    shown = "".join([line + "\n" for line in result.stdout.splitlines() if ": TL900 " in line][:2])
    assert "```text\n" + shown + "```" in readme


def test_add_noqa_that_cannot_write_names_the_file_and_why(tmp_path, monkeypatch):
    from torchlint import add_noqa, atomic_write
    from torchlint.engine import Diagnostic

    path = write(tmp_path, "m.py", BAD)

    def refused(*args, **kwargs):  # a read-only folder (root writes anywhere, so it is simulated)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic_write.tempfile, "mkstemp", refused)
    added = add_noqa.add_noqa([Diagnostic(str(path), 3, 11, "TL002", "m")])
    assert (added.comments, added.files, added.problems) == (
        0, 0, [f"{path}: left as it is: cannot write: Permission denied"])
    assert path.read_bytes() == BAD.encode()
