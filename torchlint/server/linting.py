"""An editor's buffer -> diagnostics: the command line's engine and per-file settings,
with what does not change between keystrokes kept.

Settings and rules are read once per configuration (until a pyproject.toml
changes); a text already checked under the same settings is not checked again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Optional

from ..config import ConfigError
from ..config_tree import SettingsTree
from ..engine import check
from ..reparse import ReusingParser
from ..rule import RuleLoadError, builtin_rule_dir, load_rules

MEMO_SIZE = 32  # (path, text) results kept: the open buffers and their undo steps


@dataclass
class Linted:
    """The diagnostics of one buffer (per-file-ignores applied), and the crashes of
    rules met while checking it (internal errors: logged, not shown as findings)."""

    diagnostics: list
    crashes: list = field(default_factory=list)
    rules: list = field(default_factory=list)  # the rules the file was checked with
    problem: Optional[str] = None  # a configuration or rule-folder error: nothing was checked


class Linter:
    """Checks buffers by path, each with the settings of its nearest configuration."""

    def __init__(self, root: str) -> None:
        self.root = os.path.abspath(root)
        self._rule_sets: dict = {}  # rule folders -> the rules, loaded once per configuration
        self._tree: Optional[SettingsTree] = None
        self._memo: dict = {}  # (path, text) -> Linted
        self.parser = ReusingParser()  # a keystroke re-parses only the statements it touched

    def reload(self) -> None:
        """A configuration changed: read configurations again when next needed."""
        self._tree = None
        self._rule_sets.clear()  # a rule folder named anew, or a rule edited
        self.files_changed()

    def files_changed(self) -> None:
        """Files on disk changed (a save): the project's other files are read again,
        and a text checked before may now give other findings."""
        from ..project import forget_file_system

        forget_file_system()
        self._memo.clear()

    def settings_for(self, path: str):
        if self._tree is None:
            self._tree = SettingsTree(self.rules_in, cwd=self.root)
        return self._tree.for_path(path)

    def lint(self, path: str, text: str) -> Linted:
        key = (path, text)
        found = self._memo.get(key)
        if found is None:
            found = self._lint(path, text)
            if len(self._memo) >= MEMO_SIZE:
                self._memo.pop(next(iter(self._memo)))
            self._memo[key] = found
        return found

    def rules_in(self, dirs) -> list:
        """The built-in rules, those of the given folders, and TL100 (as the command line has them)."""
        from ..unused_noqa import UnusedNoqa

        key = tuple(dirs)
        if key not in self._rule_sets:
            rules = load_rules([builtin_rule_dir(), *key])
            self._rule_sets[key] = rules + [UnusedNoqa(rule.code for rule in rules)]
        return self._rule_sets[key]

    def rules_for(self, path: str) -> list:
        settings = self.settings_for(path)
        return [rule for rule in self.rules_in(settings.rule_dirs) if rule.code in settings.select]

    def _lint(self, path: str, text: str) -> Linted:
        from ..files import force_excluded

        try:
            settings = self.settings_for(path)
            rules = self.rules_for(path)
        except (ConfigError, RuleLoadError) as exc:
            return Linted([], problem=str(exc))
        if force_excluded(path, settings):
            return Linted([], rules=rules)
        ignored = settings.ignored_codes_for(path)
        diagnostics, crashes = [], []
        for d in check(text, path, rules, parse_with=self.parser.parse).diagnostics:
            if d.internal_error:
                crashes.append(d)
            elif d.code not in ignored:
                diagnostics.append(d)
        return Linted(diagnostics, crashes, rules)
