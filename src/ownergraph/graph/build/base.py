"""The builder's foundation: graph names, literals, source spans and entity references."""

import datetime as _dt
import hashlib
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Protocol

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from ownergraph.graph.build.sink import Triples
from ownergraph.graph.build.terms import (
    _DIRECTOR_TITLE,
    _OFFICER_TITLE,
    DIRECTOR_KINDS,
    FIELD_PROPERTIES,
    OFFICER_KINDS,
)
from ownergraph.graph.identity import entity_iri, filing_iri, local_iri
from ownergraph.normalize.names import fingerprint, looks_like_person
from ownergraph.ontology import OG, PROV, ontology_graph
from ownergraph.record import (
    Entity,
    EntityKind,
    Filing,
    Jurisdiction,
    Role,
    Source,
    Sourced,
)

__all__ = ["BuilderBase", "Resolver", "filing_graph_name", "role_categories"]


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


#: kinds that say the person holds no managing role, whatever the title's words
_NOT_MANAGING_KINDS = frozenset({"signatory", "attorney-in-fact"})


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

    Kinds that name no category leave the title to decide, so that a "Managing
    Partner" whose kind is only ``partner`` is still a managing role:

    >>> role_categories(Role(person="p", organization="o", title="Managing Partner",
    ...                      kinds=["partner"]))
    {'officer'}
    """
    kinds = {k.strip().lower() for k in role.kinds if k.strip()}
    cats: set[str] = set()
    if kinds & DIRECTOR_KINDS:
        cats.add("director")
    if kinds & OFFICER_KINDS:
        cats.add("officer")
    if cats or kinds & _NOT_MANAGING_KINDS:
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


_XSD_STRING = XSD.string
#: strings up to this long recur (sections, fields, names, codes): their literal is kept
_SHORT = 64


def _string(text: str) -> Literal:
    """An explicit ``xsd:string`` literal: what Oxigraph (RDF 1.1) returns for any string.

    >>> _string("Item 2") is _string("Item 2")  # a short one is made once
    True
    """
    if len(text) <= _SHORT:
        return _short_string(text)
    return Literal(text, datatype=_XSD_STRING)


@lru_cache(maxsize=16384)
def _short_string(text: str) -> Literal:
    return Literal(text, datatype=_XSD_STRING)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


#: the terms of a source span, made once (a namespace lookup makes a new term each time)
_SPAN, _ABOUT, _SOURCE, _FACT = OG.SourceSpan, OG.about, OG.source, OG.fact
_FIELD, _SECTION, _DOCUMENT, _QUOTE = OG.field, OG.section, OG.document, OG.quote
_START, _END, _DERIVED = OG.startOffset, OG.endOffset, PROV.wasDerivedFrom


@lru_cache(maxsize=4096)
def _recurring(text: str) -> Literal:
    """The ``xsd:string`` literal of a text that recurs (a field name, a section, a
    document), made once."""
    return _string(text)


class _Resolution(Protocol):
    iri: URIRef
    match: str | None
    in_filing: bool


class Resolver(Protocol):
    """Chooses an entity's IRI across filings (see :mod:`ownergraph.graph.resolve`)."""

    def resolve(self, filing: Filing, entity: Entity, default: URIRef) -> _Resolution:
        """The IRI for ``entity`` (``default`` is its own identifier's IRI) and why."""
        ...


#: cover-page type code of a natural person
_PERSON_CODE = "IN"
#: type codes of partnerships, investment companies, employee plans and savings associations
_FUND_CODES = frozenset({"PN", "IV", "EP", "SA"})


class BuilderBase:
    """The filing being built, its graph, and the low-level helpers every part uses."""

    def __init__(self, filing: Filing, resolver: Resolver | None = None) -> None:
        self.f = filing
        self.resolver = resolver
        #: the identity notes of the matches within the filing, by node (every one kept)
        self.matches: dict[URIRef, list[str]] = {}
        self.codes: dict[str, set[str]] = {}
        for cp in filing.cover_pages:
            self.codes.setdefault(cp.person, set()).update(
                c.strip().upper() for c in cp.type_codes if c.strip()
            )
        self.name = filing_graph_name(filing)
        self.g = Triples()
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
        add = self.g.add
        add((sp, RDF.type, _SPAN))
        self.g.set(
            (sp, RDFS.label, _string(_short(f"{src.section}: “{_short(src.quote, 60)}”", 200)))
        )
        add((sp, _ABOUT, about))
        add((about, _SOURCE, sp))
        add((sp, _FACT, fact))
        for p, text in ((_FIELD, field_name), (_SECTION, src.section)):
            if text and text.strip():
                add((sp, p, _recurring(text)))
        add((sp, _QUOTE, _string(src.quote)))
        if src.start is not None:
            add((sp, _START, _literal(src.start)))
        if src.end is not None:
            add((sp, _END, _literal(src.end)))
        if src.document and src.document.strip():
            add((sp, _DOCUMENT, _recurring(src.document)))
        add((sp, _DERIVED, self.name))

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
        return self.entity_identity_and_group(e)[0]

    def entity_identity_and_group(self, e: Entity) -> tuple[URIRef, tuple[URIRef, str | None]]:
        """The entity's IRI and the key of the node group it is built in.

        Entities that share an IRI by their own identifiers, or by a match within the
        filing, are one node (one label, the other names aliases). An entity matched to
        a CIK node of *another* filing is built as its own group onto that IRI, with its
        own label and note: exactly what re-pointing it later would give, so a load
        gives the same triples whatever order the filings come in.
        """
        cusip = e.cusip6
        if e.key == self.f.issuer and not cusip:
            cusip = self.f.cusip
        iri = entity_iri(cik=e.cik, cusip=cusip, name=e.name, person=self.is_person(e))
        if self.resolver is not None:
            found = self.resolver.resolve(self.f, e, iri)
            if found.match and found.iri != iri:
                if not found.in_filing:
                    return found.iri, (found.iri, found.match)
                notes = self.matches.setdefault(found.iri, [])
                if found.match not in notes:
                    notes.append(found.match)
            iri = found.iri
        return iri, (iri, None)

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
            for token in sorted(set((fingerprint(key) or key).split())):
                self.add(iri, OG.nameToken, token)
            self.g.add((iri, OG.filing, self.name))
            self.add(iri, OG.warning, f"referred to as {key!r} but not described in the record")
        return iri


def _cusip6(cusip: str | None) -> str | None:
    """The issuer part of a CUSIP (six characters, upper case), or ``None``.

    Examples
    --------
    >>> _cusip6("90138A103"), _cusip6("n/a")
    ('90138A', None)
    """
    compact = re.sub(r"[^0-9A-Za-z]", "", cusip or "").upper()
    return compact[:6] if len(compact) >= 6 and re.search(r"\d", compact[:6]) else None
