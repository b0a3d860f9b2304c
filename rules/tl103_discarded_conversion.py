"""TL103 discarded-conversion: `x.to(device)` on a tensor as a bare statement."""

from torchlint.api import Edit, Finding, Fix, Repro, Rule, TextSites

CONVERSIONS = ("to", "cuda", "cpu", "float", "double", "half", "bfloat16", "long", "int", "short", "bool",
               "byte", "char", "type")

# the dtype each dtype-only conversion makes: of a tensor that already has it, torch
# returns the tensor itself, and nothing is thrown away
MADE_DTYPE = {"float": "float32", "double": "float64", "half": "float16", "bfloat16": "bfloat16", "long": "int64",
              "int": "int32", "short": "int16", "bool": "bool", "byte": "uint8", "char": "int8"}
DTYPE_NAMES = {**{f"torch.{d}": d for d in set(MADE_DTYPE.values()) | {"float16", "complex64", "complex128"}},
               **{f"torch.{short}": d for short, d in MADE_DTYPE.items() if short not in ("bool", "bfloat16")}}

# Watches torch for the effect (see Repro.probe): a conversion that made a new tensor
# whose caller throws it away (the next instruction pops it), so the receiver keeps
# its dtype and device.
PROBE = '''
import dis
import sys

import torch

CONVERSIONS = %r


def thrown_away(frame):
    for instruction in dis.get_instructions(frame.f_code):
        if instruction.offset > frame.f_lasti:
            return instruction.opname == "POP_TOP"
    return False


def install(observed):
    saved = {name: getattr(torch.Tensor, name) for name in CONVERSIONS}

    def watching(name, method):
        def conversion(self, *args, **kwargs):
            result = method(self, *args, **kwargs)
            caller = sys._getframe(1)
            if isinstance(result, torch.Tensor) and result is not self and thrown_away(caller):
                observed(f"the tensor is unchanged: .{name}() made a {result.dtype} copy on {result.device} "
                         f"and it was thrown away; the tensor is still {self.dtype} on {self.device}", caller)
            return result
        return conversion

    for name, method in saved.items():
        setattr(torch.Tensor, name, watching(name, method))
    return lambda: [setattr(torch.Tensor, name, method) for name, method in saved.items()]
''' % (CONVERSIONS,)


class DiscardedConversion(Rule):
    code = "TL103"
    name = "discarded-conversion"
    summary = "`x.to(...)`, `.cuda()`, `.float()`... on a tensor as a statement of its own: the result is thrown away"
    triggers = (".to(", ".cuda(", ".cpu(", ".float(", ".double(", ".half(", ".bfloat16(", ".long(", ".int(",
                ".short(", ".bool(", ".byte(", ".char(", ".type(")
    methods = CONVERSIONS

    def could_fire(self, text):
        return TextSites(text).any(*self.triggers, where=lambda site: site.is_bare_call())
    fixable = True
    fix_holds_everywhere = False  # not for a helper another caller gives a module (its .to() is in place)
    severity = "warning"  # nothing raises: the program goes on with the unconverted tensor
    doc = """
## What it does
Finds a conversion of a tensor, `x.to(...)`, `.cuda()`, `.cpu()`, `.float()`,
`.double()`, `.half()`, `.long()`, `.int()`, `.bool()`, `.type(...)`..., written
as a statement of its own, its result unused. Only where the receiver is known to
be a tensor: `model.to(device)`, `model.float()` and `model.cuda()` convert a
module in place and are correct. Silent, too, for a conversion to the dtype the
tensor is known to have (`x.float()` of a float32 tensor), or to the dtype or
device it was made with (`b.to(q.dtype)` of `b = torch.zeros(n, dtype=q.dtype)`):
torch returns the tensor itself, and nothing is lost. (Devices are otherwise not
followed: `x.cpu()` of a tensor already on the CPU is still reported.) Silent, as
well, for a `for` loop's variable in a function that nothing reads again before the
next round binds it, when the loop iterates a local container that no later code
reads: nothing can see the tensor that was not converted. Module parameters
(`for p in self.parameters(): p.to(device)`) and an attribute's items live on, and
are reported.

## Why is this bad?
A tensor is never converted in place: the call returns a converted copy, and a
statement of its own throws that copy away. Nothing raises here; the program
goes on with the old tensor, still on the CPU, still float32, and fails later
with a device or dtype mismatch, or silently computes in the wrong precision.
Run under torch, the repro shows:

    ObservedEffect: the tensor is unchanged: .to() made a torch.float64 copy on cpu and it was thrown away

## Example
```python
x = torch.randn(8, 4)
x.to(device)
out = model(x)
```

## Use instead
```python
x = x.to(device)
out = model(x)
```

## Fix safety
The fix binds the result to the name: `x.to(device)` becomes
`x = x.to(device)`, which is what the statement was written for. It is offered
only for a plain name that the statement's own scope binds (a global read
inside a function would become an unbound local).
"""
    repro = Repro(
        bad="""
import torch
x = torch.arange(4)
x.to(torch.float64)
y = x / 3
""",
        good="""
import torch
x = torch.arange(4)
x = x.to(torch.float64)
y = x / 3
""",
        error="ObservedEffect",
        message="the tensor is unchanged",
        probe=PROBE,
    )

    def check(self, event):
        if not event.result_discarded() or event.has_star:
            return None
        if event.name == "type" and event.arg(0, "dtype") is None:
            return None  # `x.type()` names the type; it converts nothing
        if self.returns_itself(event):
            return None
        receiver = event.receiver_text()
        call = event.call_text()
        later = event.receiver_read_later()
        if later is None and not event.receiver.is_parameter and event.receiver_dies_unread():
            return None  # a loop's own variable, seen by nothing after: the lost copy is never missed
        seen = f": {later[0]} still uses the unconverted '{receiver}' ({later[1]})" if later is not None else ""
        if event.receiver_rebinds_locally():
            # not for a helper that another caller gives an object whose to() works in place and returns None
            fix = Fix(f"Assign the result back to {receiver}", (Edit(event.call_part(), f"{receiver} = ", before=True),))
            shown = call if not call.endswith("...") else f"{receiver}.{event.name}(...)"  # a long call, shortened
            hint = f"assign it: {receiver} = {shown}"
        else:
            fix, hint = None, "assign the result and use it"
        return Finding("{call}{via} returns a converted copy that is thrown away (a tensor is not converted in "
                       "place){seen}; {hint}", {"call": call, "seen": seen, "hint": hint}, fix=fix)

    @staticmethod
    def returns_itself(event) -> bool:
        """A conversion to what the tensor already is: `x.float()` of a float32 tensor,
        `x.to(torch.float64)` of a float64 one, `x.to(q.dtype)` (`x.to(q.device)`) of one
        made with `dtype=q.dtype` (`device=q.device`). Torch returns the tensor itself."""
        if event.name in MADE_DTYPE:
            have = event.receiver.dtype
            return have in DTYPE_NAMES.values() and MADE_DTYPE[event.name] == have and event.arg(0) is None
        if event.name == "type":
            return event.arg(1) is None and event.arg(None, "non_blocking") is None \
                and event.arg_names_receivers(0, "dtype") == "dtype"
        if event.name != "to" or event.arg(2) is not None \
                or any(event.arg(None, k) is not None for k in ("copy", "non_blocking", "memory_format")):
            return False
        given = [(p, k) for p, k in ((0, None), (1, None), (None, "dtype"), (None, "device")) if event.arg(p, k) is not None]
        named = [event.arg_names_receivers(p, k) for p, k in given]
        # each argument names the receiver's own dtype or device, each kind at most once
        return bool(named) and None not in named and len(set(named)) == len(named) \
            and all(k is None or k == n for (_, k), n in zip(given, named))
