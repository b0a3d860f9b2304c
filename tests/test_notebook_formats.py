"""A notebook's findings in every output format: the cell named, and the line of the
.ipynb file that holds the code, where a click on the annotation lands."""

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from test_cli import EXE, write
from test_formats import sarif_validator  # noqa: F401  the fixture

from torchlint.formats import render
from torchlint.notebook_positions import NotebookPositions
from torchlint.notebooks import NotebookDiagnostic
from torchlint.rule import builtin_rule_dir, load_rules

RULES = load_rules([builtin_rule_dir()])
TRAIN = (Path(__file__).parent / "examples" / "train.ipynb").read_text(encoding="utf-8")
MESSAGE = ".numpy() on 'preds', which requires grad since model(x) on line 1 of cell 7; use .detach().numpy()"


def test_a_cell_position_is_the_files_line_holding_that_code():
    positions = NotebookPositions(TRAIN)
    lines = TRAIN.splitlines()
    # cell 7 is `%time preds = model(x)` / `curve = preds.numpy()`, one JSON string a line
    assert positions.in_file(7, 2, 15) == (83, 20)
    assert lines[82][19:] == 'numpy()"'
    assert positions.in_file(7, 1, 15) == (82, 20)
    assert lines[81][19:].startswith("model(x)")
    assert positions.line_text(7, 2) == "curve = preds.numpy()"
    assert positions.in_file(99, 1, 1) is None and positions.in_file(7, 9, 1) is None


def test_escapes_a_source_in_one_string_and_crlf_json():
    source = 'a = "\u00e9\\t\U0001f600"\nb = x.view(1)\n'
    raw = json.dumps({"cells": [{"cell_type": "markdown", "source": ["# t"]},
                                {"cell_type": "code", "source": source}]}, indent=1).replace("\n", "\r\n")
    positions = NotebookPositions(raw)
    line, col = positions.in_file(2, 2, 7)
    assert raw.split("\r\n")[line - 1][col - 1:].startswith("view(1)")
    assert positions.in_file(2, 1, 5) == (line, raw.split("\r\n")[line - 1].index('"a = ') + 6)
    assert positions.line_text(2, 1) == 'a = "\u00e9\\t\U0001f600"'
    assert NotebookPositions("{not json").in_file(1, 1, 1) is None


FINDING = NotebookDiagnostic("train.ipynb", 2, 15, "TL001", MESSAGE, end_line=2, end_col=20,
                             related=((1, 15, "requires grad from here"),), cell=7, related_cells=(7,))


def out(fmt, found=(FINDING,), sources=None):
    return render(fmt, list(found), RULES, sources={"train.ipynb": TRAIN} if sources is None else sources,
                  files_checked=1)


def test_github_places_the_annotation_on_the_files_line_and_names_the_cell():
    assert out("github") == (
        "::error title=torchlint (TL001),file=train.ipynb,line=83,col=20,endLine=83,endColumn=25::"
        f"cell 7:2:15: {MESSAGE}%0Arequires grad from here (cell 7:1:15): train.ipynb:82:20\n")
    # without the notebook's text at hand: the top of the file, the cell still named
    assert out("github", sources={}).startswith(
        "::error title=torchlint (TL001),file=train.ipynb,line=1,col=1,endLine=1,endColumn=1::cell 7:2:15: ")


def test_sarif_places_the_result_on_the_files_line_with_the_cell_in_message_and_properties(sarif_validator):
    log = json.loads(out("sarif"))
    sarif_validator.validate(log)
    [result] = log["runs"][0]["results"]
    assert result["message"] == {"text": f"cell 7:2:15: {MESSAGE}"}
    assert result["properties"] == {"cell": 7, "cellLine": 2, "cellColumn": 15}
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 83, "startColumn": 20, "endLine": 83, "endColumn": 25}
    assert result["relatedLocations"] == [{"id": 0, "message": {"text": "requires grad from here (cell 7:1:15)"},
                                           "physicalLocation": {"artifactLocation": {"uri": "train.ipynb"},
                                                                "region": {"startLine": 82, "startColumn": 20}}}]


def test_junit_names_the_cell_in_the_message_and_the_text():
    [failure] = ET.fromstring(out("junit")).iter("failure")
    assert failure.get("message") == f"cell 7:2:15: {MESSAGE}"
    assert failure.text == f"train.ipynb:cell 7:2:15: TL001 {MESSAGE}\nrequires grad from here: train.ipynb:cell 7:1:15"


def test_full_shows_the_cells_line():
    assert out("full") == (
        f"train.ipynb:cell 7:2:15: TL001 {MESSAGE}\n"
        "  |\n"
        "2 | curve = preds.numpy()\n"
        "  |               ^^^^^\n"
        "  |\n"
        "  = note: requires grad from here: train.ipynb:cell 7:1:15\n")


def test_through_the_command_from_a_file_and_from_stdin(tmp_path):
    write(tmp_path, "train.ipynb", TRAIN)
    expected = out("github")
    for args, stdin in ((["train.ipynb"], None), (["-", "--stdin-filename", "train.ipynb"], TRAIN)):
        result = subprocess.run([EXE, "--no-cache", "--format", "github", *args], cwd=tmp_path, input=stdin,
                                capture_output=True, text=True)
        assert (result.returncode, result.stdout) == (1, expected)


def test_the_readme_shows_this_output():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "```text\n" + out("github") + "```" in readme
