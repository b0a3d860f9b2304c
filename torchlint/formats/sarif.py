"""A SARIF 2.1.0 log (for GitHub code scanning and other SARIF viewers).

A notebook's finding is placed on the line of the .ipynb file that holds its
code; its cell and its position there are in the message (`cell 7:2:15: ...`)
and in the result's properties (cell, cellLine, cellColumn).
"""

from __future__ import annotations

import json
import re
from pathlib import PurePath
from urllib.parse import quote

from .. import __version__
from ._common import FILE_ERROR, FilePlaces, cell_place, severities, severity_in, severity_of

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
# TL000 has no rule object; it gets a descriptor only in runs that report it.
_TL000 = {"id": "TL000", "name": FILE_ERROR,
          "shortDescription": {"text": "The file could not be read or parsed, or torchlint failed on it"},
          "defaultConfiguration": {"level": "error"}}


def render(diagnostics: list, rules: list, sources: dict = None, **_) -> str:
    descriptors = [_descriptor(rule) for rule in rules]
    if any(d.code == "TL000" for d in diagnostics) and "TL000" not in {r["id"] for r in descriptors}:
        descriptors.append(_TL000)
    index = {descriptor["id"]: i for i, descriptor in enumerate(descriptors)}
    levels, places = severities(rules), FilePlaces(sources or {})
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "torchlint", "version": __version__,
                                "informationUri": "https://pypi.org/project/torchlint/",
                                "rules": descriptors}},
            "results": [_result(d, index, severity_in(d, levels), places) for d in diagnostics],
            "columnKind": "unicodeCodePoints",
        }],
    }
    return json.dumps(log, indent=2) + "\n"


def _descriptor(rule) -> dict:
    doc = rule.doc.strip()
    descriptor = {"id": rule.code, "name": rule.name, "shortDescription": {"text": rule.summary},
                  "fullDescription": {"text": _section(doc, "What it does") or rule.summary},
                  "defaultConfiguration": {"level": severity_of(rule)}}
    if doc:
        descriptor["help"] = {"text": doc, "markdown": doc}
    return descriptor


def _section(doc: str, title: str) -> str:
    """The text of a `## title` section of a rule's Markdown doc, as one line."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", doc, re.MULTILINE | re.DOTALL)
    return " ".join(match.group(1).split()) if match else ""


def _result(d, index: dict, level: str, places: FilePlaces) -> dict:
    (line, col), (end_line, end_col) = places.start(d), places.end(d)
    result = {"ruleId": d.code}
    if d.code in index:  # a code that none of the given rules has gets no index
        result["ruleIndex"] = index[d.code]
    result["level"] = level  # SARIF's levels "error" and "warning" are ours
    result["message"] = {"text": cell_place(d) + d.message}
    result["locations"] = [_location(d.path, {"startLine": line, "startColumn": col,
                                              "endLine": end_line, "endColumn": end_col})]
    if d.related:
        result["relatedLocations"] = [
            {"id": i, **_location(d.path, {"startLine": line, "startColumn": col}), "message": {"text": note}}
            for i, (line, col, note) in enumerate(places.related(d))]
    if hasattr(d, "cell"):
        result["properties"] = {"cell": d.cell, "cellLine": d.line, "cellColumn": d.col}
    if d.fix is not None:
        result["fixes"] = [_fix(d.path, d.fix)]
    return result


def _fix(path: str, fix) -> dict:
    """A SARIF fix: each edit a replacement of a region (an insertion: an empty one)."""
    return {
        "description": {"text": fix.title if fix.safe else f"{fix.title} (unsafe: check that it is what you mean)"},
        "artifactChanges": [{
            "artifactLocation": {"uri": _uri(path)},
            "replacements": [{"deletedRegion": {"startLine": line, "startColumn": col, "endLine": end_line,
                                                "endColumn": end_col},
                              "insertedContent": {"text": text}}
                             for line, col, end_line, end_col, text in fix.edits],
        }],
    }


def _location(path: str, region: dict) -> dict:
    return {"physicalLocation": {"artifactLocation": {"uri": _uri(path)}, "region": region}}


def _uri(path: str) -> str:
    """A relative POSIX URI for a relative path (what code scanning expects), else a file: URI."""
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(pure.as_posix())
