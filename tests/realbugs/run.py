"""Recall and precision of torchlint on the real-bug benchmark: python tests/realbugs/run.py

Lints every bad and fixed version in-process (torch is not needed) and prints one
row per rule and one for all: cases, found (the marked line reported with the
rule's code), missed, false alarms (the rule's code on a fixed version, or on a
bad version away from the marked line), recall and precision. Then the misses and
the false alarms, one a line.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parents[1]))  # the repository, when torchlint is not installed

import benchmark  # noqa: E402


def rel(path: Path) -> str:
    return str(path.relative_to(HERE.parents[1]))


def main() -> int:
    start = time.perf_counter()
    rules = benchmark.builtin_rules()
    verdicts = [benchmark.judge(case, rules) for case in benchmark.load_cases()]
    rows = benchmark.score(verdicts)
    header = f"{'rule':<6} {'cases':>5} {'found':>5} {'missed':>6} {'false alarms':>12} {'recall %':>8} {'precision %':>11}"
    print(header)
    print("-" * len(header))
    for code, r in rows.items():
        if code == "all":
            print("-" * len(header))
        print(f"{code:<6} {r['cases']:>5} {r['found']:>5} {r['missed']:>6} {r['false_alarms']:>12} "
              f"{r['recall']:>8.1f} {r['precision']:>11.1f}")
    misses = [v for v in verdicts if not v.found]
    if misses:
        print("\nmissed:")
        for v in misses:
            code, path, line = v.case.marker
            others = "; ".join(f"reported {c} at line {ln}" for _p, ln, _col, c, _m in v.reported)
            print(f"  {code} {rel(path)}:{line}" + (f"  ({others})" if others else ""))
    alarms = [(v, d, side) for v in verdicts for side, ds in (("fixed", v.false_alarms), ("bad", v.reported))
              for d in ds if side == "fixed" or (d[3], d[0], d[1]) not in {v.case.marker} | v.case.bad.also()]
    if alarms:
        print("\nfalse alarms:")
        for v, (path, line, col, code, message), side in alarms:
            print(f"  {rel(path)}:{line}:{col}: {code} {message}")
    print(f"\n{len(verdicts)} cases linted in {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
