"""Which files a run checks: the skip list, exclude, .gitignore files, notebooks, odd files."""

import os
import sys
from pathlib import Path

import pytest

from torchlint import files
from torchlint.config import load_settings
from torchlint.files import discover

CODES = ("TL001",)


def touch(folder: Path, *names: str) -> None:
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n" if not name.endswith((".gitignore", "exclude")) else "", encoding="utf-8")


def ignore_file(folder: Path, name: str, *lines: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def found(folder: Path, monkeypatch, paths=(".",), settings="load", **overrides) -> list:
    """The discovered paths, run from `folder`, with settings loaded there unless given."""
    monkeypatch.chdir(folder)
    if settings == "load":
        settings = load_settings(CODES, cwd=folder, overrides=overrides)
    items = list(discover(list(paths), settings))
    assert all(error is None for _, error in items)
    return [path for path, _ in items]


@pytest.fixture
def repo(tmp_path):
    (tmp_path / ".git").mkdir()
    return tmp_path


def test_without_settings_nothing_but_the_skip_list_applies(repo, monkeypatch):
    touch(repo, "a.py", "b/c.py", "build/gen.py", "nb.ipynb", ".hidden/x.py", "__pycache__/x.py",
          "env/pyvenv.cfg", "env/lib/x.py", "node_modules/x.py", "notes.txt", ".dot.py")
    ignore_file(repo, ".gitignore", "build/", "*.py")
    assert found(repo, monkeypatch, settings=None) == ["./a.py", "./b/c.py", "./build/gen.py", "./nb.ipynb"]


def test_notebooks_are_discovered(repo, monkeypatch):
    touch(repo, "train.ipynb", "sub/eval.ipynb", "sub/util.py", "data.json")
    assert found(repo, monkeypatch) == ["./sub/eval.ipynb", "./sub/util.py", "./train.ipynb"]


def test_root_gitignore(repo, monkeypatch):
    touch(repo, "a.py", "build/x.py", "src/build/y.py", "x.gen.py", "src/z.gen.py", "top_only.py",
          "src/top_only.py", "logs.py")
    ignore_file(repo, ".gitignore", "# a comment", "", "build/", "*.gen.py", "/top_only.py", "logs/")
    assert found(repo, monkeypatch) == ["./a.py", "./logs.py", "./src/top_only.py"]


def test_nested_gitignore_applies_to_its_own_folder(repo, monkeypatch):
    touch(repo, "local.py", "anchored.py", "sub/local.py", "sub/anchored.py", "sub/deeper/local.py",
          "sub/deeper/anchored.py", "other/local.py")
    ignore_file(repo, "sub/.gitignore", "local.py", "/anchored.py")
    assert found(repo, monkeypatch) == ["./anchored.py", "./local.py", "./other/local.py",
                                        "./sub/deeper/anchored.py"]


def test_negation(repo, monkeypatch):
    touch(repo, "keep.py", "drop.py", "sub/keep.py", "sub/drop.py", "gen_a.py", "pkg/gen_b.py", "pkg/gen_keep.py")
    ignore_file(repo, ".gitignore", "*.py", "!keep.py", "!pkg/")
    ignore_file(repo, "pkg/.gitignore", "!gen_keep.py")  # a deeper file overrides the root's `*.py`
    assert found(repo, monkeypatch) == ["./keep.py", "./pkg/gen_keep.py", "./sub/keep.py"]


def test_whitelist_of_python_files(repo, monkeypatch):
    touch(repo, "a.py", "src/b.py", "src/deep/c.py", "src/notes.ipynb", "build/d.py")
    ignore_file(repo, ".gitignore", "*", "!*/", "!*.py", "build/")
    assert found(repo, monkeypatch) == ["./a.py", "./src/b.py", "./src/deep/c.py"]


def test_a_file_in_an_ignored_folder_cannot_be_re_included(repo, monkeypatch):
    # as in git: the folder is never entered, so `!build/keep.py` has nothing to act on
    touch(repo, "build/keep.py", "a.py")
    ignore_file(repo, ".gitignore", "build/", "!build/keep.py")
    assert found(repo, monkeypatch) == ["./a.py"]


def test_directory_patterns_match_folders_only(repo, monkeypatch):
    touch(repo, "out/a.py", "pkg/out/b.py", "pkg/out.py", "results/c.py", "pkg/results/d.py")
    ignore_file(repo, ".gitignore", "out/", "/results")
    assert found(repo, monkeypatch) == ["./pkg/out.py", "./pkg/results/d.py"]


def test_ignored_folders_are_not_entered(repo, monkeypatch):
    touch(repo, "a.py", "build/deep/x.py", "src/b.py")
    ignore_file(repo, ".gitignore", "build/")
    visited = []
    real_scandir = os.scandir

    def scandir(folder):
        visited.append(folder)
        return real_scandir(folder)

    monkeypatch.setattr(files.os, "scandir", scandir)
    assert found(repo, monkeypatch) == ["./a.py", "./src/b.py"]
    assert sorted(visited) == [".", "./src"]


def test_respect_gitignore_false(repo, monkeypatch):
    touch(repo, "a.py", "build/x.py")
    ignore_file(repo, ".gitignore", "build/")
    assert found(repo, monkeypatch, respect_gitignore=False) == ["./a.py", "./build/x.py"]
    touch(repo, "pyproject.toml")
    (repo / "pyproject.toml").write_text("[tool.torchlint]\nrespect-gitignore = false\n")
    assert found(repo, monkeypatch) == ["./a.py", "./build/x.py"]


def test_gitignore_files_above_the_walked_folder_apply(repo, monkeypatch):
    touch(repo, "src/pkg/a.py", "src/pkg/a.gen.py", "src/pkg/tmp_b.py")
    ignore_file(repo, ".gitignore", "*.gen.py")
    ignore_file(repo, "src/.gitignore", "tmp_*.py")
    assert found(repo, monkeypatch, paths=["src/pkg"]) == ["src/pkg/a.py"]
    # and from a project (config) folder below the git root
    (repo / "src/pyproject.toml").write_text("[tool.torchlint]\n")
    assert found(repo / "src", monkeypatch, paths=["."]) == ["./pkg/a.py"]


def test_git_info_exclude_is_honoured(repo, monkeypatch):
    touch(repo, "a.py", "scratch.py")
    ignore_file(repo, ".git/info/exclude", "scratch.py")
    assert found(repo, monkeypatch) == ["./a.py"]


def test_gitignore_outside_a_repository_is_honoured_from_the_project_root(tmp_path, monkeypatch):
    touch(tmp_path, "a.py", "build/x.py", "sub/b.py")
    ignore_file(tmp_path, ".gitignore", "build/")
    assert found(tmp_path, monkeypatch) == ["./a.py", "./sub/b.py"]
    (tmp_path / "pyproject.toml").write_text("[tool.torchlint]\n")
    settings = load_settings(CODES, cwd=tmp_path)
    touch(tmp_path, "sub/build/y.py")
    assert found(tmp_path / "sub", monkeypatch, settings=settings) == ["./b.py"]


def test_a_malformed_gitignore_line_is_skipped(repo, monkeypatch):
    touch(repo, "a.py", "b.py")
    ignore_file(repo, ".gitignore", "!", "b.py")
    assert found(repo, monkeypatch) == ["./a.py"]


def test_exclude_and_extend_exclude_are_relative_to_the_root(tmp_path, monkeypatch):
    touch(tmp_path, "a.py", "migrations/m.py", "app/migrations/n.py", "proto/x_pb2.py", "scripts/s.py",
          "app/scripts/t.py", "app/keep.py", "extra/e.py")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.torchlint]\nexclude = ["migrations/", "*_pb2.py", "/scripts"]\nextend-exclude = ["extra"]\n')
    assert found(tmp_path, monkeypatch) == ["./a.py", "./app/keep.py", "./app/scripts/t.py"]
    # run from a subfolder: `/scripts` still means the root's scripts folder
    assert found(tmp_path / "app", monkeypatch) == ["./keep.py", "./scripts/t.py"]


def test_cli_exclude_replaces_the_config_one(tmp_path, monkeypatch):
    touch(tmp_path, "a.py", "b.py", "c.py")
    (tmp_path / "pyproject.toml").write_text('[tool.torchlint]\nexclude = ["a.py"]\n')
    assert found(tmp_path, monkeypatch, exclude=["b.py"]) == ["./a.py", "./c.py"]
    assert found(tmp_path, monkeypatch, extend_exclude=["c.py"]) == ["./b.py"]


def test_a_path_named_on_the_command_line_is_always_checked(repo, monkeypatch):
    touch(repo, "skipped.py", "ignored.py", "build/a.py", "build/x.gen.py", "build/sub/b.py", "tmp_c.py")
    ignore_file(repo, ".gitignore", "ignored.py", "build/", "*.gen.py")
    (repo / "pyproject.toml").write_text('[tool.torchlint]\nexclude = ["skipped.py", "tmp_*"]\n')
    assert found(repo, monkeypatch) == []
    assert found(repo, monkeypatch, paths=["skipped.py", "ignored.py", "build/x.gen.py", "tmp_c.py"]) == [
        "build/x.gen.py", "ignored.py", "skipped.py", "tmp_c.py"]
    # a named folder is walked though ignored; the other patterns still hold inside it
    assert found(repo, monkeypatch, paths=["build"]) == ["build/a.py", "build/sub/b.py"]
    assert found(repo, monkeypatch, paths=["build/sub"]) == ["build/sub/b.py"]


def test_missing_path_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert list(discover(["nope.py"], load_settings(CODES, cwd=tmp_path))) == [
        ("nope.py", "no such file or directory")]


def test_paths_outside_the_root_still_meet_unanchored_excludes(tmp_path, monkeypatch):
    touch(tmp_path, "project/a.py", "elsewhere/b.py", "elsewhere/c_pb2.py")
    (tmp_path / "project/pyproject.toml").write_text('[tool.torchlint]\nexclude = ["*_pb2.py"]\n')
    assert found(tmp_path / "project", monkeypatch, paths=[".", "../elsewhere"]) == [
        "../elsewhere/b.py", "./a.py"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifos_and_dangling_links_are_skipped_when_walking(tmp_path, monkeypatch):
    touch(tmp_path, "a.py")
    os.mkfifo(tmp_path / "pipe.py")  # opening it would block the run
    os.symlink(tmp_path / "gone.py", tmp_path / "dangling.py")
    os.symlink(tmp_path / "a.py", tmp_path / "alias.py")  # a link to a regular file is a file
    assert found(tmp_path, monkeypatch) == ["./a.py", "./alias.py"]
    assert found(tmp_path, monkeypatch, settings=None) == ["./a.py", "./alias.py"]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlink_loops_end(tmp_path, monkeypatch):
    touch(tmp_path, "a/x.py")
    os.symlink(tmp_path / "a", tmp_path / "a/loop")  # a -> a -> a ...
    os.symlink(tmp_path, tmp_path / "a/up")
    os.symlink("self.py", tmp_path / "self.py")  # a link to itself
    assert found(tmp_path, monkeypatch) == ["./a/x.py"]


def test_force_exclude_drops_named_files_the_patterns_match(repo, monkeypatch):
    touch(repo, "train.py", "legacy/old.py", "legacy/deep/older.py", "gen_pb2.py", "ignored.py")
    ignore_file(repo, ".gitignore", "ignored.py")
    (repo / "pyproject.toml").write_text('[tool.torchlint]\nexclude = ["legacy/", "*_pb2.py"]\n')
    named = ["train.py", "legacy/old.py", "legacy/deep/older.py", "gen_pb2.py", "ignored.py", "legacy"]
    assert found(repo, monkeypatch, paths=named, force_exclude=True) == ["ignored.py", "train.py"]
    # without it, every named path is checked, and a named folder is walked
    assert found(repo, monkeypatch, paths=named) == [
        "gen_pb2.py", "ignored.py", "legacy/deep/older.py", "legacy/old.py", "train.py"]


def test_force_exclude_from_the_config(repo, monkeypatch):
    touch(repo, "legacy/old.py", "train.py")
    (repo / "pyproject.toml").write_text('[tool.torchlint]\nexclude = ["legacy/"]\nforce-exclude = true\n')
    assert found(repo, monkeypatch, paths=["legacy/old.py", "train.py"]) == ["train.py"]
    assert found(repo, monkeypatch, paths=["legacy/old.py"], force_exclude=False) == ["legacy/old.py"]


def test_a_nested_projects_exclude_holds_in_its_folder(tmp_path, monkeypatch):
    from torchlint.config_tree import SettingsTree

    touch(tmp_path, "a.py", "gen/a.py", "pkg/gen/b.py", "pkg/keep.py", "pkg/vendor/c.py")
    (tmp_path / "pyproject.toml").write_text('[tool.torchlint]\nexclude = ["gen/"]\n')
    # the nested configuration replaces the outer one in its folder, as ruff's do
    (tmp_path / "pkg/pyproject.toml").write_text('[tool.torchlint]\nexclude = ["vendor/"]\n')
    monkeypatch.chdir(tmp_path)
    tree = SettingsTree(CODES, cwd=tmp_path)
    assert [path for path, _ in discover(["."], tree)] == ["./a.py", "./pkg/gen/b.py", "./pkg/keep.py"]
