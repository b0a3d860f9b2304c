"""`torchlint rules --format markdown`: the rule table from each rule's summary and doc,
and the README's table, byte for byte."""

import re
from pathlib import Path

from torchlint.rule import builtin_rule_dir, load_rules
from torchlint.rule_table import cell, code_span, failure

from test_cli import run

ROOT = Path(__file__).resolve().parent.parent
MARKER = "<!-- generated: torchlint rules --format markdown -->\n"


def _readme_table() -> str:
    with open(ROOT / "README.md", encoding="utf-8", newline="") as f:
        readme = f.read()
    section = readme[readme.index("\n## Rules\n"):]
    section = section[:section.index("\n## ", 1)]
    assert section.count(MARKER) == 1, "the README's Rules section must mark its table once"
    after = section[section.index(MARKER) + len(MARKER):]
    return re.match(r"(?:\|[^\n]*\n)*", after).group(0)


def test_readme_rule_table_is_the_commands_output():
    result = run("rules", "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert result.stdout == _readme_table(), (
        "the README's rule table differs from `torchlint rules --format markdown`; paste the command's output there")


def test_the_table_has_a_row_per_rule_with_its_failure():
    rules = load_rules([builtin_rule_dir()])
    lines = run("rules", "--format", "markdown").stdout.splitlines()
    assert lines[:2] == ["| code | name | finds | PyTorch's failure |", "|---|---|---|---|"]
    anchored = [f'| <a id="{rule.code.lower()}"></a>{rule.code}' for rule in rules]  # the server links there
    assert [line.split(" | ")[0] for line in lines[2:]] == anchored
    for rule, line in zip(rules, lines[2:]):
        assert failure(rule.doc), rule.code
        assert line.endswith(f" | {cell(code_span(failure(rule.doc)))} |")  # quoting code: a longer fence
        assert failure(rule.doc) in rule.doc  # quoted as the doc has it, not reworded
        # what torch raises or warns, or for a pitfall that raises nothing, the effect its probe observes
        assert re.match(r"(RuntimeError|UserWarning|ObservedEffect): ", failure(rule.doc)), rule.code
        assert rule.repro.message in failure(rule.doc), rule.code  # the error the repro really gets


def test_failure_is_the_first_indented_block_under_why():
    doc = """
## What it does
Finds things.

    not this: another section

## Why is this bad?
PyTorch raises:

    RuntimeError: first line
    and its second line

    RuntimeError: a second block

## Example
"""
    assert failure(doc) == "RuntimeError: first line and its second line"
    assert failure("## Why is this bad?\n    Error: one\nprose\n    two\n") == "Error: one"
    assert failure("## Why is this bad?\nNo block here.\n\n## Example\n    code()\n") == ""
    assert failure("## What it does\n    Error: elsewhere\n") == ""
    indented_doc = "\n    ## Why is this bad?\n    Raises:\n\n        ValueError: x\n    "
    assert failure(indented_doc) == "ValueError: x"


def test_cells_stay_one_line_and_escape_pipes_even_in_code():
    assert cell("a |\n b") == "a \\| b"
    assert code_span("x | y") == "`x | y`"
    assert cell(code_span("x | y")) == "`x \\| y`"
    assert code_span("use `t.numpy()`") == "`` use `t.numpy()` ``"
    assert code_span("a ``b`` c") == "```a ``b`` c```"
    assert code_span("") == ""
