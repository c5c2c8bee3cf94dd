"""Filings too large for one transaction are written in chunks behind a journal entry
(issue 13 item 3: memory bounded by the input).

A chunked write must give exactly the quads an atomic write gives (fresh, reload, with
re-pointing of earlier filings' nodes), leave nothing behind when it fails half-way, and
a store whose writer was killed half-way is repaired when it is next opened for loading.
The thresholds are lowered here so that ordinary filings take the chunked path.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import URIRef

from ownergraph import api
from ownergraph.cli import cli
from ownergraph.errors import StoreError
from ownergraph.graph import journal
from ownergraph.graph.store import GraphDataError, GraphStore

from .corpus import corpus_file

G = ox.NamedNode("urn:x:filing")


def _dump(store: GraphStore) -> list[str]:
    return sorted(str(q) for q in store.iter_quads())


def _quads(n: int, graph: ox.NamedNode = G, tag: str = "v") -> list[ox.Quad]:
    p = ox.NamedNode("urn:x:p")
    return [
        ox.Quad(ox.NamedNode(f"urn:x:s{i}"), p, ox.Literal(f"{tag}{i}"), graph) for i in range(n)
    ]


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Chunked writes above 200 quads, 50 quads a chunk; records each chunked write."""
    monkeypatch.setattr(journal, "ATOMIC_QUADS", 200)
    monkeypatch.setattr(journal, "CHUNK", 50)
    monkeypatch.setattr(journal, "FLUSH_EVERY", 3)
    calls: list[int] = []
    real = journal.write_in_chunks

    def spy(*args: Any, **kwargs: Any) -> int:
        n = real(*args, **kwargs)
        calls.append(n)
        return n

    monkeypatch.setattr(journal, "write_in_chunks", spy)
    return calls


def test_the_seed_written_in_chunks_gives_the_same_quads(
    small_chunks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = api.example_path()
    with GraphStore.open(None) as chunked:
        api.load_paths(chunked, [seed])
        assert small_chunks and small_chunks[0] > 200  # the chunked path ran
        assert journal.pending(chunked._ox) == []
        once = _dump(chunked)
        api.load_paths(chunked, [seed])  # a reload over the chunked copy
        assert _dump(chunked) == once
    monkeypatch.setattr(journal, "ATOMIC_QUADS", 10**9)
    with GraphStore.open(None) as atomic:
        api.load_paths(atomic, [api.example_path()])
        assert _dump(atomic) == once


CRANE = (
    "orgron__SC13D-A__19940214__0000025445-94-000008__CRANE_CO_DE__CRANE_CO_DE.txt",
    "orgron__SC13D-A__19940329__0000025445-94-000012__CRANE_CO_DE__MARK_CONTROLS_CORP_DE.txt",
)


def test_a_chunked_filing_that_re_points_earlier_nodes_gives_the_same_quads(
    small_chunks: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [corpus_file(name) for name in CRANE]  # the second re-points a node of the first
    with GraphStore.open(None) as chunked:
        report = api.load_paths(chunked, files)
        assert not report.failed and report.resolved == 1
        assert len(small_chunks) == 2
        got = _dump(chunked)
    monkeypatch.setattr(journal, "ATOMIC_QUADS", 10**9)
    with GraphStore.open(None) as atomic:
        report = api.load_paths(atomic, files)
        assert report.resolved == 1
        assert _dump(atomic) == got


def test_the_last_transaction_runs_the_updates_and_ends_the_entry() -> None:
    store = ox.Store()
    other = ox.NamedNode("urn:x:other")
    n = journal.write_in_chunks(
        store,
        G,
        iter(_quads(120)),
        [f"INSERT DATA {{ GRAPH {other} {{ <urn:x:a> <urn:x:b> 1 }} }}"],
        chunk=25,
    )
    assert n == 120
    assert len(list(store.quads_for_pattern(None, None, None, G))) == 120
    assert len(list(store.quads_for_pattern(None, None, None, other))) == 1
    assert journal.pending(store) == []
    assert list(store.quads_for_pattern(None, None, None, journal.JOURNAL)) == []


def _failing(good: int) -> Iterator[ox.Quad]:
    yield from _quads(good, tag="new")
    raise ValueError("a term that is not valid RDF")


def test_an_error_of_the_quads_half_way_leaves_a_fresh_graph_absent() -> None:
    store = ox.Store()
    with pytest.raises(ValueError, match="not valid RDF"):
        journal.write_in_chunks(store, G, _failing(130), chunk=25)
    assert len(store) == 0


def test_an_error_of_the_quads_leaves_the_earlier_copy_whole() -> None:
    store = ox.Store()
    store.extend(_quads(80, tag="old"))
    before = sorted(str(q) for q in store)
    with pytest.raises(ValueError, match="not valid RDF"):
        journal.write_in_chunks(store, G, _failing(130), chunk=25)
    assert sorted(str(q) for q in store) == before


class _FullDisk:
    """An Oxigraph store whose third ``extend`` fails as a full disk does."""

    def __init__(self, inner: ox.Store) -> None:
        self.inner, self.calls = inner, 0

    def extend(self, quads: Any) -> None:
        self.calls += 1
        if self.calls == 3:
            raise OSError("No space left on device")
        self.inner.extend(quads)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def test_a_store_failure_half_way_removes_the_partial_graph() -> None:
    inner = ox.Store()
    with pytest.raises(StoreError, match="No space left on device") as e:
        journal.write_in_chunks(_FullDisk(inner), G, _quads(200), chunk=25)  # type: ignore[arg-type]
    assert "\n" not in str(e.value)
    assert len(inner) == 0  # the two chunks written and the journal entry are gone


def test_write_graph_refuses_a_bad_term_in_a_large_graph_without_writing(
    small_chunks: list[int],
) -> None:
    with GraphStore.open(None) as store:
        with pytest.raises(GraphDataError, match="not valid RDF"):
            store.write_graph(URIRef(G.value), _failing(500))
        assert len(store) == 0


_CHILD = textwrap.dedent(
    """
    import sys, pyoxigraph as ox
    from rdflib import URIRef
    from ownergraph import api
    from ownergraph.graph import journal
    from ownergraph.graph.store import GraphDataError, GraphStore

    journal.ATOMIC_QUADS, journal.CHUNK = 100, 500
    store = GraphStore.open(sys.argv[1])
    api.load_paths(store, [api.example_path()])
    store._ox.flush()
    g = ox.NamedNode("urn:x:huge")
    p = ox.NamedNode("urn:x:p")
    quads = (ox.Quad(ox.NamedNode(f"urn:x:s{i}"), p, ox.Literal(str(i)), g) for i in range(10**8))
    store.write_graph(URIRef(g.value), quads)
    """
)


def test_a_writer_killed_during_a_chunked_write_is_repaired_on_the_next_load(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(path)], env=env)
    try:
        deadline = time.monotonic() + 120
        seen: list[str] = []
        partial = 0
        while partial < 2_000 and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.5)
            if (path / "CURRENT").is_file():
                with GraphStore.open(path, read_only=True) as reader:  # as `show` would
                    seen = journal.pending(reader._ox)
                    if seen:
                        huge = ox.NamedNode("urn:x:huge")
                        partial = sum(
                            1 for _ in reader._ox.quads_for_pattern(None, None, None, huge)
                        )
        assert seen == ["urn:x:huge"], "the child never began its chunked write"
        assert partial >= 2_000, "the child wrote no chunks before the deadline"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    result = CliRunner().invoke(cli, ["--store", str(path), "load", str(api.example_path())])
    assert result.exit_code == 0, result.output
    assert "removed urn:x:huge: its load was interrupted" in result.output
    with GraphStore.open(path, read_only=True) as store:
        assert journal.pending(store._ox) == []
        huge = ox.NamedNode("urn:x:huge")
        assert list(store._ox.quads_for_pattern(None, None, None, huge)) == []
        graphs = {str(g) for g in store._ox.named_graphs()}
    assert graphs and all("/filing/" in g for g in graphs)
