"""One display name per entity across filings.

Each filing's graph keeps the name that filing uses (``rdfs:label``), so an entity
named in several filings has several labels: a company renamed over the years, or one
spelled "CAPITAL GROUP INC" in an EDGAR header and "The Capital Group Companies, Inc." on
a cover page. :func:`rebuild_display_names` picks one for each such entity — the name used
by the most recent filing (filed, else signed, else event date), preferring a written
spelling to all capitals, and never a name the EDGAR header lists as a former name — and
keeps it as ``og:displayName`` in a small graph of its own,
:data:`DISPLAY_NAMES`, rebuilt after every load. Answers, the networkx projection and
the viewer show that name; every other name stays an alias.

Examples
--------
>>> from rdflib import Graph, Literal, URIRef
>>> from ownergraph.graph.store import GraphStore
>>> from ownergraph.ontology import OG
>>> from rdflib.namespace import RDFS, XSD
>>> store = GraphStore.open(None)
>>> for name, date, label in [("urn:f1", "2019-01-01", "Old Name Corp."),
...                           ("urn:f2", "2021-06-30", "New Name, Inc.")]:
...     g = Graph()
...     _ = g.add((URIRef("urn:e"), OG.fingerprint, Literal("x")))
...     _ = g.add((URIRef("urn:e"), RDFS.label, Literal(label)))
...     _ = g.add((URIRef(name), OG.filedDate, Literal(date, datatype=XSD.date)))
...     _ = store.replace_graph(URIRef(name), g)
>>> rebuild_display_names(store)
1
>>> display_names(store)[URIRef("urn:e")]
'New Name, Inc.'
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from ownergraph.graph.changes import Changes
from ownergraph.graph.identity import ID
from ownergraph.graph.store import GraphStore
from ownergraph.normalize.names import fingerprint
from ownergraph.ontology import OG
from ownergraph.record import _shouting, is_placeholder_name

__all__ = ["DISPLAY_NAMES", "display_names", "rebuild_display_names"]

DISPLAY_NAMES = URIRef(f"{ID}graph/display-names")

_LABELS = """
PREFIX og: <https://w3id.org/ownergraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?e ?label ?date WHERE {
  GRAPH ?g { ?e og:fingerprint ?fp ; rdfs:label ?label }
  OPTIONAL { GRAPH ?g { ?g og:filedDate ?filed } }
  OPTIONAL { GRAPH ?g { ?g og:signatureDate ?signed } }
  OPTIONAL { GRAPH ?g { ?g og:eventDate ?event } }
  BIND(COALESCE(STR(?filed), STR(?signed), STR(?event), "") AS ?date)
}
"""


_FORMER = """
PREFIX og: <https://w3id.org/ownergraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?e ?former WHERE { ?e og:formerName ?f . ?f rdfs:label ?former }
"""


def _choose(candidates: set[tuple[str, str]], former: set[str]) -> str:
    """A name that is not a former name; the latest filing's; written over capitals;
    then the first in alphabetical order."""
    current = {
        c for c in candidates if fingerprint(c[1]) not in former and not is_placeholder_name(c[1])
    } or candidates
    return min(current, key=lambda c: (_descending(c[0]), _shouting(c[1]), c[1]))[1]


def _descending(date: str) -> list[int]:
    return [-ord(ch) for ch in date]


def rebuild_display_names(store: GraphStore, changes: Changes | None = None) -> int:
    """Recompute :data:`DISPLAY_NAMES`; the number of entities with a chosen name.

    With ``changes`` (what a batch of loads wrote), only the entities those filings
    describe (before and after a reload, and both sides of a re-pointing) are
    recomputed, and the count is of those. Without, the graph is rebuilt from scratch.
    """
    labels, former_q = _LABELS, _FORMER
    if changes is not None:
        if not changes.entities:
            return 0
        values = "VALUES ?e { " + " ".join(_iri(e) for e in sorted(changes.entities)) + " }"
        labels = _LABELS.replace(
            "SELECT ?e ?label ?date WHERE {", "SELECT ?e ?label ?date WHERE { " + values
        )
        former_q = _FORMER.replace("WHERE {", "WHERE { " + values, 1)
    seen: dict[URIRef, set[tuple[str, str]]] = {}
    for e, label, date in store.query(labels):  # type: ignore[misc]
        seen.setdefault(URIRef(str(e)), set()).add((str(date), str(label)))
    former: dict[URIRef, set[str]] = {}
    for e, name in store.query(former_q):  # type: ignore[misc]
        former.setdefault(URIRef(str(e)), set()).add(fingerprint(str(name)))
    g = Graph(identifier=DISPLAY_NAMES)
    for entity, candidates in sorted(seen.items()):
        if len({label for _, label in candidates}) > 1:
            shown = _choose(candidates, former.get(entity, set()))
            g.add((entity, OG.displayName, Literal(shown, datatype=XSD.string)))
    if changes is not None:
        delete = [(e, OG.displayName) for e in sorted(changes.entities)]
        store.patch_graph(DISPLAY_NAMES, delete, list(g))
    elif len(g):
        store.replace_graph(DISPLAY_NAMES, g)
    else:
        store.remove_graph(DISPLAY_NAMES)
    return len(g)


def _iri(iri: URIRef) -> str:
    return str(ox.NamedNode(str(iri)))


def display_names(store: GraphStore) -> dict[URIRef, str]:
    """Every chosen display name, by entity."""
    text = "SELECT ?e ?n WHERE { ?e <https://w3id.org/ownergraph/ontology#displayName> ?n }"
    return {URIRef(str(e)): str(n) for e, n in store.query(text)}  # type: ignore[misc]
