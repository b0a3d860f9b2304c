"""Torch as the oracle of torchlint: generated programs, run under torch, judge the linter.

- `grammar`: hypothesis strategies that write small PyTorch programs, running each
  statement as it is written, so the generator knows every value and every path;
  its docstring says which module holds what.
- `judge`: runs a program under torch, maps its first failure to a rule by the
  failure the rule's repro names, and compares with torchlint's diagnostics.

- `realcode` and `realjudge`: the real-code mode: tensors are parameters of an
  entry point nobody in the linted files calls (or a model imported by a
  script), sizes are drawn at run time by a harness the linter does not see,
  and the judge runs one call per draw and lints the files as a folder.

A new rule plugs in with its repro (the judge reads its failure from it, or, for
a pitfall that raises nothing, runs its probe on every path) and one
file, `episodes/tlNNN_<rule name>.py`, of episodes registered with
`@episode("TLNNN")`: functions that write a few statements around the rule, its
pitfall and its look-alikes.
"""

from .builder import episode
from .grammar import EPISODES, programs
from .judge import CELLS, FAILURES, RULES, Verdict, judge
from .program import Program
from .realcode import RealProgram, real_programs
from .realjudge import RealVerdict, judge_real

__all__ = ["CELLS", "EPISODES", "FAILURES", "Program", "RULES", "RealProgram", "RealVerdict", "Verdict", "episode",
           "judge", "judge_real", "programs", "real_programs"]
