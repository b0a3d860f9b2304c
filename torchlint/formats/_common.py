"""What several formats need: the name a diagnostic's code goes by."""

from __future__ import annotations

# TL000 belongs to no rule object: the file could not be read, decoded or
# parsed, or torchlint itself failed on it.
FILE_ERROR = "file-error"
INTERNAL_ERROR = "internal-error"


def rule_names(rules: list) -> dict:
    return {rule.code: rule.name for rule in rules}


def name_of(diagnostic, names: dict) -> str:
    """The rule name of a diagnostic, with the two pseudo-rules of TL000."""
    if diagnostic.internal_error:
        return INTERNAL_ERROR
    return names.get(diagnostic.code, FILE_ERROR if diagnostic.code == "TL000" else diagnostic.code)
