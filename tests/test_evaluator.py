"""The query evaluator process of a store on disk (``ownergraph.graph.evaluator``).

A bounded query over a store on disk runs in a fresh interpreter, never in a fork of the
process that holds the store (whose RocksDB threads' locks a fork would copy). The
evaluator is kept for the next query when it answered in full, sees what was written
before each query, and is replaced after a timeout.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from ownergraph.errors import QueryError
from ownergraph.graph import bounded
from ownergraph.graph.bounded import QueryLimits, bounded_query
from ownergraph.graph.store import GraphStore

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a (<urn:x:p>|^<urn:x:p>)* ?b . ?c ?d ?e . ?f ?g ?h }"


def _graph(n: int) -> Graph:
    g = Graph()
    for i in range(n):
        g.add((URIRef(f"urn:x:s{i}"), URIRef("urn:x:p"), Literal(i)))
    return g


def _count(store: GraphStore, limits: QueryLimits | None = None) -> int:
    result = bounded_query(store, COUNT, limits=limits or QueryLimits(timeout=30))
    return int(next(iter(result))[0])


def _idle_pids() -> list[int]:
    return [server.proc.pid for server in bounded._IDLE]


@pytest.fixture
def disk_store(tmp_path: Path) -> GraphStore:
    bounded._close_idle()
    store = GraphStore.open(tmp_path / "store")
    yield store
    store.close()
    bounded._close_idle()


def test_the_evaluator_is_reused_and_sees_each_write(disk_store: GraphStore) -> None:
    disk_store.replace_graph(URIRef("urn:x:g1"), _graph(3))
    assert _count(disk_store) == 3
    first = _idle_pids()
    assert len(first) == 1
    disk_store.replace_graph(URIRef("urn:x:g2"), _graph(5))
    assert _count(disk_store) == 8  # the same process, a new view of the store
    assert _idle_pids() == first


def test_a_timeout_kills_the_evaluator_and_the_next_query_gets_a_new_one(
    disk_store: GraphStore,
) -> None:
    disk_store.replace_graph(URIRef("urn:x:g"), _graph(300))
    assert _count(disk_store) == 300
    [before] = _idle_pids()
    with pytest.raises(QueryError, match="longer than 1 s"):
        bounded_query(disk_store, RUNAWAY, limits=QueryLimits(timeout=1))
    assert _idle_pids() == []  # the one that ran too long is gone
    assert _count(disk_store) == 300
    assert _idle_pids() != [before]


def test_the_row_limit_and_a_failed_query_leave_the_evaluator_usable(
    disk_store: GraphStore,
) -> None:
    disk_store.replace_graph(URIRef("urn:x:g"), _graph(20))
    with pytest.raises(QueryError, match="more than 5 rows"):
        bounded_query(disk_store, "SELECT * WHERE { ?s ?p ?o }", limits=QueryLimits(max_rows=5))
    with pytest.raises(QueryError, match="the query failed"):
        bounded_query(disk_store, "SELECT * WHERE { ?s ?p ?o } ORDER BY <urn:x:f>(?o)")
    [pid] = _idle_pids()
    assert _count(disk_store) == 20
    assert _idle_pids() == [pid]


def test_bound_values_and_term_kinds_cross_the_pipe(disk_store: GraphStore) -> None:
    g = Graph()
    s = URIRef("urn:x:a")
    g.add((s, URIRef("urn:x:name"), Literal("Société", lang="fr")))
    g.add(
        (
            s,
            URIRef("urn:x:n"),
            Literal("12.50", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")),
        )
    )
    g.add((s, URIRef("urn:x:plain"), Literal("x")))
    disk_store.replace_graph(URIRef("urn:x:g"), g)
    text = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?p"
    bounded_rows = list(bounded_query(disk_store, text, {"s": s}))
    direct_rows = list(disk_store.query(text, {"s": s}))
    assert bounded_rows == direct_rows and len(bounded_rows) == 3
    kinds = {str(p): o for _, p, o in bounded_rows}
    assert kinds["urn:x:name"].language == "fr"
    assert str(kinds["urn:x:n"].datatype).endswith("#decimal")
    # undeclared rdflib prefixes work as in store.query
    ask = bounded_query(disk_store, "ASK { ?s ?p ?o FILTER(datatype(?o) = xsd:decimal) }")
    assert ask.askAnswer is True


def test_a_query_after_writes_flushes_them_for_the_evaluator_first(
    disk_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only view replays the write-ahead log when it opens: after a load of 60
    corpus filings that took 5 s per query, against 0.16 s once the store is flushed
    (the first flush costs about a second). So the store is flushed before each query."""
    flushed: list[GraphStore] = []
    original = GraphStore.flush_for_readers

    def spy(self: GraphStore) -> None:
        flushed.append(self)
        original(self)

    monkeypatch.setattr(GraphStore, "flush_for_readers", spy)
    disk_store.replace_graph(URIRef("urn:x:g"), _graph(5000))
    assert _count(disk_store) == 5000
    assert flushed == [disk_store]


def test_a_prestarted_evaluator_answers_the_next_query(disk_store: GraphStore) -> None:
    """``prestart`` (what a query command calls before its imports) starts the process
    that the next query then uses: no second one is started."""
    disk_store.replace_graph(URIRef("urn:x:g1"), _graph(4))
    assert bounded.prestart() is True
    [pid] = _idle_pids()
    assert _count(disk_store) == 4
    assert _idle_pids() == [pid]
    bounded.prestart()  # a second one fits in the pool; a third does not
    assert len(_idle_pids()) == 2
    assert bounded.prestart() is False
    assert len(_idle_pids()) == 2


def test_the_query_command_prestarts_only_for_a_local_store_with_a_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import click

    from ownergraph.api import limits
    from ownergraph.cli import common

    store = tmp_path / "store"
    store.mkdir()
    monkeypatch.setattr(common, "_standalone", lambda: True)
    started: list[bool] = []
    monkeypatch.setattr(limits, "prestart", lambda: started.append(True) or True)

    def ctx(path: str) -> click.Context:
        c = click.Context(click.Command("query"))
        c.obj = {"store": path}
        return c

    assert common.prestart_evaluator(ctx(str(store)), 60) is True
    assert common.prestart_evaluator(ctx(str(store)), 0) is False  # runs in process
    assert common.prestart_evaluator(ctx("http://127.0.0.1:7878/sparql"), 60) is False
    assert common.prestart_evaluator(ctx(str(tmp_path / "absent")), 60) is False
    monkeypatch.setenv("OWNERGRAPH_STORE", str(store))
    assert common.prestart_evaluator(ctx(""), 60) is True  # no --store: the default store
    monkeypatch.setattr(common, "_standalone", lambda: False)
    assert common.prestart_evaluator(ctx(str(store)), 60) is False  # a caller's process
    assert started == [True, True]


def test_the_view_is_kept_only_while_no_file_of_the_store_changes(tmp_path: Path) -> None:
    """The evaluator keeps its view while ``store_files`` is unchanged: a read-only view
    and its queries change no file, while a write (and the flush before a query) does."""
    from ownergraph.graph.evaluator import open_read_only, store_files

    store = GraphStore.open(tmp_path / "store")
    store.replace_graph(URIRef("urn:x:g1"), _graph(3))
    store.close()  # no writer: no flush or compaction moves files meanwhile
    before = store_files(tmp_path / "store")
    view = open_read_only(tmp_path / "store")
    assert len(list(view.query(COUNT, use_default_graph_as_union=True))) == 1
    del view
    assert store_files(tmp_path / "store") == before
    store = GraphStore.open(tmp_path / "store")
    store.replace_graph(URIRef("urn:x:g2"), _graph(2))
    assert store_files(tmp_path / "store") != before  # the write-ahead log grew
    store.close()


def test_a_read_only_handle_sees_what_another_handle_wrote_since(tmp_path: Path) -> None:
    bounded._close_idle()
    writer = GraphStore.open(tmp_path / "store")
    writer.replace_graph(URIRef("urn:x:g1"), _graph(3))
    writer.flush_for_readers()
    reader = GraphStore.open(tmp_path / "store", read_only=True)
    other = GraphStore.open(tmp_path / "other")
    other.replace_graph(URIRef("urn:x:g1"), _graph(7))
    try:
        assert _count(reader) == 3
        assert _count(reader) == 3  # the kept view
        assert _count(other) == 7  # another store: another view
        writer.replace_graph(URIRef("urn:x:g2"), _graph(5))
        writer.flush_for_readers()
        assert _count(reader) == 8  # the files changed: a new view
        assert len(_idle_pids()) == 1  # all of it in the one evaluator
    finally:
        reader.close()
        other.close()
        writer.close()
        bounded._close_idle()
