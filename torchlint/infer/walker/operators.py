"""Python's operators on abstract values that are not tensors: numbers, sizes and
constants. (A tensor operand makes the operator a tensor method call.)"""

from __future__ import annotations

from typing import Optional

from .. import dims
from ..knowledge import types
from ..knowledge.ops import size_dim
from ..values import (
    NUMBER, UNKNOWN, ClassInfo, Const, Function, Instance, Opaque, Seq, SymInt, Tensor, TorchModule, TorchRef, Value,
)
from .frame import Builtin, TypeOf, mro

LIST_MUTATORS = {"append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse", "__setitem__"}
BIN_OPS = {
    "Add": "add", "Subtract": "sub", "Multiply": "mul", "Divide": "truediv", "FloorDivide": "floordiv",
    "Modulo": "mod", "Power": "pow", "MatrixMultiply": "matmul", "BitAnd": "and", "BitOr": "or",
    "BitXor": "xor",
}
COMPARE_OPS = {
    "LessThan": "lt", "LessThanEqual": "le", "GreaterThan": "gt", "GreaterThanEqual": "ge",
    "Equal": "eq", "NotEqual": "ne",
}
IDENTITY_OPS = {"Is": "is", "IsNot": "is_not"}
MIRRORED = {"lt": "gt", "le": "ge", "gt": "lt", "ge": "le", "eq": "eq", "ne": "ne"}
COMPARE = {
    "lt": lambda a, b: a < b, "le": lambda a, b: a <= b, "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b, "eq": lambda a, b: a == b, "ne": lambda a, b: a != b,
}
AUG_OPS = {f"{k}Assign": v for k, v in BIN_OPS.items()}


def number_op(op: str, left: Value, right: Value) -> Value:
    if isinstance(left, Const) and isinstance(right, Const):
        a, b = left.value, right.value
        if type(a) in (int, float) and type(b) in (int, float):
            try:
                if op == "pow" and abs(b) > 64:
                    return NUMBER
                result = {"add": lambda: a + b, "sub": lambda: a - b, "mul": lambda: a * b,
                          "truediv": lambda: a / b, "floordiv": lambda: a // b, "mod": lambda: a % b,
                          "pow": lambda: a ** b}.get(op)
                return Const(result()) if result is not None else UNKNOWN
            except (ArithmeticError, ValueError, TypeError):
                return UNKNOWN
        return UNKNOWN
    opaque = isinstance(left, Opaque) or isinstance(right, Opaque)
    a, b = size_dim(left), size_dim(right)
    if opaque and a is not None and b is not None and op in ("mul", "floordiv"):
        # `C // self.n_head` with n_head unknown: a size if used as one, else unknown
        size = a * b if op == "mul" else dims.quotient(a, b)
        return Opaque("size", size) if size is not None else UNKNOWN
    if a is not None and b is not None and (op in ("mul", "floordiv")):
        if op == "mul":
            product = a * b
        else:
            product = dims.quotient(a, b)
            if product is None:
                return NUMBER
        return Const(product.as_int()) if product.is_int() else SymInt(product)
    if all(isinstance(v, (Const, SymInt)) or v is NUMBER for v in (left, right)):
        return NUMBER
    return UNKNOWN


def known_none(value: Value) -> Optional[bool]:
    if isinstance(value, Const):
        return value.value is None
    if isinstance(value, (Tensor, Seq, TorchModule, Instance, Function, SymInt)) or value is NUMBER:
        return False
    return None


def number_literal(text: str, kind: type) -> Optional[Const]:
    """A number literal's value from its text; None for a form only Python's parser reads."""
    try:
        return Const(int(text, 0) if kind is int else kind(text))
    except ValueError:
        return None


# Python's classes that isinstance() is asked about, with the constants that are their instances
PYTHON_CLASSES = {"int": (int,), "float": (float,), "bool": (bool,), "str": (str,), "list": (), "tuple": (),
                  "dict": (), "set": ()}


def instance_check(value: Value, classes: Value) -> Optional[bool]:
    """isinstance(value, classes), three-valued."""
    if isinstance(classes, Seq):
        answers = [instance_check(value, c) for c in classes.items]
        return True if True in answers else (False if answers and all(a is False for a in answers) else None)
    if isinstance(classes, TorchRef):
        return types.torch_instance(value, classes.qualname)
    if isinstance(classes, ClassInfo):
        if isinstance(value, Instance):
            return True if any(c is classes for c in mro(value.cls)) else (False if value.cls.known_bases else None)
        return False if isinstance(value, (Tensor, TorchModule)) or types.is_plain_python(value) else None
    name = classes.name if isinstance(classes, Builtin) else None
    if name == "numpy.ndarray":  # no tensor, module, list or constant is a numpy array
        return False if isinstance(value, (Tensor, TorchModule, Seq, Const)) else None
    if name not in PYTHON_CLASSES:
        return None
    if isinstance(value, (Tensor, TorchModule)):
        return False
    if isinstance(value, Instance):
        return False if value.cls.known_bases else None
    if isinstance(value, Seq):
        return (value.kind == name) if value.kind in ("list", "tuple") else None
    if isinstance(value, Const):
        kinds = PYTHON_CLASSES[name]
        return isinstance(value.value, kinds) if kinds and value.value is not None else False
    return None


def exact_type_check(value: Value, cls: Value) -> Optional[bool]:
    """type(value) is cls (or ==), three-valued: subclasses do not count."""
    if isinstance(cls, TorchRef):
        return types.exact_torch_type(value, cls.qualname)
    if isinstance(cls, ClassInfo):
        if isinstance(value, Instance):
            return value.cls is cls
        return False if isinstance(value, (Tensor, TorchModule)) or types.is_plain_python(value) else None
    name = cls.name if isinstance(cls, Builtin) else None
    if name not in PYTHON_CLASSES:
        return None
    if isinstance(value, (Tensor, TorchModule, Instance)):
        return False
    if isinstance(value, Seq):
        return value.kind == name  # a torch.Size is neither a tuple nor a list by type
    if isinstance(value, SymInt):
        return name == "int"
    if isinstance(value, Const):
        return type(value.value).__name__ == name
    return None


def type_comparison(op: str, left: Value, right: Value) -> Optional[bool]:
    """`type(x) == C`, `type(x) is not C` (either side): its truth, or None."""
    if isinstance(right, TypeOf) and not isinstance(left, TypeOf):
        left, right = right, left
    if not isinstance(left, TypeOf) or op not in ("eq", "ne", "is", "is_not"):
        return None
    answer = exact_type_check(left.value, right)
    return None if answer is None else answer == (op in ("eq", "is"))
