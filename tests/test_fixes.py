"""--fix, --unsafe-fixes and --diff: each fix proven under torch, bytes outside the edits
kept, and the writing safe (re-parsed, atomic, permissions kept, never over a newer file)."""

import json
import os
import shutil
import stat
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
import torch

from torchlint.diagnostic import TextFix
from torchlint.engine import check_source
from torchlint.atomic_write import WriteError, write_atomically
from torchlint.fixing import apply_fixes, fix_text
from torchlint.rule import builtin_rule_dir, load_rules

from runtime import run

sys.path.insert(0, str(Path(__file__).parent / "realbugs"))
import benchmark  # noqa: E402

EXE = str(Path(sys.executable).with_name("torchlint"))
RULES = load_rules([builtin_rule_dir()])
FIXABLE = [rule for rule in RULES if rule.fixable]


def torchlint(*args, cwd, stdin=None):
    return subprocess.run([EXE, "--no-cache", *args], cwd=cwd, capture_output=True, text=True, input=stdin)


def fixed(source: str, unsafe: bool = True) -> str:
    return fix_text(source, lambda text: check_source(text, "f.py", RULES), unsafe).text


# ---------------------------------------------------------------- the proof under torch

def values_of(program: str, warnings_fail: bool = True) -> dict:
    """The module-level values a program computes (tensors with their grads, arrays, numbers)."""
    namespace = {"__name__": "__main__"}
    torch.manual_seed(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error" if warnings_fail else "ignore")
        exec(compile(program, "<program>", "exec"), namespace)
    return {k: v for k, v in namespace.items() if isinstance(v, (torch.Tensor, np.ndarray, int, float))}


def same(a, b) -> bool:
    if isinstance(a, torch.Tensor):
        grad_a, grad_b = (a.grad if a.is_leaf else None), (b.grad if b.is_leaf else None)
        grads_match = (grad_a is None) == (grad_b is None) and (grad_a is None or torch.equal(grad_a, grad_b))
        return (isinstance(b, torch.Tensor) and a.dtype == b.dtype and a.requires_grad == b.requires_grad
                and a.is_leaf == b.is_leaf and torch.equal(a.detach(), b.detach()) and grads_match)
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and np.array_equal(a, b)
    return a == b


@pytest.mark.parametrize("rule", FIXABLE, ids=lambda r: r.code)
def test_the_fixed_bad_repro_runs_clean_and_computes_what_good_computes(rule):
    repro = rule.repro
    after = fixed(repro.bad)
    assert after != repro.bad, "the fix changed something"
    assert check_source(after, "f.py", RULES) == []
    calls = [f"{'; '.join(f'{n} = {k + 2}' for k, n in enumerate(repro.sizes))}\nresult = {repro.entry}"] \
        if repro.entry else [""]
    for call in calls:
        assert run(after + "\n" + call, "<fixed>", repro.probe).error is None
        mine, good = values_of(after + "\n" + call), values_of(repro.good + "\n" + call)
        shared = set(mine) & set(good)
        assert shared, "the repro computes values to compare"
        for name in shared:
            assert same(mine[name], good[name]), name


def test_every_fixable_rule_says_so_and_the_others_do_not():
    assert [r.code for r in FIXABLE] == ["TL001", "TL002", "TL003", "TL004", "TL006", "TL101", "TL103", "TL106",
                                         "TL107"]


def _cases_found():
    rules = benchmark.builtin_rules()
    for case in benchmark.load_cases():
        if benchmark.judge(case, rules).found:
            yield pytest.param(case, id=case.id)


@pytest.mark.parametrize("case", list(_cases_found()))
def test_fixing_a_real_bug_makes_it_run_or_leaves_it_reported(case, tmp_path):
    """On the real-bug benchmark: after --fix --unsafe-fixes, the case runs clean, or
    torchlint offered no fix for it and still reports it; a fix never breaks the code."""
    for path in case.bad.files:
        shutil.copy(path, tmp_path / path.name)
    files = [tmp_path / p.name for p in case.bad.files]
    torchlint("--fix", "--unsafe-fixes", *map(str, files), cwd=tmp_path)
    probe = next(rule.repro.probe for rule in RULES if rule.code == case.rule)
    outcome = benchmark.execute(benchmark.Version(tmp_path / case.bad.entry.name, files), probe)
    if outcome.error is not None:
        code, path, line = case.marker
        left = benchmark.lint_files(files, benchmark.builtin_rules())
        assert (tmp_path / path.name, line, code) in [(p, ln, c) for p, ln, _col, c, _m in left], \
            f"{case.id}: the fixed code fails: {outcome.describe()}"
        assert outcome.where == (tmp_path / path.name, line), outcome.describe()


def test_the_fixes_of_the_real_bug_benchmark_make_most_cases_run():
    rules = benchmark.builtin_rules()
    fixable = 0
    for case in benchmark.load_cases():
        code, path, line = case.marker
        for d in check_source(path.read_text(encoding="utf-8"), str(path), rules):
            if (d.code, d.line) == (code, line) and d.fix is not None:
                fixable += 1
    assert fixable >= 30  # of 52 cases; TL005 has no fix, and some are missed


# ---------------------------------------------------------------- each rule's edit

@pytest.mark.parametrize("before, after", [
    ("import torch\nw = torch.ones(3, requires_grad=True)\na = (w * 2).numpy()\n",
     "import torch\nw = torch.ones(3, requires_grad=True)\na = (w * 2).detach().numpy()\n"),
    ("import torch\nw = torch.ones(3, requires_grad=True)\na = (w * 2).cpu().numpy()\n",
     "import torch\nw = torch.ones(3, requires_grad=True)\na = (w * 2).detach().cpu().numpy()\n"),
    ("import torch\nx = torch.randn(2, 3, 4).transpose(1, 2)\ny = x.view(2, 12)\n",
     "import torch\nx = torch.randn(2, 3, 4).transpose(1, 2)\ny = x.reshape(2, 12)\n"),
    ("import torch\nx = torch.randn(2, 3).t()\ny = x.view_as(torch.zeros(6))\n",
     "import torch\nx = torch.randn(2, 3).t()\ny = x.reshape_as(torch.zeros(6))\n"),
    ("import torch\nw = torch.ones(3, requires_grad=True)\n(w * 2).backward()\n",
     "import torch\nw = torch.ones(3, requires_grad=True)\n(w * 2).sum().backward()\n"),
    ("import torch\nw = torch.ones(3, requires_grad=True)\ntorch.autograd.backward(w * 2)\n",
     "import torch\nw = torch.ones(3, requires_grad=True)\ntorch.autograd.backward((w * 2).sum())\n"),
    ("import torch\nw = torch.ones(3)\nt = torch.tensor(w + 1, dtype=torch.float64, device='cpu')\n",
     "import torch\nw = torch.ones(3)\nt = (w + 1).detach().clone().to(dtype=torch.float64, device='cpu')\n"),
    ("import torch\nw = torch.ones(3)\nt = torch.tensor(w, requires_grad=True)\n",
     "import torch\nw = torch.ones(3)\nt = w.detach().clone().requires_grad_(True)\n"),
    ("import torch\nw = torch.ones(3)\nt = torch.tensor(w.detach())\n",
     "import torch\nw = torch.ones(3)\nt = w.detach().clone()\n"),
    ("import torch\nx = torch.zeros(2)\nw = torch.ones(2, dtype=torch.float64)\nt = x.new_tensor(w)\n",
     "import torch\nx = torch.zeros(2)\nw = torch.ones(2, dtype=torch.float64)\nt = w.detach().clone().to(x)\n"),
])
def test_each_fix_edits_only_its_span_and_runs(before, after):
    assert fixed(before) == after
    assert run(after, "<fixed>").error is None


@pytest.mark.parametrize("before, after", [
    ("import torch\nx = torch.arange(3)\nx.to(torch.float64)\ny = x / 2\n",
     "import torch\nx = torch.arange(3)\nx = x.to(torch.float64)\ny = x / 2\n"),
    ("import torch\n\ndef f(t):\n    t.float()\n    return t * 2\n\ny = f(torch.arange(3))\n",
     "import torch\n\ndef f(t):\n    t = t.float()\n    return t * 2\n\ny = f(torch.arange(3))\n"),
])
def test_a_discarded_conversion_is_bound_back_to_its_name(before, after):
    assert fixed(before, unsafe=False) == after
    assert values_of(after)["y"].dtype != values_of(before)["y"].dtype


def test_a_discarded_conversion_of_a_global_or_an_attribute_gets_no_fix():
    """`x = x.float()` in a function that reads a global x would make x an unbound local."""
    global_read = "import torch\nx = torch.arange(3)\n\ndef f():\n    x.float()\n    return x\n\nf()\n"
    attribute = ("import torch\n\nclass Box:\n    def __init__(self):\n        self.t = torch.arange(3)\n\n"
                 "box = Box()\nbox.t.float()\n")
    for source in (global_read, attribute):
        [finding] = check_source(source, "f.py", RULES)
        assert (finding.code, finding.fix) == ("TL103", None), source
        assert finding.message.endswith("assign the result and use it")


def test_new_tensor_keeps_the_receivers_dtype_as_torch_does():
    source = "import torch\nx = torch.zeros(2)\nw = torch.ones(2, dtype=torch.float64)\nt = x.new_tensor(w)\n"
    assert values_of(source, warnings_fail=False)["t"].dtype == values_of(fixed(source))["t"].dtype == torch.float32


def test_a_call_given_a_tensor_by_one_caller_and_a_list_by_another_gets_no_fix():
    source = ("import torch\n\ndef as_tensor(v):\n    return torch.tensor(v)\n\n"
              "as_tensor([1.0, 2.0])\nas_tensor(torch.ones(2))\n")
    [finding] = check_source(source, "f.py", RULES)
    assert (finding.code, finding.line, finding.fix) == ("TL004", 4, None)
    one_caller = source.replace("as_tensor([1.0, 2.0])\n", "")
    [finding] = check_source(one_caller, "f.py", RULES)
    assert finding.fix is not None


def test_view_to_reshape_is_unsafe_where_the_result_is_written_in_place():
    written = ("import torch\nx = torch.randn(2, 3, 4).transpose(1, 2)\ny = x.view(2, 12)\ny.add_(1)\n")
    chained = "import torch\nx = torch.randn(2, 3, 4).transpose(1, 2)\nx.view(2, 12).zero_()\n"
    item = "import torch\nx = torch.randn(2, 3, 4).transpose(1, 2)\ny = x.view(2, 12)\ny[0] = 1\n"
    kept = "import torch\nx = torch.randn(2, 3, 4).transpose(1, 2)\nself_buf = {}\nself_buf['y'] = x.view(2, 12)\n"
    read = "import torch\nx = torch.randn(2, 3, 4).transpose(1, 2)\ny = x.view(2, 12)\nz = y + 1\n"
    # kept where its later uses are not followed: a view there may be written through later
    for source, safe in ((written, False), (chained, False), (item, False), (kept, False), (read, True)):
        [finding] = check_source(source, "f.py", RULES)
        assert finding.fix.safe is safe, source
    assert fixed(written, unsafe=False) == written


# ---------------------------------------------------------------- bytes outside the edits

@pytest.mark.parametrize("before, after", [
    (b"import torch\r\nw = torch.ones(3, requires_grad=True)\r\na = w.numpy()  # keep\r\n",
     b"import torch\r\nw = torch.ones(3, requires_grad=True)\r\na = w.detach().numpy()  # keep\r\n"),
    (b"\xef\xbb\xbfimport torch\nw = torch.ones(3, requires_grad=True)\na = w.numpy()\n",
     b"\xef\xbb\xbfimport torch\nw = torch.ones(3, requires_grad=True)\na = w.detach().numpy()\n"),
    (b"# -*- coding: latin-1 -*-\nimport torch\nw = torch.ones(3, requires_grad=True)\nif 1:\n\ta = w.numpy()  # \xe9\n",
     b"# -*- coding: latin-1 -*-\nimport torch\nw = torch.ones(3, requires_grad=True)\nif 1:\n\ta = w.detach().numpy()  # \xe9\n"),
    (b"import torch\nw = torch.ones(3, requires_grad=True)\nlabel = '\xc3\xa9t\xc3\xa9'; a = ( w ).numpy()",
     b"import torch\nw = torch.ones(3, requires_grad=True)\nlabel = '\xc3\xa9t\xc3\xa9'; a = ( w ).detach().numpy()"),
])
def test_fix_keeps_line_ends_bom_cookie_tabs_and_comments(tmp_path, before, after):
    (tmp_path / "f.py").write_bytes(before)
    result = torchlint("--fix", "f.py", cwd=tmp_path)
    assert (tmp_path / "f.py").read_bytes() == after
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == "Found 1 problem (1 fixed, 0 remaining).\n"


# ---------------------------------------------------------------- the command line

PROGRAM = ("import torch\n"
           "w = torch.ones(3, requires_grad=True)\n"
           "a = w.numpy()\n"
           "(w * 2).backward()\n")


def test_diff_prints_the_safe_fixes_changes_nothing_and_exits_1(tmp_path):
    (tmp_path / "f.py").write_text(PROGRAM, encoding="utf-8")
    result = torchlint("--diff", "f.py", cwd=tmp_path)
    assert (tmp_path / "f.py").read_text(encoding="utf-8") == PROGRAM
    assert result.returncode == 1
    assert result.stdout == ("--- a/f.py\n+++ b/f.py\n@@ -1,4 +1,4 @@\n import torch\n"
                             " w = torch.ones(3, requires_grad=True)\n-a = w.numpy()\n+a = w.detach().numpy()\n"
                             " (w * 2).backward()\n")
    assert result.stderr == "Would fix 1 problem in 1 file.\n"
    unsafe = torchlint("--diff", "--unsafe-fixes", "f.py", cwd=tmp_path)
    assert "+(w * 2).sum().backward()\n" in unsafe.stdout
    (tmp_path / "clean.py").write_text("import torch\n", encoding="utf-8")
    clean = torchlint("--diff", "clean.py", cwd=tmp_path)
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "", "No fixes to apply.\n")


def test_fix_applies_safe_fixes_reports_the_rest_and_is_idempotent(tmp_path):
    (tmp_path / "f.py").write_text(PROGRAM, encoding="utf-8")
    first = torchlint("--fix", "f.py", cwd=tmp_path)
    after = tmp_path.joinpath("f.py").read_text(encoding="utf-8")
    assert after == PROGRAM.replace("w.numpy()", "w.detach().numpy()")
    assert first.returncode == 1
    assert first.stdout == ("f.py:4:9: TL003 .backward() on '(w * 2)', which has shape (3,), not a scalar; "
                            "reduce it first (.sum() or .mean()) or pass gradient=\n")
    assert first.stderr == ("Found 2 problems (1 fixed, 1 remaining) in 1 of 1 file.\n"
                            "1 more fixable with --unsafe-fixes.\n")
    second = torchlint("--fix", "f.py", cwd=tmp_path)
    assert tmp_path.joinpath("f.py").read_text(encoding="utf-8") == after
    assert (second.returncode, second.stdout) == (1, first.stdout)
    assert second.stderr == "Found 1 problem in 1 of 1 file.\n1 more fixable with --unsafe-fixes.\n"
    everything = torchlint("--fix", "--unsafe-fixes", "f.py", cwd=tmp_path)
    assert (everything.returncode, everything.stdout) == (0, "")
    assert run(tmp_path.joinpath("f.py").read_text(encoding="utf-8"), "<fixed>").error is None


def test_fix_from_stdin_writes_the_fixed_source_to_stdout(tmp_path):
    result = torchlint("--fix", "-", "--stdin-filename", "f.py", "--format", "concise", cwd=tmp_path, stdin=PROGRAM)
    assert result.stdout == PROGRAM.replace("w.numpy()", "w.detach().numpy()")
    assert result.stderr.startswith("f.py:4:9: TL003 .backward() on '(w * 2)'")
    assert result.returncode == 1
    assert not (tmp_path / "f.py").exists()


def test_overlapping_fixes_of_one_chain_are_applied_in_rounds(tmp_path):
    source = "import torch\nx = torch.randn(2, 3)\ny = torch.tensor(x.t().view(-1))\n"
    (tmp_path / "f.py").write_text(source, encoding="utf-8")
    assert [d.code for d in check_source(source, "f.py", RULES)] == ["TL004", "TL002"]
    result = torchlint("--fix", "f.py", cwd=tmp_path)
    assert tmp_path.joinpath("f.py").read_text(encoding="utf-8") == \
        "import torch\nx = torch.randn(2, 3)\ny = x.t().reshape(-1).detach().clone()\n"
    assert result.stderr == "Found 2 problems (2 fixed, 0 remaining).\n"


def test_json_and_sarif_carry_the_edits(tmp_path):
    (tmp_path / "f.py").write_text(PROGRAM, encoding="utf-8")
    found = json.loads(torchlint("--format", "json", "f.py", cwd=tmp_path).stdout)
    assert [f["fix"]["applicability"] for f in found] == ["safe", "unsafe"]
    sarif = json.loads(torchlint("--format", "sarif", "f.py", cwd=tmp_path).stdout)
    [numpy_fix] = sarif["runs"][0]["results"][0]["fixes"]
    assert numpy_fix == {"description": {"text": "Detach the tensor before .numpy()"}, "artifactChanges": [{
        "artifactLocation": {"uri": "f.py"},
        "replacements": [{"deletedRegion": {"startLine": 3, "startColumn": 7, "endLine": 3, "endColumn": 7},
                          "insertedContent": {"text": "detach()."}}]}]}


def test_a_notebook_is_reported_but_not_fixed(tmp_path):
    notebook = {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                           "source": ["import torch\n", "w = torch.ones(3, requires_grad=True)\n", "a = w.numpy()\n"]}],
                "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    raw = json.dumps(notebook)
    (tmp_path / "n.ipynb").write_text(raw, encoding="utf-8")
    result = torchlint("--fix", "n.ipynb", cwd=tmp_path)
    assert (tmp_path / "n.ipynb").read_text(encoding="utf-8") == raw
    assert result.returncode == 1 and " TL001 .numpy()" in result.stdout


# ---------------------------------------------------------------- safety

def test_a_fix_whose_result_does_not_parse_is_not_applied(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "tl901_breaks.py").write_text(
        "from torchlint.api import Edit, Finding, Fix, Rule\n\n\n"
        "class Breaks(Rule):\n"
        "    code = 'TL901'\n    name = 'breaks'\n    summary = 'a fix that breaks the code'\n"
        "    triggers = ('numpy(',)\n    methods = ('numpy',)\n    fixable = True\n\n"
        "    def check(self, event):\n"
        "        return Finding('numpy', fix=Fix('break it', (Edit(event.method_part(), 'numpy((('),)))\n",
        encoding="utf-8")
    source = "import torch\nw = torch.ones(3)\na = w.numpy()\n"
    (tmp_path / "f.py").write_text(source, encoding="utf-8")
    result = torchlint("--fix", "--rule-dir", str(rules), "--select", "TL901", "f.py", cwd=tmp_path)
    assert tmp_path.joinpath("f.py").read_text(encoding="utf-8") == source
    assert result.stdout == "f.py:3:7: TL901 [*] numpy\n"
    assert result.returncode == 1


def test_of_fixes_in_one_round_only_those_that_keep_the_code_parsing_are_kept():
    text = "a = 1\nb = 2\n"
    good = TextFix("two", True, ((2, 5, 2, 6, "3"),))
    broken = TextFix("one", True, ((1, 5, 1, 6, "(("),))
    assert apply_fixes(text, [broken, good]) == ("a = 1\nb = 3\n", 1)
    assert apply_fixes(text, [broken]) == (text, 0)


def test_the_fix_loop_is_bounded():
    rounds = []

    def check(text):  # a rule whose fix always finds something new to fix
        rounds.append(text)
        return [type("D", (), {"fix": TextFix("grow", True, ((1, 1, 1, 1, "#"),))})()]

    outcome = fix_text("x = 1\n", check)
    assert outcome.applied == 10 and outcome.text == "#" * 10 + "x = 1\n"


def test_written_atomically_with_the_files_permissions(tmp_path):
    path = tmp_path / "f.py"
    path.write_text(PROGRAM, encoding="utf-8")
    os.chmod(path, 0o640)
    inode = path.stat().st_ino
    torchlint("--fix", "f.py", cwd=tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert path.stat().st_ino != inode  # a new file replaced it: readers never see half a file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.py"]  # no temporary file left


def test_a_file_changed_since_it_was_read_is_not_written(tmp_path):
    path = tmp_path / "f.py"
    path.write_text("new = 1\n", encoding="utf-8")
    with pytest.raises(WriteError, match="changed on disk"):
        write_atomically(str(path), b"fixed\n", expected=b"old = 1\n")
    assert path.read_text(encoding="utf-8") == "new = 1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.py"]


def test_a_file_edited_during_the_fix_is_left_alone_and_reported(tmp_path, monkeypatch):
    from torchlint import fix_files

    path = tmp_path / "f.py"
    path.write_text(PROGRAM, encoding="utf-8")
    real = fix_files.fix_text

    def edit_meanwhile(*args, **kwargs):
        outcome = real(*args, **kwargs)
        path.write_text("# edited by hand\n", encoding="utf-8")
        return outcome

    monkeypatch.setattr(fix_files, "fix_text", edit_meanwhile)
    [result] = [r for r in _lint(path)]
    report = fix_files.FixReport()
    after = fix_files.fix_result(result, None, RULES, frozenset(), False, write=True, report=report)
    assert path.read_text(encoding="utf-8") == "# edited by hand\n"
    assert ("TL000", "cannot fix: it changed on disk while it was being checked; run again") in \
        [(d.code, d.message) for d in after.diagnostics]
    assert report.applied == 0


def _lint(path):
    from torchlint.runner import Job, lint_bytes, start_worker

    start_worker(Job(rule_dirs=(str(builtin_rule_dir()),), select=None, cache_dir=None))
    yield lint_bytes(str(path), path.read_bytes())


# ---------------------------------------------------------------- a corpus

def test_fixing_every_case_file_keeps_it_parsing_and_a_second_run_has_nothing_to_fix(tmp_path):
    cases = sorted((Path(__file__).parent / "cases").glob("*.py"))
    bugs = sorted((Path(__file__).parent / "realbugs").glob("tl[01]*/*/bad*.py"))
    bugs += sorted((Path(__file__).parent / "realbugs").glob("tl[01]*/*/bad/*.py"))
    for number, path in enumerate(cases + bugs):
        shutil.copy(path, tmp_path / f"{number:03d}_{path.name}")
    first = torchlint("--fix", "--unsafe-fixes", "-q", ".", cwd=tmp_path)
    assert "TL000" not in first.stdout, first.stdout
    import libcst

    for path in tmp_path.glob("*.py"):
        libcst.parse_module(path.read_bytes())
    second = torchlint("--diff", "--unsafe-fixes", ".", cwd=tmp_path)
    assert (second.returncode, second.stdout, second.stderr) == (0, "", "No fixes to apply.\n")


def test_add_noqa_does_not_combine_with_fixing(tmp_path):
    (tmp_path / "f.py").write_text(PROGRAM, encoding="utf-8")
    for flag in ("--fix", "--diff"):
        result = torchlint("--add-noqa", flag, "f.py", cwd=tmp_path)
        assert result.returncode == 2 and f"--add-noqa cannot be combined with {flag}" in result.stderr
    assert tmp_path.joinpath("f.py").read_text(encoding="utf-8") == PROGRAM


def test_diff_names_an_absolute_path_as_it_is(tmp_path):
    (tmp_path / "f.py").write_text(PROGRAM, encoding="utf-8")
    path = str(tmp_path / "f.py")
    result = torchlint("--diff", path, cwd=tmp_path)
    assert result.stdout.startswith(f"--- {path}\n+++ {path}\n@@ -1,4 +1,4 @@\n")


def test_a_cast_factory_is_made_a_leaf_by_its_own_dtype():
    source = ("import torch\nv = torch.ones(2, requires_grad=True).to(torch.float16)\n"
              "opt = torch.optim.SGD([v], lr=0.1)\n")
    after = fixed(source, unsafe=False)
    assert after == ("import torch\nv = torch.ones(2, requires_grad=True, dtype=torch.float16)\n"
                     "opt = torch.optim.SGD([v], lr=0.1)\n")
    assert run(after, "<fixed>").error is None
    computed = "import torch\nw = torch.ones(2, requires_grad=True) * 2\nopt = torch.optim.SGD([w], lr=0.1)\n"
    [finding] = check_source(computed, "f.py", RULES)
    assert (finding.code, finding.fix) == ("TL006", None)  # which tensor to optimize is the user's call
