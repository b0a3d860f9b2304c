"""`torchlint server`: the real server process, driven by a real LSP client over stdio."""

from __future__ import annotations

import asyncio
import textwrap
from pathlib import Path

from lsprotocol import types

from lsp_client import apply_edits, open_file, published, replace_text, run, start, stop, summary

CONFIG = '[tool.torchlint]\nselect = ["TL001", "TL002", "TL003", "TL004"]\n'

MODEL = """\
import torch

w = torch.randn(3, 4, requires_grad=True)
y = w.t().view(12)
a = (w * 2).numpy()
b = torch.tensor(w)  # noqa: TL001
(w * 2).backward()
"""


def project(tmp_path: Path, config: str = CONFIG, text: str = MODEL) -> Path:
    """model.py in a project whose folder name has a space: its uri holds `%20`."""
    folder = tmp_path / "my project"
    folder.mkdir(exist_ok=True)
    (folder / "pyproject.toml").write_text(config)
    path = folder / "model.py"
    path.write_text(text)
    return path


def test_diagnostics_on_open_change_save_and_close(tmp_path):
    path = project(tmp_path)
    uri = path.as_uri()
    assert "/my%20project/" in uri  # published under the uri the client sent, not pygls's unquoted key

    async def scenario():
        client = await start(tmp_path)
        found = await open_file(client, path, MODEL)
        assert summary(found) == [("TL002", 3, 10, 3, 14), ("TL001", 4, 12, 4, 17), ("TL004", 5, 10, 5, 16),
                                  ("TL003", 6, 8, 6, 16)]
        view = found[0]
        assert view.message == (".view() on 'w.t()', which is not contiguous since .t() on line 4; "
                                "use .reshape(...) or .contiguous().view(...)")
        assert (view.source, view.severity) == ("torchlint", types.DiagnosticSeverity.Error)
        assert view.code_description.href == "https://pypi.org/project/torchlint/#tl002"
        assert [(r.location.uri, r.location.range.start.line, r.location.range.start.character, r.message)
                for r in view.related_information] == [(uri, 3, 4, "made non-contiguous here")]
        assert found[2].severity == types.DiagnosticSeverity.Warning  # TL004: torch warns
        # the unsaved buffer: a wide character before the call moves its UTF-16 column by 2
        edited = MODEL.replace("y = w.t()", 'e = "\U0001F600"; y = w.t()')
        found = await replace_text(client, path, edited, 2)
        assert summary(found)[0] == ("TL002", 3, 20, 3, 24)  # 19 characters, 20 UTF-16 units
        # an incremental change: `.view` -> `.reshape`
        found = await published(client, uri, lambda: client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
                content_changes=[types.TextDocumentContentChangePartial(
                    range=types.Range(start=types.Position(line=3, character=20),
                                      end=types.Position(line=3, character=24)), text="reshape")])))
        assert [d.code for d in found] == ["TL001", "TL004", "TL003"]
        found = await published(client, uri, lambda: client.text_document_did_save(
            types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))))
        assert [d.code for d in found] == ["TL001", "TL004", "TL003"]
        found = await published(client, uri, lambda: client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))))
        assert found == []
        assert client.log_messages == []
        await stop(client)

    run(scenario())


def test_hover_shows_the_rule_and_its_fix(tmp_path):
    path = project(tmp_path)

    async def scenario():
        client = await start(tmp_path)
        await open_file(client, path, MODEL)
        doc = types.TextDocumentIdentifier(uri=path.as_uri())
        hover = await client.text_document_hover_async(types.HoverParams(
            text_document=doc, position=types.Position(line=3, character=12)))
        assert hover.contents.kind == types.MarkupKind.Markdown
        assert hover.contents.value == textwrap.dedent("""\
            **TL002 view-on-non-contiguous**: `.view(...)` on a tensor whose memory layout cannot give that \
shape without a copy

            .view() on 'w.t()', which is not contiguous since .t() on line 4; use .reshape(...) or \
.contiguous().view(...)

            **Use instead**

            ```python
            y = y.contiguous().view(B, T, C)   # or y.reshape(B, T, C)
            ```

            Sizes the code does not show are symbols, assumed to be 2 or more: a tensor""") + \
            hover.contents.value.split("assumed to be 2 or more: a tensor", 1)[1]
        assert hover.contents.value.endswith(
            "\n\n[TL002 documentation](https://pypi.org/project/torchlint/#tl002)")
        assert (hover.range.start.line, hover.range.start.character) == (3, 10)
        nothing = await client.text_document_hover_async(types.HoverParams(
            text_document=doc, position=types.Position(line=2, character=1)))
        assert nothing is None
        await stop(client)

    run(scenario())


async def actions_at(client, uri: str, diagnostic, only=None) -> list:
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic], only=only)))


def test_each_fix_applied_is_linted_clean(tmp_path):
    path = project(tmp_path)
    uri = path.as_uri()

    async def scenario():
        client = await start(tmp_path)
        found = await open_file(client, path, MODEL)
        expected = {
            "TL002": ("TL002: Use .reshape() instead of .view()", True, "y = w.t().reshape(12)"),
            "TL001": ("TL001: Detach the tensor before .numpy()", True, "a = (w * 2).detach().numpy()"),
            "TL004": ("TL004: Replace with w.detach().clone()", True, "b = w.detach().clone()  # noqa: TL001"),
            "TL003": ("TL003: Reduce with .sum() before .backward() (unsafe fix: check the result)", False,
                      "(w * 2).sum().backward()"),
        }
        for version, diagnostic in enumerate(found, 2):
            actions = await actions_at(client, uri, diagnostic)
            fix = actions[0]
            title, preferred, line = expected[diagnostic.code]
            assert (fix.title, fix.kind, bool(fix.is_preferred)) == (title, types.CodeActionKind.QuickFix, preferred)
            assert actions[1].title == f"Ignore {diagnostic.code} on this line"
            fixed = apply_edits(MODEL, fix.edit.changes[uri])
            assert fixed.splitlines()[diagnostic.range.start.line] == line
            left = await replace_text(client, path, fixed, version)
            assert [d.code for d in left] == [d.code for d in found if d is not diagnostic]
        await stop(client)

    run(scenario())


def test_fix_all_applies_the_safe_fixes(tmp_path):
    path = project(tmp_path)
    uri = path.as_uri()

    async def scenario():
        client = await start(tmp_path)
        found = await open_file(client, path, MODEL)
        actions = await actions_at(client, uri, found[0], only=["source.fixAll"])
        assert [(a.title, a.kind) for a in actions] == [("torchlint: fix all safe fixes", "source.fixAll.torchlint")]
        fixed = apply_edits(MODEL, actions[0].edit.changes[uri])
        assert fixed == MODEL.replace(".view(", ".reshape(").replace("2).numpy", "2).detach().numpy").replace(
            "torch.tensor(w)", "w.detach().clone()")
        left = await replace_text(client, path, fixed, 2)
        assert summary(left) == [("TL003", 6, 8, 6, 16)]  # unsafe: left for the user
        assert list(await actions_at(client, uri, left[0], only=["source.fixAll.torchlint"])) == []
        await stop(client)

    run(scenario())


def test_ignore_adds_or_extends_the_noqa_comment(tmp_path):
    path = project(tmp_path)
    uri = path.as_uri()

    async def scenario():
        client = await start(tmp_path)
        found = await open_file(client, path, MODEL)
        text = MODEL
        for version, code in enumerate(["TL002", "TL004"], 2):
            diagnostic = next(d for d in found if d.code == code)
            ignore = next(a for a in await actions_at(client, uri, diagnostic) if a.title.startswith("Ignore"))
            text = apply_edits(text, ignore.edit.changes[uri])
            found = await replace_text(client, path, text, version)
        assert text.splitlines()[3] == "y = w.t().view(12)  # noqa: TL002"
        assert text.splitlines()[5] == "b = torch.tensor(w)  # noqa: TL001, TL004"
        assert [d.code for d in found] == ["TL001", "TL003"]
        await stop(client)

    run(scenario())


def test_a_configuration_change_lints_open_documents_again(tmp_path):
    path = project(tmp_path, config='[tool.torchlint]\nselect = ["TL001"]\n')
    config = path.parent / "pyproject.toml"

    async def scenario():
        client = await start(tmp_path)
        assert [d.code for d in await open_file(client, path, MODEL)] == ["TL001"]
        # the server asked to be told of changes to any pyproject.toml
        assert [(r.method, [w["globPattern"] for w in r.register_options["watchers"]])
                for r in client.registrations] == [("workspace/didChangeWatchedFiles", ["**/pyproject.toml"])]
        config.write_text('[tool.torchlint]\nselect = ["TL002"]\n')
        found = await published(client, path.as_uri(), lambda: client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
                uri=config.as_uri(), type=types.FileChangeType.Changed)])))
        assert [d.code for d in found] == ["TL002"]
        # an editor that saves pyproject.toml itself
        config.write_text('[tool.torchlint]\nselect = ["TL003", "TL004"]\n')
        found = await published(client, path.as_uri(), lambda: client.text_document_did_save(
            types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=config.as_uri()))))
        assert [d.code for d in found] == ["TL004", "TL003"]
        # a broken configuration: said in the log, nothing shown, the server goes on
        config.write_text('[tool.torchlint]\nselekt = ["TL003"]\n')
        found = await published(client, path.as_uri(), lambda: client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
                uri=config.as_uri(), type=types.FileChangeType.Changed)])))
        assert found == []
        assert [(m.type, m.message.split(":")[0]) for m in client.log_messages] == [
            (types.MessageType.Error, "torchlint")]
        assert "selekt" in client.log_messages[0].message
        await stop(client)

    run(scenario())


CRASHING_RULE = """\
from torchlint.api import Rule


class AlwaysCrashes(Rule):
    code = "TL901"
    name = "always-crashes"
    summary = "raises in check"
    triggers = (".numpy(",)
    methods = ("numpy",)

    def check(self, event):
        raise ValueError("boom")
"""


def test_a_crashing_rule_is_logged_and_the_server_goes_on(tmp_path):
    path = project(tmp_path, config=CONFIG.replace('"TL004"]', '"TL004", "TL901"]') + 'rule-dirs = ["myrules"]\n')
    (path.parent / "myrules").mkdir()
    (path.parent / "myrules" / "crashing.py").write_text(CRASHING_RULE)

    async def scenario():
        client = await start(tmp_path)
        found = await open_file(client, path, MODEL)
        assert [d.code for d in found] == ["TL002", "TL001", "TL004", "TL003"]
        assert [(m.type, m.message) for m in client.log_messages] == [(
            types.MessageType.Error,
            f"torchlint: {path}:5:13: TL901 internal error in TL901 (always-crashes): ValueError: boom")]
        found = await replace_text(client, path, MODEL.replace("(w * 2).backward()\n", ""), 2)
        assert [d.code for d in found] == ["TL002", "TL001", "TL004"]
        await stop(client)

    run(scenario())


NOTEBOOK_CELLS = [
    (types.NotebookCellKind.Markup, "markdown", "# A notebook\n"),
    (types.NotebookCellKind.Code, "python", "import torch\nw = torch.randn(3, 4).t()\n"),
    (types.NotebookCellKind.Code, "python", "%matplotlib inline\ny = w.view(12)\n"),
]


def test_a_notebook_gets_one_diagnostic_set_per_cell(tmp_path):
    folder = project(tmp_path).parent
    notebook = (folder / "explore.ipynb").as_uri()
    cells = [notebook.replace("file:", "vscode-notebook-cell:", 1) + f"#cell{n}" for n in range(3)]

    async def scenario():
        client = await start(tmp_path)
        await published(client, cells[2], lambda: client.notebook_document_did_open(
            types.DidOpenNotebookDocumentParams(
                notebook_document=types.NotebookDocument(
                    uri=notebook, notebook_type="jupyter-notebook", version=1,
                    cells=[types.NotebookCell(kind=kind, document=uri)
                           for uri, (kind, _language, _text) in zip(cells, NOTEBOOK_CELLS)]),
                cell_text_documents=[types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
                                     for uri, (_kind, language, text) in zip(cells, NOTEBOOK_CELLS)])))
        assert list(client.diagnostics[cells[0]]) == list(client.diagnostics[cells[1]]) == []
        view = client.diagnostics[cells[2]]
        assert summary(view) == [("TL002", 1, 6, 1, 10)]
        assert view[0].message == (".view() on 'w', which is not contiguous since .t() on line 2 of cell 2; "
                                   "use .reshape(...) or .contiguous().view(...)")
        assert [(r.location.uri, r.location.range.start.line, r.location.range.start.character)
                for r in view[0].related_information] == [(cells[1], 1, 4)]
        ignore = (await actions_at(client, cells[2], view[0]))[0]
        assert ignore.title == "Ignore TL002 on this line"
        # the cell edited: `.t()` removed in cell 2, cell 3 is clean
        found = await published(client, cells[2], lambda: client.notebook_document_did_change(
            types.DidChangeNotebookDocumentParams(
                notebook_document=types.VersionedNotebookDocumentIdentifier(uri=notebook, version=2),
                change=types.NotebookDocumentChangeEvent(cells=types.NotebookDocumentCellChanges(
                    text_content=[types.NotebookDocumentCellContentChanges(
                        document=types.VersionedTextDocumentIdentifier(uri=cells[1], version=2),
                        changes=[types.TextDocumentContentChangePartial(
                            range=types.Range(start=types.Position(line=1, character=20),
                                              end=types.Position(line=1, character=24)), text="")])])))))
        assert found == []
        found = await published(client, cells[2], lambda: client.notebook_document_did_close(
            types.DidCloseNotebookDocumentParams(
                notebook_document=types.NotebookDocumentIdentifier(uri=notebook),
                cell_text_documents=[types.TextDocumentIdentifier(uri=uri) for uri in cells])))
        assert found == []
        await stop(client)

    run(scenario())


def test_an_untitled_buffer_and_requests_about_unknown_documents(tmp_path):
    project(tmp_path)
    uri = "untitled:Untitled-1"

    async def scenario():
        client = await start(tmp_path)
        found = await published(client, uri, lambda: client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="python", version=1, text=MODEL))))
        assert [d.code for d in found] == ["TL002", "TL001", "TL004", "TL003"]
        unknown = types.TextDocumentIdentifier(uri=(tmp_path / "never-opened.py").as_uri())
        assert await client.text_document_hover_async(types.HoverParams(
            text_document=unknown, position=types.Position(line=0, character=0))) is None
        assert list(await client.text_document_code_action_async(types.CodeActionParams(
            text_document=unknown, range=found[0].range,
            context=types.CodeActionContext(diagnostics=[])))) == []
        assert client.log_messages == []
        await stop(client)

    run(scenario())


def test_a_burst_of_changes_ends_with_the_diagnostics_of_the_last(tmp_path):
    path = project(tmp_path)
    uri = path.as_uri()

    async def scenario():
        client = await start(tmp_path)
        await open_file(client, path, MODEL)
        texts = [MODEL.replace("view(12)", f"view({n})") for n in range(2, 7)]
        texts[-1] = MODEL.replace(".view(", ".reshape(")

        def type_fast():
            for version, text in enumerate(texts, 2):
                client.text_document_did_change(types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))

        await published(client, uri, type_fast)
        # the changes read before a check are checked once, at the last: what is published
        # last is the last text's, whichever earlier ones were published on the way
        waited = 0.0
        while [d.code for d in client.diagnostics[uri]] != ["TL001", "TL004", "TL003"] and waited < 30:
            await asyncio.sleep(0.01)
            waited += 0.01
        assert [d.code for d in client.diagnostics[uri]] == ["TL001", "TL004", "TL003"]
        await stop(client)

    run(scenario())
