"""The rule API: everything a rule module imports, and nothing else.

A rule is a `Rule` subclass with its documentation, trigger tokens, the events
it subscribes to, a `check` that asks facts of an `Event` and returns a
`Finding` (or None), and a `Repro` that proves it under real torch. A rule never
imports libcst nor the interpreter: the facts it may ask about are the
properties of `Fact` and `Event` below, and the text of a finding is a
template whose provenance parts (`{via}`, `{since}`) this module writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional, Union

from .infer import queries  # accumulators and discarded import libcst: loaded by the methods that use them
from .infer.events import Event as _RawEvent
from .infer.events import Kind
from .infer.values import MAYBE, NO, YES, Tri
from .text_sites import Site, TextSites, is_chain, never_a_tensor
from .infer.values import Origin as _Origin

UNKNOWN = MAYBE  # a fact that is neither certainly true nor certainly false

__all__ = [
    "Edit", "Event", "Fact", "Finding", "Fix", "Kind", "NO", "Part", "Provenance", "Repro", "Rule", "Site", "TextSites",
    "Tri", "UNKNOWN", "YES", "is_chain", "never_a_tensor", "on",
]


@dataclass(frozen=True)
class Repro:
    """Code that shows the pitfall under real torch, and its correct twin.

    `bad` must fail with `error` (an exception class name, or a warning class
    name for warning pitfalls) whose message contains `message`; `good` must
    run clean. The tests run both.

    `entry`, for a pitfall that holds for every size: a call of an entry point
    defined in `bad` and `good`, run after each, whose free names (`sizes`) stand
    for sizes. The tests run it with several random draws of sizes >= 2: bad must
    fail for each and good run clean for each.
    """

    bad: str
    good: str
    error: str
    message: str
    entry: str = ""
    sizes: tuple = ()
    # other failures of the same pitfall, as (error, message) pairs: an optimizer's
    # ValueError beside the warning of a `.grad` read
    also: tuple = ()
    # for a pitfall that raises nothing: source defining `install(observed)`, which
    # patches torch, calls `observed(message, frame)` where the effect shows (the
    # program's frame that caused it) and returns a function that undoes the patch.
    # The source is run afresh for each program, and install/undo may wrap each of its
    # statements (the oracle runs a program one statement at a time), so what the
    # probe remembers lives in its module, and undo keeps it.
    probe: str = ""


def on(kind: str, name: Optional[str] = None) -> tuple:
    """A subscription: events of `kind` (a `Kind`), of one `name` or (None) all."""
    if kind not in Kind.ALL:
        raise ValueError(f"unknown event kind {kind!r}; one of {', '.join(Kind.ALL)}")
    return (kind, name)


class Provenance:
    """Where a fact came from: the node that gave a tensor requires-grad or its
    layout. Rules pass it back to a `Finding`; they do not look inside."""

    __slots__ = ("origin",)

    def __init__(self, origin: Any) -> None:
        self.origin = origin


class Part:
    """A piece of the code a fix edits (a call, a method's name, an argument), as the
    `Event` hands it out. Rules pass it to `Edit`; they do not look inside."""

    __slots__ = ("node",)

    def __init__(self, node: Any) -> None:
        self.node = node


@dataclass(frozen=True)
class Edit:
    """Replace a part's code with `text`, or (`before`) insert `text` in front of it.
    Everything outside the part stays byte for byte."""

    part: Part
    text: str
    before: bool = False


@dataclass(frozen=True)
class Fix:
    """Edits that turn the failing code into what was meant. `safe`: it keeps what
    the code means in every case (`--fix` applies it); an unsafe fix makes a choice
    for the user, so only `--unsafe-fixes` applies it."""

    title: str
    edits: tuple
    safe: bool = True


@dataclass(frozen=True)
class Finding:
    """A definite finding: a message template, its arguments, and where the bad
    fact began.

    The template is formatted with `args` and two parts the API writes:
    `{via}`, " (from the call on line N)" when a helper's caller made the
    values definite, and `{since}`, " since <origin> on line N" when `origin` is
    given (`origin_as` "code" shows the origin's code, "op" the operation, as
    `.transpose(1, 2)`). `origin_note` labels the origin as a related location.

    `at`: report the finding at this part instead of the event's own place (where
    torch fails is elsewhere: the scheduler's step, judged at the optimizer's);
    the event's place is then a related location labelled `at_note`.

    `own_code`: the finding follows from the function's own code whatever a call
    passes it (a forward's dropout): no call is named as what makes it certain.
    """

    template: str
    args: Mapping[str, Any] = field(default_factory=dict)
    origin: Optional[Provenance] = None
    origin_note: str = ""
    origin_as: str = "code"
    fix: Optional[Fix] = None
    at: Optional[Part] = None
    at_note: str = ""
    own_code: bool = False

    def __post_init__(self) -> None:
        reserved = {"via", "since"} & set(self.args)
        if reserved:
            raise ValueError(f"Finding args {sorted(reserved)}: the API writes these parts of the message")


class Rule:
    """One pitfall. Subclasses set the class attributes and implement `check`."""

    code: str = ""
    name: str = ""
    summary: str = ""
    doc: str = ""  # Markdown with the sections "What it does", "Why is this bad?", "Example", "Use instead"
    # Strings whose absence proves the rule cannot fire. A token that starts
    # with a letter counts only at the start of a word: "tensor(" matches
    # `torch.tensor(` and `tensor(`, not `to_tensor(`.
    triggers: tuple = ()
    methods: tuple = ()  # tensor methods whose calls the rule receives: ("numpy",)
    functions: tuple = ()  # torch functions whose calls it receives: ("torch.as_strided",)
    events: tuple = ()  # other subscriptions, made with on(): (on(Kind.ATTR_ASSIGN, "requires_grad"),)
    fixable: bool = False
    # False: a fix is right only for the values the rule fired on; it is offered only
    # where the rule fired in every context the place was analysed in (a helper that
    # one caller gives a tensor and another a list keeps its `torch.tensor`)
    fix_holds_everywhere: bool = True
    repro: Optional[Repro] = None

    def check(self, event: "Event") -> Optional[Union[Finding, str]]:
        """The finding at this event, or None."""
        raise NotImplementedError

    def could_fire(self, text: str) -> bool:
        """Asked of a file in which a trigger token occurs, before it is parsed: False
        when the text shows no place where `check` could fire, so that the file need
        not be parsed for this rule (`TextSites` reads the places of a token). It must
        never be False where the rule fires; tests/test_could_fire.py holds every
        rule to its cases."""
        return True

    def subscriptions(self) -> Iterable[tuple]:
        for name in self.methods:
            yield (Kind.METHOD, name)
        for name in self.functions:
            yield (Kind.FUNCTION, name)
        yield from self.events


class Fact:
    """What is known of one value: each question answers YES, NO or UNKNOWN (or
    None where a number or a shape cannot be told)."""

    __slots__ = ("_value",)

    def __init__(self, value: Any) -> None:
        self._value = value

    @property
    def is_tensor(self) -> bool:
        return queries.is_tensor(self._value)

    @property
    def requires_grad(self) -> Tri:
        return queries.fact(self._value, "requires_grad")

    @property
    def retains_grad(self) -> Tri:
        """`retain_grad()` was called on it (NO for a new op result)."""
        return queries.fact(self._value, "retains_grad")

    @property
    def contiguous(self) -> Tri:
        return queries.fact(self._value, "contiguous")

    @property
    def leaf(self) -> Tri:
        return queries.fact(self._value, "leaf")

    @property
    def is_parameter(self) -> bool:
        """A parameter (or buffer) of a module, as far as the interpreter knows."""
        return self.is_tensor and getattr(self._value, "is_param_of", None) is not None

    @property
    def dtype(self) -> Optional[str]:
        """"float32", "int64", "bool"..., or only the kind ("float"); None if unknown."""
        return getattr(self._value, "dtype", None) if self.is_tensor else None

    @property
    def dtype_kind(self) -> Optional[str]:
        """"float", "int", "bool" or "complex"; None if unknown."""
        return queries.dtype_kind_of(self._value)

    @property
    def rank(self) -> Optional[int]:
        shape = getattr(self._value, "shape", None) if self.is_tensor else None
        return None if shape is None else len(shape)

    @property
    def grad_origin(self) -> Optional[Provenance]:
        """Where the tensor started to require grad."""
        return _provenance(getattr(self._value, "grad_origin", None) if self.is_tensor else None)

    @property
    def leaf_origin(self) -> Optional[Provenance]:
        """The operation that made the tensor a non-leaf (computed it from one that requires grad)."""
        return _provenance(getattr(self._value, "leaf_origin", None) if self.is_tensor else None)

    @property
    def cut_origin(self) -> Optional[Provenance]:
        """Where this tensor, computed from one that requires grad, was cut from the graph."""
        return _provenance(getattr(self._value, "cut_origin", None) if self.is_tensor else None)

    @property
    def cut_reason(self) -> Optional[str]:
        """How it was cut: "integer" (an integer or bool result: argmax, indices, a comparison,
        `.long()`), "no_grad" (computed with grad mode off) or "detach" (`.detach()`, `.data`)."""
        origin = getattr(self._value, "cut_origin", None) if self.is_tensor else None
        return origin.what if origin is not None else None

    @property
    def softmax_origin(self) -> Optional[Provenance]:
        """The softmax call (`F.softmax`, `.softmax`, `nn.Softmax`) whose output this
        tensor is, on every path; None otherwise."""
        origin = getattr(self._value, "softmax_of", None) if self.is_tensor else None
        return _provenance(origin if origin is not None and origin.what == "softmax" else None)

    @property
    def layout_origin(self) -> Optional[Provenance]:
        """The operation that made the tensor non-contiguous."""
        return _provenance(getattr(self._value, "layout_origin", None) if self.is_tensor else None)

    def numel_more_than_one(self) -> Optional[bool]:
        """More than one element for every size of 2 or more the symbols may take."""
        return queries.numel_more_than_one(self._value)

    def shape_text(self) -> str:
        """The sizes as the code names them: "B, T, 8"."""
        return queries.shape_text(self._value)

    @property
    def is_none(self) -> Optional[bool]:
        """True for a known None, False for a known other constant, None if unknown."""
        return queries.is_none_constant(self._value)

    @property
    def truth(self) -> Optional[bool]:
        """A known bool constant (`True`, `False`); None if not known to be one."""
        return queries.known_bool(self._value)

    @property
    def negative(self) -> bool:
        """A known negative int: `-1`, or the negation of a size or stride."""
        return queries.negative_int(self._value)

    @property
    def items(self) -> Optional[tuple]:
        """The items of a tuple or list whose length is known."""
        items = queries.items(self._value)
        return None if items is None else tuple(Fact(v) for v in items)


class Event:
    """One event as a rule sees it: its kind and name, the facts of the values
    involved, their source text, and the grad mode."""

    __slots__ = ("_raw", "_source")

    def __init__(self, raw: _RawEvent, source: Any) -> None:
        self._raw = raw
        self._source = source

    kind = property(lambda self: self._raw.kind)
    name = property(lambda self: self._raw.name)

    @property
    def grad_enabled(self) -> Tri:
        return self._raw.grad

    @property
    def has_star(self) -> bool:
        """The call passes `*args` or `**kwargs`: its arguments are not all known."""
        call = self._raw.call
        return bool(call is not None and call.has_star)

    @property
    def through_call(self) -> bool:
        """The values are definite because of a call site in the file (a helper's caller)."""
        return self._raw.via is not None

    @property
    def stale_alias_write(self) -> Optional[tuple]:
        """At a backward(): (the in-place write, the `.detach()` it went through) of a tensor
        this backward reads, written after it was saved; None if there is none on every path."""
        call = self._raw.call
        found = call.extra.get("stale") if call is not None else None
        return None if found is None else (Provenance(found[0]), Provenance(found[1]))

    @property
    def freed_graph(self) -> Optional[tuple]:
        """At a backward() (or `torch.autograd.backward`, without inputs=): when its
        graph holds saved tensors an earlier backward() freed, on every path: (the code of
        that earlier backward call, its place "line N", None) or, where a loop carries the
        freed graph into its later rounds, (that code, its place, (the loop as "for loop on
        line N", the name that carries it, whether the tensor is an item of the tuple the
        name holds (an LSTM's (h, c)), whether the loop's body binds the name: False for a
        value computed once before the loop)). None otherwise."""
        call = self._raw.call
        found = call.extra.get("freed") if call is not None else None
        if found is None:
            return None
        first, carried = found
        if carried is not None:
            from .infer.syntax import assigned_names
            loop, name, in_tuple = carried
            kind = "for" if type(loop).__name__ == "For" else "while"
            # (an attribute, `self.hidden`, is assigned by the code each round runs)
            rebound = "." in name or name in assigned_names(list(loop.body.body) if hasattr(loop.body, "body")
                                                            else loop.body)
            carried = (f"{kind} loop on {self._source.place(loop)}", name, in_tuple, rebound)
        return self._source.code(first), self._source.place(first), carried

    @property
    def freed_graph_origin(self) -> Optional[Provenance]:
        """The earlier backward() call of `freed_graph`, as a related location."""
        call = self._raw.call
        found = call.extra.get("freed") if call is not None else None
        return None if found is None else Provenance(_Origin(found[0], "backward"))

    @property
    def optimizer_replaced(self) -> Optional[tuple]:
        """At a call of an optimizer's method (`optimizer.step()`): when a module whose
        parameters it was built from was replaced since, on every path, by a module with
        parameters that require grad: (the replacement's code, its place "line N", the
        code that built the optimizer, its place). None otherwise."""
        call = self._raw.call
        node = call.extra.get("replaced") if call is not None else None
        if node is None:
            return None
        built = call.receiver.node
        return self._source.code(node), self._source.place(node), self._source.code(built), self._source.place(built)

    @property
    def optimizer_replacement_origin(self) -> Optional[Provenance]:
        """The replacement of `optimizer_replaced`, as a related location."""
        call = self._raw.call
        node = call.extra.get("replaced") if call is not None else None
        return None if node is None else Provenance(_Origin(node, "replacement"))

    @property
    def receiver(self) -> Fact:
        call = self._raw.call
        return Fact(call.receiver if call is not None else None)

    @property
    def target(self) -> Fact:
        """The value changed, entered or iterated."""
        return Fact(self._raw.target)

    @property
    def value(self) -> Fact:
        """The value assigned."""
        return Fact(self._raw.value)

    @property
    def result(self) -> Fact:
        """What the call returned (known for calls of torch functions)."""
        call = self._raw.call
        return Fact(getattr(call, "result", None))

    @property
    def bound(self) -> dict:
        """At the end of a body (FUNCTION_END, LOOP_END): the names bound there."""
        return {name: Fact(value) for name, value in (self._raw.names or {}).items()}

    # Training loops: optimizers, schedulers, what a loop round does

    def scheduler_stepped_first(self) -> Optional[tuple]:
        """At an optimizer's `step()`: when one of its lr schedulers stepped before it on
        every path here (its first `step()` ran while the optimizer had not stepped since
        the scheduler was built), and this is, on some path, the optimizer's first step
        since: (the Part of that scheduler step's method name, its call as `scheduler.step()`
        (`(...)` for arguments), its place "line N"); None otherwise, and None where that step
        is in another file."""
        call = self._raw.call
        found = call.extra.get("scheduler_first") if call is not None else None
        for _scheduler, node in found or ():
            name = queries.method_name_node(_CallNode(node))
            if name is None or self._source.file_of(node) is not None:
                continue
            shown = self._source.code(node.func) + ("(...)" if node.args else "()")
            return Part(name), shown, self._source.place(node)
        return None

    def round_does(self, kind: str) -> Optional[tuple]:
        """At LOOP_END: when the round does `kind` on every path that ends it ("backward":
        gradients accumulated into `.grad`; "step": an optimizer stepped; "clear":
        gradients cleared; "new": an optimizer built, over what may be new tensors), its
        first call of that kind: (Part of the called name, the
        call's code, its place "line N"); None otherwise."""
        effects = self._raw.effects
        if effects is None:
            return None
        for kind_done, node in effects[0].first:
            if kind_done == kind:
                name = queries.method_name_node(_CallNode(node)) or getattr(node, "func", node)
                return Part(name), self._source.code(node), self._source.place(node)
        return None

    def round_may(self, kind: str) -> bool:
        """At LOOP_END: may some path of the round (its continues and breaks too) do `kind`,
        or run code the interpreter cannot follow that might? True also when not known."""
        effects = self._raw.effects
        return effects is None or kind in effects[1]

    def clear_outside(self) -> Optional[tuple]:
        """At LOOP_END: a call that cleared gradients around the loop, on some path, not in
        it (`optimizer.zero_grad()` once before it, or once per epoch): (its code, its place
        "line N"); None if none is known or it is in another file."""
        effects = self._raw.effects
        node = effects[2] if effects is not None and len(effects) > 2 else None
        if node is None or self._source.file_of(node) is not None:
            return None
        return self._source.code(node), self._source.place(node)

    def place(self) -> str:
        """"line N" of the event's own place."""
        return self._source.place(self._raw.node)

    def loop_text(self) -> str:
        """At LOOP_END: "for loop on line N" (or "while loop ...")."""
        return f"{self._raw.name} loop on {self._source.place(self._raw.node)}"

    def arg(self, position: Optional[int], keyword: Optional[str] = None) -> Optional[Fact]:
        """The argument given by keyword, else at this position; None if not given."""
        call = self._raw.call
        value = call.arg(position, keyword) if call is not None else None
        return None if value is None else Fact(value)

    def arg_names_receivers(self, position: Optional[int], keyword: Optional[str] = None) -> Optional[str]:
        """"dtype" (or "device") when the argument names a dtype (device) the receiver
        certainly has already: its exact dtype (`torch.float32` of a float32 tensor), or
        the same `x.dtype` (`x.device`) it was made with (`torch.zeros(n, dtype=x.dtype)`);
        None otherwise, and None where that is not known."""
        call = self._raw.call
        value = call.arg(position, keyword) if call is not None else None
        return queries.names_own(call.receiver if call is not None else None, value)

    def arg_text(self, position: Optional[int], keyword: Optional[str] = None) -> Optional[str]:
        node = queries.argument_node(self._raw.call, position, keyword)
        return None if node is None else self._source.code(node)

    def arg_is_atom(self, position: Optional[int], keyword: Optional[str] = None) -> bool:
        """Can a method call be appended to the argument's text without parentheses?"""
        return queries.is_atom(queries.argument_node(self._raw.call, position, keyword))

    def call_text(self) -> str:
        """The call's code, shortened for a message."""
        call = self._raw.call
        return self._source.code(call.node) if call is not None else "?"

    def receiver_text(self) -> str:
        return queries.receiver_text(self._raw.call, self._source)

    def receiver_text_exact(self) -> str:
        """The receiver's code as written, parenthesised unless a method call can follow it."""
        node = queries.receiver_node(self._raw.call)
        if node is None:
            return "?"
        code = self._source.exact(node)
        return code if queries.is_atom(node) else f"({code})"

    # Parts of the code, for fixes
    def call_part(self) -> Optional[Part]:
        """The whole call."""
        call = self._raw.call
        return Part(call.node) if call is not None else None

    def method_part(self) -> Optional[Part]:
        """The method's name in `x.method(...)`."""
        name = queries.method_name_node(self._raw.call)
        return Part(name) if name is not None else None

    def receiver_method(self) -> Optional[tuple]:
        """(name, number of arguments, Part of its name) when the receiver is itself a
        method call, as `.cpu()` in `x.cpu().numpy()`; else None."""
        found = queries.receiver_method(self._raw.call)
        return None if found is None else (found[0], found[1], Part(found[2]))

    def arg_part(self, position: Optional[int], keyword: Optional[str] = None) -> Optional[Part]:
        """An argument's expression, given by keyword, else at this position."""
        node = queries.argument_node(self._raw.call, position, keyword)
        return None if node is None else Part(node)

    def last_arg_part(self) -> Optional[Part]:
        """The expression of the call's last argument (to append one after it)."""
        call = self._raw.call
        args = call.node.args if call is not None else ()
        return Part(args[-1].value) if args else None

    def last_arg_code(self) -> Optional[str]:
        call = self._raw.call
        args = call.node.args if call is not None else ()
        return self._source.exact(args[-1].value) if args else None

    def arg_softmax_input_code(self, position: Optional[int], keyword: Optional[str] = None) -> Optional[str]:
        """When the argument is written as a softmax call (`F.softmax(z, dim=1)`,
        `torch.softmax(z, 1)`, `z.softmax(1)`): the exact code of what it is applied to."""
        node = queries.softmax_input(queries.argument_node(self._raw.call, position, keyword))
        return None if node is None else self._source.exact(node)

    def arg_code(self, position: Optional[int], keyword: Optional[str] = None) -> Optional[str]:
        """The argument's exact code (parentheses included), for a fix."""
        node = queries.argument_node(self._raw.call, position, keyword)
        return None if node is None else self._source.exact(node)

    def keywords(self) -> tuple:
        """The keyword names the call passes."""
        return queries.keywords(self._raw.call)

    def moved_factory(self, origin: Optional[Provenance]) -> Optional[tuple]:
        """When `origin` is a factory with `requires_grad=True` moved or cast in the same
        expression (`torch.zeros(3, requires_grad=True).to(dev)`): (the Part of that
        expression, the code that makes the same tensor as a leaf:
        `torch.zeros(3, requires_grad=True, device=dev)`); else None."""
        node = getattr(getattr(origin, "origin", None), "node", None)
        if node is None or self._source.file_of(node) is not None:
            return None
        code = queries.moved_factory(node, self._source.exact)
        return None if code is None else (Part(node), code)

    def result_written_in_place(self) -> bool:
        """Is the call's result (or the name it is bound to) written in place later in
        its scope (`y.add_(1)`, `y[0] = v`, `y += v`), or kept where it cannot be seen?"""
        from .infer.aliasing import result_written_in_place

        return result_written_in_place(self._raw.node, self._source.parents(self._raw.function))

    def target_text(self) -> str:
        """The code of the value changed: `w` of `w.requires_grad = True`, of `w[0] = 1`, of `w += 1`."""
        return queries.target_text(self._raw.node, self._source)

    @property
    def in_module_forward(self) -> bool:
        """An nn.Module's `forward` is running: the event is in it, or in what it calls."""
        return self._raw.in_forward

    def forward_self(self) -> Optional[str]:
        """In the body of a module's `forward` itself (not a helper it calls): the name of
        its first parameter (`self`); else None."""
        return queries.forward_self(self._raw.function) if self._raw.is_forward else None

    def function_mentions(self, name: str) -> bool:
        """Does the function whose body runs read `name`, as a variable or an attribute
        (`training`, `self.training`)? False at module level."""
        return queries.mentions(self._raw.function, name)

    def guard_names(self) -> set:
        """The plain names read by the conditions that decide whether this call runs
        (`switch` of `if self.p > 0 and switch:`), within its function; an attribute
        (`self.p`) is not a plain name, nor is its object (`self`)."""
        call = self._raw.call
        if call is None:
            return set()
        return queries.guard_names(call.node, self._source.parents(self._raw.function))

    def accumulated_across(self) -> Optional[str]:
        """For `name += value` in a training loop (one that runs a backward, or calls a
        function of the file that does) that carries the name from round to round:
        "for loop on line N" (the loop it outlives); None otherwise, and None where the
        scope may want the sum's graph (a backward through it, or it is returned). A loop
        with no backward is left alone: its sum may be what a backward after it runs through."""
        from .infer import accumulators
        parents = self._source.parents(self._raw.function)
        statement = self._raw.node
        loop = accumulators.loop_accumulator(statement, parents)
        helpers = self._source.once("backward_helpers", accumulators.backward_helpers)
        if loop is None or not accumulators.runs_backward(loop, helpers) \
                or accumulators.needs_graph(statement.target.value, statement, loop, parents):
            return None
        kind = "for" if type(loop).__name__ == "For" else "while"
        return f"{kind} loop on {self._source.place(loop)}"

    def accumulator_starts_as_number(self) -> bool:
        """The accumulated name is set to a number literal right before its loop (`total = 0.0`)."""
        from .infer import accumulators
        parents = self._source.parents(self._raw.function)
        statement = self._raw.node
        loop = accumulators.loop_accumulator(statement, parents)
        return loop is not None and accumulators.starts_as_number(statement.target.value, loop, parents)

    def assigned_part(self) -> Optional[Part]:
        """The value of an augmented assignment (`loss` of `total += loss`)."""
        value = getattr(self._raw.node, "value", None)
        return Part(value) if value is not None else None

    def assigned_code(self) -> Optional[str]:
        value = getattr(self._raw.node, "value", None)
        return None if value is None else self._source.exact(value)

    def assigned_is_atom(self) -> bool:
        return queries.is_atom(getattr(self._raw.node, "value", None))

    def result_discarded(self) -> bool:
        """The call is a whole statement: its result is thrown away (`x.to(device)`)."""
        from .infer import discarded
        call = self._raw.call
        return call is not None and discarded.statement_of(call.node, self._source.parents(self._raw.function)) is not None

    def receiver_read_later(self) -> Optional[tuple]:
        """For a call that is a whole statement on a plain name: ("line N", code) of the
        statement where that name is next read (before it is bound again); None if none."""
        from .infer import discarded
        call, parents = self._raw.call, self._source.parents(self._raw.function)
        receiver = queries.receiver_node(call)
        statement = discarded.statement_of(call.node, parents) if call is not None else None
        if statement is None or not isinstance(getattr(receiver, "value", None), str):
            return None
        read = discarded.next_read(receiver.value, statement, parents)
        if read is None:
            return None
        line = read
        while line is not None and not discarded.is_statement(line):
            line = parents.get(line)
        return self._source.place(read), self._source.code(discarded.header(line) if line is not None else read)

    def receiver_dies_unread(self) -> bool:
        """For a call that is a whole statement on a plain name: the name is a `for` loop's
        variable in a function that nothing can read again before the next round binds
        it (not later in the round, nor after the loop, nor a nested function), the loop
        only reads its attributes, and the loop iterates a local container no later code
        reads (not `self.parameters()`, not an attribute): what the name held is seen by
        nothing after the call."""
        from .infer import discarded
        call, parents = self._raw.call, self._source.parents(self._raw.function)
        receiver = queries.receiver_node(call)
        statement = discarded.statement_of(call.node, parents) if call is not None else None
        if statement is None or not isinstance(getattr(receiver, "value", None), str) or hasattr(receiver, "attr"):
            return False
        return discarded.dies_unread(receiver.value, statement, parents)

    def receiver_rebinds_locally(self) -> bool:
        """The receiver is a plain name, and `name = ...` at this statement would bind
        that same variable (not turn a global or closure name into an unbound local)."""
        from .infer import discarded
        call, parents = self._raw.call, self._source.parents(self._raw.function)
        receiver = queries.receiver_node(call)
        statement = discarded.statement_of(call.node, parents) if call is not None else None
        if statement is None or not isinstance(getattr(receiver, "value", None), str) or hasattr(receiver, "attr"):
            return False
        return discarded.binds_locally(receiver.value, statement, parents)

    def view_is_impossible(self) -> bool:
        """A `.view(...)` / `.view_as(...)` call that torch refuses for the
        receiver's layout, whatever sizes the symbols take."""
        return queries.view_is_impossible(self._raw.call)

    def view_failure_condition(self) -> str:
        """For an impossible view on sizes the code does not show: when it fails, as
        "whenever C > 1 and T > 1" (every other size may be anything); empty when the
        sizes are known numbers."""
        names = queries.view_failure_sizes(self._raw.call)
        if not names:
            return ""
        if None in names:
            return "whenever its unknown sizes are > 1"
        return "whenever " + " and ".join(f"{n} > 1" for n in names)

    def render(self, finding: Finding) -> str:
        """The finding's message: its template with its arguments, `{via}` and `{since}`."""
        via = f" (from the call on {self._source.place(self._raw.via)})" \
            if self._raw.via is not None and not finding.own_code else ""
        since = ""
        if finding.origin is not None:
            origin = finding.origin.origin
            shown = self._source.describe(origin) if finding.origin_as == "op" else self._source.code(origin.node)
            since = f" since {shown} on {self._source.place(origin.node)}"
        return finding.template.format(**finding.args, via=via, since=since)

    def related(self, finding: Finding) -> list:
        """(node, note) of the places behind a finding: where the bad fact began,
        and the call that made it certain."""
        found = []
        if finding.at is not None:
            found.append((self._raw.node, finding.at_note))
        if finding.origin is not None:
            found.append((finding.origin.origin.node, finding.origin_note))
        if self._raw.via is not None and not finding.own_code:
            found.append((self._raw.via, "the call that makes it certain"))
        # a place in another file of the project is named in the message instead
        return [(node, note) for node, note in found if self._source.file_of(node) is None]


class _CallNode:
    """A call node as the queries on a call site expect it (`.node`)."""

    __slots__ = ("node",)

    def __init__(self, node: Any) -> None:
        self.node = node


def _provenance(origin: Any) -> Optional[Provenance]:
    return Provenance(origin) if origin is not None else None
