"""What the editor shows of a finding: the diagnostic, its link, its severity, its hover."""

from __future__ import annotations

import re
from typing import Optional

from lsprotocol import types

from ..diagnostic import PARSE_ERROR
from ..formats._common import ERROR, severities, severity_in
from .positions import span

SOURCE = "torchlint"
# each rule's row in the README's table of rules (its anchor is the lower-case code)
DOCS_URL = "https://pypi.org/project/torchlint/#{anchor}"


def docs_link(code: str) -> str:
    return DOCS_URL.format(anchor=code.lower())


def to_lsp(d, lines: list, rules: list, encoding: str, related_place) -> types.Diagnostic:
    """A torchlint Diagnostic as an LSP one; `related_place(index)` is (uri, lines) of
    the document that holds the index-th related place (in a notebook, maybe another cell)."""
    end_line, end_col = d.end
    level = severity_in(d, severities(rules))
    related = []
    for index, (line, col, note) in enumerate(d.related):
        uri, place_lines = related_place(index)
        related.append(types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri, range=span(place_lines, line, col, line, col, encoding)),
            message=note))
    return types.Diagnostic(
        range=span(lines, d.line, d.col, end_line, end_col, encoding),
        message=d.message,
        severity=types.DiagnosticSeverity.Error if level == ERROR else types.DiagnosticSeverity.Warning,
        code=d.code,
        code_description=None if d.code == PARSE_ERROR else types.CodeDescription(href=docs_link(d.code)),
        source=SOURCE,
        related_information=related or None,
    )


def hover_text(rule, d) -> str:
    """Markdown: the finding, the rule's summary, and its fix (the doc's "Use instead")."""
    parts = [f"**{rule.code} {rule.name}**: {rule.summary}", d.message]
    fix = _section(rule.doc or "", "Use instead")
    if fix:
        parts.append("**Use instead**\n\n" + fix)
    parts.append(f"[{rule.code} documentation]({docs_link(rule.code)})")
    return "\n\n".join(parts)


def _section(doc: str, heading: str) -> Optional[str]:
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", doc, re.MULTILINE | re.DOTALL)
    return match.group(1).strip() if match else None
