"""Notebooks: the conversion to one module, the mapping back to cells, and torch's word on the findings."""

import dataclasses
import json
import traceback
from pathlib import Path

import pytest
import torch  # noqa: F401  the runtime half of these tests must run, never skip

from torchlint.engine import Diagnostic, check_notebook
from torchlint.notebooks import (NotebookDiagnostic, NotebookError, locate,
                                 read_notebook)
from torchlint.rule import builtin_rule_dir, load_rules

RULES = load_rules([builtin_rule_dir()])
TRAIN = Path(__file__).parent / "examples" / "train.ipynb"
TRAIN_PATH = "tests/examples/train.ipynb"
NUMPY_ERROR = "Can't call numpy() on Tensor that requires grad"


def notebook(*cells, metadata=None) -> str:
    """Notebook JSON from ("code" | "markdown", source) pairs; a source is a str or a list of str."""
    return json.dumps({
        "cells": [{"cell_type": kind, "metadata": {}, "source": source} for kind, source in cells],
        "metadata": {"kernelspec": {"language": "python", "name": "python3"}} if metadata is None else metadata,
        "nbformat": 4,
        "nbformat_minor": 5,
    })


def concise(raw: str, path: str = "nb.ipynb") -> list:
    return [d.concise() for d in check_notebook(raw, path, RULES).diagnostics]


def run_cells(source) -> list:
    """Run the code cells one by one in one namespace, as Jupyter does: (cell, line, error) of each failure."""
    namespace = {"__name__": "__main__"}
    by_cell: dict = {}
    for line, (cell, _) in zip(source.text.splitlines(), source.cells):
        by_cell.setdefault(cell, []).append(line)
    failures = []
    for cell, lines in by_cell.items():
        filename = f"<cell {cell}>"
        try:
            exec(compile("\n".join(lines) + "\n", filename, "exec"), namespace)
        except Exception as exc:  # the failure is what we measure
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
            failures.append((cell, frames[-1].lineno, exc))
    return failures


# ---------------------------------------------------------------- conversion

MAGICS = notebook(
    ("markdown", ["# Title\n"]),
    ("code", "%matplotlib inline\n"
             "import torch\n"
             "files = !ls *.py\n"
             "x = torch.ones(2)\n"
             "x?\n"
             "?torch.ones\n"
             "for f in files:\n"
             "    !echo {f}\n"
             "    %time y = x * 2\n"
             "out = %time x.sum()\n"
             "!pip install \\\n"
             "    torch\n"
             "s = '''\n"
             "%not a magic\n"
             "'''\n"
             "t = (1,\n"
             "     2)  # why?\n"
             "r = %timeit -o x.sum()\n"),
    ("code", "%%bash\necho hi\n"),
    ("code", "%%capture captured\n%timeit x.sum()\nprint(x)"),
    ("code", []),
)


def test_magics_are_masked_line_for_line():
    source = read_notebook(MAGICS)
    assert source.text == (
        "# %matplotlib inline\n"
        "import torch\n"
        "files = ...  # !ls *.py\n"
        "x = torch.ones(2)\n"
        "# x?\n"
        "# ?torch.ones\n"
        "for f in files:\n"
        "    pass  # !echo {f}\n"
        "    pass; y = x * 2\n"
        "out =       x.sum()\n"
        "# !pip install \\\n"
        "# torch\n"
        "s = '''\n"
        "%not a magic\n"
        "'''\n"
        "t = (1,\n"
        "     2)  # why?\n"
        "r = ...  # %timeit -o x.sum()\n"
        "# %%capture captured\n"
        "pass;   x.sum()\n"
        "print(x)\n"
    )
    # cells count markdown ones too; the %%bash cell and the empty one have no lines
    assert source.cells == tuple((2, n) for n in range(1, 19)) + ((4, 1), (4, 2), (4, 3))
    compile(source.text, "<notebook>", "exec")


def test_python_that_looks_like_ipython_is_kept():
    lines = [
        "rest = (10",
        "        % 3)",
        "q = 'what?'",
        "s = \"\"\"why?",
        "!not a shell escape",
        "\"\"\"",
        "n = 1  # really?",
        "total = 1 + \\",
        "    2",
    ]
    source = read_notebook(notebook(("code", "\n".join(lines))))
    assert source.text == "\n".join(lines) + "\n"
    compile(source.text, "<notebook>", "exec")


def test_timing_a_compound_statement_is_masked():
    source = read_notebook(notebook(("code", "%time for i in range(3): print(i)\n")))
    assert source.text == "# %time for i in range(3): print(i)\n"


def test_locate_maps_lines_to_cells():
    source = read_notebook(MAGICS)
    assert locate(source, 1, 1) == (2, 1, 1)
    assert locate(source, 10, 13) == (2, 10, 13)
    assert locate(source, 19, 1) == (4, 1, 1)
    assert locate(source, 21, 7) == (4, 3, 7)
    assert locate(source, 22, 1) == (4, 4, 1)  # the end of the file
    with pytest.raises(ValueError):
        locate(source, 0, 1)


def test_crlf_unicode_string_source_and_no_final_newline():
    raw = notebook(("code", "import torch\r\nτ = torch.ones(2, requires_grad=True)\r\nτ.numpy()"))
    source = read_notebook(raw)
    assert source.text == "import torch\nτ = torch.ones(2, requires_grad=True)\nτ.numpy()\n"
    assert concise(raw) == [
        "nb.ipynb:cell 1:3:3: TL001 .numpy() on 'τ', which requires grad since "
        "torch.ones(2, requires_grad=True) on line 2 of cell 1; use .detach().numpy()"]


# ---------------------------------------------------------------- the example notebook

TRAIN_FINDINGS = [
    "tests/examples/train.ipynb:cell 7:2:15: TL001 .numpy() on 'preds', which requires grad "
    "since model(x) on line 1 of cell 7; use .detach().numpy()",
]


def test_train_notebook_findings():
    assert concise(TRAIN.read_text(encoding="utf-8"), TRAIN_PATH) == TRAIN_FINDINGS


def test_train_notebook_related_location_is_in_cell_coordinates():
    [finding] = check_notebook(TRAIN.read_text(encoding="utf-8"), TRAIN_PATH, RULES).diagnostics
    assert (finding.cell, finding.line, finding.col, finding.end) == (7, 2, 15, (2, 20))
    assert finding.related == ((1, 15, "requires grad from here"),)
    assert finding.related_cells == (7,)


def test_torch_fails_exactly_where_the_train_notebook_is_flagged():
    raw = TRAIN.read_text(encoding="utf-8")
    failures = run_cells(read_notebook(raw))
    assert [(cell, line) for cell, line, _ in failures] == \
        [(d.cell, d.line) for d in check_notebook(raw, TRAIN_PATH, RULES).diagnostics]
    for _, _, error in failures:
        assert isinstance(error, RuntimeError) and NUMPY_ERROR in str(error), repr(error)


# ---------------------------------------------------------------- facts across cells

GRAD_LEAF = ("code", "import torch\nx = torch.ones(3, requires_grad=True)\n")


def test_facts_flow_from_cell_to_cell():
    raw = notebook(GRAD_LEAF, ("markdown", "Double it."), ("code", "y = x * 2\nscores = y.numpy()\n"))
    assert concise(raw) == [
        "nb.ipynb:cell 3:2:12: TL001 .numpy() on 'y', which requires grad "
        "since torch.ones(3, requires_grad=True) on line 2 of cell 1; use .detach().numpy()"]
    [(cell, line, error)] = run_cells(read_notebook(raw))
    assert (cell, line) == (3, 2) and NUMPY_ERROR in str(error)


@pytest.mark.parametrize("later", [
    "with torch.no_grad():\n    y = x * 2\nscores = y.numpy()\n",
    "with torch.no_grad():\n    scores = x.numpy()\n",
], ids=["computed-under-no-grad", "converted-under-no-grad"])
def test_no_grad_in_a_later_cell_is_silent(later):
    raw = notebook(GRAD_LEAF, ("code", later))
    assert concise(raw) == []
    assert run_cells(read_notebook(raw)) == []


def test_a_magic_assignment_forgets_what_the_name_held():
    raw = notebook(GRAD_LEAF, ("code", "x = !echo 1\n"), ("code", "x.numpy()\n"))
    assert concise(raw) == []


# ---------------------------------------------------------------- broken cells

def test_a_cell_that_does_not_parse_is_reported_in_its_coordinates_and_the_rest_is_checked():
    raw = notebook(GRAD_LEAF, ("code", "y = (1,\n"), ("code", "z = 1\ndef f(:\n    pass\n"), ("code", "x.numpy()"))
    assert concise(raw) == [
        "nb.ipynb:cell 2:1:7: TL000 cannot parse: expected one of ), *, +, -, ..., AWAIT, False, NAME, "
        "NUMBER, None, True, lambda, not, ~",
        # where and how check_source reports the same text in a .py file
        "nb.ipynb:cell 3:2:7: TL000 cannot parse: expected one of ), *, **, NAME",
        "nb.ipynb:cell 4:1:3: TL001 .numpy() on 'x', which requires grad "
        "since torch.ones(3, requires_grad=True) on line 2 of cell 1; use .detach().numpy()",
    ]


def test_syntax_newer_than_the_running_python_is_not_an_error():
    # libcst, not the running Python, decides what parses, as for .py files
    raw = notebook(GRAD_LEAF, ("code", "def first[T](items: list[T]) -> T:\n    return items[0]\n"),
                   ("code", "x.numpy()\n"))
    assert [d.code for d in check_notebook(raw, "nb.ipynb", RULES).diagnostics] == ["TL001"]


def test_invalid_json_is_one_diagnostic():
    raw = '{\n "cells": [\n  {,\n'
    assert check_notebook(raw, "nb.ipynb", RULES).diagnostics == [Diagnostic(
        "nb.ipynb", 1, 1, "TL000",
        "cannot read notebook: invalid JSON at line 3, column 4: Expecting property name enclosed in double quotes")]


@pytest.mark.parametrize("raw, reason", [
    ("", "the file is empty"),
    ("[1, 2]", "the JSON is not an object"),
    ('{"nbformat": 4}', "no 'cells' list"),
    ('{"worksheets": [], "nbformat": 3}',
     "nbformat 3 is not supported; upgrade with `jupyter nbconvert --to notebook`"),
    ('{"cells": [1]}', "cell 1 is not an object"),
    ('{"cells": [{"cell_type": "code", "source": 3}]}', "cell 1 has a 'source' that is not text"),
])
def test_not_a_notebook(raw, reason):
    with pytest.raises(NotebookError) as caught:
        read_notebook(raw)
    assert str(caught.value) == reason


def test_empty_notebook():
    raw = notebook()
    assert read_notebook(raw).text == "" and read_notebook(raw).cells == ()
    assert check_notebook(raw, "nb.ipynb", RULES).diagnostics == []


# ---------------------------------------------------------------- other languages

BAD_CELL = ("code", "import torch\ntorch.ones(3, requires_grad=True).numpy()\n")


@pytest.mark.parametrize("metadata, language", [
    ({"kernelspec": {"language": "R", "name": "ir"}}, "r"),
    ({"kernelspec": {"language": "python"}, "language_info": {"name": "julia"}}, "julia"),
])
def test_a_notebook_in_another_language_is_skipped(metadata, language):
    raw = notebook(BAD_CELL, metadata=metadata)
    assert read_notebook(raw).language == language
    assert check_notebook(raw, "nb.ipynb", RULES).diagnostics == []


def test_a_notebook_without_a_stated_language_is_python():
    assert concise(notebook(BAD_CELL, metadata={})) == [
        "nb.ipynb:cell 1:2:35: TL001 .numpy() on 'torch.ones(3, requires_grad=True)', which requires grad "
        "since torch.ones(3, requires_grad=True) on line 2 of cell 1; use .detach().numpy()"]


def test_a_cell_in_another_language_is_skipped_alone():
    sql = {"cell_type": "code", "metadata": {"vscode": {"languageId": "sql"}}, "source": "SELECT 1;\n"}
    nb = json.loads(notebook(GRAD_LEAF, ("code", "x.numpy()\n")))
    nb["cells"].insert(1, sql)
    assert concise(json.dumps(nb)) == [
        "nb.ipynb:cell 3:1:3: TL001 .numpy() on 'x', which requires grad "
        "since torch.ones(3, requires_grad=True) on line 2 of cell 1; use .detach().numpy()"]


# ---------------------------------------------------------------- diagnostics

def test_notebook_diagnostics_sort_by_cell_then_line_and_mix_with_plain_ones():
    late = NotebookDiagnostic("a.ipynb", 1, 1, "TL001", "m", cell=3)
    early = NotebookDiagnostic("a.ipynb", 9, 1, "TL001", "m", cell=2)
    plain = Diagnostic("a.ipynb", 5, 1, "TL000", "m")
    other = Diagnostic("b.py", 1, 1, "TL001", "m")
    assert sorted([other, late, plain, early]) == [plain, early, late, other]
    moved = dataclasses.replace(late, line=2)
    assert isinstance(moved, NotebookDiagnostic) and moved.concise() == "a.ipynb:cell 3:2:1: TL001 m"
