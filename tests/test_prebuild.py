"""Graphs built in the load's workers (``api.prebuild``): the writer takes a worker's
build only while the store still resolves the filing's entities as the worker's view
did, and builds it again itself otherwise.

Crafted records check the rule (a name-only fund built on an empty view no longer holds
once a filing gives that fund a CIK). Corpus filings check it end to end, with real
worker processes: Icahn Enterprises Holdings has a CIK in the CVR Energy filing
(0001104659-25-002604) and none in the Bausch Health one (0000928464-21-000036), which
joins it by its name; with both in one batch the Bausch filing's worker cannot know the
CIK node yet.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from ownergraph import api
from ownergraph.api import prebuild
from ownergraph.api.loading import _watched
from ownergraph.api.prebuild import prepare_file, quads_of, still_holds
from ownergraph.graph.build import build_triples
from ownergraph.graph.build.sink import OxTerms
from ownergraph.graph.identity import entity_iri
from ownergraph.graph.resolve import IdentityResolver
from ownergraph.graph.store import GraphDataError, GraphStore
from ownergraph.ontology import OG

from .corpus import SEED, corpus_file, corpus_files
from .records import fund_filing

IEH_WITH_CIK = (
    "edgartools__SC_TO-T-A_plus_SC13D-A_txt__0001104659-25-002604__Icahn_IEH__CVR_Energy.txt"
)
IEH_BY_NAME = (
    "orgron__SC13D__20210211__0000928464-21-000036__ICAHN_CARL_C__Bausch_Health_Companies_Inc.txt"
)
IEH = entity_iri(cik="1034563")


def _dump(store: GraphStore) -> list[str]:
    return sorted(" ".join(map(str, q)) for q in store.quads(None, None, None, None))


def test_a_worker_build_is_the_graph_a_load_writes() -> None:
    filing, error, built = prepare_file(SEED, None, None)
    assert error is None and built is not None
    store = api.open_store(None)
    report = api.load_paths(store, [SEED])
    assert report.rebuilt == 0  # one process: nothing was built elsewhere
    written = {
        str(q) for q in store._ox.quads_for_pattern(None, None, None, ox.NamedNode(built.name))
    }
    assert {str(q) for q in quads_of(built)} == written
    assert built.quads == len(written) == report.loaded[0].facts
    _, triples = build_triples(filing)
    assert built.watched == _watched(triples)
    store.close()


def test_a_build_on_a_view_the_store_has_outgrown_does_not_hold() -> None:
    later = fund_filing("0000000001-24-000002", None)  # the fund by its name alone
    built = prebuild._build(later, None)  # the worker's build, on a new store's view
    assert [str(a.iri) for _, _, a in built.resolutions if a.match] == []
    store = GraphStore.open(None)
    resolver = IdentityResolver(store)
    assert still_holds(resolver, later, built)  # the store is still as the view was
    counted = resolver.resolved
    # a filing that gives the fund a CIK is written before the later one
    name, triples = build_triples(fund_filing("0000000001-24-000001", "42"), resolve=resolver)
    store.write_graph(name, OxTerms().quads(triples, name))
    assert not still_holds(resolver, later, built)
    assert resolver.resolved == counted  # the build here counts it, not the check
    name, triples = build_triples(later, resolve=resolver)
    assert entity_iri(cik="42") in {o for _, p, o in triples if p == OG.holder}
    store.close()


def _batch() -> list[Path]:
    others = [f for f in corpus_files(".xml") if "metadata" not in f.name][:6]
    return [corpus_file(IEH_WITH_CIK), corpus_file(IEH_BY_NAME), *others]


@pytest.mark.corpus
def test_workers_give_the_store_one_process_gives_when_the_batch_joins_its_own_entities(
    tmp_path: Path,
) -> None:
    files = _batch()
    one = api.open_store(None)
    by_one = api.load_paths(one, files, jobs=1)
    workers = api.open_store(tmp_path / "store")
    by_workers = api.load_paths(workers, files, jobs=2)
    assert not by_one.failed and not by_workers.failed
    assert _dump(workers) == _dump(one)
    assert by_workers.resolved == by_one.resolved >= 1
    # the Bausch filing's worker had an empty view: the writer built it again
    assert by_workers.rebuilt == 1
    bausch = next(x for x in by_workers.loaded if x.path.endswith(IEH_BY_NAME))
    holders = {
        q[2] for q in workers.quads(None, OG.holder, None, None) if str(q[3]) == bausch.graph
    }
    assert IEH in holders
    # a second load: the workers' view of the store on disk holds the first, so every
    # build holds (the Bausch one keeps its CIK match), and nothing changes
    before = _dump(workers)
    again = api.load_paths(workers, files, jobs=2)
    assert again.rebuilt == 0 and not again.failed
    assert _dump(workers) == before
    one.close()
    workers.close()


def test_nquads_are_written_at_once_or_not_at_all() -> None:
    store = GraphStore.open(None)
    g = URIRef("urn:x:g")
    good = b'<urn:x:s> <urn:x:p> "first" <urn:x:g> .\n'
    bad = good + b'<urn:x:s> <urn:x:p> "x"@no_such_tag! <urn:x:g> .\n'
    with pytest.raises(GraphDataError):
        store.write_nquads(g, bad, 2)
    assert not list(store.quads(None, None, None, None))  # not even the good line
    assert store.write_nquads(g, good, 1) == 1
    # a graph the store holds is replaced, not added to
    assert store.write_nquads(g, good.replace(b"first", b"second"), 1) == 1
    assert [str(q[2]) for q in store.quads(None, None, None, g)] == ["second"]
    with pytest.raises(GraphDataError):  # the same refusal on the replacing path
        store.write_nquads(g, bad, 2)
    assert [str(q[2]) for q in store.quads(None, None, None, g)] == ["second"]
    store.close()


def test_workers_open_their_view_of_a_flushed_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only view replays the write-ahead log that the writer has not flushed
    (seconds after a few hundred filings, and every batch's workers open one): a load
    with workers on a store on disk flushes before they start, one without does not."""
    flushed: list[object] = []
    real = GraphStore.flush_for_readers

    def spy(self: GraphStore) -> None:
        flushed.append(self.path)
        real(self)

    monkeypatch.setattr(GraphStore, "flush_for_readers", spy)
    files = [tmp_path / f"copy{i}.md" for i in range(8)]
    for f in files:
        f.write_bytes(SEED.read_bytes())
    store = api.open_store(tmp_path / "store")
    api.load_paths(store, files[:2], jobs=2)  # too few files for workers
    assert flushed == []
    report = api.load_paths(store, files, jobs=2)
    assert flushed == [tmp_path / "store"]
    assert len(report.loaded) == 8 and not report.failed and report.rebuilt == 0
    store.close()
