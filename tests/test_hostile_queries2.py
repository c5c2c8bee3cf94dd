"""Hostile queries, round 2 (issue 13, items 1 and 4): SERVICE and LOAD refused from the
parsed query in every spelling, and every query bounded in time, rows and memory, with
Ctrl-C that works."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ownergraph import api
from ownergraph.cli import cli
from ownergraph.errors import QueryError
from ownergraph.graph.store import GraphStore
from ownergraph.queries.guard import network_operations, parse_sparql

from .corpus import SEED
from .listener import Listener


@pytest.fixture(scope="module")
def seed_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seed2") / "store"
    with api.open_store(path) as s:
        assert api.load_paths(s, [SEED]).ok
    return path


@pytest.fixture
def listener() -> Iterator[Listener]:
    lis = Listener()
    yield lis
    lis.close()


def _bypasses(port: int) -> dict[str, str]:
    """Every spelling of SERVICE / LOAD the textual guard let through, and more."""
    u = f"http://127.0.0.1:{port}/sparql"
    body = "{ ?x ?y ?z }"
    return {
        "?o.SERVICE": f"SELECT * WHERE {{ ?s ?p ?o.SERVICE <{u}> {body} }}",
        "$o.SERVICE": f"SELECT * WHERE {{ ?s ?p $o.SERVICE <{u}> {body} }}",
        "true.SERVICE": f"SELECT * WHERE {{ ?s ?p true.SERVICE <{u}> {body} }}",
        "1.SERVICE": f"SELECT * WHERE {{ ?s ?p 1.SERVICE <{u}> {body} }}",
        "comment before": f"SELECT * WHERE {{ ?s ?p ?o #x\nSERVICE <{u}> {body} }}",
        "comment between": f"SELECT * WHERE {{ SERVICE#x\n<{u}> {body} }}",
        "mixed case": f"select * where {{ sErViCe SiLeNt <{u}> {body} }}",
        "\\u escape": f"SELECT * WHERE {{ \\u0053ERVICE <{u}> {body} }}",
        "\\U escape": f"SELECT * WHERE {{ \\U00000053ervice <{u}> {body} }}",
        "in OPTIONAL": f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <{u}> {body} }} }}",
        "in UNION": f"SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE <{u}> {body} }} }}",
        "in MINUS": f"SELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE <{u}> {body} }} }}",
        "in GRAPH": f"SELECT * WHERE {{ GRAPH ?g {{ SERVICE <{u}> {body} }} }}",
        "in subquery": f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{u}> {body} }} }} }}",
        "in EXISTS": f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{u}> {body} }} }}",
        "variable endpoint": f"SELECT * WHERE {{ BIND(<{u}> AS ?e) SERVICE ?e {body} }}",
        "in ASK": f"ASK {{ ?s ?p ?o.SERVICE <{u}> {body} }}",
        "in CONSTRUCT": f"CONSTRUCT {{ ?x ?y ?z }} WHERE {{ ?s ?p ?o.SERVICE <{u}> {body} }}",
        "in DESCRIBE": f"DESCRIBE ?x WHERE {{ ?s ?p ?o.SERVICE <{u}> {body} }}",
        "update WHERE": f"INSERT {{ ?x ?y ?z }} WHERE {{ ?s ?p ?o.SERVICE <{u}> {body} }}",
        "update GRAPH": (
            f"INSERT {{ GRAPH <urn:x:g> {{ ?x ?y ?z }} }} WHERE {{ SERVICE <{u}> {body} }}"
        ),
        "second update": f"CLEAR SILENT GRAPH <urn:x:n> ; LOAD <{u}> INTO GRAPH <urn:x:g>",
        "LOAD": f"LOAD <{u}>",
        "load lower, no space": f"load<{u}>",
        "LOAD \\u escape": f"\\u004cOAD SILENT <{u}> ; INSERT DATA {{ }}",
    }


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_the_grammar_reads_each_bypass_as_a_remote_operation() -> None:
    for label, text in _bypasses(9).items():
        assert network_operations(text), label


def test_every_bypass_is_refused_in_process_and_never_connects(listener: Listener) -> None:
    store = api.open_store(None)
    try:
        assert api.load_paths(store, [SEED]).ok
        before = len(store)
        for label, text in _bypasses(listener.port).items():
            for allow in (False, True):
                with pytest.raises(QueryError, match="refused") as info:
                    api.run_query(store, text, allow_update=allow)
                assert "never fetches" in str(info.value), label
            with pytest.raises(QueryError, match="refused"):
                store.query(text)  # the store's own entry refuses too
        assert len(store) == before
    finally:
        store.close()
    assert listener.close() == 0


def test_every_bypass_is_refused_by_the_cli_inline_and_from_a_file(
    listener: Listener, seed_store_path: Path, tmp_path: Path
) -> None:
    with GraphStore.open(seed_store_path, read_only=True) as s:
        before = len(s)
    for i, (label, text) in enumerate(_bypasses(listener.port).items()):
        rq = tmp_path / f"evil{i}.rq"
        rq.write_text(f"# title: evil\n{text}\n", encoding="utf-8")
        for spec in (text, str(rq)):
            result = _invoke("--store", str(seed_store_path), "query", "--allow-update", spec)
            assert result.exit_code == 1, (label, result.output)
            lines = result.output.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("error:"), (label, result.output)
            assert "refused" in lines[0] and "Traceback" not in result.output
    with GraphStore.open(seed_store_path, read_only=True) as s:
        assert len(s) == before
    assert listener.close() == 0


def test_text_the_grammar_cannot_read_is_refused_with_the_parser_message() -> None:
    store = api.open_store(None)
    with pytest.raises(QueryError, match=r"inline: not valid SPARQL: Expected"):
        api.run_query(store, "SELECT * WHERE { ?s ?p }")
    store.close()
    result = _invoke("--store", "/nonexistent/x", "query", "SELECT * WHERE { ?s ?p }")
    assert result.exit_code == 1 and "not valid SPARQL" in result.output


def test_words_in_strings_iris_comments_and_prefixes_still_run() -> None:
    store = api.open_store(None)
    for text in (
        "SELECT ?s WHERE { ?s ?p 'SERVICE <http://x/> { }' } # LOAD <http://x/>",
        "PREFIX service: <urn:x:> SELECT ?s WHERE { ?s service:load ?o }",
        "SELECT ?s WHERE { ?s <urn:x:SERVICE> ?o }",
        "SELECT ?service ?load WHERE { ?service ?load ?o }",
    ):
        assert api.run_query(store, text).rows == []
    store.close()


def test_every_named_query_passes_the_grammar() -> None:
    named = api.named_queries()
    assert len(named) > 5
    for name, nq in named.items():
        assert not network_operations(parse_sparql(nq.text, name)), name


# -- limits ------------------------------------------------------------------------

CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?e ?i"
PATHS = (
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
    "SELECT * WHERE { ?a (rdf:type|^rdf:type)* ?b . ?b (rdf:type|^rdf:type)* ?c }"
)


def test_a_cartesian_product_with_order_by_is_stopped_with_a_message(
    seed_store_path: Path,
) -> None:
    started = time.monotonic()
    result = _invoke(
        "--store",
        str(seed_store_path),
        "query",
        "--max-memory",
        "200",
        "--timeout",
        "40",
        CARTESIAN,
    )
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), result.output
    assert "more than 200 MB of memory" in lines[0] or "longer than 40 s" in lines[0]
    assert time.monotonic() - started < 120
    with GraphStore.open(seed_store_path, read_only=True) as s:  # the store is untouched
        assert len(s.graph_names()) == 1


def test_a_runaway_property_path_stops_on_time(seed_store_path: Path) -> None:
    started = time.monotonic()
    result = _invoke("--store", str(seed_store_path), "query", "--timeout", "2", PATHS)
    assert result.exit_code == 1, result.output
    assert result.output.strip() == (
        "error: inline: stopped: the query ran longer than 2 s (--timeout 2); "
        "narrow it or raise the limit"
    )
    assert time.monotonic() - started < 60


def test_the_timeout_comes_from_the_environment(
    seed_store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OWNERGRAPH_QUERY_TIMEOUT", "1")
    result = _invoke("--store", str(seed_store_path), "query", PATHS)
    assert result.exit_code == 1 and "longer than 1 s" in result.output
    monkeypatch.setenv("OWNERGRAPH_QUERY_TIMEOUT", "soon")
    result = _invoke("--store", str(seed_store_path), "query", "holdings")
    assert result.exit_code == 1 and "OWNERGRAPH_QUERY_TIMEOUT must be a whole number" in (
        result.output
    )


def test_the_row_limit_stops_a_large_answer(seed_store_path: Path) -> None:
    text = "SELECT * WHERE { ?s ?p ?o }"
    with GraphStore.open(seed_store_path, read_only=True) as s:
        total = len(s)
        table = api.run_query(s, text, limits=api.QueryLimits(max_rows=total))
        assert len(table.rows) == total  # exactly at the limit: the whole answer
        with pytest.raises(QueryError, match=f"more than {total - 1} rows"):
            api.run_query(s, text, limits=api.QueryLimits(max_rows=total - 1))
        construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        with pytest.raises(QueryError, match="more than 10 rows"):
            api.run_query(s, construct, limits=api.QueryLimits(max_rows=10))
    result = _invoke("--store", str(seed_store_path), "query", "--max-rows", "3", text)
    assert result.exit_code == 1 and "more than 3 rows (--max-rows 3)" in result.output


def test_bounded_answers_equal_unbounded_ones(seed_store_path: Path) -> None:
    with GraphStore.open(seed_store_path, read_only=True) as s:
        for spec, params in (
            ("holdings", {}),
            ("holdings", {"holder": "Tuspark"}),
            ("sources", {}),
        ):
            child = api.run_query(s, spec, params, limits=api.QueryLimits(timeout=60))
            here = api.run_query(s, spec, params, limits=api.QueryLimits(timeout=0))
            assert child.rows == here.rows and child.rows, spec
        ask = api.run_query(s, "ASK { ?s ?p ?o }")
        assert ask.rows == [{"answer": True}]


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == str(pid):
            found.append(int(stat.parent.name))
    return found


@pytest.mark.timeout(180)
@pytest.mark.parametrize(
    ("sig", "code", "message"),
    [
        (signal.SIGINT, 130, "error: inline: interrupted (Ctrl-C); the query was stopped"),
        (signal.SIGTERM, 143, "error: inline: terminated (SIGTERM); the query was stopped"),
    ],
)
def test_a_signal_ends_a_running_query_with_one_line(
    seed_store_path: Path, sig: signal.Signals, code: int, message: str
) -> None:
    if not Path("/proc/self/stat").is_file():
        pytest.skip("no /proc: cannot see when the query's evaluation process starts")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ownergraph", "--store", str(seed_store_path), "query", PATHS],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        # wait until the query runs in its child process (a grandchild of this test)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if _children(proc.pid):
                break
            time.sleep(0.2)
        else:
            pytest.fail("the query never started its evaluation process")
        time.sleep(1)
        evaluator = _children(proc.pid)
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=30)
        time.sleep(0.5)
        alive = [c for c in evaluator if Path(f"/proc/{c}").exists()]
        assert not [c for c in alive if "Z" not in Path(f"/proc/{c}/stat").read_text()[:80]]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == code, (out, err)
    assert "Traceback" not in err
    assert err.strip().splitlines() == [message]
