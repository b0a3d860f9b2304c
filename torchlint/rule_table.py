"""The rules as a markdown table (`torchlint rules --format markdown`), the one in the README.

Columns: code, name, what it finds (the rule's `summary`) and PyTorch's failure:
the first indented block under the "## Why is this bad?" heading of the rule's
`doc`, which is the error PyTorch prints.
"""

from __future__ import annotations

import re
import textwrap

WHY_HEADING = "## Why is this bad?"
HEADER = "| code | name | finds | PyTorch's failure |\n|---|---|---|---|\n"
_INDENT = "    "
_HEADING = re.compile(r"#{1,6}(\s|$)")


def failure(doc: str) -> str:
    """The first run of lines indented by 4 spaces under "## Why is this bad?",
    joined by a space; "" when the doc has no such heading or block."""
    lines = [line.rstrip() for line in textwrap.dedent(doc).splitlines()]
    if WHY_HEADING not in lines:
        return ""
    block: list = []
    for line in lines[lines.index(WHY_HEADING) + 1:]:
        if _HEADING.match(line):  # the section ends
            break
        if line.startswith(_INDENT):
            block.append(line.strip())
        elif block:  # a blank line or prose ends the block
            break
    return " ".join(block)


def cell(text: str) -> str:
    """Text for one table cell: on one line, with `|` escaped (GitHub's tables need it, even in code)."""
    return " ".join(text.split()).replace("|", "\\|")


def code_span(text: str) -> str:
    """`text` as inline code, with a fence longer than any run of backticks inside it."""
    if not text:
        return ""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render(rules: list) -> str:
    """The table, a line per rule, each line ending in a newline. Each row holds an anchor
    named by the lower-case code: the language server links a finding to it."""
    rows = [f"| <a id=\"{rule.code.lower()}\"></a>{rule.code} | {cell(rule.name)} | {cell(rule.summary)} "
            f"| {cell(code_span(failure(rule.doc)))} |\n" for rule in rules]
    return HEADER + "".join(rows)
