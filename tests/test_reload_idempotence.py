"""Loading a filing again over the store that holds it changes nothing (issue 13 item 6).

The corpus-scale check is ``test_load_equivalence.py`` (the whole corpus twice); these
are the small cases that showed the bug: a filing whose issuer (with its CIK) has former
names that other entities of the same filing, named without a CIK, carry. The first load
used to re-point those entities onto the CIK node *inside the filing's own graph*
(separate labels, a note each), the reload merged them (aliases, one note): 5,134 quads
once, 5,131 twice for the Virgin Galactic filing.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import RDFS, SKOS

from ownergraph import api
from ownergraph.graph.build import build_triples
from ownergraph.graph.build.sink import OxTerms
from ownergraph.graph.identity import entity_iri
from ownergraph.graph.resolve import IdentityResolver
from ownergraph.graph.store import GraphStore
from ownergraph.ontology import OG
from ownergraph.record import CoverPage, Entity, EntityKind, Filing

from .corpus import corpus_file

VIRGIN_GALACTIC = (
    "orgron__SC13D__20191104__0001193125-19-283454__Vieco_USA_Inc__Virgin_Galactic_Holdings_Inc.txt"
)


def _dump(store: GraphStore) -> list[str]:
    return sorted(str(q) for q in store.iter_quads())


def _filing() -> Filing:
    """An issuer with a CIK and two former names, each also the name of an entity of the
    same filing that has no CIK."""
    f = Filing(form="SC 13D", schedule="13D", accession="0000000009-19-000001", issuer="nova")
    issuer = Entity(key="nova", name="Nova Holdings, Inc", cik="42", kind=EntityKind.COMPANY)
    issuer.former_names = [("Nova Vehicle Holdings, Inc", None), ("Old Capital Corp.", None)]
    _ = f.add_entity(issuer)
    _ = f.add_entity(
        Entity(key="vehicle", name="Nova Vehicle Holdings, Inc.", kind=EntityKind.COMPANY)
    )
    _ = f.add_entity(Entity(key="old", name="Old Capital Corp.", kind=EntityKind.COMPANY))
    _ = f.add_entity(Entity(key="fund", name="Blue Fund, L.P.", kind=EntityKind.FUND))
    f.cover_pages.append(CoverPage(number=1, person="fund", aggregate=1000))
    return f


def _load(store: GraphStore, resolver: IdentityResolver, filing: Filing) -> None:
    """One filing as the load path writes it: built against the store, written with
    the re-pointing it brings in one transaction."""
    name, triples = build_triples(filing, resolve=resolver)
    store.write_graph(name, OxTerms().quads(triples, name), resolver.plan(name, triples))


def test_a_crafted_filing_loaded_twice_gives_the_same_quads(memory_store: GraphStore) -> None:
    resolver = IdentityResolver(memory_store)
    _load(memory_store, resolver, _filing())
    once = _dump(memory_store)
    _load(memory_store, resolver, _filing())
    assert _dump(memory_store) == once
    # one node, the former names' namesakes its aliases, one identity note for each
    node = entity_iri(cik="42")
    labels = {str(o) for _, _, o, _ in memory_store.quads(node, RDFS.label, None, None)}
    alt = {str(o) for _, _, o, _ in memory_store.quads(node, SKOS.altLabel, None, None)}
    notes = {str(o) for _, _, o, _ in memory_store.quads(node, OG.identityMatch, None, None)}
    assert labels == {"Nova Holdings, Inc"}
    assert {"Nova Vehicle Holdings, Inc.", "Old Capital Corp."} <= alt
    assert notes == {
        "fingerprint: capital corp old",
        "fingerprint: holdings inc nova vehicle",
    }
    # nothing was left on a name-only node of the filing
    vehicle = entity_iri(name="Nova Vehicle Holdings, Inc.")
    assert not list(memory_store.quads(vehicle, None, None, None))
    assert not list(memory_store.quads(None, None, vehicle, None))


def test_the_crafted_filing_is_built_the_same_over_its_own_graph(
    memory_store: GraphStore,
) -> None:
    """The graph a reload builds equals the one the first load wrote, triple for triple."""
    first = IdentityResolver(memory_store)
    name, triples = build_triples(_filing(), resolve=first)
    assert not first.plan(name, triples)  # nothing of its own graph to re-point
    memory_store.write_graph(name, OxTerms().quads(triples, name))
    again = build_triples(_filing(), resolve=IdentityResolver(memory_store))[1]
    assert sorted(map(str, again)) == sorted(map(str, triples))


def test_a_real_filing_with_former_names_loaded_twice_gives_the_same_quads(
    memory_store: GraphStore,
) -> None:
    path = corpus_file(VIRGIN_GALACTIC)
    api.load_paths(memory_store, [path])
    once = _dump(memory_store)
    api.load_paths(memory_store, [path])
    twice = _dump(memory_store)
    missing, extra = sorted(set(once) - set(twice)), sorted(set(twice) - set(once))
    assert not missing and not extra, (missing[:3], extra[:3])
    node = URIRef("https://w3id.org/ownergraph/id/cik/0001706946")
    notes = {str(o) for _, _, o, _ in memory_store.quads(node, OG.identityMatch, None, None)}
    assert notes == {
        "fingerprint: capital corp hedosophia holdings social",
        "fingerprint: galactic holdings inc vehicle virgin",
    }
