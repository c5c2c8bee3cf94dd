"""The fast load path: same answers as before it, reload idempotence, workers, one
transaction per filing with its re-pointing, incremental rebuilds.

``tests/data/corpus_query_answers.json`` was made by ``scripts/query_answers.py`` on
the commit before the load path changed (rdflib graphs written as ``INSERT DATA``);
the corpus loaded now must answer every named query the same way.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from ownergraph import api
from ownergraph.graph.amendments import AMENDMENT_LINKS, rebuild_amendment_links
from ownergraph.graph.names import DISPLAY_NAMES, rebuild_display_names
from ownergraph.graph.store import GraphDataError, GraphStore, Repoint
from ownergraph.ontology import OG

from .corpus import REPO, SEED, corpus_files, require_corpus

#: the corpus's named-query answers made by scripts/query_answers.py at commit 109bc09,
#: before the load path changed (a record: other branches change readers and queries)
BASELINE = REPO / "tests" / "data" / "corpus_query_answers.json"


def _dump(store: GraphStore) -> list[str]:
    """The store's canonical dump: its N-Quads lines, sorted."""
    return sorted(str(q) for q in store.iter_quads())


def _answers_module():  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "query_answers", REPO / "scripts" / "query_answers.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus_store(
    corpus_store_loaded: tuple[GraphStore, api.LoadReport],
) -> tuple[GraphStore, api.LoadReport]:
    """The whole corpus, loaded with two worker processes into a store on disk, as the
    baseline was made, and opened read-only (the session's ``corpus_store_loaded``)."""
    return corpus_store_loaded


def _reference_load(store: GraphStore, files: list[Path]) -> None:
    """The load path as it was: an rdflib graph per filing written with
    ``replace_graph`` (``INSERT DATA``), re-pointing after it, full rebuilds."""
    from ownergraph.errors import LoadError
    from ownergraph.graph.build import build_graph
    from ownergraph.graph.resolve import IdentityResolver
    from ownergraph.loaders import load_file

    resolver = IdentityResolver(store)
    for f in files:
        try:
            filing = load_file(f)
        except LoadError:
            continue
        name, g = build_graph(filing, resolve=resolver)
        store.replace_graph(name, g)
        resolver.link(g)
    rebuild_amendment_links(store)
    rebuild_display_names(store)


@pytest.mark.corpus
@pytest.mark.timeout(1500)  # the fixture's corpus load and the reference load: two of them
def test_corpus_answers_are_the_same_as_the_reference_load_path(
    corpus_store: tuple[GraphStore, api.LoadReport], tmp_path: Path
) -> None:
    store, report = corpus_store
    assert len(report.loaded) > 100 and not report.failed
    assert set(json.loads(BASELINE.read_text())["answers"]) <= set(
        _answers_module().case_key(n, p) for n, p in _answers_module().CASES
    )
    files, _ = api.expand_paths([require_corpus()])
    reference = api.open_store(tmp_path / "reference")
    _reference_load(reference, files)
    dump = _answers_module().answers
    now, then = dump(store), dump(reference)
    assert len(store) == len(reference)
    assert (report.store_entities, report.store_holdings) == api.store_counts(reference)
    reference.close()
    differ = sorted(k for k in then if now.get(k) != then[k])
    assert not differ, differ
    assert any(v.get("rows", 0) > 100 for v in now.values())  # the dump compares real rows


@pytest.mark.corpus
def test_incremental_rebuilds_equal_full_rebuilds(
    corpus_store: tuple[GraphStore, api.LoadReport],
) -> None:
    store, _ = corpus_store
    links = sorted(map(str, store.quads(None, None, None, AMENDMENT_LINKS)))
    names = sorted(map(str, store.quads(None, None, None, DISPLAY_NAMES)))
    assert links and names
    scratch = api.open_store(None)
    for q in store.iter_quads():
        if str(q.graph_name.value) not in (str(AMENDMENT_LINKS), str(DISPLAY_NAMES)):
            scratch._ox.add(q)
    rebuild_amendment_links(scratch)
    rebuild_display_names(scratch)
    assert sorted(map(str, scratch.quads(None, None, None, AMENDMENT_LINKS))) == links
    assert sorted(map(str, scratch.quads(None, None, None, DISPLAY_NAMES))) == names
    scratch.close()


@pytest.mark.corpus
def test_loading_the_corpus_twice_gives_the_same_quads_as_once() -> None:
    corpus = require_corpus()
    store = api.open_store(None)
    first = api.load_paths(store, [corpus], jobs=2)
    once = _dump(store)
    second = api.load_paths(store, [corpus], jobs=2)
    twice = _dump(store)
    store.close()
    assert len(first.loaded) == len(second.loaded) > 100
    assert (first.store_entities, first.store_holdings) == (
        second.store_entities,
        second.store_holdings,
    )
    assert len(twice) == len(once)
    missing, extra = sorted(set(once) - set(twice)), sorted(set(twice) - set(once))
    assert not missing and not extra, (missing[:5], extra[:5])


@pytest.mark.corpus
def test_batches_and_workers_give_the_same_store_as_one_call() -> None:
    files = [f for f in corpus_files(".txt", ".htm", ".xml") if "metadata" not in f.name][:30]
    if not files:
        require_corpus()
    one = api.open_store(None)
    api.load_paths(one, files, jobs=1)
    batched = api.open_store(None)
    for i in range(0, len(files), 10):
        api.load_paths(batched, files[i : i + 10], jobs=2)
    assert _dump(batched) == _dump(one)
    one.close()
    batched.close()


def test_a_filing_and_its_repointing_are_one_transaction(memory_store: GraphStore) -> None:
    api.load_paths(memory_store, [SEED])
    before = _dump(memory_store)
    g = URIRef("https://w3id.org/ownergraph/id/filing/new")
    quads = [
        q
        for q in api.loading._TERMS.quads(
            [(g, OG.form, Literal("SC 13D")), (URIRef("urn:x:e"), OG.cik, Literal("1"))], g
        )
    ]
    bad = Repoint(URIRef("urn:x:old"), URIRef("urn:x:not valid"), None)
    with pytest.raises(GraphDataError):
        memory_store.write_graph(g, quads, [bad])
    assert _dump(memory_store) == before  # neither the graph nor any re-pointing
    assert memory_store.write_graph(g, quads) == 2
    assert memory_store.has_graph(g)
    # a reload with a re-pointing: the old graph goes, the node is re-pointed everywhere
    rp = Repoint(URIRef("urn:x:e"), URIRef("urn:x:cik"), (OG.identityMatch, Literal("x")))
    assert memory_store.write_graph(g, quads, [rp]) == 2
    assert not list(memory_store.quads(URIRef("urn:x:e"), None, None, None))
    assert len(list(memory_store.quads(URIRef("urn:x:cik"), None, None, g))) == 2


def test_workers_report_unreadable_files_one_line_each(tmp_path: Path) -> None:
    files = []
    for i in range(9):
        bad = tmp_path / f"bad{i}.txt"
        bad.write_bytes(b"\x00\x01 not a filing")
        files.append(bad)
    store = api.open_store(None)
    report = api.load_paths(store, [*files, SEED], jobs=2)
    store.close()
    assert [Path(p).name for p, _ in report.failed] == [f.name for f in files]
    assert all("\n" not in reason and reason for _, reason in report.failed)
    assert len(report.loaded) == 1


def test_streamed_quads_are_written_at_once_or_not_at_all(memory_store: GraphStore) -> None:
    """write_graph takes the quads as a generator (the load path streams them): all of
    them land, counted, or an error met mid-stream leaves the store as it was."""
    import pyoxigraph as ox

    g = ox.NamedNode("https://w3id.org/ownergraph/id/filing/streamed")

    def quads(fail_at: int | None) -> Iterator[ox.Quad]:
        for i in range(5000):
            if i == fail_at:
                raise ValueError("a term that is not valid RDF")
            yield ox.Quad(ox.NamedNode(f"urn:x:s{i}"), ox.NamedNode("urn:x:p"), ox.Literal("v"), g)

    name = URIRef(g.value)
    with pytest.raises(GraphDataError):
        memory_store.write_graph(name, quads(4000))
    assert len(memory_store) == 0
    assert memory_store.write_graph(name, quads(None)) == 5000
    assert memory_store.graph_size(name) == 5000
    with pytest.raises(GraphDataError):  # a reload (the update path) fails whole too
        memory_store.write_graph(name, quads(10))
    assert memory_store.graph_size(name) == 5000
