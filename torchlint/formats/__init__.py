"""The output formats of a run, named and shaped like ruff's so users know them.

`render` turns a run's sorted diagnostics into the whole text to print; each
format lives in a module of its own and takes what it needs from the keywords.
"""

from __future__ import annotations

from . import concise, full, github, json_format, junit, sarif

FORMATS = ("full", "concise", "json", "sarif", "github", "junit")

_RENDERERS = {"full": full.render, "concise": concise.render, "json": json_format.render,
              "sarif": sarif.render, "github": github.render, "junit": junit.render}


def render(fmt: str, diagnostics: list, rules: list, *, sources: dict, files_checked: int,
           color: bool = False) -> str:
    """The whole output text for a run: each line ends in a newline; "" when a
    format prints nothing for no diagnostics.

    diagnostics: sorted torchlint.engine.Diagnostic objects; rules: the Rule
    objects of the run (every one, for the formats that list them); sources:
    {path: text} of files with diagnostics, for the source lines of `full` (a
    missing path prints without them); files_checked: how many files the run read.
    """
    if fmt not in _RENDERERS:
        raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return _RENDERERS[fmt](diagnostics, rules=rules, sources=sources, files_checked=files_checked, color=color)
