"""Amendments linked to the filing they amend (graph.amendments), in any load order,
and the holdings / holdings-history / timeline / changes queries over them."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import URIRef

from ownergraph import api
from ownergraph.graph.amendments import AMENDMENT_LINKS, amendment_links
from ownergraph.graph.identity import filing_iri
from ownergraph.graph.store import GraphStore
from ownergraph.ontology import OG
from ownergraph.record import CoverPage, Entity, EntityKind, Filing, FilingReference

from .corpus import corpus_file
from .test_identity import load

ORIG, AMD1, AMD2 = "1-24-1", "1-24-2", "1-24-3"


def filing(
    acc: str,
    form: str,
    day: int,
    shares: int,
    *,
    persons: tuple[str, ...] = ("Jo Bloggs",),
    issuer_cik: str = "7",
    schedule: str = "13D",
    amends: FilingReference | None = None,
) -> Filing:
    f = Filing(
        form=form,
        schedule=schedule,
        accession=acc,
        issuer="acme",
        filed_date=dt.date(2024, 1, day),
        event_date=dt.date(2024, 1, day),
        amends=amends,
    )
    f.add_entity(Entity(key="acme", name="Acme Corp.", kind=EntityKind.COMPANY, cik=issuer_cik))
    for i, p in enumerate(persons, 1):
        f.add_entity(Entity(key=p, name=p, kind=EntityKind.PERSON))
        f.cover_pages.append(CoverPage(number=i, person=p, aggregate=shares))
    return f


def store_with(*filings: Filing) -> GraphStore:
    from ownergraph.graph.amendments import rebuild_amendment_links

    store = GraphStore.open(None)
    load(store, filings)
    rebuild_amendment_links(store)
    return store


def links(store: GraphStore) -> list[tuple[str, str]]:
    return [(a.rsplit("/", 1)[-1], b.rsplit("/", 1)[-1]) for a, b, _ in amendment_links(store)]


def three() -> list[Filing]:
    return [
        filing(ORIG, "SC 13D", 2, 100),
        filing(AMD1, "SC 13D/A", 5, 150),
        filing(AMD2, "SC 13D/A", 9, 120),
    ]


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_links_appear_in_any_load_order(order: tuple[int, int, int]) -> None:
    fs = three()
    store = store_with(*(fs[i] for i in order))
    assert links(store) == [(AMD1, ORIG), (AMD2, AMD1)]


def test_links_are_rebuilt_not_accumulated() -> None:
    fs = three()
    store = store_with(*fs)
    before = set(store.quads(None, None, None, AMENDMENT_LINKS))
    load(store, fs)
    from ownergraph.graph.amendments import rebuild_amendment_links

    assert rebuild_amendment_links(store) == 2
    assert set(store.quads(None, None, None, AMENDMENT_LINKS)) == before
    # the filings' own graphs hold no inferred link
    assert not list(store.quads(None, OG.amends, None, filing_iri(AMD1)))


def test_no_link_without_shared_issuer_schedule_or_persons() -> None:
    store = store_with(
        filing(ORIG, "SC 13D", 2, 100),
        filing(AMD1, "SC 13D/A", 5, 150, issuer_cik="8"),
        filing(AMD2, "SC 13D/A", 9, 120, persons=("Someone Else",)),
        filing("1-24-4", "SC 13G/A", 10, 120, schedule="13G"),
    )
    assert links(store) == []


def test_stated_accession_wins_over_the_heuristic() -> None:
    ref = FilingReference(description="the original", accession=ORIG)
    fs = [
        filing(ORIG, "SC 13D", 2, 100),
        filing(AMD1, "SC 13D", 5, 150),  # a later original
        filing(AMD2, "SC 13D/A", 9, 120, amends=ref),
    ]
    store = store_with(fs[2])
    assert links(store) == []  # the stated original is not loaded: no guess
    store = store_with(*fs)
    assert links(store) == [(AMD2, ORIG)]
    assert amendment_links(store)[0][2] == "accession number stated in the amendment"


def test_holdings_latest_and_history_and_changes() -> None:
    store = store_with(*reversed(three()))
    latest = api.run_query(store, "holdings", {"holder": "Jo Bloggs"}).rows
    assert [r["shares"] for r in latest] == [120]
    history = api.run_query(store, "holdings-history", {"holder": "Jo Bloggs"}).rows
    assert [r["shares"] for r in history] == [120, 150, 100]
    timeline = api.run_query(store, "timeline", {"holder": "Jo Bloggs"}).rows
    assert [r["shares"] for r in timeline] == [100, 150, 120]
    changes = api.run_query(store, "changes").rows
    got = {(str(r["amendment"]).rsplit(", ", 1)[-1], r["shares_change"]) for r in changes}
    assert got == {(AMD1, 50), (AMD2, -30)}


@pytest.mark.parametrize("reverse", [False, True])
def test_tesla_13g_a_amends_the_13g(reverse: bool) -> None:
    paths = [
        corpus_file("datamule__SC13G__Elon_Musk__Tesla_Motors__000119312511023336__dsc13g.htm"),
        corpus_file(
            "datamule__SC13G-A__Elon_Musk__Tesla_Motors__000119312512060227__d301928dsc13ga.htm"
        ),
    ]
    if reverse:
        paths.reverse()
    store = api.open_store(None)
    report = api.load_paths(store, paths)
    assert report.amendment_links == 1
    got = amendment_links(store)
    assert len(got) == 1
    amendment, original, basis = got[0]
    graphs = {f.path.rsplit("/", 1)[-1]: f.graph for f in report.loaded}
    assert amendment == graphs[paths[1 if not reverse else 0].name]
    assert original == graphs[paths[0 if not reverse else 1].name]
    assert "same issuer and Schedule 13G" in basis
    changes = api.run_query(store, "changes").rows
    assert changes and all(r["before"] is not None for r in changes)
    assert URIRef(original) in {q[2] for q in store.quads(URIRef(amendment), OG.amends, None, None)}
