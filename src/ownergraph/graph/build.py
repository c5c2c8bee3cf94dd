"""Build the RDF graph of one filing from its :class:`~ownergraph.record.Filing` record.

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
>>> holding = g.value(predicate=OG.holder, object=entity_iri(name="Jane Doe", person=True))
>>> g.value(holding, OG.shares).datatype
rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')
>>> str(g.value(holding, OG.percentOfClass))
'6.2'
>>> (entity_iri(name="Jane Doe", person=True), OG.owns, entity_iri(cik="123")) in g
True
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from ownergraph.graph.identity import ID, entity_iri, filing_iri, local_iri, slug
from ownergraph.normalize.names import fingerprint, looks_like_person
from ownergraph.ontology import OG, ORG, PROV, SCHEMA, bind_prefixes, ontology_graph
from ownergraph.record import (
    Agreement,
    ControlLink,
    CoverPage,
    DepositaryProgramme,
    Entity,
    EntityKind,
    Event,
    Exhibit,
    Filing,
    Holding,
    Item,
    Jurisdiction,
    Role,
    ShareClass,
    Signature,
    Source,
    Sourced,
    Transaction,
)

__all__ = [
    "DIRECTOR_KINDS",
    "FIELD_PROPERTIES",
    "OFFICER_KINDS",
    "Resolver",
    "build_graph",
    "filing_graph_name",
    "role_categories",
]

#: role words (``Role.kinds``) that mean a board seat
DIRECTOR_KINDS = frozenset(
    {
        "director",
        "independent director",
        "non-executive director",
        "chair",
        "chairman",
        "chairwoman",
        "chairperson",
        "vice chair",
        "vice chairman",
        "board member",
        "trustee",
    }
)

#: role words that mean an executive or managing role
OFFICER_KINDS = frozenset(
    {
        "officer",
        "executive officer",
        "executive",
        "ceo",
        "cfo",
        "coo",
        "cto",
        "cio",
        "president",
        "vice president",
        "chief executive officer",
        "chief financial officer",
        "chief operating officer",
        "manager",
        "managing director",
        "managing member",
        "managing partner",
        "general partner",
        "secretary",
        "treasurer",
        "general counsel",
        "controller",
    }
)

_DIRECTOR_TITLE = re.compile(r"\b(director|chair(?:man|woman|person)?|trustee)\b", re.I)
_OFFICER_TITLE = re.compile(
    r"\b(officer|ceo|cfo|coo|president|manager|managing|secretary|treasurer|"
    r"general partner|chief|executive)\b",
    re.I,
)

_KIND_CLASS = {
    EntityKind.COMPANY: OG.Company,
    EntityKind.PERSON: OG.Person,
    EntityKind.FUND: OG.Fund,
    EntityKind.GOVERNMENT: OG.Government,
}

#: record field name -> the property its value is stated with, per record type.
#: A source cited for a field becomes an og:SourceSpan whose og:fact is that property.
FIELD_PROPERTIES: dict[str, dict[str, URIRef]] = {
    "Filing": {
        "form": OG.form,
        "schedule": OG.schedule,
        "amendment_number": OG.amendmentNumber,
        "accession": OG.accession,
        "filed_date": OG.filedDate,
        "event_date": OG.eventDate,
        "signature_date": OG.signatureDate,
        "period": OG.periodDate,
        "amends": OG.amends,
        "issuer": OG.issuer,
        "subject_class": OG.subjectClass,
        "cusip": OG.cusip,
        "filers": OG.filedBy,
        "group_members": OG.group,
        "notice_person": OG.noticePerson,
    },
    "Entity": {
        "name": RDFS.label,
        "kind": OG.kind,
        "aliases": SKOS.altLabel,
        "short_names": OG.shortName,
        "cik": OG.cik,
        "irs_number": OG.irsNumber,
        "lei": OG.lei,
        "cusip6": OG.cusip6,
        "jurisdiction": OG.jurisdictionCode,
        "citizenship": OG.citizenshipCode,
        "given_name": SCHEMA.givenName,
        "family_name": SCHEMA.familyName,
        "addresses": OG.address,
        "former_names": OG.formerName,
        "sic": OG.sic,
        "fiscal_year_end": OG.fiscalYearEnd,
        "principal_business": OG.principalBusiness,
        "reporting_type_codes": OG.reportingTypeCode,
        "no_controlling_holder": OG.noControllingHolder,
    },
    "Address": {
        "kind": OG.kind,
        "text": OG.addressText,
        "country": OG.countryCode,
        "phone": OG.phone,
        "email": OG.email,
    },
    "ShareClass": {
        "issuer": OG.issuer,
        "title": OG["title"],
        "label": OG.classLabel,
        "par_value": OG.parValue,
        "outstanding": OG.sharesOutstanding,
        "outstanding_as_of": OG.outstandingAsOf,
        "outstanding_basis": OG.outstandingBasis,
        "votes_per_share": OG.votesPerShare,
        "cusip": OG.cusip,
    },
    "DepositaryProgramme": {
        "issuer": OG.issuer,
        "underlying_class": OG.underlyingClass,
        "ratio": OG.ratio,
        "title": OG["title"],
        "cusip": OG.cusip,
        "exchange": OG.exchange,
        "ticker": OG.ticker,
    },
    "CoverPage": {
        "number": OG.number,
        "person": OG.reportingPerson,
        "cik": OG.cik,
        "no_cik": OG.noCik,
        "irs_number": OG.irsNumber,
        "group_a": OG.groupA,
        "group_b": OG.groupB,
        "source_of_funds": OG.sourceOfFunds,
        "legal_proceedings": OG.legalProceedings,
        "citizenship": OG.citizenshipCode,
        "sole_voting": OG.soleVoting,
        "shared_voting": OG.sharedVoting,
        "sole_dispositive": OG.soleDispositive,
        "shared_dispositive": OG.sharedDispositive,
        "aggregate": OG.aggregate,
        "excludes_certain_shares": OG.excludesCertainShares,
        "percent_of_class": OG.percentOfClass,
        "percent_text": OG.percentText,
        "type_codes": OG.reportingTypeCode,
        "share_class": OG.shareClass,
        "ads_count": OG.adsCount,
        "percent_of_total": OG.percentOfTotal,
        "percent_of_voting": OG.percentOfVoting,
        "basis_outstanding": OG.basisOutstanding,
        "basis_as_of": OG.basisAsOf,
        "basis_document": OG.basisDocument,
        "total_outstanding": OG.totalOutstanding,
        "footnotes": OG.footnote,
    },
    "Holding": {
        "holder": OG.holder,
        "issuer": OG.issuer,
        "share_class": OG.shareClass,
        "shares": OG.shares,
        "percent_of_class": OG.percentOfClass,
        "percent_of_total": OG.percentOfTotal,
        "percent_of_voting": OG.percentOfVoting,
        "as_of": OG.asOf,
        "direct": OG.direct,
        "nature": OG.nature,
    },
    "ControlLink": {
        "controller": OG.controller,
        "controlled": OG.controlled,
        "kind": OG.kind,
        "percent": OG.percent,
    },
    "Role": {
        "person": OG.person,
        "organization": OG.organization,
        "title": OG["title"],
        "kinds": OG.kind,
        "occupation": OG.occupation,
        "on_behalf_of": OG.onBehalfOf,
        "nominated_by": OG.nominatedBy,
        "start": OG.startDate,
        "end": OG.endDate,
        "section": OG.section,
    },
    "AgreementParty": {
        "entity": OG.entity,
        "role": OG.partyRole,
        "defined_as": OG.definedAs,
    },
    "NoticeContact": {
        "party": OG.notifiedParty,
        "attention": OG.attention,
        "organization": OG.organization,
        "address": OG.addressText,
        "email": OG.email,
        "copy_only": OG.copyOnly,
    },
    "Agreement": {
        "kind": OG.kind,
        "title": OG["title"],
        "date": OG.date,
        "parties": OG.party,
        "governing_law": OG.governingLawCode,
        "dispute_forum": OG.disputeForum,
        "dispute_rules": OG.disputeRules,
        "arbitration_seat": OG.arbitrationSeatCode,
        "arbitration_language": OG.arbitrationLanguage,
        "notice_contacts": OG.noticeContact,
        "exhibit": OG.exhibitNumber,
        "related": OG.relatedAgreement,
    },
    "Transaction": {
        "kind": OG.kind,
        "seller": OG.seller,
        "buyer": OG.buyer,
        "share_class": OG.shareClass,
        "to_class": OG.toClass,
        "shares": OG.shares,
        "price_per_share": OG.pricePerShare,
        "currency": OG.currency,
        "aggregate_amount": OG.aggregateAmount,
        "pricing_basis": OG.pricingBasis,
        "date": OG.date,
        "closing_date": OG.closingDate,
        "closing_deadline": OG.closingDeadline,
        "status": OG.status,
        "agreement": OG.agreement,
    },
    "Event": {
        "kind": OG.kind,
        "date": OG.date,
        "subjects": OG.subject,
        "description": OG.description,
        "agreement": OG.agreement,
    },
    "Signature": {
        "entity": OG.signingParty,
        "signer": OG.signer,
        "title": OG["title"],
        "date": OG.date,
    },
    "Exhibit": {
        "number": OG.exhibitNumber,
        "title": OG["title"],
        "date": OG.date,
        "agreement": OG.agreement,
    },
    "Item": {"number": OG.itemNumber, "title": OG["title"], "text": OG.text},
}

#: cover-page fields that also support the holding derived from the cover page
_COVER_TO_HOLDING = {
    "person": OG.holder,
    "aggregate": OG.shares,
    "share_class": OG.shareClass,
    "percent_of_class": OG.percentOfClass,
    "percent_of_total": OG.percentOfTotal,
    "percent_of_voting": OG.percentOfVoting,
    "sole_voting": OG.soleVoting,
    "shared_voting": OG.sharedVoting,
    "sole_dispositive": OG.soleDispositive,
    "shared_dispositive": OG.sharedDispositive,
}


def filing_graph_name(filing: Filing) -> URIRef:
    """The filing's IRI, which also names the graph that holds its triples.

    From the accession number; else ``sha256-`` and the first 20 hex digits of the
    loaded bytes' SHA-256; else (a record built in memory) of the record itself.

    Examples
    --------
    >>> filing_graph_name(Filing(form="SC 13G", schedule="13G", sha256="ab" * 32))
    rdflib.term.URIRef('https://w3id.org/ownergraph/id/filing/sha256-abababababababababab')
    """
    if filing.accession and filing.accession.strip():
        return filing_iri(filing.accession.strip())
    digest = filing.sha256 or hashlib.sha256(repr(filing).encode("utf-8")).hexdigest()
    return filing_iri("sha256-" + digest[:20].lower())


def role_categories(role: Role) -> set[str]:
    """``{"director"}``, ``{"officer"}``, both or neither, from the role's kinds.

    When the loader gave no kinds, the title is read instead.

    Examples
    --------
    >>> sorted(role_categories(Role(person="p", organization="o", title="Director and Manager",
    ...                             kinds=["director", "manager"])))
    ['director', 'officer']
    >>> role_categories(Role(person="p", organization="o", title="Chief Executive Officer"))
    {'officer'}
    >>> role_categories(Role(person="p", organization="o", title="Attorney-in-fact",
    ...                      kinds=["signatory"]))
    set()
    """
    kinds = {k.strip().lower() for k in role.kinds if k.strip()}
    cats: set[str] = set()
    if kinds:
        if kinds & DIRECTOR_KINDS:
            cats.add("director")
        if kinds & OFFICER_KINDS:
            cats.add("officer")
        return cats
    if _DIRECTOR_TITLE.search(role.title):
        cats.add("director")
    if _OFFICER_TITLE.search(role.title):
        cats.add("officer")
    return cats


@lru_cache(maxsize=1)
def _declared_og_terms() -> frozenset[URIRef]:
    g = ontology_graph()
    return frozenset(
        s for s in g.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(str(OG))
    )


def _base_field(field_name: str) -> str:
    """The field a qualified citation key refers to: ``"short_name:FIG Buyer"`` -> ``"short_name"``."""
    m = re.match(r"[A-Za-z_][A-Za-z0-9_]*", field_name)
    return m.group(0) if m else field_name


def _fact(mapping: Mapping[str, URIRef], field_name: str, base: str, default: URIRef) -> URIRef:
    """The property a citation supports; ``default`` when the field is unknown."""
    for key in (field_name, base, base.rstrip("s"), base + "s"):
        if key in mapping:
            return mapping[key]
    guess = OG[_camel(base)]
    return guess if guess in _declared_og_terms() else default


def _camel(field_name: str) -> str:
    head, *rest = field_name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def _literal(value: object) -> Literal:
    """An exact typed literal; floats are refused."""
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if isinstance(value, Decimal):
        # canonical lexical form (no exponent, no trailing zeros), as Oxigraph stores it
        return Literal(format(value.normalize(), "f"), datatype=XSD.decimal)
    if isinstance(value, _dt.datetime):
        return Literal(value)
    if isinstance(value, _dt.date):
        return Literal(value.isoformat(), datatype=XSD.date)
    if isinstance(value, float):
        raise TypeError("floats are not exact: use int or Decimal")
    return _string(str(value))


def _string(text: str) -> Literal:
    """An explicit ``xsd:string`` literal: what Oxigraph (RDF 1.1) returns for any string."""
    return Literal(text, datatype=XSD.string)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Resolution(Protocol):
    iri: URIRef
    match: str | None


class Resolver(Protocol):
    """Chooses an entity's IRI across filings (see :mod:`ownergraph.graph.resolve`)."""

    def resolve(self, filing: Filing, entity: Entity, default: URIRef) -> _Resolution:
        """The IRI for ``entity`` (``default`` is its own identifier's IRI) and why."""
        ...


#: cover-page type code of a natural person
_PERSON_CODE = "IN"
#: type codes of partnerships, investment companies, employee plans and savings associations
_FUND_CODES = frozenset({"PN", "IV", "EP", "SA"})


class _Builder:
    def __init__(self, filing: Filing, resolver: Resolver | None = None) -> None:
        self.f = filing
        self.resolver = resolver
        self.matches: dict[URIRef, str] = {}
        self.codes: dict[str, set[str]] = {}
        for cp in filing.cover_pages:
            self.codes.setdefault(cp.person, set()).update(
                c.strip().upper() for c in cp.type_codes if c.strip()
            )
        self.name = filing_graph_name(filing)
        self.g = bind_prefixes(Graph(identifier=self.name))
        self.entities: dict[str, URIRef] = {}
        self.names: dict[str, str] = {}
        self.classes: dict[str, URIRef] = {}
        self.agreements: dict[str, URIRef] = {}

    # -- low-level helpers ------------------------------------------------------------

    def add(self, s: URIRef, p: URIRef, value: object) -> None:
        if value is None:
            return
        if isinstance(value, str) and not value.strip():
            return
        o: Node = value if isinstance(value, URIRef) else _literal(value)
        self.g.add((s, p, o))

    def node(self, iri: URIRef, *classes: URIRef, label: str) -> URIRef:
        for c in classes:
            self.g.add((iri, RDF.type, c))
        self.g.set((iri, RDFS.label, _string(_short(label, 200))))
        return iri

    def local(self, kind: str, *parts: object) -> URIRef:
        return local_iri(self.name, kind, *parts)

    def place(self, s: URIRef, base: str, j: Jurisdiction | None) -> None:
        if j is None:
            return
        self.add(s, OG[base + "Text"], j.text)
        self.add(s, OG[base + "Code"], j.code)
        if j.country and j.country != j.code:
            self.add(s, OG[base + "Country"], j.country)

    def common(
        self,
        s: URIRef,
        rec: Sourced,
        record_type: str,
        parts: tuple[object, ...],
        *,
        in_filing: bool = True,
    ) -> None:
        """Filing link, warnings and source spans of one record's node."""
        if in_filing:
            self.g.add((s, OG.filing, self.name))
        for w in rec.warnings:
            self.add(s, OG.warning, w)
        default = OG.text if record_type == "Item" else RDF.type
        self.cite(s, rec, FIELD_PROPERTIES[record_type], parts, default=default)

    def cite(
        self,
        s: URIRef,
        rec: Sourced,
        mapping: Mapping[str, URIRef],
        parts: tuple[object, ...],
        fields: Iterable[str] | None = None,
        default: URIRef = RDF.type,
    ) -> None:
        wanted = None if fields is None else set(fields)
        if rec.source is not None:
            self.span(s, parts, "record", RDF.type, rec.source)
        for field_name, src in sorted(rec.field_sources.items()):
            base = _base_field(field_name)
            if wanted is not None and field_name not in wanted and base not in wanted:
                continue
            self.span(s, parts, field_name, _fact(mapping, field_name, base, default), src)

    def span(
        self, about: URIRef, parts: tuple[object, ...], field_name: str, fact: URIRef, src: Source
    ) -> None:
        sp = self.local("source", *parts, field_name)
        self.node(sp, OG.SourceSpan, label=f"{src.section}: “{_short(src.quote, 60)}”")
        self.g.add((sp, OG.about, about))
        self.g.add((about, OG.source, sp))
        self.g.add((sp, OG.fact, fact))
        self.add(sp, OG.field, field_name)
        self.add(sp, OG.section, src.section)
        self.g.add((sp, OG.quote, _string(src.quote)))
        self.add(sp, OG.startOffset, src.start)
        self.add(sp, OG.endOffset, src.end)
        self.add(sp, OG.document, src.document)
        self.g.add((sp, PROV.wasDerivedFrom, self.name))

    # -- entities ---------------------------------------------------------------------

    def kind_of(self, e: Entity) -> EntityKind:
        """The entity's kind, checked against its cover-page type codes (row 14 / 12).

        Code IN (individual) makes a reporting person a person unless the name has a
        legal form; a reporting person whose codes are all institutional (PN, CO, IA...)
        is not a person, whatever a reader guessed from the text.
        """
        codes = self.codes.get(e.key)
        if not codes:
            return e.kind
        if _PERSON_CODE in codes:
            if e.kind == EntityKind.UNKNOWN and looks_like_person(e.name):
                return EntityKind.PERSON
            return e.kind
        if e.kind == EntityKind.PERSON and not looks_like_person(e.name):
            return EntityKind.FUND if codes & _FUND_CODES else EntityKind.COMPANY
        return e.kind

    def is_person(self, e: Entity) -> bool:
        return self.kind_of(e) == EntityKind.PERSON

    def entity_identity(self, e: Entity) -> URIRef:
        cusip = e.cusip6
        if e.key == self.f.issuer and not cusip:
            cusip = self.f.cusip
        iri = entity_iri(cik=e.cik, cusip=cusip, name=e.name, person=self.is_person(e))
        if self.resolver is not None:
            found = self.resolver.resolve(self.f, e, iri)
            if found.match and found.iri != iri:
                self.matches[found.iri] = found.match
            iri = found.iri
        return iri

    def ref(self, key: str | None) -> URIRef | None:
        """The IRI of the entity under ``key``, creating a bare node if undescribed."""
        if key is None or not key.strip():
            return None
        iri = self.entities.get(key)
        if iri is None:
            iri = entity_iri(name=key)
            self.entities[key] = iri
            self.names[key] = key
            self.node(iri, OG.LegalEntity, label=key)
            self.add(iri, OG.fingerprint, fingerprint(key) or key)
            self.g.add((iri, OG.filing, self.name))
            self.add(iri, OG.warning, f"referred to as {key!r} but not described in the record")
        return iri

    def build_entities(self) -> None:
        groups: dict[URIRef, list[Entity]] = {}
        for key, e in self.f.entities.items():
            iri = self.entity_identity(e)
            self.entities[key] = iri
            self.names[key] = e.name
            groups.setdefault(iri, []).append(e)
        for iri, group in groups.items():
            self.entity_node(iri, group)
            self.add(iri, OG.identityMatch, self.matches.get(iri))

    def entity_node(self, iri: URIRef, group: list[Entity]) -> None:
        first = group[0]
        classes = [OG.LegalEntity]
        for e in group:
            c = _KIND_CLASS.get(self.kind_of(e))
            if c is not None and c not in classes:
                classes.append(c)
        self.node(iri, *classes, label=first.name)
        names: list[str] = []
        for e in group:
            for n in e.all_names():
                if n not in names:
                    names.append(n)
        for n in names[1:]:
            if n != first.name:
                self.add(iri, SKOS.altLabel, n)
        for e in group:  # a renamed company carries every name it was filed under
            for former, _ in e.former_names:
                if former.strip() and former not in names:
                    names.append(former)
                    self.add(iri, SKOS.altLabel, former)
        for n in names:
            self.add(iri, OG.fingerprint, fingerprint(n) or n)
        for e in group:
            kind = self.kind_of(e)
            if kind != EntityKind.UNKNOWN:
                self.add(iri, OG.kind, kind.value)
            if e.key == self.f.issuer and not e.cusip6:
                self.add(iri, OG.cusip6, _cusip6(self.f.cusip))
            if e.cik and e.cik.strip().isdigit() and int(e.cik) > 0:
                self.add(iri, OG.cik, f"{int(e.cik):010d}")
            self.add(iri, OG.irsNumber, e.irs_number)
            self.add(iri, OG.lei, e.lei)
            self.add(iri, OG.cusip6, e.cusip6)
            self.place(iri, "jurisdiction", e.jurisdiction)
            self.place(iri, "citizenship", e.citizenship)
            self.add(iri, SCHEMA.givenName, e.given_name)
            self.add(iri, SCHEMA.familyName, e.family_name)
            for s in e.short_names:
                self.add(iri, OG.shortName, s)
            for i, a in enumerate(e.addresses, 1):
                a_iri = self.local("address", e.key, i)
                self.node(a_iri, OG.Address, label=f"{a.kind} address of {e.name}: {a.text}")
                self.g.add((iri, OG.address, a_iri))
                self.add(a_iri, OG.kind, a.kind)
                self.add(a_iri, OG.addressText, a.text)
                self.add(a_iri, OG.countryCode, a.country)
                self.add(a_iri, OG.phone, a.phone)
                self.add(a_iri, OG.email, a.email)
                self.common(a_iri, a, "Address", ("address", e.key, i))
            for i, (former, when) in enumerate(e.former_names, 1):
                fn = self.local("former-name", e.key, i)
                self.node(fn, OG.FormerName, label=former)
                self.g.add((iri, OG.formerName, fn))
                self.add(fn, OG.nameChangeDate, when)
            self.add(iri, OG.sic, e.sic)
            self.add(iri, OG.fiscalYearEnd, e.fiscal_year_end)
            self.add(iri, OG.principalBusiness, e.principal_business)
            for code in e.reporting_type_codes:
                self.add(iri, OG.reportingTypeCode, code)
            self.add(iri, OG.noControllingHolder, e.no_controlling_holder)
            self.common(iri, e, "Entity", ("entity", e.key))

    # -- securities -------------------------------------------------------------------

    def build_classes(self) -> None:
        for key in self.f.share_classes:
            self.classes[key] = self.local("class", key)
        for key, sc in self.f.share_classes.items():
            self.share_class(self.classes[key], sc)
        for i, dp in enumerate(self.f.depositary, 1):
            self.depositary(dp.key or str(i), dp)

    def class_ref(self, key: str | None) -> URIRef | None:
        if key is None or not key.strip():
            return None
        iri = self.classes.get(key)
        if iri is None:
            iri = self.local("class", key)
            self.classes[key] = iri
            self.node(iri, OG.ShareClass, label=key)
            self.g.add((iri, OG.filing, self.name))
            self.add(iri, OG.warning, f"share class {key!r} referred to but not described")
        return iri

    def class_name(self, key: str | None) -> str:
        if key and key in self.f.share_classes:
            return self.f.share_classes[key].title
        return key or "securities"

    def share_class(self, iri: URIRef, sc: ShareClass) -> None:
        issuer = self.names.get(sc.issuer, sc.issuer)
        self.node(iri, OG.ShareClass, label=f"{sc.title} of {issuer}")
        self.add(iri, OG.issuer, self.ref(sc.issuer))
        self.add(iri, OG["title"], sc.title)
        self.add(iri, OG.classLabel, sc.label)
        if sc.par_value is not None:
            self.add(iri, OG.parValue, sc.par_value.amount)
            self.add(iri, OG.parValueCurrency, sc.par_value.currency)
        self.add(iri, OG.sharesOutstanding, sc.outstanding)
        self.add(iri, OG.outstandingAsOf, sc.outstanding_as_of)
        self.add(iri, OG.outstandingBasis, sc.outstanding_basis)
        self.add(iri, OG.votesPerShare, sc.votes_per_share)
        self.add(iri, OG.cusip, sc.cusip)
        self.common(iri, sc, "ShareClass", ("class", sc.key))

    def depositary(self, did: str, dp: DepositaryProgramme) -> None:
        iri = self.local("ads", did)
        issuer = self.names.get(dp.issuer, dp.issuer)
        self.node(iri, OG.DepositaryProgramme, label=f"{dp.title} of {issuer}")
        self.add(iri, OG.issuer, self.ref(dp.issuer))
        self.add(iri, OG.underlyingClass, self.class_ref(dp.underlying_class))
        self.add(iri, OG.ratio, dp.ratio)
        self.add(iri, OG["title"], dp.title)
        self.add(iri, OG.cusip, dp.cusip)
        self.add(iri, OG.exchange, dp.exchange)
        self.add(iri, OG.ticker, dp.ticker)
        self.common(iri, dp, "DepositaryProgramme", ("ads", did))

    # -- cover pages and holdings -----------------------------------------------------

    def holding_label(self, holder: str | None, issuer: str | None, cls: str | None) -> str:
        h = self.names.get(holder or "", holder or "?")
        i = self.names.get(issuer or "", issuer or "?")
        return f"Holding: {h} in {i} {self.class_name(cls)}"

    def owns(self, holder: URIRef | None, issuer: URIRef | None, *amounts: object) -> None:
        """Add the og:owns edge unless the position is stated to be nil."""
        if holder is None or issuer is None or holder == issuer:
            return
        if any(a is not None and a == 0 for a in amounts):
            return
        self.g.add((holder, OG.owns, issuer))

    def build_cover_pages(self) -> None:
        for i, cp in enumerate(self.f.cover_pages, 1):
            self.cover_page(i, cp)

    def cover_page(self, i: int, cp: CoverPage) -> None:
        iri = self.local("cover", i)
        person = self.ref(cp.person)
        pname = self.names.get(cp.person, cp.person)
        self.node(iri, OG.CoverPage, label=f"Cover page {cp.number}: {pname}")
        self.g.add((self.name, OG.coverPage, iri))
        self.add(iri, OG.number, cp.number)
        self.add(iri, OG.reportingPerson, person)
        if cp.cik and cp.cik.strip().isdigit() and int(cp.cik) > 0:
            self.add(iri, OG.cik, f"{int(cp.cik):010d}")
        self.add(iri, OG.noCik, cp.no_cik)
        self.add(iri, OG.irsNumber, cp.irs_number)
        self.add(iri, OG.groupA, cp.group_a)
        self.add(iri, OG.groupB, cp.group_b)
        for code in cp.source_of_funds:
            self.add(iri, OG.sourceOfFunds, code)
        self.add(iri, OG.legalProceedings, cp.legal_proceedings)
        self.place(iri, "citizenship", cp.citizenship)
        powers = {
            OG.soleVoting: cp.sole_voting,
            OG.sharedVoting: cp.shared_voting,
            OG.soleDispositive: cp.sole_dispositive,
            OG.sharedDispositive: cp.shared_dispositive,
        }
        for p, v in powers.items():
            self.add(iri, p, v)
        self.add(iri, OG.aggregate, cp.aggregate)
        self.add(iri, OG.excludesCertainShares, cp.excludes_certain_shares)
        self.add(iri, OG.percentOfClass, cp.percent_of_class)
        self.add(iri, OG.percentText, cp.percent_text)
        for code in cp.type_codes:
            self.add(iri, OG.reportingTypeCode, code)
        cls_key = cp.share_class or self.f.subject_class
        cls = self.class_ref(cls_key)
        self.add(iri, OG.shareClass, cls)
        self.add(iri, OG.adsCount, cp.ads_count)
        self.add(iri, OG.percentOfTotal, cp.percent_of_total)
        self.add(iri, OG.percentOfVoting, cp.percent_of_voting)
        self.add(iri, OG.basisOutstanding, cp.basis_outstanding)
        self.add(iri, OG.basisAsOf, cp.basis_as_of)
        self.add(iri, OG.basisDocument, cp.basis_document)
        self.add(iri, OG.totalOutstanding, cp.total_outstanding)
        for note in cp.footnotes:
            self.add(iri, OG.footnote, note)
        self.common(iri, cp, "CoverPage", ("cover", i))

        # the position the cover page reports, as a holding node
        h = self.local("holding", "cover", i)
        issuer = self.ref(self.f.issuer)
        self.node(h, OG.Holding, label=self.holding_label(cp.person, self.f.issuer, cls_key))
        self.g.add((iri, OG.holding, h))
        self.g.add((h, OG.coverPage, iri))
        self.add(h, OG.holder, person)
        self.add(h, OG.issuer, issuer)
        self.add(h, OG.shareClass, cls)
        self.add(h, OG.shares, cp.aggregate)
        self.add(h, OG.percentOfClass, cp.percent_of_class)
        self.add(h, OG.percentOfTotal, cp.percent_of_total)
        self.add(h, OG.percentOfVoting, cp.percent_of_voting)
        for p, v in powers.items():
            self.add(h, p, v)
        self.add(h, OG.asOf, self.f.event_date)
        self.add(h, OG.adsCount, cp.ads_count)
        self.g.add((h, OG.filing, self.name))
        self.cite(h, cp, _COVER_TO_HOLDING, ("holding", "cover", i), fields=_COVER_TO_HOLDING)
        self.owns(person, issuer, cp.aggregate, cp.percent_of_class)

    def build_holdings(self) -> None:
        for i, hd in enumerate(self.f.holdings, 1):
            self.holding(i, hd)

    def holding(self, i: int, hd: Holding) -> None:
        iri = self.local("holding", i)
        holder, issuer = self.ref(hd.holder), self.ref(hd.issuer)
        self.node(iri, OG.Holding, label=self.holding_label(hd.holder, hd.issuer, hd.share_class))
        self.add(iri, OG.holder, holder)
        self.add(iri, OG.issuer, issuer)
        self.add(iri, OG.shareClass, self.class_ref(hd.share_class))
        self.add(iri, OG.shares, hd.shares)
        self.add(iri, OG.percentOfClass, hd.percent_of_class)
        self.add(iri, OG.percentOfTotal, hd.percent_of_total)
        self.add(iri, OG.percentOfVoting, hd.percent_of_voting)
        self.add(iri, OG.asOf, hd.as_of)
        self.add(iri, OG.direct, hd.direct)
        self.add(iri, OG.nature, hd.nature)
        self.common(iri, hd, "Holding", ("holding", i))
        self.owns(holder, issuer, hd.shares, hd.percent_of_class)

    def build_group(self) -> None:
        members = list(self.f.group_members)
        kind = "group"
        if not members:
            kind = "joint filers"
            for cp in self.f.cover_pages:
                if cp.person not in members:
                    members.append(cp.person)
            if len(members) < 2:
                return
        iri = self.local("group")
        names = ", ".join(self.names.get(m, m) for m in members)
        title = "Group" if kind == "group" else "Joint filers"
        self.node(iri, OG.Group, label=f"{title}: {names}")
        self.add(iri, OG.kind, kind)
        self.g.add((self.name, OG.group, iri))
        self.g.add((iri, OG.filing, self.name))
        for m in members:
            self.add(iri, OG.member, self.ref(m))

    # -- control and roles ------------------------------------------------------------

    def build_controls(self) -> None:
        for i, c in enumerate(self.f.controls, 1):
            self.control(i, c)

    def control(self, i: int, c: ControlLink) -> None:
        iri = self.local("control", i)
        a, b = self.ref(c.controller), self.ref(c.controlled)
        an = self.names.get(c.controller, c.controller)
        bn = self.names.get(c.controlled, c.controlled)
        self.node(iri, OG.Control, label=f"Control: {an} controls {bn} ({c.kind.value})")
        self.add(iri, OG.controller, a)
        self.add(iri, OG.controlled, b)
        self.add(iri, OG.kind, c.kind.value)
        self.add(iri, OG.percent, c.percent)
        self.common(iri, c, "ControlLink", ("control", i))
        if a is not None and b is not None and a != b:
            self.g.add((a, OG.controls, b))

    def build_roles(self) -> None:
        for i, r in enumerate(self.f.roles, 1):
            self.role(i, r)

    def role(self, i: int, r: Role) -> None:
        iri = self.local("role", i)
        person, org = self.ref(r.person), self.ref(r.organization)
        cats = role_categories(r)
        classes = [OG.Role]
        if "director" in cats:
            classes.append(OG.DirectorRole)
        if "officer" in cats:
            classes.append(OG.OfficerRole)
        pname = self.names.get(r.person, r.person)
        where = f" of {self.names.get(r.organization, r.organization)}" if r.organization else ""
        what = r.title.strip() or ", ".join(k for k in r.kinds if k.strip()) or "role"
        self.node(iri, *classes, label=f"Role: {pname}, {what}{where}")
        self.add(iri, OG.person, person)
        self.add(iri, OG.organization, org)
        self.add(iri, OG["title"], r.title)
        for k in r.kinds:
            self.add(iri, OG.kind, k)
            if k.strip():
                concept = URIRef(f"{ID}role/{slug(k)}")
                self.node(concept, ORG.Role, SKOS.Concept, label=k.strip().lower())
                self.g.add((iri, ORG.role, concept))
        self.add(iri, OG.occupation, r.occupation)
        client = self.ref(r.on_behalf_of)
        self.add(iri, OG.onBehalfOf, client)
        self.add(iri, OG.nominatedBy, self.ref(r.nominated_by))
        self.add(iri, OG.startDate, r.start)
        self.add(iri, OG.endDate, r.end)
        self.add(iri, OG.section, r.section)
        self.common(iri, r, "Role", ("role", i))
        if person is not None and org is not None and person != org:
            self.g.add((person, OG.roleIn, org))
            if "director" in cats:
                self.g.add((person, OG.directorOf, org))
            if "officer" in cats:
                self.g.add((person, OG.officerOf, org))
        if person is not None and client is not None and person != client:
            self.g.add((person, OG.actsFor, client))

    # -- agreements, transactions, events ---------------------------------------------

    def build_agreements(self) -> None:
        for key in self.f.agreements:
            self.agreements[key] = self.local("agreement", key)
        for key, a in self.f.agreements.items():
            self.agreement(self.agreements[key], a)

    def agreement_ref(self, key: str | None) -> URIRef | None:
        if key is None or not key.strip():
            return None
        iri = self.agreements.get(key)
        if iri is None:
            iri = self.local("agreement", key)
            self.agreements[key] = iri
            self.node(iri, OG.Agreement, label=key)
            self.g.add((iri, OG.filing, self.name))
            self.add(iri, OG.warning, f"agreement {key!r} referred to but not described")
        return iri

    def agreement(self, iri: URIRef, a: Agreement) -> None:
        self.node(iri, OG.Agreement, label=a.title or a.kind)
        self.add(iri, OG.kind, a.kind)
        self.add(iri, OG["title"], a.title)
        self.add(iri, OG.date, a.date)
        party_iris: list[URIRef] = []
        for j, p in enumerate(a.parties, 1):
            pi = self.local("agreement", a.key, "party", j)
            ent = self.ref(p.entity)
            name = self.names.get(p.entity, p.entity)
            role = f" ({p.role})" if p.role else ""
            self.node(pi, OG.AgreementParty, label=f"{name}{role} in {a.title or a.kind}")
            self.g.add((iri, OG.party, pi))
            self.add(pi, OG.entity, ent)
            self.add(pi, OG.partyRole, p.role)
            self.add(pi, OG.definedAs, p.defined_as)
            self.add(pi, OG.partyName, name)
            self.add(pi, OG.number, j)
            self.common(pi, p, "AgreementParty", ("agreement", a.key, "party", j))
            if ent is not None:
                self.g.add((ent, OG.partyTo, iri))
                if ent not in party_iris:
                    party_iris.append(ent)
        self.counterparties(party_iris)
        self.place(iri, "governingLaw", a.governing_law)
        self.add(iri, OG.disputeForum, a.dispute_forum)
        self.add(iri, OG.disputeRules, a.dispute_rules)
        self.place(iri, "arbitrationSeat", a.arbitration_seat)
        self.add(iri, OG.arbitrationLanguage, a.arbitration_language)
        for j, n in enumerate(a.notice_contacts, 1):
            ni = self.local("agreement", a.key, "notice", j)
            party = self.names.get(n.party, n.party)
            copy = " (copy)" if n.copy_only else ""
            self.node(ni, OG.NoticeContact, label=f"Notices for {party}{copy}: {a.title or a.kind}")
            self.g.add((iri, OG.noticeContact, ni))
            self.add(ni, OG.notifiedParty, self.ref(n.party))
            self.add(ni, OG.attention, self.ref(n.attention))
            self.add(ni, OG.organization, self.ref(n.organization))
            self.add(ni, OG.addressText, n.address)
            self.add(ni, OG.email, n.email)
            self.add(ni, OG.copyOnly, n.copy_only)
            self.common(ni, n, "NoticeContact", ("agreement", a.key, "notice", j))
        self.add(iri, OG.exhibitNumber, a.exhibit)
        for other in a.related:
            self.add(iri, OG.relatedAgreement, self.agreement_ref(other))
        self.common(iri, a, "Agreement", ("agreement", a.key))

    def counterparties(self, parties: list[URIRef]) -> None:
        for x in parties:
            for y in parties:
                if x != y:
                    self.g.add((x, OG.counterparty, y))

    def build_transactions(self) -> None:
        for i, t in enumerate(self.f.transactions, 1):
            self.transaction(t.key or str(i), t)

    def transaction(self, tid: str, t: Transaction) -> None:
        iri = self.local("transaction", tid)
        seller, buyer = self.ref(t.seller), self.ref(t.buyer)
        parts = [t.kind.capitalize() + ":"]
        if t.shares is not None:
            parts.append(f"{t.shares:,}")
        parts.append(self.class_name(t.share_class))
        if t.seller:
            parts.append(f"from {self.names.get(t.seller, t.seller)}")
        if t.buyer:
            parts.append(f"to {self.names.get(t.buyer, t.buyer)}")
        self.node(iri, OG.Transaction, label=" ".join(parts))
        self.add(iri, OG.kind, t.kind)
        self.add(iri, OG.seller, seller)
        self.add(iri, OG.buyer, buyer)
        self.add(iri, OG.shareClass, self.class_ref(t.share_class))
        self.add(iri, OG.toClass, self.class_ref(t.to_class))
        self.add(iri, OG.shares, t.shares)
        self.add(iri, OG.pricePerShare, t.price_per_share)
        self.add(iri, OG.currency, t.currency)
        self.add(iri, OG.aggregateAmount, t.aggregate_amount)
        self.add(iri, OG.pricingBasis, t.pricing_basis)
        self.add(iri, OG.date, t.date)
        self.add(iri, OG.closingDate, t.closing_date)
        self.add(iri, OG.closingDeadline, t.closing_deadline)
        self.add(iri, OG.status, t.status)
        self.add(iri, OG.agreement, self.agreement_ref(t.agreement))
        self.common(iri, t, "Transaction", ("transaction", tid))
        if seller is not None and buyer is not None:
            self.counterparties([seller, buyer])

    def build_events(self) -> None:
        for i, ev in enumerate(self.f.events, 1):
            self.event(i, ev)

    def event(self, i: int, ev: Event) -> None:
        iri = self.local("event", i)
        who = ", ".join(self.names.get(s, s) for s in ev.subjects)
        label = f"{ev.kind.capitalize()}: {who}" if who else ev.kind.capitalize()
        self.node(iri, OG.Event, label=label)
        self.add(iri, OG.kind, ev.kind)
        self.add(iri, OG.date, ev.date)
        for s in ev.subjects:
            self.add(iri, OG.subject, self.ref(s))
        self.add(iri, OG.description, ev.description)
        self.add(iri, OG.agreement, self.agreement_ref(ev.agreement))
        self.common(iri, ev, "Event", ("event", i))

    # -- signatures, exhibits, items, documents ---------------------------------------

    def build_signatures(self) -> None:
        for i, s in enumerate(self.f.signatures, 1):
            self.signature(i, s)

    def signature(self, i: int, s: Signature) -> None:
        iri = self.local("signature", i)
        party = self.names.get(s.entity, s.entity)
        signer = self.names.get(s.signer, s.signer) if s.signer else None
        label = f"Signature: {signer} for {party}" if signer else f"Signature of {party}"
        self.node(iri, OG.Signature, label=label)
        self.add(iri, OG.signingParty, self.ref(s.entity))
        self.add(iri, OG.signer, self.ref(s.signer))
        self.add(iri, OG["title"], s.title)
        self.add(iri, OG.date, s.date)
        self.common(iri, s, "Signature", ("signature", i))

    def build_exhibits(self) -> None:
        for i, x in enumerate(self.f.exhibits, 1):
            self.exhibit(i, x)

    def exhibit(self, i: int, x: Exhibit) -> None:
        iri = self.local("exhibit", i)
        label = f"Exhibit {x.number}: {x.title}" if x.number else f"Exhibit: {x.title}"
        self.node(iri, OG.Exhibit, label=label)
        self.g.add((self.name, OG.exhibit, iri))
        self.add(iri, OG.exhibitNumber, x.number)
        self.add(iri, OG["title"], x.title)
        self.add(iri, OG.date, x.date)
        self.add(iri, OG.agreement, self.agreement_ref(x.agreement))
        self.common(iri, x, "Exhibit", ("exhibit", i))

    def build_items(self) -> None:
        for i, it in enumerate(self.f.items, 1):
            self.item(i, it)

    def item(self, i: int, it: Item) -> None:
        iri = self.local("item", i)
        self.node(iri, OG.Item, label=f"Item {it.number}. {it.title}")
        self.g.add((self.name, OG.item, iri))
        self.add(iri, OG.itemNumber, it.number)
        self.add(iri, OG["title"], it.title)
        self.add(iri, OG.text, it.text)
        self.common(iri, it, "Item", ("item", i))

    def build_documents(self) -> None:
        for i, d in enumerate(self.f.documents, 1):
            iri = self.local("document", i)
            self.node(iri, OG.Document, label=" ".join(x for x in (d.type, d.filename) if x))
            self.g.add((self.name, OG.submissionDocument, iri))
            self.g.add((iri, OG.filing, self.name))
            self.add(iri, OG.documentType, d.type)
            self.add(iri, OG.fileName, d.filename)
            self.add(iri, OG.description, d.description)
            self.add(iri, OG.sequence, d.sequence)

    # -- the filing -------------------------------------------------------------------

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
        self.add(iri, OG["format"], f.format)
        self.add(iri, OG.sourcePath, f.path)
        self.add(iri, OG.sha256, f.sha256)
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
        self.build_documents()


def _cusip6(cusip: str | None) -> str | None:
    """The issuer part of a CUSIP (six characters, upper case), or ``None``.

    Examples
    --------
    >>> _cusip6("90138A103"), _cusip6("n/a")
    ('90138A', None)
    """
    compact = re.sub(r"[^0-9A-Za-z]", "", cusip or "").upper()
    return compact[:6] if len(compact) >= 6 and re.search(r"\d", compact[:6]) else None


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
    b = _Builder(filing, resolve)
    b.build()
    return b.name, b.g
