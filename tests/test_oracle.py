"""Torch judges torchlint on generated programs (see tests/oracle).

For every generated program: no false alarm (each report is where torch fails
with that rule's failure, or the program stopped earlier at another reported
pitfall); no miss when the program is definite (one path, no helper analysed
with unknown arguments); torchlint never crashes. The generator must also write
valid PyTorch, and the judge must see what the generator saw.

The real-code mode (tests/oracle/realcode.py) writes entry points whose tensors
are parameters, called by a harness the linter does not see with sizes drawn at
run time: there only false alarms on programs definite for the rule, and
crashes, break the property.

CI runs a fixed, derandomized set of examples; `python tests/run_oracle.py N`
(`--mode realcode` for the real-code mode) runs many more and prints the
confusion table.
"""

import torch  # noqa: F401  the runtime half must run, never skip
from hypothesis import HealthCheck, Phase, given, settings

from oracle import judge, judge_real, programs, real_programs

EXAMPLES = 300


@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None, print_blob=False,
          phases=[Phase.explicit, Phase.generate, Phase.shrink],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(programs())
def test_torch_agrees_with_torchlint(program):
    verdict = judge(program)
    assert not verdict.problems(), verdict.report()


REAL_EXAMPLES = 120  # the real-code slice: about 5 s; run_oracle.py --mode realcode runs more


@settings(max_examples=REAL_EXAMPLES, derandomize=True, deadline=None, database=None, print_blob=False,
          phases=[Phase.explicit, Phase.generate, Phase.shrink],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(real_programs())
def test_torch_agrees_with_torchlint_on_real_code(program):
    """Entry points called by an unseen harness with sizes drawn at run time: no false
    alarm on a program definite for the rule, no crash; misses are recall, not breaks."""
    verdict = judge_real(program)
    assert not verdict.problems(), verdict.report()


def test_real_code_judge_sees_a_false_alarm(monkeypatch):
    """The real-code judge itself: a report on a line every draw runs clean is a false alarm."""
    from oracle import realjudge
    from oracle.realcode import RealProgram

    model = "import torch\n\n\ndef step(x):\n    B, T = x.shape\n    return x.view(B * T)\n"
    harness = ("import random\nimport torch\nfrom model import step\n\n\ndef draw():\n"
               "    return (torch.randn(random.randint(2, 6), random.randint(2, 6)),), {}\n\n\n"
               "def call():\n    args, _ = draw()\n    return step(*args)\n")
    program = RealProgram({"model.py": model}, harness, "function", [None, None, None])
    fake = realjudge.Report("TL002", "model.py", 6, ("model.py", 6), "made up")
    monkeypatch.setattr(realjudge, "lint_folder", lambda files: ([fake], None))
    verdict = judge_real(program)
    assert verdict.splits["TL002"] == "definite"
    assert [(code, place) for code, place, _ in verdict.false_alarms] == [("TL002", ("model.py", 6))]
