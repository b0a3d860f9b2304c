"""The pre-commit hook and the flake8 plugin, run through the real pre-commit and flake8."""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from torchlint import engine, flake8_plugin
from torchlint.rule import Rule

ROOT = Path(__file__).resolve().parent.parent

# the entry point installed beside this interpreter, else the one on PATH
EXE = shutil.which("torchlint", path=os.path.dirname(sys.executable)) or shutil.which("torchlint")
if EXE is None:
    pytest.fail("the torchlint entry point is not installed", pytrace=False)

# pre-commit builds a virtualenv and pip-installs the project into it: slow on a cold cache
PRE_COMMIT_TIMEOUT = 600

TRAIN = textwrap.dedent("""\
    import torch
    x = torch.randn(2, 3)
    y = x.t().view(-1)
""")
TRAIN_FINDING = ("train.py:3:11: TL002 [*] .view() on 'x.t()', which is not contiguous since .t() on line 3; "
                 "use .reshape(...) or .contiguous().view(...)")

# a notebook without trigger tokens: clean whether or not torchlint reads notebooks yet
NOTEBOOK = """{
 "cells": [{"cell_type": "code", "execution_count": null, "id": "a1", "metadata": {},
            "outputs": [], "source": ["print(1)\\n"]}],
 "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
              "language_info": {"name": "python"}},
 "nbformat": 4, "nbformat_minor": 5
}
"""

BOTH = textwrap.dedent("""\
    import torch

    x = torch.randn(2, 3, requires_grad=True)
    print(x.numpy())
    y = x.t().view(-1)
""")


def clean_env(**extra):
    """This environment without the variables that tie git to a repository (set inside a git hook)."""
    env = {k: v for k, v in os.environ.items() if k not in (
        "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_PREFIX")}
    env.update(extra)
    return env


def git(*args, cwd):
    return subprocess.run(["git", "-c", "user.name=torchlint tests", "-c", "user.email=tests@torchlint.invalid",
                           "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                          cwd=cwd, env=clean_env(), check=True, capture_output=True, text=True)


def commit_all(folder, message="commit"):
    git("add", "-A", cwd=folder)
    git("commit", "-q", "--no-verify", "-m", message, cwd=folder)


def project_files():
    """The checkout's files as they are on disk, tracked or new, without what git ignores."""
    try:
        listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT).stdout
    except subprocess.CalledProcessError:  # not a git checkout: every file but the usual litter
        return None
    return sorted({name for name in listed.split("\0") if name and (ROOT / name).is_file()})


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """A one-commit git repository holding the project as it is on disk.

    pre-commit installs a hook repository from a commit; `try-repo` on the checkout
    itself would take HEAD plus changes to tracked files only, missing new files.
    """
    snapshot = tmp_path_factory.mktemp("hook-repo") / "torchlint"
    names = project_files()
    if names is None:
        shutil.copytree(ROOT, snapshot, ignore=shutil.ignore_patterns(
            ".git", "__pycache__", "*.egg-info", "build", "dist", ".venv", ".*_cache"))
    else:
        for name in names:
            target = snapshot / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target)
    assert (snapshot / ".pre-commit-hooks.yaml").is_file()
    git("init", "-q", cwd=snapshot)
    commit_all(snapshot, "snapshot")
    head = git("rev-parse", "HEAD", cwd=snapshot).stdout.strip()
    return snapshot, head


def user_repo(folder, files):
    folder.mkdir()
    git("init", "-q", cwd=folder)
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    commit_all(folder, "user code")
    return folder


def pre_commit(*args, cwd, home):
    env = clean_env(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=PRE_COMMIT_TIMEOUT)


def test_pre_commit_try_repo_reports_the_finding(hook_repo, tmp_path):
    snapshot, _ = hook_repo
    work = user_repo(tmp_path / "work", {"train.py": TRAIN})
    result = pre_commit("try-repo", str(snapshot), "torchlint", "--all-files", cwd=work,
                        home=tmp_path / "pre-commit-home")
    assert result.returncode == 1, result.stdout + result.stderr
    assert TRAIN_FINDING in result.stdout.splitlines(), result.stdout + result.stderr
    # the hook prints what the command prints
    direct = subprocess.run([EXE, "train.py"], cwd=work, capture_output=True, text=True)
    assert direct.stdout == TRAIN_FINDING + "\n"


def test_pre_commit_hook_fails_then_passes_once_fixed(hook_repo, tmp_path):
    snapshot, head = hook_repo
    # legacy/ is excluded in the configuration: the hook must not check it though pre-commit names it
    work = user_repo(tmp_path / "work", {"train.py": TRAIN, "analysis.ipynb": NOTEBOOK, "notes.txt": TRAIN,
                                         "legacy/old.py": TRAIN,
                                         "pyproject.toml": '[tool.torchlint]\nexclude = ["legacy/"]\n'})
    (work / ".pre-commit-config.yaml").write_text(textwrap.dedent(f"""\
        repos:
        -   repo: {snapshot.as_posix()}
            rev: {head}
            hooks:
            -   id: torchlint
    """), encoding="utf-8")
    commit_all(work, "add the hook")
    home = tmp_path / "pre-commit-home"  # shared: the hook's environment is built once

    failed = pre_commit("run", "--all-files", cwd=work, home=home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert TRAIN_FINDING in failed.stdout.splitlines(), failed.stdout + failed.stderr
    assert "notes.txt" not in failed.stdout and "legacy" not in failed.stdout

    (work / "train.py").write_text(TRAIN.replace(".view(-1)", ".reshape(-1)"), encoding="utf-8")
    commit_all(work, "fix")
    passed = pre_commit("run", "--all-files", "--verbose", cwd=work, home=home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Installing environment" not in passed.stdout + passed.stderr
    # the notebook went to torchlint with train.py; notes.txt did not, legacy/old.py was excluded
    assert "All checks passed (2 files)." in passed.stdout, passed.stdout


def flake8(*args, cwd, stdin=None):
    return subprocess.run([sys.executable, "-m", "flake8", "--isolated", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True)


def torchlint(*args, cwd):
    """torchlint's output as flake8 prints it: flake8 has no fixes, so no `[*]` marks."""
    result = subprocess.run([EXE, *args], cwd=cwd, capture_output=True, text=True)
    result.stdout = result.stdout.replace(" [*] ", " ")
    return result


def test_flake8_reports_what_torchlint_reports(tmp_path):
    (tmp_path / "model.py").write_text(BOTH, encoding="utf-8")
    result = flake8("--select", "TL", "model.py", cwd=tmp_path)
    expected = torchlint("model.py", cwd=tmp_path)
    assert [line.split(": ")[1][:5] for line in expected.stdout.splitlines()] == ["TL001", "TL002"]
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == expected.stdout.splitlines()


def test_flake8_clean_file_passes(tmp_path):
    (tmp_path / "model.py").write_text(BOTH.replace("x.numpy()", "x.detach().numpy()")
                                       .replace(".view(-1)", ".reshape(-1)"), encoding="utf-8")
    result = flake8("--select", "TL", "model.py", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_flake8_ignore_and_noqa_hide_findings(tmp_path):
    (tmp_path / "model.py").write_text(BOTH, encoding="utf-8")
    lines = torchlint("model.py", cwd=tmp_path).stdout.splitlines()
    ignored = flake8("--select", "TL", "--extend-ignore", "TL002", "model.py", cwd=tmp_path)
    assert (ignored.returncode, ignored.stdout.splitlines()) == (1, lines[:1])

    (tmp_path / "model.py").write_text(BOTH.replace("view(-1)", "view(-1)  # noqa: TL002"), encoding="utf-8")
    noqa = flake8("--select", "TL", "model.py", cwd=tmp_path)
    assert (noqa.returncode, noqa.stdout.splitlines()) == (1, lines[:1])


def test_flake8_lints_the_text_it_read_from_stdin(tmp_path):
    (tmp_path / "model.py").write_text(BOTH, encoding="utf-8")
    expected = torchlint("model.py", cwd=tmp_path).stdout
    result = flake8("--select", "TL", "--stdin-display-name", "model.py", "-", cwd=tmp_path, stdin=BOTH)
    assert (result.returncode, result.stdout) == (1, expected)


def test_flake8_leaves_syntax_errors_to_e999(tmp_path):
    (tmp_path / "broken.py").write_text("import torch\nx = torch.randn(2, 3)\ny = x.t().view(\n", encoding="utf-8")
    result = flake8("--select", "TL,E999", "broken.py", cwd=tmp_path)
    assert result.returncode == 1
    assert [line.split(": ")[1][:4] for line in result.stdout.splitlines()] == ["E999"]


def test_flake8_is_registered_with_name_and_version():
    result = subprocess.run([sys.executable, "-m", "flake8", "--version"], capture_output=True, text=True)
    assert f"torchlint: {flake8_plugin.TorchlintChecker.version}" in result.stdout


class _Crashes(Rule):
    code = "TL999"
    name = "crashes"
    triggers = ("view(",)
    methods = ("view",)

    def check(self, event):
        raise ValueError("boom")


LINES = ["import torch\n", "x = torch.randn(2, 3)\n", "y = x.t().view(-1)\n"]


def test_plugin_yields_flake8_columns_and_its_own_type():
    (finding,) = flake8_plugin.TorchlintChecker(None, "model.py", LINES).run()
    assert finding[:2] == (3, 10)  # flake8 adds 1 when it prints: 3:11, as torchlint prints
    assert finding[2].startswith("TL002 .view() on 'x.t()'")
    assert finding[3] is flake8_plugin.TorchlintChecker


def test_plugin_drops_parse_errors_and_reports_internal_errors(monkeypatch):
    # flake8 never hands over a file it cannot parse; libcst disagreeing is not repeated as TL000
    broken = LINES[:2] + ["y = x.t().view(\n"]
    assert list(flake8_plugin.TorchlintChecker(None, "broken.py", broken).run()) == []

    # a crashing rule is reported under its own code at the call, as the command reports it
    monkeypatch.setattr(flake8_plugin, "_rules", [_Crashes()])
    (crash,) = flake8_plugin.TorchlintChecker(None, "model.py", LINES).run()
    assert crash[:3] == (3, 10, "TL999 internal error in TL999 (crashes): ValueError: boom")

    # a crash outside the rules is a TL000 that is not a parse error: it is reported
    def interpret(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(engine, "_interpret", interpret)
    (crash,) = flake8_plugin.TorchlintChecker(None, "model.py", LINES).run()
    assert crash[:3] == (1, 0, "TL000 internal error while checking this file: RuntimeError: bug")
