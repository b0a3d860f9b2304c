"""A real LSP client (pytest-lsp's) talking to `python -m torchlint server` over
stdio, with the few steps the server tests repeat."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

SERVER = [sys.executable, "-m", "torchlint", "server"]
TIMEOUT = 60  # seconds for one answer: the machine running the tests may be busy


def run(scenario) -> None:
    """Run an async test body (each test starts its own server)."""
    asyncio.run(asyncio.wait_for(scenario, TIMEOUT * 3))


async def start(root: Path, command: list = SERVER) -> LanguageClient:
    """A server whose workspace is `root`, initialised as VS Code would (UTF-16 positions)."""
    client = await ClientServerConfig(server_command=command).start()
    client.registrations = []  # what the server asked the client to do for it

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)

    await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)]))
    return client


async def stop(client: LanguageClient) -> None:
    await client.shutdown_session()
    await client.stop()


async def published(client: LanguageClient, uri: str, action=None) -> list:
    """Do `action()` (if any), then wait for the next diagnostics of `uri`."""
    client.diagnostics.pop(uri, None)
    if action is not None:
        action()
    # polled: the client may record a notification after waking those who wait for one
    deadline = asyncio.get_running_loop().time() + TIMEOUT
    while uri not in client.diagnostics:
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"no diagnostics for {uri}; the server logged {client.log_messages}")
        await asyncio.sleep(0.002)
    return list(client.diagnostics[uri])


async def open_file(client: LanguageClient, path: Path, text: str) -> list:
    uri = path.as_uri()
    return await published(client, uri, lambda: client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text))))


async def replace_text(client: LanguageClient, path: Path, text: str, version: int) -> list:
    """The whole buffer replaced (unsaved), and the diagnostics of the new text."""
    uri = path.as_uri()
    return await published(client, uri, lambda: client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)])))


def apply_edits(text: str, edits: list) -> str:
    """The text with LSP TextEdits applied (ASCII text: columns are characters)."""
    lines = text.splitlines(keepends=True) + [""]
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(pos: types.Position) -> int:
        return starts[pos.line] + pos.character

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


def summary(diagnostics: list) -> list:
    """(code, start line, start char, end line, end char) of each diagnostic, 0-based as LSP."""
    return [(d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
            for d in diagnostics]
