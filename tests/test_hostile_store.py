"""The store under stress: atomic replaces, concurrent readers, locks, read-only, signals."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from ownergraph import api
from ownergraph.errors import StoreError
from ownergraph.graph.store import GraphDataError, GraphStore

from .corpus import SEED, corpus_files

G = URIRef("urn:x:filing")


def _graph(n: int, tag: str) -> Graph:
    g = Graph()
    for i in range(n):
        g.add((URIRef(f"urn:x:{tag}{i}"), URIRef("urn:x:p"), Literal(i)))
    return g


def test_oxigraph_applies_an_update_in_one_transaction() -> None:
    """What replace_graph relies on: a failing later operation undoes the earlier ones."""
    s = ox.Store()
    s.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }")
    with pytest.raises((RuntimeError, OSError)):
        s.update(
            "DROP SILENT GRAPH <urn:g> ; INSERT DATA { GRAPH <urn:g> { <urn:x> <urn:y> <urn:z> } } ;"
            " DROP GRAPH <urn:no-such-graph>"
        )
    assert [str(q) for q in s] == ["<urn:a> <urn:b> <urn:c> <urn:g>"]


def test_graph_names_and_terms_cannot_inject_into_the_update() -> None:
    store = GraphStore.open(None)
    store.replace_graph(G, _graph(3, "a"))
    before = {str(q) for q in store.iter_quads()}
    for bad in ("urn:x:g> } } ; DROP ALL ; #", "has space", 'urn:x:"q"'):
        with pytest.raises(GraphDataError):
            store.replace_graph(URIRef(bad), _graph(2, "b"))
    g = _graph(2, "c")
    g.add(
        (URIRef("urn:x:a> <urn:x:b> <urn:x:c> } } ; DROP ALL ; #"), URIRef("urn:x:p"), Literal(1))
    )
    with pytest.raises(GraphDataError):
        store.replace_graph(URIRef("urn:x:other"), g)
    # literals are escaped by Oxigraph: the text is kept exactly, nothing else happens
    tricky = Literal('quote " } ; DROP ALL ; # \\ and\nnew line')
    g2 = Graph()
    g2.add((URIRef("urn:x:s"), URIRef("urn:x:p"), tricky))
    assert store.replace_graph(URIRef("urn:x:lit"), g2) == 1
    assert {str(q) for q in store.iter_quads()} >= before
    assert [str(o) for _, _, o in store.graph(URIRef("urn:x:lit"))] == [str(tricky)]
    store.close()


@pytest.mark.timeout(60)
def test_reader_sees_the_old_graph_or_the_new_never_half() -> None:
    store = GraphStore.open(None)
    small, large = _graph(50, "s"), _graph(400, "l")
    store.replace_graph(G, small)
    seen: set[int] = set()
    stop = threading.Event()
    errors: list[BaseException] = []

    def reader() -> None:
        try:
            while not stop.is_set():
                seen.add(store.graph_size(G))
                rows = store.query(
                    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:x:filing> { ?s ?p ?o } }"
                )
                seen.add(int(next(iter(rows))[0]))  # type: ignore[call-overload]
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    for i in range(150):
        store.replace_graph(G, large if i % 2 == 0 else small)
    stop.set()
    for t in threads:
        t.join()
    store.close()
    assert not errors
    assert seen <= {50, 400}, seen
    assert seen == {50, 400}  # the readers really ran while the writer wrote


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with api.open_store(path) as s:
        assert api.load_paths(s, [SEED]).ok
    with GraphStore.open(path, read_only=True) as s:
        before = len(s)
        with pytest.raises(StoreError, match="read-only"):
            s.replace_graph(G, _graph(1, "a"))
        with pytest.raises(StoreError, match="read-only"):
            api.load_paths(s, [SEED])
        assert len(s) == before
    with pytest.raises(StoreError, match="no store"):
        GraphStore.open(tmp_path / "missing", read_only=True)


def test_store_directory_unwritable_even_for_root(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with api.open_store(path) as s:
        assert api.load_paths(s, [SEED]).ok
    if os.geteuid() != 0:
        path.chmod(0o555)
        mode = "chmod 555"
    else:
        if shutil.which("chattr") is None:
            pytest.skip(
                "running as root and chattr is absent: no way to make a directory unwritable"
            )
        proc = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
        if proc.returncode != 0:
            pytest.skip(f"running as root and chattr +i fails here ({proc.stderr!r})")
        mode = "chattr +i"
    try:
        with pytest.raises(StoreError) as info, api.open_store(path) as s:
            api.load_paths(s, [SEED])
        assert str(path) in str(info.value), mode
    finally:
        if mode == "chattr +i":
            subprocess.run(["chattr", "-i", str(path)], check=True)
        else:
            path.chmod(0o755)
    with GraphStore.open(path, read_only=True) as s:  # still intact
        assert len(s.graph_names()) == 1


def test_locked_store_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "store"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, pyoxigraph as ox; s = ox.Store(sys.argv[1]); print('open', flush=True);"
            " sys.stdin.readline()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="locked by another process"):
            GraphStore.open(path)
        proc = subprocess.run(
            [sys.executable, "-m", "ownergraph", "--store", str(path), "load", str(SEED)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 1
        assert "locked by another process" in proc.stdout + proc.stderr
        assert "Traceback" not in proc.stderr
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)


def _reference_graphs(files: list[Path]) -> dict[str, set[str]]:
    store = api.open_store(None)
    report = api.load_paths(store, files)
    out = {
        f.graph: {str(q) for q in store.iter_quads() if q.graph_name.value == f.graph}
        for f in report.loaded
    }
    store.close()
    return out


@pytest.mark.corpus
@pytest.mark.timeout(180)
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_load_leaves_a_consistent_store(tmp_path: Path, sig: signal.Signals) -> None:
    files = [p for p in corpus_files(".txt") if p.stat().st_size < 200_000][:20]
    if len(files) < 10:
        pytest.skip("../shared/corpus is absent or too small: the interrupted-load test needs it")
    files = [SEED, *files]
    path = tmp_path / "store"
    progress = tmp_path / "progress"
    # the child loads the files one by one and reports each, so the signal lands mid-batch
    script = (
        "import sys, pathlib\n"
        "from ownergraph import api\n"
        "from ownergraph.cli import cli\n"
        "real = api.load_paths\n"
        "def load_paths(store, paths, **kw):\n"
        "    out, orig = pathlib.Path(sys.argv[1]), kw.get('on_file')\n"
        "    def on_file(p, loaded, error):\n"
        "        with out.open('a') as fh: fh.write(str(p) + '\\n')\n"
        "        orig and orig(p, loaded, error)\n"
        "    kw['on_file'] = on_file\n"
        "    return real(store, paths, **kw)\n"
        "api.load_paths = load_paths\n"
        "cli(sys.argv[2:], prog_name='ownergraph')\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(progress), "--store", str(path), "load", "-q"]
        + [str(f) for f in files],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if progress.exists() and len(progress.read_text().splitlines()) >= 3:
            break
        if proc.poll() is not None:
            break
        time.sleep(0.02)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    done = len(progress.read_text().splitlines()) if progress.exists() else 0
    assert done < len(files), "the load finished before the signal: the test proved nothing"
    assert proc.returncode != 0
    assert "interrupted" in out + err
    assert "Traceback" not in err
    # reopen: every filing graph is complete (identical to an uninterrupted load) or absent
    reference = _reference_graphs(files[: done + 1])  # those reported and the one after
    with GraphStore.open(path) as store:
        names = [str(n) for n in store.graph_names()]
        assert names, "nothing was loaded before the signal"
        for name in names:
            got = {str(q) for q in store.iter_quads() if q.graph_name.value == name}
            assert got == reference[name], name
        table = api.run_query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert table.rows[0]["n"] > 0
