"""Run N generated programs under torch and torchlint; print each rule's confusion table.

    python tests/run_oracle.py N [--seed S] [--mode generated|realcode]

Mode "realcode" (see oracle/realcode.py) writes programs whose tensors are
parameters of an entry point an unseen harness calls, with sizes drawn at run
time, once per draw; its rows split programs definite for the rule (every draw
fails there, or none does) from those where the rule fails on some draws only,
and only false alarms on definite programs (and crashes) break a property:
misses are the recall measured.

Rows: each rule, on definite programs (one path, no helper analysed with unknown
arguments) and on the others. Columns: torchlint reported and torch failed with
the rule's failure there; reported and torch did not (a false alarm); silent
and torch failed (a miss); silent and clean; and reports that no run could judge
because every run stopped earlier at another reported pitfall. Counts are of
programs. Every program that breaks a property is printed after the table.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

from oracle import CELLS, RULES, judge, judge_real, programs, real_programs  # noqa: E402
from oracle.realjudge import JUDGED, SPLITS  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of programs")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", type=int, default=5, help="how many failing programs to print in full")
    parser.add_argument("--mode", choices=("generated", "realcode"), default="generated",
                        help="generated: top-level programs (default); realcode: entry points, sizes drawn at run time")
    args = parser.parse_args(argv)
    if args.mode == "realcode":
        return main_realcode(args)

    counts: Counter = Counter()
    programs_seen: Counter = Counter()
    failing: list = []

    @seed(args.seed)
    @settings(max_examples=args.n, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(programs())
    def run(program):
        verdict = judge(program)
        split = "definite" if program.definite else "other"
        programs_seen[split] += 1
        for code, cell in verdict.cells.items():
            counts[code, split, cell] += 1
        if verdict.problems():
            failing.append(verdict)

    start = time.monotonic()
    run()
    elapsed = time.monotonic() - start

    total = sum(programs_seen.values())
    print(f"{total} programs ({programs_seen['definite']} definite, {programs_seen['other']} other), "
          f"seed {args.seed}, {elapsed:.0f} s")
    header = ("rule", "programs", "rep&failed", "rep&clean", "silent&failed", "silent&clean", "excused",
              "precision", "recall")
    widths = (6, 9, 11, 10, 14, 13, 8, 10, 7)
    print("  ".join(h.rjust(w) for h, w in zip(header, widths)))
    for rule in RULES:
        for split in ("definite", "other"):
            cells = [counts[rule.code, split, cell] for cell in CELLS]
            tp, fp, fn = cells[0], cells[1], cells[2]
            row = (rule.code, split, *map(str, cells), _ratio(tp, tp + fp), _ratio(tp, tp + fn))
            print("  ".join(str(v).rjust(w) for v, w in zip(row, widths)))
    print(f"{len(failing)} programs break a property")
    for verdict in failing[:args.show]:
        print("=" * 72)
        print(verdict.report())
    return 1 if failing else 0


def main_realcode(args) -> int:
    counts: Counter = Counter()
    variants: Counter = Counter()
    draws_seen: Counter = Counter()
    failing: list = []
    loose: list = []

    @seed(args.seed)
    @settings(max_examples=args.n, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(real_programs())
    def run(program):
        verdict = judge_real(program)
        variants[program.variant] += 1
        codes = {d.code for d in verdict.draws}
        draws_seen["mixed" if len(codes) > 1 else "same"] += 1
        for code, cell in verdict.cells.items():
            counts[code, verdict.splits[code], cell] += 1
        if verdict.problems():
            failing.append(verdict)
        elif verdict.loose_alarms:
            loose.append(verdict)

    start = time.monotonic()
    run()
    elapsed = time.monotonic() - start

    total = sum(variants.values())
    print(f"{total} real-code programs ({', '.join(f'{n} {v}' for v, n in sorted(variants.items()))}; "
          f"{draws_seen['mixed']} whose draws end differently), seed {args.seed}, {elapsed:.0f} s")
    header = ("rule", "programs", "rep&failed", "rep&clean", "silent&failed", "silent&clean", "excused",
              "precision", "recall")
    widths = (6, 9, 11, 10, 14, 13, 8, 10, 7)
    print("  ".join(h.rjust(w) for h, w in zip(header, widths)))
    for rule in JUDGED:
        for split in SPLITS:
            cells = [counts[rule.code, split, cell] for cell in CELLS]
            tp, fp, fn = cells[0], cells[1], cells[2]
            row = (rule.code, split, *map(str, cells), _ratio(tp, tp + fp), _ratio(tp, tp + fn))
            print("  ".join(str(v).rjust(w) for v, w in zip(row, widths)))
    print(f"{len(failing)} programs break a property; {len(loose)} more have a report contradicted by a draw "
          "where the rule fails on other draws only")
    for verdict in (failing + loose)[:args.show]:
        print("=" * 72)
        print(verdict.report())
    return 1 if failing else 0


def _ratio(num: int, den: int) -> str:
    return f"{100 * num / den:.1f}%" if den else "-"


if __name__ == "__main__":
    sys.exit(main())
