"""Source text -> libcst module, safely: never a traceback, never a crashed process.

libcst's native parser recurses per nesting level and overflows its stack on
code nested thousands deep, which kills the process; so nesting is measured
first with a rough lexer, and the parse runs on a thread with a large stack.
The lexer also places syntax errors where CPython would.
"""

from __future__ import annotations

import os
import queue
import re
import threading
from typing import Optional

from .diagnostic import PARSE_ERROR, Diagnostic

# Checking a file takes about 340 bytes of memory per character of source (a
# 2.17 MB hand-written web backend: 740 MB, 8 s), and a file dense with tensor
# code takes seconds per 100 KB: past this size (generated code, and a rare
# hand-written file) a file is reported, not checked, instead of exhausting the
# machine's memory.
MAX_CHARS = 2_000_000
# CPython's own limit ("too many nested parentheses"). libcst has none: its
# native parser recurses per bracket and, a thousand or so deep, overflows its
# stack and kills the process, which no `except` can catch.
MAX_BRACKETS = 200
# The same crash waits for long chains of operators, calls, strings and
# `elif`s (and parsing time grows with the square of their length). Counted
# crudely (every operator of `a*b**2 + ...` adds one), real code stays below
# a few thousand; past this it is reported without being parsed.
MAX_NESTING = 10_000
# libcst parses on a thread with a stack this large, which holds the nesting
# allowed above on every platform (a main thread has 8 MB on Linux, 1 MB on
# Windows). It is address space reserved, not memory used.
PARSER_STACK = 64 * 1024 * 1024


def parse(text: str, path: str = "") -> tuple:
    """(module, None), or (None, a TL000 diagnostic) when the text cannot or must not be parsed.

    Never raises, whatever the text, and never lets libcst crash the process.
    """
    refused = refusal(text, path)
    if refused is not None:
        return None, refused
    return parse_accepted(text, path)


def parse_accepted(text: str, path: str = "") -> tuple:
    """parse() of a text `refusal` has already let through."""
    import libcst as cst

    try:
        return _on_parser_stack(parse_module, text), None
    except cst.ParserSyntaxError as exc:
        line, col = _error_position(text, exc.message or "")
        return None, Diagnostic(path, line, col, PARSE_ERROR, f"cannot parse: {_first_line(exc.message)}")
    except cst.CSTValidationError as exc:  # parsed, but not Python: `"a" b"b"`
        line, col = _error_position(text, str(exc))
        return None, Diagnostic(path, line, col, PARSE_ERROR, f"cannot parse: {_first_line(str(exc))}")
    except RecursionError:
        return None, Diagnostic(path, 1, 1, PARSE_ERROR, "cannot parse: the code is nested too deeply")
    except MemoryError:
        return None, Diagnostic(path, 1, 1, PARSE_ERROR, "cannot parse: out of memory")
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # a bug in libcst (a Rust panic is a BaseException) must not stop the run
        return None, Diagnostic(path, 1, 1, PARSE_ERROR, f"internal error in libcst while parsing this file: "
                                f"{type(exc).__name__}: {_first_line(str(exc))}", internal_error=True)


def refusal(text: str, path: str = "") -> Optional[Diagnostic]:
    """The TL000 diagnostic of a text that must not be given to a parser (too large,
    nested too deeply), or None."""
    if len(text) > MAX_CHARS:
        return Diagnostic(path, 1, 1, PARSE_ERROR, f"cannot check: the file is too large "
                          f"({len(text):,} characters; the limit is {MAX_CHARS:,})")
    problem = _nesting_problem(text)
    if problem is not None:
        return Diagnostic(path, problem[0], problem[1], PARSE_ERROR, problem[2])
    return None


def parse_module(text: str):
    """libcst's parse_module, without the checks each node's constructor runs.

    Those checks guard trees built by hand; on parsed text, libcst's native
    grammar already refuses what they would, all but one (a string joined to
    bytes, still checked). They cost 13-17% of the parse (process time of
    parsing every third file the scale tree sends to the parser, with and
    without them). The constructor is swapped only while this thread parses;
    a node built elsewhere meanwhile (a fix) is merely left unchecked."""
    import libcst as cst

    joined = cst.ConcatenatedString

    def check_only_joined_strings(node) -> None:  # run for every node built: kept to one test
        if type(node) is joined:
            node._validate()  # `"a" b"b"`: parsed, but not Python

    checked_init = cst.CSTNode.__post_init__
    cst.CSTNode.__post_init__ = check_only_joined_strings
    try:
        return cst.parse_module(text)
    finally:
        cst.CSTNode.__post_init__ = checked_init


def _on_parser_stack(function, *args):
    """function(*args) on a thread with a stack of PARSER_STACK bytes, so that
    how deep libcst can parse does not depend on the platform."""
    global _parser_thread
    if _parser_thread is None:
        try:
            threading.stack_size(threading.stack_size())
        except (ValueError, RuntimeError):  # a platform that cannot size stacks: parse here
            return function(*args)
        # a thread that cannot start (a process or memory limit) raises: that file
        # is reported, where parsing on a small stack could kill the whole run
        _parser_thread = _ParserThread()
    return _parser_thread.run(function, *args)


class _ParserThread:
    """One long-lived thread with a large stack that runs the calls given to it:
    a new thread per file cost about 6 ms a file (parsing timm's files took 18%
    longer than on the calling thread; with one thread kept, 4% longer)."""

    def __init__(self) -> None:
        self.requests: queue.SimpleQueue = queue.SimpleQueue()
        previous = threading.stack_size(PARSER_STACK)
        try:
            threading.Thread(target=self._serve, name="torchlint-parser", daemon=True).start()
        finally:
            threading.stack_size(previous)

    def _serve(self) -> None:
        while True:
            function, args, outcome, done = self.requests.get()
            try:
                outcome["value"] = function(*args)
            except BaseException as exc:  # raised again in the calling thread
                outcome["error"] = exc
            finally:
                done.set()
            del function, args, outcome, done  # do not keep the last tree alive while waiting

    def run(self, function, *args):
        outcome: dict = {}
        done = threading.Event()
        self.requests.put((function, args, outcome, done))
        done.wait()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]


_parser_thread: Optional[_ParserThread] = None


def _forget_parser_thread() -> None:
    global _parser_thread
    _parser_thread = None  # a forked child has no copy of the thread: it starts its own


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_parser_thread)


# A rough Python lexer, enough to tell code from strings and comments: it tells
# how deep the code nests before libcst is trusted with it, and where a syntax
# error is. Alternatives are tried in order, so a `#` or a bracket inside a
# string belongs to the string; a string that does not end is a lexeme of its own.
_PREFIX = "[rRbBuUfFtT]{0,2}"
_KEYWORDS = r"(?:and|or|not|if|else|lambda|await|in|is)"
_LEXEME_KINDS = (
    ("string", _PREFIX + r"""(?:'''(?:\\.|[^\\])*?'''|\"\"\"(?:\\.|[^\\])*?\"\"\")"""),
    ("open_triple", _PREFIX + r"""(?:'''|\"\"\")"""),
    ("string1", _PREFIX + r"""(?:'(?:\\(?:\r\n|.)|[^\\'\r\n])*'|"(?:\\(?:\r\n|.)|[^\\"\r\n])*")"""),
    ("quote", _PREFIX + r"""['"]"""),
    ("comment", r"#[^\r\n]*"),
    ("continuation", r"\\(?:\r\n|\r|\n)"),
    ("newline", r"\r\n|\r|\n"),
    ("space", r"[ \t\f]+"),
    ("number", r"\.?\d(?:[eE][-+]|[\w.])*"),
    ("keyword", rf"\b{_KEYWORDS}\b"),
    ("elif", r"\belif\b"),
    ("word", r"\w+"),
    ("open", r"[(\[{]"),
    ("close", r"[)\]}]"),
    ("separator", r"[,;]|=(?!=)"),  # `a = b = c`, `f(a=1)`: side by side, not nested
    ("operator", r"\*\*=?|//=?|<<=?|>>=?|->|:=|\.\.\.|[-+*/%@&|^<>=!:]=?|[~.]"),
    ("other", r"."),
)
_LEXEME = re.compile("|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _LEXEME_KINDS), re.DOTALL)
# The lexemes that can change how deep code nests, each with the run of those that
# cannot before it (space, comments, numbers, names that are not keywords nor a
# string's prefix) taken in the same match: half the matches for the Python loop.
# `elif` is one of those where there are too few of them for a chain to be too long.
_QUIET = frozenset({"comment", "continuation", "space", "number", "word", "elif"})
_QUIET_RUN = "(?:" + "|".join(
    rf"(?!{_KEYWORDS}\b|{_PREFIX}['\"])\w+" if kind == "word" else pattern
    for kind, pattern in _LEXEME_KINDS if kind in _QUIET and kind != "elif") + ")*"
_DEPTH_LEXEME = re.compile(_QUIET_RUN + "(?:" + "|".join(
    f"(?P<{kind}>{pattern})" for kind, pattern in _LEXEME_KINDS if kind not in _QUIET) + ")?", re.DOTALL)
# what adds a level to an expression: a + b, not a, a.b, "a" "b", a if b else c
_LINKS = frozenset({"operator", "keyword", "string", "string1"})
_BLANK = frozenset({"comment", "continuation", "newline", "space"})
_PAIRS = {")": "(", "]": "[", "}": "{"}
_BREAK = re.compile(r"\r\n|\r|\n")  # the line ends of Python's tokenizer and libcst
_DIGITS = r"\d(?:_?\d)*"
_NUMBER = re.compile(rf"0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|"
                     rf"(?:{_DIGITS}(?:\.(?:{_DIGITS})?)?|\.{_DIGITS})(?:[eE][-+]?{_DIGITS})?[jJ]?")


def _nesting_problem(text: str) -> Optional[tuple]:
    """(line, col, message) when the code nests deeper than libcst can safely parse."""
    brackets: list = []  # per open bracket, the depth in front of it
    depth = 0  # how deep the expression read so far nests: brackets and links
    # chains of `elif` are followed only where there are enough of them to be too long
    track_elifs = text.count("elif") > MAX_NESTING
    elifs: dict = {}  # indentation -> length of the `elif` chain there (libcst nests each in the last)
    line_start = 0  # where the statement being read began its line; None once its first lexeme is read
    for match in (_LEXEME if track_elifs else _DEPTH_LEXEME).finditer(text):
        kind = match.lastgroup
        if kind is None:  # the text's end after quiet lexemes
            continue
        if kind in _BLANK:
            if kind == "newline" and not brackets:
                depth, line_start = 0, match.end()
            continue
        if track_elifs and line_start is not None:
            column, line_start = match.start() - line_start, None
            elifs = {c: n for c, n in elifs.items() if c < column or (c == column and kind == "elif")}
            if kind == "elif":
                elifs[column] = elifs.get(column, 0) + 1
                if elifs[column] > MAX_NESTING:
                    return (*_position(text, match.start()), "cannot check: the code is nested too deeply")
        if kind in _LINKS:
            depth += 1
        elif kind == "open":
            if len(brackets) == MAX_BRACKETS:
                return (*_position(text, match.start(kind)), "cannot parse: too many nested parentheses")
            depth += 1
            brackets.append(depth)
        elif kind == "close":
            if brackets:
                depth = brackets.pop()
        elif kind == "separator":
            depth = brackets[-1] if brackets else 0
        if depth > MAX_NESTING:
            return (*_position(text, match.start(kind)), "cannot check: the code is nested too deeply")
    return None


def _error_position(text: str, message: str) -> tuple:
    """The 1-based (line, col) of a libcst syntax error.

    libcst's raw_line is one past the line its message names (or its last line,
    column 0, when that runs off the end), and the place the message names is
    the token after the unexpected one (the parser fails a token's test after
    taking it): the unexpected token is the last one before that place.
    Tokenizer errors come with no position: the first lexeme of the kind the
    message names is taken.
    """
    named = re.match(r"parser error: error at (\d+):(\d+)", message)
    if named is not None:
        target = _offset(text, int(named.group(1)), int(named.group(2)))
        last = None
        for match in _LEXEME.finditer(text):
            if match.start() >= target:
                break
            if match.lastgroup not in _BLANK:
                last = match
        # where a statement could end (EOF, DEDENT expected), a line's first token
        # follows an unexpected INDENT, a token the lexer does not see
        starts_line = last is None or _BREAK.search(text, last.end(), target) is not None
        if last is None or (starts_line and re.search(r"\b(?:EOF|DEDENT)\b", message)):
            return _position(text, target)
        return _position(text, last.start())
    anomaly = _first_anomaly(text, message)
    return _position(text, anomaly) if anomaly is not None else (1, 1)


def _first_anomaly(text: str, message: str) -> Optional[int]:
    """The offset of the first lexeme that explains a tokenizer error, if found."""
    if "unterminated" in message:
        wanted = {"open_triple", "quote"}
    elif "unmatched" in message or "does not match" in message:
        wanted = {"close"}
    elif "dedent" in message:
        wanted = {"dedent"}
    elif "valid character" in message or "valid identifier" in message or "line continuation" in message:
        wanted = {"other"}
    elif "literal" in message:
        wanted = {"number"}
    elif "concatenate string and bytes" in message:
        return _mixed_bytes(text)
    else:
        return None
    opened: list = []
    indents = [0]
    line_start = 0  # as in _nesting_problem
    for match in _LEXEME.finditer(text):
        kind = match.lastgroup
        if kind in _BLANK:
            if kind == "newline" and not opened:
                line_start = match.end()
            continue
        if line_start is not None and "dedent" in wanted:
            column = match.start() - line_start
            if column > indents[-1]:
                indents.append(column)
            while column < indents[-1]:
                indents.pop()
            if column != indents[-1]:
                return match.start()
        line_start = None
        if kind == "open":
            opened.append(match.group())
        elif kind == "close":
            if (not opened or opened.pop() != _PAIRS[match.group()]) and "close" in wanted:
                return match.start()
        elif kind in wanted and (kind != "number" or not _NUMBER.fullmatch(match.group())):
            return match.start()
    return None


def _mixed_bytes(text: str) -> Optional[int]:
    """The offset of the first string of `"a" b"b"`: strings side by side, bytes and not."""
    run: list = []  # are the strings side by side so far bytes
    start, depth = 0, 0
    for match in _LEXEME.finditer(text):
        kind = match.lastgroup
        if kind in ("string", "string1"):
            start = match.start() if not run else start
            run.append("b" in re.match(r"\w*", match.group()).group().lower())
            if len(set(run)) > 1:
                return start
        elif kind not in _BLANK or (kind == "newline" and depth == 0):
            run = []  # in brackets, strings on lines of their own are side by side too
            depth = max(0, depth + (kind == "open") - (kind == "close"))
    return None


def line_starts(text: str) -> list:
    """The offset where each line of the text starts, its lines ended as Python's
    tokenizer and libcst end them."""
    return [0, *(m.end() for m in _BREAK.finditer(text))]


def _line_offset(text: str, offset: int) -> int:
    """Where the line holding `offset` starts."""
    return max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1


def _position(text: str, offset: int) -> tuple:
    """The 1-based (line, col) of an offset."""
    return len(_BREAK.findall(text, 0, offset)) + 1, offset - _line_offset(text, offset) + 1


def _offset(text: str, line: int, col: int) -> int:
    """The offset of a 1-based line and 0-based column."""
    start = 0
    for number, match in enumerate(_BREAK.finditer(text), start=2):
        if number > line:
            break
        start = match.end()
    return min(start + col, len(text))


def _first_line(message: Optional[str]) -> str:
    text = (message or "syntax error").strip().splitlines()[0]
    # the native parser names its stage and repeats a position of its own; the
    # diagnostic has a better one
    return re.sub(r"^(?:parser error: error at \d+:\d+: |tokenizer error: )", "", text)
