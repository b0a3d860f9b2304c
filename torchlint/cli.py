"""The command line: `torchlint [PATHS]...`, `torchlint rules`, `torchlint explain CODE`."""

from __future__ import annotations

import sys

import click

from . import __version__

EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2

CHECK_EPILOG = """\b
Examples:
  torchlint                      check every *.py under the current folder
  torchlint train.py models/     check a file and a folder
  torchlint explain TL002        what TL002 finds, why, and how to fix it
  torchlint rules                list the rules

Exit status: 0 when clean, 1 when something was found, 2 on a usage or
internal error.
"""


class DefaultToCheck(click.Group):
    """`torchlint PATH...` runs `check`; the other subcommands keep their names."""

    def parse_args(self, ctx, args):
        if not any(a in ("--help", "-h", "--version") for a in args[:1]) and (
                not args or args[0] not in self.commands):
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=CHECK_EPILOG)
@click.version_option(__version__, "--version", prog_name="torchlint", message="%(prog)s %(version)s")
def main() -> None:
    """A static linter for PyTorch pitfalls: tensors that still require grad,
    views of non-contiguous tensors, backward() on non-scalars, and more."""


@main.command(epilog=CHECK_EPILOG)
@click.argument("paths", nargs=-1, type=click.Path())
def check(paths) -> None:
    """Check Python files and folders (default: the current folder)."""
    from .engine import PARSE_ERROR, Diagnostic, check_source
    from .files import discover, read

    rules = _rules()
    files = 0
    found = []
    internal = False
    for path, error in discover(list(paths) or ["."]):
        files += 1
        if error is None:
            source = read(path)
            error = source.error
        if error is not None:
            found.append(Diagnostic(path, 1, 1, PARSE_ERROR, error))
            continue
        diagnostics = check_source(source.text, path, rules)
        internal = internal or any(d.internal_error for d in diagnostics)
        found.extend(diagnostics)
    out = click.get_text_stream("stdout")
    for diagnostic in found:
        out.write(diagnostic.concise() + "\n")
    out.flush()
    noun = "file" if files == 1 else "files"
    if found:
        with_problems = len({d.path for d in found})
        problem = "problem" if len(found) == 1 else "problems"
        click.echo(f"Found {len(found)} {problem} in {with_problems} of {files} {noun}.", err=True)
    else:
        click.echo(f"All checks passed ({files} {noun}).", err=True)
    sys.exit(EXIT_ERROR if internal else (EXIT_FOUND if found else EXIT_CLEAN))


@main.command("rules")
def list_rules() -> None:
    """List every rule: code, name and what it finds."""
    for rule in _rules():
        click.echo(f"{rule.code}  {rule.name:<30} {rule.summary}")


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Show a rule's documentation and its runtime repro."""
    for rule in _rules():
        if rule.code == code.upper() or rule.name == code:
            click.echo(f"# {rule.code} {rule.name}\n")
            click.echo(rule.doc.strip() + "\n")
            if rule.repro is not None:
                click.echo("## Runtime repro (checked against torch by the tests)\n")
                click.echo("This fails with " + f"{rule.repro.error}: {rule.repro.message}...\n")
                click.echo(_indent(rule.repro.bad) + "\nand this runs clean:\n")
                click.echo(_indent(rule.repro.good))
            return
    known = ", ".join(r.code for r in _rules())
    click.echo(f"error: unknown rule {code!r}; the rules are {known}", err=True)
    sys.exit(EXIT_ERROR)


def _indent(code: str) -> str:
    return "\n".join("    " + line if line else "" for line in code.strip("\n").splitlines()) + "\n"


def _rules() -> list:
    from .rule import RuleLoadError, builtin_rule_dir, load_rules

    try:
        return load_rules([builtin_rule_dir()])
    except RuleLoadError as exc:
        click.echo(f"error: cannot load rules: {exc}", err=True)
        sys.exit(EXIT_ERROR)
