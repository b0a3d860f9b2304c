"""The user surface of the installed command: formats, flags, config, stdin,
terminals, cache and jobs. Each test runs the real program and asserts bytes."""

import json
import os
import pty
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from test_cli import EXE, run, write

ROOT = Path(__file__).resolve().parent.parent
PITFALLS = (
    "import torch\n"
    "x = torch.randn(2, 3)\n"
    "y = x.t().view(-1)\n"
    "w = torch.randn(3, requires_grad=True)\n"
    "a = w.numpy()\n"
)
TL002 = "bad.py:3:11: TL002 [*] .view() on 'x.t()', which is not contiguous since .t() on line 3; use .reshape(...) or .contiguous().view(...)"
TL001 = ("bad.py:5:7: TL001 [*] .numpy() on 'w', which requires grad since torch.randn(3, requires_grad=True) "
         "on line 4; use .detach().numpy()")


def project(tmp_path, config=None):
    write(tmp_path, "bad.py", PITFALLS)
    write(tmp_path, "ok.py", "import torch\nx = torch.randn(2, 3)\ny = x.t().reshape(-1)\n")
    if config is not None:
        write(tmp_path, "pyproject.toml", config)
    return tmp_path


def test_default_format_in_a_pipe_is_concise_and_sorted(tmp_path):
    result = run("--no-cache", cwd=project(tmp_path))
    assert result.returncode == 1
    assert result.stdout == f"{TL002}\n{TL001}\n"
    assert result.stderr == "Found 2 problems in 1 of 2 files.\n[*] 2 fixable with --fix.\n"


def test_full_format_shows_the_line_the_caret_and_the_origin(tmp_path):
    result = run("--no-cache", "--format", "full", "bad.py", cwd=project(tmp_path))
    assert result.stdout.startswith(
        f"{TL002}\n"
        "  |\n"
        "3 | y = x.t().view(-1)\n"
        "  |           ^^^^\n"
        "  |\n"
        "  = note: made non-contiguous here: bad.py:3:5\n"
        "  = help: fix: Use .reshape() instead of .view()\n"
        "\n")


def test_json_format(tmp_path):
    result = run("--no-cache", "--format", "json", "bad.py", cwd=project(tmp_path))
    found = json.loads(result.stdout)
    assert [(f["code"], f["name"], f["location"], f["end_location"]) for f in found] == [
        ("TL002", "view-on-non-contiguous", {"row": 3, "column": 11}, {"row": 3, "column": 15}),
        ("TL001", "numpy-on-grad-tensor", {"row": 5, "column": 7}, {"row": 5, "column": 12}),
    ]
    assert found[0]["origin"] == {"row": 3, "column": 5, "note": "made non-contiguous here"}
    assert found[0]["filename"] == "bad.py"
    assert found[0]["fix"] == {"applicability": "safe", "message": "Use .reshape() instead of .view()", "edits": [
        {"content": "reshape", "location": {"row": 3, "column": 11}, "end_location": {"row": 3, "column": 15}}]}
    assert found[1]["fix"]["edits"] == [  # an insertion: an empty span
        {"content": "detach().", "location": {"row": 5, "column": 7}, "end_location": {"row": 5, "column": 7}}]


def test_sarif_format_lists_every_rule(tmp_path):
    result = run("--no-cache", "--format", "sarif", "bad.py", cwd=project(tmp_path))
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == [
        "TL001", "TL002", "TL003", "TL004", "TL005", "TL006", "TL007", "TL008", "TL009", "TL010", "TL011",
        "TL101", "TL102", "TL103", "TL104", "TL105", "TL106", "TL107", "TL108"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run_["results"]] \
        == [("TL002", 3), ("TL001", 5)]


def test_github_format(tmp_path):
    result = run("--no-cache", "--format", "github", "bad.py", cwd=project(tmp_path))
    assert result.stdout.splitlines()[0] == (
        "::error title=torchlint (TL002),file=bad.py,line=3,col=11,endLine=3,endColumn=15::"
        ".view() on 'x.t()', which is not contiguous since .t() on line 3; use .reshape(...) or "
        ".contiguous().view(...)%0Amade non-contiguous here: bad.py:3:5")


def test_junit_format(tmp_path):
    result = run("--no-cache", "--format", "junit", cwd=project(tmp_path))
    suite = ET.fromstring(result.stdout).find("testsuite")
    failures = suite.findall(".//failure")
    assert (suite.get("failures"), [f.get("type") for f in failures]) == ("2", ["TL002", "TL001"])


def test_statistics_exit_zero_quiet_and_output_file(tmp_path):
    project(tmp_path)
    result = run("--no-cache", "--statistics", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "1  TL001  numpy-on-grad-tensor\n1  TL002  view-on-non-contiguous\n")
    result = run("--no-cache", "--exit-zero", "-q", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"{TL002}\n{TL001}\n", "")
    result = run("--no-cache", "-o", "out.txt", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert (tmp_path / "out.txt").read_text() == f"{TL002}\n{TL001}\n"


def test_statistics_in_json_is_json(tmp_path):
    project(tmp_path)
    result = run("--no-cache", "--statistics", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    assert json.loads(result.stdout) == {"statistics": [
        {"code": "TL001", "name": "numpy-on-grad-tensor", "count": 1, "fixable": True},
        {"code": "TL002", "name": "view-on-non-contiguous", "count": 1, "fixable": True}], "given_up": []}
    clean = run("--no-cache", "--statistics", "--format", "json", "ok.py", cwd=tmp_path)
    assert (clean.returncode, clean.stdout) == (0, '{\n  "statistics": [],\n  "given_up": []\n}\n')


def test_select_ignore_and_per_file_ignores_from_config_and_flags(tmp_path):
    project(tmp_path, '[tool.torchlint]\nselect = ["TL00"]\nignore = ["TL001"]\n')
    assert run("--no-cache", cwd=tmp_path).stdout == f"{TL002}\n"
    # a flag replaces the config's value for its key
    assert run("--no-cache", "--ignore", "TL002", cwd=tmp_path).stdout == f"{TL001}\n"
    write(tmp_path, "pyproject.toml", '[tool.torchlint]\nper-file-ignores = { "bad.py" = ["TL002"] }\n')
    assert run("--no-cache", cwd=tmp_path).stdout == f"{TL001}\n"
    assert run("--no-cache", "--per-file-ignores", "*.py:TL001", cwd=tmp_path).stdout == f"{TL002}\n"


def test_config_found_upward_and_named_with_config(tmp_path):
    project(tmp_path / "src", '[tool.torchlint]\nselect = ["TL001"]\n')
    write(tmp_path, "other.toml", '[tool.torchlint]\nselect = ["TL002"]\n')
    (tmp_path / "src" / "deep").mkdir()
    assert run("--no-cache", "../bad.py", cwd=tmp_path / "src" / "deep").stdout == (
        TL001.replace("bad.py", "../bad.py") + "\n")
    assert run("--no-cache", "--config", "../other.toml", cwd=tmp_path / "src").stdout == f"{TL002}\n"


def test_bad_configuration_is_one_error_and_exit_2(tmp_path):
    project(tmp_path, '[tool.torchlint]\nselect = "TL001"\nignore = ["TL0009"]\n')
    result = run("--no-cache", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("error: pyproject.toml: [tool.torchlint] ")
    write(tmp_path, "pyproject.toml", '[tool.torchlint]\nselekt = ["TL001"]\n')
    result = run("--no-cache", cwd=tmp_path)
    assert result.returncode == 2
    assert "selekt" in result.stderr and "select" in result.stderr and "Traceback" not in result.stderr
    write(tmp_path, "pyproject.toml", '[tool.torchlint\nselect = 1\n')
    result = run("--no-cache", cwd=tmp_path)
    assert result.returncode == 2 and "(at line 1, column" in result.stderr
    result = run("--no-cache", "--select", "TL0O1", cwd=tmp_path, )
    assert result.returncode == 2


def test_stdin_is_reported_under_its_name_with_its_config(tmp_path):
    project(tmp_path, '[tool.torchlint]\nper-file-ignores = { "src/*" = ["TL001"] }\n')
    result = run("-", "--stdin-filename", "src/train.py", cwd=tmp_path, stdin=PITFALLS)
    assert result.returncode == 1
    assert result.stdout == TL002.replace("bad.py", "src/train.py") + "\n"
    assert not (tmp_path / ".torchlint_cache").exists()  # an unsaved buffer is never cached


def test_rules_json_and_explain():
    listed = json.loads(subprocess.run([EXE, "rules", "--format", "json"], capture_output=True, text=True).stdout)
    assert [(r["code"], r["name"], r["fixable"]) for r in listed] == [
        ("TL001", "numpy-on-grad-tensor", True), ("TL002", "view-on-non-contiguous", True),
        ("TL003", "backward-on-non-scalar", True), ("TL004", "copy-construct-from-tensor", True),
        ("TL005", "as-strided-negative-stride", False), ("TL006", "grad-of-non-leaf", True),
        ("TL007", "requires-grad-on-integer", False),
        ("TL008", "inplace-on-detached-alias", False), ("TL009", "set-requires-grad-on-non-leaf", False),
        ("TL010", "inplace-on-leaf-requiring-grad", False),
        ("TL011", "backward-through-integer", False), ("TL101", "loss-accumulated-with-graph", True),
        ("TL102", "scheduler-before-optimizer", False), ("TL103", "discarded-conversion", True),
        ("TL104", "missing-zero-grad", False), ("TL105", "backward-through-freed-graph", False),
        ("TL106", "functional-dropout-always-on", True),
        ("TL107", "softmax-into-cross-entropy", True), ("TL108", "stale-optimizer-params", False),
        ("TL900", "unused-noqa", False)]


def _on_a_terminal(args, cwd, env=None):
    """Run with stdout and stderr on a pseudo-terminal; return what it printed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([EXE, *args], cwd=cwd, stdout=follower, stderr=follower,
                               env={**os.environ, "COLUMNS": "80", **(env or {})})
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode()


def test_terminal_gets_full_format_in_colour_and_no_color_is_honoured(tmp_path):
    project(tmp_path)
    coloured = _on_a_terminal(["--no-cache", "bad.py"], tmp_path)
    assert "\x1b[" in coloured and "^^^^" in coloured
    plain = _on_a_terminal(["--no-cache", "bad.py"], tmp_path, env={"NO_COLOR": "1"})
    assert "\x1b[" not in plain and "3 | y = x.t().view(-1)" in plain


def test_progress_bar_only_on_a_terminal(tmp_path):
    for i in range(250):
        write(tmp_path, f"pkg/m{i:03}.py", "x = 1\n")
    assert "Checking" in _on_a_terminal(["--no-cache", "pkg"], tmp_path)
    piped = run("--no-cache", "pkg", cwd=tmp_path)
    assert "Checking" not in piped.stderr and piped.stderr == "All checks passed (250 files).\n"
    assert "Checking" not in _on_a_terminal(["--no-cache", "--format", "json", "pkg"], tmp_path)


def _tree(tmp_path, n=40):
    for i in range(n):
        write(tmp_path, f"pkg/m{i:02}.py", PITFALLS if i % 3 == 0 else f"import torch\nv{i} = torch.ones(2)\n")
    return tmp_path


def test_output_is_the_same_whatever_the_number_of_jobs(tmp_path):
    _tree(tmp_path)
    outputs = {jobs: run("--no-cache", "--jobs", jobs, "pkg", cwd=tmp_path) for jobs in ("1", "2", "3")}
    first = outputs["1"]
    assert first.returncode == 1 and first.stdout.count("\n") == 28
    for result in outputs.values():
        assert (result.returncode, result.stdout, result.stderr) == (first.returncode, first.stdout, first.stderr)


def _entries(cache: Path) -> list:
    """The per-content entries (the index of paths is tested in test_file_index.py)."""
    return sorted(p for p in cache.rglob("*.json") if p.name != "index.json")


def test_cache_is_tagged_reused_invalidated_and_cleaned(tmp_path):
    _tree(tmp_path)
    cold = run("pkg", cwd=tmp_path)
    cache = tmp_path / ".torchlint_cache"
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (cache / ".gitignore").read_text() == "*\n"
    entries = _entries(cache)
    assert len(entries) == 14  # the files with a trigger token; the prefilter decides the rest faster
    warm = run("pkg", cwd=tmp_path)
    assert (warm.returncode, warm.stdout) == (cold.returncode, cold.stdout)
    # a corrupt entry and a foreign one are ignored and rewritten (the index of
    # paths goes too, or it would answer for these files without the entries)
    [index] = cache.rglob("index.json")
    index.unlink()
    entries[0].write_text("{not json")
    entries[1].write_text('{"diagnostics": [{"line": "x"}]}')
    again = run("pkg", cwd=tmp_path)
    assert again.stdout == cold.stdout
    assert json.loads(entries[0].read_text()) and json.loads(entries[1].read_text())["diagnostics"] is not None
    assert index.is_file()
    # an edited file is checked again
    write(tmp_path, "pkg/m00.py", "import torch\n")
    assert "pkg/m00.py" not in run("pkg", cwd=tmp_path).stdout
    cleaned = subprocess.run([EXE, "clean"], cwd=tmp_path, capture_output=True, text=True)
    assert cleaned.returncode == 0 and not cache.exists()


def test_no_cache_writes_nothing(tmp_path):
    _tree(tmp_path, 5)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    run("--no-cache", "pkg", cwd=tmp_path)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


# ---------------------------------------------------------------- editors

def _readme_block(marker: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- editor: {marker} -->\s*```\w*\n(.+?)\n```", readme, re.S)
    assert match, marker
    return match.group(1)


def _concise_lines(tmp_path) -> list:
    project(tmp_path)
    lines = run("--no-cache", "--format", "concise", cwd=tmp_path).stdout.splitlines()
    assert len(lines) == 2
    return lines


def _expected(line: str) -> tuple:
    path, row, col, rest = line.split(":", 3)
    return path, row, col, rest.strip()


def _vscode_resource(file_location, name: str, variables: dict) -> str:
    """The file VS Code opens for a problem matcher's `file` group, by its rules:
    "relative" joins the prefix and the name as path segments (an absolute name
    is not kept as it is: "/ws" + "/ws/a.py" is "/ws/ws/a.py"), "absolute" takes
    the name, "autoDetect" the relative one when it exists, else the absolute."""
    import posixpath

    kind, prefix = (file_location, "${workspaceFolder}") if isinstance(file_location, str) else file_location
    for variable, value in variables.items():
        prefix = prefix.replace("${" + variable + "}", value)
    relative = posixpath.normpath(prefix + "/" + name)
    if kind == "relative":
        return relative
    if kind == "autoDetect":
        return relative if os.path.exists(relative) else posixpath.normpath(name)
    assert kind == "absolute", kind
    return posixpath.normpath(name)


def test_vscode_task_output_opens_the_reported_file_at_the_called_name(tmp_path):
    import shlex

    task = json.loads(_readme_block("vscode"))["tasks"][0]
    workspace = project(tmp_path / "workspace")
    variables = {"workspaceFolder": str(workspace)}
    command = shlex.split(task["command"].replace("${workspaceFolder}", str(workspace)))
    cwd = task.get("options", {}).get("cwd", "${workspaceFolder}").replace("${workspaceFolder}", str(workspace))
    assert command[0] == "torchlint"
    # run from elsewhere, as a task is, and with absolute paths too: each must open the right place
    outputs = [subprocess.run([EXE, "--no-cache", *command[1:]], cwd=cwd, capture_output=True, text=True).stdout,
               run("--no-cache", "--format", "concise", str(workspace / "bad.py"), cwd=tmp_path).stdout]
    matcher = task["problemMatcher"]
    pattern = matcher["pattern"]
    for output in outputs[:1]:
        lines = output.splitlines()
        assert len(lines) == 2
        for line in lines:
            match = re.match(pattern["regexp"], line)
            opened = _vscode_resource(matcher["fileLocation"], match.group(pattern["file"]), variables)
            source = Path(opened).read_text(encoding="utf-8").splitlines()
            row, col = int(match.group(pattern["line"])), int(match.group(pattern["column"]))
            assert source[row - 1][col - 1:].startswith(("view(", "numpy(")), (line, opened)
    # the set-up the README used to give: absolute paths with a relative fileLocation open nothing
    absolute = re.match(pattern["regexp"], outputs[1].splitlines()[0]).group(pattern["file"])
    assert not os.path.exists(_vscode_resource(["relative", "${workspaceFolder}"], absolute, variables))
    assert os.path.exists(_vscode_resource(["autoDetect", "${workspaceFolder}"], absolute, variables))
    # a notebook's finding opens the notebook
    notebook = re.match(pattern["regexp"], "train.ipynb:cell 7:2:15: TL001 .numpy() on 'preds'")
    assert [notebook.group(pattern[k]) for k in ("file", "line", "column", "code")] == ["train.ipynb", "2", "15", "TL001"]


def test_the_readme_try_it_output_is_what_the_command_prints():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Try it"):readme.index("## Run the tests")]
    command = re.search(r"```sh\n(?:.*\n)*?.*&& (torchlint .+)\n```", section).group(1)
    shown = re.search(r"```text\n(.+?)```", section, re.S).group(1)
    result = subprocess.run([EXE, "--no-cache", *command.split()[1:]], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout + result.stderr == shown


def test_vscode_problem_matcher_parses_concise_output(tmp_path):
    pattern = json.loads(_readme_block("vscode"))["tasks"][0]["problemMatcher"]["pattern"]
    for line in _concise_lines(tmp_path):
        match = re.match(pattern["regexp"], line)
        path, row, col, rest = _expected(line)
        assert (match.group(pattern["file"]), match.group(pattern["line"]), match.group(pattern["column"])) == (
            path, row, col)
        assert f"{match.group(pattern['code'])} {match.group(pattern['message'])}" == rest


def test_vim_errorformat_parses_concise_output(tmp_path):
    errorformat = re.search(r"errorformat=(.+)$", _readme_block("vim"), re.M).group(1)
    # %f file, %l line, %c column, %m message; '\ ' is an escaped space
    regex = "^" + re.escape(errorformat.replace("\\ ", " ")).replace("%f", "(?P<f>.+?)").replace(
        "%l", r"(?P<l>\d+)").replace("%c", r"(?P<c>\d+)").replace("%m", "(?P<m>.*)") + "$"
    for line in _concise_lines(tmp_path):
        match = re.match(regex, line)
        assert (match["f"], match["l"], match["c"], match["m"]) == _expected(line)


def test_emacs_compilation_regexp_parses_concise_output(tmp_path):
    block = _readme_block("emacs")
    elisp = re.search(r'\(torchlint "(.+?)" (\d) (\d) (\d)', block)
    # an Emacs string literal: \\( is the regexp group \(
    regex = elisp.group(1).replace("\\\\", "\\").replace("\\(", "(").replace("\\)", ")")
    file_group, line_group, col_group = (int(elisp.group(i)) for i in (2, 3, 4))
    for line in _concise_lines(tmp_path):
        match = re.match(regex, line)
        path, row, col, rest = _expected(line)
        assert (match.group(file_group), match.group(line_group), match.group(col_group)) == (path, row, col)


# ---------------------------------------------------------------- discovery, rule-dirs, notebooks

def test_gitignore_and_exclude_skip_files_but_a_named_file_is_checked(tmp_path):
    project(tmp_path, '[tool.torchlint]\nextend-exclude = ["generated/"]\n')
    (tmp_path / ".git").mkdir()
    write(tmp_path, ".gitignore", "build/\n*_tmp.py\n")
    for name in ("build/bad.py", "scratch_tmp.py", "generated/bad.py"):
        write(tmp_path, name, PITFALLS)
    assert run("--no-cache", cwd=tmp_path).stdout == f"{TL002}\n{TL001}\n"
    named = run("--no-cache", "scratch_tmp.py", cwd=tmp_path)
    assert named.stdout == f"{TL002}\n{TL001}\n".replace("bad.py", "scratch_tmp.py")
    unignored = run("--no-cache", "--no-respect-gitignore", cwd=tmp_path)
    assert [line.split(":")[0] for line in unignored.stdout.splitlines()] == [
        "bad.py", "bad.py", "build/bad.py", "build/bad.py", "scratch_tmp.py", "scratch_tmp.py"]


RULE_MODULE = '''
from torchlint.rule import Rule


class NoItemInLoop(Rule):
    code = "XL001"
    name = "item-call"
    summary = "calls .item()"
    triggers = (".item(",)
    methods = ("item",)

    def check(self, event):
        return "called .item() on a tensor"
'''


def test_rule_dirs_from_the_config_load_the_users_rules(tmp_path):
    project(tmp_path, '[tool.torchlint]\nrule-dirs = ["lint_rules"]\nselect = ["XL"]\n')
    write(tmp_path, "lint_rules/item_rule.py", RULE_MODULE)
    write(tmp_path, "loop.py", "import torch\nt = torch.ones(1)\nv = t.item()\n")
    result = run("--no-cache", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "loop.py:3:7: XL001 called .item() on a tensor\n")
    write(tmp_path, "lint_rules/broken.py", "import torch_missing_module\n")
    broken = run("--no-cache", cwd=tmp_path)
    assert broken.returncode == 2 and broken.stdout == ""
    assert broken.stderr.startswith("error: ") and "broken.py:1: ModuleNotFoundError" in broken.stderr


def test_file_level_noqa_through_the_command(tmp_path):
    write(tmp_path, "bad.py", "# torchlint: noqa: TL002\n" + PITFALLS)
    result = run("--no-cache", "bad.py", cwd=tmp_path)
    assert result.stdout == TL001.replace(":5:7:", ":6:7:").replace("line 4", "line 5") + "\n"


def test_notebook_through_the_command(tmp_path):
    notebook = (ROOT / "tests" / "examples" / "train.ipynb").read_text(encoding="utf-8")
    write(tmp_path, "train.ipynb", notebook)
    result = run("--no-cache", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == (
        "train.ipynb:cell 7:2:15: TL001 .numpy() on 'preds', which requires grad since model(x) on line 1 "
        "of cell 7; use .detach().numpy()\n")


def test_output_format_from_the_config_and_the_flag_over_it(tmp_path):
    project(tmp_path, '[tool.torchlint]\noutput-format = "json"\n')
    assert json.loads(run("--no-cache", "bad.py", cwd=tmp_path).stdout)[0]["code"] == "TL002"
    assert run("--no-cache", "--format", "concise", "bad.py", cwd=tmp_path).stdout == f"{TL002}\n{TL001}\n"
