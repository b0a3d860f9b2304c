"""Each rule's oracle episodes, one module per rule, named like the rule's module in
rules/ and its cases in tests/cases/: `tlNNN_<rule name>.py`.

A module here holds every episode about its rule, each marked `@episode("TLNNN")`
with the code its file name starts with, and the helpers only they use. Adding a
rule's episodes is adding its file: `rule_episodes` finds every module here, in
sorted file-name order (so by rule code); no list names them.
"""

from __future__ import annotations

import importlib
import pkgutil

from ..builder import episodes_in


def rule_modules() -> list:
    """Every module of this package, imported, in sorted name order."""
    names = sorted(info.name for info in pkgutil.iter_modules(__path__)
                   if not info.ispkg and not info.name.startswith("_"))
    return [importlib.import_module(f"{__name__}.{name}") for name in names]


def rule_episodes() -> list:
    """The episodes of every rule module: module by module, each in the order written.

    A module's episodes must all be about the rule its file name starts with."""
    found = []
    for module in rule_modules():
        code = module.__name__.rpartition(".")[2].partition("_")[0].upper()
        episodes = episodes_in(module)
        if not episodes:
            raise ValueError(f"{module.__name__}: no episode marked @episode({code!r})")
        for e in episodes:
            if e.code != code:
                raise ValueError(f"{module.__name__}: episode {e.function.__name__} is marked {e.code!r}, "
                                 f"not {code!r}: a rule's episodes go in that rule's own file")
        found += episodes
    return found
