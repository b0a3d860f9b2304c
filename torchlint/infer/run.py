"""Facts of one run (one module checked) that hold at every program point.

They are learnt as the walk goes and never forgotten: the default float dtype
(changed by `torch.set_default_dtype`), the default device (the CPU until
`torch.set_default_device` or the like), whether some code set `requires_grad`
on a value the interpreter cannot follow, and the run's symbolic sizes. Each
run makes its own; nothing survives from one file to the next.
"""

from __future__ import annotations

from .dims import Sizes


class Budget:
    """What the run gave up for time, so that it is said, not silent: functions
    nobody calls left unanalysed past the per-file budget, calls not followed past
    the depth bound, loops whose names were widened to unknown past the round bound."""

    def __init__(self) -> None:
        self.functions_skipped = 0
        self.calls_cut: set = set()  # (call node, function node)
        self.loops_widened: set = set()  # loop nodes
        self.modules_not_read: set = set()  # project files past the budget of what one check reads

    def counts(self) -> dict:
        return {"functions not analysed": self.functions_skipped, "calls not followed": len(self.calls_cut),
                "loops widened": len(self.loops_widened), "project modules not read": len(self.modules_not_read)}


class RunFacts:
    def __init__(self) -> None:
        self.default_float = "float32"
        self.default_device = "cpu"  # None once `torch.set_default_device` or the like is seen
        self.unknown_freeze = False  # requires_grad set on something unknown: parameters may be frozen
        self.hooks_registered = 0  # module hooks registered so far: a module's call runs them
        self.containers_changed = 0  # changes of a list or dict the module holds
        self.sizes = Sizes()
        self.budget = Budget()

    def default_dtype_changed(self) -> None:
        self.default_float = "float"  # a float of a width the code sets elsewhere

    def default_device_changed(self) -> None:
        self.default_device = None  # factories make tensors on a device the code sets elsewhere

    def generation(self) -> tuple:
        """Changes whenever a fact that a call's result may depend on changes."""
        return (self.unknown_freeze, self.default_float, self.hooks_registered, self.sizes.generation(),
                self.containers_changed, self.default_device)
