"""``ownergraph build`` + the engine's own bulk loader + ``ownergraph resolve`` answer as
``ownergraph load``; ``ownergraph serve`` serves a local store to any SPARQL client."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ownergraph import api
from ownergraph.cli import cli
from ownergraph.errors import StoreError

from .corpus import SEED, corpus_files
from .servers import Server, _wait_for_port, free_port, oxigraph_binary, running, stop


def _filings() -> list[Path]:
    """The seed and real filings that share parties (so the post-pass has work)."""
    picked = [SEED]
    for suffix in (".xml", ".txt", ".htm"):
        picked += sorted(corpus_files(suffix), key=lambda p: p.stat().st_size)[:2]
    return picked


def _answers(store: Any) -> dict[str, list[str]]:
    out = {}
    for name, nq in sorted(api.named_queries().items()):
        if any(p.required for p in nq.params):
            continue
        rows = api.run_query(store, name).rows
        out[name] = sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)
    return out


def test_bulk_built_files_loaded_by_oxigraph_answer_as_a_load(tmp_path: Path) -> None:
    files = [str(p) for p in _filings()]
    out = tmp_path / "nq"
    result = CliRunner().invoke(cli, ["build", *files, "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    built = sorted(out.glob("*.nq"))
    assert len(built) == len(files) and f"{len(files)} filing(s) built" in result.output
    bulk = tmp_path / "bulk.db"
    subprocess.run(
        [oxigraph_binary(), "load", "--location", str(bulk), "--file", *map(str, built)],
        check=True,
        capture_output=True,
    )
    result = CliRunner().invoke(cli, ["--store", str(bulk), "resolve"])
    assert result.exit_code == 0, result.output
    assert f"{len(files)} filing graph(s) linked" in result.output
    loaded = tmp_path / "loaded.db"
    result = CliRunner().invoke(cli, ["--store", str(loaded), "load", "-q", *files])
    assert result.exit_code == 0, result.output
    with api.open_store(bulk) as b, api.open_store(loaded) as ld:
        assert b.graph_names() == ld.graph_names()
        assert len(b) == len(ld)
        assert _answers(b) == _answers(ld)
        assert api.chain(b, "21Vianet").to_json() == api.chain(ld, "21Vianet").to_json()
        # the post-pass is idempotent
        before = len(b)
        assert api.resolve_store(b).repointed == 0 and len(b) == before


def test_build_reports_a_bad_file_and_writes_nothing_for_it(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    report = api.build_files([bad, SEED], tmp_path / "out", jobs=1)
    assert [p for p, _ in report.failed] == [str(bad)]
    assert len(report.written) == 1 and report.quads > 4000
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [report.written[0].name]


def _serve(location: Path, tmp: Path, *extra: str) -> Server:
    port = free_port()
    log = tmp / f"serve-{port}.log"
    command = [sys.executable, "-m", "ownergraph", "--store", str(location), "serve"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, "--port", str(port), *extra], stdout=out, stderr=subprocess.STDOUT
        )
    _wait_for_port(port, process, log, 60)
    return Server(f"http://127.0.0.1:{port}", process, log, port)


def test_serve_gives_any_sparql_client_the_store(tmp_path: Path) -> None:
    oxigraph_binary()
    location = tmp_path / "db"
    with api.open_store(location) as store:
        assert api.load_paths(store, [SEED]).ok
        expected = _answers(store)
    for srv in running(_serve(location, tmp_path)):
        with api.open_store(srv.url) as remote:
            assert _answers(remote) == expected
        # a plain SPARQL client: the default graph is the union of the filings
        import httpx

        response = httpx.post(
            f"{srv.url}/query",
            data={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
            headers={"Accept": "application/sparql-results+json"},
            trust_env=False,
        )
        n = int(response.json()["results"]["bindings"][0]["n"]["value"])
        assert n > 4000
        # while it runs, the server holds the lock: a local command says so in one line
        result = CliRunner().invoke(cli, ["--store", str(location), "load", str(SEED)])
        assert result.exit_code == 1 and "locked" in result.output
        assert "--store http://" in result.output
    assert srv.process.returncode is not None  # stopped


def test_serve_read_only_and_a_locked_store(tmp_path: Path) -> None:
    oxigraph_binary()
    location = tmp_path / "db"
    with api.open_store(location) as store:
        assert api.load_paths(store, [SEED]).ok
        with pytest.raises(StoreError, match="write lock"):
            api.serve(location, port=free_port())  # we hold the lock: refused, not run
    srv = _serve(location, tmp_path, "--read-only")
    try:
        with api.open_store(srv.url) as remote, pytest.raises(StoreError, match="refuses updates"):
            api.load_paths(remote, [SEED])
    finally:
        stop(srv.process)
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "none"), "serve"])
    assert result.exit_code == 1 and "there is no store" in result.output
