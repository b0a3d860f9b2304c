"""A JSON list with one object per diagnostic, shaped like ruff's `json` output."""

from __future__ import annotations

import json

from ._common import name_of, rule_names, severities, severity_in


def render(diagnostics: list, rules: list, **_) -> str:
    names, levels = rule_names(rules), severities(rules)
    return json.dumps([_entry(d, names, severity_in(d, levels)) for d in diagnostics], indent=2) + "\n"


def _entry(d, names: dict, severity: str) -> dict:
    end_line, end_col = d.end
    related = [{"row": line, "column": col, "note": note} for line, col, note in d.related]
    location, end_location = {"row": d.line, "column": d.col}, {"row": end_line, "column": end_col}
    if hasattr(d, "cell"):  # a notebook: rows count within the cell
        location["cell"] = end_location["cell"] = d.cell
        for place, cell in zip(related, d.related_cells):
            place["cell"] = cell
    return {
        "code": d.code,
        "name": name_of(d, names),
        "message": d.message,
        "severity": severity,
        "filename": d.path,
        "location": location,
        "end_location": end_location,
        "origin": related[0] if related else None,
        "related": related,
        "fix": _fix(d.fix),
    }


def _fix(fix) -> dict:
    """ruff's shape: applicability, message, and the edits in the file's coordinates."""
    if fix is None:
        return None
    return {"applicability": "safe" if fix.safe else "unsafe", "message": fix.title,
            "edits": [{"content": text, "location": {"row": line, "column": col},
                       "end_location": {"row": end_line, "column": end_col}}
                      for line, col, end_line, end_col, text in fix.edits]}
