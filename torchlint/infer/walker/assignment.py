"""Assignment: names, unpacking, attributes, items, and augmented assignment.

Python's binding rules live here; what an assignment does to a tensor (its
requires-grad, its aliases) is asked of the torch knowledge (`autograd`).
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from ..events import Kind
from ..knowledge.nn import is_container
from ..state import State
from ..values import (
    DICT_KEY_TYPES, UNKNOWN, Const, DictOf, Instance, Opaque, Pieces, Seq, SymInt, Tensor, TorchModule, Value,
    is_mutable_container, is_unknown,
)
from .frame import Frame, attr_key, forget_written, written_key
from .operators import AUG_OPS


class Assignments:
    """The assignment part of the interpreter (a mixin of `Interpreter`)."""

    def assign(self, target, value: Value, state: State, frame: Frame, source_expr) -> None:
        if isinstance(target, cst.Name):
            old = state.get(target.value)
            state.bind(target.value, value)
            if isinstance(value, (TorchModule, Instance)) and old is not value:
                self.torch.module_replaced(None, target.value, old, value, target, state,
                                           frame.function.node if frame.function is not None else None)
        elif isinstance(target, (cst.Tuple, cst.List)):
            elements = [e.value for e in target.elements]
            starred = any(isinstance(e, cst.StarredElement) for e in target.elements)
            items = None
            if isinstance(value, Seq) and len(value.items) == len(elements) and not starred:
                items = value.items
            elif isinstance(value, Pieces) and not starred:
                items = (value.first,) * (len(elements) - 1) + (value.last,)
            elif isinstance(value, Tensor) and not starred:
                items = self.torch.unpack(value, len(elements), target, state)
            elif not starred:
                items = self.refine_shape_unpacking(source_expr, elements, state, frame)
            for i, element in enumerate(elements):
                self.assign(element, items[i] if items is not None else UNKNOWN, state, frame, None)
        elif isinstance(target, cst.Attribute):
            self.assign_attribute(target, value, state, frame)
        elif isinstance(target, cst.Subscript):
            self.assign_subscript(target, value, state, frame)
        elif isinstance(target, cst.StarredElement):
            self.assign(target.value, UNKNOWN, state, frame, None)

    def refine_shape_unpacking(self, source_expr, elements, state: State, frame: Frame) -> Optional[tuple]:
        """`B, T, C = x.shape` on a tensor of unknown rank: now x has rank 3, sizes B, T, C."""
        if source_expr is None:
            return None
        holder = None
        if isinstance(source_expr, cst.Attribute) and source_expr.attr.value == "shape":
            holder = source_expr.value
        elif (isinstance(source_expr, cst.Call) and isinstance(source_expr.func, cst.Attribute)
              and source_expr.func.attr.value == "size" and not source_expr.args):
            holder = source_expr.func.value
        if not isinstance(holder, cst.Name):
            return None
        tensor = self.lookup(holder.value, state, frame)
        if is_unknown(tensor):
            # only a tensor answers `.size()` / `.shape` with its sizes; if this is
            # something else, the names are still just sizes nobody knows
            tensor = Tensor()
            state.bind(holder.value, tensor)
        if not isinstance(tensor, Tensor):
            return None
        names = [e.value if isinstance(e, cst.Name) else "dim" for e in elements]
        named = self.torch.with_named_sizes(tensor, names, state)
        return tuple(SymInt(d) for d in named.shape) if named is not None else None

    def assign_attribute(self, target: cst.Attribute, value: Value, state: State, frame: Frame) -> None:
        owner = self.eval(target.value, state, frame)
        name = target.attr.value
        self.emit(Kind.ATTR_ASSIGN, name, target, state.grad, target=owner, value=value)
        self.torch.assigned_through(target.value, name, state)
        self.set_attribute(owner, name, value, target, state, frame)

    def set_attribute(self, owner: Value, name: str, value: Value, node, state: State, frame: Frame) -> None:
        """`owner.name = value` (or `setattr(owner, "name", value)`, `node` the call)."""
        value = self.stored(value, None, state)  # the object may change it later
        if is_container(owner):
            self.forget_containers([owner], state)  # `setattr(seq, "1", layer)`
        constructing = any(owner is inst for inst in self.constructing)
        # (a layer its own __init__ puts on an object under construction replaces nothing an
        # optimizer could hold: recording it only made every constructor's paths heavier)
        if isinstance(value, (TorchModule, Instance)) and isinstance(owner, (Instance, TorchModule, Opaque)) \
                and not constructing:
            old = owner.attrs.get(name) if isinstance(owner, Instance) else owner.members.get(name) \
                if isinstance(owner, Opaque) else None
            self.torch.module_replaced(owner, name, old, value, node, state,
                                       frame.function.node if frame.function is not None else None)
        if isinstance(owner, Instance):
            if constructing:
                state.heap[attr_key(owner, name)] = value
            else:
                owner.attrs[name] = UNKNOWN
                # on this path, the attribute holds it from here on
                if self.tracks(owner, name, value):
                    state.heap[written_key(owner, name)] = value
                else:
                    forget_written(state, name, owner)
        elif isinstance(owner, Tensor):
            self.torch.attribute_assigned(owner, name, value, node, state)
        elif not isinstance(owner, (Const, Seq)):
            if isinstance(owner, TorchModule) and isinstance(value, Tensor):
                # `layer.weight = nn.Parameter(w, requires_grad=False)`: a parameter replaced
                self.torch.parameters_joined(owner, value)
            self.torch.requires_grad_unknown(name)
            forget_written(state, name)  # an object nobody knows may be one whose attribute is known

    def assign_subscript(self, target: cst.Subscript, value: Value, state: State, frame: Frame) -> None:
        owner = self.eval(target.value, state, frame)
        value = self.stored(value, None, state)  # `registry[k] = outs`: changed through either, later
        for element in target.slice:
            if isinstance(element.slice, cst.Index):
                self.eval(element.slice.value, state, frame)
        self.emit(Kind.ITEM_ASSIGN, "__setitem__", target, state.grad, target=owner, value=value)
        self.torch.assigned_through(target.value, None, state)
        if isinstance(owner, Tensor):
            self.torch.item_assigned(owner, value, state, target)
        elif isinstance(owner, Seq):
            self.container_changed(state, owner, UNKNOWN)
        elif isinstance(owner, DictOf):
            index = self.eval(target.slice[0].slice.value, state, frame) \
                if len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index) else None
            known = isinstance(index, Const) and type(index.value) in DICT_KEY_TYPES
            self.container_changed(state, owner, owner.with_entry(index.value, value) if known else UNKNOWN)
        elif is_container(owner):
            if isinstance(value, (TorchModule, Instance)):
                # `model[2] = nn.Linear(...)` puts a new layer into the container
                self.torch.module_replaced(owner, "[]", None, value, target, state,
                                           frame.function.node if frame.function is not None else None)
            self.forget_containers([owner], state)  # which layer is where: not followed

    def aug_assign(self, stmt: cst.AugAssign, state: State, frame: Frame) -> State:
        left = self.eval(stmt.target, state, frame)
        right = self.eval(stmt.value, state, frame)
        op = AUG_OPS.get(type(stmt.operator).__name__)
        self.emit(Kind.AUG_ASSIGN, op or "", stmt, state.grad, target=left, value=right)
        if isinstance(left, Tensor):
            result = self.binary(op, left, right, stmt, state, frame)
            updated = self.torch.augmented(left, result, state,
                                           stmt.target.value if isinstance(stmt.target, cst.Name) else None, stmt)
            if isinstance(stmt.target, cst.Attribute):
                # `self.total += loss` stores the changed tensor back: `setattr(self, "total", ...)`
                owner = self.eval(stmt.target.value, state, frame)
                if isinstance(owner, Instance):
                    self.set_attribute(owner, stmt.target.attr.value, updated, stmt.target, state, frame)
            if isinstance(stmt.target, cst.Subscript):
                # Python stores the changed item back: `w[:, i] -= d` ends in `w.__setitem__(...)`
                owner = self.eval(stmt.target.value, state, frame)
                self.emit(Kind.ITEM_ASSIGN, "__setitem__", stmt.target, state.grad, target=owner, value=updated)
                if isinstance(owner, Tensor):
                    self.torch.item_assigned(owner, updated, state, stmt.target)
            return state
        value = self.binary(op, left, right, stmt, state, frame) if op else UNKNOWN
        if is_mutable_container(left):  # `outs += [y]`, `d |= more`: changed in place, for every name of it
            self.container_changed(state, left, value)
        elif is_container(left):
            self.forget_containers([left], state)
        if isinstance(stmt.target, cst.Name):
            state.bind(stmt.target.value, value)
        else:
            self.assign(stmt.target, value, state, frame, None)
        return state
