"""Settings: `[tool.torchlint]` in pyproject.toml, with command-line values on top.

Every mistake in the input becomes a ConfigError whose text names the file (or
the option), the key, what was expected and what was found.
"""

from __future__ import annotations

import difflib
import fnmatch
import json
import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Optional, Sequence, Union

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on older Pythons only
    import tomli as tomllib

from .files import relative_posix

if TYPE_CHECKING:
    import pathspec

KEYS = ("select", "ignore", "extend-select", "exclude", "extend-exclude", "force-exclude", "per-file-ignores",
        "respect-gitignore", "rule-dirs", "output-format")
OUTPUT_FORMATS = ("full", "concise", "json", "sarif", "github", "junit")
SELECT_ALL = "ALL"
# on only when selected by code, prefix or ALL, as ruff's RUF100: unused-noqa judges the
# comments a code base already has, which a first run should not turn into findings
OPT_IN = frozenset({"TL900"})
TABLE = "[tool.torchlint]"

# known_codes may be the codes themselves, or a function of the rule folders
# that loads the rules (built-in plus those folders) and returns them or their codes
KnownCodes = Union[Sequence, Callable[[tuple], Iterable]]


class ConfigError(Exception):
    """Bad configuration or option; str(exc) is the whole message for the user."""


@dataclass(frozen=True)
class Settings:
    """The resolved configuration of one run."""

    select: tuple  # the enabled rule codes, sorted
    per_file_ignores: tuple  # ((glob, frozenset(codes)), ...) in the order given
    exclude: tuple  # gitignore-style patterns, relative to root, that discovery skips
    respect_gitignore: bool
    rule_dirs: tuple  # absolute Paths of the user's rule folders
    output_format: Optional[str]  # None: not set
    config_path: Optional[Path]  # the pyproject.toml used, if any
    root: Path  # the config file's folder, else the working folder: globs are relative to it
    # exclude applies to paths named on the command line too (pre-commit names every staged file)
    force_exclude: bool = False

    def ignored_codes_for(self, path: Union[str, Path]) -> frozenset:
        """The codes that per-file-ignores turn off for this file.

        `path` is absolute or relative to the working folder (as discovery
        yields it); globs match its path relative to root, or its name.
        """
        if not self.per_file_ignores:
            return frozenset()
        rel = relative_posix(os.path.abspath(path), os.path.abspath(self.root))
        found: set = set()
        for glob, codes in self.per_file_ignores:
            if _glob_matches(glob, rel):
                found |= codes
        return frozenset(found)


@lru_cache(maxsize=256)
def _glob_spec(glob: str) -> "pathspec.GitIgnoreSpec":
    import pathspec  # on use: it costs start-up time and most runs have no per-file-ignores

    return pathspec.GitIgnoreSpec.from_lines([glob])


def _glob_matches(glob: str, rel: str) -> bool:
    # like ruff, a glob matches the relative path or the file name; gitignore
    # style adds `**/` and folder globs, fnmatch lets `*` cross folders
    basename = rel.rsplit("/", 1)[-1]
    return (fnmatch.fnmatchcase(rel, glob) or fnmatch.fnmatchcase(basename, glob)
            or _glob_spec(glob).match_file(rel))


# ---------------------------------------------------------------- finding the file

def find_config(start: Union[str, Path]) -> Optional[Path]:
    """The nearest pyproject.toml at or above `start` that has a [tool.torchlint]
    table; one without the table is passed over, as ruff does."""
    found = _find(Path(os.path.abspath(start)))
    return found[0] if found else None


def _find(start: Path) -> Optional[tuple]:
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        found = config_here(candidate, start)
        if found is not None:
            return found
    return None


def config_here(folder: Path, cwd: Path) -> Optional[tuple]:
    """(path, table) of the pyproject.toml in `folder` when it has a [tool.torchlint]
    table; messages name the file relative to `cwd`."""
    path = folder / "pyproject.toml"
    try:
        data = path.read_bytes()
    except OSError:  # missing, a folder, unreadable: not a config of ours
        return None
    if b"torchlint" not in data:  # cheap: no need to parse unrelated projects
        return None
    display = _display(path, cwd)
    table = _table(_parse(data, display), display)
    return (path, table) if table is not None else None


def _parse(data: bytes, display: str) -> dict:
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{display}: cannot read: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:  # its message ends with "(at line N, column M)"
        raise ConfigError(f"{display}: invalid TOML: {exc}") from None


def _table(data: dict, display: str) -> Optional[dict]:
    tool = data.get("tool")
    if not isinstance(tool, dict) or "torchlint" not in tool:
        return None
    table = tool["torchlint"]
    if not isinstance(table, dict):
        raise ConfigError(f"{display}: {TABLE}: expected a table, got {_kind(table)}")
    return table


def _display(path: Path, cwd: Path) -> str:
    """The config file as messages name it: relative when under the working folder."""
    try:
        return str(path.relative_to(cwd))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------- loading

def load_settings(known_codes: KnownCodes, *, config: Optional[Union[str, Path]] = None,
                  cwd: Optional[Union[str, Path]] = None, overrides: Optional[dict] = None) -> Settings:
    """Read the configuration and resolve it into Settings.

    known_codes: the loaded rules or their codes; or a function that receives
        the rule folders (a tuple of absolute Paths, from rule-dirs) and
        returns the built-in rules plus those folders' rules (or their codes).
        It is called once, after rule-dirs is read and before any code is
        resolved, so that codes of the user's rules can be selected; its
        exceptions (a rule that fails to load) propagate unchanged.
    config: a pyproject.toml to use instead of searching upward from cwd; it
        must have a [tool.torchlint] table. Relative to cwd.
    cwd: the working folder (default: the current one).
    overrides: command-line values, keyed like the TOML keys; snake_case
        (extend_select) and kebab-case (extend-select) both work. A value that
        is None or empty counts as not given; a given one replaces the config's
        value for that key. A list may be a single string. Items of select,
        ignore, extend-select, exclude and extend-exclude may be comma-separated
        ("TL001,TL002"); per-file-ignores is a list of "GLOB:CODE[,CODE...]";
        rule-dirs are relative to cwd; respect-gitignore and force-exclude are bools.
    """
    cwd_path = Path(os.path.abspath(cwd if cwd is not None else os.getcwd()))
    config_path, table = _config_table(config, cwd_path)
    root = config_path.parent if config_path is not None else cwd_path
    display = _display(config_path, cwd_path) if config_path is not None else ""
    _check_keys(table, display)

    values = {key: (table[key], f"{display}: {TABLE} {key}", False) for key in KEYS if key in table}
    for key, value in _normalize_overrides(overrides).items():
        values[key] = (value, f"--{key}", True)

    def get(key):
        return values.get(key, (None, "", False))

    rule_dirs = _rule_dirs(*get("rule-dirs"), root=root, cwd=cwd_path)
    rules = known_codes(rule_dirs) if callable(known_codes) else known_codes
    known = tuple(sorted({getattr(rule, "code", rule) for rule in rules}))

    def resolve(key):
        value, where, from_cli = get(key)
        if value is None:
            return None
        return _resolve_codes(_string_list(value, where, "a list of rule codes", split=from_cli), where, known)

    select = resolve("select")
    selected = set(known) - OPT_IN if select is None else set(select)
    selected |= resolve("extend-select") or set()
    selected -= resolve("ignore") or set()

    exclude = ()
    for key in ("exclude", "extend-exclude"):
        value, where, from_cli = get(key)
        if value is not None:
            exclude += _patterns(_string_list(value, where, "a list of glob patterns", split=from_cli), where)

    return Settings(
        select=tuple(sorted(selected)),
        per_file_ignores=_per_file_ignores(*get("per-file-ignores"), known=known),
        exclude=exclude,
        respect_gitignore=_bool(*get("respect-gitignore"), default=True),
        force_exclude=_bool(*get("force-exclude"), default=False),
        rule_dirs=rule_dirs,
        output_format=_output_format(*get("output-format")),
        config_path=config_path,
        root=root,
    )


def _config_table(config, cwd: Path) -> tuple:
    if config is None:
        found = _find(cwd)
        return found if found else (None, {})
    path = Path(os.path.abspath(cwd / config))
    display = _display(path, cwd)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{display}: cannot read: {exc.strerror or exc}") from None
    table = _table(_parse(data, display), display)
    if table is None:
        raise ConfigError(f"{display}: no {TABLE} table")
    return path, table


def _check_keys(table: dict, display: str) -> None:
    for key in table:
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else "."
            raise ConfigError(f"{display}: {TABLE}: unknown key {key!r}{hint} The keys are {', '.join(KEYS)}")


def _normalize_overrides(overrides: Optional[dict]) -> dict:
    found = {}
    for key, value in (overrides or {}).items():
        name = key.replace("_", "-")
        if name not in KEYS:  # a bug in the caller, not a user's mistake
            raise ValueError(f"unknown override {key!r}; the keys are {', '.join(KEYS)}")
        if value is None or (isinstance(value, (list, tuple)) and not value):
            continue
        if isinstance(value, str) and name not in ("output-format", "respect-gitignore", "force-exclude"):
            value = [value]
        found[name] = value
    return found


# ---------------------------------------------------------------- one key each

def _kind(value) -> str:
    """A value's type in TOML words: 'a string', 'an integer', 'a table'."""
    if isinstance(value, bool):
        return "a boolean"
    for types, name in ((str, "a string"), (int, "an integer"), (float, "a float"),
                        ((list, tuple), "a list"), (dict, "a table")):
        if isinstance(value, types):
            return name
    return "a date or time" if type(value).__module__ == "datetime" else f"a {type(value).__name__}"


def _string_list(value, where: str, expected: str, *, split: bool = False) -> list:
    if not isinstance(value, (list, tuple)):
        raise ConfigError(f"{where}: expected {expected}, got {_kind(value)}")
    for item in value:
        if not isinstance(item, str):
            raise ConfigError(f"{where}: expected {expected}, got {_kind(item)} ({item!r}) in the list")
    if split:  # --select TL001,TL002
        return [part.strip() for item in value for part in item.split(",") if part.strip()]
    return list(value)


def _resolve_codes(selectors: list, where: str, known: tuple) -> set:
    """Codes and prefixes ('TL00', 'TL', 'ALL') to the known codes they select."""
    found: set = set()
    for selector in selectors:
        wanted = selector.strip().upper()
        if wanted == SELECT_ALL:
            found |= set(known)
            continue
        matches = {code for code in known if code.upper().startswith(wanted)}
        if not wanted or not matches:
            close = difflib.get_close_matches(wanted, known, n=1)
            hint = f"; did you mean {close[0]}?" if close else "."
            raise ConfigError(f"{where}: unknown rule code {selector!r}{hint} "
                              f"The codes are {', '.join(known) or '(none)'}; a prefix or ALL selects several")
        found |= matches
    return found


def _patterns(patterns: list, where: str) -> tuple:
    for pattern in patterns:
        try:
            _glob_spec(pattern)
        except ValueError as exc:
            raise ConfigError(f"{where}: invalid glob pattern {pattern!r} ({exc})") from None
    return tuple(patterns)


def _per_file_ignores(value, where: str, from_cli: bool, *, known: tuple) -> tuple:
    if value is None:
        return ()
    if from_cli:
        pairs = []
        # no splitting at commas here: they separate the codes of one entry
        for entry in _string_list(value, where, "a list of GLOB:CODE[,CODE...]"):
            glob, colon, codes = entry.rpartition(":")
            if not colon or not glob.strip() or not codes.strip():
                raise ConfigError(f"{where}: expected GLOB:CODE[,CODE...], got {entry!r}")
            pairs.append((glob.strip(), [c for c in codes.split(",") if c.strip()], f"{where} {entry!r}"))
    else:
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected a table of glob = [rule codes], got {_kind(value)}")
        pairs = [(glob, codes, f"{where}.{json.dumps(glob)}") for glob, codes in value.items()]
    result = []
    for glob, codes, item_where in pairs:
        _patterns([glob], item_where)
        codes = _resolve_codes(_string_list(codes, item_where, "a list of rule codes"), item_where, known)
        result.append((glob, frozenset(codes)))
    return tuple(result)


def _bool(value, where: str, from_cli: bool, *, default: bool) -> bool:
    if value is None:
        return default
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: expected true or false, got {_kind(value)}")
    return value


def _rule_dirs(value, where: str, from_cli: bool, *, root: Path, cwd: Path) -> tuple:
    if value is None:
        return ()
    base = cwd if from_cli else root  # config paths are relative to the config's folder
    folders = []
    for item in _string_list(value, where, "a list of folder paths"):
        folder = Path(os.path.abspath(base / os.path.expanduser(item)))
        if not folder.is_dir():
            raise ConfigError(f"{where}: {item!r} is not a folder (looked for {folder})")
        folders.append(folder)
    return tuple(folders)


def _output_format(value, where: str, from_cli: bool) -> Optional[str]:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected one of {', '.join(OUTPUT_FORMATS)}, got {_kind(value)}")
    if value not in OUTPUT_FORMATS:
        close = difflib.get_close_matches(value, OUTPUT_FORMATS, n=1)
        hint = f"; did you mean {close[0]}?" if close else "."
        raise ConfigError(f"{where}: unknown output format {value!r}{hint} The formats are {', '.join(OUTPUT_FORMATS)}")
    return value
