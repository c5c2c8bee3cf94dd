"""The store on real SPARQL servers (Oxigraph and Virtuoso on 127.0.0.1): the same
answers as the local store, idempotent reloads, failures that change nothing, and one
clear line for every server problem.

Each server is started by a fixture on free loopback ports and stopped in its teardown.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from ownergraph import api
from ownergraph.cli import cli
from ownergraph.errors import QueryError, StoreError
from ownergraph.graph.remote import RemoteStore

from .corpus import SEED, corpus_files
from .listener import Listener
from .servers import Server, free_port, running, start_oxigraph, start_virtuoso

pytestmark = pytest.mark.slow

#: Virtuoso 7.2's SPARQL compiler fails on these named queries (internal errors
#: SP031/SQ156, an unbound transitive table): a limitation of the engine, reported as
#: one error line; every other answer must match the local store (``holdings``, whose
#: NOT EXISTS it could not compile, is sent as two joins: see ``api.answers._run``)
VIRTUOSO_CANNOT = {"changes", "ultimate-controllers"}


def _filings() -> list[Path]:
    """The seed and a few small real filings of different formats."""
    picked: list[Path] = [SEED]
    for suffix in (".xml", ".txt", ".htm"):
        found = sorted(corpus_files(suffix), key=lambda p: p.stat().st_size)
        picked += found[:1]
    return picked


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp(request.param)
    start = (
        start_virtuoso if request.param == "virtuoso" else (lambda t: start_oxigraph(t / "db", t))
    )
    yield from running(start(tmp))


@pytest.fixture(scope="module")
def loaded(server: Server, tmp_path_factory: pytest.TempPathFactory) -> tuple[Server, Path]:
    """The same filings loaded through the command line into the server and a local store."""
    local = tmp_path_factory.mktemp("local") / "store.db"
    files = [str(p) for p in _filings()]
    for store in (server.url, str(local)):
        result = CliRunner().invoke(cli, ["--store", store, "load", "-q", *files])
        assert result.exit_code == 0, result.output
        assert f"{len(files)} filing(s) loaded" in result.output
    return server, local


def _engine(server: Server) -> str:
    return "virtuoso" if server.url.startswith("virtuoso") else "oxigraph"


def _sorted_rows(rows: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)


_AGGREGATE = re.compile(
    r"\((SAMPLE|GROUP_CONCAT)\s*\((?:[^()]|\([^()]*\))*\)\s*AS\s+\?(\w+)\s*\)", re.I
)


def _tie_free(data: Any) -> Any:
    """``data`` with every list of objects sorted (the order of tied rows is the engine's)."""
    if isinstance(data, dict):
        return {k: _tie_free(v) for k, v in data.items()}
    if isinstance(data, list):
        items = [_tie_free(v) for v in data]
        if all(isinstance(v, dict) for v in items):
            return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, default=str))
        return items
    return data


def _engine_neutral(text: str, rows: list[dict[str, Any]]) -> list[str]:
    """Rows with what SPARQL leaves to the engine taken out: the order of the parts of
    a ``GROUP_CONCAT`` (sorted here) and which value ``SAMPLE`` picks (dropped)."""
    concat = {m.group(2) for m in _AGGREGATE.finditer(text) if m.group(1).upper() == "GROUP_CONCAT"}
    sample = {m.group(2) for m in _AGGREGATE.finditer(text) if m.group(1).upper() == "SAMPLE"}
    out = []
    for row in rows:
        r = {k: v for k, v in row.items() if k not in sample}
        for k in concat & set(r):
            if isinstance(r[k], str):
                r[k] = sorted(re.split(r"; |, | ", r[k]))
        out.append(json.dumps(r, sort_keys=True, default=str))
    return sorted(out)


def test_every_named_query_answers_as_the_local_store(loaded: tuple[Server, Path]) -> None:
    server, local = loaded
    compared = 0
    with api.open_store(server.url) as remote, api.open_store(local) as here:
        assert remote.graph_names() == here.graph_names()
        assert len(remote) == len(here) > 4000
        for name, nq in sorted(api.named_queries().items()):
            if any(p.required for p in nq.params):
                continue
            expected = api.run_query(here, name).rows
            if _engine(server) == "virtuoso" and name in VIRTUOSO_CANNOT:
                with pytest.raises((QueryError, StoreError), match="Virtuoso"):
                    api.run_query(remote, name)
                continue
            got = api.run_query(remote, name).rows
            if _engine(server) == "virtuoso":
                text = nq.text
                assert _engine_neutral(text, got) == _engine_neutral(text, expected), name
                assert sorted(len(r) for r in got) == sorted(len(r) for r in expected)
            else:
                assert _sorted_rows(got) == _sorted_rows(expected), name
            compared += 1
    assert compared >= 12


def test_commands_print_the_same_through_a_server(
    loaded: tuple[Server, Path], tmp_path: Path
) -> None:
    server, local = loaded
    commands = [
        ["query", "officers", "--format", "json"],
        ["query", "sources", "-p", "subject=21Vianet", "--format", "csv"],
        ["chain", "21Vianet", "--format", "json"],
        ["show", "Tuspark", "--format", "json"],
    ]
    if _engine(server) == "oxigraph":
        commands += [["query", "holdings", "-p", "holder=Tuspark", "--format", "json"]]
    for command in commands:
        outputs = []
        for store in (server.url, str(local)):
            result = CliRunner().invoke(cli, ["--store", store, *command])
            assert result.exit_code == 0, (command, result.output)
            outputs.append(result.output)
        if _engine(server) == "virtuoso" and command[-1] == "json":
            # rows that tie on a query's ORDER BY come in the engine's order
            assert _tie_free(json.loads(outputs[0])) == _tie_free(json.loads(outputs[1])), command
        else:
            assert outputs[0] == outputs[1], command
        assert len(outputs[0]) > 50
    # the viewer and the export: the same nodes, edges and quads
    stats = []
    for store in (server.url, str(local)):
        with api.open_store(store) as s:
            stats.append(api.write_viewer(s, tmp_path / "page.html"))
    assert stats[0] == stats[1]
    dumps = []
    for store in (server.url, str(local)):
        out = tmp_path / "out.nq"
        result = CliRunner().invoke(
            cli, ["--store", store, "export", "--format", "nq", "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        dumps.append(sorted(set(out.read_text(encoding="utf-8").splitlines())))
    assert dumps[0] == dumps[1]
    assert len(dumps[0]) > 4000


def test_reload_replaces_and_a_failed_load_changes_nothing(
    loaded: tuple[Server, Path], tmp_path: Path
) -> None:
    server, _ = loaded
    with api.open_store(server.url) as remote:
        before, names = len(remote), remote.graph_names()
        report = api.load_paths(remote, [SEED])
        assert report.ok and len(remote) == before and remote.graph_names() == names
        broken = tmp_path / "broken.txt"
        broken.write_bytes(b"")  # not a filing: it fails, and nothing is written
        report = api.load_paths(remote, [broken])
        assert report.failed and not report.loaded and len(remote) == before
        # a request the server rejects half-way leaves the graph as it was
        graph = URIRef(report_graph(remote))
        size = remote.graph_size(graph)
        with pytest.raises((QueryError, StoreError)):
            if remote.endpoint.gsp_url is not None:
                remote._put(graph, "<urn:x:a> <urn:x:p> <urn:x:b> <urn:x:c> <urn:x:d> .")
            else:
                remote.update(
                    f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> {{ <urn:x:a> }} }}"
                )
        assert remote.graph_size(graph) == size
        # a term that is not valid RDF is refused before anything is sent
        bad = Graph()
        bad.add((URIRef("urn:x:a b"), URIRef("urn:x:p"), Literal("x")))
        with pytest.raises(StoreError, match="not valid RDF"):
            remote.replace_graph(graph, bad)
        assert remote.graph_size(graph) == size and len(remote) == before


def report_graph(store: Any) -> str:
    return str(store.graph_names()[0])


def test_a_query_never_reaches_another_address(loaded: tuple[Server, Path]) -> None:
    server, _ = loaded
    listener = Listener()
    with api.open_store(server.url) as remote:
        text = (
            f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
        )
        with pytest.raises(QueryError, match="SERVICE"):
            remote.query(text)
        with pytest.raises(QueryError, match="LOAD"):
            api.run_query(
                remote, f"LOAD <http://127.0.0.1:{listener.port}/x.ttl>", allow_update=True
            )
    assert listener.close() == 0


def test_server_problems_are_one_clear_line(loaded: tuple[Server, Path], tmp_path: Path) -> None:
    server, _ = loaded
    nobody = f"http://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(cli, ["--store", nobody, "query", "filings"])
    assert result.exit_code == 1
    assert "cannot reach the SPARQL server" in result.output and "Traceback" not in result.output
    if _engine(server) == "virtuoso":
        wrong = server.url.replace("dba:dba@", "dba:wrong@")
        with pytest.raises(StoreError, match="refused the credentials"):
            api.open_store(wrong)
        anonymous = server.url.replace("dba:dba@", "")
        with api.open_store(anonymous) as store, pytest.raises(StoreError, match="refuses updates"):
            api.load_paths(store, [SEED])
        assert "dba:dba" not in RemoteStore.open(server.url).path


def test_read_only_oxigraph_server_refuses_loads(tmp_path: Path) -> None:
    location = tmp_path / "db"
    with api.open_store(location) as store:
        assert api.load_paths(store, [SEED]).ok
    for srv in running(start_oxigraph(location, tmp_path, read_only=True)):
        result = CliRunner().invoke(cli, ["--store", srv.url, "load", str(SEED)])
        assert result.exit_code == 1
        assert "refuses updates" in result.output and "Traceback" not in result.output
        result = CliRunner().invoke(
            cli, ["--store", srv.url, "query", "filings", "--format", "csv"]
        )
        assert result.exit_code == 0 and "21Vianet" in result.output


def test_export_of_a_server_store_is_complete(loaded: tuple[Server, Path]) -> None:
    server, _ = loaded
    with api.open_store(server.url) as remote:
        out = io.BytesIO()
        remote.export("trig", out)
        assert len(out.getvalue()) > 10000
        assert sum(1 for _ in remote.iter_quads()) == len(remote)
