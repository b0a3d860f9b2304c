"""No silent caps: what the interpreter gives up for time is counted and said."""

import os
import shutil
import subprocess
import sys

import pytest

from torchlint.engine import check
from torchlint.rule import builtin_rule_dir, load_rules

EXE = shutil.which("torchlint", path=os.path.dirname(sys.executable)) or shutil.which("torchlint")
if EXE is None:
    pytest.fail("the torchlint entry point is not installed", pytrace=False)
RULES = load_rules([builtin_rule_dir()])

# 450 functions nobody calls, each with a view that fails: the per-file budget is 400
MANY = "import torch\n" + "".join(
    f"def f{i}():\n    x = torch.randn(2, 3)\n    return x.t().view(-1)\n" for i in range(450))

# eight helpers, each calling the next: calls are followed six deep
DEEP = "import torch\n" + "".join(f"def h{i}(x):\n    return h{i + 1}(x)\n" for i in range(8)) + \
    "def h8(x):\n    return x.t().view(-1)\n" + "h0(torch.randn(2, 3))\n"

# a loop whose state never settles (a new layer object each round): its names are widened to unknown
WIDENED = "import torch\nfor k in range(3):\n    conv = torch.nn.Conv2d(3, 3, k)\nconv.weight.view(-1)\n"


def run(*args, cwd):
    return subprocess.run([EXE, *args], cwd=cwd, capture_output=True, text=True)


def test_what_is_given_up_is_counted_per_kind():
    assert check(MANY, "many.py", RULES).gave_up == {"functions not analysed": 50}
    assert check(DEEP, "deep.py", RULES).gave_up == {"calls not followed": 1}
    assert check(WIDENED, "widened.py", RULES).gave_up == {"loops widened": 1}
    assert check("import torch\nx = torch.randn(2, 3)\n", "small.py", RULES).gave_up == {}


def test_a_partly_analysed_file_is_said_in_the_summary_and_counted_in_statistics(tmp_path):
    (tmp_path / "many.py").write_text(MANY, encoding="utf-8")
    (tmp_path / "deep.py").write_text(DEEP, encoding="utf-8")
    for attempt in ("cold", "cached", "indexed"):  # the cache and its index keep what was given up
        result = run("many.py", "deep.py", "--format", "concise", cwd=tmp_path)
        assert result.returncode == 1, attempt
        assert result.stdout.count("TL002") == 400, attempt  # the call past the depth bound is silent
        assert result.stderr == (
            "Found 400 problems in 1 of 2 files.\n[*] 400 fixable with --fix.\n"
            "Note: many.py only partly analysed: 50 functions not analysed within the per-file budget "
            "(see --statistics); findings there may be missing.\n"), attempt
        if attempt == "cold":
            os.utime(tmp_path / "many.py")  # the index no longer vouches for it: read from the cache
    statistics = run("many.py", "deep.py", "--statistics", "--no-cache", cwd=tmp_path)
    assert statistics.stdout == (
        "400  TL002  view-on-non-contiguous\n"
        "\n"
        "given up for time:\n"
        " 1  calls not followed (in 1 file)\n"
        "50  functions not analysed (in 1 file)\n")


def test_several_partly_analysed_files_are_counted_together(tmp_path):
    for name in ("a.py", "b.py"):
        (tmp_path / name).write_text(MANY, encoding="utf-8")
    result = run("a.py", "b.py", "--format", "concise", "--no-cache", cwd=tmp_path)
    assert result.stderr.splitlines()[-1] == (
        "Note: 2 files only partly analysed: 100 functions not analysed within the per-file budget "
        "(see --statistics); findings there may be missing.")
