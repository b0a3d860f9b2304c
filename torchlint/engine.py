"""One document -> diagnostics: prefilter, parse, interpret, suppress.

`check` is a pure function of a file's text, its path and the rules, so that a
process pool or a cache can wrap it. Python files and notebooks take the same
path: a notebook's cells are joined into one source first (notebooks.py), then
the trigger tokens are looked for once, in the code (a notebook's: its cells').
libcst is imported only when that source holds a trigger token.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Iterable, Optional

from .api import Event, Finding
from .diagnostic import PARSE_ERROR, Diagnostic, TextFix
from .parsing import parse, parse_accepted, refusal
from .prefilter import has_trigger, tokens_of
from .suppression import Suppressions

__all__ = ["PARSE_ERROR", "Checked", "Diagnostic", "check", "check_source", "needs_parse", "parse"]  # the API


@dataclass
class Checked:
    """What checking one document gave: its sorted diagnostics, and what the
    interpreter gave up for time ({"functions not analysed": 3}, only counts
    above 0): a file with something given up was only partly analysed."""

    diagnostics: list
    gave_up: dict = field(default_factory=dict)
    # the project's other files the result depends on: path -> hash of its bytes
    deps: dict = field(default_factory=dict)


def needs_parse(text: str, rules: Iterable) -> bool:
    """True when some rule may fire in the text: one of its trigger tokens occurs
    (see prefilter.py) and its `could_fire` does not rule the text out."""
    rules = tuple(rules)
    if not has_trigger(text, tokens_of(rules)):  # one scan settles most files
        return False
    return any(has_trigger(text, tuple(rule.triggers)) and rule.could_fire(text) for rule in rules)


def check(text: str, path: str, rules: list, prefiltered: bool = False, parse_with=parse) -> Checked:
    """Check a Python file's or a notebook's text. `prefiltered`: the caller has
    already found a trigger token in this (Python) text. `parse_with`: a parser with
    parse's answers (the language server's reuses the statements an edit left alone)."""
    if path.endswith(".ipynb"):
        return check_notebook(text, path, rules, parse_with)
    if not prefiltered and not needs_parse(text, rules):
        return Checked([])
    return check_python(text, path, rules, parse_with)


def check_notebook(raw: str, path: str, rules: list, parse_with=parse) -> Checked:
    """A notebook: its cells joined, checked as one source, each finding counted in its cell."""
    from .notebooks import code_of, to_cells

    code, source, problems = code_of(raw, path)
    if code is None or not needs_parse(code, rules):
        return Checked(problems if code is None else [])
    checked = check_python(source.text, path, rules, parse_with)
    return Checked(sorted(problems + [to_cells(d, source) for d in checked.diagnostics]), checked.gave_up)


def check_source(text: str, path: str, rules: list) -> list:
    """The sorted diagnostics of one Python source."""
    return check_python(text, path, rules).diagnostics if needs_parse(text, rules) else []


def check_python(text: str, path: str, rules: list, parse_with=parse) -> Checked:
    """Parse, interpret and suppress: the text is known to hold a trigger token."""
    if parse_with is parse:
        refused = refusal(text, path)
        if refused is not None:
            return Checked([refused])
        nothing = _nothing_found_quickly(text, path, rules)
        if nothing is not None:
            return nothing
        parse_with = parse_accepted  # the text is measured already
    module, problem = parse_with(text, path)
    if problem is not None:
        return Checked([problem])
    try:
        diagnostics, gave_up, deps = _interpret(module, rules, text, path)
    except RecursionError:
        return Checked([Diagnostic(path, 1, 1, PARSE_ERROR, "cannot check: the code is nested too deeply")])
    except Exception as exc:  # a bug in torchlint must not stop the run
        return Checked([Diagnostic(path, 1, 1, PARSE_ERROR,
                                   f"internal error while checking this file: {type(exc).__name__}: {exc}",
                                   internal_error=True)])
    suppressions = Suppressions(text)
    kept = [d for d in diagnostics
            if d.code == PARSE_ERROR or d.internal_error or not suppressions.silences(d.code, d.line)]
    return Checked(sorted(kept + _unused_noqa(text, path, rules, suppressions)), gave_up, deps)


def _nothing_found_quickly(text: str, path: str, rules: list) -> Optional[Checked]:
    """Most files hold no finding. Interpreted on the tree CPython's parser gives
    (ast_tree: a quarter of libcst's parse time), a file where nothing is found has
    its answer; None when something is found (or the tree cannot be had, or the
    run fails): then the file is checked on libcst's tree, whose positions and
    code the findings are reported with. The text has passed parsing.refusal."""
    from .ast_tree import build

    module = build(text)
    if module is None:
        return None
    try:
        diagnostics, gave_up, deps = _interpret(module, rules, text, path, quick=True)
    except Exception:  # RecursionError included: libcst's run says what it is
        return None
    if diagnostics:
        return None
    return Checked(sorted(_unused_noqa(text, path, rules, Suppressions(text))), gave_up, deps)


def _unused_noqa(text: str, path: str, rules: list, suppressions: Suppressions) -> list:
    """TL900's findings, when it is among the rules: the noqa codes that silenced nothing."""
    from .unused_noqa import CODE, unused_noqa

    judge = next((rule for rule in rules if rule.code == CODE), None)
    if judge is None:
        return []
    ran = frozenset(rule.code for rule in rules) - {CODE}
    found = unused_noqa(text, path, suppressions, ran, judge.known)
    return [d for d in found if not suppressions.silences(d.code, d.line)]


def _interpret(module, rules: list, text: Optional[str] = None, path: str = "", quick: bool = False) -> tuple:
    """(the diagnostics the rules find in a parsed module, what the interpreter gave up,
    the project's other files read); `quick`: the module and the project's other
    files are ast_tree's, not libcst's."""
    from .infer.walker import Interpreter
    from .project import ProjectView
    from .source import SourceView

    project = ProjectView(path, text or "", quick) if path and not path.startswith("<") and os.path.isfile(path) \
        else None
    source = SourceView(module, project.modules if project is not None else None)
    findings = Findings(source)
    subscriptions: dict = {}
    for rule in rules:
        judge = findings.judge_for(rule)
        for key in rule.subscriptions():
            subscriptions.setdefault(key, []).append(judge)
    interpreter = Interpreter(module, subscriptions, text, project)
    interpreter.run()
    gave_up = {what: n for what, n in interpreter.budget.counts().items() if n}
    diagnostics = findings.diagnostics(path)
    interpreter.close()
    return diagnostics, gave_up, project.deps if project is not None else {}


class Findings:
    """What the rules find in one module, each finding once, keyed by rule and node."""

    def __init__(self, source) -> None:
        self.source = source
        self.found: dict = {}  # (code, id(node)) -> (node, via, code, message, related, fix)
        self.crashed: set = set()
        self.silent: set = set()  # (code, id(node)) of places where the rule did not fire in some context

    def judge_for(self, rule):
        def judge(raw):
            """Judge the event now; return how to record the finding (the interpreter
            records it once it knows the loop round it came from is the fixed point)."""
            event = Event(raw, self.source)
            failed, fix, node = False, None, raw.node
            try:
                finding = rule.check(event)
                if finding is None:  # such a rule's fix holds only where it fires in every context
                    return None if rule.fix_holds_everywhere else self._silence((rule.code, id(raw.node)))
                if isinstance(finding, Finding):
                    message, related, fix = event.render(finding), event.related(finding), finding.fix
                    if finding.at is not None:  # reported where torch fails, not where it was judged
                        node = finding.at.node
                else:  # a rule written for 0.1 returns its message as text
                    message, related = str(finding), event.related(Finding(""))
            except Exception as exc:  # a bug in one rule: report it on its call, go on with the rest
                message, related = f"internal error in {rule.code} ({rule.name}): {type(exc).__name__}: {exc}", []
                failed = True
            key = (rule.code, id(node))

            def record() -> None:
                if failed:
                    self.crashed.add(key)
                # a finding that needs no caller beats one reached through a call
                if key not in self.found or (self.found[key][1] is not None and raw.via is None):
                    self.found[key] = (node, raw.via, rule.code, message, related, fix)
            return record
        return judge

    def _silence(self, key: tuple):
        def record() -> None:
            self.silent.add(key)
        return record

    def diagnostics(self, path: str) -> list:
        results = []
        for key, (node, _via, code, message, related, fix) in self.found.items():
            (line, col), (end_line, end_col) = self.source.span(node)
            places = tuple((*self.source.position(place), note) for place, note in related)
            results.append(Diagnostic(path, line, col, code, message, internal_error=key in self.crashed,
                                      end_line=end_line, end_col=end_col, related=places,
                                      fix=self.text_fix(fix, key in self.silent)))
        return results

    def text_fix(self, fix, silent_elsewhere: bool) -> Optional[TextFix]:
        """A rule's fix as text edits; None when the rule gave none, when one of its parts
        is in another file, or when the same place also runs with values the rule was
        silent on (recorded only for rules whose fixes do not hold everywhere)."""
        if fix is None or silent_elsewhere:
            return None
        if any(self.source.file_of(edit.part.node) is not None for edit in fix.edits):
            return None
        edits = []
        for edit in fix.edits:
            start, end = self.source.span(edit.part.node)
            edits.append((*start, *(start if edit.before else end), edit.text))
        return TextFix(fix.title, fix.safe, tuple(sorted(edits)))
