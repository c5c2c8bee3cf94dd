"""The store: persistence, idempotent reloads, failed loads change nothing, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from ownergraph import api
from ownergraph.errors import StoreError
from ownergraph.graph.store import GraphStore

from .corpus import SEED


def _graph(n: int) -> Graph:
    g = Graph()
    for i in range(n):
        g.add((URIRef(f"urn:x:s{i}"), URIRef("urn:x:p"), Literal(i)))
    return g


def test_replace_graph_replaces_instead_of_adding(memory_store: GraphStore) -> None:
    name = URIRef("urn:x:g")
    assert memory_store.replace_graph(name, _graph(5)) == 5
    assert memory_store.replace_graph(name, _graph(3)) == 3
    assert len(memory_store) == 3
    assert memory_store.graph_names() == [name]


def test_reloading_the_seed_gives_the_same_triple_count(memory_store: GraphStore) -> None:
    first = api.load_paths(memory_store, [SEED])
    count = len(memory_store)
    second = api.load_paths(memory_store, [SEED])
    assert first.ok and second.ok
    assert count > 100
    assert len(memory_store) == count
    assert first.loaded[0].facts == second.loaded[0].facts
    assert len(memory_store.graph_names()) == 1


def test_failed_load_leaves_store_unchanged(memory_store: GraphStore, tmp_path: Path) -> None:
    api.load_paths(memory_store, [SEED])
    before = sorted(memory_store.iter_quads(), key=str)
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02 not a filing")
    empty = tmp_path / "empty.htm"
    empty.write_text("")
    report = api.load_paths(memory_store, [bad, SEED, empty])
    assert [Path(p).name for p, _ in report.failed] == ["broken.txt", "empty.htm"]
    assert len(report.loaded) == 1
    assert sorted(memory_store.iter_quads(), key=str) == before


def test_store_persists_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "og.db"
    with GraphStore.open(path) as store:
        api.load_paths(store, [SEED])
        count = len(store)
    with GraphStore.open(path) as store:
        assert len(store) == count
        assert len(api.run_query(store, "holdings").rows) >= 2


def test_second_writer_in_one_process_is_told_so(tmp_path: Path) -> None:
    path = tmp_path / "og.db"
    with GraphStore.open(path), pytest.raises(StoreError, match="open for writing in this process"):
        GraphStore.open(path)
    with GraphStore.open(path):  # released on close
        pass


def test_store_path_that_is_a_file(tmp_path: Path) -> None:
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(StoreError, match="is a file, not a store directory"):
        GraphStore.open(f)


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "og.db"
    with GraphStore.open(path) as store:
        store.replace_graph(URIRef("urn:x:g"), _graph(2))
    with GraphStore.open(path, read_only=True) as ro:
        assert len(ro) == 2
        with pytest.raises(StoreError, match="read-only"):
            ro.replace_graph(URIRef("urn:x:g"), _graph(1))
