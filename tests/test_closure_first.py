"""The closure-first rewrite of the named queries that walk og:owns/og:controls
(``# closure:`` in a query's header, :func:`ownergraph.api.answers._closure_first`):
the same answers as the query as written, on a graph with a cross-holding cycle."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from ownergraph import api
from ownergraph.api import answers
from ownergraph.graph.remote import values_block
from ownergraph.graph.store import GraphStore
from ownergraph.normalize.names import fingerprint
from ownergraph.queries import resolve_query

OG = Namespace("https://w3id.org/ownergraph/ontology#")
ID = "https://w3id.org/ownergraph/id/"


def _entity(g: Graph, key: str, name: str) -> URIRef:
    iri = URIRef(f"{ID}entity/test-{key}")
    g.add((iri, RDF.type, OG.LegalEntity))
    g.add((iri, RDFS.label, Literal(name)))
    fp = fingerprint(name)
    g.add((iri, OG.fingerprint, Literal(fp)))
    for token in set(fp.split()):
        g.add((iri, OG.nameToken, Literal(token)))
    return iri


def _holding(g: Graph, n: int, holder: URIRef, issuer: URIRef, pct: str, filing: URIRef) -> None:
    h = URIRef(f"{ID}holding/test-{n}")
    g.add((h, RDF.type, OG.Holding))
    g.add((h, OG.holder, holder))
    g.add((h, OG.issuer, issuer))
    g.add((h, OG.filing, filing))
    g.add((h, OG.shares, Literal(1000 * n)))
    g.add((h, OG.percentOfClass, Literal(Decimal(pct))))
    g.add((holder, OG.owns, issuer))


@pytest.fixture()
def cycle_store(memory_store: GraphStore) -> GraphStore:
    """target <- mid <- (a <-> b, a cycle) <- top; and an unrelated pair beside them."""
    g = Graph()
    filing = URIRef(f"{ID}filing/test-0001")
    g.add((filing, RDF.type, OG.Filing))
    target = _entity(g, "target", "Target Widgets Inc.")
    mid = _entity(g, "mid", "Middle Holdings LLC")
    a = _entity(g, "a", "Alpha Cross Holdings")
    b = _entity(g, "b", "Beta Cross Holdings")
    top = _entity(g, "top", "Topmost Capital LP")
    x = _entity(g, "x", "Unrelated Owner Corp.")
    y = _entity(g, "y", "Unrelated Issuer Corp.")
    _holding(g, 1, mid, target, "60.0", filing)
    _holding(g, 2, a, mid, "51.5", filing)
    _holding(g, 3, b, a, "20", filing)
    _holding(g, 4, a, b, "25", filing)
    _holding(g, 5, top, b, "70", filing)
    _holding(g, 6, x, y, "9.9", filing)
    c = URIRef(f"{ID}control/test-1")
    g.add((c, RDF.type, OG.Control))
    g.add((c, OG.controller, top))
    g.add((c, OG.controlled, mid))
    g.add((c, OG.filing, filing))
    g.add((c, OG.kind, Literal("general partner")))
    g.add((top, OG.controls, mid))
    memory_store.replace_graph(filing, g)
    return memory_store


def _rows(store: GraphStore, name: str, entity: str) -> list[tuple[object, ...]]:
    table = api.run_query(store, name, {"entity": entity})
    return sorted(tuple(repr(r.get(c)) for c in table.columns) for r in table.rows)


@pytest.mark.parametrize("name", ["control-chain", "ultimate-controllers"])
@pytest.mark.parametrize("entity", ["Target Widgets Inc.", "Beta Cross Holdings"])
def test_closure_first_gives_the_answers_of_the_query_as_written(
    cycle_store: GraphStore, monkeypatch: pytest.MonkeyPatch, name: str, entity: str
) -> None:
    fast = _rows(cycle_store, name, entity)
    monkeypatch.setattr(answers, "CLOSURE_MAX", -1)  # every closure "too large": as written
    assert _rows(cycle_store, name, entity) == fast
    assert fast  # both entities have owners


def test_control_chain_of_the_cycle_store(cycle_store: GraphStore) -> None:
    table = api.run_query(cycle_store, "control-chain", {"entity": "Target Widgets Inc."})
    links = sorted((r["upper"], r["lower"], r["relation"]) for r in table.rows)
    assert links == [
        ("Alpha Cross Holdings", "Beta Cross Holdings", "owns"),
        ("Alpha Cross Holdings", "Middle Holdings LLC", "owns"),
        ("Beta Cross Holdings", "Alpha Cross Holdings", "owns"),
        ("Middle Holdings LLC", "Target Widgets Inc.", "owns"),
        ("Topmost Capital LP", "Beta Cross Holdings", "owns"),
        ("Topmost Capital LP", "Middle Holdings LLC", "controls"),
    ]
    tops = api.run_query(cycle_store, "ultimate-controllers", {"entity": "Target Widgets Inc."})
    assert [r["controller"] for r in tops.rows] == ["Topmost Capital LP"]


def test_the_rewrite_replaces_the_path_by_the_closure(cycle_store: GraphStore) -> None:
    from ownergraph.graph.lookup import resolve_entity

    nq = resolve_query("control-chain")
    iri = resolve_entity(cycle_store, "Middle Holdings LLC").iri
    text = answers._closure_first(
        cycle_store, nq.text, {"entity": iri}, api.QueryLimits(timeout=0), "control-chain"
    )
    body = text.split("PREFIX", 1)[1]
    assert "(og:controls|og:owns)* ?entity" not in body
    assert body.count("VALUES (?lower)") == 2
    assert f"<{ID}entity/test-mid>" in body and f"<{ID}entity/test-y>" not in body
    # not bound: the query as written
    assert answers._closure_first(cycle_store, nq.text, {}, api.QueryLimits(), "q") == nq.text


def test_values_block_refuses_what_is_not_a_term() -> None:
    with pytest.raises(ValueError):
        values_block(["x"], [[URIRef("urn:a> } DROP ALL #")]])
    with pytest.raises(ValueError):
        values_block(["x }"], [[URIRef("urn:a")]])
