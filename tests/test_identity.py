"""One identity across filings: graph.resolve.IdentityResolver, wired into api.load_paths.

Synthetic records check the rules (CIK over name, CUSIP6 for issuers, unique matches
only, people never join companies, load order and reloads give the same store); corpus
filings check real cases (Tesla/Musk 13G and 13G/A, Virgin Galactic's former name,
Icahn's .txt and .nc of one accession).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pytest
from rdflib import URIRef
from rdflib.namespace import SKOS

from ownergraph import api
from ownergraph.graph.build import build_graph
from ownergraph.graph.identity import entity_iri
from ownergraph.graph.lookup import resolve_entity
from ownergraph.graph.resolve import IdentityResolver
from ownergraph.graph.store import GraphStore
from ownergraph.ontology import OG
from ownergraph.record import CoverPage, Entity, EntityKind, Filing

from .corpus import corpus_file

ACME_CIK = entity_iri(cik="7")
FUND_CIK = entity_iri(cik="42")


def filing(
    acc: str,
    *,
    fund_cik: str | None = None,
    fund_name: str = "Blue Fund, L.P.",
    issuer_cik: str | None = "7",
    cusip: str | None = None,
    day: int = 1,
    fund_kind: EntityKind = EntityKind.FUND,
) -> Filing:
    f = Filing(
        form="SC 13G",
        schedule="13G",
        accession=acc,
        issuer="acme",
        cusip=cusip,
        filed_date=dt.date(2024, 1, day),
    )
    f.add_entity(Entity(key="acme", name="Acme Corp.", kind=EntityKind.COMPANY, cik=issuer_cik))
    f.add_entity(Entity(key="fund", name=fund_name, cik=fund_cik, kind=fund_kind))
    f.cover_pages.append(CoverPage(number=1, person="fund", aggregate=100 + day))
    return f


def load(store: GraphStore, filings: Iterable[Filing]) -> IdentityResolver:
    r = IdentityResolver(store)
    for f in filings:
        name, g = build_graph(f, resolve=r)
        store.replace_graph(name, g)
        r.link(g)
    return r


def quads(store: GraphStore) -> set[tuple[object, ...]]:
    return set(store.quads(None, None, None, None))


def holders(store: GraphStore) -> set[URIRef]:
    return {q[2] for q in store.quads(None, OG.holder, None, None)}


def test_name_only_entity_takes_the_cik_of_a_stored_entity() -> None:
    store = GraphStore.open(None)
    r = load(store, [filing("1-24-1", fund_cik="42"), filing("1-24-2", fund_name="BLUE FUND LP")])
    assert holders(store) == {FUND_CIK}
    assert r.resolved == 1
    notes = {str(q[2]) for q in store.quads(FUND_CIK, OG.identityMatch, None, None)}
    assert notes == {"fingerprint: blue fund lp"}


def test_later_cik_repoints_the_earlier_name_node() -> None:
    store = GraphStore.open(None)
    r = load(store, [filing("1-24-1"), filing("1-24-2", fund_cik="42")])
    assert r.repointed == 1
    assert holders(store) == {FUND_CIK}
    name_iri = entity_iri(name="Blue Fund, L.P.")
    assert not list(store.quads(name_iri, None, None, None))
    assert not list(store.quads(None, None, name_iri, None))
    # the earlier filing's graph still holds all of its own facts, under the CIK node
    g1 = store.graph(URIRef("https://w3id.org/ownergraph/id/filing/1-24-1"))
    assert (FUND_CIK, OG.identityMatch, None) in g1
    assert resolve_entity(store, "Blue Fund").iri == FUND_CIK


def test_load_order_and_reloads_give_the_same_store() -> None:
    a, b = filing("1-24-1"), filing("1-24-2", fund_cik="42")
    s1, s2 = GraphStore.open(None), GraphStore.open(None)
    load(s1, [a, b])
    load(s2, [b, a])
    assert quads(s1) == quads(s2)
    load(s1, [a, b, a])  # idempotent
    assert quads(s1) == quads(s2)


def test_ambiguous_fingerprint_keeps_the_name_node() -> None:
    store = GraphStore.open(None)
    load(
        store,
        [
            filing("1-24-1", fund_cik="42"),
            filing("1-24-2", fund_cik="43", fund_name="Blue Fund LP"),
            filing("1-24-3"),
        ],
    )
    assert entity_iri(name="Blue Fund, L.P.") in holders(store)
    assert len(holders(store)) == 3


def test_a_person_never_takes_a_companys_cik() -> None:
    store = GraphStore.open(None)
    load(
        store,
        [
            filing("1-24-1", fund_cik="42", fund_name="Jane Smith", fund_kind=EntityKind.COMPANY),
            filing("1-24-2", fund_name="Jane Smith", fund_kind=EntityKind.PERSON),
        ],
    )
    assert entity_iri(name="Jane Smith", person=True) in holders(store)


def test_issuer_known_by_cusip_joins_the_issuer_known_by_cik() -> None:
    store = GraphStore.open(None)
    load(
        store,
        [
            filing("1-24-1", issuer_cik=None, cusip="00101A105"),
            filing("1-24-2", issuer_cik="7", cusip="00101A105"),
        ],
    )
    issuers = {q[2] for q in store.quads(None, OG.issuer, None, None)}
    assert issuers == {ACME_CIK}
    notes = {str(q[2]) for q in store.quads(ACME_CIK, OG.identityMatch, None, None)}
    assert notes == {"cusip6: 00101A"}


def test_former_names_are_aliases_and_match_old_filings() -> None:
    old = filing("1-24-1", fund_name="Red Fund, L.P.")
    new = filing("1-24-2", fund_cik="42")
    new.entities["fund"].former_names.append(("Red Fund, L.P.", dt.date(2020, 5, 1)))
    _, g = build_graph(new)
    assert (FUND_CIK, SKOS.altLabel, None) in g
    assert any(str(o) == "Red Fund, L.P." for o in g.objects(FUND_CIK, SKOS.altLabel))
    store = GraphStore.open(None)
    load(store, [old, new])
    assert holders(store) == {FUND_CIK}  # a renamed company is one node


def test_load_paths_reports_distinct_entities(tmp_path: object) -> None:
    store = api.open_store(None)
    tesla = [
        corpus_file("datamule__SC13G__Elon_Musk__Tesla_Motors__000119312511023336__dsc13g.htm"),
        corpus_file(
            "datamule__SC13G-A__Elon_Musk__Tesla_Motors__000119312512060227__d301928dsc13ga.htm"
        ),
    ]
    report = api.load_paths(store, tesla)
    assert len(report.loaded) == 2
    # Musk and Tesla are one node each across the two filings
    assert report.store_entities < sum(f.entities for f in report.loaded)
    musk = resolve_entity(store, "Elon Musk")
    assert "/person/" in str(musk.iri)
    assert resolve_entity(store, "Tesla Motors").iri == entity_iri(cusip="88160R101")
    latest = api.run_query(store, "holdings", {"holder": "Elon Musk"})
    history = api.run_query(store, "holdings-history", {"holder": "Elon Musk"})
    assert len(latest.rows) == 1
    assert len(history.rows) == 2
    assert latest.rows[0]["shares"] == history.rows[0]["shares"]  # newest first


def test_virgin_galactic_former_name_is_one_node() -> None:
    store = api.open_store(None)
    path = corpus_file(
        "orgron__SC13D__20191104__0001193125-19-283454__Vieco_USA_Inc__Virgin_Galactic_Holdings_Inc.txt"
    )
    assert not api.load_paths(store, [path]).failed
    vg = entity_iri(cik="1706946")
    assert resolve_entity(store, "Social Capital Hedosophia Holdings Corp.").iri == vg
    assert resolve_entity(store, "Virgin Galactic Holdings").iri == vg
    issuers = {q[2] for q in store.quads(None, OG.issuer, None, None)}
    assert vg in issuers


@pytest.mark.parametrize("order", ["bausch first", "bausch last"])
def test_icahn_is_one_node_across_filings_in_any_order(order: str) -> None:
    """The Bausch 13D gives Carl C. Icahn's CIK (FILED BY); the CVR .txt and .nc (one
    accession, one graph) name him only: he is one node whichever is loaded first."""
    store = api.open_store(None)
    base = "edgartools__SC_TO-T-A_plus_SC13D-A_{}__0001104659-25-002604__Icahn_IEH__CVR_Energy"
    paths = [
        corpus_file(base.format("txt") + ".txt"),
        corpus_file(base.format("nc") + ".nc"),
    ]
    bausch = corpus_file(
        "orgron__SC13D__20210211__0000928464-21-000036__ICAHN_CARL_C__Bausch_Health_Companies_Inc.txt"
    )
    paths = [bausch, *paths] if order == "bausch first" else [*paths, bausch]
    report = api.load_paths(store, paths)
    assert not report.failed
    assert len({f.graph for f in report.loaded}) == 2  # .txt and .nc: one accession
    icahn = entity_iri(cik="921669")
    assert resolve_entity(store, "Carl C. Icahn").iri == icahn
    cvr = api.run_query(store, "holdings", {"holder": "Carl C. Icahn"}).rows
    # cover pages: 27,807,410 Bausch shares (2021) and 67,570,593 CVR shares (2025)
    # (narrative holdings without a share count, "the sole stockholder of Beckton", aside)
    assert sorted(r["shares"] for r in cvr if r["shares"] is not None) == [27_807_410, 67_570_593]
