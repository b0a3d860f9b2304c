"""`path:line:col: CODE message`, one line per diagnostic (ruff's `concise`)."""

from __future__ import annotations

BOLD, RED, CYAN, BLUE, RESET = "\x1b[1m", "\x1b[31m", "\x1b[36m", "\x1b[34m", "\x1b[0m"


def style(text: str, *codes: str, color: bool) -> str:
    return "".join(codes) + text + RESET if color and text else text


def header(d, color: bool = False) -> str:
    """The concise line; coloured like ruff's: bold path, cyan colons, bold red code."""
    if not color:
        return d.concise()
    colon = style(":", CYAN, color=True)
    cell = f"cell {d.cell}{colon}" if hasattr(d, "cell") else ""
    return (f"{style(d.path, BOLD, color=True)}{colon}{cell}{d.line}{colon}{d.col}{colon} "
            f"{style(d.code, BOLD, RED, color=True)} {d.message}")


def render(diagnostics: list, *, color: bool = False, **_) -> str:
    return "".join(header(d, color) + "\n" for d in diagnostics)
