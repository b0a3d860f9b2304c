"""Expressions: names, literals, attributes, subscripts, operators, conditions.

Every expression evaluates to an abstract value. Operators on tensors and
attributes of tensors and torch modules are asked of the torch knowledge
(`self.torch`); the rest is Python's semantics.
"""

from __future__ import annotations

import ast
from functools import lru_cache

from typing import Optional

import libcst as cst

from .. import syntax
from ..events import Kind
from ..knowledge.ops import as_int
from ..knowledge.nn import is_container
from ..state import State
from ..values import (
    DICT_KEY_TYPES, NUMBER, UNDEFINED, UNKNOWN, BoundMethod, ClassInfo, Const, DictOf, Function, Instance, ListOf,
    Opaque, Optimizer, ProjectModule, Scheduler, Seq, SymInt, Tensor, TorchModule, TorchRef, Value,
    is_mutable_container, is_unknown, joined,
)
from .calls import with_layers_unknown
from .frame import (
    BUILTINS, NUMBER_MODULES, Builtin, Frame, IterableOf, PyModule, SuperRef, attr_key, container_element,
    items_one_by_one, mro, written_key,
)
from .operators import (
    BIN_OPS, COMPARE, COMPARE_OPS, IDENTITY_OPS, MIRRORED, known_none, number_literal, number_op, type_comparison,
)


class Expressions:
    """The expression part of the interpreter (a mixin of `Interpreter`)."""


    def eval(self, node, state: State, frame: Frame, in_with: bool = False) -> Value:
        kind = type(node)
        handler = self.EXPR_HANDLERS.get(kind)
        if handler is not None:
            if in_with and kind is cst.Call:
                return self.expr_Call(node, state, frame, in_with=True)
            return handler(self, node, state, frame)
        self.eval_children(node, state, frame)
        return UNKNOWN

    def eval_children(self, node, state: State, frame: Frame) -> None:
        """Evaluate sub-expressions for their calls, e.g. inside f-strings."""
        for child in syntax.children(node):
            kind = syntax.node_kind(type(child))
            if kind == "expression":
                self.eval(child, state, frame)
            elif kind == "other":
                self.eval_children(child, state, frame)

    def expr_Name(self, node: cst.Name, state: State, frame: Frame) -> Value:
        return self.lookup(node.value, state, frame)

    def lookup(self, name: str, state: State, frame: Frame) -> Value:
        value = state.get(name)
        if value is None or value is UNDEFINED:
            value = frame.closure.get(name)
        if (value is None or value is UNDEFINED) and frame is not self.module_frame:
            value = self.globals_here().get(name)
        if value is None or value is UNDEFINED:
            if name in ("True", "False", "None"):
                return Const({"True": True, "False": False, "None": None}[name])
            return BUILTINS.get(name, UNKNOWN)
        return value

    def expr_Integer(self, node: cst.Integer, state: State, frame: Frame) -> Value:
        return self.literal(node, int)

    def expr_Float(self, node: cst.Float, state: State, frame: Frame) -> Value:
        return self.literal(node, float)

    def expr_SimpleString(self, node: cst.SimpleString, state: State, frame: Frame) -> Value:
        return self.literal(node, None)

    def literal(self, node, kind) -> Value:
        """A literal's value, computed once. libcst's evaluated_value compiles it
        with ast.literal_eval; a number's text is read directly first (int(.., 0)
        reads 0x1f, 0o7, 0b1 and 1_000; float() reads 1e-5, .5 and 1_0.5)."""
        value = self.literals.get(node)
        if value is None:
            value = number_literal(node.value, kind) if kind is not None else None
            if value is None:
                try:
                    value = Const(kind(_evaluated(node.value)) if kind else _evaluated(node.value))
                except Exception:
                    value = UNKNOWN
            self.literals[node] = value
        return value

    def expr_Ellipsis(self, node, state: State, frame: Frame) -> Value:
        return Const(Ellipsis)

    def expr_Tuple(self, node: cst.Tuple, state: State, frame: Frame) -> Value:
        return self.sequence(node, state, frame, "tuple")

    def expr_List(self, node: cst.List, state: State, frame: Frame) -> Value:
        return self.sequence(node, state, frame, "list")

    def expr_Dict(self, node: cst.Dict, state: State, frame: Frame) -> Value:
        """A dict display whose keys are constants (`{"loss": loss, **more}` with `more`
        known too); other dicts are not known."""
        entries: Optional[DictOf] = DictOf(())
        for element in node.elements:
            if isinstance(element, cst.StarredDictElement):  # `**more`
                more = self.eval(element.value, state, frame)
                entries = DictOf.of(entries.entries + more.entries) \
                    if entries is not None and isinstance(more, DictOf) else None
                continue
            key = self.eval(element.key, state, frame)
            value = self.stored(self.eval(element.value, state, frame), element.value, state)
            if entries is not None and isinstance(key, Const) and type(key.value) in DICT_KEY_TYPES:
                entries = entries.with_entry(key.value, value)
            else:
                entries = None
        return entries if entries is not None else UNKNOWN

    def sequence(self, node, state: State, frame: Frame, kind: str) -> Value:
        items = []
        starred = False
        for element in node.elements:
            value = self.eval(element.value, state, frame)
            if isinstance(element, cst.StarredElement):
                starred = True
            items.append(self.stored(value, element.value, state))
        return UNKNOWN if starred else Seq(tuple(items), kind)

    def expr_Attribute(self, node: cst.Attribute, state: State, frame: Frame) -> Value:
        owner = self.eval(node.value, state, frame)
        return self.attribute(owner, node.attr.value, node, state, frame)

    def attribute(self, owner: Value, name: str, node, state: State, frame: Frame) -> Value:
        if isinstance(owner, TorchRef):
            return TorchRef(f"{owner.qualname}.{name}")
        if isinstance(owner, PyModule):
            # math's functions return numbers; numpy's names are only told apart from torch's
            return Builtin("number") if owner.name in NUMBER_MODULES else Builtin(f"{owner.name}.{name}")
        if isinstance(owner, Tensor):
            return self.torch.tensor_attribute(owner, name, node, state)
        if isinstance(owner, Instance):
            return self.instance_attribute(owner, name, state)
        if isinstance(owner, TorchModule):
            return self.torch.module_attribute(owner, name, node)
        if isinstance(owner, ClassInfo):
            if name in owner.class_attrs:
                return owner.class_attrs[name]
            method = owner.find_method(name)
            if method is not None:
                return BoundMethod(method, owner) if self.method_kind(method) == "classmethod" else method
            return UNKNOWN
        if isinstance(owner, Opaque):
            return owner.member(name)
        if isinstance(owner, ProjectModule):
            return owner.attribute(name)
        if isinstance(owner, SuperRef):
            for base in owner.cls.bases:
                method = base.find_method(name)
                if method is not None:
                    return BoundMethod(method, owner.receiver)
            if self.torch.base_method_does_nothing(owner.cls, name):
                return Builtin("noop")
            return UNKNOWN
        return UNKNOWN

    def instance_attribute(self, inst: Instance, name: str, state: State) -> Value:
        key = attr_key(inst, name)
        if key in state.heap:
            return state.heap[key]
        if any(inst is built for built in self.constructing):
            # a method that `__init__` calls reads what `__init__` has set so far
            for caller in reversed(self.caller_states):
                if caller is not None and key in caller.heap:
                    return caller.heap[key]
        written = state.heap.get(written_key(inst, name))
        if written is not None:
            return written  # assigned on this path (or set by __init__, for one its methods assign)
        if name in inst.cls.volatile:
            return UNKNOWN
        if name in inst.attrs:
            value = inst.attrs[name]
            # a list or dict the object holds may have been changed since it was built, by
            # code of its class or anyone holding it, which no single path here shows; so may
            # a torch container whose items some code changes through an attribute of its name
            if is_mutable_container(value):
                return UNKNOWN
            if is_container(value):
                changed = self.facts.changed_containers()
                if changed is None or name in changed:
                    return with_layers_unknown(value)
            return value
        for cls in mro(inst.cls):
            if name in cls.class_attrs:
                value = cls.class_attrs[name]
                return UNKNOWN if is_mutable_container(value) else value
            if name in cls.methods:
                method = cls.methods[name]
                kind = self.method_kind(method)
                if kind == "staticmethod":
                    return method
                if kind == "property":
                    return self.invoke(method, inst, [], {}, None, state.grad, caller=state)
                return BoundMethod(method, inst)
        return UNKNOWN

    def expr_Subscript(self, node: cst.Subscript, state: State, frame: Frame) -> Value:
        owner = self.eval(node.value, state, frame)
        indices = []
        for element in node.slice:
            part = element.slice
            if isinstance(part, cst.Index):
                indices.append(self.eval(part.value, state, frame))
            else:
                bounds = tuple(self.eval(b, state, frame) if b is not None else None
                               for b in (part.lower, part.upper, part.step))
                indices.append(("slice", bounds))
        if isinstance(owner, Tensor):
            return self.torch.index(owner, indices, node, state)
        if isinstance(owner, TorchModule):
            item = self.torch.module_item(owner, indices)
            if item is UNKNOWN and len(indices) == 1 and not isinstance(indices[0], tuple):
                # `self.layers[i]` for an index not known: any of its layers, when that is known
                item = container_element(owner)
            return item
        if isinstance(owner, ListOf) and len(indices) == 1 and not isinstance(indices[0], tuple):
            return owner.element  # an item, whichever (an index past the end raises)
        if isinstance(owner, DictOf) and len(indices) == 1 and not isinstance(indices[0], tuple):
            return dict_item(owner, indices[0])
        if isinstance(owner, Seq) and len(indices) == 1:
            index = indices[0]
            if isinstance(index, Const) and type(index.value) is int:
                try:
                    return owner.items[index.value]
                except IndexError:
                    return UNKNOWN
            if isinstance(index, tuple):
                bounds = index[1]
                ints = [as_int(b) if b is not None else None for b in bounds]
                if all(b is None or i is not None for b, i in zip(bounds, ints)):
                    return Seq(owner.items[slice(*ints)], owner.kind)
        return UNKNOWN

    def expr_BinaryOperation(self, node: cst.BinaryOperation, state: State, frame: Frame) -> Value:
        left = self.eval(node.left, state, frame)
        right = self.eval(node.right, state, frame)
        return self.binary(BIN_OPS.get(type(node.operator).__name__), left, right, node, state, frame)

    def binary(self, op: Optional[str], left: Value, right: Value, node, state: State, frame: Frame) -> Value:
        if op is None:
            return UNKNOWN
        if isinstance(left, Tensor) or isinstance(right, Tensor):
            if isinstance(left, Tensor):
                return self.torch.method_call(left, f"__{op}__", [right], {}, node, None, state, False)
            return self.torch.method_call(right, f"__r{op}__", [left], {}, node, None, state, False)
        if op == "add" and isinstance(left, Seq) and isinstance(right, Seq) and (
                {left.kind, right.kind} <= {"tuple", "size"} or left.kind == right.kind == "list"):
            # `(-1, 3) + x.size()[-2:]`: a tuple (a torch.Size on the left stays one)
            return Seq(left.items + right.items, left.kind)
        carried = self.torch.carried_operand(left, right)
        if carried is not None:
            return carried  # `0.9 * avg` of a value that is a tensor from a loop's second round on
        return number_op(op, left, right)

    def expr_Comparison(self, node: cst.Comparison, state: State, frame: Frame) -> Value:
        left = self.eval(node.left, state, frame)
        values = [left] + [self.eval(c.comparator, state, frame) for c in node.comparisons]
        if len(node.comparisons) != 1:
            return UNKNOWN
        kind = type(node.comparisons[0].operator).__name__
        right = values[1]
        answer = type_comparison(COMPARE_OPS.get(kind) or IDENTITY_OPS.get(kind, ""), left, right)
        if answer is None and kind in IDENTITY_OPS and isinstance(right, Const) and right.value is None:
            is_none = known_none(left)  # `x is None`, `x is not None`
            answer = None if is_none is None else is_none == (kind == "Is")
        if answer is not None:
            return Const(answer)
        if kind in ("In", "NotIn") and isinstance(right, DictOf) and isinstance(left, Const) \
                and type(left.value) in DICT_KEY_TYPES:
            return Const((right.get(left.value) is not None) == (kind == "In"))  # `"loss" in outputs`
        op = COMPARE_OPS.get(kind)
        if op is None:
            return UNKNOWN
        if isinstance(left, Tensor):
            return self.torch.method_call(left, f"__{op}__", [right], {}, node, None, state, False)
        if isinstance(right, Tensor):
            # 0 < x is x > 0
            return self.torch.method_call(right, f"__{MIRRORED[op]}__", [left], {}, node, None, state, False)
        if isinstance(left, Const) and isinstance(right, Const):
            try:
                return Const(COMPARE[op](left.value, right.value))
            except Exception:
                return UNKNOWN
        if op in ("eq", "ne") and isinstance(left, TorchRef) and isinstance(right, TorchRef):
            # dtypes: `x.dtype == torch.float32` (torch.float is the same dtype)
            same = self.torch.same_ref(left, right)
            if same is not None:
                return Const(same == (op == "eq"))
        return UNKNOWN

    def expr_UnaryOperation(self, node: cst.UnaryOperation, state: State, frame: Frame) -> Value:
        value = self.eval(node.expression, state, frame)
        op = type(node.operator).__name__
        if op == "Minus":
            if isinstance(value, Const) and type(value.value) in (int, float):
                return Const(-value.value)
            if isinstance(value, SymInt):
                return SymInt(value.mono, not value.negated)
            if isinstance(value, Tensor):
                return self.torch.method_call(value, "__neg__", [], {}, node, None, state, False)
            return NUMBER if value is NUMBER else UNKNOWN
        if op == "Plus":
            return value
        if op == "Not" and isinstance(value, Const):
            return Const(not value.value)
        return UNKNOWN

    def expr_IfExp(self, node: cst.IfExp, state: State, frame: Frame) -> Value:
        truth = self.truth(node.test, state, frame)
        if truth is True:
            return self.eval(node.body, state, frame)
        if truth is False:
            return self.eval(node.orelse, state, frame)
        return self.eval(node.body, state, frame).join(self.eval(node.orelse, state, frame))

    def expr_ListComp(self, node, state: State, frame: Frame) -> Value:
        inner = state.copy()
        comp = node.for_in
        while comp is not None:
            iterable = self.eval(comp.iter, inner, frame)
            element = self.element_of(iterable, comp.iter, inner)
            self.emit(Kind.ITERATE, "", comp.iter, inner.grad, target=iterable, value=element)
            items = items_one_by_one(iterable, comp.iter) if comp is node.for_in else None
            if isinstance(node, cst.ListComp) and comp.inner_for_in is None and not comp.ifs and items is not None:
                # `[correct[:k].sum() for k in topk]` over a known tuple: each item on its own
                return Seq(tuple(self.comprehension_item(node, item, inner, frame) for item in items), "list")
            self.assign(comp.target, element, inner, frame, None)
            for condition in comp.ifs:
                self.eval(condition.test, inner, frame)
            comp = comp.inner_for_in
        if isinstance(node, cst.DictComp):
            self.eval(node.key, inner, frame)
            self.eval(node.value, inner, frame)
            return UNKNOWN
        element = self.eval(node.elt, inner, frame)
        if isinstance(node, cst.ListComp):
            # a list of unknown length whose every item is what a round computes:
            # `scores = [head(x) for head in heads]`, then `scores[0]`, `torch.stack(scores)`
            return ListOf(element)
        # iterating it gives what each round computes: `for x, y in (f(a) for a in r)`
        return IterableOf(element)

    def comprehension_item(self, node: cst.ListComp, item: Value, state: State, frame: Frame) -> Value:
        inner = state.copy()
        self.assign(node.for_in.target, item, inner, frame, None)
        return self.eval(node.elt, inner, frame)

    expr_GeneratorExp = expr_SetComp = expr_DictComp = expr_ListComp

    def expr_Lambda(self, node: cst.Lambda, state: State, frame: Frame) -> Value:
        return self.define_function(node, state, frame, owner=None)

    def narrow(self, test, state: State, frame: Frame, holds: bool) -> None:
        """Where `test` holds (or fails, `holds` False), a local name of unknown value
        that the test shows to be a tensor is one: `isinstance(x, torch.Tensor)`,
        `torch.is_tensor(x)`, `type(x) is torch.Tensor`, under `not`, `and` (where it
        holds) and `or` (where it fails)."""
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
            self.narrow(test.expression, state, frame, not holds)
        elif isinstance(test, cst.BooleanOperation):
            if isinstance(test.operator, cst.And) == holds:
                self.narrow(test.left, state, frame, holds)
                self.narrow(test.right, state, frame, holds)
        elif isinstance(test, cst.Call) and all(a.star == "" and a.keyword is None for a in test.args):
            callee = self.plain_reference(test.func, state, frame)
            args = [a.value for a in test.args]
            if isinstance(callee, Builtin) and callee.name == "isinstance" and len(args) == 2 and holds:
                self.narrow_name(args[0], self.torch.narrowed(self.plain_reference(args[1], state, frame)), state)
            elif len(args) == 1 and holds and callee is not None:
                self.narrow_name(args[0], self.torch.narrowed_by_test(callee), state)
        elif isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and isinstance(test.left, cst.Call):
            kind = type(test.comparisons[0].operator).__name__
            call = test.left
            callee = self.plain_reference(call.func, state, frame)
            if kind in ("Equal", "Is", "NotEqual", "IsNot") and holds == (kind in ("Equal", "Is")) \
                    and len(call.args) == 1 and isinstance(callee, Builtin) and callee.name == "type":
                cls = self.plain_reference(test.comparisons[0].comparator, state, frame)
                self.narrow_name(call.args[0].value, self.torch.narrowed(cls), state)

    def plain_reference(self, node, state: State, frame: Frame) -> Optional[Value]:
        """The value of a name or of `module.name` (nothing that runs code), else None."""
        if isinstance(node, cst.Name):
            return self.lookup(node.value, state, frame)
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name):
            owner = self.lookup(node.value.value, state, frame)
            return self.attribute(owner, node.attr.value, node, state, frame) if isinstance(owner, TorchRef) else None
        return None

    @staticmethod
    def narrow_name(target, value: Optional[Value], state: State) -> None:
        if value is not None and isinstance(target, cst.Name) and is_unknown(state.get(target.value)):
            state.bind(target.value, value)

    def truth(self, test, state: State, frame: Frame) -> Optional[bool]:
        """The truth of a condition when it is known on this path."""
        return self.truth_of(self.eval(test, state, frame))

    @staticmethod
    def truth_of(value: Value) -> Optional[bool]:
        """bool(value), when it is known."""
        if isinstance(value, Const):
            try:
                return bool(value.value)
            except Exception:
                return None
        if is_container(value):
            # a container's truth is its length: true with layers listed, else not known
            # (`nn.ModuleList()` may have been appended to since)
            listed = value.args and all(isinstance(a, (TorchModule, Instance)) for a in value.args)
            return True if listed else None
        if isinstance(value, DictOf):
            return bool(value.entries)
        if isinstance(value, Instance) and (value.cls.find_method("__bool__") or value.cls.find_method("__len__")):
            return None
        if isinstance(value, (Function, ClassInfo, TorchModule, Instance, Optimizer, Scheduler)):
            return True  # an object without __bool__ or __len__
        return None

    def expr_BooleanOperation(self, node: cst.BooleanOperation, state: State, frame: Frame) -> Value:
        """`a and b`, `a or b`: b is evaluated only where Python evaluates it (the left
        side's truth lets it through), where the left side's narrowing holds."""
        left = self.eval(node.left, state, frame)
        conjunction = isinstance(node.operator, cst.And)
        truth = self.truth_of(left)
        if truth is not None and truth != conjunction:
            return left  # `False and b`, `True or b`: b is not evaluated
        narrowed = state.copy()
        self.narrow(node.left, narrowed, frame, conjunction)
        right = self.eval(node.right, narrowed if narrowed.names != state.names else state, frame)
        return right if truth is not None else left.join(right)


@lru_cache(maxsize=4096)
def _evaluated(text: str):
    """A literal's value from its text, as libcst's evaluated_value computes it, once per
    text: the same strings recur across a project, and each ast.literal_eval call
    leaves a reference cycle of closures for the collector."""
    return ast.literal_eval(text)


def dict_item(owner: DictOf, key: Value) -> Value:
    """`d[key]`: what the key holds; for a key not known, the join of what every key
    holds (a key not there raises)."""
    if isinstance(key, Const) and type(key.value) in DICT_KEY_TYPES:
        found = owner.get(key.value)
        return found if found is not None else UNKNOWN
    values = owner.values()
    return joined(values[0], values[1:]) if values else UNKNOWN
