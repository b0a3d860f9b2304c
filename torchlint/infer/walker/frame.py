"""What the walker's parts share: an activation frame, the Python values that are
not torch's (builtins, super(), plain modules), budgets, and small helpers."""

from __future__ import annotations

from typing import Optional

import libcst as cst

from ..knowledge.nn import listed_layers
from ..state import WRITTEN, is_written
from ..values import UNKNOWN, ClassInfo, DictOf, Function, Instance, ListOf, Seq, TorchModule, Value, joined

MAX_CALL_DEPTH = 6
MAX_LOOP_ROUNDS = 4
MAX_UNROLLED = 8  # a loop over a known tuple of at most this many items runs each round on its own
MAX_STANDALONE = 400  # functions analysed on their own in one file
MAX_IMPORT_DEPTH = 2  # project modules loaded through imports of imports
MAX_PROJECT_TEXT = 60_000  # characters of the project's other files one check reads at most


class Builtin(Value):
    def __init__(self, name: str) -> None:
        self.name = name


class SuperRef(Value):
    def __init__(self, cls: ClassInfo, receiver: Value) -> None:
        self.cls = cls
        self.receiver = receiver


class TypeOf(Value):
    """`type(x)`: compared with a class, it says whether x is exactly of that class."""

    def __init__(self, value: Value) -> None:
        self.value = value


class HookHandle(Value):
    """What registering a hook returns: `handle.remove()` unregisters it."""

    def __init__(self, owner: Value, kind: str, function: Value) -> None:
        self.owner = owner
        self.kind = kind
        self.function = function


class PyModule(Value):
    """A plain Python module whose functions return numbers (math)."""

    def __init__(self, name: str) -> None:
        self.name = name


BUILTINS = {name: Builtin(name) for name in (
    "len", "range", "isinstance", "float", "int", "bool", "abs", "print", "super", "enumerate",
    "zip", "list", "tuple", "round", "min", "max", "sum", "getattr", "hasattr", "str", "sorted",
    "reversed", "iter", "next", "dict", "set", "type", "id", "callable", "repr", "format", "object", "setattr")}
NUMBER_MODULES = ("math",)


class Frame:
    """One activation: a function body (or the module body) being interpreted."""

    def __init__(self, function: Optional[Function], closure: Optional[dict], cls: Optional[ClassInfo] = None,
                 receiver: Optional[Value] = None):
        self.function = function
        self.closure = closure or {}
        self.cls = cls
        self.receiver = receiver
        self.returns: list = []
        self.loops: list = []  # [(breaks, continues)]


class IterableOf(Value):
    """What iterating a value yields, when only that is known: `enumerate(x)`."""

    def __init__(self, element: Value) -> None:
        self.element = element


def attr_key(instance: Instance, name: str) -> tuple:
    """The heap slot of an attribute that `__init__` sets on the instance it builds."""
    return (id(instance), name)


def written_key(instance: Instance, name: str) -> tuple:
    """The heap slot of what an attribute of an object of the file holds on a path, since
    the object was built or the attribute assigned (`self.hidden = h` in `forward`)."""
    return (WRITTEN, id(instance), name)


def forget_written(state, name: Optional[str] = None, owner: Optional[Value] = None) -> None:
    """Code not followed may have assigned attributes: forget what the path knew of them
    (of the attribute `name` only, of the object `owner` only, or all)."""
    if state is None or not state.heap:
        return
    for key in [k for k in state.heap if is_written(k)
                and (name is None or k[2] == name) and (owner is None or k[1] == id(owner))]:
        del state.heap[key]


def written_entries(state) -> dict:
    return {k: v for k, v in state.heap.items() if is_written(k)} if state is not None else {}


def argument_key(name: str) -> tuple:
    """The heap slot of a call's tensor argument: a change in place reaches the caller."""
    return ("argument", name)


def mro(cls: ClassInfo):
    yield cls
    for base in cls.bases:
        yield from mro(base)


def dotted(node) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{dotted(node.value)}.{node.attr.value}"
    return ""


def items_one_by_one(iterable: Value, iter_node) -> Optional[tuple]:
    """The items a loop (or a list comprehension) over `iterable` runs one round each
    for: a known tuple, or a list written in the loop's header (which the body cannot
    change), of at most MAX_UNROLLED items; None to run it to a fixed point."""
    if isinstance(iterable, Seq) and len(iterable.items) <= MAX_UNROLLED and (
            iterable.kind != "list" or isinstance(iter_node, cst.List)):
        return iterable.items
    if isinstance(iterable, DictOf) and len(iterable.entries) <= MAX_UNROLLED:
        return iterable.keys()  # `for key in batch:` each key on its own
    layers = container_layers(iterable)
    if layers is not None and len(layers) <= MAX_UNROLLED:
        return layers  # `for layer in self.layers:` of layers listed where it was made
    return None


def container_layers(module: Value) -> Optional[tuple]:
    """The layers of an nn.Sequential or nn.ModuleList in order, when each is known."""
    layers = listed_layers(module)
    if layers is None or not all(isinstance(layer, (TorchModule, Instance)) for layer in layers):
        return None
    return layers


def container_element(module: Value) -> Value:
    """Any layer of an nn.Sequential or nn.ModuleList: one of its known layers when they
    are alike, or the one value a comprehension made them all from
    (`nn.ModuleList([Block(d) for _ in range(n)])`: the same code built each)."""
    layers = container_layers(module)
    if layers:
        return joined(layers[0], layers[1:])
    if isinstance(module, TorchModule) and module.kind.rsplit(".", 1)[-1] == "ModuleList" and not module.kwargs \
            and len(module.args) == 1 and isinstance(module.args[0], (IterableOf, ListOf)) \
            and isinstance(module.args[0].element, (TorchModule, Instance)):
        return module.args[0].element
    return UNKNOWN
