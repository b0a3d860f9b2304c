"""Questions the rule API asks of abstract values and call sites.

The API (`torchlint.api`) answers rules through these, so that rules never see
the value classes, the layout algebra or libcst nodes. libcst is imported only
when a node is asked about (rules are loaded for files that are never parsed).
"""

from __future__ import annotations

import re
from typing import Any, Optional

from . import layout
from .dims import symbol_name
from .knowledge.ops import dtype_from, flattens, view_target
from .values import MAYBE, NO, Const, Device, Seq, SymInt, Tensor, Tri, dtype_kind, is_exact, is_leaf, symbol_token


def is_tensor(value: Any) -> bool:
    return isinstance(value, Tensor)


def fact(value: Any, name: str) -> Tri:
    """A three-valued fact of a tensor; UNKNOWN for anything else."""
    if name == "leaf":
        return is_leaf(value) if isinstance(value, Tensor) else MAYBE
    return getattr(value, name) if isinstance(value, Tensor) else MAYBE


def names_own(tensor: Any, value: Any) -> Optional[str]:
    """"dtype" (or "device") when `value` names a dtype (device) `tensor` certainly has:
    its exact dtype (`torch.float32` of a float32 tensor), or the very `x.dtype`
    (`x.device`) it was made with (`torch.zeros(n, dtype=x.dtype)`), or read from it
    (`t.dtype` of t); None otherwise."""
    if not isinstance(tensor, Tensor) or value is None:
        return None
    named = dtype_from(value)
    if named:
        return "dtype" if is_exact(tensor.dtype) and named == tensor.dtype else None
    if isinstance(value, Device):  # `.to(x.device)` of two CPU tensors: the CPU is one device (a GPU's index may differ)
        return "device" if value.kind == tensor.device == "cpu" else None
    for what, made in (("dtype", tensor.dtype_of), ("device", tensor.device_of)):
        token = symbol_token(value, what)
        if token is not None and (token is made or token is tensor):
            return what
    return None


def numel_more_than_one(value: Any) -> Optional[bool]:
    return layout.numel_more_than_one(value.shape) if isinstance(value, Tensor) else None


def shape_text(value: Any) -> str:
    shape = value.shape if isinstance(value, Tensor) else None
    return "?" if shape is None else ", ".join(d.pretty() if d is not None else "?" for d in shape)


def is_none_constant(value: Any) -> Optional[bool]:
    return value.value is None if isinstance(value, Const) else None


def dtype_kind_of(value: Any) -> Optional[str]:
    return dtype_kind(value.dtype) if isinstance(value, Tensor) else None


def known_bool(value: Any) -> Optional[bool]:
    return value.value if isinstance(value, Const) and type(value.value) is bool else None


def negative_int(value: Any) -> bool:
    if isinstance(value, Const) and type(value.value) is int:
        return value.value < 0
    return isinstance(value, SymInt) and value.negated


def items(value: Any) -> Optional[tuple]:
    return value.items if isinstance(value, Seq) else None


def view_is_impossible(call: Any) -> bool:
    """torch refuses this `.view(...)`/`.view_as(...)` for the receiver's layout."""
    tensor = call.receiver if call is not None else None
    if not isinstance(tensor, Tensor) or tensor.contiguous is not NO:
        return False
    if len(call.args) == 1 and dtype_from(call.args[0]):
        return False  # .view(dtype) reinterprets the elements, it does not reshape
    if tensor.strides is not None:
        target = view_target(call, tensor)
        return target is not None and layout.view_strides(tensor.shape, tensor.strides, target) is False
    # the layout is known only as "transposed": only flattening is certain to fail
    return flattens(call)


def view_failure_sizes(call: Any) -> list:
    """The sizes (as the code names them) that a refused view needs larger than 1; None
    stands for a size the code does not name."""
    tensor = call.receiver
    if tensor.strides is None:
        return []
    target = view_target(call, tensor)
    if target is None:
        return []
    names = layout.view_failure_sizes(tensor.shape, tensor.strides, target)
    return list(dict.fromkeys(symbol_name(n) if _named(n) else None for n in names))


def _named(symbol: str) -> bool:
    """A size the code names (`T`, `n_head`, `C/n_head`), not one made up for an unknown."""
    name = symbol_name(symbol)
    return re.fullmatch(r"[A-Za-z_][\w*/]*", name) is not None and name not in ("dim", "stride", "n")


def argument_node(call: Any, position: Optional[int], keyword: Optional[str] = None) -> Any:
    """The expression node of an argument, by keyword first, else by position."""
    if call is None:
        return None
    args = call.node.args
    if keyword is not None:
        for arg in args:
            if arg.keyword is not None and arg.keyword.value == keyword:
                return arg.value
    if position is None:
        return None
    positional = [a for a in args if a.keyword is None]
    return positional[position].value if len(positional) > position else None


def is_atom(node: Any) -> bool:
    """Can `.clone()` be appended to this expression without parentheses?"""
    if node is None:
        return True
    import libcst as cst

    return isinstance(node, (cst.Name, cst.Attribute, cst.Call, cst.Subscript)) or bool(getattr(node, "lpar", None))


def receiver_text(call: Any, source: Any) -> str:
    value = getattr(call.node.func, "value", None) if call is not None else None
    return source.code(value) if value is not None else "?"


def method_name_node(call: Any) -> Any:
    """The name node of the method in `x.method(...)`; None for a plain function call."""
    func = getattr(getattr(call, "node", None), "func", None)
    import libcst as cst

    return func.attr if isinstance(func, cst.Attribute) else None


def receiver_method(call: Any) -> Optional[tuple]:
    """(name, number of arguments, name node) of the method call that is this call's
    receiver: `.cpu()` in `x.cpu().numpy()`."""
    import libcst as cst

    func = getattr(getattr(call, "node", None), "func", None)
    inner = func.value if isinstance(func, cst.Attribute) else None
    if isinstance(inner, cst.Call) and isinstance(inner.func, cst.Attribute) and not inner.lpar:
        return inner.func.attr.value, len(inner.args), inner.func.attr
    return None


def keywords(call: Any) -> tuple:
    """The keyword names a call passes."""
    if call is None:
        return ()
    return tuple(a.keyword.value for a in call.node.args if a.keyword is not None)


def receiver_node(call: Any) -> Any:
    """The receiver expression of `x.method(...)`; None for a plain function call."""
    import libcst as cst

    func = getattr(getattr(call, "node", None), "func", None)
    return func.value if isinstance(func, cst.Attribute) else None

def target_text(node: Any, source: Any) -> str:
    """The code of what an assignment changes: the owner of an attribute or item, the
    target of an augmented assignment."""
    node = getattr(node, "target", node)  # x += 1
    owner = getattr(node, "value", None)  # x.attr = v, x[i] = v
    return source.code(owner if owner is not None and not isinstance(owner, str) else node)


# what a cast or move after a factory sets, as the factory's own keyword
_MOVES = {"cuda": ("device", '"cuda"'), "cpu": ("device", '"cpu"'), "double": ("dtype", "torch.float64"),
          "float": ("dtype", "torch.float32"), "half": ("dtype", "torch.float16"),
          "bfloat16": ("dtype", "torch.bfloat16")}
_DTYPE_NAMES = frozenset({"float64", "double", "float32", "float", "float16", "half", "bfloat16", "complex64",
                          "complex128", "cfloat", "cdouble"})


def moved_factory(node: Any, code_of) -> Optional[str]:
    """For `torch.zeros(3, requires_grad=True).to(dev)` (or `.cuda()`, `.double()`...):
    the same tensor made as a leaf, `torch.zeros(3, requires_grad=True, device=dev)`;
    None for anything else. `code_of(node)` gives a node's exact code."""
    import libcst as cst

    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and not node.lpar):
        return None
    factory, method = node.func.value, node.func.attr.value
    if not (isinstance(factory, cst.Call) and not factory.lpar and any(
            a.keyword is not None and a.keyword.value == "requires_grad" for a in factory.args)):
        return None
    if method in _MOVES and not node.args:
        added = [_MOVES[method]]
    elif method == "to":
        added = [_to_argument(a, code_of) for a in node.args]
        if not added or None in added:
            return None
    else:
        return None
    given = {a.keyword.value for a in factory.args if a.keyword is not None}
    code = code_of(factory)
    if "#" in code or any(name in given for name, _ in added) or not code.endswith(")"):
        return None  # a comment inside the call, or the factory sets it already: the user's call
    head = code[:-1].rstrip()
    joint = " " if head.endswith((",", "(")) else ", "
    return head + joint + ", ".join(f"{name}={value}" for name, value in added) + ")"


def _to_argument(arg: Any, code_of) -> Optional[tuple]:
    """(keyword, code) of one argument of `.to(...)`: a device or a dtype, when the code
    says which (`"cuda"`, `torch.device(...)`, `torch.float64`, `device=d`)."""
    import libcst as cst

    value = arg.value
    if arg.keyword is not None:
        return (arg.keyword.value, code_of(value)) if arg.keyword.value in ("device", "dtype") else None
    if isinstance(value, cst.SimpleString):
        return "device", code_of(value)
    if isinstance(value, cst.Call) and code_of(value.func) == "torch.device":
        return "device", code_of(value)
    if isinstance(value, cst.Attribute) and code_of(value.value) == "torch" and value.attr.value in _DTYPE_NAMES:
        return "dtype", code_of(value)
    return None



def forward_self(function: Any) -> Optional[str]:
    """The first parameter of a `def forward(self, ...)`; None for another function."""
    import libcst as cst

    if not isinstance(function, cst.FunctionDef) or function.name.value != "forward":
        return None
    params = list(function.params.posonly_params) + list(function.params.params)
    return params[0].name.value if params else None


def mentions(function: Any, name: str) -> bool:
    """Does the function's code use `name` as a variable or an attribute's name?"""
    import libcst as cst

    from .syntax import walk

    if function is None:
        return False
    nodes = list(walk(function, into_scopes=True))
    keywords = {id(n.keyword) for n in nodes if isinstance(n, cst.Arg) and n.keyword is not None}
    return any(isinstance(n, cst.Name) and n.value == name and id(n) not in keywords for n in nodes)


def guard_names(node: Any, parents: dict) -> set:
    """The plain names (not attributes: `flag`, not `self.flag`) read by the tests of the
    `if`s, `while`s and conditional expressions that decide whether `node` runs, up to
    its function."""
    import libcst as cst

    from .syntax import walk

    names: set = set()
    child, parent = node, parents.get(node)
    while parent is not None and not isinstance(parent, (cst.FunctionDef, cst.Lambda)):
        test = getattr(parent, "test", None) if isinstance(parent, (cst.If, cst.While, cst.IfExp)) else None
        if test is not None and child is not test:
            nodes = (test, *walk(test))
            # an attribute's name and its object (`p` and `self` of `self.p`) are no plain names
            parts = {id(part) for n in nodes if isinstance(n, cst.Attribute) for part in (n.attr, n.value)}
            names |= {n.value for n in nodes if isinstance(n, cst.Name) and id(n) not in parts
                      and n.value not in _CONSTANTS}
        child, parent = parent, parents.get(parent)
    return names


_CONSTANTS = frozenset(("True", "False", "None"))  # names to libcst


def softmax_input(node: Any) -> Any:
    """The input expression of a softmax call written as `F.softmax(z, ...)`,
    `torch.softmax(z, ...)` or `z.softmax(...)`; None for anything else."""
    import libcst as cst

    if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute) or node.func.attr.value != "softmax":
        return None
    owner = node.func.value
    if isinstance(owner, cst.Name) and owner.value in ("F", "torch", "functional") or \
            isinstance(owner, cst.Attribute) and owner.attr.value == "functional":  # `nn.functional.softmax(z)`
        positional = [a for a in node.args if a.keyword is None]
        given = positional[0].value if positional else next(
            (a.value for a in node.args if a.keyword is not None and a.keyword.value == "input"), None)
        return given
    return owner
