"""The cache's index of paths: an unchanged file is answered without being read,
any change to it is seen, and a damaged or shared index never costs a result."""

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from test_cli import EXE, write
from torchlint import file_index, runner
from torchlint.rule import builtin_rule_dir

BAD = "import torch\nx = torch.randn(2, 3)\ny = x.t().view(-1)\n"
# the same size as BAD, and clean: an edit that a size check alone would miss
GOOD = "import torch\nx = torch.randn(2, 3)\ny = x.t()[0].sum()\n"
assert len(BAD) == len(GOOD)
PLAIN = "import os\n"
RACY_S = 0.3  # the racy window in these tests (2 s in use): files older than this are trusted


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """Six files, three with a finding, last modified an hour ago and settled (their
    ctime, which cannot be set, is past the racy window); cwd is the tree."""
    monkeypatch.setattr(file_index, "RACY_NS", int(RACY_S * 1e9))
    for i in range(6):
        age(write(tmp_path, f"pkg/m{i}.py", BAD if i % 2 == 0 else PLAIN))
    settle()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def settle() -> None:
    time.sleep(RACY_S + 0.05)


def age(path: Path, seconds_ago: float = 3600) -> Path:
    stamp = time.time() - seconds_ago
    os.utime(path, (stamp, stamp))
    return path


class Reads:
    """Counts the files the runner reads, by wrapping its lint_file."""

    def __init__(self, monkeypatch) -> None:
        self.paths: list = []
        original = runner.lint_file

        def counting(item):
            self.paths.append(item[0])
            return original(item)

        monkeypatch.setattr(runner, "lint_file", counting)

    def take(self) -> list:
        taken, self.paths = self.paths, []
        return taken


def lint(cache: Path) -> dict:
    job = runner.Job(rule_dirs=(str(builtin_rule_dir()),), select=None, cache_dir=str(cache))
    items = [(str(p), None) for p in sorted(Path("pkg").glob("*.py"))]
    return {r.path: r for r in runner.lint_all(items, job, jobs=1)}


def findings(results: dict) -> dict:
    return {path: [(d.line, d.col, d.code) for d in r.diagnostics] for path, r in results.items()}


def index_file(cache: Path) -> Path:
    [index] = cache.rglob("index.json")
    return index


def entries(cache: Path) -> dict:
    """The index's entries by path relative to the tree (they are kept absolute)."""
    files = json.loads(index_file(cache).read_text())["files"]
    return {os.path.relpath(path): entry for path, entry in files.items()}


EXPECTED = {f"pkg/m{i}.py": [(3, 11, "TL002")] if i % 2 == 0 else [] for i in range(6)}


def test_unchanged_files_are_answered_without_being_read(tree, monkeypatch):
    reads, cache = Reads(monkeypatch), tree / "cache"
    cold = lint(cache)
    assert findings(cold) == EXPECTED and len(reads.take()) == 6
    warm = lint(cache)
    assert reads.take() == []
    assert findings(warm) == EXPECTED and all(r.from_cache for r in warm.values())
    # the source of a file with findings is still there for the full format
    assert warm["pkg/m0.py"].text == BAD and warm["pkg/m1.py"].text is None


def test_an_edited_file_is_checked_again_and_an_identical_rewrite_reuses_its_findings(tree, monkeypatch):
    reads, cache = Reads(monkeypatch), tree / "cache"
    lint(cache)
    reads.take()
    age(write(tree, "pkg/m0.py", PLAIN), 60)
    age(write(tree, "pkg/m2.py", BAD), 60)  # rewritten, same bytes
    settle()
    results = lint(cache)
    assert sorted(reads.take()) == ["pkg/m0.py", "pkg/m2.py"]
    assert findings(results) == {**EXPECTED, "pkg/m0.py": []}
    assert results["pkg/m2.py"].from_cache and not results["pkg/m2.py"].parsed
    assert lint(cache) and reads.take() == []  # and the new statuses are trusted next time


def test_restoring_the_size_and_mtime_does_not_hide_an_edit(tree, monkeypatch):
    reads, cache = Reads(monkeypatch), tree / "cache"
    lint(cache)
    path = tree / "pkg/m0.py"
    before = os.stat(path)
    time.sleep(0.01)
    path.write_text(GOOD)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # ctime moves anyway
    assert os.stat(path).st_size == before.st_size
    settle()
    reads.take()
    assert findings(lint(cache))["pkg/m0.py"] == [] and reads.take() == ["pkg/m0.py"]


def test_a_file_modified_just_before_the_run_is_hashed_again_next_time(tree, monkeypatch):
    reads, cache = Reads(monkeypatch), tree / "cache"
    age(write(tree, "pkg/m1.py", BAD))  # an old mtime, but its ctime is now: within the racy window
    lint(cache)
    recorded = entries(cache)
    assert recorded["pkg/m1.py"][0] is None and recorded["pkg/m3.py"][0] is not None
    reads.take()
    again = lint(cache)
    assert reads.take() == ["pkg/m1.py"]
    assert again["pkg/m1.py"].from_cache and findings(again)["pkg/m1.py"] == [(3, 11, "TL002")]


@pytest.mark.parametrize("damage", ["{not json", '{"format": 99, "files": {}}', "[]", "null",
                                    f'{{"format": {file_index.FORMAT}, "files": []}}',
                                    "[" * 100_000])  # deeper than json reads
def test_a_corrupt_or_foreign_index_is_ignored_and_rewritten(tree, monkeypatch, damage):
    reads, cache = Reads(monkeypatch), tree / "cache"
    lint(cache)
    index = index_file(cache)
    index.write_text(damage)
    reads.take()
    assert findings(lint(cache)) == EXPECTED and len(reads.take()) == 6
    assert json.loads(index.read_text())["format"] == file_index.FORMAT
    assert lint(cache) and reads.take() == []


def test_foreign_entries_are_never_trusted(tree, monkeypatch):
    reads, cache = Reads(monkeypatch), tree / "cache"
    lint(cache)
    index = index_file(cache)
    content = json.loads(index.read_text())
    files = {os.path.relpath(path): entry for path, entry in content["files"].items()}
    files["pkg/m0.py"][2] = [{"line": "x"}]  # the status matches, the findings are not findings
    files["pkg/m1.py"] = "junk"
    files["pkg/m2.py"][1] = 7
    files["pkg/m3.py"] = [files["pkg/m3.py"][0], files["pkg/m3.py"][1]]
    files["pkg/m4.py"][2] = [{**files["pkg/m4.py"][2][0], "code": None}]
    index.write_text(json.dumps({**content, "files": {os.path.abspath(p): e for p, e in files.items()}}))
    reads.take()
    assert findings(lint(cache)) == EXPECTED
    assert sorted(reads.take()) == [f"pkg/m{i}.py" for i in range(5)]


def test_deleted_files_leave_the_index(tree, monkeypatch):
    cache = tree / "cache"
    lint(cache)
    (tree / "pkg/m5.py").unlink()
    age(write(tree, "pkg/m1.py", BAD), 60)  # something to record, so the index is written
    lint(cache)
    assert sorted(entries(cache)) == [f"pkg/m{i}.py" for i in range(5)]


def test_runs_from_another_folder_share_the_index(tree, monkeypatch):
    reads, cache = Reads(monkeypatch), tree / "cache"
    lint(cache)
    monkeypatch.chdir(tree / "pkg")
    job = runner.Job(rule_dirs=(str(builtin_rule_dir()),), select=None, cache_dir=str(cache))
    reads.take()
    results = list(runner.lint_all([("m0.py", None), ("m1.py", None)], job, jobs=1))
    assert reads.take() == []
    assert [(r.path, [(d.path, d.line, d.code) for d in r.diagnostics]) for r in results] == [
        ("m0.py", [("m0.py", 3, "TL002")]), ("m1.py", [])]
    assert results[0].text == BAD  # read as it is yielded, for the source lines


def test_concurrent_runs_sharing_a_cache_agree_and_leave_it_whole(tree):
    for i in range(6, 60):
        age(write(tree, f"pkg/m{i}.py", BAD if i % 2 == 0 else PLAIN))
    command = [EXE, "--cache-dir", "shared", "--jobs", "2", "pkg"]
    expected = subprocess.run([EXE, "--no-cache", "pkg"], capture_output=True, text=True).stdout
    assert expected.count("\n") == 30
    for _ in range(2):  # cold, then warm
        runs = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(4)]
        outputs = [process.communicate()[0] for process in runs]
        assert outputs == [expected] * 4 and [p.returncode for p in runs] == [1] * 4
        assert len(json.loads(index_file(tree / "shared").read_text())["files"]) == 60
        assert not [p for p in (tree / "shared").rglob(".tmp-*")]
