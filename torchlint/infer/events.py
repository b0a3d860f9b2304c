"""What the interpreter tells rules: one event per call of interest."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from .transfer import Call
from .values import Origin, Tri


@dataclass
class CallEvent:
    """A call of a tensor method (`kind == "method"`) or a torch function.

    `call` holds the abstract values of receiver and arguments and the grad
    mode; `via` is the call site in the file that made them definite when the
    event happened inside a helper; `source` renders nodes for messages.
    """

    kind: str  # "method" or "function"
    name: str  # "numpy", "torch.as_strided"
    call: Call
    name_node: Any  # the node to report at: the called name
    via: Optional[Any]
    source: "SourceView"

    @property
    def receiver(self):
        return self.call.receiver

    @property
    def grad_enabled(self) -> Tri:
        return self.call.grad_enabled

    def receiver_text(self) -> str:
        func = self.call.node.func
        value = getattr(func, "value", None)
        return self.source.code(value) if value is not None else "?"


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

    def describe(self, origin: Optional[Origin]) -> str:
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
