"""torch.optim optimizers as values: which modules' parameters one holds.

`torch.optim.SGD(model.parameters(), ...)` takes the parameters of `model` and of
every submodule it holds at that moment: the optimizer keeps those tensors. A
module (or a submodule) replaced afterwards (`model = Net()`, `model.fc =
nn.Linear(...)`, `setattr(model, "fc", ...)`) brings new parameters that the
optimizer never sees: its `step()` updates the old ones, and the module that is
trained never changes. `optimizer.add_param_group(...)` hands it new ones.

An `Optimizer` is immutable: a replacement rebinds every name bound to it to one
that knows of the replacement, so that paths join it like any fact (kept only
where every path has the same replacement).
"""

from __future__ import annotations

from typing import Any, Optional

from ..state import State
from ..values import (
    NO, UNKNOWN, YES, Const, Instance, Opaque, Optimizer, ParamIterator, Replacement, Seq, Tensor, TorchModule,
    Value, is_unknown,
)
from . import table


def is_optimizer_class(qualname: str) -> bool:
    """`torch.optim.SGD`, `torch.optim.AdamW`... (not `torch.optim.lr_scheduler.*`)."""
    if not qualname.startswith("torch.optim.") or qualname.count(".") != 2:
        return False
    short = qualname.rsplit(".", 1)[-1]
    return short[:1].isupper() and short != "Optimizer"


def _submodules(module: Value, found: list) -> None:
    if any(module is m for m in found):
        return
    found.append(module)
    if isinstance(module, Instance):
        children = list(module.attrs.values())
    elif isinstance(module, TorchModule):
        children = list(module.args)
    else:
        children = []
    for child in children:
        if isinstance(child, (Instance, TorchModule)):
            _submodules(child, found)


def build(qualname: str, args, kwargs, node, state: State) -> Value:
    """`torch.optim.<Class>(params, ...)`: an optimizer holding the parameters of the
    module `params` came from (`model.parameters()`), or of nothing known."""
    params = args[0] if args else kwargs.get("params")
    roots: tuple = ()
    if isinstance(params, ParamIterator) and isinstance(params.module, (Instance, TorchModule, Opaque)):
        roots = (params.module,)
    held: list = []
    for root in roots:
        _submodules(root, held)
    slots = frozenset(name for name, value in state.names.items() if any(value is r for r in roots))
    return Optimizer(qualname, node, roots, tuple(held), slots, params=params)


def method(optimizer: "Optimizer", name: str, state: State) -> Value:
    """`optimizer.add_param_group(...)` gives it parameters of its own choosing: a replaced
    module's may be among them. Other methods change nothing known."""
    if name == "add_param_group":
        if optimizer.replaced is not None:
            state.replace(optimizer, optimizer.with_replaced(None))
        forget_replacements(state)  # it may be a caller's optimizer, given the new parameters
    return Const(None) if name in ("step", "zero_grad", "add_param_group") else UNKNOWN


def has_parameters(module: Value) -> bool:
    """A module made here that certainly has parameters: a torch layer, a container of
    such layers, an instance of the file's module class holding one."""
    return _has_parameters(module, set())


def _has_parameters(module: Value, seen: set) -> bool:
    if id(module) in seen:
        return False
    seen.add(id(module))
    if isinstance(module, TorchModule):
        short = module.kind.rsplit(".", 1)[-1]
        if short in table.CONTAINERS:
            return any(_has_parameters(m, seen) for m in module.args)
        return short in table.LAYERS and not module.kind.endswith(("Norm1d", "Norm2d", "Norm3d"))
    if isinstance(module, Instance) and module.cls.is_module:
        return any(_has_parameters(v, seen) or (isinstance(v, Tensor) and v.is_param_of is not None)
                   for v in module.attrs.values())
    return False


def _reachable(state: State, targets: tuple) -> bool:
    """Is any of `targets` bound to a name or heap slot, or held by an object bound there?"""
    seen: set = set()
    pending = list(state.distinct_values())
    while pending:
        value = pending.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if any(value is t for t in targets):
            return True
        if isinstance(value, Instance):
            pending.extend(value.attrs.values())
        elif isinstance(value, TorchModule):
            pending.extend(value.args)
        elif isinstance(value, Seq):
            pending.extend(value.items)
    return False


def replaced(holder: Optional[Value], name: str, old: Optional[Value], new: Value, node, state: State,
             function: Any = None) -> None:
    """A module `new` was put where a module the optimizers of the state hold was:
    the name `name` (holder None) or the attribute `name` of `holder`."""
    if not isinstance(new, (TorchModule, Instance)) or not has_parameters(new):
        return
    for value in state.distinct_values():
        if not isinstance(value, Optimizer) or not value.roots or value.replaced is not None or value.holds(new):
            continue
        if holder is None:
            hit = name in value.slots and old is not None and (
                any(old is r for r in value.roots) or is_unknown(old) and not isinstance(old, Opaque))
            hit = hit and not _reachable(state, value.roots)
        else:
            hit = value.holds(holder) or (old is not None and value.holds(old))
        if hit:
            state.replace(value, value.with_replaced((node, new)))
    if holder is not None and isinstance(holder, (Instance, TorchModule, Opaque)):
        state.heap[(REPLACED, id(holder), name)] = Replacement(holder, name, old, new, node)


REPLACED = "replaced"


def replacements(exits: list) -> dict:
    """The modules a call put into attributes of objects on every path it returns by
    (heap slot -> Replacement), for its caller's optimizers."""
    found: Optional[dict] = None
    for state in exits:
        if state is None:
            continue
        mine = {k: v for k, v in state.heap.items() if k[0] == REPLACED and isinstance(v, Replacement)}
        found = mine if found is None else {k: v for k, v in found.items() if mine.get(k) is v}
    return found or {}


def replay(state: State, done: dict) -> None:
    """The caller continues after a call that made the replacements `done`."""
    for replacement in done.values():
        replaced(replacement.holder, replacement.name, replacement.old, replacement.new, replacement.node, state)


def forget_replacements(state: State) -> None:
    for key in [k for k in state.heap if k[0] == REPLACED]:
        del state.heap[key]


def stale(optimizer: Value, unknown_freeze: bool) -> Optional[Any]:
    """The node of a replacement whose new module's parameters this optimizer never held,
    where those parameters still require grad (they are meant to train); None otherwise."""
    if not isinstance(optimizer, Optimizer) or optimizer.replaced is None or unknown_freeze:
        return None
    node, new = optimizer.replaced
    if _trainable(new, set()) is not YES:
        return None
    return node


def _trainable(module: Value, seen: set):
    if id(module) in seen:
        return YES
    seen.add(id(module))
    flag = module.state.params_require_grad if isinstance(module, (TorchModule, Instance)) else NO
    if flag is not YES:
        return flag
    children = list(module.attrs.values()) if isinstance(module, Instance) else list(module.args)
    for child in children:
        if isinstance(child, (TorchModule, Instance)) and _trainable(child, seen) is not YES:
            return NO
    return YES
