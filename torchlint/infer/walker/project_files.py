"""The project's other files: modules a file imports, and the files that import it.

Their code runs here from source with nothing reported (each is checked on its
own); the functions they define remember their file, so that a call into one
runs its code as that file's (`self.here`), and only code of the file checked
emits events. Which files exist and how imports resolve is the engine's
(`torchlint.project.ProjectView`, as `self.project`).
"""

from __future__ import annotations

from typing import Callable, Optional

from .. import syntax
from ..state import State
from ..values import YES
from .frame import MAX_IMPORT_DEPTH, MAX_PROJECT_TEXT, MAX_STANDALONE, Frame


class ProjectFiles:
    """The part of the interpreter that reads the project's other files (a mixin of `Interpreter`)."""

    def load_module(self, path: str, wanted: tuple = ()) -> dict:
        """The top-level names of a project file, from its source: its code runs here
        with nothing reported (it is checked on its own), its functions remember it.
        `wanted`: the names the importing file uses; the module's own imports of them
        are followed (re-exports through `__init__`) besides those it uses itself."""
        if self.project is not None and path == self.project.path:
            return dict(self.globals.names)  # imported back by a file that imports it
        if path in self.loaded:
            return self.loaded[path] or {}
        loading = sum(1 for names in self.loaded.values() if names is None)
        # a module that never names torch defines nothing whose torch facts could matter
        # here (a logger, a docstring decorator); a package's __init__ may re-export some
        mentioning = b"" if path.endswith("__init__.py") else b"torch"
        parsed = self.read_project_file(path, mentioning) if loading < MAX_IMPORT_DEPTH else None
        if parsed is None:
            self.loaded[path] = {}
            return {}
        module = parsed.module
        self.file_parsed[path] = parsed
        self.file_wanted[path] = frozenset(wanted)
        self.facts.absorb(self.facts_of(parsed))
        self.loaded[path] = None
        state = self.in_file(path, lambda: self.exec_block(module.body, State(grad=YES), Frame(None, None), top=True))
        self.loaded[path] = names = dict(state.names) if state is not None else {}
        return names

    def run_importers(self) -> None:
        """Run the files that import this one, as their callers: calls of its functions
        there are checked with the values they pass (only findings in this file count),
        and such a function is no entry point."""
        if self.project is None:
            return
        for path in self.project.importers():
            parsed = self.read_project_file(path)
            if parsed is None:
                continue
            self.file_parsed[path] = parsed
            self.project_callers.add(path)
            self.facts.absorb(self.facts_of(parsed), callers=True)
            self.in_file(path, lambda: self.exec_block(parsed.module.body, State(grad=YES), Frame(None, None),
                                                       top=True))
        # of their functions nobody calls, those that call something of this file
        # (by a name it defines at top level), as entry points
        defined = frozenset(self.globals.names)
        budget = MAX_STANDALONE
        for function in list(self.caller_functions.values()):
            if function.node not in self.invoked and budget and syntax.calls_any(function.node, defined):
                budget -= 1
                self.in_file(function.home, lambda: self.analyse_standalone(function))

    def globals_here(self) -> State:
        """The top-level names of the file whose code runs."""
        return self.globals if self.here is None else self.file_globals.get(self.here, State())

    def set_globals(self, state: State) -> None:
        if self.here is None:
            self.globals = state
        else:
            self.file_globals[self.here] = state

    @staticmethod
    def facts_of(parsed) -> syntax.ModuleFacts:
        """The structural facts of a parsed project file, found once per process."""
        facts = parsed.memo.get("facts")
        if facts is None:
            facts = parsed.memo["facts"] = syntax.ModuleFacts(parsed.module, parsed.text)
        return facts

    def read_project_file(self, path: str, mentioning: bytes = b""):
        """A project file parsed (`ParsedFile`), within the budget of what one check reads."""
        read = sum(len(parsed.text) for parsed in self.file_parsed.values())
        if read + self.project.size(path) > MAX_PROJECT_TEXT:
            self.budget.modules_not_read.add(path)
            return None
        return self.project.parse(path, mentioning)

    def uses_name(self, name: str) -> bool:
        """Does the file whose code runs need the definition of an imported `name`? When
        its code calls it (`name(...)`, `name.attr(...)`) or subclasses it, or, for a
        module read for some names, when it is one of those (an `__init__` re-exporting
        them). How deep imports of imports go is bounded by MAX_IMPORT_DEPTH."""
        if self.here in self.file_wanted and name in self.file_wanted[self.here]:
            return True
        uses = self.file_uses.get(self.here)
        if uses is None:
            if self.here is None:
                uses = syntax.used_names(self.facts.text) if self.facts.text is not None else None
            else:
                parsed = self.file_parsed[self.here]
                uses = parsed.memo.get("uses")
                if uses is None:
                    uses = parsed.memo["uses"] = syntax.used_names(parsed.text)
            self.file_uses[self.here] = uses
        return uses is None or name in uses

    def in_file(self, path: Optional[str], work: Callable):
        saved = self.here
        self.here = path
        try:
            return work()
        finally:
            self.here = saved
