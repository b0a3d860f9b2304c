"""Which torch classes an abstract value is an instance of: `isinstance(x, torch.Tensor)`,
`torch.is_tensor(x)`, `isinstance(m, nn.Linear)`, `type(m) == nn.Linear`. Three-valued:
None when unknown."""

from __future__ import annotations

from typing import Optional

from ..values import (
    NO,
    YES,
    NUMBER,
    Const,
    Instance,
    Seq,
    SymInt,
    Tensor,
    TorchModule,
    Value,
)

TENSOR_CLASSES = ("torch.Tensor",)
PARAMETER_CLASSES = ("torch.nn.Parameter", "torch.nn.parameter.Parameter")
MODULE_BASE = ("torch.nn.Module", "torch.nn.modules.module.Module")
# the base of the user's optimizers (`class SAM(torch.optim.Optimizer)`): what it holds is
# only what its __init__ sets, so an instance is followed (its step, its closure)
OPTIMIZER_BASE = ("torch.optim.Optimizer", "torch.optim.optimizer.Optimizer")


def is_plain_python(value: Value) -> bool:
    """A value known to be a Python number, string, None, tuple or list: no torch object."""
    return isinstance(value, (Const, Seq, SymInt)) or value is NUMBER


def torch_instance(value: Value, qualname: str) -> Optional[bool]:
    """isinstance(value, <the torch class named qualname>)."""
    if isinstance(value, Tensor):
        if qualname in TENSOR_CLASSES:
            return True
        return None if qualname in PARAMETER_CLASSES else False
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


def exact_torch_type(value: Value, qualname: str) -> Optional[bool]:
    """type(value) is <the torch class named qualname>: no subclass counts."""
    layer_name = qualname.startswith("torch.nn.") and qualname.count(".") == 2 and qualname not in PARAMETER_CLASSES
    if isinstance(value, Tensor):
        if qualname in TENSOR_CLASSES or qualname in PARAMETER_CLASSES:
            # an op's result (not a leaf) is a plain tensor, and so is a tensor no nn.Parameter
            # made that is a leaf or needs no grad (a factory's, .detach()'s, an op's on those);
            # one of unknown source may be a parameter
            plain = value.leaf is NO or value.is_param_of is None and (value.leaf is YES or value.requires_grad is NO)
            return qualname in TENSOR_CLASSES if plain else None
        return False if layer_name or qualname in MODULE_BASE else None
    if isinstance(value, TorchModule):
        if qualname == value.kind:
            return True
        # torch.nn.<Name> spellings name different classes; a base class is not the type
        return False if layer_name or qualname in MODULE_BASE or qualname in TENSOR_CLASSES else None
    if isinstance(value, Instance) or is_plain_python(value):
        return False  # a class of the file, or of Python
    return None


def instance_of(cls: Value) -> Optional[Value]:
    """A value known only to be of this class, when it is one a value can be made for:
    `torch.Tensor` gives a tensor whose facts are all unknown."""
    if hasattr(cls, "qualname") and cls.qualname in TENSOR_CLASSES:
        return Tensor()
    return None
