"""What the interpreter tells rules: one event for each way code touches a value.

The walker emits an `Event` whenever something a rule may subscribe to happens:
a call of a tensor method or a torch function, an augmented, item or attribute
assignment, entering or leaving a `with` block, iterating over a value, and
reaching the end of a function's or loop's body. Rules never see this class:
the rule API (`torchlint.api`) wraps it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from .values import MAYBE, Tri


class Kind:
    """Event kinds. A subscription is (kind, name); name None takes every name."""

    METHOD = "method"  # x.numpy(): name "numpy"
    FUNCTION = "function"  # torch.as_strided(...): name "torch.as_strided"
    AUG_ASSIGN = "aug_assign"  # x += y: name the operator, "add"
    ITEM_ASSIGN = "item_assign"  # x[i] = v: name "__setitem__"
    ATTR_ASSIGN = "attr_assign"  # x.requires_grad = v: name "requires_grad"
    ATTR_READ = "attr_read"  # x.grad read from a tensor: name "grad"
    ENTER = "enter"  # with torch.no_grad(): name "torch.no_grad" (or "" for other contexts)
    EXIT = "exit"  # leaving that block normally: the same name
    ITERATE = "iterate"  # for p in model.parameters(): name ""
    FUNCTION_END = "function_end"  # the end of a function body: name the function's qualified name
    LOOP_END = "loop_end"  # the end of one round of a loop body: name "for" or "while"
    MODULE_CALL = "module_call"  # criterion(out, y) of a torch layer or loss: "torch.nn.CrossEntropyLoss"
    # a method of an optimizer or an lr scheduler the code built: optimizer.step(), scheduler.step(),
    # optimizer.zero_grad(): name the method
    OPTIMIZER = "optimizer"

    ALL = (METHOD, FUNCTION, AUG_ASSIGN, ITEM_ASSIGN, ATTR_ASSIGN, ENTER, EXIT, ITERATE, FUNCTION_END, LOOP_END,
           ATTR_READ, MODULE_CALL, OPTIMIZER)


@dataclass
class Event:
    """One thing that happened, with the abstract values involved.

    `node` is where a finding about it is reported. `call` holds receiver and
    argument values of a call event; `target` is the value changed (the tensor
    of `x += 1`, `x[i] = v`, `x.requires_grad = v`), the context entered or the
    value iterated; `value` the value assigned. `names` are the names bound at
    the end of a body, `effects` what a loop round did. `via` is the call site in the file that made the values
    definite when the event happened inside a helper. `function` is the function
    whose body runs; `in_forward` says that a module's `forward` is running.
    """

    kind: str
    name: str
    node: Any
    grad: Tri = MAYBE
    call: Optional[Any] = None
    target: Optional[Any] = None
    value: Optional[Any] = None
    names: Optional[dict] = None
    via: Optional[Any] = None
    # the function whose body runs (its FunctionDef; None at module level), and whether an
    # nn.Module's forward is running, that function or one it called
    function: Optional[Any] = None
    in_forward: bool = False
    is_forward: bool = False  # `function` itself is a module's forward
    # at LOOP_END: (what the round did on the path that ends it (an `Effects`), the kinds of
    # effect any path of the round had, its continues and breaks too, a call that cleared
    # gradients outside the loop or None)
    effects: Optional[tuple] = None
