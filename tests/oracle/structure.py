"""Structure episodes (code "", like the vocabulary): grad-mode blocks and switches,
branches the linter knows or cannot know, rebinding, helpers and their calls,
nn.Module classes; and `spare_helper`, the helper nobody calls, which
`grammar.programs` may write before any episode.
"""

from __future__ import annotations

import torch
from hypothesis import reject

from .builder import INDENT, MAX_DEPTH, MAX_PATHS, Builder, draw_shape, episode, new_tensor, sizes_text
from .program import Probe
from .vocabulary import floating


@episode(weight=3)
def no_grad_block(b: Builder) -> None:
    if b.depth >= MAX_DEPTH:
        return
    header, grad = b.choice((("with torch.no_grad():", False), ("with torch.no_grad():", False),
                             ("with torch.enable_grad():", True), ("with torch.set_grad_enabled(False):", False)))
    with b.block(header, grad=grad):
        b.body(1, 3)


@episode(weight=1, places=("top",))
def grad_switch(b: Builder) -> None:
    """`torch.set_grad_enabled(False)` as a statement, a few statements, then back on."""
    if b.depth or b.mode != "main" or b.grad_mode() is not True:
        return
    if not b.stmt("torch.set_grad_enabled(False)"):
        return
    for ctx in b.ctxs:
        ctx.grad = False
    b.body(1, 2)
    if b.ctxs and b.stmt("torch.set_grad_enabled(True)") is not None:
        for ctx in b.ctxs:
            ctx.grad = True
    elif b.ctxs:
        raise AssertionError("switching grad mode back on failed")


@episode(weight=2, places=("top", "body"))
def known_branch(b: Builder) -> None:
    """`if` on a value the linter knows: a constant, a size."""
    if b.depth >= MAX_DEPTH:
        return
    ints = b.ints() if not b.spare else []
    if ints and b.chance(0.6):
        n = b.choice(ints)
    else:
        n = b.fresh("n")
        if not b.stmt(f"{n} = {b.choice((3, 1, 2, 4))}"):
            return
    conditions = [f"{n} > 2", f"{n} == 3", f"{n} % 2 == 0", f"{n} < 2", f"not {n}"]
    # in a helper nobody calls, the facts of tensors are not known (they may come from its arguments)
    found = b.tensors() if not b.spare else []
    if found and b.chance(0.5):
        x = b.choice(found)
        t = b.value(x)
        conditions = [f"{x}.dim() == 2", f"{x}.numel() > 4", f"{x}.requires_grad", f"not {x}.requires_grad",
                      f"{x}.is_contiguous()", f"{x}.ndim > 1", f"{x}.dtype == torch.float32"]
        if t.dim():
            conditions += [f"{x}.shape[0] > 2", f"{x}.size(-1) == 3", f"len({x}) == 2"]
    condition = b.choice(conditions)
    if b.chance(0.2):
        # the same choice as an expression
        same = [n for n in found if b.value(n).shape == b.value(found[0]).shape
                and b.value(n).dtype == b.value(found[0]).dtype] if found else []
        if len(same) >= 2:
            b.assign("pick", f"{same[0]} if {condition} else {same[1]}")
            return
    b.if_block(condition, lambda: b.body(1, 2), (lambda: b.body(1, 2)) if b.chance(0.5) else None)


@episode(weight=2)
def rebind(b: Builder) -> None:
    """A name bound again to a changed value of itself: `x = x.t()`, `x = x.detach()`."""
    found = b.tensors()
    if not found:
        return
    x = b.choice(found)
    t = b.value(x)
    forms = [f"{x}.detach()", f"{x} * 2", f"{x}.clone()", f"{x}.contiguous()", f"{x}.unsqueeze(0)"]
    if t.dim() >= 2:
        forms += [f"{x}.t()" if t.dim() == 2 else f"{x}.transpose(0, 1)", f"{x}.mT", f"{x}.transpose(-1, -2)"]
    if t.dim() >= 1:
        forms += [f"{x}[1:]" if t.shape[0] > 1 else f"{x}[0]", f"{x}.flatten()"]
    if floating(t):
        forms += [f"{x}.requires_grad_()" if t.is_leaf else f"{x}.exp()", f"{x}.double()", f"{x}.float()"]
    b.stmt(f"{x} = {b.choice(forms)}")


@episode(weight=2, places=("top",))
def unknown_branch(b: Builder) -> None:
    """`if random.random() < 0.5:` the linter cannot know which way."""
    if b.depth >= MAX_DEPTH or b.mode != "main" or len(b.ctxs) * 2 > MAX_PATHS:
        return
    b.definite = False
    if b.chance(0.3):
        found = b.tensors()
        if found:
            x = b.choice(found)
            t = b.value(x)
            same = [n for n in b.tensors(lambda u: u.shape == t.shape and u.dtype == t.dtype) if n != x]
            other = b.choice(same) if same else f"{x}.clone()"
            b.assign("pick", f"{x} if random.random() < 0.5 else {other}")
            return
    condition = b.choice(("random.random() < 0.5", "random.random() > 0.5"))
    b.if_block(condition, lambda: b.body(1, 3), (lambda: b.body(1, 2)) if b.chance(0.5) else None)


@episode(weight=3, places=("top",))
def helper(b: Builder) -> None:
    """A small function, called once or twice with known arguments."""
    if b.depth or b.mode != "main":
        return
    x = b.tensor_or_new()
    if x is None:
        return
    params, args = ["t"], [x]
    extra = b.choice(("", "k", "flag"))
    if extra == "k":
        params.append("k")
        args.append(str(b.choice((2, 3, 1))))
    elif extra == "flag":
        params.append("flag")
        args.append(b.choice(("True", "False")))
    decorator = b.choice((None, None, None, "@torch.no_grad()"))
    calls = [(", ".join(args), b.grad_mode() if not b.chance(0.2) else False)]
    if b.chance(0.3):
        others = b.tensors(lambda u: u.shape == b.value(x).shape)
        second = list(args)
        second[0] = b.choice(others)
        if extra == "flag":
            second[1] = "False" if args[1] == "True" else "True"
        calls.append((", ".join(second), b.grad_mode()))
    if None in (mode for _, mode in calls):
        return
    name = b.fresh("helper")

    def body() -> None:
        if extra == "flag" and b.chance(0.7):
            b.if_block("flag", lambda: b.body(1, 2), (lambda: b.body(1, 1)) if b.chance(0.5) else None)
        elif extra == "k" and b.chance(0.7):
            b.if_block(b.choice(("k > 2", "k == 1")), lambda: b.body(1, 2), None)
        b.body(1, 3)
        if b.ctxs:
            found = b.tensors()
            if len(found) >= 2 and b.chance(0.3):
                first, second = b.choice(found), b.choice(found)
                returned.append(2)
                b.returns(f"{first}, {second}")
            else:
                b.returns(b.choice(found) if found and b.chance(0.85) else None)

    returned: list = []
    if not b.function(name, params, calls, body, decorator):
        return
    b.helpers.append((name, extra, tuple(b.value(x).shape), b.value(x).dtype, bool(returned)))
    for args_text, grad in calls:
        if extra and b.chance(0.3):
            head, _, last = args_text.rpartition(", ")
            args_text = f"{head}, {extra}={last}"
        call = f"{name}({args_text})"
        if returned:
            text = f"{b.fresh('u')}, {b.fresh('v')} = {call}"
        else:
            text = f"{b.fresh('r')} = {call}" if b.chance(0.8) else call
        if not b.ctxs:
            return
        if grad is False and b.grad_mode() is not False:
            with b.block("with torch.no_grad():", grad=False):
                b.stmt(text)
        else:
            b.stmt(text)


@episode(weight=2)
def call_helper(b: Builder) -> None:
    """Another call of a helper written earlier, maybe from inside another helper."""
    if not b.helpers or b.spare:
        return
    name, extra, shape, dtype, pair = b.choice(b.helpers)
    if name not in b.names() and b.mode == "main":
        return
    found = b.tensors(lambda t: tuple(t.shape) == shape and t.dtype == dtype)
    if not found:
        return
    args = b.choice(found)
    if extra:
        args += ", " + b.choice({"k": ("2", "3", "k=1"), "flag": ("True", "False", "flag=True")}[extra])
    targets = f"{b.fresh('u')}, {b.fresh('v')}" if pair else b.fresh("r")
    b.stmt(f"{targets} = {name}({args})")


@episode(weight=2, places=("top",))
def module_class(b: Builder) -> None:
    """A small nn.Module subclass: __init__ with a Linear and a Parameter, forward, a method."""
    if b.depth or b.mode != "main":
        return
    x = b.tensor_or_new(lambda t: t.dtype == torch.float32 and t.dim() >= 1,
                        lambda b: new_tensor(b, draw_shape(b, 1, 3), floating=True))
    if x is None:
        return
    t = b.value(x)
    if t.dtype != torch.float32 or t.dim() == 0:
        return
    grad = b.grad_mode()
    if grad is None:
        return
    d, hidden = t.shape[-1], b.choice((3, 2, 4))
    name = b.fresh("Net")
    scale = b.chance(0.6)
    frozen = b.chance(0.3)
    init = [f"class {name}(nn.Module):", f"{INDENT}def __init__(self):", f"{INDENT * 2}super().__init__()",
            f"{INDENT * 2}self.fc = nn.Linear({d}, {hidden})"]
    if scale:
        init.append(f"{INDENT * 2}self.scale = nn.Parameter(torch.ones({hidden}))")
    if frozen:
        init.append(f"{INDENT * 2}self.frozen = nn.Parameter(torch.zeros({hidden}), requires_grad=False)")
    first = b.next_line
    for line in init:
        b.emit(line)
    head = b.compile("\n".join(init), first)
    net = b.fresh("net")
    call_grad = grad if b.chance(0.7) else False
    previews = []
    for ctx in b.ctxs:
        preview = ctx.copy(kind="preview")
        preview.run(head)
        preview.commit(head)
        preview.locals = {}
        preview.grad = call_grad
        binding = compile(f"self, x = {name}(), {x}", "<binding>", "exec")
        if preview.run(binding) is not None:
            raise AssertionError("binding a forward preview failed")
        preview.commit(binding)
        previews.append(preview)
    saved = b.ctxs
    b.ctxs, b.mode = previews, "function"
    b.indent += 1
    with b.block("def forward(self, x):"):
        b.stmt("h = self.fc(x)")
        if scale and b.ctxs and b.chance(0.7):
            b.stmt("h = h * self.scale")
        if frozen and b.ctxs and b.chance(0.5):
            b.stmt("h = h + self.frozen")
        b.body(0, 2)
        if b.ctxs:
            found = b.tensors()
            b.returns(b.choice(found) if found else None)
    export = scale and b.chance(0.5)
    if export:
        b.emit("")
        b.emit("def export(self):")
        b.emit(INDENT + b.choice(("return self.scale.numpy()", "return self.scale.detach().numpy()",
                                  "return self.fc.weight.data.numpy()", "return self.fc.weight.numpy()")))
    predict = b.chance(0.3)
    if predict:
        b.emit("")
        b.emit(b.choice(("@torch.no_grad()", "@torch.no_grad()", "@torch.enable_grad()")))
        b.emit("def predict(self, x):")
        b.emit(INDENT + b.choice(("return self(x).numpy()", "return self.forward(x).argmax(-1).numpy()",
                                  "return self.fc(x).numpy()", "return self(x).detach()")))
    b.indent -= 1
    b.ctxs, b.mode = saved, "main"
    b.define(first)
    b.emit("")
    b.stmt(f"{net} = {name}()")
    if b.chance(0.2):
        b.stmt(b.choice((f"{net}.eval()", f"{net}.requires_grad_(False)", f"{net}.train()")))
    out = b.fresh("out")  # x stays bound: the methods below are called with it
    if call_grad is False and grad is not False:
        with b.block("with torch.no_grad():", grad=False):
            b.stmt(f"{out} = {net}({x})")
    else:
        b.stmt(f"{out} = {b.choice((f'{net}({x})', f'{net}.forward({x})'))}")
    # every method is called: one nobody calls would be analysed with unknown arguments,
    # which only a probe could judge
    for method, call in ((export, f"{net}.export()"), (predict, f"{net}.predict({x})")):
        if method and b.ctxs and b.stmt(f"{b.fresh('r')} = {call}") is None:
            reject()
    if b.ctxs and b.chance(0.3):
        b.assign("w", b.choice((f"{net}.fc.weight", f"{net}.fc.bias") + ((f"{net}.scale",) if scale else ())))


def spare_helper(b: Builder) -> None:
    """A helper nobody calls: an entry point, which torchlint analyses with unknown
    arguments and grad mode on (torch's default for a caller it cannot see); the judge
    probes it with a few arguments, grad mode on."""
    b.definite = False
    name = b.fresh("spare")
    shape = draw_shape(b, 1, 3)
    dtype = b.choice(("", ", dtype=torch.float64"))
    params, probe_args = ["t"], []
    extra = b.choice(("", "flag", "n"))
    if extra:
        params.append(extra)
    for grad_arg in (True, False):
        tensor = f"torch.randn({sizes_text(shape)}{dtype}{', requires_grad=True' if grad_arg else ''})"
        values = {"": [""], "flag": [", True", ", False"], "n": [", 3", ", 1"]}[extra]
        probe_args += [tensor + v for v in values]
    probe_args = probe_args[:3] if b.chance(0.5) else probe_args
    calls = [(args, True) for args in probe_args]
    root = b.ctxs

    def body() -> None:
        if extra == "flag" and b.chance(0.7):
            b.if_block("flag", lambda: b.body(1, 2), (lambda: b.body(1, 2)) if b.chance(0.5) else None)
        elif extra == "n" and b.chance(0.7):
            b.if_block("n > 2", lambda: b.body(1, 2), None)
        b.body(1, 3)
        if b.ctxs:
            found = b.tensors()
            b.returns(b.choice(found) if found and b.chance(0.7) else None)

    dead_before = len(b.dead_previews)
    b.spare = True
    try:
        if not b.function(name, params, calls, body, fresh_paths=root):
            return
    finally:
        b.spare = False
    outcomes = {ctx.tag: ctx.outcome for ctx in b.dead_previews[dead_before:]}
    # a preview's tag is its call's index; calls are per base path, and there is one path here
    for index, (args, grad) in enumerate(calls):
        b.probes.append((Probe(name, args, grad), outcomes.get(index, (None, None))))
    b.emit("")
