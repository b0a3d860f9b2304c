"""Autograd facts that follow a tensor through aliasing: views and their base.

A view (`x.t()`, `x[0]`, `x.view(-1)`) shares its base's memory and follows the
base's requires-grad, unless it was made in grad mode from a tensor that
requires grad (then it has a graph of its own). An in-place op on a view that
makes it require grad makes its base, and the base's other views, require grad.
These functions apply such changes to every name of a `State` bound to the
changed object.
"""

from __future__ import annotations

from typing import Optional

from ..state import State
from ..values import (
    COPY, MAYBE, MAYBE_VIEW, NO, NUMBER, VIEW, YES, Const, Instance, Origin, Pieces, Seq, SymInt, Tensor, Tri,
    Value, dtype_kind, is_leaf,
)
from .ops.base import as_bool


def rebind(state: State, old: Value, new: Value) -> None:
    """An object changed in place: every name bound to it sees the change, and an
    attribute of an object that holds it (`layer.weight`) may see it."""
    state.replace(old, new)
    if isinstance(old, Tensor):
        _weakly_update_attributes(state, old, new)
    if isinstance(old, Tensor) and old.view_base is None:
        # its views now hang off the changed tensor
        for value in state.distinct_values():
            if isinstance(value, Tensor) and value.view_base is old:
                state.replace(value, value.with_(view_base=new))


def changed(state: State, old: Value, new: Value, in_place: Optional[bool]) -> None:
    """A tensor changed in place (`in_place`), had requires_grad set (not in place),
    or either (None): views follow their base's requires_grad, and an in-place op
    that makes a view require grad makes its base and the base's views do too."""
    rebind(state, old, new)
    if not isinstance(old, Tensor) or not isinstance(new, Tensor) or old.requires_grad is new.requires_grad:
        return
    flag = new.requires_grad
    if not isinstance(old.view_base, Tensor):
        for view in _views(state, new):
            target = flag.either(view.view_graph)  # a view with a graph of its own keeps requiring grad
            _set_flag(state, view, target if view.view_known else view.requires_grad.join(target), new)
    elif flag is YES and in_place is not False:
        base = new.view_base
        certain = in_place is True and new.view_known
        for member in [base] + [v for v in _views(state, base) if v is not new]:
            sure = certain and (member is base or member.view_known)
            _set_flag(state, member, YES if sure else member.requires_grad.join(YES), new)


def set_requires_grad(state: State, tensor: Tensor, flag: Tri, node) -> Tensor:
    """`t.requires_grad_(flag)` / `t.requires_grad = flag`: the tensor and its aliases."""
    if flag is YES and dtype_kind(tensor.dtype) in ("int", "bool"):
        flag = MAYBE  # torch raises here (TL007): nothing after it is known to run
    if tensor.is_param_of is not None:
        tensor.is_param_of.params_require_grad = tensor.is_param_of.params_require_grad.join(flag)
    origin = Origin(node, "requires_grad") if flag is YES else None
    if flag is not YES and isinstance(tensor.view_base, Tensor):
        # a view requires grad while its base does, whatever its own flag says
        base = tensor.view_base
        flag = flag.either(base.requires_grad) if tensor.view_known else flag.either(base.requires_grad).join(flag)
        origin = (tensor.grad_origin or base.grad_origin) if flag is YES else None
    # a tensor that did not require grad was a leaf, and stays one
    leaf = YES if tensor.requires_grad is NO else tensor.leaf
    updated = tensor.with_(requires_grad=flag, grad_origin=origin, leaf=leaf)
    if flag is YES and isinstance(tensor.view_base, Tensor):
        updated = updated.with_(view_graph=YES)  # its own flag: it no longer follows its base
    changed(state, tensor, updated, in_place=False)
    return updated


def detached_in_place(state: State, tensor: Tensor) -> Tensor:
    """`t.detach_()`: t itself leaves the graph, a leaf that requires no grad (torch
    refuses it on a view, which is not followed here). Writes into it later are not
    writes into a leaf that requires grad."""
    if tensor.is_param_of is not None:
        tensor.is_param_of.params_require_grad = tensor.is_param_of.params_require_grad.join(NO)
    updated = tensor.with_(requires_grad=NO, grad_origin=None, leaf=YES)
    changed(state, tensor, updated, in_place=False)
    return updated


def linked(name: str, source: Value, result: Value, grad: Tri, views: frozenset, node=None,
           fresh: frozenset = frozenset()) -> Value:
    """The result of op `name` on `source` (in grad mode `grad`), linked to source's base
    when it is a view of it: as the transfer function says (`Tensor.link`), else
    as the table says (`views`, the names of ops that return views). Its leaf-ness
    is an op's result's (`op_result`), but for `fresh`, the ops that make new leaves."""
    if isinstance(result, Seq):
        return Seq(tuple(linked(name, source, item, grad, views, node, fresh) for item in result.items),
                   result.kind)
    if isinstance(result, Pieces):
        return Pieces(linked(name, source, result.first, grad, views, node, fresh),
                      linked(name, source, result.last, grad, views, node, fresh))
    if not isinstance(result, Tensor) or not isinstance(source, Tensor) or result is source:
        return result
    hint = result.link
    if name not in fresh:
        # flatten() of a tensor of one dimension returns the tensor itself
        itself = hint is MAYBE_VIEW or name == "flatten" and (source.shape is None or len(source.shape) <= 1)
        result = op_result(result, grad, node, maybe_itself=itself, source=source)
    if hint is VIEW or hint is MAYBE_VIEW:
        kind = hint
    elif hint is COPY:
        kind = None
    else:
        kind = VIEW if name in views else None
    if hint is not None:
        result = result.with_(link=None)
    if kind is None:
        return result.with_(view_base=None) if result.view_base is not None else result
    base = source.view_base if isinstance(source.view_base, Tensor) else source
    known = kind is VIEW and (base is source or source.view_known)
    # a view made in grad mode of a tensor that requires grad has a graph of its own
    graph = YES if source.requires_grad is YES and grad is YES else (
        NO if NO in (source.requires_grad, grad) else MAYBE)
    if grad is not YES:
        # without a graph of its own, a view requires grad as the base of all the views does
        # (not as `source`, a view that may require grad by a flag or a graph of its own)
        follows = base.requires_grad if known or base is source else base.requires_grad.join(source.requires_grad)
        flag = follows if grad is NO and kind is VIEW else result.requires_grad.join(follows)
        if flag is not result.requires_grad:
            origin = (result.grad_origin or base.grad_origin) if flag is YES else None
            result = result.with_(requires_grad=flag, grad_origin=origin)
    return result.with_(view_base=base, view_known=known, view_graph=graph)


def op_result(result: Tensor, grad: Tri, node, maybe_itself: bool = False, source: Optional[Tensor] = None) -> Tensor:
    """An op's result is not a leaf when it requires grad and was made in grad mode (it has
    a grad_fn); one made otherwise, or that may be the input itself, is not known to be one,
    unless that input is no leaf either (`x.flatten()` of a 1-d non-leaf: itself or a copy,
    a non-leaf both ways, since the line that made `x` one)."""
    if result.requires_grad is YES and grad is YES and not maybe_itself:
        return result.with_(leaf=NO, leaf_origin=Origin(node, "op") if node is not None else result.leaf_origin,
                            retains_grad=NO)
    if maybe_itself:
        if source is not None and source.leaf is NO and result.requires_grad is YES and grad is YES:
            return result.with_(leaf=NO, leaf_origin=source.leaf_origin,
                                retains_grad=NO if source.retains_grad is NO else MAYBE)
        return result.with_(leaf=MAYBE, leaf_origin=None)
    return result.with_(leaf=MAYBE, leaf_origin=None, retains_grad=NO)


def graph_cut(result: Value, inputs: list, grad: Tri, node, name: str = "") -> Value:
    """An op's result that does not require grad though an input does (an integer or bool
    result, grad mode off, `.detach()`), or that is computed only from such results: where
    the graph was cut (`cut_origin`), for a backward() through it."""
    if isinstance(result, Seq):
        return Seq(tuple(graph_cut(item, inputs, grad, node, name) for item in result.items), result.kind)
    if not isinstance(result, Tensor) or result.requires_grad is not NO:
        return result
    tensors = [t for t in inputs if isinstance(t, Tensor)]
    if any(t.requires_grad is not NO for t in tensors):
        what = None
        if any(t.requires_grad is YES for t in tensors) and node is not None:
            if name in ("detach", "data"):
                what = "detach"
            elif dtype_kind(result.dtype) in ("int", "bool") and grad is not MAYBE:
                what = "integer"  # cut in any grad mode
            elif grad is NO:
                what = "no_grad"
        return result.with_(cut_origin=Origin(node, what) if what else None)
    inherited = next((t.cut_origin for t in tensors if t.cut_origin is not None), None)
    return result.with_(cut_origin=inherited) if inherited is not result.cut_origin else result


def gained_grad(old: Tensor, new: Tensor, node=None) -> Tensor:
    """`new` is `old` changed in place by an op: a tensor that did not require grad and now
    does has a grad_fn (CopySlices, AddBackward...), so it is no longer a leaf."""
    if old.requires_grad is NO and new.requires_grad is YES:
        # retain_grad() on a tensor that did not require grad raises: it cannot retain
        return new.with_(leaf=NO, leaf_origin=Origin(node, "op") if node is not None else None, retains_grad=NO)
    if old.requires_grad is not YES and new.requires_grad is not NO:
        return new.with_(leaf=MAYBE, leaf_origin=None)
    return new


def _weakly_update_attributes(state: State, old: Tensor, new: Tensor) -> None:
    """An instance's attributes are one table for every path: a change made on this path
    is joined with the value they had, not put in its place."""
    seen, pending = set(), [v for v in state.distinct_values() if isinstance(v, Instance)]
    while pending:
        instance = pending.pop()
        if id(instance) in seen:
            continue
        seen.add(id(instance))
        for key, value in list(instance.attrs.items()):
            if value is old:
                instance.attrs[key] = old.join(new)
            elif isinstance(value, Instance):
                pending.append(value)


def _views(state: State, base: Tensor) -> list:
    return [v for v in state.distinct_values() if isinstance(v, Tensor) and v.view_base is base]


def _set_flag(state: State, tensor: Tensor, flag: Tri, cause: Tensor) -> None:
    if tensor.requires_grad is flag:
        return
    origin = (tensor.grad_origin or cause.grad_origin) if flag is YES else None
    # through an alias: whether it has a grad_fn of its own is not told
    state.replace(tensor, tensor.with_(requires_grad=flag, grad_origin=origin, leaf=MAYBE, leaf_origin=None))


# ---------------------------------------------------------------- assignments to a tensor

def attribute_assigned(state: State, tensor: Tensor, name: str, value: Value, node) -> None:
    """`t.requires_grad = flag`; `t.data = other` (the tensor takes other's data: its
    shape, layout and dtype are no longer known)."""
    if name == "requires_grad":
        set_requires_grad(state, tensor, Tri.of(as_bool(value)), node)
    elif name == "data":
        rebind(state, tensor, tensor.with_(shape=None, strides=None, contiguous=MAYBE, dtype=None))


def item_assigned(state: State, tensor: Tensor, value: Value, node=None) -> None:
    """`t[i] = v` writes in place: t requires grad if v does (in grad mode)."""
    incoming = value.requires_grad if isinstance(value, Tensor) else (
        NO if isinstance(value, (Const, SymInt)) or value is NUMBER else MAYBE)
    flag = tensor.requires_grad.either(incoming) if state.grad is YES else (
        tensor.requires_grad if state.grad is NO else tensor.requires_grad.either(MAYBE))
    changed(state, tensor, gained_grad(tensor, tensor.with_(requires_grad=flag), node), in_place=True)


def updated_in_place(tensor: Tensor, result: Value, node=None) -> Tensor:
    """`t += v`: t keeps its layout; it requires grad if the result of `t + v` does."""
    flag = result.requires_grad if isinstance(result, Tensor) else MAYBE
    updated = tensor.with_(requires_grad=tensor.requires_grad.either(flag) if flag is not NO else tensor.requires_grad)
    return gained_grad(tensor, updated, node)


def carried_non_leaf(entry: State, back: list) -> None:
    """At a loop's head: a name that every round ends bound to a tensor computed from one
    that requires grad (a non-leaf: `x = x + step * grad`) starts each later round with a
    non-leaf, whatever it was before the loop (the first round starts from that value): what
    only a leaf allows fails there from the second round on."""
    ends = [s for s in back if s is not None]
    if not ends:
        return
    for name, value in list(entry.names.items()):
        if not isinstance(value, Tensor) or is_leaf(value) is not MAYBE:
            continue
        at_ends = [end.names.get(name) for end in ends]
        if not all(isinstance(v, Tensor) and v is not value and v.requires_grad is YES and is_leaf(v) is NO
                   for v in at_ends):
            continue
        origins = {id(v.leaf_origin.node) if v.leaf_origin is not None else None for v in at_ends}
        origin = at_ends[0].leaf_origin if len(origins) == 1 and None not in origins else None
        grads = {id(v.grad_origin) for v in at_ends}
        entry.names[name] = value.with_(requires_grad=YES, leaf=NO, leaf_origin=origin,
                                        grad_origin=at_ends[0].grad_origin if len(grads) == 1 else None)
