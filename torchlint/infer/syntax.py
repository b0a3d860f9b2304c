"""Structural facts about a module's functions and classes, from fast walks.

libcst's visitors rebuild every node they pass, which costs far more than the
questions asked here; these walks only read the dataclass fields of each node.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, Iterator, Optional

import libcst as cst

from .text_scan import called_names, used_names  # noqa: F401  (re-exported: syntax.used_names)

_FIELDS: dict = {}  # node type -> names of its fields that can hold nodes
_IS_NODE: dict = {}  # type -> is it a libcst node (isinstance on libcst's ABCs is slow)
_SCOPES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)
_ASSIGNMENTS = (cst.AssignTarget, cst.AugAssign, cst.AnnAssign)
_BINDERS = (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.For, cst.NamedExpr)


def _child_fields(kind: type) -> tuple:
    names = _FIELDS.get(kind)
    if names is None:
        names = tuple(f.name for f in dataclasses.fields(kind)
                      if not f.name.startswith(("whitespace", "lpar", "rpar", "comma", "semicolon")))
        _FIELDS[kind] = names
    return names


def _is_node(kind: type) -> bool:
    known = _IS_NODE.get(kind)
    if known is None:
        known = _IS_NODE[kind] = issubclass(kind, cst.CSTNode)
    return known


def node_kind(kind: type) -> str:
    """"expression", "scope" (a lambda or a block: not entered), or "other"."""
    known = _KINDS.get(kind)
    if known is None:
        if issubclass(kind, (cst.Lambda, cst.BaseSuite)):
            known = "scope"
        elif issubclass(kind, cst.BaseExpression):
            known = "expression"
        else:
            known = "other"
        _KINDS[kind] = known
    return known


_KINDS: dict = {}
# calls that ask what kind of value their first argument is
_TYPE_TESTS = frozenset(("isinstance", "type", "is_tensor", "hasattr", "callable", "getattr"))


def children(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    for name in _child_fields(type(node)):
        value = getattr(node, name)
        kind = type(value)
        if kind is tuple or kind is list:
            for child in value:
                if _is_node(type(child)):
                    yield child
        elif _is_node(kind):
            yield value


def walk(node: cst.CSTNode, into_scopes: bool = False) -> Iterator[cst.CSTNode]:
    """Every node under `node` (itself excluded), without entering nested
    functions, classes and lambdas unless asked."""
    # `children` inlined: this loop runs for every node of every function checked
    fields, is_node, scopes = _FIELDS, _IS_NODE, () if into_scopes else _SCOPES
    stack = [node]
    while stack:
        parent = stack.pop()
        names = fields.get(type(parent))
        if names is None:
            names = _child_fields(type(parent))
        for name in names:
            value = getattr(parent, name)
            kind = type(value)
            if kind is tuple or kind is list:
                for child in value:
                    child_kind = type(child)
                    known = is_node.get(child_kind)
                    if known is None:
                        known = _is_node(child_kind)
                    if known:
                        yield child
                        if child_kind not in scopes:
                            stack.append(child)
            else:
                known = is_node.get(kind)
                if known is None:
                    known = _is_node(kind)
                if known:
                    yield value
                    if kind not in scopes:
                        stack.append(value)


def enclosing(node, parents: dict, kinds: tuple):
    """The nearest node above `node` (itself excluded) of one of `kinds`, by the
    parent map (SourceView.parents()); None when there is none."""
    node = parents.get(node)
    while node is not None and not isinstance(node, kinds):
        node = parents.get(node)
    return node


def _statement_holder(kind: type) -> bool:
    known = _HOLDS_STATEMENTS.get(kind)
    if known is None:
        known = _HOLDS_STATEMENTS[kind] = issubclass(kind, _STATEMENT_KINDS)
    return known


_HOLDS_STATEMENTS: dict = {}
_STATEMENT_KINDS = (cst.BaseSuite, cst.BaseStatement, cst.BaseSmallStatement, cst.Else, cst.Finally,
                    cst.ExceptHandler, cst.ExceptStarHandler, cst.MatchCase, cst.Module)


class ModuleFacts:
    """Facts about every function and class of a module, from one walk over
    its statements (expressions are entered only to look for `yield`, and only
    when the text holds that word).

    `generators`: the FunctionDefs that hold a `yield` of their own.
    `volatile[class]`: attributes that the class's methods other than
    `__init__` assign (`self.x = ...`, nested functions included), so their
    value after `__init__` is not to be trusted.
    """

    def __init__(self, module: cst.Module, text: str = None) -> None:
        self.text = text
        self.module = module
        self._escaped: Optional[frozenset] = None  # escaped_functions(), once asked
        self._calls = None  # name -> calls of it in the text, definitions not counted
        self._methods: dict = {}  # FunctionDef -> methods_called_on
        self._bindings = None  # function node -> (names it binds, names it may bind again)
        self.generators: set = set()
        self.volatile: dict = {}
        self._changed: Optional[set] = _NOT_READ  # changed_containers(); None: every name
        may_yield = text is None or "yield" in text
        # (node, innermost function, classes whose non-__init__ method encloses it,
        #  the class whose body holds it outside any function)
        stack: list = [(module, None, (), None)]
        while stack:
            node, function, classes, own_class = stack.pop()
            for child in children(node):
                kind = type(child)
                if not _statement_holder(kind):
                    continue
                inner = (child, function, classes, own_class)
                if kind is cst.FunctionDef:
                    in_method = own_class is not None and child.name.value != "__init__"
                    inner = (child, child, classes + (own_class,) if in_method else classes, None)
                elif kind is cst.ClassDef:
                    self.volatile[child] = set()
                    inner = (child, function, classes, child)
                elif isinstance(child, cst.BaseSmallStatement):
                    if kind is cst.Assign:
                        for target in child.targets:
                            self._assigned(target.target, classes)
                    elif kind in (cst.AugAssign, cst.AnnAssign):
                        self._assigned(child.target, classes)
                    if may_yield and function is not None and function not in self.generators and any(
                            type(n) is cst.Yield for n in walk(child)):
                        self.generators.add(function)
                    continue
                elif may_yield and function is not None and function not in self.generators and \
                        self._header_yields(child):
                    self.generators.add(function)
                stack.append(inner)

    @staticmethod
    def _header_yields(statement) -> bool:
        """A yield in a compound statement's own expressions: `if (yield):`, `for x in (yield)`."""
        for part in children(statement):
            if not _statement_holder(type(part)):
                if type(part) is cst.Yield or any(type(n) is cst.Yield for n in walk(part)):
                    return True
        return False

    def _assigned(self, target, classes: tuple) -> None:
        for cls in classes:
            _collect_self_attrs(target, self.volatile[cls])

    def called_by_name(self, name: str) -> bool:
        """Does the file call something of this name (`name(`, `obj.name(`) outside its
        definitions? True when the text is not at hand: then it may."""
        if self.text is None:
            return True
        if self._calls is None:
            self._calls = called_names(self.text)
        return self._calls[name] > 0

    def escaped_functions(self) -> frozenset:
        """Names the file uses as values, where code it does not show may call them: a
        function stored (`{"Linear": shrink}`, `handlers.append(self.on_step)`), passed
        to a call (`pool.map(work, xs)`), returned, or called inside a lambda (`lambda m:
        shrink(m)`), whose callers are unseen. Not a call by name, a definition, `fn.attr`,
        a decorator, nor a function given to torch (`model.apply(init)`, a `register_*hook`
        of a module or tensor, a `torch.` function), which torch calls as it is known to."""
        if self._escaped is None:
            self._escaped = frozenset(_escaped_names(self.module))
        return self._escaped

    def changed_containers(self) -> frozenset:
        """Names of attributes whose items some code of the text changes in place
        (`self.blocks[-1] = ...`, `net.layers.append(...)`, `del model.head[0]`): a
        container read from such an attribute of a built object does not tell its items.
        Every name, when the text is not at hand."""
        if self._changed is _NOT_READ:
            self._changed = {a or b for a, b in _CHANGED_ITEMS.findall(self.text)} if self.text is not None else None
        return self._changed

    def absorb(self, other: "ModuleFacts", callers: bool = False) -> None:
        """Take in the facts of another module whose code this run interprets; `callers`:
        its calls count as calls of this module's functions."""
        self.generators |= other.generators
        self.volatile.update(other.volatile)
        mine, theirs = self.changed_containers(), other.changed_containers()
        self._changed = None if mine is None or theirs is None else mine | theirs
        if callers and self.text is not None and other.text is not None:
            self.called_by_name("")  # counted for both texts first
            other.called_by_name("")
            self._calls = self._calls + other._calls

    def methods_called_on(self, function: cst.FunctionDef) -> dict:
        """parameter -> {(method, number of positional arguments)} of the calls `name.method(...)`
        in the function's own body (nested functions and lambdas not entered), for the
        parameters the body never rebinds (a use after `x = ...` says nothing of the argument)
        and never tests (`isinstance(x, ...)`, `type(x)`: it takes more than one kind)."""
        found = self._methods.get(function)
        if found is None:
            found = self._methods[function] = {}
            tested, bound = set(), set()
            for node in walk(function.body):  # one walk: the calls, and what the body binds
                if type(node) is not cst.Call:
                    _add_bound_names(node, bound)
                    continue
                func = node.func
                if type(func) is cst.Attribute and type(func.value) is cst.Name:
                    positional = sum(1 for a in node.args if a.keyword is None and not a.star)
                    found.setdefault(func.value.value, set()).add((func.attr.value, positional))
                name = called_name(func)
                if name in _TYPE_TESTS and node.args and type(node.args[0].value) is cst.Name:
                    tested.add(node.args[0].value.value)
            for name in (bound | tested) & set(found):
                del found[name]
        return found

    def bindings(self, function) -> tuple:
        """(names a function or lambda binds, those it may bind more than once: at two
        places, in a loop, or from a nested scope by `nonlocal`), its parameters
        included; what a nested function reading them sees when it is called."""
        if self._bindings is None:
            self._bindings = {}
        found = self._bindings.get(function)
        if found is None:
            from collections import Counter

            params = function.params
            counts = Counter(p.name.value for p in list(params.posonly_params) + list(params.params)
                             + list(params.kwonly_params))
            for star in (params.star_arg, params.star_kwarg):
                if isinstance(star, cst.Param):
                    counts[star.name.value] += 1
            again = set()
            for n in walk(function.body):
                kind = type(n)
                if kind is cst.For or kind is cst.While:
                    again |= assigned_names(n.body)
                if kind is cst.Nonlocal:
                    again |= {item.name.value for item in n.names}
                elif kind in _SCOPES and kind is not cst.Lambda:
                    counts[n.name.value] += 1
                    again |= {item.name.value for d in walk(n, into_scopes=True) if type(d) is cst.Nonlocal
                              for item in d.names}
                elif kind in _BINDERS:
                    counts.update(target_names(n.target))
                elif kind is cst.AsName:
                    counts.update(target_names(n.name))
            found = (frozenset(counts) | again, frozenset(n for n, c in counts.items() if c > 1) | again)
            self._bindings[function] = found
        return found

    def volatile_attributes(self, cls: cst.ClassDef) -> frozenset:
        return frozenset(self.volatile.get(cls, ()))


def called_name(func: Any) -> str:
    """The last name of what a call calls: `backward` of `loss.backward`, `step` of `step`;
    "" for anything else (`fns[0]()`)."""
    return func.attr.value if type(func) is cst.Attribute else func.value if type(func) is cst.Name else ""


def calls_any(function: cst.FunctionDef, names: frozenset) -> bool:
    """Does the function's body call one of these names (`name(...)`, `x.name(...)`)?"""
    for node in walk(function.body, into_scopes=True):
        if type(node) is cst.Call:
            if called_name(node.func) in names:
                return True
    return False


def assigned_names(nodes) -> set:
    """Names a statement (or statements) may bind, as a loop body would rebind them."""
    names: set = set()
    for root in nodes if isinstance(nodes, (list, tuple)) else (nodes,):
        for n in _self_and_walk(root):
            _add_bound_names(n, names)
    return names


def _add_bound_names(node, names: set) -> None:
    """The names this one node binds in its scope, added to `names`."""
    kind = type(node)
    if kind in _BINDERS:
        names |= target_names(node.target)
    elif kind is cst.AsName:
        names |= target_names(node.name)
    elif kind is cst.FunctionDef or kind is cst.ClassDef:
        names.add(node.name.value)
    elif kind in _PATTERN_BINDERS:
        names |= pattern_names(node)


def pattern_names(pattern) -> set:
    """Names a `case` pattern binds: `case Point(x=px)`, `case [first, *rest]`, `case {**others}`."""
    names: set = set()
    for n in _self_and_walk(pattern):
        bound = n.rest if isinstance(n, cst.MatchMapping) else getattr(n, "name", None) \
            if isinstance(n, (cst.MatchAs, cst.MatchStar)) else None
        if isinstance(bound, cst.Name):
            names.add(bound.value)
    return names


_PATTERN_BINDERS = (cst.MatchAs, cst.MatchStar, cst.MatchMapping)


def _self_and_walk(root) -> Iterator[cst.CSTNode]:
    yield root
    if not isinstance(root, _SCOPES):
        yield from walk(root)


def target_names(target) -> set:
    if isinstance(target, cst.Name):
        return {target.value}
    if isinstance(target, (cst.Tuple, cst.List)):
        out: set = set()
        for element in target.elements:
            out |= target_names(element.value)
        return out
    if isinstance(target, cst.StarredElement):
        return target_names(target.value)
    return set()


_NOT_READ: Any = object()
# `.name[...] = v`, `.name[...] += v`, `.name.append(...)`, `.name += [...]`, `del x.name[...]`
_CHANGED_ITEMS = re.compile(
    r"\.(\w+)\s*(?:\[[^\]\n]*\]\s*(?:[-+*/|&]|//|\*\*|<<|>>)?=(?!=)"
    r"|\.(?:append|extend|insert|pop|remove|clear|update|setdefault|popitem|sort|reverse|add_module|"
    r"register_module)\s*\(|\s*(?:[-+|]=))"
    r"|\bdel\s+[\w.]*?\.(\w+)\s*\[")


def _collect_self_attrs(target, found: set) -> None:
    if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == "self":
        found.add(target.attr.value)
    elif isinstance(target, (cst.Tuple, cst.List)):
        for element in target.elements:
            _collect_self_attrs(element.value, found)


_NOT_ESCAPING = (cst.FunctionDef, cst.ClassDef, cst.Param, cst.AsName, cst.ImportAlias, cst.Decorator, cst.AssignTarget,
                 cst.Global, cst.Nonlocal, cst.NameItem, cst.Del)
# the methods of torch's modules and tensors that take a function and call it themselves
_TORCH_CALLERS = re.compile(r"apply|register_\w*hooks?")


def _escaped_names(module: cst.Module) -> set:
    """ModuleFacts.escaped_functions, from one walk of the module (each node with its
    parent, grandparent and great-grandparent: what a name is used as)."""
    found: set = set()
    fields, is_node = _FIELDS, _IS_NODE
    stack: list = [(module, None, None, None, False)]  # (node, parent, grandparent, its parent, inside a lambda)
    while stack:
        node, parent, grand, great, in_lambda = stack.pop()
        kind = type(node)
        if kind is cst.Name:
            used, holder, above = (parent, grand, great) if type(parent) is cst.Attribute and parent.attr is node \
                else (node, parent, grand)
            if parent is None or type(parent) is cst.Attribute and parent.value is node:
                pass  # `fn.__name__`: read, not handed on
            elif type(holder) is cst.Call and holder.func is used:
                if in_lambda:
                    found.add(node.value)  # called by a lambda, which code the file does not show may call
            elif type(parent) is cst.Arg and parent.keyword is node:
                pass  # `f(name=...)`
            elif isinstance(holder, _NOT_ESCAPING) or type(holder) in (cst.For, cst.CompFor) and \
                    holder.target is used:
                pass  # a definition, or a binding of the name
            elif not (type(holder) is cst.Arg and _given_to_torch(above)):
                found.add(node.value)
            continue  # a name has no child nodes
        inside = in_lambda
        if kind is cst.Lambda and not in_lambda:  # a lambda torch is given runs as torch runs it
            inside = not (type(parent) is cst.Arg and _given_to_torch(grand))
        names = fields.get(kind)
        if names is None:
            names = _child_fields(kind)
        for name in names:
            value = getattr(node, name)
            if type(value) is tuple or type(value) is list:
                for child in value:
                    known = is_node.get(type(child))
                    if known is None:
                        known = _is_node(type(child))
                    if known:
                        stack.append((child, node, parent, grand, inside))
            else:
                known = is_node.get(type(value))
                if known is None:
                    known = _is_node(type(value))
                if known:
                    stack.append((value, node, parent, grand, inside))
    return found


def _given_to_torch(call) -> bool:
    """A call of torch that runs the function it is given as torch is known to:
    `model.apply(fn)`, `layer.register_forward_hook(fn)`, `torch.<...>(fn, ...)`."""
    if not isinstance(call, cst.Call):
        return False
    func = call.func
    if isinstance(func, cst.Attribute) and _TORCH_CALLERS.fullmatch(func.attr.value):
        return True
    while isinstance(func, cst.Attribute):
        func = func.value
    return isinstance(func, cst.Name) and func.value == "torch"
