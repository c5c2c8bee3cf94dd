"""``ownergraph fetch`` through click's CliRunner and as a process killed mid-download,
against the local EDGAR of tests/edgar_server.py."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from ownergraph.cli import cli
from ownergraph.graph.store import GraphStore
from tests.corpus import REPO, require_corpus
from tests.edgar_server import (
    VNET_ACCESSION,
    VNET_CIK,
    Edgar,
    build_tree,
    corpus_submissions,
    serve,
)

BLACKROCK = "1364742"


@pytest.fixture(scope="module")
def tree() -> Edgar:
    e = Edgar()  # the seed's 13D/A even without ../shared/corpus
    build_tree(e, corpus_submissions())
    return e


@pytest.fixture
def edgar(tree: Edgar) -> Iterator[Edgar]:
    yield from serve(Edgar(www=dict(tree.www), data=dict(tree.data)))


def test_fetch_vnet_then_chain_cites_sec_gov(edgar: Edgar, tmp_path: Path) -> None:
    runner = CliRunner()
    store, cache = str(tmp_path / "s.db"), str(tmp_path / "cache")
    env = edgar.env()
    r = runner.invoke(cli, ["--store", store, "fetch", "VNET", "--cache", cache], env=env)
    assert r.exit_code == 0, r.output
    assert "1 filing(s) from EDGAR: 1 downloaded" in r.output
    assert "1 filing(s) loaded into" in r.output and "0 failed" in r.output
    r2 = runner.invoke(cli, ["--store", store, "fetch", "VNET", "--cache", cache], env=env)
    assert r2.exit_code == 0, r2.output
    assert "1 downloaded" not in r2.output and "0 downloaded, 1 from the cache" in r2.output
    assert len(edgar.requests("Archives/")) == 1  # the second run made no archive request
    chain = runner.invoke(cli, ["--store", store, "chain", "21Vianet Group", "--format", "json"])
    assert chain.exit_code == 0, chain.output
    paths = json.loads(chain.output)
    folder = (
        f"https://www.sec.gov/Archives/edgar/data/{VNET_CIK}/{VNET_ACCESSION.replace('-', '')}/"
    )
    links = [lk for p in paths for lk in p["links"]]
    assert links and {lk["url"] for lk in links} == {f"{folder}{VNET_ACCESSION}.txt"}
    assert all(lk["quote"] and lk["section"] for lk in links)
    sources = runner.invoke(cli, ["--store", store, "query", "sources", "--format", "csv"])
    assert sources.output.splitlines()[0].endswith(",url") and folder in sources.output
    # the ticker the fetch was given finds the company too: EDGAR's list keeps it
    by_ticker = runner.invoke(cli, ["--store", store, "chain", "VNET", "--format", "json"])
    assert by_ticker.exit_code == 0, by_ticker.output
    assert json.loads(by_ticker.output) == paths


def test_fetch_without_user_agent_is_one_line(edgar: Edgar, tmp_path: Path) -> None:
    env = {k: v for k, v in edgar.env().items() if k != "OWNERGRAPH_USER_AGENT"}
    env["OWNERGRAPH_USER_AGENT"] = ""
    r = CliRunner().invoke(
        cli, ["--store", str(tmp_path / "s"), "fetch", "VNET", "--cache", str(tmp_path)], env=env
    )
    assert r.exit_code == 1
    assert r.output.strip().count("\n") == 0 and "OWNERGRAPH_USER_AGENT" in r.output
    assert "Traceback" not in r.output
    assert edgar.requests() == []


def _quads(path: Path, cache: Path) -> set[str]:
    """The store's quads, the cache folder (in each og:sourcePath) written as CACHE."""
    with GraphStore.open(path, read_only=True) as s:
        return {str(q).replace(str(cache), "CACHE") for q in s.iter_quads()}


def test_killed_mid_download_then_rerun_gives_the_same_store(edgar: Edgar, tmp_path: Path) -> None:
    require_corpus()
    env = {**os.environ, **edgar.env(), "PYTHONPATH": str(REPO / "src")}
    clean_store, clean_cache = tmp_path / "clean.db", tmp_path / "clean-cache"
    runner = CliRunner()
    args = ["fetch", BLACKROCK, "-q"]
    r = runner.invoke(
        cli, ["--store", str(clean_store), *args, "--cache", str(clean_cache)], env=edgar.env()
    )
    assert r.exit_code == 0, r.output
    # the fifth archive stalls halfway through its body; the process is killed then
    archive = edgar.requests("Archives/")[4].path
    before = len(edgar.requests())
    edgar.fault(archive, ("stall", 120))
    store, cache = tmp_path / "s.db", tmp_path / "cache"
    proc = subprocess.Popen(
        [sys.executable, "-m", "ownergraph", "--store", str(store), *args, "--cache", str(cache)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while len(edgar.requests(archive)) < 2 and time.monotonic() < deadline:
            assert proc.poll() is None, "the fetch ended before the stalled download"
            time.sleep(0.1)
        time.sleep(0.5)
        assert len(edgar.requests()) > before
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    name = archive.rsplit("/", 1)[-1]
    kept = cache / "archives"
    assert not (kept / name).exists()  # no half file under the real name
    assert list(kept.glob(f".{name}.*.part")), "the partial download should be in a temporary file"
    done_before = {p.name for p in kept.glob("*.txt")}
    assert len(done_before) == 4
    archives_before = len(edgar.requests("Archives/"))
    r = runner.invoke(cli, ["--store", str(store), *args, "--cache", str(cache)], env=edgar.env())
    assert r.exit_code == 0, r.output
    assert "3 downloaded, 4 from the cache" in r.output  # only what was missing
    assert len(edgar.requests("Archives/")) - archives_before == 3
    assert not list(kept.glob("*.part")) and not list(kept.glob(".*.part"))
    quads = _quads(store, cache)
    assert len(quads) > 1000 and quads == _quads(clean_store, clean_cache)
