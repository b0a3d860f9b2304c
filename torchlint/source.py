"""Lines and source text of a module's nodes, for messages and positions.

Positions are computed once per module, and only when a finding needs them.
"""

from __future__ import annotations

from typing import Any, Optional


class SourceView:
    """Lines and source text of nodes, computed only when a message needs them."""

    def __init__(self, module: Any) -> None:
        self._module = module
        self._positions = None

    def position(self, node: Any) -> tuple:
        """(line, column), both 1-based, of the start of `node`."""
        if self._positions is None:
            from libcst.metadata import MetadataWrapper, PositionProvider

            wrapper = MetadataWrapper(self._module, unsafe_skip_copy=True)
            self._positions = wrapper.resolve(PositionProvider)
        start = self._positions[node].start
        return start.line, start.column + 1

    def span(self, node: Any) -> tuple:
        """((line, col), (end_line, end_col)), 1-based, end exclusive."""
        self.position(node)
        where = self._positions[node]
        return (where.start.line, where.start.column + 1), (where.end.line, where.end.column + 1)

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
