"""The command line: `torchlint [PATHS]...`, `torchlint rules`, `torchlint explain CODE`, `torchlint clean`."""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Optional

import click

from . import __version__

EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2
FORMATS = ("full", "concise", "json", "sarif", "github", "junit")
# Formats a program reads: no progress bar, no summary mixed into a file.
MACHINE_FORMATS = ("json", "sarif", "github", "junit")
PROGRESS_MIN_FILES = 200

CHECK_EPILOG = """\b
Examples:
  torchlint                      check every *.py and *.ipynb under the current folder
  torchlint train.py models/     check a file and a folder
  torchlint --select TL001,TL002 --format json src/
  cat f.py | torchlint - --stdin-filename f.py
  torchlint explain TL002        what TL002 finds, why, and how to fix it
  torchlint rules                list the rules

Exit status: 0 when clean, 1 when something was found, 2 on a usage,
configuration or internal error.
"""


class DefaultToCheck(click.Group):
    """`torchlint PATH...` runs `check`; the other subcommands keep their names."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and _looks_like_a_command(args[0]):
            _unknown_command(ctx, args[0], sorted(self.commands))
        if not any(a in ("--help", "-h", "--version") for a in args[:1]) and (
                not args or args[0] not in self.commands):
            args = ["check", *args]
        return super().parse_args(ctx, args)

    # `torchlint --help` is mostly about checking: it shows check's options, then the commands
    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, "[OPTIONS] [PATHS]...")
        formatter.write_usage(ctx.command_path, "COMMAND [ARGS]...", prefix="       ")

    def format_options(self, ctx, formatter):
        check = self.commands["check"]
        records = [record for param in check.get_params(ctx)
                   if isinstance(param, click.Option) and (record := param.get_help_record(ctx))]
        records += [record for param in self.get_params(ctx) if param.name == "version"
                    and (record := param.get_help_record(ctx))]
        with formatter.section("Options (of check, the default command)"):
            formatter.write_dl(records)
        self.format_commands(ctx, formatter)


def _looks_like_a_command(arg: str) -> bool:
    """A bare word that is no file or folder: `explian`, `server`, `help`, not `train.py` or `src/`."""
    return re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", arg) is not None and not os.path.lexists(arg)


def _unknown_command(ctx, word: str, commands: list, what: str = "neither a command nor a file or folder") -> None:
    close = difflib.get_close_matches(word.lower(), commands, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else "."
    click.echo(f"error: '{word}' is {what}{hint} "
               f"The commands are {', '.join(commands)}; `{ctx.command_path} --help` shows them all.", err=True)
    sys.exit(EXIT_ERROR)


@click.group(cls=DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=CHECK_EPILOG)
@click.version_option(__version__, "--version", prog_name="torchlint", message="%(prog)s %(version)s")
def main() -> None:
    """A static linter for PyTorch pitfalls: tensors that still require grad,
    views of non-contiguous tensors, backward() on non-scalars, and more."""


def _codes(values) -> Optional[list]:
    """`--select TL001,TL002 --select TL005` -> ["TL001", "TL002", "TL005"]."""
    if not values:
        return None
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


@main.command(epilog=CHECK_EPILOG)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "--output-format", "output_format", type=click.Choice(FORMATS),
              help="Output format (default: full on a terminal, concise otherwise; or output-format in the config).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="The pyproject.toml to use, instead of the nearest one holding [tool.torchlint].")
@click.option("--select", multiple=True, metavar="CODES", help="Rules to run, by code or prefix (TL00, ALL).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Rules not to run.")
@click.option("--extend-select", multiple=True, metavar="CODES", help="Rules to run on top of the selection.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Paths to skip (replaces the config's exclude).")
@click.option("--extend-exclude", multiple=True, metavar="GLOB", help="More paths to skip.")
@click.option("--per-file-ignores", multiple=True, metavar="GLOB:CODES", help="Codes to ignore in matching files.")
@click.option("--force-exclude/--no-force-exclude", default=None,
              help="Apply exclude to files named on the command line too (as pre-commit names them).")
@click.option("--respect-gitignore/--no-respect-gitignore", default=None, help="Skip files that .gitignore lists.")
@click.option("--rule-dir", "--rule-dirs", "rule_dirs", multiple=True, type=click.Path(file_okay=False),
              help="A folder of your own rule modules (repeatable).")
@click.option("--stdin-filename", metavar="PATH", help="The name to report for source read from stdin (PATH '-').")
@click.option("--statistics", is_flag=True, help="Print how many times each code was found, instead of the findings.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when something was found.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line, no progress bar.")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False), help="Write the findings to this file.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: the usable cores).")
@click.option("--fix", is_flag=True, help="Apply the safe fixes, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True,
              help="Count unsafe fixes as fixable too (with --fix or --diff: apply them).")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and change nothing (exit 1 if any).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False),
              help="Where results are cached (default: .torchlint_cache beside the config).")
@click.option("--show-settings", metavar="FILE", type=click.Path(),
              help="Print the settings FILE is checked with, and the configuration they come from; check nothing.")
@click.option("--show-files", is_flag=True, help="Print the files that would be checked, one a line; check nothing.")
@click.option("--add-noqa", is_flag=True,
              help="Add a `# noqa: CODE` comment to each line with a finding, instead of printing the findings.")
def check(paths, output_format, config_path, select, ignore, extend_select, exclude, extend_exclude,
          per_file_ignores, force_exclude, respect_gitignore, rule_dirs, stdin_filename, statistics, exit_zero,
          quiet, output_file, jobs, fix, unsafe_fixes, diff, no_cache, cache_dir, show_settings, show_files,
          add_noqa) -> None:
    """Check Python files, notebooks and folders (default: the current folder)."""
    overrides = {
        "select": _codes(select), "ignore": _codes(ignore), "extend-select": _codes(extend_select),
        "exclude": list(exclude) or None, "extend-exclude": list(extend_exclude) or None,
        "force-exclude": force_exclude,
        "per-file-ignores": list(per_file_ignores) or None, "respect-gitignore": respect_gitignore,
        "rule-dirs": list(rule_dirs) or None, "output-format": output_format,
    }
    _one_mode(add_noqa=add_noqa, statistics=statistics, show_files=show_files, show_settings=show_settings, fix=fix,
              diff=diff,
              stdin=paths == ("-",) or bool(stdin_filename))
    tree = _settings_tree(config_path, {k: v for k, v in overrides.items() if v is not None})
    settings = tree.base
    if show_settings is not None:
        _show_settings(tree, show_settings)
        return
    fmt = settings.output_format or ("full" if sys.stdout.isatty() else "concise")
    from .cache import DEFAULT_DIR

    cache = None if no_cache else str(Path(cache_dir) if cache_dir else settings.root / DEFAULT_DIR)

    from .runner import Job, usable_cores

    job = Job(rule_dirs=(), select=None, cache_dir=cache)  # the rules come from each file's settings
    stdin = paths == ("-",) or bool(stdin_filename and not paths)
    stdin_data = None
    if stdin:
        results, stdin_data = _lint_stdin(stdin_filename or "-", job, tree)
        files = len(results)
    elif "-" in paths:
        raise click.UsageError("'-' (standard input) cannot be combined with other paths")
    else:
        items = _discover(paths, tree)
        if show_files:
            _write("".join(f"{path}\n" for path, _error in items), output_file)
            return
        files = len(items)
        show_progress = (not quiet and fmt not in MACHINE_FORMATS and files >= PROGRESS_MIN_FILES
                         and sys.stderr.isatty() and output_file is None)
        results = _with_progress(_lint_by_settings(items, tree, job, jobs or usable_cores()), files, show_progress)

    rules = _rules_of_run(tree)
    from .fix_files import FixReport, fix_result, fix_stdin

    report, fixed_stdin = FixReport(), None
    found, sources, gave_up = [], {}, {}
    for result in results:
        if result.gave_up:
            gave_up[result.path] = result.gave_up
        file_settings = tree.for_path(result.path)
        ignored = file_settings.ignored_codes_for(result.path)
        if fix or diff:
            file_rules = _selected_rules(file_settings)
            if stdin:
                result, fixed_stdin = fix_stdin(result, stdin_data, file_rules, ignored, unsafe_fixes, report)
            else:
                result = fix_result(result, None, file_rules, ignored, unsafe_fixes, write=not diff, report=report)
        kept = [d for d in result.diagnostics if d.code not in ignored or d.internal_error]
        if kept and result.text is not None:
            sources[result.path] = result.text
        elif kept and result.path.endswith(".ipynb"):
            _add_notebook_text(sources, result.path)
        found.extend(kept)
    found.sort()

    internal = any(d.internal_error for d in found)
    if add_noqa:
        _write_noqa(found)
    if diff:  # the diff is the output: nothing is written, nothing else printed to stdout
        _write("".join(report.diffs), output_file)
        if not quiet:
            _fix_summary(report)
        sys.exit(EXIT_ERROR if internal else (EXIT_FOUND if report.diffs else EXIT_CLEAN))
    if statistics:
        text = _statistics_json(found, rules, gave_up) if fmt == "json" else _statistics(found, rules, gave_up)
    else:
        from .formats import render

        color = fmt == "full" and output_file is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        text = render(fmt, found, rules, sources=sources, files_checked=files, color=color,
                      unsafe_fixes=unsafe_fixes)
    if fix and stdin:  # `--fix -`: the fixed source is the output; the findings go to stderr
        _write(fixed_stdin if fixed_stdin is not None else stdin_data.decode("utf-8", "replace"), output_file)
        click.echo(text, err=True, nl=False)
    else:
        _write(text, output_file)
    if not quiet:
        _summary(found, files, gave_up, report.applied if fix else None, unsafe_fixes)
    sys.exit(EXIT_ERROR if internal else (EXIT_FOUND if found and not exit_zero else EXIT_CLEAN))


def _one_mode(*, add_noqa: bool, stdin: bool, **others) -> None:
    """--add-noqa writes files: it runs alone, on files."""
    if not add_noqa:
        return
    given = [f"--{name.replace('_', '-')}" for name, value in others.items() if value]
    if given:
        raise click.UsageError(f"--add-noqa cannot be combined with {', '.join(given)}")
    if stdin:
        raise click.UsageError("--add-noqa writes files; it cannot take standard input")


def _write_noqa(found: list) -> None:
    """--add-noqa: the comments written, what was left and why; exit 0 when every finding got its comment."""
    from .add_noqa import add_noqa

    added = add_noqa(found)
    for problem in added.problems:
        click.echo(problem, err=True)
    codes, files = added.comments, added.files
    code_word, file_word = "code" if codes == 1 else "codes", "file" if files == 1 else "files"
    click.echo(f"Added {codes} noqa {code_word} to {files} {file_word}.", err=True)
    sys.exit(EXIT_FOUND if added.problems else EXIT_CLEAN)


def _settings_tree(config_path, overrides: dict):
    """The settings of the run, resolved per file; exit 2 on any error in the
    working folder's configuration (those of other folders are read as files meet them)."""
    from .config_tree import SettingsTree

    return _or_exit(lambda: SettingsTree(_rules_in, config=Path(config_path) if config_path else None,
                                         overrides=overrides))


def _or_exit(compute):
    """compute(), or the configuration or rule error it raises printed and exit 2."""
    from .config import ConfigError
    from .rule import RuleLoadError

    try:
        return compute()
    except (ConfigError, RuleLoadError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)


_LOADED: dict = {}  # rule folders -> their rules: each configuration naming the same folders shares them


def _rules_in(dirs) -> list:
    """The built-in rules and those of the given folders (the config names them before codes resolve)."""
    from .rule import builtin_rule_dir, load_rules

    from .unused_noqa import UnusedNoqa

    key = tuple(dirs)
    if key not in _LOADED:
        rules = load_rules([builtin_rule_dir(), *dirs])
        _LOADED[key] = rules + [UnusedNoqa(rule.code for rule in rules)]
    return _LOADED[key]


def _selected_rules(settings) -> list:
    return [r for r in _rules_in(settings.rule_dirs) if r.code in settings.select]


def _rules_of_run(tree) -> list:
    """The selected rules of every configuration the run met, by code."""
    rules: dict = {}
    for settings in tree.all_settings():
        for rule in _selected_rules(settings):
            rules.setdefault(rule.code, rule)
    return [rules[code] for code in sorted(rules)]


def _job_for(settings, job):
    from dataclasses import replace

    return replace(job, rule_dirs=tuple(str(d) for d in _rule_dirs(settings)), select=frozenset(settings.select))


def _discover(paths, tree) -> list:
    from .files import discover

    # "./a.py" from walking "." is reported as "a.py", as users write it
    return _or_exit(lambda: [(os.path.normpath(path), error) for path, error in discover(list(paths) or ["."], tree)])


def _lint_by_settings(items: list, tree, job, jobs: int):
    """Results of the items, each file checked with the rules its own settings select:
    one batch per distinct selection, in the order the batches were met."""
    from .runner import lint_all

    batches: dict = {}
    for path, error in items:
        batches.setdefault(_job_for(tree.for_path(path), job), []).append((path, error))
    for batch_job, batch in batches.items():
        yield from lint_all(batch, batch_job, jobs)


def _show_settings(tree, path: str) -> None:
    """What `--show-settings FILE` prints: the resolved keys as TOML, with where
    they come from and what they do to FILE as comments."""
    import json

    from .files import force_excluded

    settings = _or_exit(lambda: tree.for_path(path))

    def toml(value) -> str:  # lists and strings of TOML are JSON's
        return json.dumps(value) if not isinstance(value, bool) else str(value).lower()

    source = f"from {settings.config_path}" if settings.config_path else "no configuration found: the defaults"
    ignores = ", ".join(f"{toml(glob)} = {toml(sorted(codes))}" for glob, codes in settings.per_file_ignores)
    lines = [
        f"# the settings of {path}",
        f"# {source}; paths are relative to {settings.root}",
        f"select = {toml(list(settings.select))}",
        f"exclude = {toml(list(settings.exclude))}",
        f"force-exclude = {toml(settings.force_exclude)}",
        f"per-file-ignores = {{{' ' + ignores + ' ' if ignores else ''}}}",
        f"respect-gitignore = {toml(settings.respect_gitignore)}",
        f"rule-dirs = {toml([str(d) for d in settings.rule_dirs])}",
    ]
    if settings.output_format:
        lines.append(f"output-format = {toml(settings.output_format)}")
    turned_off = sorted(settings.ignored_codes_for(path))
    lines.append(f"# in this file, per-file-ignores turn off: {', '.join(turned_off) or 'nothing'}")
    if force_excluded(path, settings):
        lines.append("# force-exclude excludes this file: it is not checked")
    click.echo("\n".join(lines))


def _rule_dirs(settings) -> list:
    from .rule import builtin_rule_dir

    return [builtin_rule_dir(), *settings.rule_dirs]


def _lint_stdin(name: str, job, tree) -> tuple:
    """(the results, the bytes read) of an editor's unsaved buffer: never cached,
    reported under the given name and checked with its settings; no result when
    force-exclude excludes that name."""
    from dataclasses import replace

    from .files import force_excluded
    from .runner import lint_bytes, start_worker

    settings = _or_exit(lambda: tree.for_path(name))
    if name != "-" and force_excluded(name, settings):
        return [], b""
    start_worker(replace(_job_for(settings, job), cache_dir=None))
    data = sys.stdin.buffer.read()
    result = lint_bytes(name, data)
    if name.endswith(".ipynb") and result.diagnostics:  # not on disk: the formats place findings by this text
        from .files import decode

        result.text = decode(name, data).text
    return [result], data


def _add_notebook_text(sources: dict, path: str) -> None:
    """A notebook's JSON, by which formats place its findings on the file's own lines."""
    from .files import read

    text = read(path).text
    if text is not None:
        sources[path] = text


def _with_progress(results, total: int, show: bool):
    if not show:
        yield from results
        return
    with click.progressbar(length=total, label="Checking", file=sys.stderr) as bar:
        for result in results:
            bar.update(1)
            yield result


def _statistics(found: list, rules: list, gave_up: dict) -> str:
    """How many times each code was found; then what the interpreter gave up for
    time, summed over the files, and in how many files."""
    names = {rule.code: rule.name for rule in rules}
    counts = Counter(d.code for d in found)
    width = len(str(max(counts.values()))) if counts else 1
    text = "".join(f"{counts[code]:>{width}}  {code}  {names.get(code, 'file-error')}\n"
                   for code in sorted(counts, key=lambda c: (-counts[c], c)))
    if gave_up:
        given, where = Counter(), Counter()
        for per_file in gave_up.values():
            given.update(per_file)
            where.update(per_file.keys())
        width = len(str(max(given.values())))
        text += "\ngiven up for time:\n" + "".join(
            f"{given[what]:>{width}}  {what} (in {where[what]} {'file' if where[what] == 1 else 'files'})\n"
            for what in sorted(given))
    return text


def _problems(n: int) -> str:
    return "problem" if n == 1 else "problems"


def _fixable_hint(found: list, fix: bool, unsafe_fixes: bool) -> None:
    """How many of the findings a fix would address, and with which option."""
    safe = sum(1 for d in found if d.fix is not None and d.fix.safe)
    unsafe = sum(1 for d in found if d.fix is not None and not d.fix.safe)
    fixable = safe + unsafe if unsafe_fixes else safe
    hidden = 0 if unsafe_fixes else unsafe
    if fixable and not fix:
        more = f" ({hidden} more with --unsafe-fixes)" if hidden else ""
        click.echo(f"[*] {fixable} fixable with --fix{more}.", err=True)
    elif hidden:
        click.echo(f"{hidden} more fixable with --unsafe-fixes.", err=True)


def _fix_summary(report) -> None:
    if report.applied:
        files = "file" if report.files == 1 else "files"
        click.echo(f"Would fix {report.applied} {_problems(report.applied)} in {report.files} {files}.", err=True)
    else:
        click.echo("No fixes to apply.", err=True)


def _statistics_json(found: list, rules: list, gave_up: dict) -> str:
    """The same counts for programs: each code as ruff's `--statistics` JSON has it,
    and what was given up for time."""
    import json

    names = {rule.code: rule.name for rule in rules}
    fixable = {rule.code for rule in rules if rule.fixable}
    counts = Counter(d.code for d in found)
    given, where = Counter(), Counter()
    for per_file in gave_up.values():
        given.update(per_file)
        where.update(per_file.keys())
    return json.dumps({
        "statistics": [{"code": code, "name": names.get(code, "file-error"), "count": counts[code],
                        "fixable": code in fixable}
                       for code in sorted(counts, key=lambda c: (-counts[c], c))],
        "given_up": [{"what": what, "count": given[what], "files": where[what]} for what in sorted(given)],
    }, indent=2) + "\n"


# what makes a file "only partly analysed": code that was never looked at (calls not
# followed and widened loops still analyse every line, with less known)
PARTLY = "functions not analysed"


def _write(text: str, output_file: Optional[str]) -> None:
    if output_file is None:
        out = click.get_text_stream("stdout")
        out.write(text)
        out.flush()
        return
    try:
        Path(output_file).write_text(text, encoding="utf-8")
    except OSError as exc:
        click.echo(f"error: cannot write {output_file}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_ERROR)


def _summary(found: list, files: int, gave_up: dict, fixed: Optional[int] = None, unsafe_fixes: bool = False) -> None:
    """The closing lines: how many were found (with --fix, `fixed` not None: and fixed),
    how many a fix would address, and the files only partly analysed."""
    noun = "file" if files == 1 else "files"
    if fixed:
        total = len(found) + fixed
        where = f" in {len({d.path for d in found})} of {files} {noun}" if found else ""
        click.echo(f"Found {total} {_problems(total)} ({fixed} fixed, {len(found)} remaining){where}.", err=True)
    elif found:
        with_problems = len({d.path for d in found})
        click.echo(f"Found {len(found)} {_problems(len(found))} in {with_problems} of {files} {noun}.", err=True)
    else:
        click.echo(f"All checks passed ({files} {noun}).", err=True)
    _fixable_hint(found, fixed is not None, unsafe_fixes)
    partly = sorted(path for path, given in gave_up.items() if given.get(PARTLY))
    if partly:
        skipped = sum(gave_up[path][PARTLY] for path in partly)
        where = partly[0] if len(partly) == 1 else f"{len(partly)} files"
        click.echo(f"Note: {where} only partly analysed: {skipped} {PARTLY} within the per-file budget "
                   f"(see --statistics); findings there may be missing.", err=True)


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True,
              help="text: a table of code, name, fix (yes when the rule offers a fix) and what it finds; json: "
                   "the same fields as objects; markdown: the README's table of code, name, what it finds and "
                   "PyTorch's failure (the error or warning torch prints, from the rule's documentation).")
def list_rules(output_format: str) -> None:
    """List torchlint's built-in rules (not those of rule-dirs)."""
    rules = _builtin_rules()
    if output_format == "markdown":  # the README's table of PyTorch's failures: TL900 has none
        from .rule_table import render

        click.echo(render([rule for rule in rules if rule.repro is not None]), nl=False)
        return
    if output_format == "json":
        import json

        click.echo(json.dumps([{"code": r.code, "name": r.name, "fixable": bool(r.fixable),
                                "summary": r.summary} for r in rules], indent=2))
        return
    width = max(len(rule.name) for rule in rules)
    click.echo(f"{'code':<5}  {'name':<{width}}  fix  finds")
    for rule in rules:
        fixable = "yes" if rule.fixable else "no"
        click.echo(f"{rule.code}  {rule.name:<{width}}  {fixable:<3}  {rule.summary}")


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Show a rule's documentation and its runtime repro."""
    rules = _builtin_rules()
    for rule in rules:
        if rule.code == code.upper() or rule.name == code:
            click.echo(f"# {rule.code} {rule.name}\n")
            click.echo(rule.doc.strip() + "\n")
            if rule.repro is not None:
                click.echo("## Runtime repro (checked against torch by the tests)\n")
                repro = rule.repro
                if repro.entry:
                    sizes = ", ".join(repro.sizes)
                    click.echo(f"Called as `{repro.entry}`, with {sizes} drawn at random (each 2 or more),")
                    click.echo("this fails for every draw with " + f"{repro.error}: {repro.message}...\n")
                else:
                    click.echo("This fails with " + f"{repro.error}: {repro.message}...\n")
                click.echo(_indent(repro.bad) + "\nand this runs clean:\n")
                click.echo(_indent(repro.good))
            return
    known = ", ".join(r.code for r in rules)
    click.echo(f"error: unknown rule {code!r}; the rules are {known}", err=True)
    sys.exit(EXIT_ERROR)


# ruff's name for explain, which its users type
main.add_command(click.Command("rule", callback=explain.callback, params=explain.params,
                               help="The same as explain: a rule's documentation and its runtime repro."))


@main.command()
def server() -> None:
    """Run the language server on stdin and stdout (needs the lsp extra: pip install "torchlint[lsp]")."""
    try:
        from .server.app import serve
    except ImportError as exc:  # pygls is an optional extra
        click.echo(f"error: the language server needs pygls ({exc}); "
                   'install it with: pip install "torchlint[lsp]"', err=True)
        sys.exit(EXIT_ERROR)
    serve()


@main.command("help")
@click.argument("command", required=False)
@click.pass_context
def help_(ctx, command: Optional[str]) -> None:
    """Show the help of torchlint, or of one command."""
    group = ctx.parent.command
    if command is None:
        click.echo(group.get_help(ctx.parent))
        return
    found = group.get_command(ctx.parent, command)
    if found is None:
        _unknown_command(ctx.parent, command, sorted(group.commands), what="not a command")
    click.echo(found.get_help(click.Context(found, info_name=command, parent=ctx.parent)))


@main.command()
@click.option("--cache-dir", type=click.Path(file_okay=False), help="The cache to remove (default: .torchlint_cache).")
def clean(cache_dir: Optional[str]) -> None:
    """Remove the cache."""
    from .cache import DEFAULT_DIR, clean as remove
    from .config import find_config

    config = find_config(Path.cwd())
    target = Path(cache_dir) if cache_dir else (config.parent if config else Path.cwd()) / DEFAULT_DIR
    try:
        removed = remove(target)
    except OSError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"Removed {target}" if removed else f"No cache at {target}", err=True)


def _indent(code: str) -> str:
    return "\n".join("    " + line if line else "" for line in code.strip("\n").splitlines()) + "\n"


def _builtin_rules() -> list:
    from .rule import RuleLoadError, builtin_rule_dir, load_rules

    from .unused_noqa import UnusedNoqa

    try:
        rules = load_rules([builtin_rule_dir()])
        return rules + [UnusedNoqa(rule.code for rule in rules)]
    except RuleLoadError as exc:
        click.echo(f"error: cannot load rules: {exc}", err=True)
        sys.exit(EXIT_ERROR)
