"""`path:line:col: CODE message`, one line per diagnostic (ruff's `concise`)."""

from __future__ import annotations

BOLD, RED, CYAN, BLUE, RESET = "\x1b[1m", "\x1b[31m", "\x1b[36m", "\x1b[34m", "\x1b[0m"


def style(text: str, *codes: str, color: bool) -> str:
    return "".join(codes) + text + RESET if color and text else text


def header(d, color: bool = False, unsafe_fixes: bool = False) -> str:
    """The concise line; coloured like ruff's: bold path, cyan colons, bold red code;
    `[*]` before the message when --fix (or, with `unsafe_fixes`, --unsafe-fixes) fixes it."""
    fixable = d.fix is not None and (d.fix.safe or unsafe_fixes)
    if not color:
        return d.concise("[*] " if fixable else "")
    colon = style(":", CYAN, color=True)
    cell = f"cell {d.cell}{colon}" if hasattr(d, "cell") else ""
    mark = style("[*]", CYAN, color=True) + " " if fixable else ""
    return (f"{style(d.path, BOLD, color=True)}{colon}{cell}{d.line}{colon}{d.col}{colon} "
            f"{style(d.code, BOLD, RED, color=True)} {mark}{d.message}")


def render(diagnostics: list, *, color: bool = False, unsafe_fixes: bool = False, **_) -> str:
    return "".join(header(d, color, unsafe_fixes) + "\n" for d in diagnostics)
