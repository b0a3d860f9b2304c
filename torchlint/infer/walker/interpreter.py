"""The abstract interpreter: walks a module, then every function, in program order.

Each statement maps an abstract `State` to the next; branches are joined;
loops run to a fixed point (bounded); calls of the file's own functions are
interpreted with the call site's values. Rules subscribe to events (calls,
assignments, with blocks, iteration, the end of a body) and are told of each
as it happens.

The walker is Python's semantics, in parts: statements, assignment,
expressions, calls. What torch does is the torch knowledge's
(`infer/knowledge`), reached through `self.torch`; the walker knows no torch
function by name beyond what that package exports.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Optional

import libcst as cst

from .. import syntax
from ..events import Event, Kind
from ..knowledge import roles
from ..knowledge.tensors import TorchSemantics
from ..run import RunFacts
from ..state import State
from ..values import (
    MAYBE,
    UNKNOWN,
    YES,
    BoundMethod,
    ClassInfo,
    Function,
    Tensor,
    Tri,
    Value,
)
from .assignment import Assignments
from .calls import Calls
from .expressions import Expressions
from .frame import MAX_STANDALONE, Frame
from .project_files import ProjectFiles
from .statements import Statements

Subscriber = Callable[[Event], Optional[Callable[[], None]]]


class Interpreter(Statements, Assignments, Expressions, Calls, ProjectFiles):
    # libcst node type -> the method that evaluates it
    EXPR_HANDLERS = {getattr(cst, name[len("expr_"):]): method for part in (Expressions, Calls)
                     for name, method in vars(part).items() if name.startswith("expr_")}

    def __init__(self, module: cst.Module, subscriptions: dict, text: Optional[str] = None,
                 project=None) -> None:
        self.module = module
        # the project's other files (torchlint.project.ProjectView), or None for a file alone
        self.project = project
        self.here: Optional[str] = None  # the project file whose code runs; None: the file checked
        self.loaded: dict = {}  # project file -> its top-level names (None while it loads)
        self.file_globals: dict = {}  # project file -> the state of its top level
        self.file_parsed: dict = {}  # project file -> its text
        self.file_uses: dict = {}  # project file (None: this one) -> syntax.used_names of its text
        self.file_wanted: dict = {}  # project file -> the names the file that imported it uses
        self.project_callers: set = set()  # the files that import this one, run as its callers
        self.caller_functions: dict = {}  # FunctionDef -> Function, of those files
        self.subscriptions = subscriptions  # (kind, name or None for every name) -> [Subscriber]
        self.kinds = {kind for kind, _ in subscriptions}
        self.globals = State()
        self.module_frame = Frame(None, None)
        self.call_stack: list = []  # [(Function node, call node)]
        self.caller_states: list = []  # the callers' states, as call_stack
        self.outer_changes = 0  # lists and dicts of a caller or the module changed by a call
        self.dict_views: dict = {}  # id(dict) -> (the dict, its keys()/values()/items() taken)
        self.written_objects: dict = {}  # id(object) -> the object of an attribute slot written on a path
        self.plain_classes: dict = {}  # id(ClassDef) -> sets no attribute by setattr, __dict__... (Calls.tracks)
        # what a loop round (or a call) would record (findings, functions to analyse
        # on their own), held until the round is known to be the fixed point; a dict
        # of actions, in order, each once: a call replayed from the memo k times
        # must not hold k copies (that grew as k to the depth of nested calls)
        self.held: list = []
        self.memo: dict = {}  # call key -> (result, what the call recorded, the arguments it was given)
        self.functions_seen: dict = {}  # FunctionDef node -> Function
        self.invoked: set = set()  # FunctionDef nodes interpreted for a call
        self.standalone_instances: dict = {}
        self.hooked: dict = {}  # FunctionDef node -> (hook kind, owner, the hook value, registration call)
        self.constructing: list = []  # instances whose __init__ is running
        self.run_facts = RunFacts()
        self.budget = self.run_facts.budget
        self.torch = TorchSemantics(self.run_facts, self.emit)
        self.facts = syntax.ModuleFacts(module, text)
        self.literals: dict = {}  # literal node -> Const
        self.module_forwards: set = set()  # FunctionDef nodes of the forward of an nn.Module subclass

    def close(self) -> None:
        """Drop this run's values. A class holds its methods and each method its class,
        so the values of a file are reference cycles holding much of its tree; broken
        here, the tree is freed at once instead of by a collector walking all of it."""
        for state in (self.globals, *self.file_globals.values()):
            for value in state.names.values():
                if isinstance(value, ClassInfo):
                    value.methods.clear()
            state.names.clear()
        self.__dict__.clear()

    def run(self) -> None:
        with self.run_facts.sizes:
            start = State(grad=YES)
            if Kind.LOOP_END in self.kinds:
                self.torch.module_opens(start)  # what the script does around its loops
            state = self.exec_block(self.module.body, start, self.module_frame, top=True)
            if state is not None:
                self.globals = state
            self.run_importers()
            self.analyse_uncalled()

    def analyse_uncalled(self) -> None:
        """Analyse, with unknown arguments, every function nobody in the file calls
        (a function some call ran was judged with that call's values), up to the
        budget; those left over are counted."""
        done: set = set()
        budget = MAX_STANDALONE
        while True:
            pending = [f for node, f in self.functions_seen.items() if node not in done and node not in self.invoked]
            if not pending:
                break
            if not budget:
                self.budget.functions_skipped += len(pending)
                break
            for function in pending:
                done.add(function.node)
                budget -= 1
                self.analyse_standalone(function)
                if not budget:
                    break

    def analyse_standalone(self, function: Function) -> None:
        """Interpret a function nobody in the file calls: an entry point, with unknown
        arguments and grad mode on, unless its decorator or its framework role
        (knowledge/roles.py) says otherwise. One the file hands on as a value (stored
        in a registry, passed to code that is not followed, called by a lambda) has
        callers the file does not show: its grad mode is not known."""
        if function.node in self.hooked:
            self.analyse_hook(*self.hooked[function.node])
            return
        cls = function.owner
        receiver = None
        kind = self.method_kind(function)
        if cls is not None and function.node.name.value == "__init__":
            self.standalone_instance(cls)  # constructing it runs __init__
            return
        if cls is not None and kind == "method":
            receiver = self.standalone_instance(cls)
        elif cls is not None and kind == "classmethod":
            receiver = cls
        grad = roles.entry_grad_mode(cls, function.node.name.value)
        if grad is YES and function.node.name.value in self.facts.escaped_functions():
            grad = MAYBE
        self.invoke(function, receiver, [], {}, None, grad, standalone=True)

    def analyse_hook(self, kind: str, owner: Value, hook: Value, registration) -> None:
        """A hook nothing the file runs calls: called as torch calls it, a forward hook
        with what the layer returns for an input nobody knows, in the grad mode of an
        unseen caller (on), a backward hook in backward's (off)."""
        grad = self.torch.hook_grad_mode(kind, YES)
        x = Tensor(requires_grad=MAYBE)
        output = self.torch.layer_output(owner, registration, grad) if kind == "forward" else None
        arguments = self.torch.hook_arguments(kind, owner, [x], output)
        if isinstance(hook, BoundMethod):
            self.invoke(hook.function, hook.receiver, arguments, {}, None, grad)
        else:
            self.invoke(hook, None, arguments, {}, None, grad)

    def standalone_instance(self, cls: ClassInfo) -> Value:
        if cls.node not in self.standalone_instances:
            self.standalone_instances[cls.node] = UNKNOWN  # cut recursion
            self.standalone_instances[cls.node] = self.instantiate(cls, [], {}, None, YES, standalone=True)
        return self.standalone_instances[cls.node]

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

    def emit(self, kind: str, name: str, node, grad: Tri, **values) -> None:
        """Tell the rules subscribed to (kind, name) or to every name of the kind."""
        named = self.subscriptions.get((kind, name))
        every = self.subscriptions.get((kind, None))
        if not named and not every or self.here is not None:
            return  # code of another file is reported when that file is checked
        via = self.call_stack[0][1] if self.call_stack and self.call_stack[0][1] is not None else None
        function = self.call_stack[-1][0] if self.call_stack else None
        in_forward = any(active in self.module_forwards for active, _ in self.call_stack)
        event = Event(kind, name, node, grad, via=via, function=function, in_forward=in_forward,
                      is_forward=function in self.module_forwards, **values)
        for subscriber in (named or []) + (every or []):
            # judged now, with the facts as they are at this call; only recording
            # the finding waits for the loop round to be known as the fixed point
            record = subscriber(event)
            if record is not None:
                self.act(record)

