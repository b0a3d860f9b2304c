"""Every finding in one run: a file with several pitfalls reports each of them,
not only the one torch would raise first (a user fixes them in one go)."""

import torch  # noqa: F401  the runtime half must run, never skip

from torchlint.engine import check_source
from torchlint.rule import builtin_rule_dir, load_rules

from runtime import run

RULES = load_rules([builtin_rule_dir()])

SCRIPT = """\
import torch
import torch.nn as nn

model = nn.Linear(4, 2)
x = torch.randn(3, 4)
out = model(x)
scores = out.numpy()
flat = out.t().view(-1)
out.backward()
copy = torch.tensor(out)
strided = torch.as_strided(torch.arange(6.0), (2, 2), (1, -1))
"""

EXPECTED = [("TL001", 7, 14), ("TL002", 8, 16), ("TL003", 9, 5), ("TL004", 10, 14), ("TL005", 11, 17)]


def test_each_pitfall_of_a_file_is_reported_in_one_run():
    found = [(d.code, d.line, d.col) for d in check_source(SCRIPT, "script.py", RULES)]
    assert found == EXPECTED


def test_torch_raises_only_the_first_so_the_others_are_hidden_at_run_time():
    outcome = run(SCRIPT, "<script>")
    assert outcome.line == 7, outcome.describe()
    # each later line fails on its own once the earlier ones are fixed
    lines = SCRIPT.splitlines()
    for code, line, _col in EXPECTED[1:]:
        fixed_before = [text if n + 1 >= line or n + 1 not in {e[1] for e in EXPECTED} else "pass"
                        for n, text in enumerate(lines)]
        outcome = run("\n".join(fixed_before[:line]) + "\n", f"<{code}>")
        assert outcome.error is not None and outcome.line == line, (code, outcome.describe())
