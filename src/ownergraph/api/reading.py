"""Reading filings for a load: in this process, or in worker processes.

:func:`read_files` yields each file with its :class:`~ownergraph.record.Filing` (or the
reason it could not be read) in the order of the files, whatever order the workers
finish in, so that a load with workers writes the store exactly as one without. With
``jobs`` > 1 the files are read by a :class:`~concurrent.futures.ProcessPoolExecutor`
(``spawn`` processes: the parent's store and threads are not copied), at most
``2 * jobs`` files ahead of the writer, so memory stays bounded by the slowest file.
Workers ignore SIGINT and SIGTERM: the parent's :class:`~ownergraph.interrupt.SignalGuard`
decides when the batch stops, and the pool is shut down (pending files cancelled) on
the way out. :func:`map_files` runs any other per-file work the same way (a load
with workers also builds each graph there: :mod:`ownergraph.api.prebuild`).

May import: the loaders, :mod:`ownergraph.interrupt`, the foundation.

Examples
--------
>>> from ownergraph.api.loading import example_path
>>> [(path.name, filing.form, error) for path, filing, error in read_files([example_path()])]
[('21vianet-schedule-13d-a-2021.md', 'SCHEDULE 13D/A', None)]
>>> [(filing, error) for _, filing, error in read_files([Path("/no/such/file.txt")])]
[(None, 'no such file')]
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from ownergraph.errors import LoadError, OwnergraphError
from ownergraph.interrupt import SignalGuard

__all__ = ["map_files", "read_file", "read_files", "uses_workers"]

T = TypeVar("T")

#: below this many files, workers cost more to start than they save
_MIN_FILES_FOR_WORKERS = 8


def read_file(path: Path, max_bytes: int | None) -> tuple[Any, str | None]:
    """One file's record, or ``None`` and the reason it could not be read."""
    from ownergraph.loaders import load_file

    try:
        return load_file(path, max_bytes=max_bytes), None
    except OwnergraphError as e:
        return None, str(e.reason) if isinstance(e, LoadError) else str(e)


def _quiet_worker() -> None:
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)


def read_files(
    files: Sequence[Path],
    max_bytes: int | None = None,
    jobs: int = 1,
    guard: SignalGuard | None = None,
) -> Iterator[tuple[Path, Any, str | None]]:
    """``(path, filing or None, error or None)`` for each file, in order."""
    for f, (filing, error) in map_files(
        files, partial(read_file, max_bytes=max_bytes), jobs, guard
    ):
        yield f, filing, error


def uses_workers(files: Sequence[Path], jobs: int) -> bool:
    """Whether :func:`map_files` runs ``jobs`` worker processes for ``files``."""
    return jobs > 1 and len(files) >= _MIN_FILES_FOR_WORKERS


def map_files(
    files: Sequence[Path],
    work: Callable[[Path], T],
    jobs: int = 1,
    guard: SignalGuard | None = None,
) -> Iterator[tuple[Path, T]]:
    """``(path, work(path))`` for each file, in the order of the files: in this process,
    or in ``jobs`` worker processes (``work`` must then be picklable: a module-level
    function, or a :func:`functools.partial` of one)."""
    if not uses_workers(files, jobs):
        for f in files:
            if guard is not None:
                guard.check()
            yield f, work(f)
        return
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_quiet_worker,
    )
    pending: deque[tuple[Path, Future[T]]] = deque()
    todo = iter(files)
    try:
        for f in todo:
            pending.append((f, pool.submit(work, f)))
            if len(pending) >= 2 * jobs:
                break
        while pending:
            if guard is not None:
                guard.check()
            f, future = pending.popleft()
            result = future.result()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append((nxt, pool.submit(work, nxt)))
            yield f, result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
