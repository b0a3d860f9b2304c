"""Lines and source text of a module's nodes, for messages and positions.

Positions are computed once per module, and only when a finding needs them.
"""

from __future__ import annotations

from typing import Any, Callable, Optional


class SourceView:
    """Lines and source text of nodes, computed only when a message needs them."""

    def __init__(self, module: Any, others: Optional[dict] = None) -> None:
        self._module = module
        self._positions = None
        # path -> module of the project's other files the run read: a fact may begin there
        self._others = others if others is not None else {}
        self._views: dict = {}
        self._parents = None  # node -> parent node, built when a rule asks where a node sits
        self._function_parents: dict = {}  # FunctionDef -> the parent map of its nodes
        self._memo: dict = {}  # facts of the whole file a rule asked for, computed once

    def once(self, key: str, compute: Callable[[Any], Any]) -> Any:
        """`compute(module)`, computed once for this file."""
        if key not in self._memo:
            self._memo[key] = compute(self._module)
        return self._memo[key]

    def position(self, node: Any) -> tuple:
        """(line, column), both 1-based, of the start of `node`."""
        if self._positions is None:
            self._positions = _positions(self._module)
        start = self._positions[node].start
        return start.line, start.column + 1

    def file_of(self, node: Any) -> Optional[str]:
        """None for a node of this file; else the path of the project file that holds it."""
        if self._positions is None:
            self._positions = _positions(self._module)
        if node in self._positions:
            return None
        for path, module in self._others.items():
            if path not in self._views:
                self._views[path] = SourceView(module)
            view = self._views[path]
            if view._positions is None:
                view._positions = _positions(module)
            if node in view._positions:
                return path
        return None

    def place(self, node: Any) -> str:
        """`line 12`, or `line 12 of train.py` for a node of another file."""
        path = self.file_of(node)
        if path is None:
            return f"line {self.line(node)}"
        import os

        return f"line {self._views[path].line(node)} of {os.path.basename(path)}"

    def span(self, node: Any) -> tuple:
        """((line, col), (end_line, end_col)), 1-based, end exclusive."""
        self.position(node)
        where = self._positions[node]
        return (where.start.line, where.start.column + 1), (where.end.line, where.end.column + 1)

    def exact(self, node: Any) -> str:
        """The node's code as written (its parentheses included), for a fix."""
        return self._module.code_for_node(node)

    def parents(self, within: Any = None) -> dict:
        """node -> parent node, built once, when a rule asks where a node sits: of the
        nodes of the function `within` (its own node the top, with no parent), or of
        the whole module. A function's map is what a question about a node inside it
        needs, and building the whole module's took a tenth of a second per model file."""
        if within is None:
            if self._parents is None:
                self._parents = _parents(self._module)
            return self._parents
        if self._parents is not None:
            return self._parents
        found = self._function_parents.get(within)
        if found is None:
            found = self._function_parents[within] = _parents(within)
        return found

    def line(self, node: Any) -> int:
        return self.position(node)[0]

    def code(self, node: Any, limit: int = 40) -> str:
        text = self._module.code_for_node(node)
        text = " ".join(text.split())
        return text if len(text) <= limit else text[: limit - 3] + "..."

    def describe(self, origin: Optional[Any]) -> str:
        """`.transpose(1, 2)` for a method call, `.T` for an attribute, else the code."""
        import libcst as cst

        if origin is None:
            return "?"
        node = origin.node
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            args = ", ".join(self._module.code_for_node(a.value) if not a.keyword else
                             f"{a.keyword.value}={self._module.code_for_node(a.value)}" for a in node.args)
            return self._short(f".{node.func.attr.value}({args})")
        if isinstance(node, cst.Attribute):
            return f".{node.attr.value}"
        return self.code(node)

    @staticmethod
    def _short(text: str, limit: int = 40) -> str:
        text = " ".join(text.split())
        return text if len(text) <= limit else text[: limit - 3] + "..."


def _parents(module: Any) -> dict:
    from .infer.syntax import children

    parents, stack = {}, [module]
    while stack:
        node = stack.pop()
        for child in children(node):
            parents[child] = node
            stack.append(child)
    return parents


def _positions(module: Any):
    from libcst.metadata import MetadataWrapper, PositionProvider

    return MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
