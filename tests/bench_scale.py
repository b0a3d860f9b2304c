"""Scale benchmark (not run by CI): torchlint against ruff, TorchFix, libcst and the disk.

    python tests/bench_scale.py [--work DIR] [--runs 3] [--jobs N]

Downloads pinned wheels of transformers, timm and diffusers with
`pip download --no-deps`, unpacks them into one tree, and prints one table,
every figure measured in the same run as the median of --runs whole-process
runs (alternating the commands, so drift of a noisy machine hits all):

- torchlint cold (no cache), warm (cache filled, nothing changed), and warm
  after touching 1% of the files (their cache entries no longer match);
- `ruff check --select ALL --no-cache` on the same tree;
- libcst `parse_module` of every file, and reading every file (the floor);
- TorchFix and torchlint cold on the timm tree alone (TorchFix takes minutes);
- start-up: `torchlint --version`, one small file without a trigger token, one
  with a finding (uncached, then cached), and `import libcst` alone.

ruff and TorchFix are installed, each into a virtual environment of its own
under --work (TorchFix pins an older libcst). Peak memory is the largest resident set of the
torchlint main process (`ru_maxrss`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

WHEELS = {"transformers": "4.46.3", "timm": "1.0.11", "diffusers": "0.31.0"}
PY = sys.executable

PARSE_ALL = """
import sys, libcst
from pathlib import Path
for p in sorted(Path(sys.argv[1]).rglob('*.py')):
    try:
        libcst.parse_module(p.read_bytes())
    except Exception:
        pass
"""
READ_ALL = """
import sys
from pathlib import Path
for p in sorted(Path(sys.argv[1]).rglob('*.py')):
    p.read_bytes()
"""


def fetch(work: Path) -> Path:
    tree = work / "tree"
    if tree.is_dir():
        return tree
    wheels = work / "wheels"
    for name, version in WHEELS.items():
        subprocess.run([PY, "-m", "pip", "download", "--no-deps", "-q", f"{name}=={version}", "-d", str(wheels)],
                       check=True)
    for wheel in sorted(wheels.glob("*.whl")):
        name = wheel.name.split("-")[0]
        with zipfile.ZipFile(wheel) as archive:
            members = [m for m in archive.namelist() if m.startswith(f"{name}/")]
            archive.extractall(tree, members)
    return tree


def tool_venv(work: Path, package: str, tool: str) -> str:
    """The tool in a virtual environment of its own: TorchFix pins an older
    libcst than torchlint's, so it must not share torchlint's environment."""
    venv = work / f"venv-{package}"
    exe = venv / "bin" / tool
    if not exe.exists():
        subprocess.run([PY, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", package], check=True)
    return str(exe)


# Python's own bytecode caching, as an installed package has it (pip compiles at
# install time): without it every worker would compile torchlint afresh.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
SMALL_FILES = {
    "plain.py": "import os\n\nprint(os.getcwd())\n",
    "bad.py": "import torch\n\nx = torch.randn(2, 3)\ny = x.t().view(-1)\n",
}


def timed(command: list, cwd: Path) -> tuple:
    """(wall seconds, peak RSS in MB of the process) of one whole-process run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def touch_one_percent(tree: Path) -> None:
    files = sorted(tree.rglob("*.py"))
    for path in files[:: 100]:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("\n# touched\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("bench-work"), help="download and unpack here")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=0, help="torchlint --jobs (default: usable cores)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    tree = fetch(args.work.resolve())
    pristine = args.work.resolve() / "pristine"
    if not pristine.exists():
        shutil.copytree(tree, pristine)
    torchlint = shutil.which("torchlint", path=os.path.dirname(PY))
    ruff = tool_venv(args.work.resolve(), "ruff", "ruff")
    torchfix = tool_venv(args.work.resolve(), "torchfix", "torchfix")
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    cache = args.work.resolve() / "cache"
    lint = [torchlint, "--quiet", "--exit-zero", "--cache-dir", str(cache), *jobs, str(tree)]

    findings = args.work.resolve() / "findings.json"

    def cold():
        shutil.rmtree(cache, ignore_errors=True)
        # the findings of the whole tree, as JSON: an internal error would be among them
        return timed([*lint[:-1], "--format", "json", "-o", str(findings), lint[-1]], tree)

    def warm():
        return timed(lint, tree)

    def warm_touched():
        shutil.rmtree(tree)
        shutil.copytree(pristine, tree)
        timed(lint, tree)  # fill the cache for the pristine tree
        touch_one_percent(tree)
        return timed(lint, tree)

    timm = tree / "timm"
    small = args.work.resolve() / "small"
    small.mkdir(exist_ok=True)
    for name, text in SMALL_FILES.items():
        (small / name).write_text(text, encoding="utf-8")
        os.utime(small / name, (time.time() - 60, time.time() - 60))  # not just modified: cacheable
    timed([torchlint, "--cache-dir", "cache", "bad.py"], small)  # fills the cache for "cached"
    steps = {
        "torchlint cold": cold,
        "torchlint warm": warm,
        "torchlint warm, 1% touched": warm_touched,
        "ruff --select ALL --no-cache": lambda: timed([ruff, "check", "--select", "ALL", "--no-cache",
                                                       "--exit-zero", "--quiet", str(tree)], tree),
        "libcst parse_module, every file": lambda: timed([PY, "-c", PARSE_ALL, str(tree)], tree),
        "read every file (floor)": lambda: timed([PY, "-c", READ_ALL, str(tree)], tree),
        "timm: torchlint cold": lambda: timed([torchlint, "--quiet", "--exit-zero", "--no-cache", *jobs,
                                               str(timm)], timm),
        "timm: TorchFix": lambda: timed([torchfix, str(timm)], timm),
        "start-up: python -c pass": lambda: timed([PY, "-c", "pass"], small),
        "start-up: torchlint --version": lambda: timed([torchlint, "--version"], small),
        "small file, no trigger token": lambda: timed([torchlint, "--no-cache", "plain.py"], small),
        "small file with a finding": lambda: timed([torchlint, "--no-cache", "bad.py"], small),
        "small file with a finding, cached": lambda: timed([torchlint, "--cache-dir", "cache", "bad.py"], small),
        "python -c 'import libcst'": lambda: timed([PY, "-c", "import libcst"], small),
    }
    samples: dict = {name: [] for name in steps}
    for _ in range(args.runs):
        for name, step in steps.items():
            # start-up figures are short and noisy: more samples of them
            repeat = 5 if name.startswith(("start-up", "small", "python")) else 1
            samples[name].extend(step() for _ in range(repeat))
    shutil.rmtree(tree)
    shutil.copytree(pristine, tree)

    files = len(list(tree.rglob("*.py")))
    lines = sum(p.read_bytes().count(b"\n") for p in tree.rglob("*.py"))
    print(f"tree: {', '.join(f'{k} {v}' for k, v in WHEELS.items())}: {files} files, {lines} lines")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; median of {args.runs} runs")
    print(f"{'':36}{'wall s':>9}{'peak MB':>9}")
    medians = {}
    for name, runs in samples.items():
        wall = statistics.median(r[0] for r in runs)
        peak = statistics.median(r[1] for r in runs)
        medians[name] = wall
        print(f"{name:36}{wall:>9.3f}{peak:>9.0f}")
    print(f"cold / ruff: {medians['torchlint cold'] / medians['ruff --select ALL --no-cache']:.2f}   "
          f"warm / read: {medians['torchlint warm'] / medians['read every file (floor)']:.2f}   "
          f"TorchFix / torchlint on timm: {medians['timm: TorchFix'] / medians['timm: torchlint cold']:.1f}")
    found = json.loads(findings.read_text(encoding="utf-8"))
    internal = [f for f in found if f["message"].startswith("internal error")]
    print(f"findings on the tree: {len(found)} "
          f"({', '.join(f'{c} {n}' for c, n in sorted(Counter(f['code'] for f in found).items()))}); "
          f"internal errors: {len(internal)}")
    for item in found:
        print(f"  {item['filename']}:{item['location']['row']}:{item['location']['column']}: "
              f"{item['code']} {item['message']}")


if __name__ == "__main__":
    main()
