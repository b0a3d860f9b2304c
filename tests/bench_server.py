"""How long the language server takes from a keystroke to its diagnostics.

    python tests/bench_server.py path/to/model.py [--edits 30]

Starts `torchlint server` as an editor would (stdio, a real LSP client), opens the
file, then types: each edit puts one more digit in front of a number literal in
the unsaved buffer (never the same text twice), and the time from sending `didChange` to
receiving `publishDiagnostics` is measured. Prints the median and the spread.
Not run by the test suite: it needs a large real file, and it measures.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from lsprotocol import types  # noqa: E402

from lsp_client import published, start, stop  # noqa: E402


async def measure(path: Path, edits: int) -> list:
    text = path.read_text()
    match = re.search(r"(?m)^[^#\n]*?= *(\d+)$", text) or re.search(r"\d", text)
    if match is None:
        raise SystemExit(f"{path}: no digit to edit")
    start_at = match.start(1) if match.re.groups else match.start()
    line = text.count("\n", 0, start_at)
    char = start_at - (text.rfind("\n", 0, start_at) + 1)
    client = await start(path.parent)
    uri = path.as_uri()
    opened = time.perf_counter()
    await published(client, uri, lambda: client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text))))
    print(f"didOpen -> publishDiagnostics: {(time.perf_counter() - opened) * 1000:.0f} ms "
          f"({len(client.diagnostics[uri])} diagnostics)")
    times = []
    for version in range(2, edits + 2):
        digit = str(1 + version % 9)  # never a leading 0: `01` is a syntax error, checked much faster

        def change(version=version, digit=digit):
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangePartial(
                    range=types.Range(start=types.Position(line=line, character=char),
                                      end=types.Position(line=line, character=char)), text=digit)]))

        began = time.perf_counter()
        await published(client, uri, change)
        times.append((time.perf_counter() - began) * 1000)
        await asyncio.sleep(0.05)  # a typist's pause: each change is linted on its own
    await stop(client)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--edits", type=int, default=30)
    args = parser.parse_args()
    times = asyncio.run(measure(args.file.resolve(), args.edits))
    lines = args.file.read_text().count("\n")
    print(f"didChange -> publishDiagnostics on {args.file.name} ({lines} lines), {len(times)} edits: "
          f"median {statistics.median(times):.0f} ms, min {min(times):.0f} ms, max {max(times):.0f} ms")


if __name__ == "__main__":
    main()
