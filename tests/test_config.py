"""[tool.torchlint] and command-line values resolved into Settings, and every error's message."""

import os
import textwrap
from pathlib import Path

import pytest

from torchlint.config import ConfigError, Settings, find_config, load_settings

CODES = ("TL001", "TL002", "TL003", "TL004", "TL005", "TL010", "TL011")
KEYS = ("select, ignore, extend-select, exclude, extend-exclude, force-exclude, per-file-ignores, respect-gitignore, "
        "rule-dirs, output-format")
THE_CODES = "The codes are TL001, TL002, TL003, TL004, TL005, TL010, TL011; a prefix or ALL selects several"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load(folder: Path, toml: str = None, **kwargs) -> Settings:
    if toml is not None:
        write(folder, "pyproject.toml", "[tool.torchlint]\n" + textwrap.dedent(toml))
    return load_settings(kwargs.pop("codes", CODES), cwd=kwargs.pop("cwd", folder), **kwargs)


def error(folder: Path, toml: str = None, **kwargs) -> str:
    with pytest.raises(ConfigError) as info:
        load(folder, toml, **kwargs)
    return str(info.value)


# ---------------------------------------------------------------- values


def test_defaults_without_a_config(tmp_path):
    assert load(tmp_path) == Settings(select=CODES, per_file_ignores=(), exclude=(), respect_gitignore=True,
                                      rule_dirs=(), output_format=None, config_path=None, root=tmp_path)


def test_an_empty_table_gives_the_defaults_with_the_file_as_root(tmp_path):
    settings = load(tmp_path, "")
    assert (settings.select, settings.config_path, settings.root) == (CODES, tmp_path / "pyproject.toml", tmp_path)


def test_every_key(tmp_path):
    (tmp_path / "my_rules").mkdir()
    settings = load(tmp_path, """\
        select = ["TL00"]
        ignore = ["TL002"]
        extend-select = ["TL010"]
        exclude = ["build/", "*_pb2.py"]
        extend-exclude = ["/scripts"]
        respect-gitignore = false
        rule-dirs = ["my_rules"]
        output-format = "json"

        [tool.torchlint.per-file-ignores]
        "tests/*" = ["TL001", "TL01"]
        "__init__.py" = ["TL003"]
    """)
    assert settings == Settings(
        select=("TL001", "TL003", "TL004", "TL005", "TL010"),
        per_file_ignores=(("tests/*", frozenset({"TL001", "TL010", "TL011"})), ("__init__.py", frozenset({"TL003"}))),
        exclude=("build/", "*_pb2.py", "/scripts"),
        respect_gitignore=False,
        rule_dirs=(tmp_path / "my_rules",),
        output_format="json",
        config_path=tmp_path / "pyproject.toml",
        root=tmp_path,
    )


@pytest.mark.parametrize("select, expected", [
    (["TL00"], ("TL001", "TL002", "TL003", "TL004", "TL005")),
    (["TL01", "TL003"], ("TL003", "TL010", "TL011")),
    (["TL"], CODES),
    (["ALL"], CODES),
    (["tl002"], ("TL002",)),
    ([], ()),
])
def test_codes_by_prefix(tmp_path, select, expected):
    assert load(tmp_path, f"select = {select!r}\n".replace("'", '"')).select == expected


@pytest.mark.parametrize("toml, expected", [
    ('ignore = ["TL00"]', ("TL010", "TL011")),
    ('select = ["TL001"]\nextend-select = ["TL01"]', ("TL001", "TL010", "TL011")),
    ('extend-select = ["TL01"]', CODES),
    # ignore is applied last: it beats select and extend-select alike
    ('select = ["TL001", "TL002"]\nextend-select = ["TL010"]\nignore = ["TL002", "TL010"]', ("TL001",)),
    ('select = ["ALL"]\nignore = ["TL"]', ()),
])
def test_extend_select_and_ignore(tmp_path, toml, expected):
    assert load(tmp_path, toml + "\n").select == expected


def test_per_file_ignores_match_the_path_from_the_root_or_the_file_name(tmp_path):
    settings = load(tmp_path, """\
        [per-file-ignores]
        "tests/*" = ["TL001"]
        "__init__.py" = ["TL002"]
        "**/gen_*.py" = ["TL003"]
        "scripts/" = ["TL004"]
        "/top.py" = ["TL005"]
    """.replace("[per-file-ignores]", "[tool.torchlint.per-file-ignores]"))
    expected = {
        "tests/test_a.py": {"TL001"},
        "tests/deep/test_b.py": {"TL001"},  # `*` crosses folders, as in ruff
        "pkg/__init__.py": {"TL002"},
        "tests/__init__.py": {"TL001", "TL002"},
        "gen_x.py": {"TL003"},
        "pkg/sub/gen_y.py": {"TL003"},
        "scripts/run.py": {"TL004"},
        "pkg/scripts/run.py": {"TL004"},
        "top.py": {"TL005"},
        "pkg/top.py": set(),
        "pkg/model.py": set(),
    }
    for path, codes in expected.items():
        assert settings.ignored_codes_for(str(tmp_path / path)) == codes, path


def test_per_file_ignores_take_paths_relative_to_the_working_folder(tmp_path, monkeypatch):
    write(tmp_path, "pyproject.toml", '[tool.torchlint.per-file-ignores]\n"pkg/tests/*" = ["TL001"]\n')
    (tmp_path / "pkg").mkdir()
    monkeypatch.chdir(tmp_path / "pkg")
    settings = load_settings(CODES)
    assert settings.root == tmp_path
    assert settings.ignored_codes_for("tests/test_a.py") == {"TL001"}
    assert settings.ignored_codes_for(os.path.join(".", "tests", "test_a.py")) == {"TL001"}
    assert settings.ignored_codes_for("model.py") == set()


# ---------------------------------------------------------------- finding the file


def test_the_nearest_pyproject_with_the_table_is_used(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.torchlint]\nselect = ["TL001"]\n')
    # no [tool.torchlint] in these two, though one names torchlint: both are passed over
    write(tmp_path, "a/pyproject.toml", '[project]\nname = "a"\ndependencies = ["torchlint"]\n')
    write(tmp_path, "a/b/pyproject.toml", '[tool.ruff]\nselect = ["E"]\n')
    (tmp_path / "a/b/c").mkdir()
    assert find_config(tmp_path / "a/b/c") == tmp_path / "pyproject.toml"
    settings = load_settings(CODES, cwd=tmp_path / "a/b/c")
    assert (settings.select, settings.config_path, settings.root) == (("TL001",), tmp_path / "pyproject.toml", tmp_path)


def test_a_nearer_table_wins(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.torchlint]\nselect = ["TL001"]\n')
    write(tmp_path, "a/pyproject.toml", '[tool.torchlint]\nselect = ["TL002"]\n')
    assert find_config(tmp_path / "a") == tmp_path / "a/pyproject.toml"
    assert load_settings(CODES, cwd=tmp_path / "a").select == ("TL002",)


def test_no_config_anywhere(tmp_path):
    (tmp_path / "a").mkdir()
    assert find_config(tmp_path / "a") is None


def test_a_broken_pyproject_that_does_not_mention_torchlint_is_passed_over(tmp_path):
    write(tmp_path, "pyproject.toml", "[project\n")
    (tmp_path / "a").mkdir()
    assert load_settings(CODES, cwd=tmp_path / "a").config_path is None


def test_a_broken_pyproject_that_mentions_torchlint_is_an_error(tmp_path):
    write(tmp_path, "pyproject.toml", '[project]\ndependencies = ["torchlint"\nname = "x"\n')
    message = error(tmp_path)
    assert message.startswith("pyproject.toml: invalid TOML: ") and message.endswith("(at line 3, column 1)")


def test_config_option_replaces_the_search(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.torchlint]\nselect = ["TL001"]\n')
    write(tmp_path, "other/pyproject.toml", '[tool.torchlint]\nselect = ["TL002"]\nexclude = ["x"]\n')
    settings = load(tmp_path, config=Path("other/pyproject.toml"))
    assert (settings.select, settings.config_path, settings.root) == (
        ("TL002",), tmp_path / "other/pyproject.toml", tmp_path / "other")


def test_config_option_needs_the_table_and_the_file(tmp_path):
    write(tmp_path, "plain.toml", '[tool.ruff]\n')
    assert error(tmp_path, config="plain.toml") == "plain.toml: no [tool.torchlint] table"
    assert error(tmp_path, config="missing.toml") == "missing.toml: cannot read: No such file or directory"


# ---------------------------------------------------------------- command-line values


def test_cli_values_replace_the_config_key_by_key(tmp_path):
    (tmp_path / "cli_rules").mkdir()
    settings = load(tmp_path, """\
        select = ["TL001"]
        ignore = ["TL002"]
        exclude = ["a/"]
        extend-exclude = ["b/"]
        output-format = "json"
        [per-file-ignores]
        "x.py" = ["TL001"]
    """.replace("[per-file-ignores]", "[tool.torchlint.per-file-ignores]"), overrides={
        "select": ["TL00,TL010"],  # comma-separated, as typed after --select
        "extend_select": ["TL011"],  # snake_case works too
        "ignore": None,  # not given: the config's value stays
        "exclude": ["c/"],
        "extend-exclude": [],  # empty: not given
        "per-file-ignores": ["tests/*:TL001,TL01", "conftest.py:TL003"],
        "respect-gitignore": False,
        "rule-dirs": ["cli_rules"],
        "output-format": "sarif",
    })
    assert settings == Settings(
        select=("TL001", "TL003", "TL004", "TL005", "TL010", "TL011"),
        per_file_ignores=(("tests/*", frozenset({"TL001", "TL010", "TL011"})), ("conftest.py", frozenset({"TL003"}))),
        exclude=("c/", "b/"),
        respect_gitignore=False,
        rule_dirs=(tmp_path / "cli_rules",),
        output_format="sarif",
        config_path=tmp_path / "pyproject.toml",
        root=tmp_path,
    )


def test_cli_rule_dirs_are_relative_to_the_working_folder_and_config_ones_to_the_config(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.torchlint]\nrule-dirs = ["rules_a"]\n')
    (tmp_path / "rules_a").mkdir()
    (tmp_path / "sub/rules_b").mkdir(parents=True)
    assert load_settings(CODES, cwd=tmp_path / "sub").rule_dirs == (tmp_path / "rules_a",)
    assert load_settings(CODES, cwd=tmp_path / "sub", overrides={"rule-dirs": ["rules_b"]}).rule_dirs == (
        tmp_path / "sub/rules_b",)


def test_cli_values_may_be_single_strings(tmp_path):
    (tmp_path / "a,b").mkdir()  # a comma in a folder name is kept whole
    settings = load(tmp_path, overrides={"select": "TL001,TL002", "exclude": "x/,y/", "rule_dirs": "a,b",
                                         "per_file_ignores": "t/*:TL001,TL002"})
    assert (settings.select, settings.exclude, settings.rule_dirs, settings.per_file_ignores) == (
        ("TL001", "TL002"), ("x/", "y/"), (tmp_path / "a,b",), (("t/*", frozenset({"TL001", "TL002"})),))


def test_all_is_valid_even_without_rules(tmp_path):
    assert load(tmp_path, 'select = ["ALL"]\n', codes=()).select == ()


def test_an_unknown_override_key_is_a_programming_error(tmp_path):
    with pytest.raises(ValueError):
        load(tmp_path, overrides={"selekt": ["TL001"]})


# ---------------------------------------------------------------- rule-dirs and the codes of user rules


def test_rule_codes_come_from_a_function_of_the_rule_dirs(tmp_path):
    (tmp_path / "my_rules").mkdir()
    seen = []

    def rules_of(dirs):
        seen.append(dirs)
        return [*CODES, "XY100"]

    settings = load(tmp_path, 'rule-dirs = ["my_rules"]\nselect = ["XY"]\n', codes=rules_of)
    assert seen == [(tmp_path / "my_rules",)]
    assert settings.select == ("XY100",)


def test_rules_themselves_may_stand_for_their_codes(tmp_path):
    class Rule:
        def __init__(self, code):
            self.code = code

    settings = load(tmp_path, 'ignore = ["TL002"]\n', codes=lambda dirs: [Rule("TL001"), Rule("TL002")])
    assert settings.select == ("TL001",)


# ---------------------------------------------------------------- errors


def test_unknown_key_names_the_closest(tmp_path):
    assert error(tmp_path, 'selct = ["TL001"]\n') == (
        f"pyproject.toml: [tool.torchlint]: unknown key 'selct'; did you mean 'select'? The keys are {KEYS}")
    assert error(tmp_path, 'extend_select = ["TL001"]\n') == (
        f"pyproject.toml: [tool.torchlint]: unknown key 'extend_select'; did you mean 'extend-select'? "
        f"The keys are {KEYS}")
    assert error(tmp_path, 'zzz = 1\n') == f"pyproject.toml: [tool.torchlint]: unknown key 'zzz'. The keys are {KEYS}"


def test_unknown_code_suggests_the_closest(tmp_path):
    assert error(tmp_path, 'select = ["TL0010"]\n') == (
        f"pyproject.toml: [tool.torchlint] select: unknown rule code 'TL0010'; did you mean TL010? {THE_CODES}")
    assert error(tmp_path, 'ignore = ["E501"]\n') == (
        f"pyproject.toml: [tool.torchlint] ignore: unknown rule code 'E501'. {THE_CODES}")
    assert error(tmp_path, 'extend-select = [""]\n') == (
        f"pyproject.toml: [tool.torchlint] extend-select: unknown rule code ''. {THE_CODES}")
    assert error(tmp_path, '[tool.torchlint.per-file-ignores]\n"tests/*" = ["TL02"]\n') == (
        f'pyproject.toml: [tool.torchlint] per-file-ignores."tests/*": unknown rule code \'TL02\'; '
        f"did you mean TL002? {THE_CODES}")


def test_unknown_code_on_the_command_line_names_the_option(tmp_path):
    assert error(tmp_path, overrides={"select": ["TL001,TL0011"]}) == (
        f"--select: unknown rule code 'TL0011'; did you mean TL011? {THE_CODES}")
    assert error(tmp_path, overrides={"per_file_ignores": ["a.py:TL9"]}) == (
        f"--per-file-ignores 'a.py:TL9': unknown rule code 'TL9'. {THE_CODES}")
    assert error(tmp_path, overrides={"per-file-ignores": ["a.py"]}) == (
        "--per-file-ignores: expected GLOB:CODE[,CODE...], got 'a.py'")
    assert error(tmp_path, overrides={"output-format": "jsn"}) == (
        "--output-format: unknown output format 'jsn'; did you mean json? "
        "The formats are full, concise, json, sarif, github, junit")


@pytest.mark.parametrize("toml, message", [
    ('select = "TL001"', "select: expected a list of rule codes, got a string"),
    ('ignore = [1]', "ignore: expected a list of rule codes, got an integer (1) in the list"),
    ('extend-select = {a = 1}', "extend-select: expected a list of rule codes, got a table"),
    ('exclude = "build"', "exclude: expected a list of glob patterns, got a string"),
    ('extend-exclude = [true]', "extend-exclude: expected a list of glob patterns, got a boolean (True) in the list"),
    ('exclude = ["!"]', "exclude: invalid glob pattern '!' (Invalid git pattern: '!')"),
    ('respect-gitignore = "yes"', "respect-gitignore: expected true or false, got a string"),
    ('rule-dirs = "rules"', "rule-dirs: expected a list of folder paths, got a string"),
    ('output-format = 1', "output-format: expected one of full, concise, json, sarif, github, junit, got an integer"),
    ('output-format = "xml"', "output-format: unknown output format 'xml'. "
                              "The formats are full, concise, json, sarif, github, junit"),
    ('per-file-ignores = ["a"]', "per-file-ignores: expected a table of glob = [rule codes], got a list"),
    ('per-file-ignores = {"a.py" = "TL001"}', 'per-file-ignores."a.py": expected a list of rule codes, got a string'),
    ('select = 1979-05-27', "select: expected a list of rule codes, got a date or time"),
])
def test_wrong_types_name_the_key_the_expected_and_the_found(tmp_path, toml, message):
    assert error(tmp_path, toml + "\n") == "pyproject.toml: [tool.torchlint] " + message


def test_missing_rule_dir(tmp_path):
    assert error(tmp_path, 'rule-dirs = ["nope"]\n') == (
        f"pyproject.toml: [tool.torchlint] rule-dirs: 'nope' is not a folder (looked for {tmp_path / 'nope'})")


def test_toml_syntax_error_gives_the_line_and_column(tmp_path):
    message = error(tmp_path, 'select = ["TL001"\nignore = []\n')
    assert message.startswith("pyproject.toml: invalid TOML: ")
    assert message.endswith("(at line 3, column 1)")


def test_table_of_the_wrong_type(tmp_path):
    write(tmp_path, "pyproject.toml", "[tool]\ntorchlint = 1\n")
    assert error(tmp_path) == "pyproject.toml: [tool.torchlint]: expected a table, got an integer"


def test_not_utf8(tmp_path):
    (tmp_path / "pyproject.toml").write_bytes(b"[tool.torchlint]\n# caf\xe9\n")
    assert error(tmp_path) == "pyproject.toml: cannot read: not UTF-8 text (invalid continuation byte at byte 22)"


def test_a_config_above_the_working_folder_is_named_by_its_full_path(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.torchlint]\nselect = "TL001"\n')
    (tmp_path / "sub").mkdir()
    assert error(tmp_path, cwd=tmp_path / "sub") == (
        f"{tmp_path / 'pyproject.toml'}: [tool.torchlint] select: expected a list of rule codes, got a string")
