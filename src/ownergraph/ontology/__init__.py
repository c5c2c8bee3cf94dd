"""The ownergraph vocabulary as data: namespaces and the packaged Turtle files.

``ownergraph.ttl`` holds the OWL classes and properties (with labels, comments and
alignments to FIBO, W3C ORG, PROV-O, schema.org, FollowTheMoney and BODS);
``shapes.ttl`` holds the SHACL shapes that every built filing graph must conform to.
Both ship inside the package and are read with :mod:`importlib.resources`.

Examples
--------
>>> str(OG.Holding)
'https://w3id.org/ownergraph/ontology#Holding'
>>> (OG.Holding, RDF.type, OWL.Class) in ontology_graph()
True
>>> PREFIXES["og"]
'https://w3id.org/ownergraph/ontology#'
>>> from rdflib.namespace import SH
>>> (None, RDF.type, SH.NodeShape) in shapes_graph()
True
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rdflib import Graph, Namespace
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

__all__ = [
    "BODS",
    "FIBO_AGR_CTR",
    "FIBO_LP",
    "FIBO_OAC_CTL",
    "FIBO_OAC_OWN",
    "FIBO_SEC_DR",
    "FIBO_SEC_EQ",
    "FTM",
    "ID",
    "OG",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "XSD",
    "bind_prefixes",
    "ontology_graph",
    "shapes_graph",
    "term_labels",
]

#: the ownergraph vocabulary
OG = Namespace("https://w3id.org/ownergraph/ontology#")
#: data IRIs (see :mod:`ownergraph.graph.identity`)
ID = Namespace("https://w3id.org/ownergraph/id/")
PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
FTM = Namespace("https://schema.followthemoney.tech/#")
BODS = Namespace("https://vocab.openownership.org/terms#")
FIBO_LP = Namespace("https://spec.edmcouncil.org/fibo/ontology/BE/LegalEntities/LegalPersons/")
FIBO_OAC_OWN = Namespace(
    "https://spec.edmcouncil.org/fibo/ontology/FND/OwnershipAndControl/Ownership/"
)
FIBO_OAC_CTL = Namespace(
    "https://spec.edmcouncil.org/fibo/ontology/FND/OwnershipAndControl/Control/"
)
FIBO_AGR_CTR = Namespace("https://spec.edmcouncil.org/fibo/ontology/FND/Agreements/Contracts/")
FIBO_SEC_EQ = Namespace("https://spec.edmcouncil.org/fibo/ontology/SEC/Equities/EquityInstruments/")
FIBO_SEC_DR = Namespace(
    "https://spec.edmcouncil.org/fibo/ontology/SEC/Equities/DepositaryReceipts/"
)

#: prefix -> namespace IRI, for SPARQL ``initNs`` and for serialisation
PREFIXES: dict[str, str] = {
    "og": str(OG),
    "ogid": str(ID),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "ftm": str(FTM),
    "bods": str(BODS),
    "fibo-be-le-lp": str(FIBO_LP),
    "fibo-fnd-oac-own": str(FIBO_OAC_OWN),
    "fibo-fnd-oac-ctl": str(FIBO_OAC_CTL),
    "fibo-fnd-agr-ctr": str(FIBO_AGR_CTR),
    "fibo-sec-eq-eq": str(FIBO_SEC_EQ),
    "fibo-sec-eq-dr": str(FIBO_SEC_DR),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind every prefix of :data:`PREFIXES` on ``graph`` and return it.

    Examples
    --------
    >>> g = bind_prefixes(Graph())
    >>> g.qname(OG.Holding)
    'og:Holding'
    """
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, Namespace(iri), override=True, replace=True)
    return graph


def _read(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _ontology_text() -> str:
    return _read("ownergraph.ttl")


@lru_cache(maxsize=1)
def _shapes_text() -> str:
    return _read("shapes.ttl")


def ontology_graph() -> Graph:
    """A fresh graph holding the ownergraph ontology (``ownergraph.ttl``).

    Examples
    --------
    >>> g = ontology_graph()
    >>> str(g.value(OG.owns, RDFS.label))
    'owns'
    """
    return bind_prefixes(Graph()).parse(data=_ontology_text(), format="turtle")


@lru_cache(maxsize=1)
def term_labels() -> dict[str, str]:
    """The ``rdfs:label`` of each term of the ontology, by IRI (English where a term has
    labels in several languages), read with Oxigraph's Turtle parser: a command that only
    wants labels does not pay for an rdflib graph of the whole ontology.

    Examples
    --------
    >>> term_labels()[str(OG.owns)]
    'owns'
    """
    import pyoxigraph as ox

    label = str(RDFS.label)
    out: dict[str, str] = {}
    for t in ox.parse(_ontology_text(), format=ox.RdfFormat.TURTLE):
        s, o = t.subject, t.object
        if (
            t.predicate.value == label
            and isinstance(s, ox.NamedNode)
            and isinstance(o, ox.Literal)
            and (o.language in (None, "en") or s.value not in out)
        ):
            out[s.value] = o.value
    return out


def shapes_graph() -> Graph:
    """A fresh graph holding the SHACL shapes (``shapes.ttl``)."""
    return bind_prefixes(Graph()).parse(data=_shapes_text(), format="turtle")
