"""Queries: parameters are bound, updates need --allow-update, nothing reaches the network."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from ownergraph import api
from ownergraph.cli import cli
from ownergraph.errors import QueryError
from ownergraph.graph.store import GraphStore

from .corpus import SEED
from .listener import Listener

INJECTION = "x' } ; DROP ALL ; #"


def _quads(store: GraphStore) -> set[str]:
    return {str(q) for q in store.iter_quads()}


@pytest.fixture(scope="module")
def store() -> Iterator[GraphStore]:
    """The seed in memory, shared by the module: every test asserts it is unchanged."""
    s = api.open_store(None)
    assert api.load_paths(s, [SEED]).ok
    yield s
    s.close()


@pytest.fixture(scope="module")
def _template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "store"
    with api.open_store(path) as s:
        assert api.load_paths(s, [SEED]).ok
    return path


@pytest.fixture
def disk_store(_template_store: Path, tmp_path: Path) -> Path:
    """A fresh on-disk copy of a store holding the seed."""
    path = tmp_path / "store"
    shutil.copytree(_template_store, path)
    return path


# -- bound, never spliced ----------------------------------------------------------


@pytest.mark.parametrize(
    "value", [INJECTION, 'x" } ; DROP ALL ; #', "x> } DROP ALL", "\\' ?s ?p ?o"]
)
def test_named_query_parameter_cannot_change_the_query(store: GraphStore, value: str) -> None:
    before = _quads(store)
    try:
        table = api.run_query(store, "holdings", {"holder": value})
        assert table.rows == []
    except QueryError as e:  # an entity parameter that names nobody is a clear error
        assert "DROP ALL" not in str(e) or value in str(e)
    assert _quads(store) == before


def test_inline_query_string_parameter_is_bound(store: GraphStore) -> None:
    before = _quads(store)
    text = "SELECT ?s ?name WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?name }"
    table = api.run_query(store, text, {"name": INJECTION})
    assert table.rows == []
    table = api.run_query(store, text, {"name": "Tuspark Innovation Venture Ltd."})
    assert len(table.rows) >= 1  # the binding really is used
    assert _quads(store) == before


# -- SPARQL Update: refused unless --allow-update ----------------------------------

UPDATES = {
    "insert data": "INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> <urn:x:c> } }",
    "delete where": "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }",
    "drop": "DROP ALL",
    "clear": "CLEAR ALL",
    "delete/insert": "DELETE { ?s ?p ?o } INSERT { ?s ?p 'x' } WHERE { ?s ?p ?o }",
    "create": "CREATE GRAPH <urn:x:new>",
    "copy": "COPY DEFAULT TO <urn:x:copy>",
}


@pytest.mark.parametrize("form", sorted(UPDATES))
def test_cli_refuses_every_update_form_without_allow_update(disk_store: Path, form: str) -> None:
    with GraphStore.open(disk_store, read_only=True) as s:
        before = _quads(s)
    result = CliRunner().invoke(cli, ["--store", str(disk_store), "query", UPDATES[form]])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    if form != "copy":  # COPY is not recognised as SPARQL by resolve_query: "unknown query"
        assert "refused" in result.output and "--allow-update" in result.output
    with GraphStore.open(disk_store, read_only=True) as s:
        assert _quads(s) == before


def test_cli_allow_update_applies_an_update(disk_store: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--store", str(disk_store), "query", "--allow-update", UPDATES["insert data"]]
    )
    assert result.exit_code == 0, result.output
    with GraphStore.open(disk_store, read_only=True) as s:
        assert s.graph_size(URIRef("urn:x:g")) == 1


def test_update_with_parameters_is_refused(store: GraphStore) -> None:
    with pytest.raises(QueryError, match="cannot be bound"):
        api.run_query(store, UPDATES["insert data"], {"x": "1"}, allow_update=True)


# -- LOAD and SERVICE: never, even with --allow-update ------------------------------


def _network_queries(port: int) -> dict[str, str]:
    url = f"http://127.0.0.1:{port}"
    return {
        "load": f"LOAD <{url}/data.ttl>",
        "load silent into": f"LOAD SILENT <{url}/data.ttl> INTO GRAPH <urn:x:g>",
        "load lower case": f"load<{url}/x.ttl>",
        "service select": f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "service silent": f"SELECT * WHERE {{ SERVICE SILENT <{url}/s> {{ ?s ?p ?o }} }}",
        "service in ask": f"ASK {{ SERVICE <{url}/s> {{ ?s ?p ?o }} }}",
        "service in construct": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/s> {{ ?s ?p ?o }} }}",
        "service in update": f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/s> {{ ?s ?p ?o }} }}",
        "service with prefix": f"PREFIX e: <{url}/> SELECT * {{ SERVICE e:s {{ ?s ?p ?o }} }}",
        "service after comment": f"SELECT * {{ # comment\nSERVICE<{url}/s>{{?s ?p ?o}} }}",
    }


def test_load_and_service_are_refused_and_never_connect(tmp_path: Path) -> None:
    listener = Listener()
    store = api.open_store(None)
    try:
        for label, text in _network_queries(listener.port).items():
            for allow in (False, True):
                with pytest.raises(QueryError, match="refused") as info:
                    api.run_query(store, text, allow_update=allow)
                assert "network" in str(info.value), label
            with pytest.raises(QueryError, match="refused"):
                store.query(text)  # the store itself refuses too
        assert len(store) == 0
        # through the command line, with --allow-update
        path = tmp_path / "s"
        for text in _network_queries(listener.port).values():
            result = CliRunner().invoke(
                cli, ["--store", str(path), "query", "--allow-update", text]
            )
            assert result.exit_code == 1 and "refused" in result.output
    finally:
        store.close()
        connections = listener.close()
    assert connections == 0


def test_query_file_with_service_is_refused(tmp_path: Path) -> None:
    rq = tmp_path / "evil.rq"
    rq.write_text("# title: evil\nSELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    store = api.open_store(None)
    with pytest.raises(QueryError, match=r"evil\.rq: refused: SERVICE"):
        api.run_query(store, str(rq))
    store.close()


def test_words_service_and_load_in_strings_are_not_refused(store: GraphStore) -> None:
    text = "SELECT ?s WHERE { ?s ?p ?o FILTER(?o = 'LOAD or SERVICE') } # SERVICE"
    assert api.run_query(store, text).rows == []


@pytest.mark.parametrize(
    "update", ["COPY <urn:a> TO <urn:b>", "MOVE <urn:a> TO <urn:b>", "ADD <urn:a> TO <urn:b>"]
)
def test_graph_management_updates_are_refused_not_unknown(update: str) -> None:
    store = api.open_store(None)
    with pytest.raises(QueryError, match="refused"):
        api.run_query(store, update)
