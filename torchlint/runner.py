"""Many files -> results: each file checked by one pure function, in a pool.

`lint_file` reads, hashes, consults the cache, prefilters and checks one
path. The pool runs it over the paths in order (`imap`), so results stream
back sorted and memory stays flat however large the tree; with one job, or
few files, it runs in this process and the pool is never started.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .engine import PARSE_ERROR, Diagnostic, check_source, needs_parse

# Below this many files a pool costs more to start than it saves.
MIN_FILES_FOR_POOL = 16


@dataclass(frozen=True)
class Job:
    """What every worker needs to check files the same way."""

    rule_dirs: tuple  # folders to load rules from (built-ins first)
    select: Optional[frozenset]  # codes to run; None: all
    cache_dir: Optional[str]  # None: no cache


@dataclass
class FileResult:
    path: str
    diagnostics: list
    text: Optional[str] = None  # kept only when there is something to show
    from_cache: bool = False
    parsed: bool = False


@dataclass
class _Worker:
    rules: list
    cache: object = None
    skip: set = field(default_factory=set)


_worker: Optional[_Worker] = None


def start_worker(job: Job) -> None:
    """Load the rules and open the cache once per process."""
    global _worker
    from .cache import Cache, rules_fingerprint
    from .rule import load_rules

    rules = [r for r in load_rules([Path(d) for d in job.rule_dirs]) if job.select is None or r.code in job.select]
    cache = Cache(Path(job.cache_dir), rules_fingerprint(rules)) if job.cache_dir else None
    _worker = _Worker(rules, cache)


def lint_file(item: tuple) -> FileResult:
    """Check one (path, error) pair from discovery."""
    path, error = item
    if error is not None:
        return FileResult(path, [Diagnostic(path, 1, 1, PARSE_ERROR, error)])
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return FileResult(path, [Diagnostic(path, 1, 1, PARSE_ERROR, f"cannot read: {exc.strerror or exc}")])
    return lint_bytes(path, data)


def lint_bytes(path: str, data: bytes) -> FileResult:
    from .files import decode

    assert _worker is not None, "start_worker() first"
    notebook = path.endswith(".ipynb")
    source = decode(path, data)
    if source.error is not None:
        return FileResult(path, [Diagnostic(path, 1, 1, PARSE_ERROR, source.error)])
    text = source.text
    if not needs_parse(text, _worker.rules):
        return FileResult(path, [])
    cache, key = _worker.cache, None
    if cache is not None:
        key = cache.key(path, data)
        hit = cache.get(key)
        if hit is not None:
            return FileResult(path, hit, text if hit else None, from_cache=True)
    if notebook:
        from .notebooks import check_notebook

        diagnostics = check_notebook(text, path, _worker.rules)
    else:
        diagnostics = check_source(text, path, _worker.rules)
    if cache is not None:
        cache.put(key, diagnostics)
    return FileResult(path, diagnostics, text if diagnostics else None, parsed=True)


def lint_all(items: Iterable[tuple], job: Job, jobs: int) -> Iterator[FileResult]:
    """Results for the discovered (path, error) items, in their order."""
    items = list(items)
    if jobs <= 1 or len(items) < MIN_FILES_FOR_POOL:
        start_worker(job)
        yield from map(lint_file, items)
        return
    import multiprocessing

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with context.Pool(jobs, initializer=start_worker, initargs=(job,)) as pool:
        yield from pool.imap(lint_file, items, chunksize=max(1, min(32, len(items) // (jobs * 8))))


def usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)
