"""Parsing an edited text again by reusing the statements an edit did not touch.

libcst has no incremental parser, and parsing is most of what one keystroke
costs on a long file. An edit changes a few top-level statements; the others are
the same text, and, at the top level, parse to the same nodes whatever comes
before or after them. So only the text between the last unchanged statement
before the edit and the first unchanged one after it is parsed, as a module of
its own with the whole file's indentation and newline, and its statements are
spliced between the old ones.

That holds only where the text around the seam cannot attach elsewhere: libcst
hands an indented comment after a block to that block, and the lines at the top
of a file to the module's header. So every line around a seam must be blank or a
comment in column 0, the first indented block and the encoding cookie must lie
before the edit, and the spliced part must parse cleanly on its own. Otherwise,
and for a text that does not parse, the whole text is parsed as before
(`parsing.parse`); the tests compare the two on many edits of real files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .parsing import MAX_CHARS, _nesting_problem, _on_parser_stack, parse, parse_module


@dataclass(frozen=True)
class _Parsed:
    text: str
    module: object
    spans: tuple  # (start, end) offset of each top-level statement, its leading lines included
    first_block: int  # index of the first statement with an indented block (len(body): none)


class ReusingParser:
    """`parse(text, path)` as parsing.parse, remembering the last tree of each path."""

    KEEP = 16  # paths remembered: the open documents

    def __init__(self) -> None:
        self._last: dict = {}  # path -> _Parsed
        self.reused = 0  # parses answered by splicing (for the tests and the benchmark)

    def parse(self, text: str, path: str = "") -> tuple:
        previous = self._last.get(path)
        module = None
        if previous is not None and previous.text != text and len(text) <= MAX_CHARS:
            module = _spliced(previous, text)
            if module is not None:
                self.reused += 1
                self._remember(path, module)
                return module.module, None
        if previous is not None and previous.text == text:
            return previous.module, None
        tree, problem = parse(text, path)
        if tree is not None:
            remembered = _record(text, tree)
            if remembered is not None:
                self._remember(path, remembered)
        return tree, problem

    def _remember(self, path: str, parsed: _Parsed) -> None:
        self._last.pop(path, None)
        if len(self._last) >= self.KEEP:
            self._last.pop(next(iter(self._last)))
        self._last[path] = parsed


def _record(text: str, module) -> Optional[_Parsed]:
    """The statements' places in the text (None when they do not add up to it)."""
    header = "".join(module.code_for_node(line) for line in module.header)
    at, spans = len(header), []
    for statement in module.body:
        end = at + len(module.code_for_node(statement))
        spans.append((at, end))
        at = end
    footer = "".join(module.code_for_node(line) for line in module.footer)
    if at + len(footer) != len(text):
        return None
    return _Parsed(text, module, tuple(spans), _first_block(module.body))


def _first_block(body) -> int:
    import libcst as cst

    return next((index for index, statement in enumerate(body)
                 if isinstance(getattr(statement, "body", None), cst.IndentedBlock)), len(body))


def _common_prefix(a: str, b: str) -> int:
    low, high = 0, min(len(a), len(b))
    while low < high:  # by halves: str comparison of slices runs at C speed
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    low, high = 0, min(len(a), len(b), limit)
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle:] == b[len(b) - middle:]:
            low = middle
        else:
            high = middle - 1
    return low


def _flush_left(lines) -> bool:
    """Blank lines and comments in column 0 only: nothing a block before could claim."""
    return all(line.whitespace.value == "" for line in lines)


def _spliced(old: _Parsed, text: str) -> Optional[_Parsed]:
    import libcst as cst

    prefix = _common_prefix(old.text, text)
    suffix = _common_suffix(old.text, text, min(len(old.text), len(text)) - prefix)
    body, spans = old.module.body, old.spans
    kept_before = sum(1 for _start, end in spans if end <= prefix)
    kept_after = next((index for index, (start, _end) in enumerate(spans)
                       if index >= kept_before and start >= len(old.text) - suffix), len(spans))
    if kept_before == 0 or kept_after == len(spans) or old.first_block >= kept_before:
        return None
    begin = spans[kept_before - 1][1]
    if old.text.count("\n", 0, begin) < 2:  # the encoding cookie may be on line 1 or 2
        return None
    shift = len(text) - len(old.text)
    end = spans[kept_after][0] + shift
    if end <= begin or not _flush_left(body[kept_after].leading_lines):
        return None
    chunk = text[begin:end]
    # the nesting lexer starts afresh at every top-level statement, and the text
    # around the part passed it before: the part alone decides
    if _nesting_problem(chunk) is not None:
        return None
    try:
        part = _on_parser_stack(parse_module, chunk)
    except Exception:  # a syntax error, or anything odd: the whole text tells
        return None
    # a block's indent is stored only where it differs from the module's, which the
    # file's first block decides: the part must have found the same one
    if part.default_indent != old.module.default_indent or part.default_newline != old.module.default_newline:
        return None
    if not part.body or part.footer or not part.has_trailing_newline or \
            not _flush_left(part.header) or not _flush_left(part.body[0].leading_lines):
        return None
    first = part.body[0].with_changes(leading_lines=(*part.header, *part.body[0].leading_lines))
    new_body = (*body[:kept_before], first, *part.body[1:], *body[kept_after:])
    module = old.module.with_changes(body=new_body)
    new_spans = list(spans[:kept_before])
    at = begin
    for index, statement in enumerate(part.body):
        if len(part.body) == 1 and "\\" not in chunk:
            length = len(chunk)  # one statement is the whole part: no code to generate
        else:
            # generated, not assumed: libcst drops a few odd characters (a lone `\` line),
            # and the places of the statements must be those of the text
            length = len(part.code_for_node(statement))
            if index == 0:
                length += len("".join(part.code_for_node(line) for line in part.header))
        new_spans.append((at, at + length))
        at += length
    if at != end:
        return None
    new_spans.extend((start + shift, stop + shift) for start, stop in spans[kept_after:])
    return _Parsed(text, module, tuple(new_spans), old.first_block)
