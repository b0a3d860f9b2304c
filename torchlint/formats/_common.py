"""What several formats need: the name a diagnostic's code goes by, and its severity."""

from __future__ import annotations

# TL000 belongs to no rule object: the file could not be read, decoded or
# parsed, or torchlint itself failed on it.
FILE_ERROR = "file-error"
INTERNAL_ERROR = "internal-error"


def rule_names(rules: list) -> dict:
    return {rule.code: rule.name for rule in rules}


def name_of(diagnostic, names: dict) -> str:
    """The rule name of a diagnostic, with the two pseudo-rules of TL000."""
    if diagnostic.internal_error:
        return INTERNAL_ERROR
    return names.get(diagnostic.code, FILE_ERROR if diagnostic.code == "TL000" else diagnostic.code)


ERROR, WARNING = "error", "warning"


def severity_of(rule) -> str:
    """"error" for a pitfall that raises, "warning" for one that warns or silently
    misbehaves: a rule's own `severity`, else what its runtime repro shows (a
    warning class such as UserWarning is a warning)."""
    declared = getattr(rule, "severity", None)
    if declared in (ERROR, WARNING):
        return declared
    repro = getattr(rule, "repro", None)
    failure = getattr(repro, "error", "") or ""
    return WARNING if failure.endswith("Warning") else ERROR


def severities(rules: list) -> dict:
    return {rule.code: severity_of(rule) for rule in rules}


def severity_in(diagnostic, by_code: dict) -> str:
    """A diagnostic's severity: its rule's; a file error or an internal error is an error."""
    if diagnostic.internal_error:
        return ERROR
    return by_code.get(diagnostic.code, ERROR)


def cell_place(d) -> str:
    """"cell 7:2:15: " before a notebook finding's message, where a format can only
    place it in the file's own lines; "" for a Python file's."""
    return f"cell {d.cell}:{d.line}:{d.col}: " if hasattr(d, "cell") else ""


class FilePlaces:
    """Lines and columns in the files as stored. A Python file's are the
    diagnostic's own; a notebook's count within a cell, and are mapped to the
    line of its JSON that holds that code (sources: {path: the notebook's text})."""

    def __init__(self, sources: dict) -> None:
        self._sources = sources
        self._notebooks: dict = {}

    def start(self, d) -> tuple:
        return self._place(d, d.line, d.col, getattr(d, "cell", None))

    def end(self, d) -> tuple:
        end_line, end_col = d.end
        return self._place(d, end_line, end_col, getattr(d, "cell", None))

    def related(self, d) -> list:
        """(line, col, note) of each related place; a notebook's note names its cell."""
        cells = getattr(d, "related_cells", ())
        places = []
        for index, (line, col, note) in enumerate(d.related):
            cell = cells[index] if index < len(cells) else None
            if cell is None:
                places.append((line, col, note))
            else:
                places.append((*self._place(d, line, col, cell), f"{note} (cell {cell}:{line}:{col})"))
        return places

    def _place(self, d, line: int, col: int, cell) -> tuple:
        if cell is None:
            return line, col
        positions = self._positions(d.path)
        found = positions.in_file(cell, line, col) if positions is not None else None
        return found if found is not None else (1, 1)  # the notebook's top: the message names the cell

    def _positions(self, path: str):
        if path not in self._notebooks:
            from ..notebook_positions import NotebookPositions

            raw = self._sources.get(path)
            self._notebooks[path] = NotebookPositions(raw) if raw is not None else None
        return self._notebooks[path]
