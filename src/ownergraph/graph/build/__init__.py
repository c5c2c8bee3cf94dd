"""Build the RDF graph of one filing from its :class:`~ownergraph.record.Filing` record.

The builder is split by topic: :mod:`.terms` (vocabulary tables), :mod:`.base`
(graph names, literals, source spans), :mod:`.entities`, :mod:`.holdings` (cover pages,
holdings, groups, control) and :mod:`.narrative` (roles, agreements, transactions and the
rest); this module adds the filing node and runs every part in order.

Every record object becomes a node with exact typed literals (``xsd:integer`` share
counts, ``xsd:decimal`` percentages and money, ``xsd:date`` dates), an ``rdfs:label``,
and :data:`OG.source <ownergraph.ontology.OG>` links to ``og:SourceSpan`` nodes that quote
the text each value was read from. Convenience edges (``og:owns``, ``og:controls``,
``og:roleIn`` / ``og:officerOf`` / ``og:directorOf``, ``og:partyTo``, ``og:counterparty``)
are added beside the nodes. IRIs are deterministic: building the same record twice gives
equal graphs.

The graph's name (:func:`filing_graph_name`) is the filing IRI, which is also the
subject of the ``og:Filing`` node: ``id/filing/<accession>``, or
``id/filing/sha256-<first 20 hex digits>`` for a filing without an accession number.

Examples
--------
>>> from decimal import Decimal
>>> from ownergraph.record import CoverPage, Entity, EntityKind, Filing, Source
>>> f = Filing(form="SC 13D", schedule="13D", accession="0000000000-24-000001",
...            issuer="acme")
>>> _ = f.add_entity(Entity(key="acme", name="Acme Corp", kind=EntityKind.COMPANY,
...                         cik="123"))
>>> _ = f.add_entity(Entity(key="jane", name="Jane Doe", kind=EntityKind.PERSON))
>>> cp = CoverPage(number=1, person="jane", aggregate=1500, percent_of_class=Decimal("6.2"),
...                source=Source("Cover page, reporting person 1", "Jane Doe ... 6.2%"))
>>> f.cover_pages.append(cp)
>>> name, g = build_graph(f)
>>> name
rdflib.term.URIRef('https://w3id.org/ownergraph/id/filing/0000000000-24-000001')
>>> from ownergraph.ontology import OG
>>> from ownergraph.graph.identity import entity_iri
>>> holding = g.value(predicate=OG.holder, object=entity_iri(name="Jane Doe", person=True))
>>> g.value(holding, OG.shares).datatype
rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')
>>> str(g.value(holding, OG.percentOfClass))
'6.2'
>>> (entity_iri(name="Jane Doe", person=True), OG.owns, entity_iri(cik="123")) in g
True
"""

from rdflib import Graph, URIRef

from ownergraph.graph.build.base import (
    Resolver,
    filing_graph_name,
    role_categories,
)
from ownergraph.graph.build.items import ItemValueBuilder
from ownergraph.graph.build.secaddress import filing_address, sec_literal
from ownergraph.graph.build.sink import Triples
from ownergraph.graph.build.terms import (
    DIRECTOR_KINDS,
    FIELD_PROPERTIES,
    OFFICER_KINDS,
)
from ownergraph.graph.identity import filing_iri
from ownergraph.ontology import OG, bind_prefixes
from ownergraph.record import (
    Filing,
)

__all__ = [
    "DIRECTOR_KINDS",
    "FIELD_PROPERTIES",
    "OFFICER_KINDS",
    "Resolver",
    "build_graph",
    "build_triples",
    "filing_graph_name",
    "role_categories",
]


class _Builder(ItemValueBuilder):
    """Every part of a filing's graph, built in order."""

    def build_filing(self) -> None:
        f, iri = self.f, self.name
        classes = [OG.Filing]
        sched = f.schedule.upper().replace(" ", "")
        if "13D" in sched:
            classes.append(OG.Schedule13DFiling)
        elif "13G" in sched:
            classes.append(OG.Schedule13GFiling)
        if f.is_amendment:
            classes.append(OG.Amendment)
        issuer = self.names.get(f.issuer or "", f.issuer or "")
        label = f.form + (f" (Amendment No. {f.amendment_number})" if f.amendment_number else "")
        if issuer:
            label += f" for {issuer}"
        when = f.filed_date or f.signature_date or f.event_date
        tail = f.accession or (when.isoformat() if when else None)
        if tail:
            label += f", {tail}"
        self.node(iri, *classes, label=label)
        self.add(iri, OG.form, f.form)
        self.add(iri, OG.schedule, f.schedule)
        self.add(iri, OG.amendmentNumber, f.amendment_number)
        self.add(iri, OG.isAmendment, f.is_amendment)
        self.add(iri, OG.accession, f.accession)
        self.add(iri, OG.filedDate, f.filed_date)
        self.add(iri, OG.eventDate, f.event_date)
        self.add(iri, OG.signatureDate, f.signature_date)
        self.add(iri, OG.periodDate, f.period)
        self.add(iri, OG.issuer, self.ref(f.issuer))
        self.add(iri, OG.subjectClass, self.class_ref(f.subject_class))
        self.add(iri, OG.cusip, f.cusip)
        for rule in f.rules:
            self.add(iri, OG.ruleDesignation, rule)
        self.add(iri, OG["format"], f.format)
        self.add(iri, OG.sourcePath, f.path)
        self.add(iri, OG.sha256, f.sha256)
        url = sec_literal(filing_address(f))
        if url is not None:
            self.g.add((iri, OG.secUrl, url))
        for key in f.filers:
            self.add(iri, OG.filedBy, self.ref(key))
        for cp in f.cover_pages:
            self.add(iri, OG.reportingPerson, self.ref(cp.person))
        self.add(iri, OG.noticePerson, self.ref(f.notice_person))
        if f.amends is not None:
            ref = f.amends
            target = filing_iri(ref.accession) if ref.accession else self.local("amends")
            self.node(target, OG.FilingReference, label=ref.description or "amended filing")
            self.g.add((iri, OG.amends, target))
            self.add(target, OG.description, ref.description)
            self.add(target, OG.form, ref.form)
            self.add(target, OG.date, ref.date)
            self.add(target, OG.accession, ref.accession)
            self.add(target, OG.amendmentNumber, ref.amendment_number)
        self.common(iri, f, "Filing", ("filing",), in_filing=False)

    def build(self) -> None:
        self.build_entities()
        self.build_classes()
        self.build_agreements()
        self.build_filing()
        self.build_cover_pages()
        self.build_group()
        self.build_holdings()
        self.build_controls()
        self.build_roles()
        self.build_transactions()
        self.build_events()
        self.build_signatures()
        self.build_exhibits()
        self.build_items()
        self.build_item_values()
        self.build_documents()


def build_graph(filing: Filing, *, resolve: Resolver | None = None) -> tuple[URIRef, Graph]:
    """The name of the filing's graph and every triple read from the filing.

    Parameters
    ----------
    filing : Filing
        A record from a loader (or built by hand).
    resolve : Resolver, optional
        Cross-filing identity (an :class:`ownergraph.graph.resolve.IdentityResolver`):
        an entity without a CIK takes the IRI of the one stored entity with a CIK that
        it matches, noted with ``og:identityMatch``. Without it the graph depends on the
        record alone.

    Returns
    -------
    (URIRef, rdflib.Graph)
        The graph name (also the ``og:Filing`` node's IRI, see
        :func:`filing_graph_name`) and a graph with that identifier.
    """
    name, triples = build_triples(filing, resolve=resolve)
    return name, bind_prefixes(triples.graph(name))


def build_triples(filing: Filing, *, resolve: Resolver | None = None) -> tuple[URIRef, Triples]:
    """The name of the filing's graph and its triples, as :func:`build_graph` gives
    them but without making an rdflib graph (the load path writes these straight to
    the store)."""
    b = _Builder(filing, resolve)
    b.build()
    return b.name, b.g
