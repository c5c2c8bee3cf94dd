"""Find an entity by name, alias, CIK or CUSIP, tolerant of case, punctuation and
legal forms; on ambiguity, a 'did you mean' list rather than a silent pick.

Entities are the nodes that carry ``og:fingerprint``; every name, alias and defined
short name ("Tuspark") is an ``rdfs:label``, ``skos:altLabel`` or ``og:shortName``.

Tiers, first that matches wins: a CIK (``320193``, ``CIK 0000320193``); a CUSIP (nine
characters, or the six-character issuer prefix); the name fingerprint equal to a
fingerprint of a name (case, punctuation, word order and legal-form spellings ignored:
"tus holdings co ltd" finds "Tus-Holdings Co., Ltd."); all words of the query among
the words of one name. Several entities in the first matching tier raise
:class:`AmbiguousEntityError` with the list; none raises :class:`UnknownEntityError`
with close names.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from rdflib import URIRef

from ownergraph.errors import QueryError
from ownergraph.graph.identity import ID
from ownergraph.graph.store import GraphStore
from ownergraph.normalize.names import fingerprint

__all__ = [
    "AmbiguousEntityError",
    "EntityMatch",
    "UnknownEntityError",
    "find_entities",
    "resolve_entity",
]

OG = "https://w3id.org/ownergraph/ontology#"

_ENTITIES = f"""
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?e ?label ?name ?fp WHERE {{
  ?e <{OG}fingerprint> ?fp .
  OPTIONAL {{ ?e <{OG}displayName> ?shown }}
  OPTIONAL {{ ?e rdfs:label ?any_label }}
  BIND(COALESCE(?shown, ?any_label) AS ?label)
  OPTIONAL {{ {{ ?e rdfs:label ?name }} UNION {{ ?e skos:altLabel ?name }}
              UNION {{ ?e <{OG}shortName> ?name }} }}
}}
"""


@dataclass(frozen=True)
class EntityMatch:
    """An entity node and the name it is best known by."""

    iri: URIRef
    label: str

    def describe(self) -> str:
        """``"Name (CIK 0000012345)"`` where the IRI carries a CIK, else the name."""
        m = re.search(r"/cik/(\d+)$", str(self.iri))
        return f"{self.label} (CIK {m.group(1)})" if m else self.label


class UnknownEntityError(QueryError):
    """No entity matches."""


class AmbiguousEntityError(QueryError):
    """Several entities match; ``candidates`` lists them."""

    def __init__(self, query: str, candidates: list[EntityMatch]) -> None:
        self.candidates = candidates
        listing = "; ".join(c.describe() for c in candidates[:10])
        more = f" and {len(candidates) - 10} more" if len(candidates) > 10 else ""
        super().__init__(f"{query!r} matches several entities; did you mean: {listing}{more}?")


def _catalogue(store: GraphStore) -> dict[URIRef, tuple[str, set[str], set[str]]]:
    cat: dict[URIRef, tuple[str, set[str], set[str]]] = {}
    for row in store.query(_ENTITIES):
        e, label, name, fp = row  # type: ignore[misc]
        iri = URIRef(str(e))
        entry = cat.setdefault(iri, (str(label or fp), set(), set()))
        entry[2].add(str(fp))
        if name is not None:
            entry[1].add(str(name))
            entry[2].add(fingerprint(str(name)))
    return cat


def find_entities(store: GraphStore, query: str) -> list[EntityMatch]:
    """All entities that match ``query``, best first (exact matches only if any)."""
    q = query.strip()
    cat = _catalogue(store)
    if not q:
        return []
    digits = re.sub(r"\D", "", q)
    if re.fullmatch(r"(?:CIK\s*)?\d{1,10}", q, re.I) and digits and int(digits) > 0:
        iri = URIRef(f"{ID}cik/{int(digits):010d}")
        if iri in cat:
            return [EntityMatch(iri, cat[iri][0])]
    compact = re.sub(r"[^0-9A-Za-z]", "", q).upper()
    if (
        len(compact) in (6, 8, 9)
        and re.search(r"\d", compact)
        and re.search(r"[A-Z]|\d{6}", compact)
    ):
        iri = URIRef(f"{ID}cusip6/{compact[:6]}")
        hits = [iri] if iri in cat else []
        hits += _by_cusip(store, compact[:6])
        if hits:
            return [EntityMatch(h, cat[h][0]) for h in dict.fromkeys(hits) if h in cat]
    fp = fingerprint(q)
    exact = [iri for iri, (_, _, fps) in cat.items() if fp in fps]
    if exact:
        return sorted((EntityMatch(i, cat[i][0]) for i in exact), key=lambda m: m.label)
    tokens = set(fp.split())
    partial = [
        iri for iri, (_, _, fps) in cat.items() if any(tokens <= set(f.split()) for f in fps)
    ]
    return sorted(
        (EntityMatch(i, cat[i][0]) for i in partial), key=lambda m: (len(m.label), m.label)
    )


def _by_cusip(store: GraphStore, cusip6: str) -> list[URIRef]:
    text = f"""SELECT DISTINCT ?e ?prefix WHERE {{
      {{ ?e <{OG}cusip> ?c }} UNION {{ ?e <{OG}cusip6> ?c }}
      FILTER(STRSTARTS(UCASE(STR(?c)), ?prefix))
    }}"""
    from rdflib import Literal

    return [URIRef(str(r[0])) for r in store.query(text, {"prefix": Literal(cusip6)})]  # type: ignore[index]


def resolve_entity(store: GraphStore, query: str) -> EntityMatch:
    """The one entity ``query`` names.

    Raises
    ------
    UnknownEntityError
        nothing matches (with close names as suggestions);
    AmbiguousEntityError
        several match (with the list).
    """
    matches = find_entities(store, query)
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise AmbiguousEntityError(query, matches)
    names = sorted({n for _, names, _ in _catalogue(store).values() for n in names})
    close = difflib.get_close_matches(query, names, n=5, cutoff=0.6)
    hint = f"; did you mean: {'; '.join(close)}?" if close else ""
    raise UnknownEntityError(f"no entity matches {query!r}{hint}")
