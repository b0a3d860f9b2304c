"""A call whose result is thrown away: a whole expression statement (`x.to(device)`),
the later read of its receiver that still sees the old value, and whether binding
the result back to the receiver's name keeps the name in its scope."""

from __future__ import annotations

from typing import Any, Optional

import libcst as cst

from .syntax import assigned_names, children, enclosing, target_names

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
    if not isinstance(node, cst.FunctionDef):
        return False
    params = node.params
    names = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}
    for star in (params.star_arg, params.star_kwarg):
        if isinstance(star, cst.Param):
            names.add(star.name.value)
    if _declared(name, node.body):
        return False
    return name in names or name in assigned_names(node.body)


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
