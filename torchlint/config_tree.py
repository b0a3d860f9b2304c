"""The settings of each file: those of the nearest pyproject.toml with a
[tool.torchlint] table above it, as ruff resolves them.

Editors and monorepos run `torchlint /abs/proj/pkg/file.py` from anywhere; the
file's own project decides how it is checked, not the working folder. The
command-line values go on top of every configuration. A file with no
configuration above it takes the working folder's settings; `--config` names one
file for every path.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Union

from .config import KnownCodes, Settings, config_here, load_settings


class SettingsTree:
    """Settings per folder, each configuration read once."""

    def __init__(self, known_codes: KnownCodes, *, config: Optional[Union[str, Path]] = None,
                 cwd: Optional[Union[str, Path]] = None, overrides: Optional[dict] = None) -> None:
        self._known = known_codes
        self._cwd = Path(os.path.abspath(cwd if cwd is not None else os.getcwd()))
        self._overrides = overrides
        self.base = load_settings(known_codes, config=config, cwd=self._cwd, overrides=overrides)
        self._fixed = config is not None  # --config: one file for every path
        self._by_config: dict = {}
        if self.base.config_path is not None:
            self._by_config[self.base.config_path] = self.base
        self._by_folder: dict = {}
        self._nearest: dict = {}  # folder -> the config that rules it, or None

    def for_path(self, path: Union[str, Path]) -> Settings:
        """The settings of a file (or of a folder named on the command line)."""
        absolute = os.path.abspath(path)
        return self.for_folder(absolute if os.path.isdir(absolute) else os.path.dirname(absolute))

    def for_folder(self, folder: Union[str, Path]) -> Settings:
        if self._fixed:
            return self.base
        folder = os.path.abspath(folder)
        settings = self._by_folder.get(folder)
        if settings is None:
            config = self._config_of(folder)
            settings = self.base if config is None else self._settings_of(config)
            self._by_folder[folder] = settings
        return settings

    def all_settings(self) -> list:
        """Every distinct Settings resolved so far, the working folder's first."""
        found = [self.base]
        for settings in self._by_config.values():
            if all(settings is not seen for seen in found):
                found.append(settings)
        return found

    def _config_of(self, folder: str) -> Optional[Path]:
        # each folder of a walk is looked at once: its own file, else its parent's answer
        if folder not in self._nearest:
            here = config_here(Path(folder), self._cwd)
            parent = os.path.dirname(folder)
            self._nearest[folder] = here[0] if here is not None else (
                None if parent == folder else self._config_of(parent))
        return self._nearest[folder]

    def _settings_of(self, config: Path) -> Settings:
        if config not in self._by_config:
            self._by_config[config] = load_settings(self._known, config=config, cwd=self._cwd,
                                                    overrides=self._overrides)
        return self._by_config[config]
