"""The language server: LSP messages in, the engine's findings out (pygls over stdio)."""

from __future__ import annotations

import asyncio
import os
import traceback
from dataclasses import dataclass, field
from typing import Optional
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from . import actions
from .describe import hover_text, to_lsp
from .linting import Linter
from .notebook import as_ipynb, cell_uris
from .positions import lines_of

CONFIG_NAME = "pyproject.toml"


@dataclass
class Shown:
    """What was published for one document (a file, or a notebook's cell): the
    engine's diagnostics beside the LSP ones, for hover and code actions."""

    path: str
    text: str
    pairs: list = field(default_factory=list)  # [(torchlint Diagnostic, lsp Diagnostic)]
    rules: list = field(default_factory=list)
    notebook: bool = False


class TorchlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("torchlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
                         notebook_document_sync=types.NotebookDocumentSyncOptions(
                             notebook_selector=[types.NotebookDocumentFilterWithCells(
                                 notebook="*", cells=[types.NotebookCellLanguage(language="python")])],
                             save=True))
        self.linter: Optional[Linter] = None
        self.shown: dict = {}  # uri -> Shown
        self.pending: set = set()  # documents (and notebooks) changed and not linted yet
        # open documents and notebooks by their uris as the client wrote them (pygls keys
        # its own by the unquoted uri: `a%20b` is `a b` there, never in what we publish)
        self.open_documents: set = set()
        self.open_notebooks: set = set()
        self.flushing = False
        self.logged: set = set()  # crash and configuration messages already sent

    # ---------------------------------------------------------------- linting

    def ensure_linter(self) -> Linter:
        if self.linter is None:
            root = self.workspace.root_path if self.workspace.root_path else os.getcwd()
            self.linter = Linter(root)
        return self.linter

    @property
    def encoding(self) -> str:
        return self.workspace.position_encoding or types.PositionEncodingKind.Utf16

    def log(self, kind: types.MessageType, message: str, once: bool = True) -> None:
        if once and message in self.logged:
            return
        self.logged.add(message)
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def lint_uri(self, uri: str) -> None:
        """Check the document (or notebook) and publish; a failure is logged, never raised."""
        try:
            notebook = self.workspace.get_notebook_document(notebook_uri=uri)
            if notebook is not None:
                self._lint_notebook(notebook)
            elif unquote(uri) in self.workspace.text_documents:
                self._lint_document(uri)
        except Exception:  # a bug in torchlint: the editor keeps its server
            self.log(types.MessageType.Error, f"torchlint: checking {uri} failed:\n{traceback.format_exc()}",
                     once=False)

    def _report(self, path: str, linted) -> None:
        if linted.problem:
            self.log(types.MessageType.Error, f"torchlint: {linted.problem}")
        for crash in linted.crashes:
            self.log(types.MessageType.Error, f"torchlint: {crash.concise()}")

    def _lint_document(self, uri: str) -> None:
        document = self.workspace.get_text_document(uri)
        path, text = to_fs_path(uri) or uri, document.source
        linted = self.ensure_linter().lint(path, text)
        self._report(path, linted)
        lines = lines_of(text)
        pairs = [(d, to_lsp(d, lines, linted.rules, self.encoding, lambda _i: (uri, lines)))
                 for d in linted.diagnostics]
        self.shown[uri] = Shown(path, text, pairs, linted.rules)
        self._publish(uri, [shown for _d, shown in pairs], document.version)

    def _lint_notebook(self, notebook: types.NotebookDocument) -> None:
        path = to_fs_path(notebook.uri) or notebook.uri
        if not path.endswith(".ipynb"):
            path += ".ipynb"  # the engine reads the text as a notebook by its name
        documents = self.workspace.text_documents

        def text_of(uri: str) -> Optional[str]:
            document = documents.get(unquote(uri))
            return document.source if document is not None else None

        linted = self.ensure_linter().lint(path, as_ipynb(notebook, text_of))
        self._report(path, linted)
        uris = cell_uris(notebook)
        lines = {uri: lines_of(text_of(uri) or "") for uri in uris}
        found: dict = {uri: [] for uri in uris}
        for d in linted.diagnostics:
            cell = getattr(d, "cell", 0)
            if not 0 < cell <= len(uris):
                continue
            uri = uris[cell - 1]

            def place(index, d=d, uri=uri):
                cells = getattr(d, "related_cells", ())
                other = uris[cells[index] - 1] if index < len(cells) and 0 < cells[index] <= len(uris) else uri
                return other, lines[other]

            found[uri].append((d, to_lsp(d, lines[uri], linted.rules, self.encoding, place)))
        for uri, pairs in found.items():
            self.shown[uri] = Shown(path, text_of(uri) or "", pairs, linted.rules, notebook=True)
            self._publish(uri, [shown for _d, shown in pairs], None)

    def _publish(self, uri: str, diagnostics: list, version: Optional[int]) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))

    def clear(self, uri: str) -> None:
        self.shown.pop(uri, None)
        self.pending.discard(uri)
        self._publish(uri, [], None)

    def relint_all(self) -> None:
        """A configuration changed: settings are read again, every open document checked again."""
        if self.linter is not None:
            self.linter.reload()
        self.logged.clear()
        for uri in sorted(self.open_notebooks | self.open_documents):
            self.lint_uri(uri)

    async def lint_soon(self, uri: str) -> None:
        """Lint after the messages already received are read: a burst of keystrokes
        is checked once, at its last version."""
        self.pending.add(uri)
        if self.flushing:
            return
        self.flushing = True
        try:
            while self.pending:
                await asyncio.sleep(0)  # let queued changes arrive first
                uri = self.pending.pop()
                self.lint_uri(uri)
        finally:
            self.flushing = False


server = TorchlintServer()


def _is_config(uri: str) -> bool:
    return uri.rstrip("/").endswith("/" + CONFIG_NAME) or uri == CONFIG_NAME


# ---------------------------------------------------------------- documents


@server.feature(types.INITIALIZED)
async def initialized(ls: TorchlintServer, params: types.InitializedParams) -> None:
    watched = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
    if watched and watched.dynamic_registration:  # ask the client to tell us when a pyproject.toml changes
        try:
            await ls.client_register_capability_async(types.RegistrationParams(registrations=[types.Registration(
                id="torchlint-pyproject", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(
                    watchers=[types.FileSystemWatcher(glob_pattern=f"**/{CONFIG_NAME}")]))]))
        except Exception as exc:  # the client said no: saving pyproject.toml in the editor still works
            ls.log(types.MessageType.Warning, f"torchlint: cannot watch {CONFIG_NAME} files: {exc}")


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: TorchlintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.open_documents.add(params.text_document.uri)
    ls.lint_uri(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: TorchlintServer, params: types.DidChangeTextDocumentParams) -> None:
    await ls.lint_soon(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: TorchlintServer, params: types.DidSaveTextDocumentParams) -> None:
    if _is_config(params.text_document.uri):
        ls.relint_all()
    else:  # what other files import from this one, or say of it, may have changed
        ls.ensure_linter().files_changed()
        ls.lint_uri(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: TorchlintServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.open_documents.discard(params.text_document.uri)
    ls.clear(params.text_document.uri)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def watched_files_changed(ls: TorchlintServer, params: types.DidChangeWatchedFilesParams) -> None:
    if any(_is_config(change.uri) for change in params.changes):
        ls.relint_all()
    else:
        ls.ensure_linter().files_changed()


@server.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
def notebook_opened(ls: TorchlintServer, params: types.DidOpenNotebookDocumentParams) -> None:
    ls.open_notebooks.add(params.notebook_document.uri)
    ls.lint_uri(params.notebook_document.uri)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
async def notebook_changed(ls: TorchlintServer, params: types.DidChangeNotebookDocumentParams) -> None:
    structure = params.change.cells.structure if params.change.cells else None
    for removed in (structure.did_close or []) if structure else []:
        ls.clear(removed.uri)
    await ls.lint_soon(params.notebook_document.uri)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_SAVE)
def notebook_saved(ls: TorchlintServer, params: types.DidSaveNotebookDocumentParams) -> None:
    ls.lint_uri(params.notebook_document.uri)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
def notebook_closed(ls: TorchlintServer, params: types.DidCloseNotebookDocumentParams) -> None:
    ls.open_notebooks.discard(params.notebook_document.uri)
    for cell in params.cell_text_documents:
        ls.clear(cell.uri)


# ---------------------------------------------------------------- features


def _at(ls: TorchlintServer, uri: str, pos: types.Position) -> list:
    """The shown findings whose range holds the position."""
    shown = ls.shown.get(uri)
    if shown is None:
        return []
    here = (pos.line, pos.character)
    return [(d, lsp) for d, lsp in shown.pairs
            if (lsp.range.start.line, lsp.range.start.character) <= here <= (lsp.range.end.line,
                                                                             lsp.range.end.character)]


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: TorchlintServer, params: types.HoverParams) -> Optional[types.Hover]:
    shown = ls.shown.get(params.text_document.uri)
    found = _at(ls, params.text_document.uri, params.position)
    rules = {rule.code: rule for rule in shown.rules} if shown else {}
    texts = [hover_text(rules[d.code], d) for d, _lsp in found if d.code in rules]
    if not texts:
        return None
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(texts)),
                       range=found[0][1].range)


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL], resolve_provider=False))
def code_action(ls: TorchlintServer, params: types.CodeActionParams) -> list:
    uri = params.text_document.uri
    shown = ls.shown.get(uri)
    if shown is None:
        return []
    only = params.context.only
    lines = lines_of(shown.text)
    found = []
    start, end = params.range.start, params.range.end
    for d, lsp in shown.pairs:
        if (lsp.range.end.line, lsp.range.end.character) < (start.line, start.character) or \
                (lsp.range.start.line, lsp.range.start.character) > (end.line, end.character):
            continue
        found.append((d, lsp))
    result = []
    if actions.wanted(types.CodeActionKind.QuickFix, only):
        for d, lsp in found:
            action = actions.fix_action(uri, d, lsp, lines, ls.encoding)
            if action is not None:
                result.append(action)
        for d, lsp in found:
            action = actions.ignore_action(uri, d, lsp, lines, ls.encoding)
            if action is not None:
                result.append(action)
    if actions.wanted(actions.FIX_ALL, only) and not shown.notebook and \
            any(d.fix is not None and d.fix.safe for d, _lsp in shown.pairs):
        linter = ls.ensure_linter()
        action = actions.fix_all_action(uri, shown.text, lines, lambda text: linter.lint(shown.path, text).diagnostics,
                                        ls.encoding)
        if action is not None:
            result.append(action)
    return result


def serve() -> None:
    server.start_io()
