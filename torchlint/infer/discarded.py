"""A call whose result is thrown away: a whole expression statement (`x.to(device)`),
the later read of its receiver that still sees the old value, and whether binding
the result back to the receiver's name keeps the name in its scope."""

from __future__ import annotations

from typing import Any, Optional

import libcst as cst

from .syntax import assigned_names, children, enclosing, target_names, walk

_SCOPES = (cst.FunctionDef, cst.Lambda, cst.ClassDef, cst.Module)
_BINDERS = (cst.Assign, cst.AugAssign, cst.AnnAssign, cst.For, cst.With)


def statement_of(call: Any, parents: dict) -> Optional[cst.Expr]:
    """The expression statement that is exactly this call (its value thrown away), or None."""
    holder = parents.get(call)
    return holder if isinstance(holder, cst.Expr) and holder.value is call else None


def next_read(name: str, statement: cst.Expr, parents: dict) -> Optional[Any]:
    """The first read of `name` after `statement` in the statements that follow it in
    its block and in the enclosing blocks of its scope; None when the name is bound
    again first (or never read)."""
    node = statement
    while node is not None and not isinstance(node, _SCOPES):
        block = parents.get(node)
        body = getattr(block, "body", None)
        if isinstance(body, (tuple, list)) and node in body:
            for later in body[body.index(node) + 1:]:
                found = _read_in(name, later)
                if found is not None:
                    return found or None  # False: bound before any read
        node = block
    return None


def _read_in(name: str, statement: Any):
    """The first read of `name` in one statement (a Name node), False when the statement
    binds it before reading it, None when it does neither."""
    if isinstance(statement, cst.SimpleStatementLine):
        for small in statement.body:
            found = _read_in(name, small)
            if found is not None:
                return found
        return None
    if isinstance(statement, (cst.Assign, cst.AnnAssign)):  # the value is read before the target is bound
        value = statement.value
        read = _first_name(name, value) if value is not None else None
        if read is not None:
            return read
        targets = [t.target for t in statement.targets] if isinstance(statement, cst.Assign) else [statement.target]
        return False if any(name in target_names(t) for t in targets) else _first_name_in(name, targets)
    if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
        return False if statement.name.value == name else None
    read = _first_name(name, statement)
    if read is not None:
        return read
    return False if name in assigned_names(statement) else None


def _first_name_in(name: str, nodes: list):
    for node in nodes:
        found = _first_name(name, node)
        if found is not None:
            return found
    return None


def _first_name(name: str, node: Any):
    """The first Name `name` under node, in source order, outside nested scopes; None if none."""
    if isinstance(node, cst.Name):
        return node if node.value == name else None
    for child in children(node):
        if isinstance(child, _SCOPES) or isinstance(node, cst.Attribute) and child is node.attr:
            continue  # `y.x` reads y, not x; a nested function reads when it is called
        found = _first_name(name, child)
        if found is not None:
            return found
    return None


def binds_locally(name: str, statement: cst.Expr, parents: dict) -> bool:
    """Would `name = ...` at this statement bind the same variable the statement reads?
    True at module level and for a name the enclosing function already binds itself
    (a parameter or an assignment); False for a global or a closure variable, which
    the assignment would turn into an unbound local."""
    node = enclosing(statement, parents, _SCOPES)
    if isinstance(node, cst.Module):
        return True
    return isinstance(node, cst.FunctionDef) and _local(name, node)


def _declared(name: str, node: Any) -> bool:
    """A `global name` or `nonlocal name` in this function (not in nested ones)."""
    if isinstance(node, (cst.Global, cst.Nonlocal)):
        return any(item.name.value == name for item in node.names)
    return any(_declared(name, child) for child in children(node) if not isinstance(child, _SCOPES))


def is_statement(node: Any) -> bool:
    return isinstance(node, (cst.BaseSmallStatement, cst.BaseCompoundStatement))


def header(statement: Any) -> Any:
    """What to show of a statement: a compound one by its test or iterable, else itself."""
    for part in ("test", "iter", "items"):
        value = getattr(statement, part, None)
        if isinstance(value, cst.CSTNode):
            return value
        if isinstance(value, (tuple, list)) and value:
            return value[0]
    return statement


# callables whose result yields the very items of their arguments (or counts): iterating
# them is iterating those arguments
_WRAPPERS = frozenset({"enumerate", "zip", "reversed", "iter", "sorted", "list", "tuple", "range", "tqdm"})


def dies_unread(name: str, statement: cst.Expr, parents: dict) -> bool:
    """Is `name`, at `statement` (a conversion of it thrown away), a `for` loop's own
    variable that nothing can see again: in a function, the loop that binds it is the
    innermost around the statement, the name is not read after the statement before
    the next round binds it again (nor after the loop, nor by a nested function), the
    loop uses it only as `name.attr`, and the loop iterates a local container (through
    `enumerate`, `zip`...) that nothing reads after the loop and that is not an
    attribute of anything (`self.parameters()`, `self.cache`), whose items would live on."""
    scope = enclosing(statement, parents, _SCOPES)
    loop = enclosing(statement, parents, (cst.For, cst.While))
    if not isinstance(scope, cst.FunctionDef) or not isinstance(loop, cst.For) \
            or enclosing(loop, parents, _SCOPES) is not scope or name not in target_names(loop.target):
        return False
    if _declared(name, scope.body) or _nested_reads(name, scope) or next_read(name, statement, parents) is not None:
        return False
    for part in (loop.body, loop.orelse):
        if part is not None and not _only_attributes(name, part):
            return False
    node = statement
    while node is not loop:  # a handler or a finally of a try around it runs after it
        holder = parents.get(node)
        if isinstance(holder, (cst.Try, cst.TryStar)):
            after = (holder.finalbody, *holder.handlers, holder.orelse) if node is holder.body else (holder.finalbody,)
            if any(_first_name(name, part) is not None for part in after if part is not None):
                return False
        node = holder
    return not _read_by_outer_loop(name, loop, scope, parents) and _fresh_iteration(loop, scope, parents)


def _read_by_outer_loop(name: str, loop: cst.For, scope: cst.FunctionDef, parents: dict) -> bool:
    """Does a loop around `loop` (in its function) mention `name` outside `loop`: in its
    next round, before `loop` runs again?"""
    inner = _mentions(name, loop)
    outer = enclosing(loop, parents, (cst.For, cst.While, *_SCOPES))
    while isinstance(outer, (cst.For, cst.While)):
        if _mentions(name, outer) > inner:
            return True
        outer = enclosing(outer, parents, (cst.For, cst.While, *_SCOPES))
    return False


def _mentions(name: str, node: Any) -> int:
    return sum(1 for n in walk(node) if isinstance(n, cst.Name) and n.value == name)


def _only_attributes(name: str, node: Any) -> bool:
    """Every mention of `name` under node (outside nested scopes) is `name.attr`."""
    for child in walk(node):
        if isinstance(child, cst.Attribute) and isinstance(child.value, cst.Name):
            continue
        if any(isinstance(c, cst.Name) and c.value == name for c in children(child)):
            return False
    return True


def _nested_reads(name: str, scope: cst.FunctionDef) -> bool:
    """Does a function, lambda or class nested in `scope` mention `name`?"""
    return any(isinstance(node, _SCOPES) and any(isinstance(n, cst.Name) and n.value == name
                                                  for n in walk(node, into_scopes=True))
               for node in walk(scope.body))


def _fresh_iteration(loop: cst.For, scope: cst.FunctionDef, parents: dict) -> bool:
    """The loop iterates no attribute and only containers that are local to the function
    and not read after the loop (directly, or through `enumerate`, `zip`...)."""
    for node in (loop.iter, *walk(loop.iter)):
        if isinstance(node, cst.Attribute):
            return False
        if isinstance(node, cst.Call):
            if not (isinstance(node.func, cst.Name) and node.func.value in _WRAPPERS):
                return False
        elif isinstance(node, cst.Name):
            holder = parents.get(node)
            if isinstance(holder, cst.Call) and holder.func is node:
                continue  # a wrapper, checked above
            if not _local(node.value, scope) or _nested_reads(node.value, scope) \
                    or next_read(node.value, loop, parents) is not None or _for_else_reads(node.value, loop) \
                    or _read_by_outer_loop(node.value, loop, scope, parents):
                return False
    return True


def _for_else_reads(name: str, loop: cst.For) -> bool:
    return loop.orelse is not None and _first_name(name, loop.orelse) is not None


def _local(name: str, scope: cst.FunctionDef) -> bool:
    """A parameter of the function or a name it binds, not declared global or nonlocal."""
    params = scope.params
    names = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}
    for star in (params.star_arg, params.star_kwarg):
        if isinstance(star, cst.Param):
            names.add(star.name.value)
    return not _declared(name, scope.body) and (name in names or name in assigned_names(scope.body))
