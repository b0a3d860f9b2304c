"""Torch judges torchlint on generated programs (see tests/oracle).

For every generated program: no false alarm (each report is where torch fails
with that rule's failure, or the program stopped earlier at another reported
pitfall); no miss when the program is definite (one path, no helper analysed
with unknown arguments); torchlint never crashes. The generator must also write
valid PyTorch, and the judge must see what the generator saw.

CI runs a fixed, derandomized set of examples; `python tests/run_oracle.py N`
runs many more and prints the confusion table.
"""

import torch  # noqa: F401  the runtime half must run, never skip
from hypothesis import HealthCheck, Phase, given, settings

from oracle import judge, programs

EXAMPLES = 300


@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None, print_blob=False,
          phases=[Phase.explicit, Phase.generate, Phase.shrink],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(programs())
def test_torch_agrees_with_torchlint(program):
    verdict = judge(program)
    assert not verdict.problems(), verdict.report()
