"""Where a trigger token occurs, read from the text alone, without parsing.

Parsing is most of what a check costs, and a rule's trigger tokens are often
common words of model code (`.to(`, `+=`, `dropout(`). A rule can look closer
at each place its token occurs, through `TextSites`, and say the file has no
place where it could fire: then the file is not parsed for it.

Every answer here errs one way: when the text does not show for certain that a
place cannot be one the rule fires at, the place counts (a string holding a
bracket, a statement spread oddly over lines). A test holds each rule's
`could_fire` to every case the rule finds.
"""

from __future__ import annotations

import re
from typing import Iterator, Optional

_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_OPEN, _CLOSE = "([{", ")]}"
_REACH = 4000  # how far a site looks for its statement's start or its call's end
_TAIL = re.compile(r"[ \t]*(?:#[^\n]*)?(?:\n|;|\Z)")  # nothing after a call but a comment
_LOOP = re.compile(r"(?:async[ \t]+)?(?:for|while)\b")
_SCOPE = re.compile(r"(?:async[ \t]+)?(?:def|class)\b")
_NO_GRAD = re.compile(r"(?:with\b.*\b(?:no_grad|inference_mode)\b|@(?:torch\.)?(?:no_grad|inference_mode)\b)")
_GRAD_MAY_BE_ON = re.compile(r"\b(?:enable_grad|set_grad_enabled)\b|\binference_mode\(\s*(?:mode\s*=\s*)?False")
_HEADER_END = re.compile(r":[ \t]*(?:#.*)?\Z")


class TextSites:
    """The places of one file's text where tokens occur."""

    def __init__(self, text: str) -> None:
        self.text = text

    def of(self, *tokens: str) -> Iterator["Site"]:
        """Each occurrence of the tokens; a token that starts with a letter only at the
        start of a word, as trigger tokens count (see prefilter.py)."""
        text = self.text
        for token in tokens:
            word_start = token[:1].isidentifier()
            at = text.find(token)
            while at != -1:
                if not word_start or at == 0 or text[at - 1] not in _WORD:
                    yield Site(text, at, token)
                at = text.find(token, at + 1)

    def matching(self, pattern: "re.Pattern") -> Iterator["Site"]:
        """Each match of a regular expression, as a site."""
        for match in pattern.finditer(self.text):
            yield Site(self.text, match.start(), match.group())

    def any(self, *tokens: str, where=None) -> bool:
        """Whether some occurrence of the tokens satisfies `where(site)` (any, without it)."""
        return any(where is None or where(site) for site in self.of(*tokens))


class Site:
    """One occurrence of a token: text[at:at + len(token)]."""

    __slots__ = ("text", "at", "token")

    def __init__(self, text: str, at: int, token: str) -> None:
        self.text, self.at, self.token = text, at, token

    @property
    def end(self) -> int:
        return self.at + len(self.token)

    def line_before(self) -> str:
        """The text of the token's line before it."""
        return self.text[self.text.rfind("\n", 0, self.at) + 1:self.at]

    def rest_of_line(self) -> str:
        """The text of the token's line after it."""
        stop = self.text.find("\n", self.end)
        return self.text[self.end:] if stop == -1 else self.text[self.end:stop]

    def receiver(self) -> str:
        """The end of the line before the token that a method token is called on:
        `x.detach().cpu()` for `.numpy(` in `y = x.detach().cpu().numpy()`, with the
        contents of its brackets; '' when the line has none (a continuation)."""
        before = self.line_before()
        i = len(before)
        depth = 0
        while i > 0:
            char = before[i - 1]
            if char in _CLOSE:
                depth += 1
            elif char in _OPEN:
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and not (char in _WORD or char == "."):
                break
            i -= 1
        return before[i:]

    def rest_of_statement(self) -> str:
        """The text after the token to the end of its logical line: brackets opened on
        the line are followed to their close; a comment is left out."""
        text, i = self.text, self.end
        stop = min(len(text), i + _REACH)
        while i < stop:
            char = text[i]
            if char in _OPEN:
                close = _matching_close(text, i)
                if close is None:
                    return text[self.end:stop]
                i = close
            elif char in "\n#;":
                break
            i += 1
        return text[self.end:i]

    def subscript(self) -> Optional[str]:
        """For a token starting with `]`: the text between it and its `[`."""
        open_at = _matching_open(self.text, self.at)
        return None if open_at is None else self.text[open_at + 1:self.at]

    def statement_before(self) -> Optional[str]:
        """The text of the token's statement before it, what brackets hold removed,
        stripped (`if c: total += x` gives 'total', `x[i] += v` 'x[]'); None when its
        start is not near."""
        prefix = _statement_prefix(self.text, self.at)
        return None if prefix is None else prefix.strip()

    def starts_statement(self) -> bool:
        """For a token starting with `]` (`x[i] = v`, `x[i] += v`): False when the text
        shows that the subscript is not a statement's target: it sits inside brackets
        (`def f(m: Optional[T] = None)`) or follows an annotation (`m: Optional[T] = None`)."""
        open_at = _matching_open(self.text, self.at)
        if open_at is None:
            return True
        prefix = _statement_prefix(self.text, open_at, colons_end=False)
        if prefix is None:
            return True
        if prefix == "(":
            return False  # inside brackets: a keyword's default, an element
        head, colon, target = prefix.rpartition(":")
        if colon and is_chain(head.strip()):
            return False  # `name: Type[...] = value`, an annotation
        return is_chain(target.strip())  # `x[i] = v`, `if c: x[i] = v`

    def followed_by(self, text: str) -> bool:
        return self.text.startswith(text, self.end)

    def arguments(self) -> Optional[str]:
        """For a token ending in `(`: the text between its brackets; None when they do
        not close near it."""
        close = _matching_close(self.text, self.end - 1)
        return None if close is None else self.text[self.end:close]

    def first_argument(self) -> Optional[str]:
        """The first argument of a call token's brackets, stripped; None when they do
        not close near it, '' when the call has none."""
        arguments = self.arguments()
        if arguments is None:
            return None
        depth = 0
        for i, char in enumerate(arguments):
            if char in _OPEN:
                depth += 1
            elif char in _CLOSE:
                depth -= 1
            elif char == "," and depth == 0:
                return arguments[:i].strip()
        return arguments.strip()

    def is_bare_call(self) -> bool:
        """False when the text shows that the call the token starts is not a statement
        of its own whose value is dropped: it is assigned, returned, an argument, an
        operand, or called on (`x.to(d).sum()`). Otherwise True."""
        if self.line_before().lstrip().startswith((">>>", "...")):
            return False  # an example in a docstring
        close = _matching_close(self.text, self.end - 1) if self.token.endswith("(") else None
        if close is not None and not _TAIL.match(self.text, close + 1):
            return False
        prefix = _statement_prefix(self.text, self.at)
        return prefix is None or is_chain(prefix.strip())

    def in_loop(self) -> bool:
        """False when the indentation shows no `for` or `while` around the token's line
        inside its function (or module). Otherwise True."""
        for header in _enclosing_headers(self.text, self.at):
            if _LOOP.match(header):
                return True
            if _SCOPE.match(header):
                return False
        return False

    def under_no_grad(self) -> bool:
        """True only when a `with torch.no_grad():` (or `inference_mode`) block or a
        function decorated with one encloses the token, with no block inside it that
        may turn grad mode on again (`enable_grad`, `set_grad_enabled(...)`,
        `inference_mode(False)`): grad mode is surely off there."""
        in_function = False
        for header in _enclosing_headers(self.text, self.at, decorators=True):
            if in_function and not header.startswith("@"):
                return False  # a function's own decorators did not say: a caller decides
            if _GRAD_MAY_BE_ON.search(header):
                return False
            if _NO_GRAD.match(header):
                return True
            in_function = in_function or _SCOPE.match(header) is not None
        return False


def _matching_close(text: str, open_at: int) -> Optional[int]:
    """The index of the bracket closing the one at open_at, skipping simple strings."""
    depth = 0
    i, stop = open_at, min(len(text), open_at + _REACH)
    while i < stop:
        char = text[i]
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth -= 1
            if depth == 0:
                return i
        elif char in "\"'":
            end = text.find(char, i + 1)
            newline = text.find("\n", i + 1)
            if end != -1 and (newline == -1 or end < newline):
                i = end
        elif char == "#":
            newline = text.find("\n", i)
            i = stop if newline == -1 else newline
        i += 1
    return None


def _matching_open(text: str, close_at: int) -> Optional[int]:
    """The index of the bracket opening the one at close_at, on its line or near."""
    depth = 0
    for i in range(close_at, max(-1, close_at - _REACH), -1):
        char = text[i]
        if char in _CLOSE:
            depth += 1
        elif char in _OPEN:
            depth -= 1
            if depth == 0:
                return i
    return None


def _statement_prefix(text: str, at: int, colons_end: bool = True) -> Optional[str]:
    """The statement's text before `at` with what brackets hold removed (`y = f(a).to`
    gives 'y = f()'), '(' when `at` is inside brackets, or None when its start is not
    found near. A colon ends it (`if c: x.to(d)`) unless colons_end is False."""
    parts = []
    depth = 0
    i = at
    floor = max(0, at - _REACH)
    while i > floor:
        char = text[i - 1]
        if char in _CLOSE:
            if depth == 0:
                parts.append(char)
            depth += 1
        elif char in _OPEN:
            if depth == 0:
                return "("  # inside brackets: an argument or an element
            depth -= 1
            if depth == 0:
                parts.append(char)
        elif char in "\"'":
            start = text.rfind(char, 0, i - 1)
            newline = text.rfind("\n", 0, i - 1)
            if start > newline:
                i = start + 1  # step over a string on this line
                if depth == 0:
                    parts.append("s")
        elif depth == 0:
            if char == "\n":
                if not text[:i - 1].endswith("\\"):
                    break
            elif char in ";":
                break
            elif char == ":" and colons_end and text[i - 2:i - 1] not in ("=", ":"):
                break  # `if x: y.to(d)`, `else: ...` (a walrus `:=` is an operator)
            else:
                parts.append(char)
        i -= 1
    else:
        if i > 0:
            return None
    return "".join(reversed(parts))


def _enclosing_headers(text: str, at: int, decorators: bool = False) -> Iterator[str]:
    """The block headers around the line of `at`, innermost first, stripped:
    each a line ending in `:` with less indentation than the block inside it. With
    decorators, a `def`'s decorators follow it."""
    start = text.rfind("\n", 0, at) + 1
    line = text[start:text.find("\n", start) if text.find("\n", start) != -1 else len(text)]
    indent = len(line) - len(line.lstrip())
    end = start - 1
    while end > 0 and indent > 0:
        begin = text.rfind("\n", 0, end) + 1
        line = text[begin:end]
        end = begin - 1
        stripped = line.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        here = len(line) - len(stripped)
        if here >= indent or not _HEADER_END.search(stripped):
            continue  # a statement of an outer block cannot sit above an inner one: a continuation line
        indent = here
        yield stripped
        if decorators and _SCOPE.match(stripped):
            while end > 0:
                begin = text.rfind("\n", 0, end) + 1
                above = text[begin:end].strip()
                if not above.startswith("@"):
                    break
                yield above
                end = begin - 1


_NUMBER = re.compile(r"[-+]?\s*(?:\d[\w.]*(?:[eE][-+]\d+)?|\.\d+\w*)j?\Z")
_STRING = re.compile(r"[rRbBuUfF]{0,2}(?:'[^']*'|\"[^\"]*\")\Z")
_NOT_TENSOR_CALLS = re.compile(r"[-+]?\s*(?:float|int|bool|len|range|math\.\w+|np\.\w+(?:\.\w+)*|numpy\.\w+(?:\.\w+)*)\(")
_CONSTANTS = re.compile(r"[-+]?\s*(?:True|False|None|math\.(?:pi|e|inf|nan|tau))\Z")


def never_a_tensor(expression: str) -> bool:
    """True only for an expression whose text shows it is not a tensor: a number, a
    string, True/False/None, a list, dict or set display, or a call of a Python
    builtin that returns a number or of math/numpy. Its elements may be tensors."""
    expression = expression.strip()
    if not expression:
        return False
    if _NUMBER.match(expression) or _STRING.match(expression) or _CONSTANTS.match(expression):
        return True
    if expression[0] in "[{":
        return _matching_close(expression, 0) == len(expression) - 1
    if expression[0] == "(" and _matching_close(expression, 0) == len(expression) - 1:
        return _top_level_comma(expression[1:-1]) or never_a_tensor(expression[1:-1])  # a tuple
    call = _NOT_TENSOR_CALLS.match(expression)
    if call is not None:
        return _matching_close(expression, call.end() - 1) == len(expression) - 1
    return False


def _top_level_comma(text: str) -> bool:
    depth = 0
    for char in text:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth -= 1
        elif char == "," and depth == 0:
            return True
    return False


def is_chain(expression: str) -> bool:
    """Whether an expression is names, attributes, calls and subscripts only
    (`self.a(x)[0].b`), with no operator, keyword or comma outside its brackets."""
    depth = 0
    for char in expression:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth -= 1
        elif depth == 0 and not (char in _WORD or char == "."):
            return False
    return True
