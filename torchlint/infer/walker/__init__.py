"""The walker: Python's semantics over a module's syntax (see interpreter.py)."""

from .interpreter import Interpreter

__all__ = ["Interpreter"]
