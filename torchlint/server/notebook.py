"""An open notebook (LSP 3.17 notebook sync) as the .ipynb JSON the engine reads,
and its findings back in its cells: one diagnostic set per cell."""

from __future__ import annotations

import json

from lsprotocol import types


def as_ipynb(notebook: types.NotebookDocument, text_of) -> str:
    """The notebook's cells as nbformat 4 JSON; `text_of(cell_uri)` is a cell's current text.
    Markdown cells are kept, so cells are numbered as the engine numbers them."""
    cells = []
    for cell in notebook.cells:
        text = text_of(cell.document)  # None: a cell the client does not sync (not Python)
        if cell.kind == types.NotebookCellKind.Code and text is not None:
            cells.append({"cell_type": "code", "source": text, "metadata": {}, "outputs": [],
                          "execution_count": None})
        else:
            cells.append({"cell_type": "markdown", "source": text or "", "metadata": {}})
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def cell_uris(notebook: types.NotebookDocument) -> list:
    """The uri of each cell, in order: the engine's cell N is `cell_uris(...)[N - 1]`."""
    return [cell.document for cell in notebook.cells]
