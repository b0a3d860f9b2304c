"""Deciding without parsing that no rule can fire in a file.

A rule's trigger tokens are strings whose absence proves it cannot fire. A
token that starts with a letter counts only at the start of a word:
"tensor(" matches `torch.tensor(` and `tensor(`, not `to_tensor(`. This runs
on every file of every run, so it uses `find` (a fast scan) rather than a
regular expression with look-behind, which cannot skip ahead (about 25 times
slower on a real tree); it works the same on bytes, before any decoding.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Union

_WORD = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def tokens_of(rules: Iterable) -> tuple:
    return tuple(sorted({token for rule in rules for token in rule.triggers}))


@lru_cache(maxsize=256)
def _prepared(tokens: tuple) -> tuple:
    """(token as str, as bytes, whether it must start a word) for each token."""
    return tuple((t, t.encode("utf-8"), t[:1].isidentifier()) for t in tokens)


def has_trigger(text: Union[str, bytes], tokens: tuple) -> bool:
    as_bytes = isinstance(text, bytes)
    for token_str, token_bytes, word_start in _prepared(tokens):
        token = token_bytes if as_bytes else token_str
        at = text.find(token)
        while at != -1:
            if not word_start or at == 0 or not _is_word_char(text[at - 1]):
                return True
            at = text.find(token, at + 1)
    return False


def _is_word_char(char) -> bool:
    if isinstance(char, int):  # an item of bytes
        return char in _WORD or char >= 0x80  # a non-ASCII byte may be part of a Unicode name
    return char.isalnum() or char == "_"
