"""Shared fixtures: an in-memory store, and one with the seed loaded."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ownergraph import api
from ownergraph.graph.store import GraphStore

from .corpus import SEED


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
