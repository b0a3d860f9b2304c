"""The torch knowledge as the walker asks for it: calls of tensor methods and torch
functions, attributes of tensors and modules, indexing, and torch modules called.

The walker hands over abstract values and the state; this looks the operation up
in the table, tells the rules (`emit`), applies the transfer function and the
autograd bookkeeping, and hands back the result. It never walks syntax.
"""

from __future__ import annotations

from typing import Callable, Optional

from ..events import Kind
from ..run import RunFacts
from ..state import State
from ..values import (
    MAYBE, NO, NUMBER, UNKNOWN, YES, ClassInfo, Const, Device, GradModeContext, ListOf, Instance, ModuleState,
    Optimizer, Origin, Seq, Tensor,
    TorchModule,
    SymbolOf, TorchRef, Tri, Value, is_exact,
)
from . import autograd, graphs, hooks, nn, ops, optimizers, table, training, types, versions, windows
from .dtypes import DTYPES
from .ops import Call

# Other spellings of a name the table knows.
CANONICAL = {
    "torch.nn.modules.linear.Linear": "torch.nn.Linear",
    "torch.functional.F": "torch.nn.functional",
    "torch.Tensor.backward": "torch.autograd.backward",
    # grad-mode contexts by their usual names, as rules subscribe to them (Kind.ENTER)
    "torch.autograd.no_grad": "torch.no_grad", "torch.autograd.grad_mode.no_grad": "torch.no_grad",
    "torch.autograd.enable_grad": "torch.enable_grad", "torch.autograd.set_grad_enabled": "torch.set_grad_enabled",
}


class TorchSemantics:
    """One run's torch knowledge: its run facts, and the walker's `emit` to tell rules."""

    def __init__(self, run: RunFacts, emit: Callable) -> None:
        self.run = run
        self.emit = emit
        self.built: dict = {}  # optimizers and schedulers, one per place that builds them

    def call(self, node, name: str, receiver: Optional[Value], args, kwargs, grad: Tri,
             has_star: bool = False) -> Call:
        return Call(node, name, receiver, list(args), dict(kwargs), grad, has_star, run=self.run)

    def linked(self, name: str, source: Value, result: Value, grad: Tri, node=None) -> Value:
        return autograd.linked(name, source, result, grad, table.VIEWS, node, table.FRESH_LEAVES)

    # ---------------------------------------------------------------- tensors

    def method_call(self, tensor: Tensor, name: str, args, kwargs, node, name_node, state: State,
                    has_star: bool) -> Value:
        """`tensor.name(...)`; `name_node` None for an operator (`x + y`), which no rule hears."""
        call = self.call(node, name, tensor, args, kwargs, state.grad, has_star)
        if name == "backward":
            call.extra["stale"] = versions.stale_alias_write(state, tensor)
            training.record(state, training.BACKWARD, node)
            if call.arg(3, "inputs") is None:  # with inputs=, only the nodes on their paths run
                call.extra["freed"] = graphs.freed_by_backward(tensor)
        elif table.in_place_method(name) and training.touches_grad(getattr(node.func, "value", None)
                                                                   if name_node is not None else None):
            training.record(state, training.CLEAR, node)  # p.grad.zero_()
        if name_node is not None:
            self.emit(Kind.METHOD, name, name_node, call.grad_enabled, call=call)
        if name == "backward" and not has_star and call.arg(3, "inputs") is None and \
                graphs.frees(call.arg(1, "retain_graph"), call.arg(2, "create_graph")):
            graphs.backward_ran(state, [tensor], node)
        if name == "retain_grad":
            autograd.rebind(state, tensor, tensor.with_(retains_grad=YES))
            return Const(None)
        if name == "detach_":
            # the tensor itself leaves the graph: a leaf that does not require grad
            detached = tensor.with_(requires_grad=NO, grad_origin=None, leaf=YES, leaf_origin=None)
            detached = graphs.detached_in_place(state, detached)
            autograd.rebind(state, tensor, detached)
            return detached
        if name == "requires_grad_":
            given = call.arg(0, "requires_grad")
            flag = ops.as_bool(given) if given is not None else True
            return autograd.set_requires_grad(state, tensor, Tri.of(flag), node)
        if name == "detach_":
            return autograd.detached_in_place(state, tensor)
        op = table.METHODS.get(name)
        result = op(call) if op is not None else UNKNOWN
        if name not in table.DEVICE_CHOOSING:
            result = placed(result, [tensor, *args], kwargs)
        result = probabilities(name, tensor, result, node, call.arg(0, "dim"))
        if table.in_place_method(name) and isinstance(result, Tensor):
            versions.written(state, tensor, node)
            result = autograd.gained_grad(tensor, result, node)

            autograd.changed(state, tensor, result, in_place=True)
            return result
        result = self.remembered(name, tensor, args, self.linked(name, tensor, result, state.grad, node), state, node)
        return autograd.graph_cut(result, call.tensor_inputs(), state.grad, node, name)

    def tensor_attribute(self, tensor: Tensor, name: str, node, state: State) -> Value:
        op = table.ATTRIBUTES.get(name)
        if op is not None:
            result = self.linked(name, tensor, op(self.call(node, name, tensor, [], {}, state.grad)), state.grad, node)
            result = self.remembered(name, tensor, [], result, state, node)
            return autograd.graph_cut(result, [tensor], state.grad, node, name)
        if name == "requires_grad":
            return Const(tensor.requires_grad is YES) if tensor.requires_grad is not MAYBE else UNKNOWN
        if name == "ndim":
            return Const(len(tensor.shape)) if tensor.shape is not None else UNKNOWN
        if name == "dtype":
            if is_exact(tensor.dtype):
                return TorchRef(f"torch.{tensor.dtype}")
            return SymbolOf("dtype", tensor.dtype_of if tensor.dtype_of is not None else tensor)
        if name == "device":
            if tensor.device is not None:
                return Device(tensor.device)
            return SymbolOf("device", tensor.device_of if tensor.device_of is not None else tensor)
        if name == "grad":
            self.emit(Kind.ATTR_READ, name, node, state.grad, target=tensor)
            return ops.grad_of_leaf(tensor)
        return UNKNOWN

    def unpack(self, tensor: Tensor, count: int, node, state: State) -> tuple:
        """`a, b, c = t`: Python iterates dim 0, so each name is `t[i]`."""
        return tuple(self.index(tensor, [Const(i)], node, state) for i in range(count))

    def index(self, tensor: Tensor, indices: list, node, state: State) -> Value:
        """`tensor[indices]`; a slice index is ("slice", (lower, upper, step))."""
        call = self.call(node, "__getitem__", tensor, indices, {}, state.grad)
        result = self.linked("__getitem__", tensor, ops.index_tensor(call), state.grad, node)
        result = self.remembered("__getitem__", tensor, [], result, state, node)
        result = autograd.graph_cut(result, call.tensor_inputs(), state.grad, node)
        if isinstance(result, Tensor) and result.softmax_of is not None and not _keeps_rows(tensor, indices):
            result = result.with_(softmax_of=None)
        return result

    def element(self, tensor: Tensor, node, state: State) -> Value:
        """What `for row in tensor:` binds in every round: `tensor[i]`, alike for every i."""
        if tensor.shape is not None and len(tensor.shape) == 0:
            return UNKNOWN  # iterating a 0-d tensor raises
        return self.index(tensor, [NUMBER], node, state)

    # ---------------------------------------------------------------- torch functions

    def function_call(self, qualname: str, args, kwargs, node, name_node, state: State, has_star: bool,
                      in_with: bool) -> Value:
        """`torch.<qualname>(...)`; `in_with`: the call is the context of a with statement."""
        qualname = CANONICAL.get(qualname, qualname)
        result = self._function_call(qualname, args, kwargs, node, name_node, state, has_star, in_with)
        return probabilities(qualname.rsplit(".", 1)[-1], args[0] if args else None, result, node,
                             args[1] if len(args) > 1 else kwargs.get("dim"))

    def _function_call(self, qualname: str, args, kwargs, node, name_node, state: State, has_star: bool,
                       in_with: bool) -> Value:
        if qualname in table.GRAD_MODE:
            enabled = table.GRAD_MODE[qualname]
            if qualname == "torch.inference_mode" and args and ops.as_bool(args[0]) is False:
                return GradModeContext(state.grad, qualname)
            return GradModeContext(YES if enabled else NO, qualname)
        if qualname in table.SET_DEFAULT_DTYPE:
            self.run.default_dtype_changed()
        if qualname in table.SET_DEFAULT_DEVICE or (qualname == "torch.device" and in_with):
            self.run.default_device_changed()
        if qualname == "torch.device":
            kind = ops.device_of(args[0]) if len(args) == 1 and not kwargs else None
            return Device(kind) if kind is not None else UNKNOWN
        if qualname in table.SET_GRAD_ENABLED:
            mode = Tri.of(ops.as_bool(args[0]) if args else None)
            if not in_with:
                state.grad = mode
            return GradModeContext(mode, qualname)
        call = self.call(node, qualname, None, args, kwargs, state.grad, has_star)
        if qualname in ("torch.autograd.backward", "torch.autograd.grad"):
            first = call.arg(0, "tensors" if qualname.endswith("backward") else "outputs")
            first = first.items[0] if isinstance(first, Seq) and len(first.items) == 1 else first
            call.extra["stale"] = versions.stale_alias_write(state, first)
            if qualname.endswith("backward"):
                training.record(state, training.BACKWARD, node)
            if qualname.endswith("backward") and call.arg(5, "inputs") is None:
                # autograd.grad (and inputs=) runs only the nodes on the paths to its inputs
                call.extra["freed"] = graphs.freed_by_backward(first)
        call.result = self.function_result(qualname, call, args, kwargs, node, state, has_star)
        if name_node is not None:
            self.emit(Kind.FUNCTION, qualname, name_node, call.grad_enabled, call=call)
        if qualname == "torch.autograd.backward" and not has_star and call.arg(5, "inputs") is None and \
                graphs.frees(call.arg(2, "retain_graph"), call.arg(3, "create_graph")):
            tensors = call.arg(0, "tensors")
            graphs.backward_ran(state, list(tensors.items) if isinstance(tensors, Seq) else [tensors], node)
        return call.result

    def function_result(self, qualname: str, call: Call, args, kwargs, node, state: State, has_star: bool) -> Value:
        short = qualname.rsplit(".", 1)[-1]
        if qualname.startswith("torch.nn.") and qualname.count(".") == 2 and (
                short in table.LAYERS or short in table.ACTIVATIONS or short in table.LOSSES
                or short in table.CONTAINERS or short in table.FUNCTION_LAYERS or short in windows.WINDOWED):
            if has_star and short in table.CONTAINERS:
                return UNKNOWN  # its layers are not all known: neither its items nor its output
            module = TorchModule(qualname, tuple(args), tuple(kwargs.items()))
            named = ops.dtype_from(kwargs.get("dtype"))
            module.state.params_dtype = call.resolve_dtype(named if named else ops.DEFAULT_FLOAT)
            return module
        if qualname.startswith("torch.optim."):
            built = training.construct(qualname, args, kwargs, node, state, self.built)
            if built is not None:
                return built
        op = table.FUNCTIONS.get(qualname)
        if op is None and qualname.startswith(table.TENSOR_MODULES):
            return ops.opaque_result(call, table.TUPLE_RESULTS.get(qualname))
        if op is None:
            return UNKNOWN
        short_name = qualname[len("torch."):] if qualname.startswith("torch.") else qualname
        if short_name in table.FUNCTION_FORMS:
            if not args or not isinstance(args[0], Tensor):
                return UNKNOWN
            # torch.<op>(t, ...) is t.<op>(...)
            method = self.call(node, short_name, args[0], args[1:], kwargs, state.grad, has_star)
            result = self.linked(short_name, args[0], placed(op(method), args, kwargs), state.grad, node)
            result = self.remembered(short_name, args[0], list(args[1:]), result, state, node)
            return autograd.graph_cut(result, method.tensor_inputs(), state.grad, node, short_name)
        result = self.new_result(placed(op(call), args, kwargs), args, state.grad, node, qualname)
        result = graphs.recorded(qualname, result, call.tensor_inputs(), state.grad)
        return autograd.graph_cut(result, call.tensor_inputs(), state.grad, node)

    # ---------------------------------------------------------------- what the walker asks in passing

    def remembered(self, name: str, source: Tensor, args: list, result: Value, state: State, node) -> Value:
        """The memory a result shares with its source (views, `.detach()`) and the saved
        tensors its backward will read (`versions`)."""
        if isinstance(result, Seq):
            return Seq(tuple(self.remembered(name, source, args, r, state, node) for r in result.items), result.kind)
        if name in ("detach", "data"):
            return graphs.no_graph(versions.detached(source, result, state, node, name))
        result = versions.memory_of(result, source)
        result = versions.recorded(name, result, source, args, state, state.grad)
        return graphs.recorded(name, result, [source] + list(args), state.grad)

    def new_result(self, result: Value, inputs, grad: Tri, node, name: str) -> Value:
        """A function's or layer's result: an op's (not a leaf when it requires grad), but for
        a new leaf (factories), an input handed back, or an op that may hand its input back."""
        if not isinstance(result, Tensor) or result.leaf is YES or any(result is a for a in inputs):
            return result
        if name.rsplit(".", 1)[-1] not in table.MAY_RETURN_INPUT:
            return autograd.op_result(result, grad, node)
        # the input handed back, or a new result: a non-leaf either way when the input is one
        source = next((a for a in inputs if isinstance(a, Tensor)), None)
        return autograd.op_result(result, grad, node, maybe_itself=True, source=source)

    def decorator_grad_mode(self, decorator: Value) -> Optional[Tri]:
        """The grad mode a decorator sets (`@torch.no_grad()`, `@torch.enable_grad`), or None."""
        if isinstance(decorator, GradModeContext):
            return decorator.enabled
        if isinstance(decorator, TorchRef) and decorator.qualname in table.GRAD_MODE:
            return YES if table.GRAD_MODE[decorator.qualname] else NO
        return None

    def same_ref(self, left: TorchRef, right: TorchRef) -> Optional[bool]:
        """`a == b` of two torch names: dtypes compare by what they are (`torch.float` is
        `torch.float32`); None for anything else."""
        a, b = DTYPES.get(left.qualname), DTYPES.get(right.qualname)
        return (a == b) if a is not None and b is not None else None

    def class_facts(self, bases: list) -> tuple:
        """(is an nn.Module subclass, every base is followed) of a class with these base values."""
        is_module = any(isinstance(b, TorchRef) and b.qualname.startswith("torch.nn.") for b in bases) or any(
            isinstance(b, ClassInfo) and b.is_module for b in bases)
        known = all(isinstance(b, ClassInfo) or (isinstance(b, TorchRef) and (
            b.qualname in types.MODULE_BASE or b.qualname in types.OPTIMIZER_BASE)) for b in bases)
        return is_module, known

    def base_method_does_nothing(self, cls: ClassInfo, name: str) -> bool:
        """`super().<name>()` past the file's classes that sets nothing a rule asks about:
        nn.Module.__init__."""
        return cls.is_module and name == "__init__"

    def entry_parameter(self, annotation: Optional[Value], methods: set) -> Optional[Value]:
        """A parameter of an entry point (a function nobody in the project calls), from its
        annotation (`x: torch.Tensor`) or else from its use (`x.permute(...)`, `x.view(B, -1)`):
        a tensor in the state its unseen caller most often gives, contiguous, its other facts
        unknown. None when neither says it is a tensor."""
        if annotation is not None:
            tensor = isinstance(annotation, TorchRef) and annotation.qualname in types.TENSOR_CLASSES
        else:
            tensor = any(name in table.TENSOR_ONLY_METHODS or (name == "view" and count >= 2)
                         for name, count in methods)
        return Tensor(contiguous=YES) if tensor else None

    def narrowed(self, cls: Value) -> Optional[Value]:
        """What an unknown value is where `isinstance(x, cls)` (or `type(x) is cls`)
        holds: a tensor of unknown facts for `torch.Tensor`; None: nothing more known."""
        return types.instance_of(cls) if isinstance(cls, TorchRef) else None

    def narrowed_by_test(self, callee: Value) -> Optional[Value]:
        """What an unknown value x is where `callee(x)` is true: a tensor of unknown
        facts for `torch.is_tensor`; None: nothing more known."""
        if isinstance(callee, TorchRef) and table.FUNCTIONS.get(callee.qualname) is ops.is_tensor_query:
            return types.instance_of(TorchRef(types.TENSOR_CLASSES[0]))
        return None

    def requires_grad_unknown(self, name: str) -> None:
        """`x.requires_grad = ...` or `x.requires_grad_()` on a value nobody knows: some
        parameters may be frozen from here on."""
        if name in ("requires_grad", "requires_grad_"):
            self.run.unknown_freeze = True

    # ---------------------------------------------------------------- assignments and aliases

    def attribute_assigned(self, tensor: Tensor, name: str, value: Value, node, state: State) -> None:
        autograd.attribute_assigned(state, tensor, name, value, node)

    def item_assigned(self, tensor: Tensor, value: Value, state: State, node=None) -> None:
        versions.written(state, tensor, node)
        autograd.item_assigned(state, tensor, value, node)

    def augmented(self, tensor: Tensor, result: Value, state: State, name: Optional[str], node=None) -> Tensor:
        """`t op= v` with `result` the value of `t op v`: t changed in place (under `name`)."""
        versions.written(state, tensor, node)
        updated = autograd.updated_in_place(tensor, result, node)
        if name is not None:
            autograd.changed(state, tensor, updated, in_place=True)
            state.bind(name, updated)
        return updated

    def with_named_sizes(self, tensor: Tensor, names: list, state: State) -> Optional[Tensor]:
        """`B, T, C = x.shape` on a tensor of unknown rank: x, everywhere, now has sizes B, T, C."""
        named = ops.with_named_sizes(tensor, names)
        if named is not None:
            autograd.rebind(state, tensor, named)
        return named

    def changed_by_call(self, caller: State, effects: list) -> None:
        """A call changed its tensor arguments in place: the caller's names see it."""
        for old, new in effects:
            autograd.changed(caller, old, new, in_place=None)

    # ---------------------------------------------------------------- training

    def user_scheduler(self, cls, args, kwargs, node, state: Optional[State]) -> Value:
        """`WarmupLR(optimizer, ...)` of the file's subclass of a torch lr scheduler."""
        return training.user_scheduler(cls, args, kwargs, node, state, self.built)

    def optimizer_method(self, receiver: Value, name: str, args, kwargs, node, name_node, state: State) -> Value:
        """`optimizer.step()`, `.zero_grad()`, `.add_param_group(...)`, `scheduler.step()`:
        told to the rules as Kind.OPTIMIZER events (an optimizer's with the replacement of
        a module it holds, TL108's), and the order of steps recorded (TL102, TL104)."""
        call = self.call(node, name, receiver, args, kwargs, state.grad)
        if isinstance(receiver, Optimizer):
            call.extra["replaced"] = optimizers.stale(receiver, self.run.unknown_freeze)
            optimizers.method(receiver, name, state)  # add_param_group
        return training.method(receiver, name, call, name_node, state, self.emit)

    def other_method(self, receiver: Value, name: str, args, kwargs, node, state: State) -> None:
        """A method of a value that is neither a tensor nor an optimizer: `model.zero_grad()`
        clears gradients; an unknown method handed an optimizer or a module may step or clear."""
        training.method_effects(receiver, name, state, node)
        if not isinstance(receiver, (TorchModule, Instance)):
            training.unknown_call([*args, *kwargs.values()], state, node)

    def unknown_call(self, values: list, state: Optional[State], node=None) -> None:
        """Code that is not followed (unknown, or past the call depth) was given these values.
        One named as torch names what changes its arguments in place (`quantize_(model)`,
        a trailing underscore) may freeze or replace the parameters of a module it is given."""
        if state is not None:
            training.unknown_call(values, state, node)
        if _changes_in_place(node):
            for value in values:
                if isinstance(value, (TorchModule, Instance)):
                    nn.update_module(value, set(), requires_grad=MAYBE)

    @staticmethod
    def parameters_joined(module: Value, added: Value) -> None:
        """A module or tensor put into `module` where the code does not say which
        attribute it replaces: its parameters may now be those of `added` too."""
        if isinstance(added, (TorchModule, Instance)):
            nn.update_module(module, set(), requires_grad=added.state.params_require_grad)
        elif isinstance(added, Tensor):
            nn.update_module(module, set(), requires_grad=added.requires_grad)

    def assigned_through(self, target, name: Optional[str], state: State) -> None:
        """`p.grad = None`, `p.grad[...] = 0`, `p.grad.data = ...`: the gradient is cleared."""
        if name == "grad" or training.touches_grad(target):
            training.record(state, training.CLEAR, target)

    def module_opens(self, state: State) -> None:
        training.open_module(state)

    def round_opens(self, state: State, loop) -> None:
        training.open_round(state, loop)

    def round_closes(self, states: list, loop) -> Optional[tuple]:
        return training.close_round(states, loop)

    def call_entry(self, caller: Optional[State], callee: State) -> tuple:
        return training.call_entry(caller, callee)

    def call_exit(self, exits: list) -> tuple:
        return training.call_exit(exits)

    def apply_call(self, caller: Optional[State], summary, orders: dict) -> None:
        training.apply_call(caller, summary, orders)

    # ---------------------------------------------------------------- modules

    def module_call(self, module: TorchModule, args, kwargs, node, state: State,
                    call_layer: Callable[[Value, Value], Value]) -> Value:
        name = CANONICAL.get(module.kind, module.kind)
        called = getattr(node, "func", node)  # reported at the called name: `criterion` of `self.criterion(...)`
        self.emit(Kind.MODULE_CALL, name, getattr(called, "attr", called), state.grad,
                  call=self.call(node, name, module, args, kwargs, state.grad))
        result = nn.call_module(module, args, kwargs, node, state, self.run, call_layer)
        result = self.new_result(result, args, state.grad, node, module.kind)
        short = module.kind.rsplit(".", 1)[-1]
        if short not in table.CONTAINERS:  # a container's layers made their own nodes
            result = graphs.module_output(short, result, list(args) + list(kwargs.values()), state.grad,
                                          short in table.LAYERS or short in table.LOSSES
                                          or short in graphs.SAVING_ACTIVATIONS)
        weights = [self.parameter_tensor(module.state)] if module.kind.rsplit(".", 1)[-1] in table.LAYERS else []
        result = autograd.graph_cut(result, list(args) + weights, state.grad, node)
        if name.rsplit(".", 1)[-1] in table.SOFTMAX_LAYERS and isinstance(result, Tensor):
            result = result.with_(softmax_of=Origin(node, "softmax", _dim_detail(module.kwarg("dim", 0), args)))
        elif name.rsplit(".", 1)[-1] in table.LOG_SOFTMAX_LAYERS and isinstance(result, Tensor):
            result = result.with_(softmax_of=Origin(node, "log_softmax"))
        if isinstance(result, Tensor) and (result.link is not None or result.view_base is not None) \
                and not any(result is a for a in args):
            # a layer's output is not tracked as a view of its input (nn.Flatten's may be one)
            result = result.with_(link=None, view_base=None)
        return result

    def module_item(self, module: TorchModule, indices: list) -> Value:
        """`model[2]` of an nn.Sequential or nn.ModuleList made with its layers listed."""
        return nn.module_item(module, indices)

    def module_attribute(self, module: TorchModule, name: str, node=None) -> Value:
        return nn.module_attribute(module, name, self.run, node)

    def module_method(self, module: Value, name: str, args, kwargs, node=None) -> Value:
        return nn.module_method(module, name, args, kwargs, self.run, node)

    # ---------------------------------------------------------------- graphs and optimizers

    def loop_round_carried(self, entry: State, back: list, loop) -> None:
        """At a loop's head: what the previous round's end hands to later rounds (`graphs`)."""
        graphs.carried_into_next_round(entry, back, loop)
        autograd.carried_non_leaf(entry, back)

    def carried_operand(self, left: Value, right: Value) -> Optional[Value]:
        """`0.9 * avg` where avg is a graph a loop carries (`graphs.CarriedValue`) and the
        other operand a number: the carried value; else None."""
        return graphs.carried_operand(left, right)

    def memo_facts(self, args) -> tuple:
        """What a call's arguments carry that their equality does not compare and its result
        depends on: the backward that freed each one's graph (`graphs`)."""
        return graphs.memo_facts(args)

    def memo_result(self, result: Value, given: tuple, args) -> Value:
        """A call answered from the memo (first made with the arguments `given`, now with
        `args`) ran its ops again: new graph nodes (`graphs`)."""
        return graphs.fresh_nodes(result, given, args)


    def module_replaced(self, holder: Value, name: str, old: Value, new: Value, node, state: State,
                        function) -> None:
        """`model = Net()` (holder None, name the variable), `model.fc = nn.Linear(...)`,
        `setattr(model, "fc", ...)`: optimizers built from the old parameters learn of it."""
        optimizers.replaced(holder, name, old, new, node, state, function)

    # ---------------------------------------------------------------- hooks

    def hook_kind(self, owner: Value, name: str) -> Optional[str]:
        """`owner.<name>(fn)` registers a hook of this kind ("forward", "grad"...), or None."""
        return hooks.hook_kind(owner, name)

    def register_hook(self, owner: Value, kind: str, function: Value) -> None:
        """A module's call runs its forward hooks from here on (backward hooks are not
        run by any call the interpreter sees)."""
        if isinstance(owner, (TorchModule, Instance)) and kind in hooks.RUN_BY_CALL:
            owner.state.hooks.append((kind, function))
            self.run.hooks_registered += 1

    def remove_hook(self, owner: Value, kind: str, function: Value) -> None:
        """`handle.remove()`: the hook no longer runs, on any path (never more findings)."""
        if isinstance(owner, (TorchModule, Instance)):
            owner.state.hooks = [h for h in owner.state.hooks if h != (kind, function)]
            self.run.hooks_registered += 1

    def hooks_of(self, module: Value, kind: str) -> list:
        return [f for k, f in module.state.hooks if k == kind] if isinstance(module, (TorchModule, Instance)) else []

    def hook_arguments(self, kind: str, owner: Value, inputs: list, output: Value) -> list:
        return hooks.arguments(kind, owner, inputs, output)

    def hook_grad_mode(self, kind: str, call_grad: Tri) -> Tri:
        return hooks.grad_mode(kind, call_grad)

    def layer_output(self, module: Value, node, grad: Tri) -> Value:
        """What a torch layer (not a container) returns for an input nobody knows."""
        if not isinstance(module, TorchModule) or module.kind.rsplit(".", 1)[-1] in table.CONTAINERS:
            return UNKNOWN
        return nn.call_module(module, [Tensor(requires_grad=MAYBE)], {}, node, State(grad=grad), self.run,
                              lambda layer, x: UNKNOWN)

    def parameter_tensor(self, state: ModuleState, shape=None) -> Tensor:
        return nn.parameter_tensor(state, self.run, shape)


def placed(result: Value, args, kwargs: dict) -> Value:
    """An op's result is made on the device of its tensor inputs, where they all are on
    one known device (a 0-d CPU tensor may join others on a GPU: then it is not known),
    unless the call says where (`device=`)."""
    if "device" in kwargs:
        return result
    if isinstance(result, Seq):
        return Seq(tuple(placed(r, args, kwargs) for r in result.items), result.kind)
    if not isinstance(result, Tensor) or result.device is not None:
        return result
    devices = set()
    for value in (*args, *kwargs.values()):
        for item in (value.items if isinstance(value, Seq) else (value.element,) if isinstance(value, ListOf)
                     else (value,)):
            if isinstance(item, Tensor):
                devices.add(item.device)
    if len(devices) != 1 or None in devices:
        return result
    return result.with_(device=devices.pop())


def _keeps_rows(tensor: Tensor, indices: list) -> bool:
    """`probs[i]`, `probs[:, :3]`, `probs[:, None]` of a softmax over the last dim: an index
    that leaves the last dim alone keeps rows that are distributions over it."""
    if len(indices) == 1 and isinstance(indices[0], Seq) and indices[0].kind == "tuple":
        indices = list(indices[0].items)
    if tensor.softmax_of.detail != "last dim" or tensor.shape is None:
        return False
    consumed = 0
    for index in indices:
        if isinstance(index, Const) and index.value is None:
            continue
        if not (isinstance(index, tuple) or isinstance(index, Const) and type(index.value) is int or index is NUMBER):
            return False  # an ellipsis, a tensor or an index not known
        consumed += 1
    return consumed < len(tensor.shape)


def _dim_detail(dim: Optional[Value], inputs) -> Optional[str]:
    """"last dim" when a softmax given `dim` normalises over the last dim of its input."""
    if not isinstance(dim, Const) or type(dim.value) is not int:
        return None
    source = inputs[0] if inputs else None
    if dim.value == -1 or isinstance(source, Tensor) and source.shape is not None \
            and dim.value == len(source.shape) - 1:
        return "last dim"
    return None


def probabilities(name: str, source: Optional[Value], result: Value, node, dim: Optional[Value] = None) -> Value:
    """The result with what it holds of a softmax, for the losses (TL107): a softmax's
    output; a log-softmax's (marked "log_softmax": a loss may take it), whose `exp` is a
    softmax's; a softmax's output reshaped with its last size kept (`p.view(1, -1)`)."""
    if not isinstance(result, Tensor):
        return result
    if name in table.SOFTMAX:
        return result.with_(softmax_of=Origin(node, "softmax", _dim_detail(dim, [source])))
    if name in table.LOG_SOFTMAX:
        return result.with_(softmax_of=Origin(node, "log_softmax"))
    given = source.softmax_of if isinstance(source, Tensor) else None
    if given is None:
        return result
    if name == "exp" and given.what == "log_softmax":
        return result.with_(softmax_of=Origin(node, "softmax"))
    if name in table.ROW_KEEPING or name in table.VIEWS:
        # a view keeps the values; its rows are the softmax's only where the last size is kept
        rows_kept = given.what == "softmax" and bool(source.shape) and bool(result.shape) \
            and source.shape[-1] == result.shape[-1]
        return result.with_(softmax_of=given if rows_kept else None)
    return result


def _changes_in_place(call) -> bool:
    """Is this the call of a function named `something_` (not `__dunder__`)?"""
    from ..syntax import called_name

    name = called_name(getattr(call, "func", None))
    return name.endswith("_") and not name.endswith("__") and name.strip("_") != ""
