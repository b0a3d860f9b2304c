"""noqa comments, per line and per file, on real diagnostics."""

from torchlint.engine import check_source
from torchlint.rule import Rule, builtin_rule_dir, load_rules

RULES = load_rules([builtin_rule_dir()])

BAD = "import torch\nx = torch.randn(2, 3)\n"


def _found(source: str, rules=RULES) -> list:
    return [(d.code, d.line) for d in check_source(source, "t.py", rules)]


def test_line_noqa_forms():
    source = BAD + (
        "a = x.t().view(-1)  # noqa: TL002\n"
        "b = x.t().view(-1)  # noqa: E501\n"
        "c = x.t().view(-1)  # NOQA\n"
        "d = x.t().view(-1)  # noqa:TL001,TL002\n"
        "e = x.t().view(-1)  # noqa: TL001\n"
        "f = x.t().view(-1)\n"
    )
    assert _found(source) == [("TL002", 4), ("TL002", 7), ("TL002", 8)]


def test_file_noqa_all_and_by_code():
    body = BAD + "y = x.t().view(-1)\nz = torch.ones(2, requires_grad=True).numpy()\n"
    assert _found(body) == [("TL002", 3), ("TL001", 4)]
    assert _found("# torchlint: noqa\n" + body) == []
    assert _found("# torchlint: noqa: TL002\n" + body) == [("TL001", 5)]
    # not on a line of its own: an ordinary comment, silences nothing file-wide
    assert _found(body.replace("import torch", "import torch  # torchlint: noqa: TL002")) == [("TL002", 3), ("TL001", 4)]


def test_form_feed_does_not_shift_lines():
    source = BAD + "w = 1  # \x0c page break\ny = x.t().view(-1)  # noqa: TL002\nz = x.t().view(-1)\n"
    assert _found(source) == [("TL002", 5)]


class Exploding(Rule):
    code = "TL999"
    name = "exploding"
    summary = "a rule with a bug"
    triggers = (".view(",)
    methods = ("view",)

    def check(self, event):
        raise ValueError("boom")


def test_a_crashing_rule_is_reported_under_its_code_and_the_rest_goes_on():
    source = BAD + "y = x.t().view(-1)\n"
    found = check_source(source, "t.py", RULES + [Exploding()])
    assert [(d.code, d.line, d.col, d.internal_error) for d in found] == [
        ("TL002", 3, 11, False), ("TL999", 3, 11, True)]
    assert found[1].message == "internal error in TL999 (exploding): ValueError: boom"
