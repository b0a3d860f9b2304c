"""What several formats need: the name a diagnostic's code goes by, and its severity."""

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


ERROR, WARNING = "error", "warning"


def severity_of(rule) -> str:
    """"error" for a pitfall that raises, "warning" for one that warns or silently
    misbehaves: a rule's own `severity`, else what its runtime repro shows (a
    warning class such as UserWarning is a warning)."""
    declared = getattr(rule, "severity", None)
    if declared in (ERROR, WARNING):
        return declared
    repro = getattr(rule, "repro", None)
    failure = getattr(repro, "error", "") or ""
    return WARNING if failure.endswith("Warning") else ERROR


def severities(rules: list) -> dict:
    return {rule.code: severity_of(rule) for rule in rules}


def severity_in(diagnostic, by_code: dict) -> str:
    """A diagnostic's severity: its rule's; a file error or an internal error is an error."""
    if diagnostic.internal_error:
        return ERROR
    return by_code.get(diagnostic.code, ERROR)
