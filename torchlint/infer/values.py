"""Abstract values: what the interpreter knows about each expression.

Every fact is three-valued (`Tri`); joining two paths keeps a fact only where
both agree. A value the interpreter cannot describe is `UNKNOWN`, and a rule
that meets it stays silent.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields
from typing import Any, Optional

from .dims import Mono


class Tri(enum.Enum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"

    @staticmethod
    def of(flag: Optional[bool]) -> "Tri":
        return Tri.UNKNOWN if flag is None else (Tri.YES if flag else Tri.NO)

    def join(self, other: "Tri") -> "Tri":
        return self if self is other else Tri.UNKNOWN

    def either(self, other: "Tri") -> "Tri":
        """Logical or: YES if either is YES, NO if both are NO."""
        if Tri.YES in (self, other):
            return Tri.YES
        if self is Tri.NO and other is Tri.NO:
            return Tri.NO
        return Tri.UNKNOWN


YES, NO, MAYBE = Tri.YES, Tri.NO, Tri.UNKNOWN


class Value:
    """Base of abstract values."""

    def join(self, other: "Value") -> "Value":
        return self if self == other else UNKNOWN


class _Unknown(Value):
    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()


class Opaque(_Unknown):
    """An unknown value with an identity: a parameter of a function analysed on its own.

    It is as unknown as UNKNOWN, but two reads of it are the same value, so when
    it is used as a size (`x.view(B, n_head, -1)`) it is one symbol throughout.
    """

    def __init__(self, name: str, size=None) -> None:
        from .dims import Mono

        self.name = name
        self.size = size if size is not None else Mono.fresh(name)
        self.members: dict = {}  # `config.n_embd`: one value however often it is read

    def member(self, name: str) -> "Opaque":
        """An attribute of this unknown value: unknown too, but the same on every read,
        so that `config.n_embd` is one size in `__init__` and in `forward`."""
        found = self.members.get(name)
        if found is None:
            found = self.members[name] = Opaque(name)
        return found

    def __repr__(self) -> str:
        return f"Opaque({self.name})"


class SymbolOf(_Unknown):
    """`x.dtype` or `x.device` where the exact one is not known: as unknown as UNKNOWN,
    but it names the dtype (device) of one tensor. `source` is its token: a tensor made
    with this dtype (`torch.zeros(n, dtype=x.dtype)`) remembers it (`Tensor.dtype_of`),
    so that converting that tensor to `x.dtype` again is known to change nothing."""

    def __init__(self, what: str, source: Any) -> None:
        self.what = what  # "dtype" or "device"
        self.source = source

    def __eq__(self, other) -> bool:
        return isinstance(other, SymbolOf) and other.what == self.what and other.source is self.source

    def __hash__(self) -> int:
        return hash((self.what, id(self.source)))

    def __repr__(self) -> str:
        return f"SymbolOf({self.what})"


def symbol_token(value: Any, what: str) -> Any:
    """The token of a dtype (device) the code names by a value that is not known exactly:
    `x.dtype` of a tensor (SymbolOf), `config.dtype` of an unknown parameter (the same
    Opaque on every read); None for anything else."""
    if isinstance(value, SymbolOf):
        return value.source if value.what == what else None
    if isinstance(value, Opaque) and value.name == what:
        return value
    return None


def is_unknown(value) -> bool:
    return isinstance(value, _Unknown)


class _Undefined(Value):
    """A name not bound on some path: joins to whatever the other path has."""

    def join(self, other: Value) -> Value:
        return other


UNDEFINED = _Undefined()


@dataclass(frozen=True, eq=False)
class Origin:
    """The node that gave a value a fact, for messages ("since .t() on line 4")."""

    node: Any
    what: str  # "transpose", "requires_grad", ...
    detail: Any = None  # more of the fact, where an op needs it: a softmax's "last dim"


@dataclass(frozen=True)
class Device(Value):
    """`torch.device("cuda")`, `x.device`: the type of a device ("cpu", "cuda", "meta"...)."""

    kind: str


@dataclass(frozen=True)
class Const(Value):
    """A Python constant known exactly: int, float, bool, str, None, Ellipsis."""

    value: Any

    def join(self, other: Value) -> Value:
        if isinstance(other, Const) and type(other.value) is type(self.value) and other.value == self.value:
            return self
        return UNKNOWN


class _Number(Value):
    """A Python number (int or float) whose value is not known: never a tensor."""

    def __repr__(self) -> str:
        return "NUMBER"


NUMBER = _Number()


@dataclass(frozen=True)
class SymInt(Value):
    """A positive int known only as a monomial of sizes: `B`, `T * C`, `C // n_head`.

    `negated` marks `-x` of such a value, which is then known to be negative.
    """

    mono: Mono
    negated: bool = False


@dataclass(frozen=True)
class Seq(Value):
    """A tuple, list or torch.Size with known items."""

    items: tuple
    kind: str = "tuple"  # "tuple", "list", "size"

    def join(self, other: Value) -> Value:
        if isinstance(other, Seq) and other.kind == self.kind and len(other.items) == len(self.items):
            return Seq(tuple(a.join(b) for a, b in zip(self.items, other.items)), self.kind)
        if isinstance(other, ListOf) and self.kind == "list":
            return other.join(self)
        return UNKNOWN


@dataclass(frozen=True)
class ListOf(Value):
    """A list grown by `append`/`extend`/`insert` (`outs.append(layer(x))` in a loop): its
    length is not known, and every item is like `element` (the join of all put in).
    `nonempty`: an item was certainly put in, on every path."""

    element: Value
    nonempty: bool = False

    def join(self, other: Value) -> Value:
        if isinstance(other, ListOf):
            return ListOf(self.element.join(other.element), self.nonempty and other.nonempty)
        if isinstance(other, Seq) and other.kind == "list":
            return ListOf(joined(self.element, other.items), self.nonempty and bool(other.items))
        return UNKNOWN

    def grown(self, items: tuple) -> "ListOf":
        """This list once `items` are put in."""
        return ListOf(joined(self.element, items), self.nonempty or bool(items))

    @staticmethod
    def of(seq: Seq, items: tuple) -> "ListOf":
        """The list `seq` (items known) once `items`, one at least, are put in."""
        everything = seq.items + items
        return ListOf(joined(everything[0], everything[1:]), True)


@dataclass(frozen=True)
class DictOf(Value):
    """A dict whose keys are known constants (`{"loss": loss, "logits": out}`,
    `dict(lr=0.1)`), with what each key holds, in insertion order."""

    entries: tuple  # ((key, Value), ...): each key a str, int, bool or None

    def get(self, key: Any) -> Optional[Value]:
        for known, value in self.entries:
            if known == key:  # as Python's dict: 1 and True are one key
                return value
        return None

    def with_entry(self, key: Any, value: Value) -> "DictOf":
        """The dict once `d[key] = value` ran (a key already there keeps its place). A list
        or dict put in is not followed: changed through another name, it would go stale here."""
        if is_mutable_container(value):
            value = UNKNOWN
        if self.get(key) is None:
            return DictOf(self.entries + ((key, value),))
        return DictOf(tuple((k, value if k == key else v) for k, v in self.entries))

    @staticmethod
    def of(pairs) -> "DictOf":
        """A dict of these (key, value) pairs, in order."""
        built = DictOf(())
        for key, value in pairs:
            built = built.with_entry(key, value)
        return built

    def without(self, key: Any) -> "DictOf":
        return DictOf(tuple((k, v) for k, v in self.entries if k != key))

    def keys(self) -> tuple:
        return tuple(Const(key) for key, _ in self.entries)

    def values(self) -> tuple:
        return tuple(value for _, value in self.entries)

    def join(self, other: Value) -> Value:
        if isinstance(other, DictOf) and [k for k, _ in other.entries] == [k for k, _ in self.entries]:
            return DictOf(tuple((k, a.join(b)) for (k, a), (_, b) in zip(self.entries, other.entries)))
        return UNKNOWN


DICT_KEY_TYPES = (str, int, bool, type(None))


def is_mutable_container(value: Value) -> bool:
    """A list or dict whose items the interpreter knows: code given it may change them."""
    return isinstance(value, (ListOf, DictOf)) or isinstance(value, Seq) and value.kind == "list"


def joined(first: Value, more) -> Value:
    """`first` joined with each of `more`."""
    for value in more:
        first = first.join(value)
    return first


@dataclass(frozen=True)
class NestedList(Value):
    """`t.tolist()` of a tensor of known shape: nested lists of Python numbers."""

    shape: tuple
    kind: Optional[str] = None  # "float", "int", "bool" (the tensor's dtype kind)


@dataclass(frozen=True)
class Array(Value):
    """`t.numpy()`: a NumPy array sharing the tensor's memory (strides in elements)."""

    shape: Optional[tuple] = None
    dtype: Optional[str] = None
    strides: Optional[tuple] = None
    contiguous: Tri = MAYBE


@dataclass(frozen=True)
class Tensor(Value):
    requires_grad: Tri = MAYBE
    shape: Optional[tuple] = None  # tuple of Mono|None, or None for unknown rank
    strides: Optional[tuple] = None  # same form; None: layout unknown
    contiguous: Tri = MAYBE
    dtype: Optional[str] = None  # "float32", "int64", "bool"...; or only the kind: "float", "int", "complex"
    grad_origin: Optional[Origin] = field(default=None, compare=False)
    layout_origin: Optional[Origin] = field(default=None, compare=False)
    is_param_of: Any = field(default=None, compare=False)  # a ModuleState for parameters
    # the tensor this one is a (differentiable) view of, whose requires_grad it follows;
    # view_known False: it may be a copy instead (a reshape that may or may not copy)
    view_base: Optional["Tensor"] = field(default=None, compare=False)
    # what a transfer function says its result is to its input (VIEW, MAYBE_VIEW, COPY),
    # for the interpreter to turn into view_base; None: as the table says
    link: Any = field(default=None, compare=False)
    view_known: bool = field(default=True, compare=False)
    view_graph: Tri = field(default=MAYBE, compare=False)  # YES: made in grad mode from a tensor requiring grad
    leaf: Tri = field(default=MAYBE, compare=False)  # YES: made by a factory or nn.Parameter, no graph
    leaf_origin: Optional[Origin] = field(default=None, compare=False)  # the op that made it a non-leaf
    retains_grad: Tri = field(default=MAYBE, compare=False)  # YES after retain_grad(); NO for an op's new result
    # where this tensor, computed from one that requires grad, was cut from the graph: an op with
    # an integer or bool result (Origin.what "integer"), one run with grad mode off ("no_grad"),
    # .detach() or .data ("detach"); kept by what is computed only from cut tensors
    cut_origin: Optional[Origin] = field(default=None, compare=False)
    # memory and version counter (knowledge/versions.py): shared by views and .detach()
    storage: Any = field(default=None, compare=False)
    saved: frozenset = field(default=frozenset(), compare=False)  # (storage, version) its backward reads
    alias_origin: Optional[Origin] = field(default=None, compare=False)  # the .detach() it aliases through
    softmax_of: Optional[Origin] = field(default=None, compare=False)  # the softmax call whose output it is
    # the graph (knowledge/graphs.py): the nodes of its graph that hold saved tensors (GraphNode
    # tokens, on every path); the backward() call that freed them (its call node); and, from a
    # loop's second round on, (that backward's call node, the loop, the name that carried it, in a tuple)
    nodes: frozenset = field(default=frozenset(), compare=False)
    freed_by: Any = field(default=None, compare=False)
    carried: Any = None
    # the type of device its memory is on ("cpu", "cuda", "meta"...), None when not known
    device: Optional[str] = None
    # a token (values.symbol_token) of the dtype (device) it was made with, where that is
    # named but not known exactly (`torch.zeros(n, dtype=x.dtype, device=x.device)`)
    dtype_of: Any = field(default=None, compare=False)
    device_of: Any = field(default=None, compare=False)

    def with_(self, **changes) -> "Tensor":
        """A copy with some facts changed (dataclasses.replace, without its cost: this
        runs for most operations the interpreter follows)."""
        unknown = changes.keys() - _TENSOR_FIELDS
        if unknown:
            raise TypeError(f"Tensor has no fact {sorted(unknown)}")
        new = object.__new__(type(self))
        facts = new.__dict__
        facts.update(self.__dict__)
        facts.update(changes)
        if "dtype" in changes and "dtype_of" not in changes and facts["dtype_of"] is not None:
            facts["dtype_of"] = None  # a dtype set anew is not known to be the named one
        return new

    def join(self, other: Value) -> Value:
        if not isinstance(other, Tensor):
            return UNKNOWN
        if self == other and self.softmax_of is other.softmax_of and self.nodes == other.nodes \
                and self.freed_by is other.freed_by and self.dtype_of is other.dtype_of \
                and self.device_of is other.device_of:
            return self
        return Tensor(
            requires_grad=self.requires_grad.join(other.requires_grad),
            shape=_join_shape(self.shape, other.shape),
            strides=_join_shape(self.strides, other.strides),
            contiguous=self.contiguous.join(other.contiguous),
            dtype=self.dtype if self.dtype == other.dtype else _join_kind(self.dtype, other.dtype),
            grad_origin=self.grad_origin if self.requires_grad is other.requires_grad else None,
            layout_origin=self.layout_origin if self.contiguous is other.contiguous else None,
            is_param_of=self.is_param_of if self.is_param_of is other.is_param_of else None,
            leaf=is_leaf(self).join(is_leaf(other)),
            # the op that made it a non-leaf, where every path names the same one
            leaf_origin=self.leaf_origin if is_leaf(self) is NO and is_leaf(other) is NO
            and _same_origin(self.leaf_origin, other.leaf_origin) else None,
            retains_grad=self.retains_grad.join(other.retains_grad),
            view_graph=self.view_graph.join(other.view_graph),
            storage=self.storage if self.storage is other.storage else None,
            saved=self.saved & other.saved,
            alias_origin=self.alias_origin if self.alias_origin is other.alias_origin else None,
            softmax_of=self.softmax_of if self.softmax_of is other.softmax_of else None,
            nodes=self.nodes & other.nodes,
            freed_by=self.freed_by if self.freed_by is other.freed_by else None,
            carried=self.carried if self.carried == other.carried else None,
            device=self.device if self.device == other.device else None,
            dtype_of=self.dtype_of if self.dtype_of is other.dtype_of else None,
            device_of=self.device_of if self.device_of is other.device_of else None,
        )


def _same_origin(a: Optional[Origin], b: Optional[Origin]) -> bool:
    """The same node gave both paths the fact (each run of a loop's round makes its own Origin)."""
    return a is b or (a is not None and b is not None and a.node is b.node and a.what == b.what)


def is_leaf(t: Tensor) -> Tri:
    """torch's `is_leaf`: every tensor that does not require grad is a leaf; one that does
    is a leaf when nothing computed it (a factory, a parameter, `detach().requires_grad_()`)."""
    return YES if t.requires_grad is NO else t.leaf


# Exact dtypes and their kinds. A tensor's dtype is exact when the code shows it,
# else only its kind is known ("float": float32 or float64 or...).
DTYPE_KINDS = {
    "float16": "float", "bfloat16": "float", "float32": "float", "float64": "float",
    "int8": "int", "uint8": "int", "int16": "int", "int32": "int", "int64": "int", "bool": "bool",
    "complex64": "complex", "complex128": "complex",
}


def dtype_kind(dtype: Optional[str]) -> Optional[str]:
    """"float", "int", "bool" or "complex" of an exact dtype or a kind; None if unknown."""
    return None if dtype is None else DTYPE_KINDS.get(dtype, dtype)


def is_exact(dtype: Optional[str]) -> bool:
    return dtype in DTYPE_KINDS


def _join_kind(a: Optional[str], b: Optional[str]) -> Optional[str]:
    kind = dtype_kind(a)
    return kind if kind is not None and kind == dtype_kind(b) else None


class _ViewHint:
    """What a transfer function says its result is to its input (`Tensor.link`), for
    the interpreter to turn into `Tensor.view_base`."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


VIEW, MAYBE_VIEW, COPY = _ViewHint("VIEW"), _ViewHint("MAYBE_VIEW"), _ViewHint("COPY")


def _join_shape(a: Optional[tuple], b: Optional[tuple]) -> Optional[tuple]:
    if a is None or b is None or len(a) != len(b):
        return None
    return tuple(x if x == y else None for x, y in zip(a, b))


class ModuleState:
    """Mutable facts of one module object, shared by every reference to it."""

    def __init__(self) -> None:
        self.params_require_grad = YES
        self.params_dtype = "float"  # exact when known: float32 for a layer made with the default dtype
        self.hooks: list = []  # [(kind, function)] registered on the module: "forward", "forward_pre"...


_TENSOR_FIELDS = frozenset(f.name for f in fields(Tensor))


@dataclass(frozen=True, eq=False)
class TorchModule(Value):
    """An instance of a torch.nn layer or loss: `nn.Linear(4, 2)`, `nn.MSELoss()`."""

    kind: str  # qualified class name, "torch.nn.Linear"
    args: tuple = ()
    kwargs: tuple = ()  # ((name, Value), ...)
    state: ModuleState = field(default_factory=ModuleState)

    def kwarg(self, name: str, position: Optional[int] = None) -> Optional[Value]:
        for key, value in self.kwargs:
            if key == name:
                return value
        if position is not None and position < len(self.args):
            return self.args[position]
        return None


@dataclass(frozen=True, eq=False)
class Function(Value):
    """A function or method defined in the file."""

    node: Any  # libcst FunctionDef
    scope: Any  # the names it closes over, or None at module level
    qualname: str
    owner: Optional["ClassInfo"] = None  # the class of a method
    defaults: dict = field(default_factory=dict)  # parameter name -> value of its default
    decorators: tuple = ()  # values of its decorators
    annotations: dict = field(default_factory=dict)  # parameter name -> value of a plain `x: torch.Tensor`
    home: Optional[str] = None  # the project file that defines it; None: the file checked


@dataclass(frozen=True, eq=False)
class BoundMethod(Value):
    function: Function
    receiver: Value


@dataclass(frozen=True, eq=False)
class ClassInfo(Value):
    """A class defined in the file."""

    node: Any
    name: str
    methods: dict
    class_attrs: dict
    is_module: bool  # subclass of torch.nn.Module
    bases: tuple = ()
    known_bases: bool = True  # every base is a class of the file or nn.Module: its instances can be followed
    volatile: frozenset = frozenset()  # attributes assigned outside __init__: unknown when read
    roles: frozenset = frozenset()  # framework roles from its bases (knowledge/roles.py): "lightning"

    def find_method(self, name: str) -> Optional[Function]:
        if name in self.methods:
            return self.methods[name]
        for base in self.bases:
            found = base.find_method(name)
            if found is not None:
                return found
        return None


@dataclass(frozen=True, eq=False)
class Instance(Value):
    """An object of a class defined in the file, with the attributes __init__ set."""

    cls: ClassInfo
    attrs: dict
    state: ModuleState = field(default_factory=ModuleState)


@dataclass(frozen=True)
class TorchRef(Value):
    """A torch module, function or class, by qualified name: "torch.nn.functional.relu"."""

    qualname: str


@dataclass(frozen=True)
class GradModeContext(Value):
    """The value of `torch.no_grad()` and friends: entering it sets grad mode."""

    enabled: Tri
    name: str = field(default="", compare=False)  # "torch.no_grad", for events


@dataclass(frozen=True)
class Pieces(Value):
    """`t.split(n, dim)` when the number of pieces is unknown: all but the last have `first`."""

    first: Value
    last: Value

    def join(self, other: Value) -> Value:
        if isinstance(other, Pieces):
            return Pieces(self.first.join(other.first), self.last.join(other.last))
        return UNKNOWN


@dataclass(frozen=True, eq=False)
class ParamIterator(Value):
    """`model.parameters()`: iterating yields its parameters. `module`: the module whose
    parameters they are (None: not known)."""

    element: Value
    module: Any = None


class ProjectModule(Value):
    """A module of the project imported by name (`import model`, `from . import model`):
    its top-level names, read from its source."""

    def __init__(self, names: dict) -> None:
        self.names = names

    def attribute(self, name: str) -> Value:
        return self.names.get(name, UNKNOWN)


class Optimizer(Value):
    """`torch.optim.SGD(model.parameters(), lr=...)`, built at `node` (`kind` the class's
    qualified name), from `params` (the value of its first argument).

    For the order of steps (knowledge/training.py): one value per place that builds it,
    so that a loop that builds it again keeps one identity (schedulers know it by node).
    For the modules it updates (knowledge/optimizers.py): `roots`, the modules whose
    `.parameters()` it was built from; `held`, those and every submodule they held then
    (empty: not known); `slots`, the names bound to a root when it was built; `replaced`,
    (the node of the replacement, the new module) when a held module was replaced since,
    on every path, else None.
    """

    __slots__ = ("kind", "node", "roots", "held", "slots", "replaced", "params")

    def __init__(self, kind: str, node: Any, roots: tuple = (), held: tuple = (), slots: frozenset = frozenset(),
                 replaced: Optional[tuple] = None, params: "Value" = None) -> None:
        self.kind, self.node, self.roots, self.held, self.slots, self.replaced = kind, node, roots, held, slots, \
            replaced
        self.params = params if params is not None else UNKNOWN

    def _key(self) -> tuple:
        return (self.node, tuple(id(m) for m in self.held), self.replaced[0] if self.replaced else None)

    def __eq__(self, other) -> bool:
        return isinstance(other, Optimizer) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash((id(self.node), len(self.held)))

    def holds(self, module: "Value") -> bool:
        return any(module is m for m in self.held)

    def with_replaced(self, replaced: Optional[tuple]) -> "Optimizer":
        return Optimizer(self.kind, self.node, self.roots, self.held, self.slots, replaced, self.params)

    def join(self, other: "Value") -> "Value":
        if not isinstance(other, Optimizer) or other.node is not self.node or \
                [id(m) for m in other.held] != [id(m) for m in self.held]:
            return UNKNOWN
        if self == other:
            return self
        return self.with_replaced(None)

    def __repr__(self) -> str:
        return f"Optimizer({self.kind})"


@dataclass(frozen=True, eq=False)
class Replacement(Value):
    """A module put into the attribute `name` of `holder` (`setattr(self.model, "fc", new)`
    in a function), kept on the path so that the optimizers of the function's callers,
    which it cannot see, learn of it when it returns."""

    holder: Value
    name: str
    old: Any
    new: Value
    node: Any


@dataclass(frozen=True, eq=False)
class Scheduler(Value):
    """`torch.optim.lr_scheduler.StepLR(optimizer, ...)`: bound to the optimizer it was
    built on (an `Optimizer`, or UNKNOWN). `warns`: torch checks, at its first `step()`,
    that the optimizer has stepped since it was built (not ReduceLROnPlateau)."""

    kind: str
    optimizer: Value
    node: Any
    warns: bool = True


@dataclass(frozen=True)
class StepOrder(Value):
    """Of one lr scheduler, on every path to a point: what stepped first since it was
    built. Each state is "fresh" (neither), "optimizer first" (its optimizer stepped
    before it did: it never warns), or (the call of its first step, whether its
    optimizer has stepped since) when the scheduler stepped first. A join keeps every
    state of both paths."""

    states: frozenset

    def join(self, other: Value) -> Value:
        return StepOrder(self.states | other.states) if isinstance(other, StepOrder) else UNKNOWN


@dataclass(frozen=True)
class Effects(Value):
    """What a piece of code did, from a point on (a loop round's start, a call's entry):
    the kinds of effect it had on every path (`must`), on some path (`may`), the first
    call of each kind in `must` (`first`: ((kind, call node), ...)) and of each kind in
    `may` (`seen`). Kinds: "backward" (gradients accumulated into .grad), "step" (an
    optimizer stepped), "clear" (gradients cleared, or code that may clear them and
    cannot be followed), "new" (an optimizer built: what it steps may be new, its
    gradients none yet)."""

    must: frozenset = frozenset()
    may: frozenset = frozenset()
    first: tuple = ()
    seen: tuple = ()

    def join(self, other: Value) -> Value:
        if not isinstance(other, Effects):
            return UNKNOWN
        must = self.must & other.must
        return Effects(must, self.may | other.may, tuple((k, n) for k, n in self.first if k in must),
                       _add_new(self.seen, other.seen))

    def then(self, later: "Effects") -> "Effects":
        """This, followed by `later` on the same path."""
        return Effects(self.must | later.must, self.may | later.may, _add_new(self.first, later.first),
                       _add_new(self.seen, later.seen))

    def did(self, kind: str, node: Any, certain: bool = True) -> "Effects":
        return self.then(Effects(frozenset({kind}) if certain else frozenset(), frozenset({kind}),
                                 ((kind, node),) if certain else (), ((kind, node),) if node is not None else ()))


def _add_new(pairs: tuple, more: tuple) -> tuple:
    """`pairs`, then the (kind, node) of `more` whose kind it lacks."""
    known = {k for k, _ in pairs}
    return pairs + tuple((k, n) for k, n in more if k not in known)
