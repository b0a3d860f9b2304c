"""GitHub Actions workflow commands: each diagnostic becomes an annotation on its span,
an error or a warning as its rule's severity says.

    ::error title=torchlint (TL002),file=a.py,line=12,col=5,endLine=12,endColumn=11::message

A notebook's finding is placed on the line of the .ipynb file that holds its
code, and its message starts with the cell: `cell 7:2:15: ...`.
"""

from __future__ import annotations

from ._common import FilePlaces, cell_place, severities, severity_in


def render(diagnostics: list, rules: list = (), sources: dict = None, **_) -> str:
    levels, places = severities(rules), FilePlaces(sources or {})
    return "".join(_command(d, severity_in(d, levels), places) + "\n" for d in diagnostics)


def _command(d, level: str, places: FilePlaces) -> str:
    (line, col), (end_line, end_col) = places.start(d), places.end(d)
    properties = {"title": f"torchlint ({d.code})", "file": d.path, "line": line, "col": col,
                  "endLine": end_line, "endColumn": end_col}
    # the related places go on lines of their own inside the annotation
    message = "".join([cell_place(d) + d.message] +
                      [f"\n{note}: {d.path}:{line}:{col}" for line, col, note in places.related(d)])
    joined = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items())
    return f"::{level} {joined}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    # GitHub's runner unescapes exactly these; `%` first so the others are not escaped twice
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
