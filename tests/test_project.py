"""Facts across the files of a project: imports resolved to the project's files,
the files that import a module run as its callers, and the cache re-checking a
file when a file it was checked with changes."""

import os
import runpy
import sys
import textwrap
from pathlib import Path

import pytest
import torch  # noqa: F401  the runtime half must run, never skip

from torchlint.engine import check
from torchlint.rule import builtin_rule_dir, load_rules
from torchlint.runner import Job, lint_all

RULES = load_rules([builtin_rule_dir()])

MODEL = """\
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.fc = nn.Linear(n_in, n_out)

    def forward(self, x):
        return self.fc(x)


def summarize(t):
    return t.numpy().mean()
"""

TRAIN = """\
import torch
from model import Net, summarize

net = Net(4, 3)
out = net(torch.randn(2, 4))
print(summarize(out))
"""


def write(root: Path, files: dict) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def findings(path: Path) -> list:
    checked = check(path.read_text(encoding="utf-8"), str(path), RULES)
    return [(d.code, d.line, d.col, d.message) for d in checked.diagnostics]


def test_a_script_sees_the_model_it_imports(tmp_path):
    write(tmp_path, {"model.py": MODEL, "train.py": TRAIN.replace("print(summarize(out))", "print(out.numpy())")})
    assert findings(tmp_path / "train.py") == [
        ("TL001", 6, 11, ".numpy() on 'out', which requires grad since self.fc(x) on line 11 of model.py; "
                         "use .detach().numpy()")]


def test_a_module_is_checked_with_the_values_its_importers_pass(tmp_path):
    write(tmp_path, {"model.py": MODEL, "train.py": TRAIN})
    assert findings(tmp_path / "model.py") == [
        ("TL001", 15, 14, ".numpy() on 't' (from the call on line 6 of train.py), which requires grad since "
                          "self.fc(x) on line 11; use .detach().numpy()")]
    # the finding is the model's: the script itself reports nothing
    assert findings(tmp_path / "train.py") == []


def test_the_reported_line_is_where_torch_raises(tmp_path, monkeypatch):
    write(tmp_path, {"model.py": MODEL, "train.py": TRAIN})
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("model", None)
    with pytest.raises(RuntimeError, match="Can't call numpy") as raised:
        runpy.run_path(str(tmp_path / "train.py"), run_name="__main__")
    frames = [f for f in raised.traceback if Path(str(f.path)).name == "model.py"]
    assert frames[-1].lineno + 1 == 15


def test_package_re_exports_and_relative_imports(tmp_path):
    write(tmp_path, {
        "pkg/__init__.py": "from .model import Net\n",
        "pkg/model.py": MODEL,
        "pkg/evaluate.py": """\
            import torch
            from .model import Net


            def scores():
                return Net(4, 2)(torch.randn(3, 4)).numpy()
            """,
        "run.py": """\
            import torch
            from pkg import Net

            out = Net(4, 3)(torch.randn(2, 4))
            out.numpy()
            """,
    })
    assert [f[:3] for f in findings(tmp_path / "run.py")] == [("TL001", 5, 5)]
    assert [f[:3] for f in findings(tmp_path / "pkg" / "evaluate.py")] == [("TL001", 6, 41)]


def test_src_layout_absolute_import(tmp_path):
    write(tmp_path, {
        "src/proj/__init__.py": "",
        "src/proj/model.py": MODEL,
        "src/proj/train.py": """\
            import torch
            from proj.model import Net

            Net(4, 3)(torch.randn(2, 4)).numpy()
            """,
    })
    assert [f[:3] for f in findings(tmp_path / "src" / "proj" / "train.py")] == [("TL001", 4, 30)]


def test_what_is_not_a_file_of_the_project_stays_unknown(tmp_path):
    write(tmp_path, {
        "train.py": """\
            import torch
            from somelib import Net

            Net(4, 3)(torch.randn(2, 4)).numpy()
            """,
        "broken.py": "def Net(:\n",
        "uses_broken.py": """\
            import torch
            from broken import Net

            Net(4, 3)(torch.randn(2, 4)).numpy()
            """,
    })
    assert findings(tmp_path / "train.py") == []
    assert findings(tmp_path / "uses_broken.py") == []


def test_editing_a_module_re_checks_its_importers_and_nothing_else(tmp_path):
    # train.py holds a trigger token, so it is parsed and checked when its inputs change
    write(tmp_path, {"model.py": MODEL, "train.py": TRAIN + "print(out.view(-1))\n",
                     "other.py": "import torch\n\ntorch.randn(2, 3).t().view(-1)\n"})
    job = Job(rule_dirs=(str(builtin_rule_dir()),), select=None, cache_dir=str(tmp_path / ".cache"))
    paths = [(str(tmp_path / name), None) for name in ("model.py", "other.py", "train.py")]

    def parsed() -> dict:
        return {Path(r.path).name: (r.parsed, [d.line for d in r.diagnostics]) for r in lint_all(paths, job, 1)}

    assert parsed() == {"model.py": (True, [15]), "other.py": (True, [3]), "train.py": (True, [])}
    assert parsed() == {"model.py": (False, [15]), "other.py": (False, [3]), "train.py": (False, [])}
    # the model no longer passes a tensor that requires grad: both files are checked again
    model = tmp_path / "model.py"
    model.write_text(MODEL.replace("return self.fc(x)", "return self.fc(x).detach()"), encoding="utf-8")
    os.utime(model, ns=(model.stat().st_mtime_ns + 10**9, model.stat().st_mtime_ns + 10**9))
    assert parsed() == {"model.py": (True, []), "other.py": (False, [3]), "train.py": (True, [])}
    assert parsed() == {"model.py": (False, []), "other.py": (False, [3]), "train.py": (False, [])}


def test_a_module_left_unread_for_not_naming_torch_is_still_a_dependency(tmp_path):
    write(tmp_path, {
        "helpers.py": "def describe(x):\n    return str(x)\n",
        "train.py": """\
            import torch
            from helpers import describe

            describe(torch.randn(2).numpy())
            """,
    })
    checked = check((tmp_path / "train.py").read_text(encoding="utf-8"), str(tmp_path / "train.py"), RULES)
    assert list(checked.deps) == [str((tmp_path / "helpers.py").resolve())]
    assert checked.diagnostics == []


def test_a_module_is_checked_with_callers_that_import_it_through_its_package(tmp_path):
    write(tmp_path, {
        "mynet/__init__.py": "from .metrics import accuracy\n",
        "mynet/metrics.py": """\
            import torch


            def accuracy(output, target, topk=(1,)):
                _, pred = output.topk(max(topk), 1, True, True)
                correct = pred.t().eq(target.view(1, -1).expand(max(topk), -1))
                return [correct[:k].view(-1).float().sum(0) for k in topk]
            """,
        "train.py": """\
            import torch
            from mynet import accuracy

            print(accuracy(torch.randn(8, 10), torch.randint(0, 10, (8,)), topk=(1, 5)))
            """,
    })
    assert [f[:3] for f in findings(tmp_path / "mynet" / "metrics.py")] == [("TL002", 7, 25)]
