"""Every kind of event reaches a rule subscribed to it, at the right place, with the facts."""

from torchlint.api import Finding, Kind, Rule, on
from torchlint.engine import check_source

PROGRAM = """\
import torch
w = torch.zeros(3, requires_grad=True)
with torch.no_grad():
    w += 1
    w[0] = 2.0
w.requires_grad = False
for p in [w]:
    p.data = torch.ones(3)
def f(x):
    return x * 2
f(w)
n = 0
while True:
    n += 1
    if n > 2:
        break
w.numpy()
opt = torch.optim.SGD([w], lr=0.1)
opt.step()
"""


def recorder(number: int, kind: str) -> Rule:
    class Records(Rule):
        code = f"TL8{number:02d}"  # TL9xx: torchlint's own checks (TL900)
        name = f"records-{kind}"
        triggers = ("torch",)
        events = (on(kind),)

        def check(self, event):
            facts = [f"{event.kind} {event.name!r} grad={event.grad_enabled.value}"]
            if event.target.is_tensor:
                facts.append(f"target requires_grad={event.target.requires_grad.value}")
            if event.value.is_tensor or event.value.is_none is not None:
                facts.append("value is a tensor" if event.value.is_tensor else "value is a constant")
            if event.bound:
                facts.append("bound " + ",".join(sorted(event.bound)))
            return Finding("; ".join(facts))

    return Records()


RULES = [recorder(n, kind) for n, kind in enumerate(Kind.ALL)]


def test_every_kind_of_event_is_emitted_where_it_happens():
    found = [(d.line, d.col, d.code, d.message) for d in check_source(PROGRAM, "p.py", RULES)]
    assert found == [
        (2, 11, "TL801", "function 'torch.zeros' grad=yes"),
        (3, 6, "TL805", "enter 'torch.no_grad' grad=no"),
        (3, 6, "TL806", "exit 'torch.no_grad' grad=yes"),
        (4, 5, "TL802", "aug_assign 'add' grad=no; target requires_grad=yes; value is a constant"),
        (5, 5, "TL803", "item_assign '__setitem__' grad=no; target requires_grad=yes; value is a constant"),
        (6, 1, "TL804", "attr_assign 'requires_grad' grad=yes; target requires_grad=yes; value is a constant"),
        (7, 1, "TL809", "loop_end 'for' grad=yes; bound p,torch,w"),
        (7, 10, "TL807", "iterate '' grad=yes; value is a tensor"),
        (8, 5, "TL804", "attr_assign 'data' grad=yes; target requires_grad=no; value is a tensor"),
        (8, 20, "TL801", "function 'torch.ones' grad=yes"),
        (9, 1, "TL808", "function_end 'f' grad=yes; bound x"),
        (13, 1, "TL809", "loop_end 'while' grad=yes; bound f,n,p,torch,w"),
        (14, 5, "TL802", "aug_assign 'add' grad=yes; value is a constant"),
        (17, 3, "TL800", "method 'numpy' grad=yes"),
        (18, 19, "TL801", "function 'torch.optim.SGD' grad=yes"),
        (19, 5, "TL812", "optimizer 'step' grad=yes"),
    ]


def test_a_subscription_by_name_takes_only_that_name():
    class OnlyRequiresGrad(Rule):
        code = "TL850"
        name = "only-requires-grad"
        triggers = ("requires_grad",)
        events = (on(Kind.ATTR_ASSIGN, "requires_grad"),)

        def check(self, event):
            return Finding("{name} set to a constant", {"name": event.name})

    found = [(d.line, d.code, d.message) for d in check_source(PROGRAM, "p.py", [OnlyRequiresGrad()])]
    assert found == [(6, "TL850", "requires_grad set to a constant")]


def test_an_unknown_event_kind_is_refused_when_the_rule_is_written():
    try:
        on("assign")
    except ValueError as exc:
        assert "unknown event kind 'assign'" in str(exc)
    else:
        raise AssertionError("on('assign') was accepted")


def test_grad_mode_contexts_are_named_as_rules_subscribe_to_them():
    source = "import torch\nfrom torch import autograd\nwith autograd.no_grad():\n    x = torch.ones(2).view(-1)\n"
    found = [(d.line, d.message) for d in check_source(source, "p.py", [RULES[Kind.ALL.index(Kind.ENTER)]])]
    assert found == [(3, "enter 'torch.no_grad' grad=no")]


def test_a_finding_may_not_name_the_parts_the_api_writes():
    try:
        Finding("{via} twice", {"via": "x"})
    except ValueError as exc:
        assert "the API writes these parts" in str(exc)
    else:
        raise AssertionError("a Finding with a 'via' argument was accepted")
