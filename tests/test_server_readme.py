"""The README's editor set-ups for `torchlint server`: each starts the command that
serves LSP, for Python files."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tomllib
from pathlib import Path

from lsprotocol import types

from lsp_client import open_file, run, start, stop

ROOT = Path(__file__).resolve().parent.parent
COMMAND = ["torchlint", "server"]
# the console script pip installed beside this Python: what an editor starts as `torchlint`
EXE = shutil.which("torchlint", path=os.path.dirname(sys.executable)) or shutil.which("torchlint")


def block(marker: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- lsp: {marker} -->\s*```\w*\n(.+?)\n```", readme, re.S)
    assert match, marker
    return match.group(1)


def test_vscode_generic_client_settings():
    settings = json.loads(block("vscode"))
    assert [settings["glspc.server.command"], *settings["glspc.server.commandArguments"]] == COMMAND
    assert settings["glspc.server.languageId"] == ["python"]


def test_neovim_config():
    text = block("neovim")
    assert re.search(r'cmd = \{ "torchlint", "server" \}', text)
    assert 'filetypes = { "python" }' in text and 'vim.lsp.enable("torchlint")' in text


def test_emacs_eglot_config():
    assert "'(python-mode . (\"torchlint\" \"server\"))" in block("emacs")


def test_helix_languages_toml():
    config = tomllib.loads(block("helix"))
    server = config["language-server"]["torchlint"]
    assert [server["command"], *server["args"]] == COMMAND
    assert [language["name"] for language in config["language"]] == ["python"]
    assert "torchlint" in config["language"][0]["language-servers"]


def test_zed_settings():
    settings = json.loads(block("zed"))
    binary = settings["lsp"]["ruff"]["binary"]
    assert [binary["path"], *binary["arguments"]] == COMMAND
    assert "ruff" in settings["languages"]["Python"]["language_servers"]


def test_the_installed_command_serves_lsp(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.torchlint]\nselect = [\"TL002\"]\n")
    path = tmp_path / "m.py"

    async def scenario():
        client = await start(tmp_path, [EXE, "server"])
        found = await open_file(client, path, "import torch\nx = torch.randn(2, 3).t().view(6)\n")
        assert [(d.code, d.severity) for d in found] == [("TL002", types.DiagnosticSeverity.Error)]
        await stop(client)

    run(scenario())


def test_without_pygls_the_command_says_how_to_install_it(tmp_path):
    import subprocess

    # pygls hidden: an import hook that refuses it, as in an environment without the extra
    probe = ("import sys; sys.modules['pygls'] = None; sys.argv = ['torchlint', 'server']; "
             "from torchlint.cli import main; main()")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: the language server needs pygls (")
    assert result.stderr.endswith('); install it with: pip install "torchlint[lsp]"\n')
