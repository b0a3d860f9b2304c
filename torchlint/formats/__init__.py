"""The output formats of a run, named and shaped like ruff's so users know them.

`render` turns a run's sorted diagnostics into the whole text to print; each
format lives in a module of its own and takes what it needs from the keywords.
"""

from __future__ import annotations

import importlib

FORMATS = ("full", "concise", "json", "sarif", "github", "junit")

# imported on use: a run prints one format, and start-up time counts in pre-commit
_MODULES = {"full": "full", "concise": "concise", "json": "json_format", "sarif": "sarif", "github": "github",
            "junit": "junit"}


def render(fmt: str, diagnostics: list, rules: list, *, sources: dict, files_checked: int,
           color: bool = False, unsafe_fixes: bool = False) -> str:
    """The whole output text for a run: each line ends in a newline; "" when a
    format prints nothing for no diagnostics.

    diagnostics: sorted torchlint.engine.Diagnostic objects; rules: the Rule
    objects of the run (every one, for the formats that list them); sources:
    {path: text} of files with diagnostics, for the source lines of `full` (a
    missing path prints without them); files_checked: how many files the run read;
    unsafe_fixes: unsafe fixes count as fixable (the text formats mark fixable ones).
    """
    if fmt not in _MODULES:
        raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")
    module = importlib.import_module(f"{__name__}.{_MODULES[fmt]}")
    return module.render(diagnostics, rules=rules, sources=sources, files_checked=files_checked, color=color,
                         unsafe_fixes=unsafe_fixes)
