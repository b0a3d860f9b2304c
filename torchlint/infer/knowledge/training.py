"""Training loops: optimizers and lr schedulers as values, the order in which they
step, and what code does to gradients (`Effects`), for the rules about loops.

State that changes along a path lives in the heap of the `State`, so that branches
join it and loops run it to a fixed point like a name:

- ("order", id(scheduler)): the scheduler's `StepOrder`, from the place that built
  it on: which of it and its optimizer stepped first;
- ("effects", mark): what the code did since the mark: the start of a loop round
  (mark: id of the loop), or the entry of the function being run (mark: "call").
  A call's effects are summarised and added to the caller's marks on return.
"""

from __future__ import annotations

from typing import Any, Callable, Optional

from ..events import Kind
from ..state import State
from ..values import (
    UNKNOWN, Const, Effects, Instance, Optimizer, ParamIterator, Scheduler, Seq, StepOrder, TorchModule, Value,
)
from . import optimizers

# lr schedulers whose first step() checks that the optimizer stepped since the scheduler was
# built (torch's LRScheduler.step), and those that override step() without that check
WARNING_SCHEDULERS = frozenset(
    "LambdaLR MultiplicativeLR StepLR MultiStepLR ConstantLR LinearLR ExponentialLR PolynomialLR "
    "CosineAnnealingLR CyclicLR OneCycleLR".split())
QUIET_SCHEDULERS = frozenset("ReduceLROnPlateau CosineAnnealingWarmRestarts SequentialLR ChainedScheduler".split())

ORDER, EFFECTS = "order", "effects"
CALL_MARK = (EFFECTS, "call")
FRESH, OPTIMIZER_FIRST = "fresh", "optimizer first"
BACKWARD, STEP, CLEAR, NEW = "backward", "step", "clear", "new"


def construct(qualname: str, args: list, kwargs: dict, node, state: State, built: dict) -> Optional[Value]:
    """An optimizer or scheduler built by `torch.optim.<name>(...)`; None for another call.
    `built` keeps one value per place that builds it (and optimizer given)."""
    short = qualname.rsplit(".", 1)[-1]
    if optimizers.is_optimizer_class(qualname):
        optimizer = optimizers.build(qualname, args, kwargs, node, state)
        # built in a loop's round: what it steps may be new in each round (a fresh leaf)
        record(state, NEW, node, certain=False)
        return built.setdefault((id(node), tuple(id(m) for m in optimizer.held)), optimizer)
    if qualname == f"torch.optim.lr_scheduler.{short}" and (short in WARNING_SCHEDULERS or short in QUIET_SCHEDULERS):
        optimizer = args[0] if args else kwargs.get("optimizer", UNKNOWN)
        if not isinstance(optimizer, Optimizer):
            return None  # bound to what nobody knows: its steps cannot be ordered
        scheduler = built.setdefault((id(node), id(optimizer)),
                                     Scheduler(qualname, optimizer, node, short in WARNING_SCHEDULERS))
        if scheduler.warns:
            _watch(state, scheduler)
        return scheduler
    return None


def user_scheduler(cls, args: list, kwargs: dict, node, state: Optional[State], built: dict) -> Value:
    """An instance of the file's subclass of a torch lr scheduler (`class WarmupLR(_LRScheduler)`):
    a scheduler bound to its first argument; its first step() checks the order unless the
    file's class defines its own step() (which may or may not call torch's)."""
    optimizer = args[0] if args else kwargs.get("optimizer", UNKNOWN)
    if not isinstance(optimizer, Optimizer) or state is None:
        return UNKNOWN
    scheduler = built.setdefault((id(node), id(optimizer)),
                                 Scheduler(cls.name, optimizer, node, cls.find_method("step") is None))
    if scheduler.warns:
        _watch(state, scheduler)
    return scheduler


def _watch(state: State, scheduler: Scheduler) -> None:
    """Built (again, in a loop: a new scheduler): neither it nor its optimizer has stepped since.
    A second scheduler on the same optimizer finds it already watched, stepped or not: either
    may come first."""
    others = any(_same(v.optimizer, scheduler.optimizer) and v is not scheduler for v in _schedulers(state))
    state.heap[(ORDER, id(scheduler))] = StepOrder(frozenset({FRESH, OPTIMIZER_FIRST} if others else {FRESH}))
    state.heap[(ORDER, "of", id(scheduler))] = scheduler


def _schedulers(state: State) -> list:
    """The schedulers the path knows; one that paths (a loop's rounds) joined into an
    unknown value is no longer known, and tells nothing."""
    return [v for k, v in state.heap.items() if k[0] == ORDER and len(k) == 3 and isinstance(v, Scheduler)]


def method(receiver: Value, name: str, call, name_node, state: State, emit: Callable) -> Value:
    """`optimizer.step()`, `optimizer.zero_grad()`, `scheduler.step()`: tell the rules
    (Kind.OPTIMIZER; an optimizer's step carries, in `call.extra["scheduler_first"]`, the
    first step of each of its schedulers that ran before it on every path), then
    record what it did."""
    if isinstance(receiver, Optimizer) and name == "step":
        call.extra["scheduler_first"] = _stepped_first(receiver, state)
    emit(Kind.OPTIMIZER, name, name_node, state.grad, call=call)
    if isinstance(receiver, Optimizer):
        if name == "step":
            record(state, STEP, call.node)
            for scheduler in _schedulers(state):
                if _same(scheduler.optimizer, receiver):
                    _update(state, scheduler, _optimizer_stepped)
            return UNKNOWN
        if name == "zero_grad":
            record(state, CLEAR, call.node)
            return Const(None)
    elif isinstance(receiver, Scheduler) and name == "step" and receiver.warns:
        _update(state, receiver, lambda s: (call.node, False) if s == FRESH else s)
        return Const(None)
    return UNKNOWN


def _stepped_first(optimizer: Optimizer, state: State) -> list:
    """(the scheduler, its first step's call) for each scheduler of this optimizer that,
    on every path here, stepped before the optimizer did, where on some path this is the
    optimizer's first step since then."""
    found = []
    for scheduler in _schedulers(state):
        order = state.heap.get((ORDER, id(scheduler)))
        if not _same(scheduler.optimizer, optimizer) or not isinstance(order, StepOrder) or not order.states:
            continue
        if all(isinstance(s, tuple) for s in order.states):
            calls = {s[0] for s in order.states}
            if len(calls) == 1 and any(not s[1] for s in order.states):
                found.append((scheduler, next(iter(calls))))
    return found


def _same(a: Value, b: Value) -> bool:
    """The same optimizer: built at the same place (a module replaced since gives a new
    value that knows of it, TL108's fact; it is still that optimizer)."""
    return a is b or (isinstance(a, Optimizer) and isinstance(b, Optimizer) and a.node is b.node)


def _optimizer_stepped(s):
    if s == FRESH:
        return OPTIMIZER_FIRST
    return (s[0], True) if isinstance(s, tuple) else s


def _update(state: State, scheduler: Scheduler, change: Callable) -> None:
    order = state.heap.get((ORDER, id(scheduler)))
    if isinstance(order, StepOrder):
        state.heap[(ORDER, id(scheduler))] = StepOrder(frozenset(change(s) for s in order.states))


def record(state: State, kind: str, node, certain: bool = True) -> None:
    """The code did `kind` at `node`: every open mark (loop round, call) learns it."""
    if not state.heap:
        return
    for key, value in list(state.heap.items()):
        if key[0] == EFFECTS and isinstance(value, Effects):
            state.heap[key] = value.did(kind, node, certain)


def unknown_call(values: list, state: State, node=None) -> None:
    """Code the interpreter cannot follow was handed these values: if it got an optimizer,
    a scheduler, a module or an object of the file (which may hold them), it may step the
    optimizer and clear gradients."""
    if not any(_may_train(v) for v in values):
        return
    record(state, CLEAR, node, certain=False)
    for scheduler in _schedulers(state):
        order = state.heap.get((ORDER, id(scheduler)))
        if isinstance(order, StepOrder):
            state.heap[(ORDER, id(scheduler))] = StepOrder(order.states | {OPTIMIZER_FIRST})


def _may_train(value: Value) -> bool:
    if isinstance(value, Seq):
        return any(_may_train(v) for v in value.items)
    return isinstance(value, (Optimizer, Scheduler, TorchModule, Instance, ParamIterator))


def method_effects(receiver: Value, name: str, state: State, node) -> None:
    """A method of something that is not a tensor: `model.zero_grad()` clears the gradients,
    whatever the receiver; `.backward()` on a value nobody knows is a backward."""
    if name == "zero_grad":
        record(state, CLEAR, node)
    elif name == "backward" and not isinstance(receiver, (Optimizer, Scheduler, TorchModule, Instance)):
        record(state, BACKWARD, node)


def touches_grad(expression: Any) -> bool:
    """Does an expression (the receiver of an in-place method, the target of an
    assignment) go through `.grad` (`p.grad.zero_()`, `p.grad.data.mul_(0)`, `p.grad[...] = 0`)?"""
    while expression is not None:
        attr = getattr(expression, "attr", None)
        if attr is not None and getattr(attr, "value", None) == "grad":
            return True
        expression = getattr(expression, "value", None)
        if isinstance(expression, str):
            return False
    return False


def open_module(state: State) -> None:
    """The module's code starts: what it does is marked too (a clear before a loop of the script)."""
    state.heap[(EFFECTS, "module")] = Effects()


def open_round(state: State, loop) -> None:
    state.heap[(EFFECTS, id(loop))] = Effects()


def close_round(states: list, loop) -> Optional[tuple]:
    """(effects on the path that ends the round, the kinds of effect any path of it had, a
    clear outside the loop) of a loop round, taken out of the states that end it (its end,
    its continues and breaks)."""
    key = (EFFECTS, id(loop))
    taken = [s.heap.pop(key, None) if s is not None else None for s in states]
    end = taken[0]
    if not isinstance(end, Effects):
        return None
    may = end.may
    for other in taken[1:]:
        if isinstance(other, Effects):
            may = may | other.may
    return end, may, _clear_outside(states[0])


def _clear_outside(state: Optional[State]):
    """A call that cleared gradients on some path of what encloses the loop (its function,
    an outer loop's round, the module) and not in the loop: `optimizer.zero_grad()` once
    before it, or once per epoch; None if none is known."""
    marks = [v for k, v in (state.heap.items() if state is not None else ()) if k[0] == EFFECTS]
    for value in reversed(marks):  # the nearest first: an outer loop's round, the function, the module
        if isinstance(value, Effects):
            for kind, node in value.seen:
                if kind == CLEAR and getattr(node, "func", None) is not None:
                    return node
    return None


def call_entry(caller: Optional[State], callee: State) -> tuple:
    """Give the callee the caller's scheduler orders and a mark of its own; the part of
    the memo key they make."""
    callee.heap[CALL_MARK] = Effects()
    if caller is None or not caller.heap:
        return ()
    shared = [(k, v) for k, v in caller.heap.items() if k[0] == ORDER]
    for key, value in shared:
        callee.heap[key] = value
    return tuple(sorted(((k, v) for k, v in shared if len(k) == 2), key=lambda kv: kv[0][1]))


def call_exit(exits: list) -> tuple:
    """(what the call did, the scheduler orders it ended with) joined over its exits."""
    summary, orders = None, {}
    for state in exits:
        if state is None:
            continue
        mark = state.heap.get(CALL_MARK)
        if isinstance(mark, Effects):
            summary = mark if summary is None else summary.join(mark)
        for key, value in state.heap.items():
            if key[0] == ORDER:
                orders[key] = value if key not in orders else (orders[key].join(value) if len(key) == 2 else value)
    orders.update(optimizers.replacements(exits))
    return summary, orders


def apply_call(caller: Optional[State], summary: Optional[Effects], orders: dict) -> None:
    """The caller continues with what the call did."""
    if caller is None:
        return
    caller.heap.update({k: v for k, v in orders.items() if k[0] != optimizers.REPLACED})
    optimizers.replay(caller, {k: v for k, v in orders.items() if k[0] == optimizers.REPLACED})
    if summary is not None and (summary.must or summary.may):
        for key, value in list(caller.heap.items()):
            if key[0] == EFFECTS and isinstance(value, Effects):
                caller.heap[key] = value.then(summary)
