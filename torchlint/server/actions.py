"""Code actions: a finding's fix, every safe fix (`source.fixAll.torchlint`), and
"Ignore TLnnn on this line" (a `# noqa` comment, as `--add-noqa` writes it)."""

from __future__ import annotations

from typing import Callable, Optional

from lsprotocol import types

from ..add_noqa import line_with_codes
from ..diagnostic import PARSE_ERROR
from ..fixing import fix_text
from ..unused_noqa import CODE as UNUSED_NOQA
from .positions import span, whole

FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.torchlint"


def fix_action(uri: str, d, shown: types.Diagnostic, lines: list, encoding: str) -> Optional[types.CodeAction]:
    """The finding's own fix: a preferred quickfix when safe; marked and not preferred when not."""
    fix = d.fix
    if fix is None:
        return None
    edits = [types.TextEdit(range=span(lines, line, col, end_line, end_col, encoding), new_text=text)
             for line, col, end_line, end_col, text in fix.edits]
    title = f"{d.code}: {fix.title}" if fix.safe else f"{d.code}: {fix.title} (unsafe fix: check the result)"
    return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[shown],
                            is_preferred=fix.safe, edit=types.WorkspaceEdit(changes={uri: edits}))


def ignore_action(uri: str, d, shown: types.Diagnostic, lines: list, encoding: str) -> Optional[types.CodeAction]:
    """`# noqa: CODE` on the finding's line (added to a noqa comment already there)."""
    if d.code in (PARSE_ERROR, UNUSED_NOQA) or not 0 < d.line <= len(lines):
        return None
    old = lines[d.line - 1]
    new = line_with_codes(old, [d.code])
    if new == old:
        return None
    edit = types.TextEdit(range=span(lines, d.line, 1, d.line, len(old) + 1, encoding), new_text=new)
    return types.CodeAction(title=f"Ignore {d.code} on this line", kind=types.CodeActionKind.QuickFix,
                            diagnostics=[shown], edit=types.WorkspaceEdit(changes={uri: [edit]}))


def fix_all_action(uri: str, text: str, lines: list, check: Callable[[str], list],
                   encoding: str) -> Optional[types.CodeAction]:
    """Every safe fix, applied and checked again until none is left (as `--fix` does)."""
    fixed = fix_text(text, check)
    if fixed.applied == 0 or fixed.text == text:
        return None
    edit = types.TextEdit(range=whole(lines, encoding), new_text=fixed.text)
    return types.CodeAction(title="torchlint: fix all safe fixes", kind=FIX_ALL,
                            edit=types.WorkspaceEdit(changes={uri: [edit]}))


def wanted(kind: str, only: Optional[list]) -> bool:
    """Whether the client asked for this kind (`only` lists kinds and their parents)."""
    return not only or any(kind == k or kind.startswith(f"{k}.") for k in only)
