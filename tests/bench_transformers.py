"""Speed benchmark on a real tree (not run by CI): a pinned `transformers` wheel.

    python tests/bench_transformers.py [--version 4.46.3] [--keep DIR]

Downloads the wheel with `pip download --no-deps`, unpacks it to a temporary
folder, and reports, single process: files/s and lines/s for torchlint and for
libcst `parse_module` alone on every file, the share of files the prefilter
skipped, the count of internal errors, and every finding.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from torchlint.engine import check_source, needs_parse
from torchlint.files import read
from torchlint.rule import builtin_rule_dir, load_rules


def fetch_tree(version: str, folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", f"transformers=={version}",
                    "-d", str(folder)], check=True)
    wheel = next(folder.glob("transformers-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(folder / "tree")
    return folder / "tree"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="4.46.3")
    parser.add_argument("--keep", type=Path, help="unpack here instead of a temporary folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        tree = fetch_tree(args.version, folder)
        run(tree)


def run(tree: Path) -> None:
    import libcst

    rules = load_rules([builtin_rule_dir()])
    paths = sorted(str(p) for p in tree.rglob("*.py"))
    texts = {p: read(p).text for p in paths}
    texts = {p: t for p, t in texts.items() if t is not None}
    lines = sum(t.count("\n") + 1 for t in texts.values())

    start = time.perf_counter()
    for text in texts.values():
        try:
            libcst.parse_module(text)
        except Exception:
            pass
    parse_seconds = time.perf_counter() - start

    start = time.perf_counter()
    findings, internal = [], 0
    for path, text in texts.items():
        for diagnostic in check_source(text, path, rules):
            internal += diagnostic.internal_error
            findings.append(diagnostic)
    lint_seconds = time.perf_counter() - start
    skipped = sum(1 for t in texts.values() if not needs_parse(t, rules))

    n = len(texts)
    print(f"tree: {tree} ({n} files, {lines} lines)")
    print(f"{'':24}{'seconds':>10}{'files/s':>10}{'lines/s':>12}")
    print(f"{'libcst parse_module':24}{parse_seconds:>10.2f}{n / parse_seconds:>10.0f}{lines / parse_seconds:>12.0f}")
    print(f"{'torchlint':24}{lint_seconds:>10.2f}{n / lint_seconds:>10.0f}{lines / lint_seconds:>12.0f}")
    print(f"prefilter skipped {skipped} of {n} files ({100 * skipped / n:.1f}%)")
    print(f"internal errors: {internal}")
    print(f"findings: {len(findings)}")
    for diagnostic in sorted(findings):
        print("  " + diagnostic.concise().replace(str(tree) + "/", ""))


if __name__ == "__main__":
    main()
