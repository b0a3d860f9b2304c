"""The oracle's generator: `programs()`, the hypothesis strategy that writes small
PyTorch programs out of episodes, and `EPISODES`, the registry it picks them from.

Each statement is run, as soon as it is written, on every path the program can
take (`Ctx`): so the generator knows the shape, dtype and grad facts of every
value, writes only statements that are valid PyTorch, and knows where torch
fails. A path is one schedule of `random.random()` outcomes: a statement that
draws a new one forks the path. A helper's body is run as its planned calls will
run it (on replayed copies, "previews"); a branch no path reaches is written
from a "ghost" copy whose errors do not matter.

Episodes write a few statements each. They are functions of the Builder marked
with `@episode(code, weight=..., places=...)`, `code` being the rule they are
about ("" for the shared ones), and picked by weight. Where things live:

- `episodes/tlNNN_<rule name>.py`: a rule's episodes, all of them, and the
  helpers only they use; one file per rule, named like its module in rules/.
- `vocabulary.py`: the shared episodes (code "") and tests on tensors.
- `structure.py`: blocks, branches, helpers, classes (code "").
- `builder.py`: the `Builder`, `@episode`, `new_tensor`, `draw_shape`, `sizes_text`.
- `program.py`: `Program` (what the judge gets) and `Ctx` (one path).

A new rule adds its episodes by adding its file to episodes/: the file is found,
no list names it. The judge knows the rule's failure from its repro.

The registry's order is the order the draws pick from, so it is fixed: the
vocabulary, then the rule files in sorted order, then the structure; each
module's episodes in the order they are written. Changing it, or a weight,
changes the program every seed draws.
"""

from __future__ import annotations

import torch
from hypothesis import strategies as st

from . import structure, vocabulary
from .builder import Builder, episodes_in
from .episodes import rule_episodes
from .program import Program
from .structure import spare_helper

PRELUDE = ("import random", "import torch", "import torch.nn as nn", "import torch.nn.functional as F")


def registry() -> tuple:
    """Every episode, in the order the draws pick from (see above)."""
    head, tail = episodes_in(vocabulary), episodes_in(structure)
    for e in head + tail:
        if e.code:
            raise ValueError(f"{e.function.__module__}.{e.function.__name__} is about {e.code}: "
                             "it goes in that rule's file in episodes/")
    return (*head, *rule_episodes(), *tail)


EPISODES = registry()


@st.composite
def programs(draw, max_episodes: int = 12) -> Program:
    """A small PyTorch program; `Program` says where torch fails on each path."""
    torch.manual_seed(0)  # the same draws write the same program with the same values
    b = Builder(draw, EPISODES)
    for line in PRELUDE:
        b.stmt(line)
    b.emit("")
    if b.chance(0.15):
        spare_helper(b)
    for _ in range(b.integer(1, max_episodes)):
        if not b.ctxs:
            break
        b.episode("top")
    return b.program()
