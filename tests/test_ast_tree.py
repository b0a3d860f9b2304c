"""The tree built from CPython's parser (ast_tree) against libcst's own.

The engine checks a file on ast_tree's tree first and trusts it when nothing is
found there, so that tree must be libcst's, node for node, in everything the
interpreter reads: every class and every field that holds nodes, names and
literal values. Whitespace, parentheses, commas and comments are left out of
the comparison (ast_tree does not build them); so is how a string joined from
parts with an f-string is cut into parts (both are read as an unknown string,
with the same expressions inside, in the same order).
"""

import ast
from pathlib import Path

import hypothesmith
import libcst as cst
import pytest
from hypothesis import HealthCheck, given, settings

from torchlint import ast_tree, engine, parsing
from torchlint.infer.syntax import children
from torchlint.rule import builtin_rule_dir, load_rules

TESTS = Path(__file__).parent
RULES = load_rules([builtin_rule_dir()])
_LAYOUT = (cst.EmptyLine, cst.Comment, cst.Newline, cst.TrailingWhitespace, cst.BaseParenthesizableWhitespace,
           cst.Semicolon, cst.Comma, cst.LeftParen, cst.RightParen, cst.AssignEqual, cst.Colon,
           cst.LeftSquareBracket, cst.RightSquareBracket, cst.LeftCurlyBrace, cst.RightCurlyBrace)
_LITERALS = (cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString)
_STRINGS = (cst.ConcatenatedString, cst.FormattedString)


def differences(real, built, path: str = "") -> list:
    """Where two trees differ in what the interpreter reads."""
    if isinstance(real, _STRINGS) and isinstance(built, _STRINGS):
        if isinstance(real, cst.FormattedString) or isinstance(built, cst.FormattedString) \
                or _embedded(real) or _embedded(built):
            inner_real, inner_built = _embedded(real), _embedded(built)
            if len(inner_real) != len(inner_built):
                return [(path, "f-string expressions", len(inner_real), len(inner_built))]
            return [d for a, b in zip(inner_real, inner_built) for d in differences(a, b, path + "/{}")]
        return []  # parts of a joined string: both unknown strings
    if type(real) is not type(built):
        return [(path, type(real).__name__, type(built).__name__)]
    if isinstance(real, _LITERALS):
        same = ast.literal_eval(real.value) == ast.literal_eval(built.value)
        return [] if same else [(path, "literal", real.value, built.value)]
    if isinstance(real, cst.Name):
        return [] if real.value == built.value else [(path, "name", real.value, built.value)]
    found = [(path, field, getattr(real, field), getattr(built, field)) for field in ("star", "conversion")
             if isinstance(getattr(real, field, None), str) and getattr(real, field) != getattr(built, field)]
    inner_real = [c for c in children(real) if not isinstance(c, _LAYOUT)]
    inner_built = [c for c in children(built) if not isinstance(c, _LAYOUT)]
    where = f"{path}/{type(real).__name__}"
    if len(inner_real) != len(inner_built):
        return found + [(where, "children", len(inner_real), len(inner_built))]
    for a, b in zip(inner_real, inner_built):
        found += differences(a, b, where)
    return found


def _embedded(node) -> list:
    """The expressions inside a string's f-string parts, in order."""
    if isinstance(node, cst.ConcatenatedString):
        return _embedded(node.left) + _embedded(node.right)
    if not isinstance(node, cst.FormattedString):
        return []
    found = []
    for part in node.parts:
        if isinstance(part, cst.FormattedStringExpression):
            found.append(part.expression)
            if part.format_spec:
                found += _embedded(cst.FormattedString(parts=part.format_spec))
    return found


def assert_same_tree(text: str) -> None:
    built = ast_tree.build(text)
    assert built is not None
    assert differences(parsing.parse_module(text), built) == []


CONSTRUCTS = '''\
"""A module docstring."""
from __future__ import annotations
import os, torch.nn as nn
from . import sibling
from ..pkg.mod import (a as b, c)
from pkg import *
x: int = 1; y = 2; z: "T"
del x, y
del z
global_list = [1, *rest, (2, 3)]
d = {"k": 1, **other, 2: b"bytes"}
s = {1, 2}
t = 1,
nums = 0x1F, 0o7, 0b1, 1_000, 1e-5, .5, 3j, 1e999, True, False, None, ...
joined = "a" "b" 'c'
joined_bytes = (b"a"
                b"b")
text = f"{x!r:>{width}} and {y}" "tail" f"{z}"
single = f"{x}"
escaped = "it's \\"quoted\\"" + r'\\raw' + """triple "quotes" inside""" + \'\'\'other\'\'\'
items = x[1], x[1:2], x[::2], x[a, b], x[(a, b)], x[(a), b], x[...], x[:, None], x[*idx]
calls = f(a, *args, k=1, **kw), f(k=1, *args), f(**a, **b), g()(1)
ops = -a + ~b * c ** d // e % f @ g << h >> i & j ^ k | l
logic = a and b and c or not d
chain = a < b <= c != d is not e in f not in g
lambdas = lambda: 0, lambda a, /, b=1, *c, d, **e: a
cond = a if b else c
walrus = (n := 10)
comps = [i for i in range(3) if i for j in i], {k: v for k, v in d.items()}, {i for i in x}, (i async for i in x)
a, *b = c = d
x += 1; x -= 1; x *= 2; x /= 2; x //= 2; x %= 2; x **= 2; x <<= 1; x >>= 1; x &= 1; x |= 1; x ^= 1; x @= m


@decorator
@decorator.call(arg)
def function(a, b: int = 1, /, c=2, *args: int, d, e=3, **kwargs) -> "R":
    """Docstring."""
    global g
    if a: return 1
    elif b:
        pass
    else:
        if c:
            return 2
    if d: x = 1; y = 2
    for i, (j, k) in enumerate(x):
        continue
    else:
        break
    while True: break
    while x:
        pass
    else:
        pass
    try:
        pass
    except ValueError as error:
        raise RuntimeError("no") from error
    except (TypeError, KeyError):
        raise
    except:
        pass
    else:
        pass
    finally:
        pass
    with open(a) as f, lock, open(b) as (g, h):
        yield f
    with x: pass
    assert a, "message"
    yield from b
    def inner():
        nonlocal a
        return (yield)
    return await_thing


def star_only(*, key):
    return key


def header_over_lines(
    a,
    b,
) -> int: return a


async def coroutine():
    async with a as b:
        await b
    async for i in c:
        pass


class Model(nn.Module, metaclass=Meta, **options):
    attribute: int = 0

    def forward(self, x): return x
    def method(self): ...


class Empty(*bases): pass


try:
    pass
except* ValueError:
    pass
'''


def test_every_construct_builds_as_libcst_parses_it():
    assert_same_tree(CONSTRUCTS)


@pytest.mark.parametrize("path", sorted(p for folder in ("cases", "realbugs") for p in (TESTS / folder).rglob("*.py")),
                         ids=lambda p: str(p.relative_to(TESTS)))
def test_the_test_cases_build_as_libcst_parses_them(path):
    text = path.read_text(encoding="utf-8")
    if ast_tree.build(text) is None:  # only a `match` statement is left to libcst (test below)
        assert any(type(node).__name__ == "Match" for node in ast.walk(ast.parse(text)))
        return
    assert_same_tree(text)


def test_what_it_does_not_build_is_left_to_libcst():
    assert ast_tree.build("match command:\n    case [x]:\n        pass\n") is None
    assert ast_tree.build("def f(:\n") is None  # a syntax error: libcst's parse reports it
    assert ast_tree.build("x = 1\0") is None  # CPython refuses a NUL byte
    assert ast_tree.build("type Alias = int\n") is None  # newer syntax than this Python's


def test_a_node_it_does_not_know_leaves_the_file_to_libcst(monkeypatch):
    # as a node a newer Python's ast adds would: the builder gives up, it does not raise
    monkeypatch.delitem(ast_tree._EXPRESSIONS, ast.Lambda)
    assert ast_tree.build("f = lambda: 0\n") is None
    assert ast_tree.build("f = 0\n") is not None


def test_a_file_without_findings_never_reaches_libcsts_parser(monkeypatch):
    parsed = []
    real_parse = parsing.parse_module
    monkeypatch.setattr(parsing, "parse_module", lambda text: parsed.append(text) or real_parse(text))
    # trigger tokens of TL001, TL002 and TL004, none of them a finding
    text = "import torch\nx = torch.randn(2, 3)\ny = x.view(-1)\nz = torch.tensor([1.0]).detach().numpy()\n"
    assert engine.check(text, "clean.py", RULES).diagnostics == []
    assert parsed == []
    found = text + "w = x.t().view(-1)\n"
    assert [(d.line, d.code) for d in engine.check(found, "found.py", RULES).diagnostics] == [(5, "TL002")]
    assert parsed == [found]


def test_a_finding_is_reported_from_libcsts_tree():
    # the column counts characters (libcst's), where ast counts UTF-8 bytes; the code
    # in the message is the code as written, spaces and parentheses included
    text = "import torch\nx = torch.randn(2, 3, requires_grad=True)\nnom = 'é'; y = ( x ).numpy()\n"
    [finding] = engine.check(text, "found.py", RULES).diagnostics
    assert (finding.line, finding.col, finding.end_col, finding.code) == (3, 22, 27, "TL001")
    assert finding.message.startswith(".numpy() on '( x )', which requires grad since "
                                      "torch.randn(2, 3, requires_grad=True) on line 2")


def test_a_file_it_does_not_build_is_checked_on_libcsts_tree():
    text = ("import torch\nx = torch.randn(2, 3, requires_grad=True)\n"
            "match x.shape:\n    case _:\n        y = x.numpy()\n")
    [finding] = engine.check(text, "matched.py", RULES).diagnostics
    assert (finding.line, finding.col, finding.code) == (5, 15, "TL001")


@settings(derandomize=True, deadline=None, database=None, max_examples=120,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(hypothesmith.from_grammar())
@pytest.mark.filterwarnings("ignore::SyntaxWarning")
def test_generated_code_builds_as_libcst_parses_it(source):
    built = ast_tree.build(source)
    try:
        real = parsing.parse_module(source)
    except Exception:
        return  # libcst lags behind CPython's grammar here
    if built is not None:
        assert differences(real, built) == []
