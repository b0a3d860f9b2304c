"""A libcst tree built from CPython's own parser, for the first look at a file.

libcst's parse is about half of what checking a file costs (it builds every
space, comment and parenthesis as a node); CPython's parser is ten times
faster. This module builds the nodes the interpreter reads (libcst's own
classes, with the same fields) from `ast`, and leaves out what only code
generation and positions need: their whitespace is blank, their numbers and
strings are written anew. So the tree is good for finding out whether a file
has a finding, never for saying where it is or what its code is: the engine
checks a file on it first, and only when something is found checks it again on
libcst's own tree, whose findings are the ones reported (engine.check_python).

`build` returns None for what it does not build (a `match` statement, syntax of
a newer Python than this one): libcst's parse decides then.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from typing import Optional

import libcst as cst

from .parsing import line_starts

_set = object.__setattr__


class Unsupported(Exception):
    """Syntax this builder leaves to libcst."""


def _defaults(kind: type) -> tuple:
    """(field, value when not given) of a node class: the dataclass default, or one
    shared instance of what its factory makes (whitespace nodes are immutable)."""
    found = []
    for field in dataclasses.fields(kind):
        if field.default is not dataclasses.MISSING:
            value = field.default
        elif field.default_factory is not dataclasses.MISSING:  # type: ignore[misc]
            value = field.default_factory()  # type: ignore[misc]
        else:
            value = None
        found.append((field.name, value))
    return tuple(found)


_DEFAULTS: dict = {}


def _node(kind: type, **given):
    """A node of libcst's class `kind` with the fields given and the rest at their
    defaults, made without its constructor (which builds fresh whitespace nodes for
    each one and checks it)."""
    defaults = _DEFAULTS.get(kind)
    if defaults is None:
        defaults = _DEFAULTS[kind] = _defaults(kind)
    node = object.__new__(kind)
    for name, default in defaults:
        _set(node, name, given.get(name, default))
    return node


def _name(value: str) -> cst.Name:
    node = object.__new__(cst.Name)
    _set(node, "value", value)
    _set(node, "lpar", ())
    _set(node, "rpar", ())
    return node


_BINARY = {ast.Add: cst.Add, ast.Sub: cst.Subtract, ast.Mult: cst.Multiply, ast.Div: cst.Divide,
           ast.FloorDiv: cst.FloorDivide, ast.Mod: cst.Modulo, ast.Pow: cst.Power, ast.LShift: cst.LeftShift,
           ast.RShift: cst.RightShift, ast.BitOr: cst.BitOr, ast.BitXor: cst.BitXor, ast.BitAnd: cst.BitAnd,
           ast.MatMult: cst.MatrixMultiply}
_AUGMENTED = {ast.Add: cst.AddAssign, ast.Sub: cst.SubtractAssign, ast.Mult: cst.MultiplyAssign,
              ast.Div: cst.DivideAssign, ast.FloorDiv: cst.FloorDivideAssign, ast.Mod: cst.ModuloAssign,
              ast.Pow: cst.PowerAssign, ast.LShift: cst.LeftShiftAssign, ast.RShift: cst.RightShiftAssign,
              ast.BitOr: cst.BitOrAssign, ast.BitXor: cst.BitXorAssign, ast.BitAnd: cst.BitAndAssign,
              ast.MatMult: cst.MatrixMultiplyAssign}
_UNARY = {ast.UAdd: cst.Plus, ast.USub: cst.Minus, ast.Invert: cst.BitInvert, ast.Not: cst.Not}
_COMPARE = {ast.Eq: cst.Equal, ast.NotEq: cst.NotEqual, ast.Lt: cst.LessThan, ast.LtE: cst.LessThanEqual,
            ast.Gt: cst.GreaterThan, ast.GtE: cst.GreaterThanEqual, ast.Is: cst.Is, ast.IsNot: cst.IsNot,
            ast.In: cst.In, ast.NotIn: cst.NotIn}
_BOOLEAN = {ast.And: cst.And, ast.Or: cst.Or}
# one instance of each operator, made by libcst's constructor: they are leaves and never change
_OPERATORS: dict = {}


def _operator(table: dict, op) -> cst.CSTNode:
    key = (id(table), type(op))
    found = _OPERATORS.get(key)
    if found is None:
        found = _OPERATORS[key] = table[type(op)]()
    return found


_SMALL = (ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Return, ast.Pass, ast.Break, ast.Continue,
          ast.Raise, ast.Assert, ast.Delete, ast.Import, ast.ImportFrom, ast.Global, ast.Nonlocal)


def build(text: str) -> Optional[cst.Module]:
    """The module's tree, or None when CPython's parser refuses the text or it holds
    syntax this builder leaves to libcst."""
    try:
        tree = compile(text, "<torchlint>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):  # a NUL byte is a ValueError
        return None
    try:
        return _node(cst.Module, body=_Builder(text).statements(tree.body), header=(), footer=())
    except Exception:  # Unsupported, a node a newer Python's ast adds, a RecursionError
        return None


# one string literal, whole (CPython joins `"a" "b"` into one constant; libcst keeps
# both, and the interpreter reads such a string as an unknown one). Not parsing.py's
# lexemes: their triple-quoted strings end at the first closing quotes only when
# scanning, and a fullmatch would stretch one over `'''a''' '''b'''`.
_ONE_STRING = re.compile(r"""[rRbBuU]{0,2}(?:'''(?:\\.|'{1,2}(?!')|[^\\'])*'''|"""
                         r'''"""(?:\\.|"{1,2}(?!")|[^\\"])*"""|'''
                         r"""'(?:\\.|[^\\'\r\n])*'|"(?:\\.|[^\\"\r\n])*")""", re.DOTALL)


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: Optional[list] = None  # line_starts(), computed when first needed

    def segment(self, node) -> str:
        """The source text of a node, from ast's positions (columns in UTF-8 bytes)."""
        return self.text[self.offset(node.lineno, node.col_offset):self.offset(node.end_lineno, node.end_col_offset)]

    def follows_code(self, statement) -> bool:
        """Is there code before the statement on its line (its header's colon)?"""
        start = self.line_starts()[statement.lineno - 1]
        return statement.col_offset > 0 and \
            not self.text[start:self.offset(statement.lineno, statement.col_offset)].isspace()

    def line_starts(self) -> list:
        if self._starts is None:
            self._starts = line_starts(self.text)
        return self._starts

    def offset(self, line: int, column: int) -> int:
        starts = self.line_starts()
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        text = self.text[start:end]
        return start + (column if text.isascii() else len(text.encode("utf-8")[:column].decode("utf-8", "replace")))

    # ------------------------------------------------------------------ statements

    def statements(self, body: list) -> list:
        """Statements, small ones on one line (`a = 1; b = 2`) in one SimpleStatementLine."""
        out: list = []
        line: Optional[list] = None
        at = -1
        for statement in body:
            if isinstance(statement, _SMALL):
                small = self.small(statement)
                if line is not None and statement.lineno == at:
                    line.append(small)
                else:
                    line = [small]
                    at = statement.lineno
                    out.append(_node(cst.SimpleStatementLine, body=line))
            else:
                line = None
                out.append(self.compound(statement))
        return out

    def suite(self, body: list):
        """The body of a compound statement: on its header's line (`if x: return`), or
        an indented block."""
        if all(isinstance(s, _SMALL) for s in body) and self.follows_code(body[0]):
            return _node(cst.SimpleStatementSuite, body=[self.small(s) for s in body])
        return _node(cst.IndentedBlock, body=self.statements(body))

    def small(self, s):
        kind = type(s)
        if kind is ast.Expr:
            return _node(cst.Expr, value=self.expr(s.value))
        if kind is ast.Assign:
            return _node(cst.Assign, targets=[_node(cst.AssignTarget, target=self.expr(t)) for t in s.targets],
                         value=self.expr(s.value))
        if kind is ast.AugAssign:
            return _node(cst.AugAssign, target=self.expr(s.target), operator=_operator(_AUGMENTED, s.op),
                         value=self.expr(s.value))
        if kind is ast.AnnAssign:
            return _node(cst.AnnAssign, target=self.expr(s.target),
                         annotation=_node(cst.Annotation, annotation=self.expr(s.annotation)),
                         value=self.optional(s.value))
        if kind is ast.Return:
            return _node(cst.Return, value=self.optional(s.value))
        if kind is ast.Pass:
            return _node(cst.Pass)
        if kind is ast.Break:
            return _node(cst.Break)
        if kind is ast.Continue:
            return _node(cst.Continue)
        if kind is ast.Raise:
            cause = None if s.cause is None else _node(cst.From, item=self.expr(s.cause))
            return _node(cst.Raise, exc=self.optional(s.exc), cause=cause)
        if kind is ast.Assert:
            return _node(cst.Assert, test=self.expr(s.test), msg=self.optional(s.msg))
        if kind is ast.Delete:
            targets = [self.expr(t) for t in s.targets]
            target = targets[0] if len(targets) == 1 else _node(
                cst.Tuple, elements=[_node(cst.Element, value=t) for t in targets])
            return _node(cst.Del, target=target)
        if kind is ast.Import:
            return _node(cst.Import, names=[self.alias(a) for a in s.names])
        if kind is ast.ImportFrom:
            names = _node(cst.ImportStar) if s.names[0].name == "*" else [self.alias(a) for a in s.names]
            return _node(cst.ImportFrom, module=self.dotted(s.module) if s.module else None, names=names,
                         relative=[_node(cst.Dot) for _ in range(s.level or 0)])
        if kind is ast.Global:
            return _node(cst.Global, names=[_node(cst.NameItem, name=_name(n)) for n in s.names])
        return _node(cst.Nonlocal, names=[_node(cst.NameItem, name=_name(n)) for n in s.names])

    def alias(self, a: ast.alias):
        asname = None if a.asname is None else _node(cst.AsName, name=_name(a.asname))
        return _node(cst.ImportAlias, name=self.dotted(a.name), asname=asname)

    @staticmethod
    def dotted(name: str):
        parts = name.split(".")
        node = _name(parts[0])
        for part in parts[1:]:
            node = _node(cst.Attribute, value=node, attr=_name(part))
        return node

    def compound(self, s):
        kind = type(s)
        if kind is ast.FunctionDef or kind is ast.AsyncFunctionDef:
            return _node(cst.FunctionDef, name=_name(s.name), params=self.parameters(s.args),
                         body=self.suite(s.body), decorators=self.decorators(s),
                         returns=None if s.returns is None else _node(cst.Annotation, annotation=self.expr(s.returns)),
                         asynchronous=_node(cst.Asynchronous) if kind is ast.AsyncFunctionDef else None)
        if kind is ast.ClassDef:
            bases = self.positional(s.bases)
            keywords = [self.keyword(k) for k in s.keywords]
            return _node(cst.ClassDef, name=_name(s.name), body=self.suite(s.body),
                         bases=bases, keywords=keywords, decorators=self.decorators(s))
        if kind is ast.If:
            return self.if_statement(s)
        if kind is ast.For or kind is ast.AsyncFor:
            return _node(cst.For, target=self.expr(s.target), iter=self.expr(s.iter),
                         body=self.suite(s.body), orelse=self.orelse(s.orelse),
                         asynchronous=_node(cst.Asynchronous) if kind is ast.AsyncFor else None)
        if kind is ast.While:
            return _node(cst.While, test=self.expr(s.test), body=self.suite(s.body),
                         orelse=self.orelse(s.orelse))
        if kind is ast.With or kind is ast.AsyncWith:
            items = [_node(cst.WithItem, item=self.expr(i.context_expr),
                           asname=None if i.optional_vars is None else _node(cst.AsName, name=self.expr(i.optional_vars)))
                     for i in s.items]
            return _node(cst.With, items=items, body=self.suite(s.body),
                         asynchronous=_node(cst.Asynchronous) if kind is ast.AsyncWith else None)
        if kind is ast.Try or kind is getattr(ast, "TryStar", None):
            star = kind is not ast.Try
            handler_kind = cst.ExceptStarHandler if star else cst.ExceptHandler
            handlers = [_node(handler_kind, body=self.suite(h.body), type=self.optional(h.type),
                              name=None if h.name is None else _node(cst.AsName, name=_name(h.name)))
                        for h in s.handlers]
            final = _node(cst.Finally, body=self.suite(s.finalbody)) if s.finalbody else None
            return _node(cst.TryStar if star else cst.Try, body=self.suite(s.body), handlers=handlers,
                         orelse=self.orelse(s.orelse), finalbody=final)
        raise Unsupported(kind.__name__)  # match, and what a newer Python adds

    def if_statement(self, s: ast.If):
        orelse = None
        if s.orelse:
            first = s.orelse[0]
            # an `elif` starts at the column of its `if`; an `else:` holding an `if` is indented
            if len(s.orelse) == 1 and type(first) is ast.If and first.col_offset == s.col_offset:
                orelse = self.if_statement(first)
            else:
                orelse = _node(cst.Else, body=self.suite(s.orelse))
        return _node(cst.If, test=self.expr(s.test), body=self.suite(s.body), orelse=orelse)

    def orelse(self, body: list):
        return _node(cst.Else, body=self.suite(body)) if body else None

    def decorators(self, s) -> list:
        return [_node(cst.Decorator, decorator=self.expr(d)) for d in s.decorator_list]

    def parameters(self, a: ast.arguments):
        positional = a.posonlyargs + a.args
        defaults = [None] * (len(positional) - len(a.defaults)) + list(a.defaults)
        params = [self.param(arg, default) for arg, default in zip(positional, defaults)]
        posonly, params = params[:len(a.posonlyargs)], params[len(a.posonlyargs):]
        if a.vararg is not None:
            star_arg = self.param(a.vararg, None, "*")
        elif a.kwonlyargs:
            star_arg = _node(cst.ParamStar)
        else:
            star_arg = cst.MaybeSentinel.DEFAULT
        kwonly = [self.param(arg, default) for arg, default in zip(a.kwonlyargs, a.kw_defaults)]
        return _node(cst.Parameters, params=params, star_arg=star_arg, kwonly_params=kwonly,
                     star_kwarg=None if a.kwarg is None else self.param(a.kwarg, None, "**"),
                     posonly_params=posonly,
                     posonly_ind=_node(cst.ParamSlash) if posonly else cst.MaybeSentinel.DEFAULT)

    def param(self, arg: ast.arg, default, star: str = ""):
        annotation = None if arg.annotation is None else _node(cst.Annotation, annotation=self.expr(arg.annotation))
        return _node(cst.Param, name=_name(arg.arg), annotation=annotation, default=self.optional(default), star=star)

    # ------------------------------------------------------------------ expressions

    def optional(self, e):
        return None if e is None else self.expr(e)

    def expr(self, e):
        return _EXPRESSIONS[type(e)](self, e)

    def e_Name(self, e):
        return _name(e.id)

    def e_Attribute(self, e):
        return _node(cst.Attribute, value=self.expr(e.value), attr=_name(e.attr))

    def e_Call(self, e):
        args = self.positional(e.args)
        if e.keywords:
            keywords = [self.keyword(k) for k in e.keywords]
            if e.args and any(_before(k, e.args[-1]) for k in e.keywords):  # `f(x=1, *rest)`: as written
                order = sorted(zip([*e.args, *e.keywords], [*args, *keywords]), key=lambda pair: _start(pair[0]))
                args = [node for _, node in order]
            else:
                args.extend(keywords)
        return _node(cst.Call, func=self.expr(e.func), args=args)

    def positional(self, values: list) -> list:
        return [_node(cst.Arg, value=self.expr(a.value), star="*") if type(a) is ast.Starred
                else _node(cst.Arg, value=self.expr(a)) for a in values]

    def keyword(self, k: ast.keyword):
        if k.arg is None:
            return _node(cst.Arg, value=self.expr(k.value), star="**")
        return _node(cst.Arg, value=self.expr(k.value), keyword=_name(k.arg))

    def e_Constant(self, e):
        value = e.value
        kind = type(value)
        if value is None or value is True or value is False:
            return _name(repr(value))
        if kind is int:
            return _node(cst.Integer, value=str(value))
        if kind is float:
            return _node(cst.Float, value=repr(value) if value == value and abs(value) != float("inf") else "1e999")
        if kind is complex:
            return _node(cst.Imaginary, value=repr(value.imag) + "j")
        if kind is str or kind is bytes:
            string = _node(cst.SimpleString, value=repr(value))
            if _ONE_STRING.fullmatch(self.segment(e)):
                return string
            return _node(cst.ConcatenatedString, left=string, right=_node(cst.SimpleString, value="''"))
        if value is Ellipsis:
            return _node(cst.Ellipsis)
        raise Unsupported(kind.__name__)

    def e_JoinedStr(self, e):
        return _node(cst.FormattedString, parts=self.formatted_parts(e.values), start='f"', end='"')

    def formatted_parts(self, values: list) -> list:
        parts = []
        for v in values:
            if type(v) is ast.Constant:
                parts.append(_node(cst.FormattedStringText, value=str(v.value).replace("{", "{{").replace("}", "}}")))
            else:
                conversion = None if v.conversion == -1 else chr(v.conversion)
                spec = None if v.format_spec is None else self.formatted_parts(v.format_spec.values)
                parts.append(_node(cst.FormattedStringExpression, expression=self.expr(v.value),
                                   conversion=conversion, format_spec=spec))
        return parts

    def e_Subscript(self, e):
        s = e.slice
        # `x[a, b]` has an item each; `x[(a, b)]` one, a tuple
        items = s.elts if type(s) is ast.Tuple and not self.parenthesized(s) else [s]
        return _node(cst.Subscript, value=self.expr(e.value),
                     slice=[_node(cst.SubscriptElement, slice=self.subscript_item(i)) for i in items])

    def parenthesized(self, e) -> bool:
        code = self.segment(e)
        return code.startswith("(") and code.endswith(")") and not (e.elts and self.segment(e.elts[0]).startswith("("))

    def subscript_item(self, i):
        if type(i) is ast.Slice:
            return _node(cst.Slice, lower=self.optional(i.lower), upper=self.optional(i.upper),
                         step=self.optional(i.step))
        if type(i) is ast.Starred:
            return _node(cst.Index, value=self.expr(i.value), star="*")
        return _node(cst.Index, value=self.expr(i))

    def e_BinOp(self, e):
        return _node(cst.BinaryOperation, left=self.expr(e.left), operator=_operator(_BINARY, e.op),
                     right=self.expr(e.right))

    def e_UnaryOp(self, e):
        return _node(cst.UnaryOperation, operator=_operator(_UNARY, e.op), expression=self.expr(e.operand))

    def e_BoolOp(self, e):
        operator = _operator(_BOOLEAN, e.op)
        node = self.expr(e.values[0])
        for value in e.values[1:]:  # `a and b and c` is ((a and b) and c), as libcst reads it
            node = _node(cst.BooleanOperation, left=node, operator=operator, right=self.expr(value))
        return node

    def e_Compare(self, e):
        targets = [_node(cst.ComparisonTarget, operator=_operator(_COMPARE, op), comparator=self.expr(c))
                   for op, c in zip(e.ops, e.comparators)]
        return _node(cst.Comparison, left=self.expr(e.left), comparisons=targets)

    def e_IfExp(self, e):
        return _node(cst.IfExp, test=self.expr(e.test), body=self.expr(e.body), orelse=self.expr(e.orelse))

    def e_Lambda(self, e):
        return _node(cst.Lambda, params=self.parameters(e.args), body=self.expr(e.body))

    def e_NamedExpr(self, e):
        return _node(cst.NamedExpr, target=self.expr(e.target), value=self.expr(e.value))

    def e_Await(self, e):
        return _node(cst.Await, expression=self.expr(e.value))

    def e_Yield(self, e):
        return _node(cst.Yield, value=self.optional(e.value))

    def e_YieldFrom(self, e):
        return _node(cst.Yield, value=_node(cst.From, item=self.expr(e.value)))

    def elements(self, values: list) -> list:
        return [_node(cst.StarredElement, value=self.expr(v.value)) if type(v) is ast.Starred
                else _node(cst.Element, value=self.expr(v)) for v in values]

    def e_Tuple(self, e):
        return _node(cst.Tuple, elements=self.elements(e.elts))

    def e_List(self, e):
        return _node(cst.List, elements=self.elements(e.elts))

    def e_Set(self, e):
        return _node(cst.Set, elements=self.elements(e.elts))

    def e_Dict(self, e):
        elements = [_node(cst.StarredDictElement, value=self.expr(v)) if k is None
                    else _node(cst.DictElement, key=self.expr(k), value=self.expr(v)) for k, v in zip(e.keys, e.values)]
        return _node(cst.Dict, elements=elements)

    def e_Starred(self, e):
        return _node(cst.StarredElement, value=self.expr(e.value))

    def comp_for(self, generators: list):
        inner = None
        for g in reversed(generators):
            inner = _node(cst.CompFor, target=self.expr(g.target), iter=self.expr(g.iter),
                          ifs=[_node(cst.CompIf, test=self.expr(t)) for t in g.ifs], inner_for_in=inner,
                          asynchronous=_node(cst.Asynchronous) if g.is_async else None)
        return inner

    def e_ListComp(self, e):
        return _node(cst.ListComp, elt=self.expr(e.elt), for_in=self.comp_for(e.generators))

    def e_SetComp(self, e):
        return _node(cst.SetComp, elt=self.expr(e.elt), for_in=self.comp_for(e.generators))

    def e_GeneratorExp(self, e):
        return _node(cst.GeneratorExp, elt=self.expr(e.elt), for_in=self.comp_for(e.generators))

    def e_DictComp(self, e):
        return _node(cst.DictComp, key=self.expr(e.key), value=self.expr(e.value), for_in=self.comp_for(e.generators))


def _start(node) -> tuple:
    return node.lineno, node.col_offset


def _before(a, b) -> bool:
    return _start(a) < _start(b)


# ast expression class -> the method that builds its node
_EXPRESSIONS = {getattr(ast, name[2:]): method for name, method in vars(_Builder).items() if name.startswith("e_")}
