"""Shared fixtures: an in-memory store, one with the seed loaded, and the whole corpus
loaded once per test process; and how a parallel run shares the tests out.

Parallel runs (pytest-xdist, ``-n 2`` in ``pyproject.toml``) send each test module to
one worker as a whole, so that its module-scoped fixtures (a loaded corpus, a started
server) are built once. Modules that share a session fixture too heavy to build twice
are listed together in ``tests.corpus.WORKER_GROUPS`` and run on the same worker (the
scheduler below; xdist's own ``loadgroup`` marks do not reach its scheduler under pytest
9). Modules marked ``slow`` are handed out first, so that no worker is left with a long
module at the end while the other waits.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ownergraph import api
from ownergraph.graph.store import GraphStore

from .corpus import SEED, WORKER_GROUPS, require_corpus


def worker_group(nodeid: str) -> str:
    """The unit of work of a test in a parallel run: its module, or the module's group.

    Examples
    --------
    >>> worker_group("tests/test_store.py::test_store_persists_on_disk")
    'tests/test_store.py'
    >>> worker_group("tests/test_load_equivalence.py::test_batches_and_workers_give_the_same_store_as_one_call")
    'corpus-store'
    """
    module = nodeid.split("::", 1)[0]
    return WORKER_GROUPS.get(module, module)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Put the tests of modules marked ``slow`` first (a stable sort: the order within
    the slow and within the other tests stays as collected)."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


try:
    from xdist.scheduler import LoadScopeScheduling
except ImportError:  # xdist is in the dev extras; without it runs are serial
    pass
else:

    class _ModuleGroups(LoadScopeScheduling):
        """xdist's scope scheduling with :func:`worker_group` as the scope."""

        def _split_scope(self, nodeid: str) -> str:
            return worker_group(nodeid)

    def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
        """Share the tests out by :func:`worker_group`, in collection order."""
        return _ModuleGroups(config, log)


@pytest.fixture
def memory_store() -> Iterator[GraphStore]:
    store = api.open_store(None)
    yield store
    store.close()


@pytest.fixture(scope="session")
def seed_store() -> Iterator[GraphStore]:
    """A memory store holding the seed filing (shared: do not write to it)."""
    store = api.open_store(None)
    report = api.load_paths(store, [SEED])
    assert report.ok, report.failed
    yield store
    store.close()


@pytest.fixture(scope="session")
def corpus_store_loaded(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[GraphStore, api.LoadReport]]:
    """The whole corpus (``../shared/corpus/filings``) loaded once, with two worker
    processes, into a store on disk, then opened read-only: a test that writes to it
    fails. Skips with the reason when the corpus is absent.

    On disk because the disk store orders solutions by the stored terms alone, so
    GROUP_CONCAT and SAMPLE do not depend on the order of the writes (the baseline of
    ``tests/test_load_equivalence.py`` was made so). Modules that use it are one group
    of ``tests.corpus.WORKER_GROUPS``, so that a parallel run builds it once.
    """
    corpus = require_corpus()
    path = tmp_path_factory.mktemp("corpus-store") / "store"
    writer = api.open_store(path)
    try:
        report = api.load_paths(writer, [corpus], jobs=2)
    finally:
        writer.close()
    store = api.open_store(path, read_only=True)
    yield store, report
    store.close()
