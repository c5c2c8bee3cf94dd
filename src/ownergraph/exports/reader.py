"""The common reader every export writer uses: entities, filings and relations out of a store.

The store is read with a few SPARQL SELECTs over the union of the named graphs (one per
kind of node), each answered in subject order and folded subject by subject into small
records, so no writer ever holds a second copy of the store: only the records it
exports. Values stay exact (``int`` share counts, ``Decimal`` percentages and money,
ISO date strings), and every relation keeps its provenance: the filing, the section
and the quoted text it was read from, and the sec.gov address where the store has one
(``og:secUrl``, written by the fetch step; never computed here).

Relations (edges, always from the owner, controller, officer, nominator or seller to
the other party):

``holding``
    ``og:Holding``: holder → issuer, with shares, percentages and voting power;
``control``
    ``og:Control``: controller → controlled, with the kind and percentage stated;
``role``
    ``og:Role``: person → organization (director, officer, notice contact ...);
``nomination``
    a role with ``og:nominatedBy``: the nominator → the organization whose board it is;
``transaction``
    ``og:Transaction``: seller → buyer, with shares, price, amount, currency and dates.

:func:`read_export` returns an :class:`ExportData` (the SELECT runner is
:mod:`~ownergraph.exports.sparql`), narrowed by :func:`scope` (its steps in
:mod:`~ownergraph.exports.narrow`) to the neighbourhood of one entity (``focus`` and
``hops``) and to what was filed on or before a date (``as_of``).

May import: :mod:`ownergraph.graph`, the other ``exports`` modules it names, the foundation.

Examples
--------
>>> from rdflib import Graph, URIRef
>>> from ownergraph.graph.store import GraphStore
>>> store = GraphStore.open(None)
>>> g = Graph().parse(format="turtle", data='''
... @prefix og: <https://w3id.org/ownergraph/ontology#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
... <urn:a> og:fingerprint "a" ; rdfs:label "A Ltd" ; og:kind "company" .
... <urn:b> og:fingerprint "b" ; rdfs:label "B Inc" ; og:kind "company" .
... <urn:f> a og:Filing ; og:form "SC 13D" ; og:filedDate "2024-01-02"^^xsd:date .
... <urn:h> a og:Holding ; og:holder <urn:a> ; og:issuer <urn:b> ; og:filing <urn:f> ;
...     og:percentOfClass "60.5"^^xsd:decimal ; og:shares 100 .
... ''')
>>> _ = store.replace_graph(URIRef("urn:f"), g)
>>> data = read_export(store)
>>> sorted(e.name for e in data.entities.values())
['A Ltd', 'B Inc']
>>> rel = data.relations[0]
>>> rel.kind, rel.source, rel.target, rel.values["percent_of_class"], rel.values["shares"]
('holding', 'urn:a', 'urn:b', Decimal('60.5'), 100)
>>> rel.date, data.filings["urn:f"].form
('2024-01-02', 'SC 13D')
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ownergraph.errors import QueryError
from ownergraph.exports.narrow import as_of_relations, iso_date, within
from ownergraph.exports.sparql import (
    OG,
    RDF_TYPE,
    RDFS,
    SCHEMA,
    SKOS,
    iter_subjects,
    og,
    one,
    record_spans,
    select,
    subject_query,
)
from ownergraph.graph.build.base import role_categories
from ownergraph.graph.store import GraphStore
from ownergraph.record import Role

__all__ = [
    "OG",
    "Entity",
    "ExportData",
    "FilingInfo",
    "Relation",
    "iter_subjects",
    "read_export",
    "role_categories_of",
    "role_kinds",
    "sample_data",
    "scope",
    "select",
]


@dataclass
class Entity:
    """A party: a company, fund, government body or natural person."""

    iri: str
    name: str
    kind: str = "unknown"
    is_person: bool = False
    aliases: list[str] = field(default_factory=list)
    short_names: list[str] = field(default_factory=list)
    cik: str | None = None
    lei: str | None = None
    cusip6: list[str] = field(default_factory=list)
    jurisdiction: str | None = None
    jurisdiction_text: str | None = None
    citizenship: str | None = None
    citizenship_text: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    addresses: list[str] = field(default_factory=list)
    filings: list[str] = field(default_factory=list)


@dataclass
class FilingInfo:
    """A filing: its form, accession number, date and sec.gov address where known."""

    iri: str
    label: str
    form: str | None = None
    accession: str | None = None
    date: str | None = None
    url: str | None = None
    source_path: str | None = None
    reporting_persons: list[str] = field(default_factory=list)


@dataclass
class Relation:
    """An edge from ``source`` to ``target`` with its exact values and its provenance."""

    iri: str
    kind: str
    source: str
    target: str
    filing: str | None = None
    date: str | None = None
    label: str | None = None
    section: str | None = None
    quote: str | None = None
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class ExportData:
    """What an export writes: parties by IRI, filings by IRI, and the relations."""

    entities: dict[str, Entity]
    filings: dict[str, FilingInfo]
    relations: list[Relation]

    def filing_of(self, rel: Relation) -> FilingInfo | None:
        """The filing a relation was read from, when it is known."""
        return self.filings.get(rel.filing) if rel.filing else None


def sample_data(*, date: str | None = None, **values: Any) -> ExportData:
    """Two companies, ``urn:a`` (A Ltd) holding ``urn:b`` (B Inc), with ``values`` on the
    holding ``urn:h`` (dated ``date``): the smallest export, for the writers' examples.

    >>> sample_data(shares=100).relations[0].values
    {'shares': 100}
    """
    a, b = Entity("urn:a", "A Ltd", "company"), Entity("urn:b", "B Inc", "company")
    return ExportData(
        {a.iri: a, b.iri: b},
        {},
        [Relation("urn:h", "holding", a.iri, b.iri, date=date, values=values)],
    )


_ENTITY_PREDICATES = [
    "rdfs:label",
    "og:displayName",
    "skos:altLabel",
    "og:shortName",
    "og:kind",
    "og:cik",
    "og:lei",
    "og:cusip6",
    "og:jurisdictionCode",
    "og:jurisdictionText",
    "og:citizenshipCode",
    "og:citizenshipText",
    "schema:givenName",
    "schema:familyName",
    "og:filing",
    "rdf:type",
]


def _read_entities(store: GraphStore) -> dict[str, Entity]:
    preds = [p.replace("rdf:type", f"<{RDF_TYPE}>") for p in _ENTITY_PREDICATES]
    extra = (
        "  UNION { ?n og:fingerprint ?fp . ?n og:address ?a . ?a og:addressText ?o ."
        " BIND(og:address AS ?p) }\n"
    )
    text = subject_query("?n og:fingerprint ?fp .", preds, extra)
    out: dict[str, Entity] = {}
    for iri, props in iter_subjects(store, text):
        label = one(props, og("displayName")) or one(props, RDFS + "label") or iri
        types = set(props.get(RDF_TYPE, []))
        kind = str(one(props, og("kind")) or "unknown")
        is_person = kind == "person" or og("Person") in types
        names = [str(n) for n in props.get(RDFS + "label", []) + props.get(SKOS + "altLabel", [])]
        cik = one(props, og("cik"))
        out[iri] = Entity(
            iri=iri,
            name=str(label),
            kind="person" if is_person else kind,
            is_person=is_person,
            aliases=sorted({n for n in names if n != label}),
            short_names=[str(s) for s in props.get(og("shortName"), [])],
            cik=str(cik) if cik is not None else None,
            lei=_str(one(props, og("lei"))),
            cusip6=[str(c) for c in props.get(og("cusip6"), [])],
            jurisdiction=_str(one(props, og("jurisdictionCode"))),
            jurisdiction_text=_str(one(props, og("jurisdictionText"))),
            citizenship=_str(one(props, og("citizenshipCode"))),
            citizenship_text=_str(one(props, og("citizenshipText"))),
            given_name=_str(one(props, SCHEMA + "givenName")),
            family_name=_str(one(props, SCHEMA + "familyName")),
            addresses=[str(a) for a in props.get(og("address"), [])],
            filings=[str(f) for f in props.get(og("filing"), [])],
        )
    return out


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _read_filings(store: GraphStore) -> dict[str, FilingInfo]:
    preds = [
        "rdfs:label",
        "og:form",
        "og:accession",
        "og:filedDate",
        "og:signatureDate",
        "og:eventDate",
        "og:secUrl",
        "og:sourcePath",
        "og:reportingPerson",
    ]
    out: dict[str, FilingInfo] = {}
    for iri, props in iter_subjects(store, subject_query("?n a og:Filing .", preds)):
        date = (
            one(props, og("filedDate"))
            or one(props, og("signatureDate"))
            or one(props, og("eventDate"))
        )
        out[iri] = FilingInfo(
            iri=iri,
            label=str(one(props, RDFS + "label") or iri),
            form=_str(one(props, og("form"))),
            accession=_str(one(props, og("accession"))),
            date=_str(date),
            url=_str(one(props, og("secUrl"))),
            source_path=_str(one(props, og("sourcePath"))),
            reporting_persons=[str(r) for r in props.get(og("reportingPerson"), [])],
        )
    return out


_HOLDING_VALUES = {
    "shares": "shares",
    "percentOfClass": "percent_of_class",
    "percentOfTotal": "percent_of_total",
    "percentOfVoting": "percent_of_voting",
    "soleVoting": "sole_voting",
    "sharedVoting": "shared_voting",
    "soleDispositive": "sole_dispositive",
    "sharedDispositive": "shared_dispositive",
    "asOf": "as_of",
    "direct": "direct",
    "nature": "nature",
    "shareClass": "share_class",
    "coverPage": "cover_page",
}

_TRANSACTION_VALUES = {
    "kind": "kind",
    "shares": "shares",
    "pricePerShare": "price_per_share",
    "aggregateAmount": "amount",
    "currency": "currency",
    "date": "date",
    "closingDate": "closing_date",
    "closingDeadline": "closing_deadline",
    "status": "status",
    "shareClass": "share_class",
    "agreement": "agreement",
}


def _relations_of(
    store: GraphStore,
    cls: str,
    ends: tuple[str, str],
    names: dict[str, str],
    kind: str,
) -> Iterator[Relation]:
    """The nodes of class ``og:cls`` (with an ``og:ends[0]``) as relations from the
    ``ends[0]`` to the ``ends[1]`` party."""
    pattern = f"?n a og:{cls} ; og:{ends[0]} ?from ."
    preds = [f"og:{p}" for p in (*ends, "filing", *names)] + ["rdfs:label"]
    spans = record_spans(store, pattern)
    text = subject_query(pattern, sorted(set(preds)))
    for iri, props in iter_subjects(store, text):
        section, quote = spans.get(iri, (None, None))
        sources, targets = props.get(og(ends[0]), []), props.get(og(ends[1]), [])
        values = {
            key: (vals if key == "kind" else vals[0])
            for local, key in names.items()
            if (vals := props.get(og(local)))
        }
        for s, t in itertools.product(sources, targets):
            yield Relation(
                iri=iri,
                kind=kind,
                source=str(s),
                target=str(t),
                filing=_str(one(props, og("filing"))),
                label=_str(one(props, RDFS + "label")),
                section=section,
                quote=quote,
                values=dict(values),
            )


def _class_labels(store: GraphStore) -> dict[str, tuple[str, str | None]]:
    """Share classes: IRI → (label, issuer IRI)."""
    text = subject_query("?n a og:ShareClass .", ["og:title", "rdfs:label", "og:issuer"])
    out: dict[str, tuple[str, str | None]] = {}
    for iri, props in iter_subjects(store, text):
        label = one(props, RDFS + "label") or one(props, og("title")) or iri
        out[iri] = (str(label), _str(one(props, og("issuer"))))
    return out


def _agreements(store: GraphStore) -> dict[str, dict[str, Any]]:
    text = subject_query("?n a og:Agreement .", ["og:title", "rdfs:label", "og:date", "og:kind"])
    return {
        iri: {
            "title": str(one(props, og("title")) or one(props, RDFS + "label") or iri),
            "date": _str(one(props, og("date"))),
            "kind": _str(one(props, og("kind"))),
        }
        for iri, props in iter_subjects(store, text)
    }


def read_export(store: GraphStore) -> ExportData:
    """Everything an export needs, read from ``store`` with one SELECT per kind of node."""
    entities = _read_entities(store)
    filings = _read_filings(store)
    classes = _class_labels(store)
    relations: list[Relation] = []
    relations += _relations_of(store, "Holding", ("holder", "issuer"), _HOLDING_VALUES, "holding")
    relations += _relations_of(
        store,
        "Control",
        ("controller", "controlled"),
        {"kind": "kind", "percent": "percent"},
        "control",
    )
    role_values = {"kind": "kind", "title": "title", "occupation": "occupation"}
    roles = list(_relations_of(store, "Role", ("person", "organization"), role_values, "role"))
    relations += roles
    relations += _relations_of(
        store, "Role", ("nominatedBy", "organization"), {"person": "nominee"}, "nomination"
    )
    transactions = list(
        _relations_of(store, "Transaction", ("seller", "buyer"), _TRANSACTION_VALUES, "transaction")
    )
    agreements = _agreements(store) if transactions else {}
    for t in transactions:
        klass = classes.get(str(t.values.get("share_class")))
        if klass is not None:
            t.values["issuer"] = klass[1]
        agreement = agreements.get(str(t.values.get("agreement")))
        if agreement is not None:
            t.values["agreement_title"] = agreement["title"]
            t.values["agreement_date"] = agreement["date"]
    relations += transactions
    for rel in relations:
        cls = rel.values.get("share_class")
        if cls is not None and str(cls) in classes:
            rel.values["share_class_label"] = classes[str(cls)][0]
        if rel.kind == "nomination" and rel.values.get("nominee") in entities:
            rel.values["nominee_name"] = entities[rel.values["nominee"]].name
        filing = filings.get(rel.filing or "")
        explicit = rel.values.get("date")
        rel.date = (
            _str(explicit) or _str(rel.values.get("as_of")) or (filing.date if filing else None)
        )
    _mark_indirect(relations)
    relations = [r for r in relations if r.source in entities and r.target in entities]
    relations.sort(key=lambda r: (r.kind, r.iri, r.source, r.target))
    return ExportData(entities, filings, relations)


def _mark_indirect(relations: list[Relation]) -> None:
    """A holding stated without ``og:direct`` is indirect when, in the same filing, its
    holder controls another party holding the same issuer."""
    controls: dict[tuple[str | None, str], set[str]] = {}
    holders: dict[tuple[str | None, str], set[str]] = {}
    for r in relations:
        if r.kind == "control":
            controls.setdefault((r.filing, r.source), set()).add(r.target)
        elif r.kind == "holding":
            holders.setdefault((r.filing, r.target), set()).add(r.source)
    for r in relations:
        if r.kind != "holding" or "direct" in r.values:
            continue
        controlled = controls.get((r.filing, r.source), set())
        if controlled & holders.get((r.filing, r.target), set()):
            r.values["direct"] = False


def scope(
    store: GraphStore,
    data: ExportData,
    *,
    focus: str | None = None,
    hops: int = 2,
    as_of: str | None = None,
) -> ExportData:
    """Narrow ``data`` to what was filed on or before ``as_of`` and to the parties within
    ``hops`` relations of the entity ``focus`` names (looked up by name, alias, CIK or
    CUSIP with :func:`ownergraph.graph.lookup.resolve_entity`).

    With ``as_of``, a relation is kept when its filing is dated on or before that day
    (a transaction also by its own date), and of several holdings of one holder in one
    issuer's class only those of the latest such filing.

    Raises
    ------
    QueryError
        when ``as_of`` is not an ISO date, ``hops`` is negative, or ``focus`` names no
        entity or several.
    """
    relations = data.relations
    if as_of is not None:
        relations = as_of_relations(data, relations, iso_date(as_of))
    keep: set[str] | None = None
    if focus is not None:
        from ownergraph.graph.lookup import resolve_entity

        if hops < 0:
            raise QueryError(f"--hops must be 0 or more, not {hops}")
        start = str(resolve_entity(store, focus).iri)
        keep = within(start, relations, hops)
        relations = [r for r in relations if r.source in keep and r.target in keep]
    elif as_of is not None:
        keep = {r.source for r in relations} | {r.target for r in relations}
    entities = (
        data.entities if keep is None else {k: v for k, v in data.entities.items() if k in keep}
    )
    used = {r.filing for r in relations}
    filings = data.filings if keep is None else {k: v for k, v in data.filings.items() if k in used}
    return ExportData(entities, filings, relations)


def role_kinds(rel: Relation) -> list[str]:
    """The kind words of a relation (``og:kind``), as strings.

    >>> role_kinds(Relation("urn:r", "role", "urn:p", "urn:o", values={"kind": ["ceo", "director"]}))
    ['ceo', 'director']
    """
    raw = rel.values.get("kind") or []
    return [str(k) for k in (raw if isinstance(raw, list) else [raw])]


def role_categories_of(rel: Relation) -> set[str]:
    """``{"director"}``, ``{"officer"}``, both or neither for a ``role`` relation: the
    builder's own reading of the role's kinds (or, with none, of its title), so that
    every export sorts a role the way the graph does.

    >>> role_categories_of(Relation("urn:r", "role", "urn:p", "urn:o", values={"kind": "chairman"}))
    {'director'}
    >>> sorted(role_categories_of(Relation("urn:r", "role", "urn:p", "urn:o",
    ...                                    values={"title": "Director and Chief Executive Officer"})))
    ['director', 'officer']
    """
    title = str(rel.values.get("title") or "")
    role = Role(person=rel.source, organization=rel.target, title=title, kinds=role_kinds(rel))
    return role_categories(role)
