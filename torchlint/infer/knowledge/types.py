"""Which torch classes an abstract value is an instance of: `isinstance(x, torch.Tensor)`,
`torch.is_tensor(x)`, `isinstance(m, nn.Linear)`. Three-valued: None when unknown."""

from __future__ import annotations

from typing import Optional

from ..values import NUMBER, Const, Instance, Seq, SymInt, Tensor, TorchModule, Value

TENSOR_CLASSES = ("torch.Tensor",)
MODULE_BASE = ("torch.nn.Module", "torch.nn.modules.module.Module")


def is_plain_python(value: Value) -> bool:
    """A value known to be a Python number, string, None, tuple or list: no torch object."""
    return isinstance(value, (Const, Seq, SymInt)) or value is NUMBER


def torch_instance(value: Value, qualname: str) -> Optional[bool]:
    """isinstance(value, <the torch class named qualname>)."""
    if isinstance(value, Tensor):
        if qualname in TENSOR_CLASSES:
            return True
        return None if qualname in ("torch.nn.Parameter", "torch.nn.parameter.Parameter") else False
    if isinstance(value, TorchModule):
        if qualname in MODULE_BASE or qualname == value.kind:
            return True
        return False if qualname in TENSOR_CLASSES or qualname.startswith("torch.nn.") and \
            qualname.count(".") == 2 else None
    if isinstance(value, Instance):
        if qualname in TENSOR_CLASSES:
            return False if value.cls.known_bases else None
        if qualname in MODULE_BASE:
            return True if value.cls.is_module else None
        return None
    if is_plain_python(value):
        return False
    return None


def is_tensor(value: Value) -> Optional[bool]:
    """torch.is_tensor(value)."""
    return torch_instance(value, "torch.Tensor")
