"""Tests of the packaged vocabulary: ownergraph.ttl, shapes.ttl and the query files."""

from __future__ import annotations

from importlib import resources

import pytest
import rdflib
from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from ownergraph.graph.build import build_graph
from ownergraph.ontology import OG, PREFIXES, ontology_graph, shapes_graph

from .test_build import SEED, seed_like_filing

DECLARING_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)

#: every external term the ontology refers to; each was checked against the published
#: vocabulary (FIBO, W3C ORG, PROV-O, schema.org, FollowTheMoney schema, BODS RDF).
VERIFIED_EXTERNAL = {
    "http://www.w3.org/ns/org#FormalOrganization",
    "http://www.w3.org/ns/org#Membership",
    "http://www.w3.org/ns/org#Organization",
    "http://www.w3.org/ns/org#hasMember",
    "http://www.w3.org/ns/org#member",
    "http://www.w3.org/ns/org#memberOf",
    "http://www.w3.org/ns/org#organization",
    "http://www.w3.org/ns/prov#Agent",
    "http://www.w3.org/ns/prov#Entity",
    "http://www.w3.org/ns/prov#Person",
    "http://www.w3.org/ns/prov#value",
    "http://www.w3.org/ns/prov#wasDerivedFrom",
    "http://www.w3.org/ns/prov#wasRevisionOf",
    "https://opensource.org/licenses/MIT",
    "https://schema.followthemoney.tech/#Address",
    "https://schema.followthemoney.tech/#Company",
    "https://schema.followthemoney.tech/#Contract",
    "https://schema.followthemoney.tech/#Directorship",
    "https://schema.followthemoney.tech/#Directorship:director",
    "https://schema.followthemoney.tech/#Document",
    "https://schema.followthemoney.tech/#Event",
    "https://schema.followthemoney.tech/#LegalEntity",
    "https://schema.followthemoney.tech/#Ownership",
    "https://schema.followthemoney.tech/#Ownership:asset",
    "https://schema.followthemoney.tech/#Ownership:owner",
    "https://schema.followthemoney.tech/#Ownership:percentage",
    "https://schema.followthemoney.tech/#Ownership:sharesCount",
    "https://schema.followthemoney.tech/#Person",
    "https://schema.followthemoney.tech/#PublicBody",
    "https://schema.followthemoney.tech/#Security",
    "https://schema.org/Organization",
    "https://schema.org/Person",
    "https://schema.org/PostalAddress",
    "https://schema.org/address",
    "https://schema.org/addressLocality",
    "https://schema.org/addressRegion",
    "https://schema.org/postalCode",
    "https://schema.org/streetAddress",
    "https://schema.org/email",
    "https://schema.org/url",
    "https://schema.org/telephone",
    "https://spec.edmcouncil.org/fibo/ontology/BE/LegalEntities/LegalPersons/LegalEntity",
    "https://spec.edmcouncil.org/fibo/ontology/BE/LegalEntities/LegalPersons/LegalPerson",
    "https://spec.edmcouncil.org/fibo/ontology/FND/AgentsAndPeople/People/Person",
    "https://spec.edmcouncil.org/fibo/ontology/FND/Agreements/Contracts/Contract",
    "https://spec.edmcouncil.org/fibo/ontology/FND/Agreements/Contracts/ContractParty",
    "https://spec.edmcouncil.org/fibo/ontology/FND/OwnershipAndControl/Control/Control",
    "https://spec.edmcouncil.org/fibo/ontology/FND/OwnershipAndControl/Control/hasPartyInControl",
    "https://spec.edmcouncil.org/fibo/ontology/FND/OwnershipAndControl/Control/involvesControlledThing",
    "https://spec.edmcouncil.org/fibo/ontology/FND/OwnershipAndControl/Control/isControllingPartyOf",
    "https://spec.edmcouncil.org/fibo/ontology/FND/OwnershipAndControl/Ownership/Ownership",
    "https://spec.edmcouncil.org/fibo/ontology/FND/OwnershipAndControl/Ownership/hasOwningParty",
    "https://spec.edmcouncil.org/fibo/ontology/FND/OwnershipAndControl/Ownership/owns",
    "https://spec.edmcouncil.org/fibo/ontology/FND/Parties/Parties/PartyInRole",
    "https://spec.edmcouncil.org/fibo/ontology/FND/Relations/Relations/hasIdentity",
    "https://spec.edmcouncil.org/fibo/ontology/FND/Relations/Relations/isIssuedBy",
    "https://spec.edmcouncil.org/fibo/ontology/SEC/Equities/DepositaryReceipts/AmericanDepositaryReceipt",
    "https://spec.edmcouncil.org/fibo/ontology/SEC/Equities/EquityInstruments/Share",
    "https://spec.edmcouncil.org/fibo/ontology/SEC/Equities/EquityInstruments/confersNumberOfVotesPerShare",
    "https://spec.edmcouncil.org/fibo/ontology/SEC/Equities/EquityInstruments/hasSharesOutstanding",
    "https://vocab.openownership.org/terms#Entity",
    "https://vocab.openownership.org/terms#Person",
    "https://vocab.openownership.org/terms#Relationship",
}

W3C_CORE = (str(RDF), str(RDFS), str(OWL), str(XSD), "http://www.w3.org/2004/02/skos/core#")


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    return ontology_graph()


def declared(onto: rdflib.Graph) -> set[URIRef]:
    return {
        s
        for t in DECLARING_TYPES
        for s in onto.subjects(RDF.type, t)
        if isinstance(s, URIRef) and s.startswith(str(OG))
    }


def built_graphs() -> list[rdflib.Graph]:
    graphs = [build_graph(seed_like_filing())[1]]
    try:
        from ownergraph.loaders import load_file

        graphs.append(build_graph(load_file(SEED))[1])
    except Exception:  # the loader is optional here: its own tests cover it
        pass
    return graphs


def test_ontology_header(onto: rdflib.Graph) -> None:
    iri = URIRef("https://w3id.org/ownergraph/ontology")
    assert (iri, RDF.type, OWL.Ontology) in onto
    assert len(declared(onto)) > 150


def test_every_term_has_label_and_comment(onto: rdflib.Graph) -> None:
    for term in declared(onto):
        assert onto.value(term, RDFS.label) is not None, term
        assert onto.value(term, RDFS.comment) is not None, term


def test_external_terms_are_verified(onto: rdflib.Graph) -> None:
    used = {
        str(x)
        for t in onto
        for x in t
        if isinstance(x, URIRef)
        and not x.startswith(str(OG))
        and not str(x).startswith(W3C_CORE)
        and not str(x).startswith("http://purl.org/dc/terms/")
    }
    used.discard("https://w3id.org/ownergraph/ontology")
    assert used <= VERIFIED_EXTERNAL, used - VERIFIED_EXTERNAL


def test_datatype_ranges_are_exact(onto: rdflib.Graph) -> None:
    allowed = {XSD.string, XSD.integer, XSD.decimal, XSD.date, XSD.boolean, XSD.anyURI}
    for p in onto.subjects(RDF.type, OWL.DatatypeProperty):
        assert onto.value(p, RDFS.range) in allowed, p


def test_every_og_term_the_builder_uses_is_declared(onto: rdflib.Graph) -> None:
    names = declared(onto)
    for g in built_graphs():
        used: set[URIRef] = set()
        for _s, p, o in g:
            for term in (p, o if p in (RDF.type, OG.fact) else None):
                if isinstance(term, URIRef) and term.startswith(str(OG)):
                    used.add(term)
        assert used, "nothing built"
        assert used <= names, used - names
        # classes are classes, properties are properties
        classes = set(onto.subjects(RDF.type, OWL.Class))
        for c in g.objects(None, RDF.type):
            if c.startswith(str(OG)):
                assert c in classes, c


def test_shapes_cover_every_class_the_builder_emits(onto: rdflib.Graph) -> None:
    shapes = shapes_graph()
    targets = set(shapes.objects(None, SH.targetClass))
    names = declared(onto)
    assert targets <= names
    for g in built_graphs():
        emitted = {c for c in g.objects(None, RDF.type) if c.startswith(str(OG))}
        assert emitted <= targets, emitted - targets
    for path in shapes.objects(None, SH.path):
        if isinstance(path, URIRef) and path.startswith(str(OG)):
            assert path in names, path


def test_package_data_ships() -> None:
    onto_files = {p.name for p in resources.files("ownergraph.ontology").iterdir()}
    assert {"ownergraph.ttl", "shapes.ttl"} <= onto_files
    query_files = {p.name for p in resources.files("ownergraph.queries").iterdir()}
    expected = {"holdings.rq", "officers.rq", "agreements.rq", "transactions.rq", "sources.rq"}
    assert expected <= query_files


def test_prefixes_are_namespaces() -> None:
    assert PREFIXES["og"] == str(OG)
    for iri in PREFIXES.values():
        assert iri.endswith(("#", "/")), iri
