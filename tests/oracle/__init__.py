"""Torch as the oracle of torchlint: generated programs, run under torch, judge the linter.

- `grammar`: hypothesis strategies that write small PyTorch programs, running each
  statement as it is written, so the generator knows every value and every path;
  its docstring says which module holds what.
- `judge`: runs a program under torch, maps its first failure to a rule by the
  failure the rule's repro names, and compares with torchlint's diagnostics.

A new rule plugs in with its repro (the judge reads its failure from it) and one
file, `episodes/tlNNN_<rule name>.py`, of episodes registered with
`@episode("TLNNN")`: functions that write a few statements around the rule, its
pitfall and its look-alikes.
"""

from .builder import episode
from .grammar import EPISODES, programs
from .judge import CELLS, FAILURES, RULES, Verdict, judge
from .program import Program

__all__ = ["CELLS", "EPISODES", "FAILURES", "Program", "RULES", "Verdict", "episode", "judge", "programs"]
