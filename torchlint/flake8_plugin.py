"""torchlint as a flake8 plugin: `flake8 --select TL` reports what `torchlint` reports.

flake8 finds the plugin through the `flake8.extension` entry point `TL`. It lints
the exact text flake8 read (so stdin and `--stdin-display-name` work) and reports
at the same line and column as the torchlint command; flake8 counts columns from
0 and adds 1 when it prints them.

A file flake8 cannot parse never reaches the plugin (flake8 reports E999), so a
TL000 parse error is not repeated here; an internal error is reported, as the
command reports it. `# noqa` works both ways: flake8 applies its own, and the
engine applies torchlint's.
"""

from __future__ import annotations

from typing import Iterator, Optional, Sequence

from . import __version__

_rules: Optional[list] = None


def _load_rules() -> list:
    """The built-in rules, loaded once per process (flake8 may run several)."""
    global _rules
    if _rules is None:
        from .rule import builtin_rule_dir, load_rules

        _rules = load_rules([builtin_rule_dir()])
    return _rules


class TorchlintChecker:
    """One file's torchlint diagnostics as flake8 results."""

    name = "torchlint"
    version = __version__

    # flake8 passes the arguments by name; `tree` is what makes this an AST plugin
    # (flake8 runs those only on files it could parse), the text comes from `lines`.
    def __init__(self, tree: object, filename: str, lines: Sequence[str]) -> None:
        self.filename = filename
        self.lines = lines

    def run(self) -> Iterator[tuple]:
        from .engine import PARSE_ERROR, check_source

        for diagnostic in check_source("".join(self.lines), self.filename, _load_rules()):
            if diagnostic.code == PARSE_ERROR and not diagnostic.internal_error:
                continue
            yield (diagnostic.line, diagnostic.col - 1, f"{diagnostic.code} {diagnostic.message}", type(self))
