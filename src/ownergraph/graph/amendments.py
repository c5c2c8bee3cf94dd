"""Which filing an amendment amends, whatever order the filings were loaded in.

An amendment (13D/A, 13G/A) that states the accession number of the statement it
amends (the XML ``previousAccessionNumber``) already points at that filing's IRI in its
own graph (``og:amends``): the link appears by itself once that filing is loaded.

Every other amendment is linked here to the *latest earlier loaded filing* on the same
issuer and schedule whose reporting persons overlap its own ("earlier" by the date
filed, else signed, else the date of the event). These links are facts about the
collection, not about one filing, so they live in a graph of their own,
:data:`AMENDMENT_LINKS`, that :func:`rebuild_amendment_links` computes from scratch
from the store (after every load): loading the original after its amendment, or
loading either again, gives the same links, and every filing's graph stays exactly what
its document says. Each link is an ``og:AmendmentLink`` node (amendment, amended filing
and the basis in words) beside the plain ``og:amends`` edge that queries follow.

Examples
--------
>>> from ownergraph.graph.store import GraphStore
>>> from ownergraph.graph.build import build_graph
>>> import datetime as dt
>>> from ownergraph.record import CoverPage, Entity, Filing
>>> def filing(acc, form, day):
...     f = Filing(form=form, schedule="13D", accession=acc, issuer="acme",
...                filed_date=dt.date(2024, 1, day))
...     _ = f.add_entity(Entity(key="acme", name="Acme Corp.", cik="7"))
...     _ = f.add_entity(Entity(key="jo", name="Jo Bloggs"))
...     f.cover_pages.append(CoverPage(number=1, person="jo", aggregate=day))
...     return f
>>> store = GraphStore.open(None)
>>> for f in (filing("0000000001-24-000002", "SC 13D/A", 9),
...           filing("0000000001-24-000001", "SC 13D", 2)):
...     name, g = build_graph(f)
...     _ = store.replace_graph(name, g)
>>> rebuild_amendment_links(store)
1
>>> [(a.rsplit("/", 1)[-1], b.rsplit("/", 1)[-1]) for a, b, _ in amendment_links(store)]
[('0000000001-24-000002', '0000000001-24-000001')]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from ownergraph.graph.changes import Changes
from ownergraph.graph.identity import ID, slug
from ownergraph.graph.store import GraphStore
from ownergraph.ontology import OG, bind_prefixes

__all__ = ["AMENDMENT_LINKS", "amendment_links", "rebuild_amendment_links"]

#: the name of the graph that holds the amendment links inferred across filings
AMENDMENT_LINKS = URIRef(f"{ID}graph/amendment-links")

_FILINGS = """
PREFIX og: <https://w3id.org/ownergraph/ontology#>
SELECT ?f ?amendment ?issuer ?schedule ?filed ?signed ?event ?person ?stated WHERE {
  ?f a og:Filing .
  BIND(EXISTS { ?f a og:Amendment } AS ?amendment)
  OPTIONAL { ?f og:issuer ?issuer }
  OPTIONAL { ?f og:schedule ?schedule }
  OPTIONAL { ?f og:filedDate ?filed }
  OPTIONAL { ?f og:signatureDate ?signed }
  OPTIONAL { ?f og:eventDate ?event }
  OPTIONAL { ?f og:reportingPerson ?person }
  OPTIONAL { ?f og:amends ?target . ?target a og:FilingReference ; og:accession ?stated }
}
"""


@dataclass
class _Filing:
    iri: URIRef
    amendment: bool = False
    issuers: set[URIRef] = field(default_factory=set)
    schedule: str = ""
    date: str = ""
    persons: set[URIRef] = field(default_factory=set)
    stated: bool = False


def _schedule(text: str) -> str:
    t = text.upper().replace(" ", "")
    return "13D" if "13D" in t else "13G" if "13G" in t else t


def _values(var: str, iris: Iterable[URIRef]) -> str:
    """A ``VALUES`` clause of IRIs (each checked and escaped by Oxigraph)."""
    return f"VALUES ?{var} {{ {' '.join(str(ox.NamedNode(str(i))) for i in sorted(iris))} }}"


def _filings(store: GraphStore, issuers: set[URIRef] | None = None) -> dict[URIRef, _Filing]:
    """Every filing, or (``issuers`` given) the filings on any of those issuers."""
    text = _FILINGS
    if issuers is not None:
        if not issuers:
            return {}
        text = text.replace(
            "  ?f a og:Filing .", f"  {_values('i', issuers)} ?f og:issuer ?i ; a og:Filing ."
        )
    out: dict[URIRef, _Filing] = {}
    for row in store.query(text):
        f, amendment, issuer, schedule, filed, signed, event, person, stated = row  # type: ignore[misc]
        if str(f).startswith(str(AMENDMENT_LINKS)):
            continue
        rec = out.setdefault(URIRef(str(f)), _Filing(URIRef(str(f))))
        rec.amendment = rec.amendment or str(amendment).lower() in ("true", "1")
        if issuer is not None:
            rec.issuers.add(URIRef(str(issuer)))
        if schedule is not None:
            rec.schedule = _schedule(str(schedule))
        when = filed or signed or event
        if when is not None:
            rec.date = max(rec.date, str(when))
        if person is not None:
            rec.persons.add(URIRef(str(person)))
        if stated is not None and str(stated).strip():
            rec.stated = True
    return out


def _links(
    filings: dict[URIRef, _Filing], only: set[URIRef] | None = None
) -> list[tuple[URIRef, URIRef, str]]:
    links: list[tuple[URIRef, URIRef, str]] = []
    for a in sorted(filings.values(), key=lambda r: str(r.iri)):
        if only is not None and a.iri not in only:
            continue
        if not a.amendment or a.stated or not a.issuers or not a.persons or not a.date:
            continue
        best: _Filing | None = None
        for p in filings.values():
            if p.iri == a.iri or not p.date or p.date > a.date:
                continue
            if p.date == a.date and not (a.amendment and not p.amendment):
                continue  # same day: only an original before its amendment
            if p.schedule != a.schedule or not (p.issuers & a.issuers):
                continue
            if not (p.persons & a.persons):
                continue
            if best is None or (p.date, str(p.iri)) > (best.date, str(best.iri)):
                best = p
        if best is not None:
            shared = len(best.persons & a.persons)
            basis = (
                f"latest earlier filing ({best.date}) on the same issuer and Schedule "
                f"{a.schedule or '?'} with {shared} reporting person(s) in common"
            )
            links.append((a.iri, best.iri, basis))
    return links


def _link_triples(links: list[tuple[URIRef, URIRef, str]]) -> list[tuple[Node, Node, Node]]:
    out: list[tuple[Node, Node, Node]] = []
    for a, b, basis in links:
        node = _link_node(a)
        out.append((a, OG.amends, b))
        out.append((node, RDF.type, OG.AmendmentLink))
        out.append((node, RDFS.label, Literal(f"Amendment link: {basis}", datatype=XSD.string)))
        out.append((node, OG.amendment, a))
        out.append((node, OG.amendedFiling, b))
        out.append((node, OG.basis, Literal(basis, datatype=XSD.string)))
    return out


def _link_node(amendment: URIRef) -> URIRef:
    return URIRef(f"{AMENDMENT_LINKS}/{slug(str(amendment).rsplit('/', 1)[-1])}")


def rebuild_amendment_links(store: GraphStore, changes: Changes | None = None) -> int:
    """Recompute :data:`AMENDMENT_LINKS` from the filings in ``store``; the link count.

    With ``changes`` (what a batch of loads wrote), only the links that those filings
    can change are recomputed: those of the amendments on the issuers the new filings
    name (before and after a reload) or that re-pointed nodes reach; the count is then
    of those links. Without, every link is rebuilt from scratch.
    """
    if changes is None:
        links = _links(_filings(store))
        g = bind_prefixes(Graph(identifier=AMENDMENT_LINKS))
        for t in _link_triples(links):
            g.add(t)
        if links:
            store.replace_graph(AMENDMENT_LINKS, g)
        else:
            store.remove_graph(AMENDMENT_LINKS)
        return len(links)
    issuers = set(changes.issuers)
    if changes.repointed:
        reach = (
            "PREFIX og: <https://w3id.org/ownergraph/ontology#> SELECT DISTINCT ?i WHERE { "
            f"{_values('x', changes.repointed)} "
            "{ ?f og:reportingPerson ?x } UNION { ?f og:issuer ?x } ?f og:issuer ?i }"
        )
        issuers |= {URIRef(str(row[0])) for row in store.query(reach)}  # type: ignore[index]
    filings = _filings(store, issuers)
    amendments = {f.iri for f in filings.values() if f.amendment}
    wide = set(issuers)
    for a in amendments:
        wide |= filings[a].issuers
    if wide != issuers:
        filings = _filings(store, wide)
    links = _links(filings, amendments)
    redo = amendments | changes.graphs
    delete = [(a, OG.amends) for a in redo] + [(_link_node(a), None) for a in redo]
    store.patch_graph(AMENDMENT_LINKS, delete, _link_triples(links))
    return len(links)


def amendment_links(store: GraphStore) -> list[tuple[str, str, str]]:
    """Every amendment and the filing it amends (stated or inferred), with the basis."""
    text = """
PREFIX og: <https://w3id.org/ownergraph/ontology#>
SELECT DISTINCT ?a ?b ?basis WHERE {
  ?a a og:Amendment ; og:amends ?b .
  ?b a og:Filing .
  OPTIONAL { ?l og:amendment ?a ; og:amendedFiling ?b ; og:basis ?inferred }
  BIND(COALESCE(?inferred, "accession number stated in the amendment") AS ?basis)
}
ORDER BY ?a ?b
"""
    return [(str(a), str(b), str(c)) for a, b, c in store.query(text)]  # type: ignore[misc]
