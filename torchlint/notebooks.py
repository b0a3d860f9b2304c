"""Jupyter notebooks: their code cells as one Python module, findings mapped back to cells.

The code cells are joined in order, as a notebook runs top to bottom, so a
tensor made in one cell carries its facts into the next. IPython syntax is
masked line for line, so line numbers stay those of the cells:

- a line magic, shell escape or help line (`%matplotlib inline`, `!pip list`,
  `?obj`, `obj?`, the `/ , ;` call escapes) becomes a comment, or `pass` plus a
  comment when indented, so that the enclosing block stays valid; `\\`
  continuation lines belong to the magic;
- `out = !ls` and `out = %magic ...` keep the assignment with `...` on the
  right, so that older facts about `out` are forgotten;
- `%time stmt` and `%timeit stmt` keep their Python (`%time` becomes the
  same-width `pass;`), and `out = %time expr` keeps `expr`, so findings inside
  timed code are not lost;
- a cell that starts with a cell magic is Python only for `%%time`,
  `%%timeit`, `%%capture`, `%%prun` and `%%debug`, whose body IPython runs in
  the user's namespace; any other (`%%bash`, `%%writefile`, ...) is skipped
  like a markdown cell.

Cells are numbered from 1 counting every cell, markdown and raw ones too, as
ruff does and as a reader counts them down the page; "on line N" in a message
becomes "on line L of cell C". A cell that does not
parse is reported in its own coordinates and left out, as Jupyter runs the
other cells. A notebook whose kernel language is not Python is skipped, and so
is a single cell whose VS Code `languageId` is not Python.
"""

from __future__ import annotations

import ast
import json
import re
import warnings
from dataclasses import dataclass, fields
from typing import Optional

from .diagnostic import PARSE_ERROR, Diagnostic
from .parsing import parse

PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug"})

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_INDENT = re.compile(r"[ \t\f]*")
_ESCAPES = "%!?/,;"
# `a, b.c = !cmd` or `out = %magic args`: IPython's assignment forms
_MAGIC_ASSIGN = re.compile(r"[\w.]+(?:\s*,\s*[\w.]+)*\s*=\s*(?=[!%])")
# a timing magic followed by Python, not by options
_TIMED = re.compile(r"%(time|timeit)(?=\s+[^\s-])")
_COMPOUND = re.compile(r"\s*(?:async|class|def|for|if|try|while|with)\b")
_ON_LINE = re.compile(r"\bon line (\d+)\b")


class NotebookError(Exception):
    """The text is not a notebook; the message is a one-line reason."""


@dataclass(frozen=True)
class NotebookSource:
    """The Python of a notebook. `cells[line - 1]` is (cell_number, line_in_cell)."""

    text: str
    cells: tuple
    language: str = "python"  # lower case; a notebook in another language has no text


@dataclass(frozen=True)
class NotebookDiagnostic(Diagnostic):
    """A finding in a notebook: line, end_line and related lines count within `cell`."""

    cell: int = 0
    related_cells: tuple = ()  # the cell of each entry of `related`

    def concise(self, mark: str = "") -> str:
        return f"{self.path}:cell {self.cell}:{self.line}:{self.col}: {self.code} {mark}{self.message}"

    # by cell before line; a plain Diagnostic sorts as cell 0, so mixed lists sort too
    def __lt__(self, other):
        return _order(self) < _order(other) if isinstance(other, Diagnostic) else NotImplemented

    def __le__(self, other):
        return _order(self) <= _order(other) if isinstance(other, Diagnostic) else NotImplemented

    def __gt__(self, other):
        return _order(self) > _order(other) if isinstance(other, Diagnostic) else NotImplemented

    def __ge__(self, other):
        return _order(self) >= _order(other) if isinstance(other, Diagnostic) else NotImplemented


def _order(d: Diagnostic) -> tuple:
    return (d.path, getattr(d, "cell", 0), d.line, d.col, d.code, d.message, d.end_line, d.end_col)


def code_of(raw: str, path: str) -> tuple:
    """(the code of every cell, the cells that parse joined, diagnostics of the cells
    that do not), or (None, None, [a diagnostic]) when the file is not a notebook
    that can be read. A notebook in another language has no code: (None, None, [])."""
    try:
        notebook = read_notebook(raw)
    except NotebookError as exc:
        return None, None, [Diagnostic(path, 1, 1, PARSE_ERROR, f"cannot read notebook: {exc}")]
    if notebook.language != "python":
        return None, None, []
    broken, runnable = [], []
    for number, lines in _split(notebook):
        error = _parse_error(lines)
        if error is None:
            runnable.append((number, lines))
        else:
            line, col, message = error
            broken.append(NotebookDiagnostic(path, line, col, PARSE_ERROR, message, cell=number))
    return notebook.text, _assemble(runnable, notebook.language), broken


def read_notebook(raw: str) -> NotebookSource:
    """The code cells of a notebook's JSON as one module, IPython syntax masked."""
    notebook = _load(raw)
    language = _language(notebook.get("metadata"))
    if language != "python":
        return NotebookSource("", (), language)
    chunks = []
    for number, cell in enumerate(notebook["cells"], 1):
        lines = _code_lines(cell, number)
        if lines is not None:
            chunks.append((number, lines))
    return _assemble(chunks, language)


def locate(notebook: NotebookSource, line: int, col: int) -> tuple:
    """(cell_number, line_in_cell, col) of a 1-based line of `notebook.text`."""
    if line < 1 or not notebook.cells:
        raise ValueError(f"line {line} is not in the notebook's code")
    if line > len(notebook.cells):  # the end of the file: past the last line of the last cell
        cell, last = notebook.cells[-1]
        return cell, last + line - len(notebook.cells), col
    cell, in_cell = notebook.cells[line - 1]
    return cell, in_cell, col


def to_cells(d: Diagnostic, notebook: NotebookSource) -> NotebookDiagnostic:
    """A diagnostic of `notebook.text` in cell coordinates, line numbers in its message too."""
    cell, line, col = locate(notebook, d.line, d.col)
    end_line, end_col = 0, 0
    if d.end_line:
        end_cell, end_line, end_col = locate(notebook, d.end_line, d.end_col)
        if end_cell != cell:  # cannot happen while every cell parses alone; keep the start
            end_line, end_col = 0, 0
    related, related_cells = [], []
    for place_line, place_col, note in d.related:
        place_cell, place_line, _ = locate(notebook, place_line, place_col)
        related.append((place_line, place_col, note))
        related_cells.append(place_cell)
    values = {f.name: getattr(d, f.name) for f in fields(d)}
    values.update(line=line, col=col, end_line=end_line, end_col=end_col, related=tuple(related),
                  message=_ON_LINE.sub(lambda m: _cell_line(notebook, int(m.group(1)), m.group(0)), d.message),
                  cell=cell, related_cells=tuple(related_cells),
                  fix=None)  # fixes edit .py files; a notebook's cells are JSON strings (not fixed yet)
    return NotebookDiagnostic(**values)


def _cell_line(notebook: NotebookSource, line: int, original: str) -> str:
    if not 0 < line <= len(notebook.cells):
        return original
    cell, in_cell = notebook.cells[line - 1]
    return f"on line {in_cell} of cell {cell}"


# ---------------------------------------------------------------- reading JSON


def _load(raw: str) -> dict:
    raw = raw.removeprefix("\ufeff")
    if not raw.strip():
        raise NotebookError("the file is empty")
    try:
        notebook = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise NotebookError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except (ValueError, RecursionError) as exc:
        raise NotebookError(f"invalid JSON: {exc}") from None
    if not isinstance(notebook, dict):
        raise NotebookError("the JSON is not an object")
    cells = notebook.get("cells")
    if cells is None and "worksheets" in notebook:
        raise NotebookError("nbformat 3 is not supported; upgrade with `jupyter nbconvert --to notebook`")
    if not isinstance(cells, list):
        raise NotebookError("no 'cells' list")
    for number, cell in enumerate(cells, 1):
        if not isinstance(cell, dict):
            raise NotebookError(f"cell {number} is not an object")
    return notebook


def _language(metadata) -> str:
    """The kernel's language, lower case: the first one stated that is not Python, else "python"."""
    for section, key in (("kernelspec", "language"), ("language_info", "name")):
        value = _get(metadata, section, key)
        if isinstance(value, str) and value.strip() and not value.strip().lower().startswith("python"):
            return value.strip().lower()
    return "python"


def _code_lines(cell: dict, number: int) -> Optional[list]:
    """The masked lines of a Python code cell, or None for any other cell."""
    if cell.get("cell_type") != "code":
        return None
    language = _get(cell, "metadata", "vscode", "languageId")
    if isinstance(language, str) and language.lower() != "python":
        return None
    source = cell.get("source", "")
    if isinstance(source, list) and all(isinstance(part, str) for part in source):
        source = "".join(source)
    elif not isinstance(source, str):
        raise NotebookError(f"cell {number} has a 'source' that is not text")
    lines = _LINE_BREAK.split(source)
    if lines[-1] == "":
        lines.pop()  # the newline that ends the last line
    return mask_cell(lines)


def _get(value, *keys):
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


# ---------------------------------------------------------------- masking


def mask_cell(lines: list) -> Optional[list]:
    """A cell's lines with IPython syntax masked, or None when the cell is not Python."""
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    if start < len(lines) and lines[start].startswith("%%"):
        name = re.match(r"%%(\w*)", lines[start]).group(1)
        if name not in PYTHON_CELL_MAGICS:
            return None
        return lines[:start] + [_masked(lines[start], "")] + _mask_lines(lines[start + 1:])
    return _mask_lines(lines)


def _mask_lines(lines: list) -> list:
    out: list = []
    scanner = _Scanner()
    magic_indent: Optional[str] = None  # set while a magic continues with `\`
    for line in lines:
        if magic_indent is not None:
            out.append(_masked(line, magic_indent))
            magic_indent = magic_indent if line.endswith("\\") else None
            continue
        if scanner.at_line_start:
            converted = _magic(line)
            if converted is not None:
                out.append(converted)
                if line.endswith("\\"):
                    magic_indent = _INDENT.match(line).group()
                continue
        scanner.feed(line)
        out.append(line)
    return out


def _magic(line: str) -> Optional[str]:
    """The Python stand-in for a line of IPython syntax, or None for a line of Python."""
    indent = _INDENT.match(line).group()
    body = line[len(indent):]
    if not body:
        return None
    continued = line.endswith("\\")
    assign = _MAGIC_ASSIGN.match(body)
    if assign is not None:
        target, rest = body[:assign.end()], body[assign.end():]
        timed = _TIMED.match(rest)
        if timed is not None and timed.group(1) == "time" and not continued:
            return indent + target + " " * timed.end() + rest[timed.end():]  # `out = %time expr` is expr
        return f"{indent}{target}...  # {rest}"
    if body[0] not in _ESCAPES and not _ends_with_help(body):
        return None
    timed = _TIMED.match(body)
    if timed is not None and not continued and not _COMPOUND.match(body[timed.end():]):
        return indent + "pass;".ljust(timed.end()) + body[timed.end():]  # same width: columns stay
    return _masked(line, indent)


def _ends_with_help(body: str) -> bool:
    """`obj?` or `obj??`: a `?` ends the code, outside strings and comments."""
    scanner = _Scanner()
    code = body[:scanner.feed(body)]
    return scanner.quote is None and not scanner.unterminated and code.rstrip().endswith("?")


def _masked(line: str, indent: str) -> str:
    # `pass` keeps a block whose only statement was the magic valid; at top level a comment reads better
    text = line.strip()
    return f"{indent}pass  # {text}" if indent else f"# {text}"


class _Scanner:
    """Enough of Python's tokenizer to know where logical lines start.

    Only a line that starts a logical line can be IPython syntax: a `%` inside
    a triple-quoted string or an open bracket is Python's.
    """

    def __init__(self) -> None:
        self.quote: Optional[str] = None  # the open string's quotes
        self.depth = 0  # open brackets
        self.continued = False  # the last line ended with `\`
        self.unterminated = False  # a one-line string was left open

    @property
    def at_line_start(self) -> bool:
        return self.quote is None and self.depth == 0 and not self.continued

    def feed(self, line: str) -> int:
        """Advance over one line; the index where its comment starts, else its length."""
        self.continued = False
        i, end = 0, len(line)
        while i < end:
            ch = line[i]
            if ch == "\\":
                self.continued = i == end - 1
                i += 2
            elif self.quote is not None:
                if line.startswith(self.quote, i):
                    i += len(self.quote)
                    self.quote = None
                else:
                    i += 1
            elif ch == "#":
                return i
            elif ch in "'\"":
                self.quote = ch * 3 if line.startswith(ch * 3, i) else ch
                i += len(self.quote)
            else:
                if ch in "([{":
                    self.depth += 1
                elif ch in ")]}":
                    self.depth = max(0, self.depth - 1)
                i += 1
        if self.quote in ("'", '"') and not self.continued:
            self.quote = None  # Python's error to report, not ours to carry to the next line
            self.unterminated = True
        return end


# ---------------------------------------------------------------- cells


def _split(notebook: NotebookSource) -> list:
    """[(cell_number, lines), ...] back from the joined text."""
    chunks: list = []
    for (number, _), line in zip(notebook.cells, notebook.text.split("\n")):
        if not chunks or chunks[-1][0] != number:
            chunks.append((number, []))
        chunks[-1][1].append(line)
    return chunks


def _assemble(chunks: list, language: str) -> NotebookSource:
    lines, cells = [], []
    for number, cell_lines in chunks:
        lines.extend(cell_lines)
        cells.extend((number, i) for i in range(1, len(cell_lines) + 1))
    return NotebookSource("".join(line + "\n" for line in lines), tuple(cells), language)


def _parse_error(lines: list) -> Optional[tuple]:
    """(line, col, message) when the cell alone does not parse, as Jupyter compiles each cell."""
    text = "".join(line + "\n" for line in lines)
    if _compiles(text):
        return None
    # libcst decides (it may know newer syntax than the running Python), through
    # the engine's guarded parse: deep nesting must not kill the process
    _module, problem = parse(text)
    return None if problem is None else (problem.line, problem.col, problem.message)


def _compiles(text: str) -> bool:
    """Python's own parser, many times faster than libcst, clears most cells."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarning: invalid escape sequence, ...
        try:
            ast.parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False
    return True
