"""Each rule's `could_fire`: the look before parsing must never hide a finding.

A rule whose `could_fire` says False of a file is not run on it, so a wrong
False is a finding lost without a trace. Every case that a rule finds (its case
file, the real-bug benchmark, its repro) must pass its own test; and the
look-alikes of model code that it exists to skip must not.
"""

from __future__ import annotations

import pytest

from casefiles import all_cases
from realbugs import benchmark
from torchlint.engine import check_python
from torchlint.prefilter import has_trigger
from torchlint.text_sites import TextSites, never_a_tensor

RULES = {rule.code: rule for rule in benchmark.builtin_rules()}


def may_fire(code: str, text: str) -> bool:
    rule = RULES[code]
    return has_trigger(text, tuple(rule.triggers)) and rule.could_fire(text)


@pytest.mark.parametrize("case", all_cases(), ids=lambda case: case.id)
def test_every_case_a_rule_finds_passes_its_look(case):
    for code, line, _col in case.expected:
        assert may_fire(code, case.source), f"{code} would skip the file of its case on line {line}"


@pytest.mark.parametrize("case", benchmark.load_cases(), ids=lambda case: case.id)
def test_every_real_bug_a_rule_finds_passes_its_look(case):
    for path in case.bad.files:
        text = path.read_text(encoding="utf-8")
        for found in check_python(text, str(path), list(RULES.values())).diagnostics:  # no prefilter
            if found.code in RULES:
                assert may_fire(found.code, text), f"{found.code} would skip {path.name}:{found.line}"


@pytest.mark.parametrize("code", sorted(code for code, rule in RULES.items() if rule.repro is not None))
def test_every_repro_passes_the_look_of_its_rule(code):
    assert may_fire(code, RULES[code].repro.bad)


# the idioms of model code each rule's look exists to skip: correct, and common
LOOK_ALIKES = [
    ("TL001", "a = x.detach().cpu().numpy()\nb = y.data.numpy()\n"),
    ("TL004", "mask = torch.tensor(float('-inf'))\nids = torch.tensor([1, 2, 3])\nscale = torch.tensor(0.5)\n"),
    ("TL004", "t = torch.tensor(np.arange(4))\nu = x.new_tensor((a, b))\n"),
    ("TL007", "w = nn.Parameter(torch.zeros(1, 1, dim))\nb = torch.empty(3, requires_grad=False)\n"
              "c = torch.ones(2, requires_grad = False)\nif c.requires_grad:\n    pass\n"),
    ("TL009", "if x.requires_grad:\n    pass\nflag = p.requires_grad == True\n"),
    ("TL010", "def init(self, m: Optional[Tensor] = None, p=nn.Parameter(torch.ones(2))):\n"
              "    kwargs['x'] = m\n    m.weight.data.normal_()\n    nn.init.zeros_(m.bias)\n"
              "    with torch.no_grad():\n        p.add_(1)\n"),
    # only layers' parameters make leaves here, and no write targets one
    ("TL010", "h = self.fc.weight @ x\nh += self.fc.bias\nout[mask] = 0\ncount += 1\n"),
    ("TL101", "for layer in self.layers:\n    all_hidden += (hidden,)\n    n += 1\n    total += loss.item()\n"
              "    parts += [x]\n    out += f(\n        a)[0].detach()\n"),
    ("TL101", "def forward(self, x):\n    x += self.shortcut(x)\n    return x\n"),
    # a loop in a file that runs no backward is no training loop (an evaluation's sum)
    ("TL101", "for x, y in loader:\n    total += criterion(model(x), y)\n"),
    ("TL001", "with torch.no_grad():\n    y = model(x).numpy()\n"
              "@torch.inference_mode()\ndef predict(x):\n    return model(x).numpy()\n"),
    ("TL103", "x = x.to(device)\nreturn y.float()\nf(x.cuda())\nz = (a\n     .to(d))\n"
              "    >>> pipe.to('cuda')\nbatch = [t.to(d) for t in batch]\nx.to(d).sum()\n"),
    ("TL106", "h = nn.functional.dropout(h, p=self.p, training=self.training)\nh = self.dropout(h)\n"
              "self.dropout = nn.Dropout(p)\ndropout_prob = 0.1\n"),
]


@pytest.mark.parametrize("code, text", LOOK_ALIKES)
def test_the_look_skips_the_correct_idioms_of_model_code(code, text):
    assert has_trigger(text, tuple(RULES[code].triggers))  # the tokens alone would parse it
    assert not RULES[code].could_fire(text)


FIRING = [
    ("TL001", "a = out.cpu().numpy()\n"),
    ("TL004", "t = torch.tensor(x)\nu = torch.tensor(data=(h))\n"),
    ("TL007", "w = nn.Parameter(torch.arange(4))\n"),
    ("TL009", "y.requires_grad = True\n"),
    ("TL010", "w = torch.ones(2, requires_grad=True)\nw[0] = 1\n"),
    ("TL010", "emb.weight.copy_(glove)\n"),
    ("TL010", "conv.bias[:] = b\n"),
    ("TL010", "w = net.fc.weight\nw.zero_()\n"),
    ("TL101", "for x, y in loader:\n    if True:\n        total += criterion(\n            model(x), y)\n"
              "    loss.backward()\n"),
    # grad mode turned on again inside `no_grad()`
    ("TL001", "with torch.no_grad():\n    with torch.enable_grad():\n        y = model(x).numpy()\n"),
    ("TL001", "@torch.no_grad()\ndef f(x):\n    with torch.inference_mode(False):\n        return x.numpy()\n"),
    ("TL103", "if c: x.float()\nfoo(\n    a,\n).to(d)  # moved\n"),
    ("TL106", "x = F.dropout(x, 0.5, training=True)\n"),
    ("TL004", "ensure_tensor = torch.tensor\n"),
    ("TL004", "from torch import tensor as T\n"),
    ("TL106", "act = F.dropout\n"),
    ("TL106", "from torch.nn.functional import relu, dropout as drop\n"),
]


@pytest.mark.parametrize("code, text", FIRING)
def test_the_look_keeps_each_shape_the_rule_may_fire_at(code, text):
    assert RULES[code].could_fire(text)


def sites(text: str, token: str) -> list:
    return list(TextSites(text).of(token))


def test_a_bare_call_is_a_statement_whose_value_is_dropped():
    text = ("x.to(d)\ny = x.to(d)\nreturn x.to(d)\nf(x.to(d))\nx.to(d).sum()\na, x.to(d)\nif c: x.to(d)\n"
            "foo(a,\n    b).to(d)\nz = (a\n     .to(d))\nself.m.to(dtype=t)  # in place\n")
    assert [s.is_bare_call() for s in sites(text, ".to(")] == [
        True, False, False, False, False, False, True, True, False, True]


def test_a_call_with_a_bracket_inside_a_string_is_still_read():
    [site] = sites('x.to(dev[")"])\n', ".to(")
    assert site.arguments() == 'dev[")"]' and site.is_bare_call()


def test_loops_and_grad_mode_are_read_from_indentation():
    text = ("def train():\n    for x in loader:\n        with torch.no_grad():\n            a += 1\n"
            "        b += 1\n    c += 1\n\n@torch.no_grad()\ndef evaluate():\n    while True:\n        d += 1\n"
            "with torch.no_grad():\n    def later():\n        e += 1\n")
    found = [(s.in_loop(), s.under_no_grad()) for s in sites(text, "+=")]
    assert found == [(True, True), (True, False), (False, False), (True, True), (False, False)]


def test_continuation_lines_do_not_hide_the_loop_above():
    text = "for x in y:\n    out = f(\n  x)\n    total += out\n"
    [site] = sites(text, "+=")
    assert site.in_loop()


def test_arguments_statements_and_subscripts():
    [site] = sites("y = torch.tensor(a, dtype=f(b, c))\n", "tensor(")
    assert site.first_argument() == "a" and site.arguments() == "a, dtype=f(b, c)"
    [site] = sites("total += f(\n    a)  # c\nnext\n", "+=")
    assert site.rest_of_statement() == " f(\n    a)  "
    [site] = sites("kw['x'] = 1\n", "] =")
    assert site.subscript() == "'x'"
    [site] = sites("y = x.detach().cpu().numpy()\n", ".numpy(")
    assert site.receiver() == "x.detach().cpu()"


@pytest.mark.parametrize("expression, expected", [
    ("0", True), ("-1e9", True), ("'a'", True), ("[a, b]", True), ("(a, b)", True), ("{1: 2}", True),
    ("float('-inf')", True), ("np.arange(3)", True), ("math.pi", True), ("None", True),
    ("x", False), ("(x)", False), ("[a][0]", False), ("1 - x", False), ("float(x) * t", False), ("", False),
])
def test_never_a_tensor_is_said_only_of_what_the_text_shows(expression, expected):
    assert never_a_tensor(expression) is expected
