"""The abstract interpreter: walks a module, then every function, in program order.

Each statement maps an abstract `State` to the next; branches are joined;
loops run to a fixed point (bounded) before a last pass that reports; calls of
the file's own functions are interpreted with the call site's values. Rules
subscribe to calls by name and receive a `CallEvent` when one is evaluated.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Optional

import libcst as cst

from . import torch_api, transfer
from . import dims, syntax
from .dims import Mono
from ..source import SourceView
from .events import Event, Kind
from .state import State, join, join_all
from .transfer import Call
from .values import (
    MAYBE, NO, NUMBER, UNDEFINED, UNKNOWN, YES, BoundMethod, ClassInfo, Const, Function,
    GradModeContext, Instance, ModuleState, ParamIterator, Pieces, Seq, SymInt, Tensor, TorchModule,
    COPY, MAYBE_VIEW, VIEW, Opaque, TorchRef, Tri, Value, is_exact, is_unknown,
)

MAX_CALL_DEPTH = 6
MAX_LOOP_ROUNDS = 4
MAX_STANDALONE = 400  # functions analysed on their own in one file

Subscriber = Callable[[Event], Optional[Callable[[], None]]]


class Builtin(Value):
    def __init__(self, name: str) -> None:
        self.name = name


class SuperRef(Value):
    def __init__(self, cls: ClassInfo, receiver: Value) -> None:
        self.cls = cls
        self.receiver = receiver


class PyModule(Value):
    """A plain Python module whose functions return numbers (math)."""

    def __init__(self, name: str) -> None:
        self.name = name


BUILTINS = {name: Builtin(name) for name in (
    "len", "range", "isinstance", "float", "int", "bool", "abs", "print", "super", "enumerate",
    "zip", "list", "tuple", "round", "min", "max", "sum", "getattr", "hasattr", "str", "sorted",
    "reversed", "iter", "next", "dict", "set", "type", "id", "callable", "repr", "format")}
NUMBER_MODULES = ("math",)


class Frame:
    """One activation: a function body (or the module body) being interpreted."""

    def __init__(self, function: Optional[Function], closure: Optional[dict], cls: Optional[ClassInfo] = None,
                 receiver: Optional[Value] = None):
        self.function = function
        self.closure = closure or {}
        self.cls = cls
        self.receiver = receiver
        self.returns: list = []
        self.loops: list = []  # [(breaks, continues)]


class Interpreter:
    def __init__(self, module: cst.Module, subscriptions: dict, source: Optional[SourceView] = None,
                 text: Optional[str] = None) -> None:
        self.module = module
        self.subscriptions = subscriptions  # (kind, name or None for every name) -> [Subscriber]
        self.kinds = {kind for kind, _ in subscriptions}
        self.source = source or SourceView(module)
        self.globals = State()
        self.module_frame = Frame(None, None)
        self.call_stack: list = []  # [(Function node, call node)]
        # what a loop round (or a call) would record (findings, functions to analyse
        # on their own), held until the round is known to be the fixed point; a dict
        # of actions, in order, each once: a call replayed from the memo k times
        # must not hold k copies (that grew as k to the depth of nested calls)
        self.held: list = []
        self.memo: dict = {}  # call key -> (result, what the call recorded)
        self.functions_seen: dict = {}  # FunctionDef node -> Function
        self.invoked: set = set()  # FunctionDef nodes interpreted for a call
        self.standalone_instances: dict = {}
        self.constructing: list = []  # instances whose __init__ is running
        self.unknown_freeze = False  # requires_grad set on something unknown
        self.facts = syntax.ModuleFacts(module, text)
        self.literals: dict = {}  # literal node -> Const

    # ------------------------------------------------------------------ entry

    def run(self) -> None:
        dims.reset()
        transfer.reset_defaults()
        state = State(grad=YES)
        state = self.exec_block(self.module.body, state, self.module_frame, top=True)
        if state is not None:
            self.globals = state
        done: set = set()
        budget = MAX_STANDALONE
        while budget:
            # a function some call ran was judged with that call's values: only the
            # functions nobody calls are analysed with unknown arguments
            pending = [f for node, f in self.functions_seen.items() if node not in done and node not in self.invoked]
            if not pending:
                break
            for function in pending:
                done.add(function.node)
                budget -= 1
                self.analyse_standalone(function)
                if not budget:
                    break

    def analyse_standalone(self, function: Function) -> None:
        """Interpret a function with unknown arguments, as some caller may call it."""
        cls = getattr(function, "owner", None)
        receiver = None
        kind = self.method_kind(function)
        if cls is not None and function.node.name.value == "__init__":
            self.standalone_instance(cls)  # constructing it runs __init__
            return
        if cls is not None and kind == "method":
            receiver = self.standalone_instance(cls)
        elif cls is not None and kind == "classmethod":
            receiver = cls
        self.invoke(function, receiver, [], {}, None, MAYBE, standalone=True)

    def standalone_instance(self, cls: ClassInfo) -> Value:
        if cls.node not in self.standalone_instances:
            self.standalone_instances[cls.node] = UNKNOWN  # cut recursion
            self.standalone_instances[cls.node] = self.instantiate(cls, [], {}, None, MAYBE, standalone=True)
        return self.standalone_instances[cls.node]

    # ------------------------------------------------------------------ statements

    def exec_block(self, body, state: Optional[State], frame: Frame, top: bool = False) -> Optional[State]:
        for stmt in body:
            if state is None:
                return None
            if top:
                self.globals = state
            state = self.exec_stmt(stmt, state, frame)
        return state

    def exec_stmt(self, stmt, state: State, frame: Frame) -> Optional[State]:
        if isinstance(stmt, cst.BaseSmallStatement):
            # the body of a one-line compound statement: `for i in r: x.numpy()`
            return self.exec_small(stmt, state, frame)
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if state is None:
                    return None
                state = self.exec_small(small, state, frame)
            return state
        handler = getattr(self, "stmt_" + type(stmt).__name__, None)
        if handler is None:
            return self.stmt_unknown(stmt, state, frame)
        return handler(stmt, state, frame)

    def exec_small(self, small, state: State, frame: Frame) -> Optional[State]:
        if isinstance(small, cst.Expr):
            self.eval(small.value, state, frame)
            return state
        if isinstance(small, cst.Assign):
            value = self.eval(small.value, state, frame)
            for target in small.targets:
                self.assign(target.target, value, state, frame, small.value)
            return state
        if isinstance(small, cst.AnnAssign):
            if small.value is not None:
                value = self.eval(small.value, state, frame)
                self.assign(small.target, value, state, frame, small.value)
            return state
        if isinstance(small, cst.AugAssign):
            return self.aug_assign(small, state, frame)
        if isinstance(small, cst.Return):
            value = self.eval(small.value, state, frame) if small.value is not None else Const(None)
            frame.returns.append((value, state))
            return None
        if isinstance(small, cst.Raise):
            if small.exc is not None:
                self.eval(small.exc, state, frame)
            return None
        if isinstance(small, (cst.Break, cst.Continue)):
            if frame.loops:
                breaks, continues = frame.loops[-1]
                (breaks if isinstance(small, cst.Break) else continues).append(state)
            return None
        if isinstance(small, cst.Assert):
            self.eval(small.test, state, frame)
            return state
        if isinstance(small, cst.Import):
            for alias in small.names:
                self.bind_import(alias, None, state)
            return state
        if isinstance(small, cst.ImportFrom):
            self.import_from(small, state)
            return state
        if isinstance(small, cst.Del):
            self.forget_targets(small.target, state)
            return state
        if isinstance(small, (cst.Global, cst.Nonlocal)):
            for item in small.names:
                state.bind(item.name.value, UNKNOWN)
            return state
        return state

    def stmt_unknown(self, stmt, state: State, frame: Frame) -> State:
        """Statements not modelled (match, async for...): names they bind become unknown."""
        self.forget_assigned(stmt, state)
        return state

    def stmt_If(self, stmt: cst.If, state: State, frame: Frame) -> Optional[State]:
        truth = self.truth(stmt.test, state, frame)
        then_state = self.exec_block(stmt.body.body, state.copy(), frame) if truth is not False else None
        else_state: Optional[State] = state.copy() if truth is not True else None
        if else_state is not None and stmt.orelse is not None:
            if isinstance(stmt.orelse, cst.If):
                else_state = self.stmt_If(stmt.orelse, else_state, frame)
            else:
                else_state = self.exec_block(stmt.orelse.body.body, else_state, frame)
        return join(then_state, else_state)

    def stmt_For(self, stmt: cst.For, state: State, frame: Frame) -> Optional[State]:
        iterable = self.eval(stmt.iter, state, frame)
        element = self.element_of(iterable)
        self.emit(Kind.ITERATE, "", stmt.iter, state.grad, target=iterable, value=element)

        def body(entry: State) -> Optional[State]:
            self.assign(stmt.target, element, entry, frame, None)
            return self.body_end(Kind.LOOP_END, "for", stmt, self.exec_block(stmt.body.body, entry, frame))

        after = self.loop(body, state, frame)
        if stmt.orelse is not None and after is not None:
            after = self.exec_block(stmt.orelse.body.body, after, frame)
        return after

    def stmt_While(self, stmt: cst.While, state: State, frame: Frame) -> Optional[State]:
        forever = self.truth(stmt.test, state, frame) is True

        def body(entry: State) -> Optional[State]:
            if self.truth(stmt.test, entry, frame) is False:
                return None
            return self.body_end(Kind.LOOP_END, "while", stmt, self.exec_block(stmt.body.body, entry, frame))

        after = self.loop(body, state, frame, exits_normally=not forever)
        if stmt.orelse is not None and after is not None:
            after = self.exec_block(stmt.orelse.body.body, after, frame)
        return after

    def loop(self, body, state: State, frame: Frame, exits_normally: bool = True) -> Optional[State]:
        """Run a loop body to a fixed point, then take the exits of the round that
        reached it.

        The round that finds the fixed point ran the body from it: what it would
        report is what reporting from the fixed point reports, so each round holds
        its events and the one that converges releases them, instead of running the
        body once more (which doubled the cost of each level of nested loops).
        Rounds that do not converge drop theirs. When the entry had to be widened,
        the body runs once more from it, reporting."""
        entry = state.copy()
        converged = None
        for round_ in range(MAX_LOOP_ROUNDS + 1):
            frame.loops.append(([], []))
            with self.holding() as actions:
                out = body(entry.copy())
            breaks, continues = frame.loops.pop()
            next_entry = join_all([state, out] + continues)
            if next_entry == entry:
                converged = (out, breaks, continues, actions)
                break
            entry = next_entry if round_ < MAX_LOOP_ROUNDS - 1 else entry.widen(next_entry)
        if converged is not None:
            out, breaks, continues, actions = converged
            self.release(actions)
        else:
            frame.loops.append(([], []))
            out = body(entry.copy())
            breaks, continues = frame.loops.pop()
        exit_states = breaks + ([join_all([entry, out] + continues)] if exits_normally else [])
        return join_all(exit_states)

    def body_end(self, kind: str, name: str, node, end: Optional[State]) -> Optional[State]:
        """Tell the rules a body ran to its end, with the names bound there."""
        if end is not None and kind in self.kinds:
            self.emit(kind, name, node, end.grad, names=visible_names(end))
        return end

    @contextmanager
    def holding(self):
        """Hold what the code run inside would record, for release() or to drop."""
        actions: dict = {}
        self.held.append(actions)
        try:
            yield actions
        finally:
            self.held.pop()

    def release(self, actions: dict) -> None:
        """Do what was held: into the enclosing holder, or now."""
        if self.held:
            self.held[-1].update(actions)
            return
        for action in actions:
            action()

    def act(self, action) -> None:
        """Do it now, or hold it for the loop round (or call) being run."""
        if self.held:
            self.held[-1][action] = None
        else:
            action()

    def stmt_With(self, stmt: cst.With, state: State, frame: Frame) -> Optional[State]:
        before = state.grad
        entered = []
        for item in stmt.items:
            value = self.eval(item.item, state, frame, in_with=True)
            if isinstance(value, GradModeContext):
                state.grad = value.enabled
            name = value.name if isinstance(value, GradModeContext) else ""
            entered.append((item.item, name, value))
            self.emit(Kind.ENTER, name, item.item, state.grad, target=value)
            if item.asname is not None:
                self.assign(item.asname.name, UNKNOWN, state, frame, None)
        after = self.exec_block(stmt.body.body, state, frame)
        if after is not None:
            after.grad = before
            for node, name, value in reversed(entered):
                self.emit(Kind.EXIT, name, node, after.grad, target=value)
        # a return inside the block leaves with the grad mode restored as well
        return after

    def stmt_Try(self, stmt, state: State, frame: Frame) -> Optional[State]:
        body_end = self.exec_block(stmt.body.body, state.copy(), frame)
        if stmt.orelse is not None and body_end is not None:
            body_end = self.exec_block(stmt.orelse.body.body, body_end, frame)
        # an exception may leave the body at any point
        handler_entry = join(state, body_end) if body_end is not None else state.copy()
        self.forget_assigned(stmt.body, handler_entry)
        ends = [body_end]
        for handler in stmt.handlers:
            entry = handler_entry.copy()
            if handler.name is not None:
                self.assign(handler.name.name, UNKNOWN, entry, frame, None)
            ends.append(self.exec_block(handler.body.body, entry, frame))
        after = join_all(ends)
        if stmt.finalbody is not None:
            final_entry = after if after is not None else handler_entry.copy()
            final = self.exec_block(stmt.finalbody.body.body, final_entry, frame)
            return final if after is not None else None
        return after

    stmt_TryStar = stmt_Try

    def stmt_FunctionDef(self, stmt: cst.FunctionDef, state: State, frame: Frame) -> State:
        function = self.define_function(stmt, state, frame, owner=None)
        state.bind(stmt.name.value, function)
        return state

    def define_function(self, stmt: cst.FunctionDef, state: State, frame: Frame, owner) -> Value:
        qual = stmt.name.value if frame.function is None else f"{frame.function.qualname}.{stmt.name.value}"
        closure = None if frame.function is None and owner is None else {**frame.closure, **state.names}
        function = Function(stmt, closure, qual)
        object.__setattr__(function, "owner", owner)
        object.__setattr__(function, "defaults", self.eval_defaults(stmt, state, frame))
        object.__setattr__(function, "decorators", [self.eval(d.decorator, state, frame) for d in stmt.decorators])
        if stmt.asynchronous is None and stmt not in self.functions_seen:
            # analysed on its own later, with the closure of the run that reports
            self.act(lambda: self.functions_seen.setdefault(stmt, function))
        return function

    def eval_defaults(self, stmt: cst.FunctionDef, state: State, frame: Frame) -> dict:
        defaults = {}
        params = stmt.params
        for param in list(params.posonly_params) + list(params.params) + list(params.kwonly_params):
            if param.default is not None:
                defaults[param.name.value] = self.eval(param.default, state, frame)
        return defaults

    def stmt_ClassDef(self, stmt: cst.ClassDef, state: State, frame: Frame) -> State:
        bases = [self.eval(arg.value, state, frame) for arg in stmt.bases]
        user_bases = tuple(b for b in bases if isinstance(b, ClassInfo))
        is_module = any(isinstance(b, TorchRef) and b.qualname.startswith("torch.nn.") for b in bases) or any(
            b.is_module for b in user_bases)
        known_bases = all(isinstance(b, ClassInfo) or (isinstance(b, TorchRef) and b.qualname in (
            "torch.nn.Module", "torch.nn.modules.module.Module")) for b in bases) or not bases
        info = ClassInfo(stmt, stmt.name.value, {}, {}, is_module, user_bases)
        object.__setattr__(info, "known_bases", known_bases)
        object.__setattr__(info, "volatile", self.facts.volatile_attributes(stmt))
        class_state = State(grad=state.grad)
        class_frame = Frame(frame.function, {**frame.closure, **state.names}, cls=info)
        for item in stmt.body.body:
            if isinstance(item, cst.FunctionDef):
                info.methods[item.name.value] = self.define_function(item, class_state, class_frame, owner=info)
            elif isinstance(item, cst.SimpleStatementLine):
                self.exec_stmt(item, class_state, class_frame)
        for name, value in class_state.names.items():
            info.class_attrs[name] = value
        state.bind(stmt.name.value, info)
        return state

    # ------------------------------------------------------------------ assignment

    def assign(self, target, value: Value, state: State, frame: Frame, source_expr) -> None:
        if isinstance(target, cst.Name):
            state.bind(target.value, value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            elements = [e.value for e in target.elements]
            starred = any(isinstance(e, cst.StarredElement) for e in target.elements)
            items = None
            if isinstance(value, Seq) and len(value.items) == len(elements) and not starred:
                items = value.items
            elif isinstance(value, Pieces) and not starred:
                items = (value.first,) * (len(elements) - 1) + (value.last,)
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
        if not isinstance(tensor, Tensor) or tensor.shape is not None or tensor.contiguous is NO:
            return None
        names = [e.value if isinstance(e, cst.Name) else "dim" for e in elements]
        shape = tuple(Mono.fresh(n) for n in names)
        from . import layout

        strides = layout.contiguous_strides(shape) if tensor.contiguous is YES else None
        self.rebind(state, tensor, tensor.with_(shape=shape, strides=strides))
        return tuple(SymInt(d) for d in shape)

    def assign_attribute(self, target: cst.Attribute, value: Value, state: State, frame: Frame) -> None:
        owner = self.eval(target.value, state, frame)
        name = target.attr.value
        self.emit(Kind.ATTR_ASSIGN, name, target, state.grad, target=owner, value=value)
        if isinstance(owner, Instance):
            if any(owner is inst for inst in self.constructing):
                state.bind(_attr_key(owner, name), value)
            else:
                owner.attrs[name] = UNKNOWN
        elif isinstance(owner, Tensor):
            if name == "requires_grad":
                flag = transfer.as_bool(value)
                self.set_requires_grad(state, owner, Tri.of(flag), target)
            elif name == "data":
                self.rebind(state, owner, owner.with_(shape=None, strides=None, contiguous=MAYBE, dtype=None))
        elif name == "requires_grad" and not isinstance(owner, (Const, Seq)):
            self.unknown_freeze = True

    def set_requires_grad(self, state: State, tensor: Tensor, flag: Tri, node) -> Tensor:
        if tensor.is_param_of is not None:
            tensor.is_param_of.params_require_grad = tensor.is_param_of.params_require_grad.join(flag)
        origin = transfer.Origin(node, "requires_grad") if flag is YES else None
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
        self.changed(state, tensor, updated, in_place=False)
        return updated

    def assign_subscript(self, target: cst.Subscript, value: Value, state: State, frame: Frame) -> None:
        owner = self.eval(target.value, state, frame)
        for element in target.slice:
            if isinstance(element.slice, cst.Index):
                self.eval(element.slice.value, state, frame)
        self.emit(Kind.ITEM_ASSIGN, "__setitem__", target, state.grad, target=owner, value=value)
        if isinstance(owner, Tensor):
            incoming = value.requires_grad if isinstance(value, Tensor) else (
                NO if isinstance(value, (Const, SymInt)) or value is NUMBER else MAYBE)
            flag = owner.requires_grad.either(incoming) if state.grad is YES else (
                owner.requires_grad if state.grad is NO else owner.requires_grad.either(MAYBE))
            self.changed(state, owner, owner.with_(requires_grad=flag), in_place=True)
        elif isinstance(owner, Seq):
            self.rebind(state, owner, UNKNOWN)

    def rebind(self, state: State, old: Value, new: Value) -> None:
        """An object changed in place: every name bound to it sees the change."""
        self._replace(state, old, new)
        if isinstance(old, Tensor) and old.view_base is None:
            # its views now hang off the changed tensor
            for value in {id(v): v for v in state.names.values()}.values():
                if isinstance(value, Tensor) and value.view_base is old:
                    self._replace(state, value, value.with_(view_base=new))

    @staticmethod
    def _replace(state: State, old: Value, new: Value) -> None:
        for key, value in list(state.names.items()):
            if value is old:
                state.names[key] = new

    def changed(self, state: State, old: Value, new: Value, in_place: Optional[bool]) -> None:
        """A tensor changed in place (`in_place`), had requires_grad set (not in place),
        or either (None): views follow their base's requires_grad, and an in-place op
        that makes a view require grad makes its base and the base's views do too."""
        self.rebind(state, old, new)
        if not isinstance(old, Tensor) or not isinstance(new, Tensor) or old.requires_grad is new.requires_grad:
            return
        flag = new.requires_grad
        if not isinstance(old.view_base, Tensor):
            for view in self._views(state, new):
                target = flag.either(view.view_graph)  # a view with a graph of its own keeps requiring grad
                self._set_flag(state, view, target if view.view_known else view.requires_grad.join(target), new)
        elif flag is YES and in_place is not False:
            base = new.view_base
            certain = in_place is True and new.view_known
            for member in [base] + [v for v in self._views(state, base) if v is not new]:
                sure = certain and (member is base or member.view_known)
                self._set_flag(state, member, YES if sure else member.requires_grad.join(YES), new)

    @staticmethod
    def _views(state: State, base: Tensor) -> list:
        return list({id(v): v for v in state.names.values()
                     if isinstance(v, Tensor) and v.view_base is base}.values())

    def _set_flag(self, state: State, tensor: Tensor, flag: Tri, cause: Tensor) -> None:
        if tensor.requires_grad is flag:
            return
        origin = (tensor.grad_origin or cause.grad_origin) if flag is YES else None
        self._replace(state, tensor, tensor.with_(requires_grad=flag, grad_origin=origin))

    def aug_assign(self, stmt: cst.AugAssign, state: State, frame: Frame) -> State:
        left = self.eval(stmt.target, state, frame)
        right = self.eval(stmt.value, state, frame)
        op = _AUG_OPS.get(type(stmt.operator).__name__)
        self.emit(Kind.AUG_ASSIGN, op or "", stmt, state.grad, target=left, value=right)
        if isinstance(left, Tensor):
            # in place: the target keeps its layout; it may start to require grad
            result = self.binary(op, left, right, stmt, state, frame)
            flag = result.requires_grad if isinstance(result, Tensor) else MAYBE
            updated = left.with_(requires_grad=left.requires_grad.either(flag) if flag is not NO else left.requires_grad)
            if isinstance(stmt.target, cst.Name):
                self.changed(state, left, updated, in_place=True)
                state.bind(stmt.target.value, updated)
            return state
        value = self.binary(op, left, right, stmt, state, frame) if op else UNKNOWN
        if isinstance(stmt.target, cst.Name):
            state.bind(stmt.target.value, value)
        else:
            self.assign(stmt.target, value, state, frame, None)
        return state

    def forget_targets(self, target, state: State) -> None:
        if isinstance(target, cst.Name):
            state.names.pop(target.value, None)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self.forget_targets(element.value, state)

    def forget_assigned(self, node, state: State) -> None:
        """Every name a statement may bind becomes unknown."""
        for name in syntax.assigned_names(node):
            state.bind(name, UNKNOWN)

    # ------------------------------------------------------------------ imports

    def bind_import(self, alias: cst.ImportAlias, module: Optional[str], state: State) -> None:
        dotted = _dotted(alias.name)
        if alias.asname is not None:
            bound = alias.asname.name.value
            state.bind(bound, self.module_value(dotted))
        else:
            head = dotted.split(".")[0]
            state.bind(head, self.module_value(head))

    def module_value(self, dotted: str) -> Value:
        if dotted == "torch" or dotted.startswith("torch."):
            return TorchRef(dotted)
        if dotted in NUMBER_MODULES:
            return PyModule(dotted)
        return UNKNOWN

    def import_from(self, stmt: cst.ImportFrom, state: State) -> None:
        if stmt.relative or stmt.module is None:
            base = None
        else:
            base = _dotted(stmt.module)
        if isinstance(stmt.names, cst.ImportStar):
            return
        for alias in stmt.names:
            name = _dotted(alias.name)
            bound = alias.asname.name.value if alias.asname is not None else name
            if base is not None and (base == "torch" or base.startswith("torch.")):
                value: Value = TorchRef(f"{base}.{name}")
            elif base in NUMBER_MODULES:
                value = Builtin("number")
            else:
                value = UNKNOWN
            state.bind(bound, value)

    # ------------------------------------------------------------------ expressions

    def eval(self, node, state: State, frame: Frame, in_with: bool = False) -> Value:
        kind = type(node)
        handler = _EXPR_HANDLERS.get(kind, _UNSEEN)
        if handler is _UNSEEN:  # the method for a node type, looked up once
            handler = _EXPR_HANDLERS[kind] = getattr(Interpreter, "expr_" + kind.__name__, None)
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
            value = self.globals.get(name)
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
            value = _number(node.value, kind) if kind is not None else None
            if value is None:
                try:
                    value = Const(kind(node.evaluated_value) if kind else node.evaluated_value)
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

    def sequence(self, node, state: State, frame: Frame, kind: str) -> Value:
        items = []
        starred = False
        for element in node.elements:
            value = self.eval(element.value, state, frame)
            if isinstance(element, cst.StarredElement):
                starred = True
            items.append(value)
        return UNKNOWN if starred else Seq(tuple(items), kind)

    def expr_Attribute(self, node: cst.Attribute, state: State, frame: Frame) -> Value:
        owner = self.eval(node.value, state, frame)
        return self.attribute(owner, node.attr.value, node, state, frame)

    def attribute(self, owner: Value, name: str, node, state: State, frame: Frame) -> Value:
        if isinstance(owner, TorchRef):
            return TorchRef(f"{owner.qualname}.{name}")
        if isinstance(owner, PyModule):
            return Builtin("number")
        if isinstance(owner, Tensor):
            return self.tensor_attribute(owner, name, node, state)
        if isinstance(owner, Instance):
            return self.instance_attribute(owner, name, state)
        if isinstance(owner, TorchModule):
            return self.torch_module_attribute(owner, name)
        if isinstance(owner, ClassInfo):
            if name in owner.class_attrs:
                return owner.class_attrs[name]
            method = owner.find_method(name)
            if method is not None:
                return BoundMethod(method, owner) if self.method_kind(method) == "classmethod" else method
            return UNKNOWN
        if isinstance(owner, SuperRef):
            for base in owner.cls.bases:
                method = base.find_method(name)
                if method is not None:
                    return BoundMethod(method, owner.receiver)
            if owner.cls.is_module and name == "__init__":
                return Builtin("noop")
            return UNKNOWN
        return UNKNOWN

    def tensor_attribute(self, tensor: Tensor, name: str, node, state: State) -> Value:
        op = torch_api.ATTRIBUTES.get(name)
        if op is not None:
            return linked(name, tensor, op(Call(node, name, tensor, [], {}, state.grad)), state.grad)
        if name == "requires_grad":
            return Const(tensor.requires_grad is YES) if tensor.requires_grad is not MAYBE else UNKNOWN
        if name == "ndim":
            return Const(len(tensor.shape)) if tensor.shape is not None else UNKNOWN
        if name == "dtype":
            return TorchRef(f"torch.{tensor.dtype}") if is_exact(tensor.dtype) else UNKNOWN
        if name == "grad":
            return transfer.grad_of_leaf(tensor)
        return UNKNOWN

    def instance_attribute(self, inst: Instance, name: str, state: State) -> Value:
        key = _attr_key(inst, name)
        if key in state.names:
            return state.names[key]
        if name in inst.cls.volatile:
            return UNKNOWN
        if name in inst.attrs:
            return inst.attrs[name]
        for cls in _mro(inst.cls):
            if name in cls.class_attrs:
                return cls.class_attrs[name]
            if name in cls.methods:
                method = cls.methods[name]
                kind = self.method_kind(method)
                if kind == "staticmethod":
                    return method
                if kind == "property":
                    return self.invoke(method, inst, [], {}, None, state.grad, caller=state)
                return BoundMethod(method, inst)
        return UNKNOWN

    def torch_module_attribute(self, module: TorchModule, name: str) -> Value:
        if name in ("weight", "bias") and module.kind.rsplit(".", 1)[-1] in torch_api.LAYERS:
            shape = None
            if module.kind.endswith(".Linear"):
                fan_in, fan_out = transfer.size_dim(module.kwarg("in_features", 0)), transfer.size_dim(
                    module.kwarg("out_features", 1))
                shape = (fan_out, fan_in) if name == "weight" else (fan_out,)
            return self.parameter_tensor(module.state, shape)
        return UNKNOWN

    def parameter_tensor(self, state: ModuleState, shape=None) -> Tensor:
        from .layout import contiguous_strides

        flag = state.params_require_grad if not self.unknown_freeze else (
            MAYBE if state.params_require_grad is not NO else NO)
        return Tensor(requires_grad=flag, shape=shape, strides=contiguous_strides(shape), contiguous=YES,
                      dtype=state.params_dtype, grad_origin=None, is_param_of=state, leaf=YES)

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
            from .indexing import index_tensor

            result = index_tensor(Call(node, "__getitem__", owner, indices, {}, state.grad))
            return linked("__getitem__", owner, result, state.grad)
        if isinstance(owner, Seq) and len(indices) == 1:
            index = indices[0]
            if isinstance(index, Const) and type(index.value) is int:
                try:
                    return owner.items[index.value]
                except IndexError:
                    return UNKNOWN
            if isinstance(index, tuple):
                bounds = index[1]
                ints = [transfer.as_int(b) if b is not None else None for b in bounds]
                if all(b is None or i is not None for b, i in zip(bounds, ints)):
                    return Seq(owner.items[slice(*ints)], owner.kind)
        return UNKNOWN

    def expr_BinaryOperation(self, node: cst.BinaryOperation, state: State, frame: Frame) -> Value:
        left = self.eval(node.left, state, frame)
        right = self.eval(node.right, state, frame)
        return self.binary(_BIN_OPS.get(type(node.operator).__name__), left, right, node, state, frame)

    def binary(self, op: Optional[str], left: Value, right: Value, node, state: State, frame: Frame) -> Value:
        if op is None:
            return UNKNOWN
        if isinstance(left, Tensor) or isinstance(right, Tensor):
            if isinstance(left, Tensor):
                return self.tensor_method(left, f"__{op}__", [right], {}, node, None, state, False)
            return self.tensor_method(right, f"__r{op}__", [left], {}, node, None, state, False)
        return _number_op(op, left, right)

    def expr_Comparison(self, node: cst.Comparison, state: State, frame: Frame) -> Value:
        left = self.eval(node.left, state, frame)
        values = [left] + [self.eval(c.comparator, state, frame) for c in node.comparisons]
        if len(node.comparisons) != 1:
            return UNKNOWN
        op = _COMPARE_OPS.get(type(node.comparisons[0].operator).__name__)
        right = values[1]
        if op is None:
            return UNKNOWN
        if isinstance(left, Tensor):
            return self.tensor_method(left, f"__{op}__", [right], {}, node, None, state, False)
        if isinstance(right, Tensor):
            # 0 < x is x > 0
            return self.tensor_method(right, f"__{_MIRRORED[op]}__", [left], {}, node, None, state, False)
        if isinstance(left, Const) and isinstance(right, Const):
            try:
                return Const(_COMPARE[op](left.value, right.value))
            except Exception:
                return UNKNOWN
        if op in ("eq", "ne") and isinstance(left, TorchRef) and isinstance(right, TorchRef):
            # dtypes: `x.dtype == torch.float32` (torch.float is the same dtype)
            a, b = torch_api.DTYPES.get(left.qualname), torch_api.DTYPES.get(right.qualname)
            if a is not None and b is not None:
                return Const((a == b) == (op == "eq"))
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
                return self.tensor_method(value, "__neg__", [], {}, node, None, state, False)
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
            element = self.element_of(iterable)
            self.emit(Kind.ITERATE, "", comp.iter, inner.grad, target=iterable, value=element)
            self.assign(comp.target, element, inner, frame, None)
            for condition in comp.ifs:
                self.eval(condition.test, inner, frame)
            comp = comp.inner_for_in
        if isinstance(node, cst.DictComp):
            self.eval(node.key, inner, frame)
            self.eval(node.value, inner, frame)
        else:
            self.eval(node.elt, inner, frame)
        return UNKNOWN

    expr_GeneratorExp = expr_SetComp = expr_DictComp = expr_ListComp

    def expr_Lambda(self, node, state: State, frame: Frame) -> Value:
        return UNKNOWN

    def truth(self, test, state: State, frame: Frame) -> Optional[bool]:
        """The truth of a condition when it is known on this path."""
        if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
            target = test.comparisons[0]
            op = type(target.operator).__name__
            if op in ("Is", "IsNot") and isinstance(target.comparator, cst.Name) and target.comparator.value == "None":
                value = self.eval(test.left, state, frame)
                is_none = _is_none(value)
                if is_none is None:
                    return None
                return is_none if op == "Is" else not is_none
        value = self.eval(test, state, frame)
        if isinstance(value, Const):
            try:
                return bool(value.value)
            except Exception:
                return None
        if isinstance(value, (Function, ClassInfo, TorchModule, Instance)) and not (
                isinstance(value, Instance) and value.cls.find_method("__bool__")):
            return True
        return None

    # ------------------------------------------------------------------ calls

    def expr_Call(self, node: cst.Call, state: State, frame: Frame, in_with: bool = False) -> Value:
        func = node.func
        receiver = None
        if isinstance(func, cst.Attribute):
            receiver = self.eval(func.value, state, frame)
        else:
            callee = self.eval(func, state, frame)
        args, kwargs, has_star = [], {}, False
        for arg in node.args:
            value = self.eval(arg.value, state, frame)
            if arg.star:
                has_star = True
            elif arg.keyword is not None:
                kwargs[arg.keyword.value] = value
            else:
                args.append(value)
        if isinstance(func, cst.Attribute):
            name = func.attr.value
            if isinstance(receiver, Tensor):
                return self.tensor_method(receiver, name, args, kwargs, node, func.attr, state, has_star)
            callee = self.attribute(receiver, name, func, state, frame)
            if is_unknown(callee):
                return self.unknown_method(receiver, name, args, kwargs, node, state, frame)
            name_node = func.attr
        else:
            name_node = func
        return self.call_value(callee, args, kwargs, node, name_node, state, frame, has_star, in_with)

    def tensor_method(self, tensor: Tensor, name: str, args, kwargs, node, name_node, state: State,
                      has_star: bool) -> Value:
        call = Call(node, name, tensor, list(args), dict(kwargs), state.grad, has_star)
        if name_node is not None:
            self.emit(Kind.METHOD, name, name_node, call.grad_enabled, call=call)
        if name == "requires_grad_":
            flag = transfer.as_bool(call.arg(0, "requires_grad")) if call.arg(0, "requires_grad") is not None else True
            return self.set_requires_grad(state, tensor, Tri.of(flag), node)
        op = torch_api.METHODS.get(name)
        result = op(call) if op is not None else UNKNOWN
        if name.endswith("_") and not name.startswith("__") and isinstance(result, Tensor):
            self.changed(state, tensor, result, in_place=True)
            return result
        return linked(name, tensor, result, state.grad)

    def unknown_method(self, receiver: Value, name: str, args, kwargs, node, state: State, frame: Frame) -> Value:
        """Methods of modules and containers that are not in the file."""
        if isinstance(receiver, (TorchModule, Instance)):
            if name in ("parameters", "buffers") or (name == "named_parameters"):
                element = self.parameter_tensor(self.combined_state(receiver))
                if name == "named_parameters":
                    element = Seq((UNKNOWN, element), "tuple")
                return ParamIterator(element)
            if name in ("eval", "train", "to", "cuda", "cpu", "float", "double", "half", "bfloat16", "type",
                        "requires_grad_", "zero_grad", "apply"):
                if name == "requires_grad_":
                    given = args[0] if args else kwargs.get("requires_grad", Const(True))
                    self.update_module(receiver, set(), requires_grad=Tri.of(transfer.as_bool(given)))
                elif name not in ("eval", "train", "zero_grad", "cuda", "cpu"):
                    self.update_module(receiver, set(), dtype=_module_dtype(name, args, kwargs))
                return receiver if name != "zero_grad" else Const(None)
            if name == "forward":
                return self.call_value(receiver, args, kwargs, node, None, state, frame, False)
            return UNKNOWN
        if isinstance(receiver, Seq) and receiver.kind == "list" and name in _LIST_MUTATORS:
            self.rebind(state, receiver, UNKNOWN)
            return UNKNOWN
        if name == "requires_grad_" and is_unknown(receiver):
            self.unknown_freeze = True
        return UNKNOWN

    def update_module(self, module: Value, seen: set, requires_grad: Optional[Tri] = None,
                      dtype: Optional[str] = None) -> None:
        """`module.requires_grad_(flag)`, `module.double()`: every parameter under the
        module, its layers' and its own `nn.Parameter` attributes. Module facts are
        shared by every path, so the change is joined in, never set."""
        if id(module) in seen:
            return
        seen.add(id(module))
        state = module.state
        if requires_grad is not None:
            state.params_require_grad = state.params_require_grad.join(requires_grad)
        if dtype is not None and dtype != state.params_dtype:
            state.params_dtype = _join_dtype(state.params_dtype, dtype)
        children = list(module.args) if isinstance(module, TorchModule) else []
        if isinstance(module, Instance):
            for name, value in list(module.attrs.items()):
                if isinstance(value, Tensor) and value.is_param_of is not None:
                    flag = value.requires_grad if requires_grad is None else value.requires_grad.join(requires_grad)
                    kind = value.dtype if dtype is None or dtype == value.dtype else _join_dtype(value.dtype, dtype)
                    module.attrs[name] = value.with_(requires_grad=flag, dtype=kind,
                                                     grad_origin=value.grad_origin if flag is YES else None)
                else:
                    children.append(value)
        for child in children:
            if isinstance(child, (TorchModule, Instance)):
                self.update_module(child, seen, requires_grad, dtype)

    def combined_state(self, module: Value) -> ModuleState:
        """Parameters of a user module: its own, and those of the layers it holds."""
        if not isinstance(module, Instance):
            return module.state
        combined = ModuleState()
        combined.params_require_grad = module.state.params_require_grad
        for value in module.attrs.values():
            if isinstance(value, (TorchModule, Instance)) and value is not module:
                sub = value.state if isinstance(value, TorchModule) else value.state
                combined.params_require_grad = combined.params_require_grad.join(sub.params_require_grad)
        return combined

    def call_value(self, callee: Value, args, kwargs, node, name_node, state: State, frame: Frame,
                   has_star: bool, in_with: bool = False) -> Value:
        if isinstance(callee, TorchRef):
            return self.torch_call(callee.qualname, args, kwargs, node, name_node, state, has_star, in_with)
        if isinstance(callee, Function):
            if has_star:
                return UNKNOWN
            kind = self.method_kind(callee)
            owner = getattr(callee, "owner", None)
            receiver = owner if kind == "classmethod" else None
            return self.invoke(callee, receiver, args, kwargs, node, state.grad, caller=state)
        if isinstance(callee, BoundMethod):
            if has_star:
                return UNKNOWN
            return self.invoke(callee.function, callee.receiver, args, kwargs, node, state.grad, caller=state)
        if isinstance(callee, ClassInfo):
            if has_star:
                return UNKNOWN
            return self.instantiate(callee, args, kwargs, node, state.grad, caller=state)
        if isinstance(callee, TorchModule):
            from .modules import call_torch_module

            return call_torch_module(self, callee, args, kwargs, node, state, frame)
        if isinstance(callee, Instance):
            method = callee.cls.find_method("forward" if callee.cls.is_module else "__call__")
            if method is None or has_star or not callee.cls.known_bases:
                return UNKNOWN
            return self.invoke(method, callee, args, kwargs, node, state.grad, caller=state)
        if isinstance(callee, Builtin):
            return self.builtin_call(callee.name, args, kwargs, state, frame)
        return UNKNOWN

    def torch_call(self, qualname: str, args, kwargs, node, name_node, state: State, has_star: bool,
                   in_with: bool) -> Value:
        qualname = _canonical(qualname)
        if qualname in torch_api.GRAD_MODE:
            enabled = torch_api.GRAD_MODE[qualname]
            if qualname == "torch.inference_mode" and args and transfer.as_bool(args[0]) is False:
                return GradModeContext(state.grad, qualname)
            return GradModeContext(YES if enabled else NO, qualname)
        if qualname in torch_api.SET_DEFAULT_DTYPE:
            transfer.default_dtype_changed()
        if qualname in torch_api.SET_GRAD_ENABLED:
            flag = transfer.as_bool(args[0]) if args else None
            mode = Tri.of(flag)
            if not in_with:
                state.grad = mode
            return GradModeContext(mode, qualname)
        call = Call(node, qualname, None, list(args), dict(kwargs), state.grad, has_star)
        if name_node is not None:
            self.emit(Kind.FUNCTION, qualname, name_node, call.grad_enabled, call=call)
        short = qualname.rsplit(".", 1)[-1]
        if qualname.startswith("torch.nn.") and qualname.count(".") == 2 and (
                short in torch_api.LAYERS or short in torch_api.ACTIVATIONS or short in torch_api.LOSSES
                or short in torch_api.CONTAINERS):
            module = TorchModule(qualname, tuple(args), tuple(kwargs.items()))
            module.state.params_dtype = transfer.resolve_dtype(dtype_from_kwargs(kwargs))
            return module
        op = torch_api.FUNCTIONS.get(qualname)
        if op is None:
            return UNKNOWN
        short_name = qualname[len("torch."):] if qualname.startswith("torch.") else qualname
        if short_name in torch_api.FUNCTION_FORMS and args and isinstance(args[0], Tensor):
            call = Call(node, short_name, args[0], list(args[1:]), dict(kwargs), state.grad, has_star)
            return linked(short_name, args[0], op(call), state.grad)
        elif short_name in torch_api.FUNCTION_FORMS:
            return UNKNOWN
        return op(call)

    def builtin_call(self, name: str, args, kwargs, state: State, frame: Frame) -> Value:
        if name == "len" and len(args) == 1:
            value = args[0]
            if isinstance(value, Seq):
                return Const(len(value.items))
            if isinstance(value, Tensor) and value.shape:
                return transfer.dim_value(value.shape[0])
            return NUMBER if isinstance(value, Tensor) else UNKNOWN
        if name in ("float", "int", "round", "abs", "number"):
            return NUMBER
        if name == "range":
            return Builtin("range-object")
        if name == "super":
            if frame.cls is not None and frame.receiver is not None:
                return SuperRef(frame.cls, frame.receiver)
            return UNKNOWN
        if name == "enumerate" and args:
            element = self.element_of(args[0])
            return _Iterable(Seq((NUMBER, element), "tuple"))
        if name in ("tuple", "list") and len(args) == 1 and isinstance(args[0], Seq):
            return Seq(args[0].items, name)
        if name == "isinstance":
            return UNKNOWN
        if name == "noop":
            return Const(None)
        return UNKNOWN

    def element_of(self, iterable: Value) -> Value:
        if isinstance(iterable, ParamIterator):
            return iterable.element
        if isinstance(iterable, _Iterable):
            return iterable.element
        if isinstance(iterable, Builtin) and iterable.name == "range-object":
            return NUMBER
        if isinstance(iterable, Pieces):
            return iterable.first.join(iterable.last)
        if isinstance(iterable, Seq) and iterable.items:
            element = iterable.items[0]
            for item in iterable.items[1:]:
                element = element.join(item)
            return element
        return UNKNOWN

    # ------------------------------------------------------------------ user functions and classes

    def method_kind(self, function: Function) -> str:
        for decorator in getattr(function, "decorators", ()):
            if isinstance(decorator, Builtin) and decorator.name in ("staticmethod", "classmethod", "property"):
                return decorator.name
        if getattr(function, "owner", None) is None:
            return "function"
        return "method"

    def decorated_grad_mode(self, function: Function) -> Optional[Tri]:
        """The grad mode a decorator imposes, or None; "opaque" decorators stop interpretation."""
        mode = None
        for decorator in getattr(function, "decorators", ()):
            if isinstance(decorator, GradModeContext):
                mode = decorator.enabled
            elif isinstance(decorator, TorchRef) and decorator.qualname in torch_api.GRAD_MODE:
                mode = YES if torch_api.GRAD_MODE[decorator.qualname] else NO
        return mode

    def opaque(self, function: Function) -> bool:
        """A decorator we do not know may replace the function entirely."""
        for decorator in getattr(function, "decorators", ()):
            if isinstance(decorator, GradModeContext):
                continue
            if isinstance(decorator, TorchRef) and decorator.qualname in torch_api.GRAD_MODE:
                continue
            if isinstance(decorator, Builtin) and decorator.name in ("staticmethod", "classmethod", "property"):
                continue
            return True
        return False

    def invoke(self, function: Function, receiver: Optional[Value], args, kwargs, call_node, grad: Tri,
               standalone: bool = False, caller: Optional[State] = None) -> Value:
        node = function.node
        if not standalone and (self.opaque(function) or len(self.call_stack) >= MAX_CALL_DEPTH
                               or any(active is node for active, _ in self.call_stack)):
            return UNKNOWN
        entry_grad = self.decorated_grad_mode(function) or grad
        key = None
        if not standalone:
            try:
                key = (node, receiver if not isinstance(receiver, Instance) else id(receiver), tuple(args),
                       tuple(sorted(kwargs.items(), key=lambda kv: kv[0])), entry_grad,
                       # facts outside the arguments that a call's result depends on
                       self.unknown_freeze, dims.generation())
                hash(key)
            except TypeError:
                key = None
            if key is not None and key in self.memo:
                result, recorded = self.memo[key]
                for action in recorded:  # as the call would record again (each finding is kept once)
                    self.act(action)
                return result
        state = State(grad=entry_grad)
        bound = self.bind_params(function, receiver, args, kwargs, state, standalone)
        if not bound:
            return UNKNOWN
        if not standalone:
            self.invoked.add(node)
        # each tensor argument under a hidden name too: a change in place rebinds it
        # on its path even when the parameter's name is bound to something else
        arguments = {name: value for name, value in state.names.items() if isinstance(value, Tensor)}
        for name, value in arguments.items():
            state.bind(_argument_key(name), value)
        frame = Frame(function, function.scope, cls=getattr(function, "owner", None), receiver=receiver)
        self.call_stack.append((node, call_node))
        try:
            with self.holding() as recorded:  # kept with the memo entry
                end = self.exec_block(node.body.body, state, frame)
                if Kind.FUNCTION_END in self.kinds:
                    exits = [s for _, s in frame.returns] + ([end] if end is not None else [])
                    self.body_end(Kind.FUNCTION_END, function.qualname, node, join_all(exits))
        finally:
            self.call_stack.pop()
        self.release(recorded)
        results = [value for value, _ in frame.returns]
        if end is not None:
            results.append(Const(None))
        result: Value = results[0] if results else UNKNOWN
        for value in results[1:]:
            result = result.join(value)
        if node in self.facts.generators:
            result = UNKNOWN
        self.last_exit_states = [s for _, s in frame.returns] + ([end] if end is not None else [])
        effects = self.argument_effects(arguments, self.last_exit_states)
        if caller is not None:
            for old, new in effects:
                self.changed(caller, old, new, in_place=None)
        if key is not None and not effects:
            self.memo[key] = (result, recorded)
        return result

    @staticmethod
    def argument_effects(arguments: dict, exits: list) -> list:
        """(argument, its value after the call) for each tensor argument the call changed
        in place: `t.requires_grad_(False)` in the callee holds for the caller's tensor."""
        effects = []
        for name, before in arguments.items():
            after = None
            for state in exits:
                value = state.names.get(_argument_key(name), before)
                after = value if after is None else after.join(value)
            if after is not None and after is not before:
                effects.append((before, after))
        return effects

    def bind_params(self, function: Function, receiver, args, kwargs, state: State, standalone: bool) -> bool:
        params = function.node.params
        positional = list(params.posonly_params) + list(params.params)
        values = list(args)
        if receiver is not None and positional:
            state.bind(positional[0].name.value, receiver)
            positional = positional[1:]
        defaults = getattr(function, "defaults", {})
        for param in positional:
            name = param.name.value
            if values:
                state.bind(name, values.pop(0))
            elif name in kwargs:
                state.bind(name, kwargs.pop(name))
            elif standalone:
                state.bind(name, Opaque(name))
            elif name in defaults:
                state.bind(name, defaults[name])
            else:
                return False
        if values and not isinstance(params.star_arg, cst.Param):
            return standalone
        if isinstance(params.star_arg, cst.Param):
            state.bind(params.star_arg.name.value, UNKNOWN)
        for param in params.kwonly_params:
            name = param.name.value
            if name in kwargs:
                state.bind(name, kwargs.pop(name))
            elif name in defaults and not standalone:
                state.bind(name, defaults[name])
            else:
                state.bind(name, Opaque(name))
        if params.star_kwarg is not None:
            state.bind(params.star_kwarg.name.value, UNKNOWN)
        elif kwargs and not standalone:
            return False
        return True

    def instantiate(self, cls: ClassInfo, args, kwargs, call_node, grad: Tri, standalone: bool = False,
                    caller: Optional[State] = None) -> Value:
        if not cls.known_bases:
            return UNKNOWN
        instance = Instance(cls, {})
        init = cls.find_method("__init__")
        if init is None:
            return instance
        self.constructing.append(instance)
        try:
            self.invoke(init, instance, args, kwargs, call_node, grad, standalone=standalone, caller=caller)
            exits = getattr(self, "last_exit_states", [])
        finally:
            self.constructing.pop()
        final = join_all(exits)
        if final is not None:
            prefix = _attr_key(instance, "")
            for key, value in final.names.items():
                if key.startswith(prefix):
                    instance.attrs[key[len(prefix):]] = value
        return instance

    # ------------------------------------------------------------------ events

    def emit(self, kind: str, name: str, node, grad: Tri, **values) -> None:
        """Tell the rules subscribed to (kind, name) or to every name of the kind."""
        named = self.subscriptions.get((kind, name))
        every = self.subscriptions.get((kind, None))
        if not named and not every:
            return
        via = self.call_stack[0][1] if self.call_stack and self.call_stack[0][1] is not None else None
        event = Event(kind, name, node, grad, via=via, **values)
        for subscriber in (named or []) + (every or []):
            # judged now, with the facts as they are at this call; only recording
            # the finding waits for the loop round to be known as the fixed point
            record = subscriber(event)
            if record is not None:
                self.act(record)


_EXPR_HANDLERS: dict = {}  # libcst node type -> Interpreter.expr_<type>, or None
_UNSEEN = object()


class _Iterable(Value):
    def __init__(self, element: Value) -> None:
        self.element = element


_LIST_MUTATORS = {"append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse", "__setitem__"}

_BIN_OPS = {
    "Add": "add", "Subtract": "sub", "Multiply": "mul", "Divide": "truediv", "FloorDivide": "floordiv",
    "Modulo": "mod", "Power": "pow", "MatrixMultiply": "matmul", "BitAnd": "and", "BitOr": "or",
    "BitXor": "xor",
}
_COMPARE_OPS = {
    "LessThan": "lt", "LessThanEqual": "le", "GreaterThan": "gt", "GreaterThanEqual": "ge",
    "Equal": "eq", "NotEqual": "ne",
}
_MIRRORED = {"lt": "gt", "le": "ge", "gt": "lt", "ge": "le", "eq": "eq", "ne": "ne"}
_COMPARE = {
    "lt": lambda a, b: a < b, "le": lambda a, b: a <= b, "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b, "eq": lambda a, b: a == b, "ne": lambda a, b: a != b,
}
_AUG_OPS = {f"{k}Assign": v for k, v in _BIN_OPS.items()}

_CANONICAL = {
    "torch.nn.modules.linear.Linear": "torch.nn.Linear",
    "torch.functional.F": "torch.nn.functional",
    "torch.Tensor.backward": "torch.autograd.backward",
}


def _canonical(qualname: str) -> str:
    return _CANONICAL.get(qualname, qualname)


def _number_op(op: str, left: Value, right: Value) -> Value:
    if isinstance(left, Const) and isinstance(right, Const):
        a, b = left.value, right.value
        if type(a) in (int, float) and type(b) in (int, float):
            try:
                if op == "pow" and abs(b) > 64:
                    return NUMBER
                result = {"add": lambda: a + b, "sub": lambda: a - b, "mul": lambda: a * b,
                          "truediv": lambda: a / b, "floordiv": lambda: a // b, "mod": lambda: a % b,
                          "pow": lambda: a ** b}.get(op)
                return Const(result()) if result is not None else UNKNOWN
            except (ArithmeticError, ValueError, TypeError):
                return UNKNOWN
        return UNKNOWN
    opaque = isinstance(left, Opaque) or isinstance(right, Opaque)
    a, b = transfer.size_dim(left), transfer.size_dim(right)
    if opaque and a is not None and b is not None and op in ("mul", "floordiv"):
        # `C // self.n_head` with n_head unknown: a size if used as one, else unknown
        size = a * b if op == "mul" else dims.quotient(a, b)
        return Opaque("size", size) if size is not None else UNKNOWN
    if a is not None and b is not None and (op in ("mul", "floordiv")):
        if op == "mul":
            product = a * b
        else:
            product = dims.quotient(a, b)
            if product is None:
                return NUMBER
        return Const(product.as_int()) if product.is_int() else SymInt(product)
    if all(isinstance(v, (Const, SymInt)) or v is NUMBER for v in (left, right)):
        return NUMBER
    return UNKNOWN


def _is_none(value: Value) -> Optional[bool]:
    if isinstance(value, Const):
        return value.value is None
    if isinstance(value, (Tensor, Seq, TorchModule, Instance, Function, SymInt)) or value is NUMBER:
        return False
    return None


def _module_dtype(name: str, args, kwargs) -> Optional[str]:
    """The dtype `module.<name>(...)` converts parameters to, the kind "float" when
    it cannot be told, None when it keeps them."""
    if name in ("float", "double", "half", "bfloat16"):
        return torch_api.CASTS[name]
    given = [transfer.dtype_from(v) for v in list(args) + list(kwargs.values())]
    if any(given):
        return next(d for d in given if d)
    values = list(args) + list(kwargs.values())
    if name == "to" and all(isinstance(v, Const) and isinstance(v.value, str) for v in values):
        return None  # a device
    return "float"


def _join_dtype(a: Optional[str], b: Optional[str]) -> str:
    return a if a == b else "float"


def dtype_from_kwargs(kwargs: dict) -> str:
    named = transfer.dtype_from(kwargs.get("dtype"))
    return named if named else transfer.DEFAULT_FLOAT


def _number(text: str, kind: type) -> Optional[Const]:
    """A number literal's value from its text; None for a form only Python's parser reads."""
    try:
        return Const(int(text, 0) if kind is int else kind(text))
    except ValueError:
        return None


def linked(name: str, source: Value, result: Value, grad: Tri) -> Value:
    """The result of op `name` on `source` (in grad mode `grad`), linked to source's base
    when it is a view of it."""
    if isinstance(result, Seq):
        return Seq(tuple(linked(name, source, item, grad) for item in result.items), result.kind)
    if isinstance(result, Pieces):
        return Pieces(linked(name, source, result.first, grad), linked(name, source, result.last, grad))
    if not isinstance(result, Tensor) or not isinstance(source, Tensor) or result is source:
        return result
    hint = result.view_base
    if hint is VIEW or hint is MAYBE_VIEW:
        kind = hint
    elif hint is COPY:
        kind = None
    else:
        kind = VIEW if name in torch_api.VIEWS else None
    if result.leaf is not MAYBE:
        result = result.with_(leaf=MAYBE)  # the result of an op, not the tensor it was made from
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


def visible_names(state: State) -> dict:
    """The names the code bound, without the interpreter's hidden keys."""
    return {k: v for k, v in state.names.items() if not k.startswith("\0")}


def _argument_key(name: str) -> str:
    return f"\0argument.{name}"


def _attr_key(instance: Instance, name: str) -> str:
    return f"\0{id(instance)}.{name}"


def _mro(cls: ClassInfo):
    yield cls
    for base in cls.bases:
        yield from _mro(base)


def _dotted(node) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""
