"""Reading filings for a load: in this process, or in worker processes.

:func:`read_files` yields each file with its :class:`~ownergraph.record.Filing` (or the
reason it could not be read) in the order of the files, whatever order the workers
finish in, so that a load with workers writes the store exactly as one without. With
``jobs`` > 1 the files are read by a :class:`~concurrent.futures.ProcessPoolExecutor`
(``spawn`` processes: the parent's store and threads are not copied), at most
``2 * jobs`` files ahead of the writer, so memory stays bounded by the slowest file.
Workers ignore SIGINT and SIGTERM: the parent's :class:`~ownergraph.interrupt.SignalGuard`
decides when the batch stops, and the pool is shut down (pending files cancelled) on
the way out.

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
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from ownergraph.errors import LoadError, OwnergraphError
from ownergraph.interrupt import SignalGuard

__all__ = ["read_file", "read_files"]

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
    if jobs <= 1 or len(files) < _MIN_FILES_FOR_WORKERS:
        for f in files:
            if guard is not None:
                guard.check()
            filing, error = read_file(f, max_bytes)
            yield f, filing, error
        return
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_quiet_worker,
    )
    pending: deque[tuple[Path, Future[tuple[Any, str | None]]]] = deque()
    todo = iter(files)
    try:
        for f in todo:
            pending.append((f, pool.submit(read_file, f, max_bytes)))
            if len(pending) >= 2 * jobs:
                break
        while pending:
            if guard is not None:
                guard.check()
            f, future = pending.popleft()
            filing, error = future.result()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append((nxt, pool.submit(read_file, nxt, max_bytes)))
            yield f, filing, error
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
