"""TL106 functional-dropout-always-on: `F.dropout(x)` in a module's forward without `training=self.training`."""

import re

from torchlint.api import Edit, Finding, Fix, Repro, Rule, TextSites

# torch.nn.functional's dropouts: each takes `training` third; it defaults to True, but
# to False for the alpha dropouts
DROPOUTS = ("dropout", "dropout1d", "dropout2d", "dropout3d", "alpha_dropout", "feature_alpha_dropout")
OFF_BY_DEFAULT = ("alpha_dropout", "feature_alpha_dropout")
NAME = re.compile(r"[A-Za-z_]\w*")
GIVEN_TRAINING = re.compile(r"\btraining\s*=\s*(?!True\b)\S")  # `training=self.training`, not `=True`

# Watches torch for the effect (see Repro.probe): a functional dropout called from the
# forward of a module in eval mode that still changes its input, so two forward passes
# on the same input differ.
PROBE = '''
import sys

import torch
import torch.nn.functional as F

DROPOUTS = %r


def install(observed):
    saved = {name: getattr(F, name) for name in DROPOUTS}

    def watching(name, dropout):
        def called(input, *args, **kwargs):
            output = dropout(input, *args, **kwargs)
            caller = sys._getframe(1)
            module = caller.f_locals.get("self")
            if isinstance(module, torch.nn.Module) and not module.training and not torch.equal(output, input):
                observed(f"after model.eval(), two forward passes on the same input differ: F.{name} still "
                         f"zeroes and scales the input of {type(module).__name__} in eval mode", caller)
            return output
        return called

    for name, dropout in saved.items():
        setattr(F, name, watching(name, dropout))
    return lambda: [setattr(F, name, dropout) for name, dropout in saved.items()]
''' % (DROPOUTS,)


class FunctionalDropoutAlwaysOn(Rule):
    code = "TL106"
    name = "functional-dropout-always-on"
    summary = "`F.dropout(...)` in a module's forward without `training=self.training`: on after `model.eval()`"
    triggers = ("dropout", "alpha_dropout", "feature_alpha_dropout")
    functions = tuple(f"torch.nn.functional.{name}" for name in DROPOUTS)

    def could_fire(self, text):
        """A functional dropout called without a `training=` of its own, or named without
        a call (`act = F.dropout`); not a module's `self.dropout(x)`."""
        def may_be_always_on(site):
            if not site.followed_by("("):
                return site.receiver().endswith(("F.", "functional.")) or "import" in site.line_before()
            if site.receiver().startswith("self."):
                return False
            arguments = site.arguments()
            return arguments is None or not GIVEN_TRAINING.search(arguments)
        return TextSites(text).any(*DROPOUTS, where=may_be_always_on)
    fixable = True
    severity = "warning"  # nothing raises: evaluation silently runs with dropout
    doc = """
## What it does
Finds `F.dropout` and `F.dropout1d/2d/3d` called while an `nn.Module`'s
`forward` runs without a `training=` argument (it defaults to `True`), and
those and `F.alpha_dropout`/`F.feature_alpha_dropout` (whose default is
`False`) called there with `training=True`. A
forward that looks at `training` itself (`if self.training:`, a `p` that is 0
in eval) is left alone, and so is a dropout that runs only when a variable
says so (`if self.p > 0 and dropout_switch:`): a switch given with the input
may be what turns it off for prediction. A test of the rate alone
(`if p > 0:`) changes nothing and is not such a switch.

## Why is this bad?
Unlike `nn.Dropout`, the functional dropout does not know the module's mode:
`model.eval()` does not turn it off. Evaluation and inference keep zeroing
and rescaling activations at random, so the reported accuracy is lower than
the model's and predictions change from run to run. Run under torch, the
repro shows:

    ObservedEffect: after model.eval(), two forward passes on the same input differ

## Example
```python
def forward(self, x):
    x = F.relu(self.fc1(x))
    x = F.dropout(x, p=0.5)
    return self.fc2(x)
```

## Use instead
```python
    x = F.dropout(x, p=0.5, training=self.training)
```
or an `nn.Dropout(0.5)` layer made in `__init__`, which follows the mode.

## Fix safety
The fix passes `training=self.training`: in training mode nothing changes,
and in eval mode dropout is off, as `model.eval()` promises. It is offered in
the body of `forward` itself, where `self` is the module. Where the call says
`training=True` itself, replacing it is an unsafe fix (`--unsafe-fixes`): the
author may mean it, as Tacotron 2's pre-net keeps dropout on at inference to
vary its output; such a line is better silenced with `# noqa: TL106`.
"""
    repro = Repro(
        bad="""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 8)

    def forward(self, x):
        return F.dropout(self.fc(x), p=0.5)


torch.manual_seed(0)
model = Net()
model.eval()
x = torch.randn(4, 8)
a = model(x)
""",
        good="""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 8)

    def forward(self, x):
        return F.dropout(self.fc(x), p=0.5, training=self.training)


torch.manual_seed(0)
model = Net()
model.eval()
x = torch.randn(4, 8)
a = model(x)
""",
        error="ObservedEffect",
        message="after model.eval(), two forward passes on the same input differ",
        probe=PROBE,
    )

    def check(self, event):
        if not event.in_module_forward or event.has_star:
            return None
        training = event.arg(2, "training")
        short = event.name.rsplit(".", 1)[-1]
        if training is None and short in OFF_BY_DEFAULT:
            return None
        if training is not None and event.arg_text(2, "training") != "True":
            return None  # the caller's flag: self.training, a parameter...
        p = event.arg(1, "p")
        if p is not None and event.arg_text(1, "p") in ("0", "0.0", "0."):
            return None
        if event.function_mentions("training"):
            return None  # the forward looks at its mode itself (`if self.training:`, `p = ... if self.training`)
        if event.guard_names() - set(NAME.findall(event.arg_code(1, "p") or "")):
            return None  # it runs only when a value the forward is given says so (deepchem's dropout_switch)
        called = f"F.{short}"
        given = "training=True" if training is not None else "no training= (it defaults to True)"
        owner = event.forward_self()
        flag = f"{owner}.training" if owner else "self.training"
        # the forward's own code, whichever call runs it (one in training mode is fine until eval())
        return Finding("{called}() with {given} runs while a module's forward runs, and model.eval() does "
                       "not turn it off: evaluation still drops activations at random; pass training={flag}",
                       {"called": called, "given": given, "flag": flag}, fix=self.fix(event, owner), own_code=True)

    @staticmethod
    def fix(event, owner):
        """`training=<self>.training` after the last argument, or in place of `True`."""
        if owner is None:
            return None
        title = f"Pass training={owner}.training"
        if event.arg(2, "training") is not None:
            # unsafe: an explicit `training=True` may be meant (Tacotron 2's pre-net keeps
            # dropout on at inference by design), and the fix would change what eval() returns
            return Fix(title, (Edit(event.arg_part(2, "training"), f"{owner}.training"),), safe=False)
        last = event.last_arg_part()
        if last is None:
            return None
        return Fix(title, (Edit(last, f"{event.last_arg_code()}, training={owner}.training"),))
