"""One source -> diagnostics: prefilter, parse, interpret, suppress.

`check_source` is a pure function of a file's text, its path and the rules, so
that a process pool or a cache can wrap it. libcst is imported only when a file
holds a trigger token.
"""

from __future__ import annotations

from typing import Iterable, Optional

from .diagnostic import PARSE_ERROR, Diagnostic
from .parsing import parse
from .prefilter import has_trigger, tokens_of
from .suppression import Suppressions

__all__ = ["PARSE_ERROR", "Diagnostic", "check_source", "needs_parse", "parse"]  # the engine's API


def needs_parse(text: str, rules: Iterable) -> bool:
    """True when some rule's trigger token occurs in the text (see prefilter.py)."""
    return has_trigger(text, tokens_of(rules))


def check_source(text: str, path: str, rules: list) -> list:
    """The sorted diagnostics of one file's text."""
    if not needs_parse(text, rules):
        return []
    module, problem = parse(text, path)
    if problem is not None:
        return [problem]
    try:
        diagnostics = _interpret(module, rules, text, path)
    except RecursionError:
        return [Diagnostic(path, 1, 1, PARSE_ERROR, "cannot check: the code is nested too deeply")]
    except Exception as exc:  # a bug in torchlint must not stop the run
        return [Diagnostic(path, 1, 1, PARSE_ERROR,
                           f"internal error while checking this file: {type(exc).__name__}: {exc}",
                           internal_error=True)]
    suppressions = Suppressions(text)
    return sorted(d for d in diagnostics
                  if d.code == PARSE_ERROR or d.internal_error or not suppressions.silences(d.code, d.line))


def _interpret(module, rules: list, text: Optional[str] = None, path: str = "") -> list:
    from .infer.events import SourceView
    from .infer.walker import Interpreter

    source = SourceView(module)
    found: dict = {}
    crashed: set = set()

    def subscriber(rule):
        def on_event(event):
            """Judge the event now; return how to record the finding (the interpreter
            records it once it knows the loop round it came from is the fixed point)."""
            failed = False
            try:
                message = rule.check(event)
                related = rule.related(event) if message is not None else []
            except Exception as exc:  # a bug in one rule: report it on its call, go on with the rest
                message, related = f"internal error in {rule.code} ({rule.name}): {type(exc).__name__}: {exc}", []
                failed = True
            if message is None:
                return None
            key = (rule.code, id(event.name_node))

            def record() -> None:
                if failed:
                    crashed.add(key)
                # a finding that needs no caller beats one reached through a call
                if key not in found or (found[key][1] is not None and event.via is None):
                    found[key] = (event.name_node, event.via, rule.code, message, related)
            return record
        return on_event

    subscriptions: dict = {}
    for rule in rules:
        callback = subscriber(rule)
        for key in rule.subscriptions():
            subscriptions.setdefault(key, []).append(callback)
    Interpreter(module, subscriptions, source, text).run()
    results = []
    for key, (node, _via, code, message, related) in found.items():
        (line, col), (end_line, end_col) = source.span(node)
        places = tuple((*source.position(place), note) for place, note in related)
        results.append(Diagnostic(path, line, col, code, message, internal_error=key in crashed,
                                  end_line=end_line, end_col=end_col, related=places))
    return results
