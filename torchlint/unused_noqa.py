"""TL900 unused-noqa: `# noqa` codes of torchlint's that silence nothing, as ruff's RUF100.

A `# noqa: TL002` left behind after a fix hides the next real finding on its
line, and a code no rule has (`# noqa: TL00`, a typo) silences nothing while
looking as if it did. The check runs where the comments are applied (the
engine), on when TL900 is selected: by its code, a prefix (`TL`) or `ALL`; the
default selection leaves it out, as ruff's does.

Only codes that are torchlint's are judged: those of the rules known to the
run, and any other `TL` code (unknown). A code of another tool (`E501`) and a
bare `# noqa` are left alone; so is a code of a rule that did not run on the
file (not selected), since nothing can tell whether it would fire.
"""

from __future__ import annotations

import difflib
import io
import tokenize

from .api import Rule
from .diagnostic import Diagnostic

CODE = "TL900"
PREFIX = "TL"
UNSILENCEABLE = frozenset({"TL000"})  # a file that cannot be read or parsed is always reported

DOC = """\
## What it does
Finds the codes of torchlint's in `# noqa` comments that silence nothing: a
code whose rule ran on the file and found nothing on that line (or, in a
`# torchlint: noqa: CODE` line, in the whole file), and a `TL` code that no rule
has. Codes of other tools (`E501`) and a bare `# noqa` are left alone.
Selected by its code, `TL` or `ALL`; the default selection leaves it out.

## Why is this bad?
A `# noqa: TL002` that outlived its finding silences the next real one on its
line, and a mistyped code (`# noqa: TL00`) silences nothing while it reads as
if it did.

## Example
```python
y = x.reshape(-1)  # noqa: TL002
z = x.t().view(-1)  # noqa: TL00
```

## Use instead
```python
y = x.reshape(-1)
z = x.t().view(-1)  # noqa: TL002
```
`torchlint --add-noqa` writes the comments for the current findings.
"""


class UnusedNoqa(Rule):
    """Not a check of the interpreter: the engine runs it where it applies the
    comments. `known` holds every rule code of the run, selected or not."""

    code = CODE
    name = "unused-noqa"
    summary = "a `# noqa` code of torchlint's that silences nothing, or that no rule has"
    doc = DOC
    triggers = ("noqa", "NOQA")  # a file without a noqa comment has nothing to report
    severity = "warning"

    def __init__(self, known=()) -> None:
        self.known = frozenset(known) | {CODE} | UNSILENCEABLE

    def check(self, event):  # it subscribes to no event
        return None


def unused_noqa(text: str, path: str, suppressions, ran: frozenset, known: frozenset) -> list:
    """TL900 diagnostics for the noqa codes of `text` that silenced nothing
    (`suppressions` recorded what they silenced) or that no rule has."""
    comments = _comment_starts(text)
    found = []
    for line, codes, file_wide in suppressions.directives():
        if comments.get(line, -1) < 0 or not codes:
            continue
        for code, start in codes:
            if start < comments[line]:  # the `# noqa` sits in a string, not in a comment
                continue
            message = _judge(code, line, file_wide, suppressions, ran, known)
            if message is not None:
                found.append(Diagnostic(path, line, start + 1, CODE, message, end_line=line,
                                        end_col=start + 1 + len(code)))
    return found


def _closest(code: str, codes: list):
    """The known code most like `code` (difflib's measure, its 0.6 cutoff); of codes equally
    alike, the lowest: `TL02` is one digit from TL002 and from TL102, and means the first."""
    scored = [(difflib.SequenceMatcher(None, code, known).ratio(), known) for known in codes]
    best = max((score for score, _ in scored), default=0.0)
    return min((known for score, known in scored if score == best), default=None) if best >= 0.6 else None


def _judge(code: str, line: int, file_wide: bool, suppressions, ran: frozenset, known: frozenset):
    if code not in known:
        if not code.startswith(PREFIX):
            return None  # another tool's
        codes = sorted(known - {CODE} - UNSILENCEABLE)
        completions = [known_code for known_code in codes if known_code.startswith(code)]
        if completions:  # a prefix selects rules in the config, but a noqa takes whole codes
            hint = f"; a noqa takes whole codes: {', '.join(completions)}"
        else:
            close = _closest(code, codes)
            hint = f"; did you mean {close}?" if close else ""
        return f"unknown noqa code {code}: no rule has it, so it silences nothing{hint}"
    if code == CODE or code in UNSILENCEABLE or code not in ran:
        return None
    if file_wide:
        if code in suppressions.used_in_file:
            return None
        return f"unused noqa code {code}: there is no {code} finding in this file"
    if (line, code) in suppressions.used:
        return None
    return f"unused noqa code {code}: there is no {code} finding on this line"


def _comment_starts(text: str) -> dict:
    """{line: column (0-based) where its comment starts}, from Python's tokenizer."""
    starts = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                starts.setdefault(token.start[0], token.start[1])
    except (tokenize.TokenError, SyntaxError, ValueError):
        pass  # what was read so far stands; the engine reports a file that does not parse
    return starts
