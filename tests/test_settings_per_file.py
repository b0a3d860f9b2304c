"""Each file checked with its own project's settings, force-exclude, --show-settings
and --show-files, through the installed command, as editors and pre-commit run it."""

from test_cli import run, write
from test_cli_surface import PITFALLS

TL002 = ("{path}:3:11: TL002 [*] .view() on 'x.t()', which is not contiguous since .t() on line 3; "
         "use .reshape(...) or .contiguous().view(...)")
TL001 = ("{path}:5:7: TL001 [*] .numpy() on 'w', which requires grad since torch.randn(3, requires_grad=True) "
         "on line 4; use .detach().numpy()")


def monorepo(tmp_path):
    """Two projects side by side, each with its own [tool.torchlint], and a folder with none."""
    for name in ("proj/train.py", "proj/legacy/old.py", "other/model.py", "loose/script.py"):
        write(tmp_path, name, PITFALLS)
    write(tmp_path, "proj/pyproject.toml", '[tool.torchlint]\nexclude = ["legacy/"]\nignore = ["TL001"]\n')
    write(tmp_path, "other/pyproject.toml", '[tool.torchlint]\nselect = ["TL001"]\n')
    (tmp_path / "elsewhere").mkdir()
    return tmp_path


def test_a_file_named_from_elsewhere_takes_its_own_projects_config(tmp_path):
    root = monorepo(tmp_path)
    train = str(root / "proj" / "train.py")
    result = run("--no-cache", train, cwd=root / "elsewhere")
    assert (result.returncode, result.stdout) == (1, TL002.format(path=train) + "\n")


def test_each_file_of_one_run_takes_the_nearest_config(tmp_path):
    root = monorepo(tmp_path)
    result = run("--no-cache", ".", cwd=root)
    # proj/: TL001 ignored, legacy/ excluded; other/: only TL001; loose/: no config, every rule
    assert result.stdout == "\n".join([
        TL002.format(path="loose/script.py"), TL001.format(path="loose/script.py"),
        TL001.format(path="other/model.py"), TL002.format(path="proj/train.py")]) + "\n"
    assert result.stderr == "Found 4 problems in 3 of 3 files.\n[*] 4 fixable with --fix.\n"


def test_command_line_values_go_on_top_of_every_config(tmp_path):
    root = monorepo(tmp_path)
    result = run("--no-cache", "--ignore", "TL002", "proj/train.py", "other/model.py", cwd=root)
    assert result.stdout == TL001.format(path="other/model.py") + "\n" + TL001.format(path="proj/train.py") + "\n"


def test_config_option_gives_one_config_to_every_file(tmp_path):
    root = monorepo(tmp_path)
    result = run("--no-cache", "--config", "proj/pyproject.toml", "other/model.py", cwd=root)
    assert result.stdout == TL002.format(path="other/model.py") + "\n"


def test_a_broken_config_of_another_project_is_an_error_naming_it(tmp_path):
    root = monorepo(tmp_path)
    write(root, "other/pyproject.toml", '[tool.torchlint]\nselect = ["TL0O1"]\n')
    result = run("--no-cache", ".", cwd=root / "proj")
    assert result.returncode == 1 and "error" not in result.stderr  # the run never meets other/
    result = run("--no-cache", "proj", "other", cwd=root)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("error: other/pyproject.toml: [tool.torchlint] select: unknown rule code 'TL0O1'")


def test_force_exclude_holds_for_named_files(tmp_path):
    root = monorepo(tmp_path)
    named = run("--no-cache", "proj/legacy/old.py", "proj/train.py", cwd=root)
    assert named.stdout.splitlines()[0] == TL002.format(path="proj/legacy/old.py")
    forced = run("--no-cache", "--force-exclude", "proj/legacy/old.py", "proj/train.py", cwd=root)
    assert (forced.returncode, forced.stdout) == (1, TL002.format(path="proj/train.py") + "\n")
    assert forced.stderr == "Found 1 problem in 1 of 1 file.\n[*] 1 fixable with --fix.\n"
    only = run("--no-cache", "--force-exclude", "proj/legacy/old.py", cwd=root)
    assert (only.returncode, only.stdout, only.stderr) == (0, "", "All checks passed (0 files).\n")


def test_force_exclude_drops_an_excluded_stdin_filename(tmp_path):
    root = monorepo(tmp_path)
    result = run("--force-exclude", "-", "--stdin-filename", "proj/legacy/old.py", cwd=root, stdin=PITFALLS)
    assert (result.returncode, result.stdout) == (0, "")
    result = run("-", "--stdin-filename", "proj/legacy/old.py", cwd=root, stdin=PITFALLS)
    assert (result.returncode, result.stdout) == (1, TL002.format(path="proj/legacy/old.py") + "\n")


def test_show_settings(tmp_path):
    root = monorepo(tmp_path)
    result = run("--show-settings", "../proj/legacy/old.py", "--force-exclude", "--per-file-ignores",
                 "legacy/*:TL003", cwd=root / "elsewhere")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "# the settings of ../proj/legacy/old.py\n"
        f"# from {root / 'proj' / 'pyproject.toml'}; paths are relative to {root / 'proj'}\n"
        'select = ["TL002", "TL003", "TL004", "TL005", "TL006", "TL007", "TL008", "TL009", "TL010", "TL011", '
        '"TL101", "TL102", "TL103", "TL104", "TL105", "TL106", "TL107", "TL108"]\n'
        'exclude = ["legacy/"]\n'
        "force-exclude = true\n"
        'per-file-ignores = { "legacy/*" = ["TL003"] }\n'
        "respect-gitignore = true\n"
        "rule-dirs = []\n"
        "# in this file, per-file-ignores turn off: TL003\n"
        "# force-exclude excludes this file: it is not checked\n")
    loose = run("--show-settings", "loose/script.py", cwd=root)
    assert loose.stdout.splitlines()[1] == f"# no configuration found: the defaults; paths are relative to {root}"
    assert loose.stdout.splitlines()[2] == ('select = ["TL001", "TL002", "TL003", "TL004", "TL005", "TL006", '
                                            '"TL007", "TL008", "TL009", "TL010", "TL011", "TL101", "TL102", "TL103", '
                                            '"TL104", "TL105", "TL106", "TL107", "TL108"]')


def test_show_files_lists_what_would_be_checked(tmp_path):
    root = monorepo(tmp_path)
    result = run("--show-files", cwd=root)
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "loose/script.py\nother/model.py\nproj/train.py\n", "")
    forced = run("--show-files", "--force-exclude", "proj/legacy/old.py", "proj/train.py", cwd=root)
    assert forced.stdout == "proj/train.py\n"
