"""Calls: of tensor methods and torch functions (asked of the torch knowledge), of
the file's own functions, methods and classes (interpreted with the call site's
values, memoised), and of Python's builtins."""

from __future__ import annotations

from copy import copy
from dataclasses import replace
from typing import Optional

import libcst as cst

from ..events import Kind
from ..knowledge.ops import dim_value
from ..knowledge.nn import is_container
from ..state import State, is_written, join_all
from ..syntax import walk
from ..values import (
    DICT_KEY_TYPES, NUMBER, UNKNOWN, BoundMethod, ClassInfo, Const, Device, DictOf, Function, Instance, ListOf,
    Opaque,
    Optimizer,
    ParamIterator, Pieces, Scheduler, Seq, SymInt, Tensor, TorchModule, TorchRef, Tri, Value, is_mutable_container,
    is_unknown, joined,
)
from .frame import (
    MAX_CALL_DEPTH, Builtin, Frame, HookHandle, IterableOf, SuperRef, TypeOf, argument_key, container_element,
    forget_written, mro, written_entries, written_key,
)
from .operators import LIST_MUTATORS, instance_check


class Calls:
    """The call part of the interpreter (a mixin of `Interpreter`)."""

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
            if arg.star == "*" and isinstance(value, Seq) and not kwargs:
                args.extend(value.items)  # `x.view(*shape)` with the shape's items known
            elif arg.star == "**" and isinstance(value, DictOf) and all(type(k) is str for k, _ in value.entries) \
                    and not any(k in kwargs for k, _ in value.entries):
                kwargs.update(value.entries)  # `model(**batch)` with the batch's keys known
            elif arg.star:
                has_star = True
            elif arg.keyword is not None:
                kwargs[arg.keyword.value] = value
            else:
                args.append(value)
        if isinstance(func, cst.Attribute):
            name = func.attr.value
            if isinstance(receiver, Tensor):
                kind = self.torch.hook_kind(receiver, name)
                if kind is not None:
                    return self.register_hook(receiver, kind, args, node)
                return self.torch.method_call(receiver, name, args, kwargs, node, func.attr, state, has_star)
            if isinstance(receiver, Optimizer):
                return self.torch.optimizer_method(receiver, name, args, kwargs, node, func.attr, state)
            if name == "parameters" and receiver is UNKNOWN and isinstance(func.value, cst.Name) \
                    and state.get(func.value.value) is UNKNOWN:
                # a module nobody knows (a model from another library): one object, so that
                # what is built from its parameters knows which module they are
                receiver = Opaque(func.value.value)
                state.bind(func.value.value, receiver)
            callee = self.attribute(receiver, name, func, state, frame)
            if is_unknown(callee):
                if isinstance(receiver, (Optimizer, Scheduler)):
                    return self.torch.optimizer_method(receiver, name, args, kwargs, node, func.attr, state)
                return self.unknown_method(receiver, name, args, kwargs, node, state, frame)
            name_node = func.attr
        else:
            name_node = func
        return self.call_value(callee, args, kwargs, node, name_node, state, frame, has_star, in_with)

    def unknown_method(self, receiver: Value, name: str, args, kwargs, node, state: State, frame: Frame) -> Value:
        """Methods of modules and containers that are not in the file."""
        self.torch.other_method(receiver, name, args, kwargs, node, state)
        self.forget_written_by_method(receiver, name, [*args, *kwargs.values()], state)
        if isinstance(receiver, HookHandle) and name == "remove":
            self.torch.remove_hook(receiver.owner, receiver.kind, receiver.function)
            hook = receiver.function
            self.hooked.pop((hook.function if isinstance(hook, BoundMethod) else hook).node, None)
            return Const(None)
        if isinstance(receiver, (TorchModule, Instance)):
            kind = self.torch.hook_kind(receiver, name)
            if kind is not None:
                return self.register_hook(receiver, kind, args, node)
            if name == "forward":
                return self.call_value(receiver, args, kwargs, node, None, state, frame, False)
            grown = grown_container(receiver, name, args, kwargs)
            if grown is not None:
                self.container_changed(state, receiver, grown)
                return Const(None)
            if name in CONTAINER_MUTATORS:
                self.forget_containers([receiver], state)
            self.forget_containers([*args, *kwargs.values()], state)  # not followed: it may change them
            return self.torch.module_method(receiver, name, args, kwargs, node)
        if isinstance(receiver, DictOf):
            return self.dict_method(receiver, name, args, kwargs, state)
        if isinstance(receiver, (Seq, ListOf)) and name in LIST_MUTATORS and \
                (isinstance(receiver, ListOf) or receiver.kind == "list"):
            self.container_changed(state, receiver, self.grown_list(receiver, name, args, kwargs, state))
            return Const(None) if name in ("append", "extend", "insert") else UNKNOWN
        if name == "parameters" and isinstance(receiver, Opaque) and not args and not kwargs:
            return ParamIterator(UNKNOWN, receiver)
        if is_unknown(receiver):
            self.torch.requires_grad_unknown(name)
        self.forget_containers([*args, *kwargs.values()], state)  # `helpers.fill(outs)` may change it
        return UNKNOWN

    def forget_written_by_method(self, receiver: Value, name: str, args: list, state: State) -> None:
        """A method not followed may assign attributes of what it is given or reaches: of
        any object when it is given one (or a container, a function...); of its receiver
        when that is an object of the file; of an object whose class has a method of that
        name when the receiver is not known (it may be that object)."""
        if not all(plain(v) for v in args):
            forget_written(state)
        elif plain(receiver) or isinstance(receiver, (TorchModule, Instance)) and name in MODULE_METHODS_KEEPING:
            return
        elif isinstance(receiver, Instance):
            forget_written(state, owner=receiver)
        elif is_unknown(receiver):
            objects = self.written_objects
            for key in list(written_entries(state)):
                owner = objects.get(key[1])
                if owner is None or any(name in cls.methods for cls in mro(owner.cls)):
                    del state.heap[key]
        else:
            forget_written(state)

    def forget_containers(self, values: list, state: Optional[State]) -> None:
        """Code that is not followed was given these values: the lists and dicts among
        them may have been changed (`helper(outs)` may replace an item): their items are
        no longer known."""
        if state is None:
            return
        for value in values:
            if is_mutable_container(value):
                self.container_changed(state, value, UNKNOWN)
            elif is_container(value):
                self.container_changed(state, value, with_layers_unknown(value))

    def stored(self, value: Value, node, state: State) -> Value:
        """What a list, dict or object keeps of `value` put in it: a list or dict written
        there (`[[1, 2], [3]]`) as it is; one bound to a name is no longer followed, there
        or under its names (a change through either would leave the other stale)."""
        if not is_mutable_container(value) or isinstance(node, (cst.List, cst.Tuple, cst.Dict, cst.ListComp)):
            return value
        holders = (state, *self.caller_states, self.globals_here())
        if not any(held is value for holder in holders if holder is not None for held in holder._values()):
            return value  # `self.sizes = [64, 128]`: no other name holds it
        self.container_changed(state, value, UNKNOWN)
        return UNKNOWN

    def container_changed(self, state: State, old: Value, new: Value) -> None:
        """A list or dict changed in place is `new` wherever it is bound: on this path, in
        the callers' paths (a closure's, an alias `h = history` of a global), and in the
        module's names. A change of one the module holds makes the calls seen so far
        unsure (a function may read it): the memo's generation moves on."""
        for view in self.dict_views.pop(id(old), (None, ()))[1]:  # a dict's views are live: not followed
            self.container_changed(state, view, UNKNOWN)
        module_names = self.globals_here()
        if any(value is old for value in module_names.names.values()):
            self.run_facts.containers_changed += 1
        state.replace(old, new)
        for other in (*self.caller_states, module_names):
            if other is not None and other is not state and any(value is old for value in other._values()):
                other.replace(old, new)
                self.outer_changes += 1  # the call running changes what its callers hold: not memoized

    def dict_method(self, receiver: DictOf, name: str, args, kwargs, state: State) -> Value:
        """`d.get(k)`, `d.items()`, `d.pop(k)`... of a dict whose keys are known; a change
        other than by `d[k] = v` leaves it unknown."""
        known_key = bool(args) and isinstance(args[0], Const) and type(args[0].value) in DICT_KEY_TYPES
        found = receiver.get(args[0].value) if known_key else None
        if name == "get" and 1 <= len(args) <= 2 and not kwargs:
            if not known_key:
                return UNKNOWN
            return found if found is not None else args[1] if len(args) == 2 else Const(None)
        if name in ("keys", "values", "items") and not args and not kwargs:
            items = receiver.keys() if name == "keys" else receiver.values() if name == "values" else \
                tuple(Seq((k, v)) for k, v in zip(receiver.keys(), receiver.values()))
            view = Seq(items)  # iterated in order, each on its own
            self.dict_views.setdefault(id(receiver), (receiver, []))[1].append(view)
            return view
        if name == "copy" and not args and not kwargs:
            return DictOf(receiver.entries)  # a dict of its own
        if name == "pop" and args and not kwargs and found is not None:
            key = args[0].value
            self.container_changed(state, receiver, receiver.without(key))
            return found
        self.container_changed(state, receiver, UNKNOWN)  # update, setdefault, clear, popitem...
        return UNKNOWN

    def sum_of_tensors(self, items: Value, node, state: State, frame: Frame) -> Optional[Value]:
        """`sum(losses)` of a list of tensors, at least one: 0 + each in turn, a new tensor
        (for a grown list, its element added to itself stands for every count)."""
        if isinstance(items, Seq) and items.items and all(isinstance(t, Tensor) for t in items.items):
            parts = items.items
        elif isinstance(items, ListOf) and items.nonempty and isinstance(items.element, Tensor):
            parts = (items.element, items.element)
        else:
            return None
        total = parts[0]
        for part in parts[1:]:
            total = self.binary("add", total, part, node, state, frame)
        if len(parts) == 1:  # 0 + t: a new tensor all the same
            total = self.binary("add", total, Const(0), node, state, frame)
        return total

    def grown_list(self, receiver: Value, name: str, args, kwargs, state: State) -> Value:
        """The list after `append(v)`, `insert(i, v)` or `extend(items)`: items of unknown
        count, each like the join of what was put in; UNKNOWN after other changes."""
        added, certain = None, True
        if name == "append" and len(args) == 1 and not kwargs:
            added = (args[0],)
        elif name == "insert" and len(args) == 2 and not kwargs:
            added = (args[1],)
        elif name == "extend" and len(args) == 1 and not kwargs:
            if isinstance(args[0], Seq):
                added = args[0].items
            elif isinstance(args[0], ListOf):
                added, certain = (args[0].element,), args[0].nonempty
        if added is None:
            return UNKNOWN
        if not added:
            return receiver
        added = tuple(self.stored(item, None, state) for item in added)
        grown = receiver.grown(added) if isinstance(receiver, ListOf) else ListOf.of(receiver, added)
        if certain:
            return grown
        return ListOf(grown.element, receiver.nonempty if isinstance(receiver, ListOf) else bool(receiver.items))

    def call_value(self, callee: Value, args, kwargs, node, name_node, state: State, frame: Frame,
                   has_star: bool, in_with: bool = False) -> Value:
        if isinstance(callee, TorchRef):
            return self.torch.function_call(callee.qualname, args, kwargs, node, name_node, state, has_star, in_with)
        if has_star and isinstance(callee, (Function, BoundMethod, ClassInfo, Instance)):
            self.forget_containers([*args, *kwargs.values()], state)  # not followed: it may change them
            return UNKNOWN
        if isinstance(callee, Function):
            if has_star:
                return UNKNOWN
            kind = self.method_kind(callee)
            owner = callee.owner
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
            def call_layer(layer: Value, x: Value) -> Value:  # a layer of an nn.Sequential
                return self.call_value(layer, [x], {}, node, None, state, frame, False)

            args = self.run_hooks(callee, "forward_pre", args, None, node, state, frame)
            output = self.torch.module_call(callee, args, kwargs, node, state, call_layer)
            return self.run_hooks(callee, "forward", args, output, node, state, frame)
        if isinstance(callee, Instance):
            method = callee.cls.find_method("forward" if callee.cls.is_module else "__call__")
            if method is None or has_star or not callee.cls.known_bases:
                return UNKNOWN
            if callee.cls.is_module:
                args = self.run_hooks(callee, "forward_pre", args, None, node, state, frame)
            output = self.invoke(method, callee, args, kwargs, node, state.grad, caller=state)
            return self.run_hooks(callee, "forward", args, output, node, state, frame) if callee.cls.is_module \
                else output
        if isinstance(callee, Builtin):
            if has_star:  # `dict(**options)`, `max(*xs)`: what the call is given is not all known
                self.forget_containers([*args, *kwargs.values()], state)
                return UNKNOWN
            if callee.name == "setattr" and len(args) == 3 and not kwargs and isinstance(args[1], Const) \
                    and isinstance(args[1].value, str):
                self.set_attribute(args[0], args[1].value, args[2], node, state, frame)
                return Const(None)
            if callee.name in ("setattr", "delattr", "vars", "exec", "eval") and args:
                forget_written(state, owner=args[0] if isinstance(args[0], Instance) else None)
            if callee.name == "setattr" and len(args) == 3 and isinstance(args[0], Instance):
                # a layer or parameter put in under a name the code does not show (swapped for
                # a frozen copy in a loop over named_children()): the object's parameters
                # require grad as before joined with as the new one's do
                self.torch.parameters_joined(args[0], args[2])
            return self.builtin_call(callee.name, args, kwargs, state, frame, node)
        self.torch.unknown_call([*args, *kwargs.values()], state, node)
        self.forget_containers([*args, *kwargs.values()], state)
        if not all(plain(v) for v in (*args, *kwargs.values())):
            forget_written(state)
        return UNKNOWN

    def register_hook(self, owner: Value, kind: str, args, node) -> Value:
        """`owner.register_<kind>_hook(fn)`: the module's calls run it from here on; a hook
        that nothing the file runs calls is analysed on its own with the arguments torch
        passes it (`hooked`)."""
        if not args or not isinstance(args[0], (Function, BoundMethod)):
            return UNKNOWN
        function = args[0]
        self.torch.register_hook(owner, kind, function)
        target = function.function if isinstance(function, BoundMethod) else function
        self.hooked.setdefault(target.node, (kind, owner, function, node))
        return HookHandle(owner, kind, function)

    def run_hooks(self, module: Value, kind: str, args: list, output: Optional[Value], node, state: State,
                  frame: Frame):
        """A module's call runs its hooks of this kind, in its grad mode: the pre-hooks
        before (given the inputs: returns them, or unknown ones if a hook may replace
        them), the forward hooks after (given the output: returns it, or what a hook
        returns instead)."""
        for hook in self.torch.hooks_of(module, kind):
            arguments = self.torch.hook_arguments(kind, module, list(args), output)
            result = self.call_value(hook, arguments, {}, node, None, state, frame, False)
            replaced = not (isinstance(result, Const) and result.value is None)
            if kind == "forward_pre" and replaced:
                args = [UNKNOWN for _ in args]
            elif kind == "forward" and replaced:
                output = result
        return args if kind == "forward_pre" else output

    def builtin_call(self, name: str, args, kwargs, state: State, frame: Frame, node=None) -> Value:
        if name == "len" and len(args) == 1:
            value = args[0]
            if isinstance(value, Seq):
                return Const(len(value.items))
            if isinstance(value, Tensor) and value.shape:
                return dim_value(value.shape[0])
            if isinstance(value, DictOf):
                return Const(len(value.entries))
            return NUMBER if isinstance(value, (Tensor, ListOf)) else UNKNOWN
        if name == "dict" and len(args) <= 1:
            base = args[0] if args else DictOf(())
            if not isinstance(base, DictOf):
                return UNKNOWN
            for key, value in kwargs.items():  # `dict(lr=0.1)`, `dict(d, lr=0.1)`
                base = base.with_entry(key, value)
            return DictOf(base.entries)
        if name == "sum" and len(args) == 1 and not kwargs and node is not None:
            total = self.sum_of_tensors(args[0], node, state, frame)
            if total is not None:
                return total
        if name in ("max", "min", "sum") and not kwargs and args:
            # `max(topk)` of a known tuple, `max(a, b)` of known numbers
            numbers = args[0].items if len(args) == 1 and isinstance(args[0], Seq) else \
                args if len(args) > 1 and name != "sum" else ()
            if numbers and all(isinstance(a, Const) and type(a.value) in (int, float) for a in numbers):
                return Const({"max": max, "min": min, "sum": sum}[name](a.value for a in numbers))
            return UNKNOWN
        if name in ("float", "int", "round", "abs", "number"):
            return NUMBER
        if name == "range":
            return Builtin("range-object")
        if name == "copy.deepcopy" and len(args) == 1 and isinstance(args[0], (TorchModule, Instance)):
            return deep_copy(args[0])
        if name == "super":
            if frame.cls is not None and frame.receiver is not None:
                return SuperRef(frame.cls, frame.receiver)
            return UNKNOWN
        if name == "enumerate" and args:
            element = self.element_of(args[0], node, state)
            return IterableOf(Seq((NUMBER, element), "tuple"))
        if name in ("tuple", "list") and len(args) == 1 and isinstance(args[0], Seq):
            return Seq(args[0].items, name)
        if name == "isinstance" and len(args) == 2 and not kwargs:
            answer = instance_check(args[0], args[1])
            return Const(answer) if answer is not None else UNKNOWN
        if name == "type" and len(args) == 1 and not kwargs:
            return TypeOf(args[0])
        if name == "noop":
            return Const(None)
        return UNKNOWN

    def element_of(self, iterable: Value, node=None, state: Optional[State] = None) -> Value:
        """What a loop over `iterable` binds in a round (`node` the iterable, where a round
        over a tensor reads its rows)."""
        if isinstance(iterable, Tensor) and state is not None:
            return self.torch.element(iterable, node, state)
        if isinstance(iterable, ParamIterator):
            return iterable.element
        if isinstance(iterable, IterableOf):
            return iterable.element
        if isinstance(iterable, Builtin) and iterable.name == "range-object":
            return NUMBER
        if isinstance(iterable, Pieces):
            return iterable.first.join(iterable.last)
        if isinstance(iterable, ListOf):
            return iterable.element
        if isinstance(iterable, Seq) and iterable.items:
            return joined(iterable.items[0], iterable.items[1:])
        if isinstance(iterable, TorchModule):
            return container_element(iterable)
        if isinstance(iterable, DictOf) and iterable.entries:
            keys = iterable.keys()
            return joined(keys[0], keys[1:])
        return UNKNOWN

    def method_kind(self, function: Function) -> str:
        for decorator in function.decorators:
            if isinstance(decorator, Builtin) and decorator.name in ("staticmethod", "classmethod", "property"):
                return decorator.name
        if function.owner is None:
            return "function"
        return "method"

    def decorated_grad_mode(self, function: Function) -> Optional[Tri]:
        """The grad mode a decorator imposes, or None."""
        mode = None
        for decorator in function.decorators:
            mode = self.torch.decorator_grad_mode(decorator) or mode
        return mode

    def opaque(self, function: Function) -> bool:
        """A decorator we do not know may replace the function entirely."""
        for decorator in function.decorators:
            if self.torch.decorator_grad_mode(decorator) is not None:
                continue
            if isinstance(decorator, Builtin) and decorator.name in ("staticmethod", "classmethod", "property"):
                continue
            return True
        return False

    def invoke(self, function: Function, receiver: Optional[Value], args, kwargs, call_node, grad: Tri,
               standalone: bool = False, caller: Optional[State] = None) -> Value:
        """The value a call of a function of the file returns."""
        return self.invoke_with_exits(function, receiver, args, kwargs, call_node, grad, standalone, caller)[0]

    def invoke_with_exits(self, function: Function, receiver: Optional[Value], args, kwargs, call_node, grad: Tri,
                          standalone: bool = False, caller: Optional[State] = None, memo: bool = True) -> tuple:
        """(the value the call returns, the states the body ends in; [] when it was
        not interpreted). Interpreted with the call site's values, or, standalone,
        with unknown arguments; a call seen before with the same values is answered
        from the memo, unless `memo` is False (a constructor: its exit states are
        the instance's attributes)."""
        node = function.node
        if not standalone and (self.opaque(function) or len(self.call_stack) >= MAX_CALL_DEPTH
                               or any(active is node for active, _ in self.call_stack)):
            if len(self.call_stack) >= MAX_CALL_DEPTH and not self.opaque(function):
                self.budget.calls_cut.add((call_node, node))  # the call site (None: a property) and callee
            return self.not_interpreted(receiver, args, kwargs, call_node, caller)
        entry_grad = self.decorated_grad_mode(function) or grad
        key = None
        state = State(grad=entry_grad)
        # the caller's path state that the call continues (schedulers' step order), and a mark
        # for what the call does (its effects, added to the caller's marks on return)
        carried = self.torch.call_entry(caller, state)
        # what the caller's path knows of objects' attributes, which the call reads and may assign
        written_in = written_entries(caller)
        state.heap.update(written_in)
        if not standalone and memo and not any(is_mutable_container(v) for v in (*args, *kwargs.values())):
            # (a call given a list or dict is run again: the memo compares them by value, and
            # its result may be the very list it was given)
            try:
                key = (node, receiver if not isinstance(receiver, Instance) else id(receiver), tuple(args),
                       tuple(sorted(kwargs.items(), key=lambda kv: kv[0])), entry_grad,
                       # facts outside the arguments that a call's result depends on
                       self.run_facts.generation(), carried, self.torch.memo_facts(args),
                       tuple(sorted(written_in.items(), key=lambda kv: kv[0][1:])),
                       self.torch.memo_facts([t for v in written_in.values()
                                              for t in (v.items if isinstance(v, Seq) else (v,))]))
                hash(key)
            except TypeError:
                key = None
            if key is not None and key in self.memo:
                result, recorded, did, given = self.memo[key]
                result = self.torch.memo_result(result, given, args)
                for action in recorded:  # as the call would record again (each finding is kept once)
                    self.act(action)
                self.torch.apply_call(caller, *did)
                return result, []
        bound = self.bind_params(function, receiver, args, kwargs, state, standalone)
        if not bound:
            return self.not_interpreted(receiver, args, kwargs, call_node, caller)
        if not standalone:
            self.invoked.add(node)
        # each tensor or list argument under a hidden name too: a change in place rebinds
        # it on its path even when the parameter's name is bound to something else
        arguments = {name: value for name, value in state.names.items()
                     if isinstance(value, Tensor) or is_mutable_container(value)}
        for name, value in arguments.items():
            state.heap[argument_key(name)] = value
        frame = Frame(function, function.scope, cls=function.owner, receiver=receiver)
        self.call_stack.append((node, call_node))
        self.caller_states.append(caller)
        outer_changes = self.outer_changes
        caller_file, self.here = self.here, function.home  # its code is its file's
        try:
            with self.holding() as recorded:  # kept with the memo entry
                end = self.exec_body(function, state, frame)
                exits = [s for _, s in frame.returns] + ([end] if end is not None else [])
                if Kind.FUNCTION_END in self.kinds:
                    self.body_end(Kind.FUNCTION_END, function.qualname, node, join_all(exits))
        finally:
            self.call_stack.pop()
            self.caller_states.pop()
            self.here = caller_file
        self.release(recorded)
        results = [value for value, _ in frame.returns]
        if end is not None:
            results.append(Const(None))
        result: Value = results[0] if results else UNKNOWN
        for value in results[1:]:
            result = result.join(value)
        did = self.torch.call_exit(exits) if node not in self.facts.generators else (None, {})
        if node in self.facts.generators:
            result = UNKNOWN
            # its body runs later, as it is iterated: what it assigns is not known from here
            did[1].update({k: UNKNOWN for k in written_in})
        else:
            # what the call's paths leave in the attributes, for the caller (an UNKNOWN one: forgotten)
            out = written_entries(join_all(exits))
            did[1].update({k: out.get(k, UNKNOWN) for k in written_in.keys() | out.keys()})
        # a call that assigns attributes is run again each time: what it assigns has graphs of its own
        assigns = any(value is not written_in.get(k) for k, value in did[1].items()
                      if is_written(k))
        effects = self.argument_effects(arguments, exits)
        if caller is not None:
            self.torch.changed_by_call(caller, [(old, new) for old, new in effects if isinstance(old, Tensor)])
            for old, new in effects:
                if not isinstance(old, Tensor):
                    self.container_changed(caller, old, new)  # `l[0] = ...`, `l.append(...)` in the callee
            self.torch.apply_call(caller, *did)
        if key is not None and not effects and not assigns and self.outer_changes == outer_changes:
            self.memo[key] = (result, recorded, did, tuple(args))
        return result, exits

    def not_interpreted(self, receiver: Optional[Value], args, kwargs, call_node, caller: Optional[State]) -> tuple:
        """A call of the file's function that is not interpreted (opaque, recursive, past the
        depth bound, or given arguments it does not take): (UNKNOWN, no exit states), and what
        it was given may have changed, as may the attributes of whatever it reaches."""
        self.torch.unknown_call([receiver, *args, *kwargs.values()], caller, call_node)
        self.forget_containers([*args, *kwargs.values()], caller)
        forget_written(caller)
        return UNKNOWN, []

    @staticmethod
    def argument_effects(arguments: dict, exits: list) -> list:
        """(argument, its value after the call) for each tensor argument the call changed
        in place: `t.requires_grad_(False)` in the callee holds for the caller's tensor."""
        effects = []
        for name, before in arguments.items():
            after = None
            for state in exits:
                value = state.heap.get(argument_key(name), before)
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
        defaults = function.defaults
        for param in positional:
            name = param.name.value
            if values:
                state.bind(name, values.pop(0))
            elif name in kwargs:
                state.bind(name, kwargs.pop(name))
            elif standalone:
                state.bind(name, self.entry_argument(function, name))
            elif name in defaults:
                # a list or dict default is one object for every call: what earlier calls did to it is not known
                state.bind(name, UNKNOWN if is_mutable_container(defaults[name]) else defaults[name])
            else:
                return False
        if values and not isinstance(params.star_arg, cst.Param):
            return standalone
        if isinstance(params.star_arg, cst.Param):
            # `*args`: the call's other positional values, a tuple (a caller nobody knows: unknown)
            state.bind(params.star_arg.name.value, UNKNOWN if standalone else Seq(tuple(values)))
        for param in params.kwonly_params:
            name = param.name.value
            if name in kwargs:
                state.bind(name, kwargs.pop(name))
            elif name in defaults and not standalone:
                state.bind(name, defaults[name])
            elif standalone:
                state.bind(name, self.entry_argument(function, name))
            else:
                state.bind(name, Opaque(name))
        if params.star_kwarg is not None:
            # `**kwargs`: the call's other keyword values, a dict of its own
            state.bind(params.star_kwarg.name.value, UNKNOWN if standalone else DictOf.of(kwargs.items()))
        elif kwargs and not standalone:
            return False
        return True

    def entry_argument(self, function: Function, name: str) -> Value:
        """A parameter of a function analysed on its own: what its annotation or its use
        says (a tensor for `x: torch.Tensor` or `x.permute(...)`) when nothing in the file
        calls a function of that name (its callers would say what it is given, and an
        annotation may be wrong), else an unknown value of its own."""
        if self.facts.called_by_name(function.node.name.value):
            return Opaque(name)
        if name not in function.annotations and _annotation_of(function.node, name) is not None:
            return Opaque(name)  # `Tensor | int`, `Optional[Tensor]`: it may not be a tensor
        methods = self.facts.methods_called_on(function.node).get(name, set())
        value = self.torch.entry_parameter(function.annotations.get(name), methods)
        return Opaque(name) if value is None else value

    def instantiate(self, cls: ClassInfo, args, kwargs, call_node, grad: Tri, standalone: bool = False,
                    caller: Optional[State] = None) -> Value:
        if "lr_scheduler" in cls.roles:
            return self.torch.user_scheduler(cls, args, kwargs, call_node, caller)
        if not cls.known_bases:
            return UNKNOWN
        instance = Instance(cls, {})
        init = cls.find_method("__init__")
        if init is None:
            return instance
        self.constructing.append(instance)
        try:
            _, exits = self.invoke_with_exits(init, instance, args, kwargs, call_node, grad, standalone, caller,
                                              memo=False)
        finally:
            self.constructing.pop()
        final = join_all(exits)
        if final is not None:
            for key, value in final.heap.items():
                if key[0] == id(instance):
                    instance.attrs[key[1]] = value
        if caller is not None:
            # right after it is built, an attribute its methods assign holds what __init__ set
            for name in cls.volatile & instance.attrs.keys():
                if self.tracks(instance, name, instance.attrs[name]):
                    caller.heap[written_key(instance, name)] = instance.attrs[name]
        return instance

    def tracks(self, owner: Instance, name: str, value: Value) -> bool:
        """Is what the attribute `name` of `owner` holds followed along paths? Not for a
        list or dict (changed through whoever else holds it), a torch container, a name
        its class defines (a property's setter runs instead), nor for a class that sets
        attributes by other means (`setattr`, `__dict__`, `__setattr__`)."""
        if is_mutable_container(value) or is_container(value):
            return False
        if any(name in cls.methods or name in cls.class_attrs for cls in mro(owner.cls)):
            return False
        for cls in mro(owner.cls):
            plain_class = self.plain_classes.get(id(cls.node))
            if plain_class is None:
                plain_class = self.plain_classes[id(cls.node)] = not any(
                    isinstance(n, cst.Name) and n.value in _INDIRECT_ATTRIBUTES for n in walk(cls.node, True))
            if not plain_class:
                return False
        self.written_objects[id(owner)] = owner  # its slots are on paths from here
        return True


# names through which code sets attributes without `obj.name = value`
# (and `register_buffer`: `model.to(...)` replaces a buffer, an attribute the code may assign)
_INDIRECT_ATTRIBUTES = frozenset(
    "setattr delattr vars __dict__ __setattr__ __getattr__ __getattribute__ register_buffer".split())

# methods of nn.Module that assign no attribute an object of the file holds
MODULE_METHODS_KEEPING = frozenset(
    "train eval zero_grad parameters named_parameters children named_children modules named_modules state_dict "
    "buffers named_buffers extra_repr to cuda cpu float double half bfloat16 requires_grad_".split())


def plain(value: Value) -> bool:
    """A value no code can reach an object of the file through: a tensor, a number, a string,
    and containers of them."""
    if isinstance(value, Seq):
        return all(plain(v) for v in value.items)
    if isinstance(value, ListOf):
        return plain(value.element)
    if isinstance(value, DictOf):
        return all(plain(v) for _, v in value.entries)
    return isinstance(value, (Tensor, Const, SymInt, Device, TorchRef)) or value is NUMBER


def _annotation_of(function: cst.FunctionDef, name: str):
    params = function.params
    for param in (*params.posonly_params, *params.params, *params.kwonly_params):
        if param.name.value == name:
            return param.annotation
    return None


def grown_container(module: Value, name: str, args, kwargs) -> Optional[Value]:
    """An `nn.Sequential` made with its layers listed that a layer was added to at its
    end (`model.add_module("fc", nn.Linear(...))`, `model.append(...)`): the container
    with that layer last; None for any other call."""
    if not isinstance(module, TorchModule) or module.kind != "torch.nn.Sequential" or kwargs or module.kwargs \
            or not all(isinstance(layer, (TorchModule, Instance)) for layer in module.args):
        return None
    if name == "add_module" and len(args) == 2:
        added = args[1]
    elif name == "append" and len(args) == 1:
        added = args[0]
    else:
        return None
    if not isinstance(added, (TorchModule, Instance)):
        return None
    return replace(module, args=module.args + (added,))


# what changes the layers of an nn.Sequential/ModuleList/ModuleDict in place
CONTAINER_MUTATORS = frozenset(LIST_MUTATORS | {"add_module", "register_module", "update", "__delitem__"})


def with_layers_unknown(module: TorchModule) -> TorchModule:
    """A container whose layers were changed in a way not followed: none of them is
    known any more (an item of it, or what calling it returns)."""
    return replace(module, args=(UNKNOWN,), kwargs=())


def deep_copy(module: Value, memo: Optional[dict] = None) -> Value:
    """`copy.deepcopy(model)`: a new module object, with parameters of its own (an
    optimizer built on the original holds none of its layers), its layers copied too.
    Other values an instance of the file's class holds are kept as they are."""
    memo = {} if memo is None else memo
    if id(module) in memo:
        return memo[id(module)]
    fresh = copy(module.state)  # the flags, not the hooks' list: the copy's own from here on
    fresh.hooks = list(module.state.hooks)

    def copied(value: Value) -> Value:
        return deep_copy(value, memo) if isinstance(value, (TorchModule, Instance)) else value

    if isinstance(module, TorchModule):
        result = replace(module, args=tuple(copied(a) for a in module.args), state=fresh)
        memo[id(module)] = result
        return result
    result = Instance(module.cls, {}, fresh)
    memo[id(module)] = result  # before its attributes: a module may hold itself
    result.attrs.update({k: copied(v) for k, v in module.attrs.items()})
    return result
