"""Many files -> results: each file checked by one pure function, in a pool.

Paths whose file status the cache's index knows unchanged are answered in
this process without being read. `lint_file` reads, hashes, consults the
cache, prefilters and checks each other path. The pool runs it over the paths
in order (`map`), so results stream back sorted and memory stays flat however
large the tree; with one job, or few files to check, it runs in this process
and the pool is never started.
"""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .engine import PARSE_ERROR, Diagnostic, check, needs_parse
from .gc_pause import collector_paused

# Below this many files a pool costs more to start than it saves.
MIN_FILES_FOR_POOL = 16
WORKER_DIED = "internal error: the process checking this file died (it crashed or ran out of memory)"


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
    status: Optional[list] = None  # the file's status when read; None: not to be trusted (file_index)
    key: Optional[str] = None  # the cache key of its bytes; None: nothing to record in the index
    gave_up: dict = field(default_factory=dict)  # what the interpreter gave up for time (engine.Checked)
    deps: dict = field(default_factory=dict)  # the project's other files it was checked with (engine.Checked)


@dataclass
class _Worker:
    rules: list
    cache: object = None


_worker: Optional[_Worker] = None


def start_worker(job: Job) -> None:
    """Load the rules and open the cache once per process."""
    global _worker
    import gc

    # libcst builds hundreds of thousands of small objects per file, none of them in a
    # reference cycle that matters before the file is done: collecting every 700
    # allocations (the default) cost about a tenth of the time on large trees
    gc.set_threshold(50_000, 20, 100)
    from .cache import Cache, rules_fingerprint
    from .project import forget_file_system
    from .rule import load_rules

    forget_file_system()  # a run sees the tree as it is now
    from .unused_noqa import UnusedNoqa

    loaded = load_rules([Path(d) for d in job.rule_dirs])
    # TL900 is judged by the engine where it applies the comments; it knows every rule's code
    loaded.append(UnusedNoqa(rule.code for rule in loaded))
    rules = [r for r in loaded if r.code in job.select] if job.select is not None else loaded[:-1]
    cache = Cache(Path(job.cache_dir), rules_fingerprint(rules)) if job.cache_dir else None
    _worker = _Worker(rules, cache)


def lint_file(item: tuple) -> FileResult:
    """Check one (path, error, previous) item: previous is the index's (key, plain
    findings) for the path, reused when the bytes hash to the same key."""
    path, error, previous = item
    if error is not None:
        return FileResult(path, [Diagnostic(path, 1, 1, PARSE_ERROR, error)])
    try:
        # a FIFO or a device named on the command line would block or never end
        taken_at = time.time_ns()
        st = os.stat(path)  # before reading: a change made while reading shows next time
        if not stat.S_ISREG(st.st_mode):
            return FileResult(path, [Diagnostic(path, 1, 1, PARSE_ERROR, "cannot read: not a regular file")])
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return FileResult(path, [Diagnostic(path, 1, 1, PARSE_ERROR, f"cannot read: {exc.strerror or exc}")])
    from .file_index import status_of

    return lint_bytes(path, data, status_of(st, taken_at), previous)


def lint_bytes(path: str, data: bytes, status: Optional[list] = None, previous: Optional[tuple] = None) -> FileResult:
    from .files import decode

    assert _worker is not None, "start_worker() first"
    notebook = path.endswith(".ipynb")
    cache = _worker.cache
    key = cache.key(path, data) if cache is not None else None
    if previous is not None and key == previous[0]:
        from .cache import findings

        diagnostics = findings(previous[1], path)
        if diagnostics is not None:
            text = decode(path, data).text if diagnostics and not notebook else None
            return FileResult(path, diagnostics, text, from_cache=True, status=status, key=key, gave_up=previous[2])
    source = decode(path, data)
    if source.error is not None:
        diagnostics = [Diagnostic(path, source.line, source.col, PARSE_ERROR, source.error)]
        return FileResult(path, diagnostics, status=status, key=key)
    text = source.text
    # the trigger tokens are looked for once, in the code:
    # here for a Python file (before the cache is asked), in the joined cells of a notebook
    if not notebook and not needs_parse(text, _worker.rules):
        return FileResult(path, [], status=status, key=key)
    if cache is not None:
        hit = cache.get(key, path)
        if hit is not None:
            return FileResult(path, hit.diagnostics, text if hit.diagnostics and not notebook else None,
                              from_cache=True, status=status, key=key, gave_up=hit.gave_up, deps=hit.deps)
    with collector_paused():
        checked = check(text, path, _worker.rules, prefiltered=True)
    if cache is not None:
        cache.put(key, checked)
    # a notebook's text is JSON: its lines are not the ones diagnostics count
    return FileResult(path, checked.diagnostics, text if checked.diagnostics and not notebook else None, parsed=True,
                      status=status, key=key, gave_up=checked.gave_up, deps=checked.deps)


def lint_all(items: Iterable[tuple], job: Job, jobs: int) -> Iterator[FileResult]:
    """Results for the discovered (path, error) items, in their order.

    Paths the cache's index knows unchanged are answered here, without reading
    them; the others are checked (in a pool when there are enough of them), and
    what they gave is recorded in the index."""
    items = list(items)
    start_worker(job)  # the index lives in this process: it needs the cache's folder
    index = _worker.cache.index() if _worker.cache is not None else None
    known = [_unchanged(index, path) if index is not None and error is None else None for path, error in items]
    todo = [(path, error, index.previous(path) if index is not None and error is None else None)
            for (path, error), hit in zip(items, known) if hit is None]
    checked = _check(todo, job, jobs)
    from .cache import plain

    try:
        for (path, _error), hit in zip(items, known):
            result = _with_text(hit) if hit is not None else next(checked)
            if index is not None and result.deps:
                # a result that depends on other files is not answered by the file's status
                # alone: nothing is kept here, the cache checks those files each time
                index.record(path, None, "", [], {})
            elif index is not None and result.key is not None and not any(d.internal_error for d in result.diagnostics):
                index.record(path, result.status, result.key, [plain(d) for d in result.diagnostics],
                             result.gave_up)
            yield result
    finally:
        checked.close()
        if index is not None:
            index.save()


def _unchanged(index, path: str) -> Optional[FileResult]:
    """The recorded result of a file whose status is unchanged; None to check it."""
    recorded = index.unchanged(path)
    from .cache import findings

    diagnostics = findings(recorded[0], path) if recorded is not None else None
    if diagnostics is None:
        return None
    return FileResult(path, diagnostics, from_cache=True, gave_up=recorded[1])


def _with_text(result: FileResult) -> FileResult:
    """A recorded result with its file's text when there is something to show,
    read as it is yielded: only one such text is held at a time."""
    if result.diagnostics and not result.path.endswith(".ipynb"):
        from .files import decode

        try:
            with open(result.path, "rb") as handle:
                result.text = decode(result.path, handle.read()).text
        except OSError:
            pass  # shown without its source lines
    return result


def _check(todo: list, job: Job, jobs: int) -> Iterator[FileResult]:
    if jobs <= 1 or len(todo) < MIN_FILES_FOR_POOL:
        yield from map(lint_file, todo)
        return
    from concurrent.futures.process import BrokenProcessPool

    done, workers = 0, jobs
    while done < len(todo):
        pooled = _pooled(todo[done:], job, workers)
        try:
            for result in pooled:
                done += 1
                yield result
        except BrokenProcessPool:
            # A worker died (a crash in native code, the OOM killer). The rest goes
            # to a single worker until it dies too, on the file to blame: that
            # one is reported, and all the workers take the others again.
            if workers == 1:
                path = todo[done][0]
                yield FileResult(path, [Diagnostic(path, 1, 1, PARSE_ERROR, WORKER_DIED, internal_error=True)])
                done += 1
            workers = jobs if workers == 1 else 1
        finally:
            pooled.close()  # shuts the pool down now, also when the consumer stops early


def _pooled(items: list, job: Job, workers: int) -> Iterator[FileResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    # Not multiprocessing.Pool: when a worker dies, it waits forever for that
    # worker's files; this pool raises BrokenProcessPool.
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=start_worker, initargs=(job,))
    # small chunks: a few large files decide the wall time, and a worker left
    # holding a long chunk at the end keeps the other idle (chunks of 4 instead
    # of up to 32 took 6% off timm's cold run on 2 cores)
    chunksize = 1 if workers == 1 else max(1, min(4, len(items) // (workers * 8)))
    try:
        yield from pool.map(lint_file, items, chunksize=chunksize)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def usable_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)
