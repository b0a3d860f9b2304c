"""Framework roles: how the grad mode of a function nobody in the file calls is known.

A function that nothing in the project calls is an entry point: its caller is a
user, a framework or a test runner, and torch's default is grad mode on. Its
decorator (`@torch.no_grad()`, `@torch.inference_mode()`) says otherwise, and so
does its role in a framework, kept here: the methods a framework calls with
grad mode off, by the role of their class.
"""

from __future__ import annotations

from typing import Iterable

from ..values import NO, YES, ClassInfo, TorchRef, Tri

# role -> the methods the framework runs without grad
NO_GRAD_METHODS = {
    # Lightning runs these under torch.no_grad() (or inference_mode)
    "lightning": frozenset({"validation_step", "test_step", "predict_step"}),
    # torch.autograd.Function: forward and backward run with grad mode off
    "autograd.Function": frozenset({"forward", "backward"}),
}
TORCH_ROLES = {"torch.autograd.Function": "autograd.Function", "torch.autograd.function.Function": "autograd.Function"}
# torch's lr schedulers whose step() a subclass of the file inherits (training.py knows them)
SCHEDULER_MODULE = "torch.optim.lr_scheduler."
SCHEDULER_BASES = frozenset({"_LRScheduler", "LRScheduler", "LambdaLR", "MultiplicativeLR", "StepLR", "MultiStepLR",
                             "ConstantLR", "LinearLR", "ExponentialLR", "PolynomialLR", "CosineAnnealingLR",
                             "CyclicLR", "OneCycleLR"})
NAMED_ROLES = {"LightningModule": "lightning"}  # base classes known by name (their packages are not read)


def roles_of(bases: Iterable, base_names: Iterable[str]) -> frozenset:
    """The roles a class takes from its bases: their values (torch's classes, the
    file's classes) and the names they are written with (`pl.LightningModule`)."""
    found = set()
    for base in bases:
        if isinstance(base, TorchRef) and base.qualname in TORCH_ROLES:
            found.add(TORCH_ROLES[base.qualname])
        elif isinstance(base, TorchRef) and base.qualname.startswith(SCHEDULER_MODULE) and \
                base.qualname[len(SCHEDULER_MODULE):] in SCHEDULER_BASES:
            found.add("lr_scheduler")  # a schedule of the user's: torch's step(), their get_lr()
        elif isinstance(base, ClassInfo):
            found |= base.roles
    for name in base_names:
        if name.rpartition(".")[2] in NAMED_ROLES:
            found.add(NAMED_ROLES[name.rpartition(".")[2]])
    return frozenset(found)


def entry_grad_mode(owner, name: str) -> Tri:
    """Grad mode of a function nobody calls (its decorators aside): on, unless its
    class's role says the framework runs it without grad."""
    if owner is not None and any(name in NO_GRAD_METHODS.get(role, ()) for role in owner.roles):
        return NO
    return YES
