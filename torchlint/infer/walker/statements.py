"""Statements: blocks, branches, loops to a fixed point, with, try, definitions, imports.

Each statement maps an abstract `State` to the next (None: unreachable). This is
Python's semantics only; what torch does is asked of `self.torch`.
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from .. import syntax
from ..events import Kind
from ..knowledge import roles
from ..state import State, join, join_all
from ..values import UNKNOWN, ClassInfo, Const, Function, GradModeContext, ProjectModule, TorchRef, Value
from .frame import (
    MAX_LOOP_ROUNDS, NUMBER_MODULES, Builtin, Frame, PyModule, dotted, forget_written,
    items_one_by_one,
)


class Statements:
    """The statement half of the interpreter (a mixin of `Interpreter`)."""

    def exec_block(self, body, state: Optional[State], frame: Frame, top: bool = False) -> Optional[State]:
        for stmt in body:
            if state is None:
                return None
            if top:
                self.set_globals(state)
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
            if self.truth(small.test, state, frame) is None:
                self.narrow(small.test, state, frame, True)  # past the assert, it holds
            return state
        if isinstance(small, cst.Import):
            for alias in small.names:
                self.bind_import(alias, None, state)
            return state
        if isinstance(small, cst.ImportFrom):
            self.import_from(small, state)
            return state
        if isinstance(small, cst.Del):
            self.forget_targets(small.target, state, frame)
            return state
        if isinstance(small, (cst.Global, cst.Nonlocal)):
            for item in small.names:
                state.bind(item.name.value, UNKNOWN)
            return state
        return state

    def stmt_Match(self, stmt: cst.Match, state: State, frame: Frame) -> Optional[State]:
        """Each case a branch: its pattern's names unknown, its guard evaluated; and the
        path where no case matches, unless the last case always does."""
        self.eval(stmt.subject, state, frame)
        ends = []
        for case in stmt.cases:
            entry = state.copy()
            for name in syntax.pattern_names(case.pattern):
                entry.bind(name, UNKNOWN)
            if case.guard is not None:
                self.eval(case.guard, entry, frame)
            ends.append(self.exec_block(case.body.body, entry, frame))
        last = stmt.cases[-1] if stmt.cases else None
        always = last is not None and last.guard is None and isinstance(last.pattern, cst.MatchAs) \
            and last.pattern.pattern is None  # `case _:` or `case name:`
        if not always:
            ends.append(state.copy())
        return join_all(ends)

    def stmt_unknown(self, stmt, state: State, frame: Frame) -> State:
        """Statements not modelled (match, async for...): names they bind become unknown."""
        self.forget_assigned(stmt, state)
        return state

    def stmt_If(self, stmt: cst.If, state: State, frame: Frame) -> Optional[State]:
        truth = self.truth(stmt.test, state, frame)
        then_state = None
        if truth is not False:
            then_state = state.copy()
            if truth is None:
                self.narrow(stmt.test, then_state, frame, True)
            then_state = self.exec_block(stmt.body.body, then_state, frame)
        else_state: Optional[State] = state.copy() if truth is not True else None
        if else_state is not None and truth is None:
            self.narrow(stmt.test, else_state, frame, False)
        if else_state is not None and stmt.orelse is not None:
            if isinstance(stmt.orelse, cst.If):
                else_state = self.stmt_If(stmt.orelse, else_state, frame)
            else:
                else_state = self.exec_block(stmt.orelse.body.body, else_state, frame)
        return join(then_state, else_state)

    def stmt_For(self, stmt: cst.For, state: State, frame: Frame) -> Optional[State]:
        iterable = self.eval(stmt.iter, state, frame)
        element = self.element_of(iterable, stmt.iter, state)
        self.emit(Kind.ITERATE, "", stmt.iter, state.grad, target=iterable, value=element)
        items = items_one_by_one(iterable, stmt.iter)
        if items is not None:
            return self.unrolled(stmt, items, state, frame)

        def body(entry: State) -> Optional[State]:
            self.assign(stmt.target, element, entry, frame, None)
            self.round_opens(entry, stmt)
            return self.round_end("for", stmt, self.exec_block(stmt.body.body, entry, frame), frame)

        after = self.loop(stmt, body, state, frame, at_least_once=self.runs_at_least_once(stmt.iter, state, frame))
        if stmt.orelse is not None and after is not None:
            after = self.exec_block(stmt.orelse.body.body, after, frame)
        return after

    def runs_at_least_once(self, iterable, state: State, frame: Frame) -> bool:
        """`range(3)`, `range(1, n_epochs)` with the bounds known: a loop over it runs its
        body at least once, so what the body binds is bound after it."""
        if not (isinstance(iterable, cst.Call) and isinstance(iterable.func, cst.Name)
                and iterable.func.value == "range" and 1 <= len(iterable.args) <= 2
                and all(a.keyword is None and not a.star for a in iterable.args)):
            return False
        found = self.lookup("range", state, frame)
        if not (isinstance(found, Builtin) and found.name == "range"):
            return False  # a `range` of the file's own
        bounds = [self.eval(a.value, state, frame) for a in iterable.args]
        if not all(isinstance(b, Const) and type(b.value) is int for b in bounds):
            return False
        start, stop = (0, bounds[0].value) if len(bounds) == 1 else (bounds[0].value, bounds[1].value)
        return stop > start

    def unrolled(self, stmt: cst.For, items: tuple, state: State, frame: Frame) -> Optional[State]:
        """`for k in (1, 5):` (a tuple, or a list written there, that the body cannot
        change): each round runs with its own item, in order, as Python runs them, so
        the round with k = 5 is checked with k = 5, not with what 1 and 5 share."""
        current: Optional[State] = state
        breaks: list = []
        for item in items:
            if current is None:
                break
            entry = current.copy()
            self.assign(stmt.target, item, entry, frame, None)
            frame.loops.append(([], []))
            self.round_opens(entry, stmt)
            out = self.round_end("for", stmt, self.exec_block(stmt.body.body, entry, frame), frame)
            round_breaks, continues = frame.loops.pop()
            breaks += round_breaks
            current = join_all([out] + continues)
        if stmt.orelse is not None and current is not None:
            current = self.exec_block(stmt.orelse.body.body, current, frame)
        return join_all(breaks + [current])

    def stmt_While(self, stmt: cst.While, state: State, frame: Frame) -> Optional[State]:
        # only `while True:` never ends by its test: `while n < 3:` holds on entry, not on every round
        test = stmt.test
        forever = self.truth(test, state, frame) is True and (
            isinstance(test, cst.Integer) or isinstance(test, cst.Name) and test.value == "True")

        def body(entry: State) -> Optional[State]:
            if self.truth(stmt.test, entry, frame) is False:
                return None
            self.round_opens(entry, stmt)
            return self.round_end("while", stmt, self.exec_block(stmt.body.body, entry, frame), frame)

        after = self.loop(stmt, body, state, frame, exits_normally=not forever)
        if stmt.orelse is not None and after is not None:
            after = self.exec_block(stmt.orelse.body.body, after, frame)
        return after

    def loop(self, node, body, state: State, frame: Frame, exits_normally: bool = True,
             at_least_once: bool = False) -> Optional[State]:
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
            if next_entry is not None:
                self.torch.loop_round_carried(next_entry, [out] + continues, node)
            if next_entry == entry:
                converged = (out, breaks, continues, actions)
                break
            entry = next_entry if round_ < MAX_LOOP_ROUNDS - 1 else entry.widen(next_entry)
        if converged is not None:
            out, breaks, continues, actions = converged
            self.release(actions)
        else:
            self.budget.loops_widened.add(node)
            frame.loops.append(([], []))
            out = body(entry.copy())
            breaks, continues = frame.loops.pop()
        # the loop may end before its first round, unless it is known to run one
        ends = [out] + continues if at_least_once else [entry, out] + continues
        exit_states = breaks + ([join_all(ends)] if exits_normally else [])
        return join_all(exit_states)

    def round_opens(self, entry: State, loop) -> None:
        """A round of the loop starts: from here, what it does is marked (when a rule asks)."""
        if Kind.LOOP_END in self.kinds:
            self.torch.round_opens(entry, loop)

    def round_end(self, name: str, loop, end: Optional[State], frame: Frame) -> Optional[State]:
        """A round of the loop ran to its end: tell the rules, with the names bound there and
        what the round did (on the path that ends it, and on any of its paths: the continues
        and breaks of this round too)."""
        if Kind.LOOP_END not in self.kinds:
            return end
        breaks, continues = frame.loops[-1] if frame.loops else ([], [])
        effects = self.torch.round_closes([end, *continues, *breaks], loop)
        if end is not None:
            self.emit(Kind.LOOP_END, name, loop, end.grad, names=dict(end.names), effects=effects)
        return end

    def body_end(self, kind: str, name: str, node, end: Optional[State]) -> Optional[State]:
        """Tell the rules a body ran to its end, with the names bound there."""
        if end is not None and kind in self.kinds:
            self.emit(kind, name, node, end.grad, names=dict(end.names))  # the heap is the interpreter's own
        return end

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

    def define_function(self, stmt, state: State, frame: Frame, owner) -> Value:
        """A def (or a lambda: no name, its body an expression) as a Function value."""
        name = stmt.name.value if isinstance(stmt, cst.FunctionDef) else "<lambda>"
        qual = name if frame.function is None else f"{frame.function.qualname}.{name}"
        closure = None if frame.function is None and owner is None else {**frame.closure, **state.names}
        if frame.function is not None and owner is None:
            # Python reads an enclosing function's names when the nested one is called:
            # a name bound there again (or not yet) is not known from here
            bound, again = self.facts.bindings(frame.function.node)
            closure = {**frame.closure, **{n: UNKNOWN for n in bound},
                       **{n: v for n, v in state.names.items() if n not in again}}
        defaults = self.eval_defaults(stmt, state, frame)
        if isinstance(stmt, cst.Lambda):
            return Function(stmt, closure, qual, owner, defaults)  # analysed where it is called, never alone
        decorators = tuple(self.eval(d.decorator, state, frame) for d in stmt.decorators)
        function = Function(stmt, closure, qual, owner, defaults, decorators, self.eval_annotations(stmt, state, frame),
                            home=self.here)
        if stmt.asynchronous is None:
            # analysed on its own later, with the closure of the run that reports
            seen = self.functions_seen if self.here is None else self.caller_functions if \
                self.here in self.project_callers else None
            if seen is not None and stmt not in seen:
                self.act(lambda: seen.setdefault(stmt, function))
        return function

    def eval_annotations(self, stmt: cst.FunctionDef, state: State, frame: Frame) -> dict:
        """The values of the parameters' annotations that are a plain name (`Tensor`,
        `torch.Tensor`): a subscript (`Optional[...]`), a union or a string says less."""
        annotations = {}
        params = stmt.params
        for param in list(params.posonly_params) + list(params.params) + list(params.kwonly_params):
            if param.annotation is not None and isinstance(param.annotation.annotation, (cst.Name, cst.Attribute)):
                annotations[param.name.value] = self.eval(param.annotation.annotation, state, frame)
        return annotations

    def exec_body(self, function: Function, state: State, frame: Frame) -> Optional[State]:
        """Run a function's body; a lambda's is one expression, which it returns."""
        node = function.node
        if isinstance(node, cst.Lambda):
            frame.returns.append((self.eval(node.body, state, frame), state))
            return None
        return self.exec_block(node.body.body, state, frame)

    def eval_defaults(self, stmt: cst.FunctionDef, state: State, frame: Frame) -> dict:
        defaults = {}
        params = stmt.params
        for param in list(params.posonly_params) + list(params.params) + list(params.kwonly_params):
            if param.default is not None:
                defaults[param.name.value] = self.eval(param.default, state, frame)
        return defaults

    def stmt_ClassDef(self, stmt: cst.ClassDef, state: State, frame: Frame) -> State:
        bases = [self.eval(arg.value, state, frame) for arg in stmt.bases]
        # `class S(object)` is `class S`; a keyword (metaclass=...) stays an unknown base
        bases = [b for b, arg in zip(bases, stmt.bases) if arg.keyword is not None or not (
            isinstance(b, Builtin) and b.name == "object")]
        user_bases = tuple(b for b in bases if isinstance(b, ClassInfo))
        is_module, known_bases = self.torch.class_facts(bases)
        info = ClassInfo(stmt, stmt.name.value, {}, {}, is_module, user_bases, known_bases,
                         self.facts.volatile_attributes(stmt),
                         roles.roles_of(bases, [dotted(arg.value) for arg in stmt.bases]))
        class_state = State(grad=state.grad)
        class_frame = Frame(frame.function, {**frame.closure, **state.names}, cls=info)
        for item in stmt.body.body:
            if isinstance(item, cst.FunctionDef):
                info.methods[item.name.value] = self.define_function(item, class_state, class_frame, owner=info)
            elif isinstance(item, cst.SimpleStatementLine):
                self.exec_stmt(item, class_state, class_frame)
        for name, value in class_state.names.items():
            info.class_attrs[name] = value
        if is_module and "forward" in info.methods:
            self.module_forwards.add(info.methods["forward"].node)
        state.bind(stmt.name.value, info)
        return state

    def forget_targets(self, target, state: State, frame: Frame) -> None:
        if isinstance(target, cst.Name):
            state.names.pop(target.value, None)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self.forget_targets(element.value, state, frame)
        elif isinstance(target, cst.Subscript):  # `del d["loss"]`, `del outs[0]`: its items not known now
            self.forget_containers([self.eval(target.value, state, frame)], state)
        elif isinstance(target, cst.Attribute):  # `del self.hidden`
            forget_written(state, target.attr.value)

    def forget_assigned(self, node, state: State) -> None:
        """Every name a statement may bind becomes unknown."""
        for name in syntax.assigned_names(node):
            state.bind(name, UNKNOWN)

    def bind_import(self, alias: cst.ImportAlias, module: Optional[str], state: State) -> None:
        name = dotted(alias.name)
        if alias.asname is not None:
            bound = alias.asname.name.value
            state.bind(bound, self.module_value(name, known_only=not self.uses_name(bound)))
        else:
            head = name.split(".")[0]
            state.bind(head, self.module_value(head, known_only=head != name or not self.uses_name(head)))

    def module_value(self, name: str, known_only: bool = False) -> Value:
        if name == "torch" or name.startswith("torch."):
            return TorchRef(name)
        if name in NUMBER_MODULES or name in ("numpy", "copy"):
            return PyModule(name)
        if not known_only:
            path = self.project_module(name, 0)
            if path is not None:
                return ProjectModule(self.load_module(path))
        return UNKNOWN

    def project_module(self, name: str, level: int) -> Optional[str]:
        """The project file a module name stands for here, or None (not the project's)."""
        if self.project is None or (level == 0 and (name == "torch" or name.startswith("torch."))):
            return None
        return self.project.resolve(self.here, name, level)

    def import_from(self, stmt: cst.ImportFrom, state: State) -> None:
        level = len(stmt.relative)
        base = dotted(stmt.module) if stmt.module is not None else ""
        if isinstance(stmt.names, cst.ImportStar):
            return
        aliases = [(dotted(a.name), a.asname.name.value if a.asname is not None else dotted(a.name))
                   for a in stmt.names]
        if not level and (base == "torch" or base.startswith("torch.") or base in NUMBER_MODULES
                          or base in ("numpy", "copy")):
            for name, bound in aliases:
                state.bind(bound, Builtin("number") if base in NUMBER_MODULES else Builtin(f"{base}.{name}")
                           if base in ("numpy", "copy") else TorchRef(f"{base}.{name}"))
            return
        # a module of the project is read only for the names this file calls or subclasses:
        # the rest of what it defines would change no fact here, and reading costs a parse
        wanted = [name for name, bound in aliases if self.uses_name(bound)]
        path = self.project_module(base, level) if wanted else None
        names = self.load_module(path, wanted) if path is not None else {}
        package = path is None or path.endswith("__init__.py")
        for name, bound in aliases:
            value = names.get(name, UNKNOWN) if name in wanted else UNKNOWN
            if value is UNKNOWN and package and name in wanted:
                # `from . import model`, `from pkg import model`: a module of the project
                submodule = self.project_module(f"{base}.{name}" if base else name, level)
                if submodule is not None:
                    value = ProjectModule(self.load_module(submodule))
            state.bind(bound, value)
