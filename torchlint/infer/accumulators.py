"""A value summed into a name across the rounds of a loop (`total += loss`): is the
name an accumulator that outlives each round, and is it only read as a number?"""

from __future__ import annotations

from typing import Any, Optional

import libcst as cst

from .syntax import called_name, children, enclosing

_SCOPES = (cst.FunctionDef, cst.Lambda, cst.ClassDef)
_LOOPS = (cst.For, cst.While)
# uses of the sum that need its graph: a backward through it, or handing it on
_GRAPH_USES = ("backward", "grad")


def loop_accumulator(statement: Any, parents: dict) -> Optional[cst.CSTNode]:
    """For `name += value` inside a loop of its scope, where nothing in that loop binds
    the name otherwise (it carries over from round to round): the loop; else None."""
    target = getattr(statement, "target", None)
    if not isinstance(target, cst.Name):
        return None
    loop = enclosing(statement, parents, (*_SCOPES, cst.Module, *_LOOPS))
    if not isinstance(loop, _LOOPS) or _rebinds(target.value, loop.body):
        return None
    return loop


def _rebinds(name: str, node: Any) -> bool:
    """Is `name` bound by something other than an augmented assignment under node?"""
    if isinstance(node, (cst.Assign, cst.AnnAssign)):
        targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
        if any(_names(t, name) for t in targets):
            return True
    if isinstance(node, cst.For) and _names(node.target, name):
        return True
    return any(_rebinds(name, child) for child in children(node) if not isinstance(child, _SCOPES))


def _names(target: Any, name: str) -> bool:
    if isinstance(target, cst.Name):
        return target.value == name
    return any(_names(child, name) for child in children(target))


def runs_backward(loop: Any, helpers: frozenset = frozenset()) -> bool:
    """Does the loop's body run a backward (or autograd.grad) of anything: a training
    loop, whose every round's graph is freed by its backward unless something keeps it?
    A call of one of `helpers` (`train_step(...)`, `self.training_step(...)`: functions
    of the file whose body runs one) counts too."""
    return _graph_use("", loop, returns=False, any_backward=True) or bool(helpers) and _calls(loop, helpers)


def backward_helpers(module: Any) -> frozenset:
    """The names of the file's functions and methods whose body runs a backward (in
    itself or in a function nested in it)."""
    found = set()
    # one walk, each node with the names of the functions around it (each body was
    # walked again for every function around it: seconds on a large file)
    pending = [(module, ())]
    while pending:
        node, around = pending.pop()
        if isinstance(node, cst.FunctionDef):  # its body is its own; its decorators are not
            pending.extend((child, around) for child in children(node) if child is not node.body)
            pending.append((node.body, around + (node.name.value,)))
            continue
        if isinstance(node, cst.Call) and around and called_name(node.func) in _GRAPH_USES:
            found.update(around)
        pending.extend((child, around) for child in children(node))
    return frozenset(found)


def _calls(node: Any, names: frozenset) -> bool:
    if isinstance(node, cst.Call) and called_name(node.func) in names:
        return True
    return any(_calls(child, names) for child in children(node) if not isinstance(child, _SCOPES))


def needs_graph(name: str, statement: Any, loop: Any, parents: dict) -> bool:
    """Might the sum's graph be wanted: the scope runs a backward (or autograd.grad)
    through an expression that reads the name, or returns or yields it from a loop
    that runs no backward itself (a loss summed over parts, for the caller's backward)?"""
    scope = enclosing(statement, parents, (*_SCOPES, cst.Module))
    handed_on = not runs_backward(loop)
    return scope is not None and _graph_use(name, scope, handed_on)


def _graph_use(name: str, node: Any, returns: bool = True, any_backward: bool = False) -> bool:
    """A backward (of anything, with `any_backward`) or autograd.grad through the name,
    or (`returns`) a return or yield of it."""
    if returns and isinstance(node, (cst.Return, cst.Yield)) and node.value is not None and \
            _reads(name, node.value):
        return True
    if isinstance(node, cst.Call):
        func = node.func
        called = called_name(func)
        if called in _GRAPH_USES and (any_backward or _reads(name, node)
                                      or isinstance(func, cst.Attribute) and _reads(name, func)):
            return True
    return any(_graph_use(name, child, returns, any_backward) for child in children(node))


def _reads(name: str, node: Any) -> bool:
    if isinstance(node, cst.Name):
        return node.value == name
    return any(_reads(name, child) for child in children(node)
               if not (isinstance(node, cst.Attribute) and child is node.attr))


def starts_as_number(name: str, loop: Any, parents: dict) -> bool:
    """Is the name bound to a number literal (`total = 0.0`) right before the loop,
    in the statements of the loop's block?"""
    block = parents.get(loop)
    body = getattr(block, "body", None)
    if not isinstance(body, (tuple, list)) or loop not in body:
        return False
    for earlier in reversed(body[:body.index(loop)]):
        for small in getattr(earlier, "body", ()) if isinstance(earlier, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Assign) and any(_names(t.target, name) for t in small.targets):
                return isinstance(small.value, (cst.Integer, cst.Float))
        if _rebinds(name, earlier):
            return False
    return False
