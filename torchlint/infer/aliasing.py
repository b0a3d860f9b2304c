"""Is a value written in place after it is made? What decides whether a view may be
replaced by a copy (`.view` -> `.reshape`) without changing what the code does."""

from __future__ import annotations

from typing import Any

import libcst as cst

from .knowledge.table import in_place_method
from .syntax import called_name, enclosing, walk

_SCOPES = (cst.FunctionDef, cst.Lambda, cst.Module)


def result_written_in_place(name_node: Any, parents: dict) -> bool:
    """For the method name of `x.m(...)`: is the call's result written in place
    directly, or through the plain name it is assigned to anywhere in the enclosing
    scope (nested functions included), or kept where the uses cannot be followed?"""
    attribute = parents.get(name_node)
    call = parents.get(attribute)
    if not isinstance(call, cst.Call):
        return True  # not a method call as expected: claim nothing is safe
    holder = parents.get(call)
    if _writes_into(call, holder, parents):
        return True
    if isinstance(holder, cst.Assign) and holder.value is call:
        if len(holder.targets) != 1 or not isinstance(holder.targets[0].target, cst.Name):
            return True  # `self.buf = ...`, `a, b = ...`: its later uses are not followed here
        name = holder.targets[0].target.value
        scope = enclosing(holder, parents, _SCOPES)
        return scope is None or _name_written(name, scope, parents)
    return False


def _writes_into(value: Any, holder: Any, parents: dict) -> bool:
    """Does the expression `holder` (the parent of `value`) write into `value`?"""
    if isinstance(holder, cst.Attribute) and holder.value is value:
        call = parents.get(holder)
        return isinstance(call, cst.Call) and call.func is holder and in_place_method(holder.attr.value)
    if isinstance(holder, cst.Subscript) and holder.value is value:
        return isinstance(parents.get(holder), (cst.AssignTarget, cst.AugAssign))
    if isinstance(holder, cst.AugAssign) and holder.target is value:
        return True
    if isinstance(holder, cst.Arg):
        call = parents.get(holder)
        if isinstance(call, cst.Call):
            callee = called_name(call.func)
            keyword = holder.keyword.value if holder.keyword is not None else ""
            return in_place_method(callee) or keyword == "out" or any(
                a.keyword is not None and a.keyword.value == "inplace" for a in call.args)
    return False


def _name_written(name: str, scope: Any, parents: dict) -> bool:
    for node in walk(scope, into_scopes=True):
        if isinstance(node, cst.Name) and node.value == name and _writes_into(node, parents.get(node), parents):
            return True
    return False
