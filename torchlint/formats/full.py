"""Each diagnostic with its source line underlined and its related places (ruff's `full`).

    a.py:12:5: TL002 .view() on 'y', which is not contiguous ...
       |
    12 |     y.view(-1)
       |     ^^^^^^
       |
       = note: made non-contiguous here: a.py:10:5
"""

from __future__ import annotations

import re
import unicodedata

from .concise import BLUE, BOLD, RED, header, style

TAB_WIDTH = 4
# Line breaks as Python counts lines; str.splitlines also splits on \f, \x1c, \u2028...
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def render(diagnostics: list, *, sources: dict, color: bool = False, unsafe_fixes: bool = False, **_) -> str:
    lines_of, notebooks = {}, {}
    for d in diagnostics:
        text = sources.get(d.path)
        if text is not None and hasattr(d, "cell") and d.path not in notebooks:
            from ..notebook_positions import NotebookPositions  # a notebook's text is JSON: its cells hold the lines

            notebooks[d.path] = NotebookPositions(text)
        elif text is not None and not hasattr(d, "cell") and not d.path.endswith(".ipynb") and d.path not in lines_of:
            lines_of[d.path] = _LINE_BREAK.split(text)
    blocks = [_block(d, _line_of(d, lines_of, notebooks), color, unsafe_fixes) for d in diagnostics]
    return "\n".join(blocks)


def _line_of(d, lines_of: dict, notebooks: dict):
    """The text of the reported line, or None when it is not at hand."""
    if hasattr(d, "cell"):
        notebook = notebooks.get(d.path)
        return notebook.line_text(d.cell, d.line) if notebook is not None else None
    lines = lines_of.get(d.path)
    return lines[d.line - 1] if lines is not None and 0 < d.line <= len(lines) else None


def _block(d, text, color: bool, unsafe_fixes: bool = False) -> str:
    width = len(str(d.line))
    gutter = style(" " * width + " |", BOLD, BLUE, color=color)
    out = [header(d, color, unsafe_fixes)]
    if text is not None:
        end_line, end_col = d.end
        end = end_col if end_line == d.line else len(text) + 1
        start = _width(text[:d.col - 1])
        carets = "^" * max(1, _width(text[:end - 1]) - start)
        number = style(f"{d.line} |", BOLD, BLUE, color=color)
        out += [gutter,
                f"{number} {text.expandtabs(TAB_WIDTH).rstrip()}".rstrip(),
                f"{gutter} {' ' * start}{style(carets, BOLD, RED, color=color)}",
                gutter]
    cells = getattr(d, "related_cells", ())  # a notebook's related lines count within their cells
    for index, (line, col, note) in enumerate(d.related):
        cell = f"cell {cells[index]}:" if index < len(cells) else ""
        out.append(f"{' ' * width} {style('= note', BOLD, color=color)}: {note}: {d.path}:{cell}{line}:{col}")
    if d.fix is not None:
        kind = "fix" if d.fix.safe else "unsafe fix (--unsafe-fixes)"
        out.append(f"{' ' * width} {style('= help', BOLD, color=color)}: {kind}: {d.fix.title}")
    return "".join(line + "\n" for line in out)


def _width(text: str) -> int:
    """Terminal columns of text: tabs to the next stop, East Asian wide characters as two."""
    text = text.expandtabs(TAB_WIDTH)
    return len(text) + sum(unicodedata.east_asian_width(c) in "WF" for c in text)
