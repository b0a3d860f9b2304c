"""Speed benchmark on a real tree (not run by CI): a pinned `transformers` wheel.

    python tests/bench_transformers.py [--version 4.46.3] [--keep DIR] [--runs 3]

Downloads the wheel with `pip download --no-deps`, unpacks it to a temporary
folder (or reuses DIR), and reports, single process, the median of --runs
alternating runs: files/s and lines/s for torchlint and for libcst
`parse_module` alone on every file, the share of files the prefilter skipped,
the count of internal errors, and every finding.
"""

from __future__ import annotations

import argparse
import statistics
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
    parser.add_argument("--keep", type=Path, help="unpack here instead of a temporary folder (reused if present)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each side; the median is shown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        tree = folder / "tree" if (folder / "tree").is_dir() else fetch_tree(args.version, folder)
        run(tree, args.runs)


def run(tree: Path, runs: int) -> None:
    import libcst

    rules = load_rules([builtin_rule_dir()])
    paths = sorted(str(p) for p in tree.rglob("*.py"))
    texts = {p: read(p).text for p in paths}
    texts = {p: t for p, t in texts.items() if t is not None}
    lines = sum(t.count("\n") + 1 for t in texts.values())

    def parse_all() -> None:
        for text in texts.values():
            try:
                libcst.parse_module(text)
            except Exception:
                pass

    findings: list = []

    def lint_all() -> None:
        findings.clear()
        for path, text in texts.items():
            findings.extend(check_source(text, path, rules))

    parse_times, lint_times = [], []
    for _ in range(runs):  # alternate, so that drift of a noisy machine hits both sides
        parse_times.append(_timed(parse_all))
        lint_times.append(_timed(lint_all))
    parse_seconds, lint_seconds = statistics.median(parse_times), statistics.median(lint_times)
    skipped = sum(1 for t in texts.values() if not needs_parse(t, rules))
    internal = sum(d.internal_error for d in findings)

    n = len(texts)
    print(f"tree: {tree} ({n} files, {lines} lines); median of {runs} runs, single process")
    print(f"{'':24}{'seconds':>10}{'files/s':>10}{'lines/s':>12}")
    print(f"{'libcst parse_module':24}{parse_seconds:>10.2f}{n / parse_seconds:>10.0f}{lines / parse_seconds:>12.0f}")
    print(f"{'torchlint':24}{lint_seconds:>10.2f}{n / lint_seconds:>10.0f}{lines / lint_seconds:>12.0f}")
    print(f"torchlint / parse: {lint_seconds / parse_seconds:.2f}")
    print(f"prefilter skipped {skipped} of {n} files ({100 * skipped / n:.1f}%)")
    print(f"internal errors: {internal}")
    print(f"findings: {len(findings)}")
    for diagnostic in sorted(findings):
        print("  " + diagnostic.concise().replace(str(tree) + "/", ""))


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
