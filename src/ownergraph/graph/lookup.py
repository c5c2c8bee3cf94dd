"""Find an entity by name, alias, CIK or CUSIP, tolerant of case, punctuation and
legal forms; on ambiguity, a 'did you mean' list rather than a silent pick.

Entities are the nodes that carry ``og:fingerprint``; every name, alias and defined
short name ("Tuspark") is an ``rdfs:label``, ``skos:altLabel`` or ``og:shortName``,
and each word of their fingerprints an ``og:nameToken`` (written at build time).

Tiers, first that matches wins: a CIK (``320193``, ``CIK 0000320193``); a CUSIP (nine
characters, or the six-character issuer prefix); the name fingerprint equal to a
fingerprint of a name (case, punctuation, word order and legal-form spellings ignored:
"tus holdings co ltd" finds "Tus-Holdings Co., Ltd."); all words of the query among
the words of one name. Several entities in the first matching tier raise
:class:`AmbiguousEntityError` with the list; none raises :class:`UnknownEntityError`
with close names.

Every tier is an index lookup on bound literals (Oxigraph indexes every triple
pattern), so a lookup costs in proportion to its answer, not to the store: the CIK
tier asks for one IRI, the fingerprint tier for one ``og:fingerprint`` literal, the
word tier for the entities carrying the query's rarest ``og:nameToken``. Suggestions
for a miss come from the entities sharing a word with the query or a word one edit
away from one of its words (a bounded set of exact lookups), never from a scan of
every name. A store written before name tokens existed is read the old way, with a
catalogue of every entity.

May import the store, identity, the name normalisation and the errors.
"""

from __future__ import annotations

import difflib
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Literal, URIRef

from ownergraph.errors import QueryError
from ownergraph.graph.identity import ID
from ownergraph.graph.store import GraphStore
from ownergraph.normalize.names import fingerprint

__all__ = [
    "AmbiguousEntityError",
    "EntityMatch",
    "UnknownEntityError",
    "find_entities",
    "name_tokens",
    "resolve_entity",
    "with_kinds",
]

OG = "https://w3id.org/ownergraph/ontology#"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"

#: the most entities one word may bring in as candidates before a rarer word is needed
_PROBE = 100
#: the most entities considered for a 'did you mean' list
_SUGGEST = 200

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
    kind: str = ""

    def describe(self) -> str:
        """``"Name (company, CIK 0000012345)"``: the name, its kind and the CIK where the
        IRI carries one.

        Examples
        --------
        >>> EntityMatch(URIRef(f"{ID}cik/0001508475"), "VNET", "company").describe()
        'VNET (company, CIK 0001508475)'
        >>> EntityMatch(URIRef(f"{ID}person/jane-doe"), "Jane Doe", "person").describe()
        'Jane Doe (person)'
        """
        m = re.search(r"/cik/(\d+)$", str(self.iri))
        facts = [f for f in (self.kind, f"CIK {m.group(1)}" if m else "") if f]
        return f"{self.label} ({', '.join(facts)})" if facts else self.label


class UnknownEntityError(QueryError):
    """No entity matches."""


class AmbiguousEntityError(QueryError):
    """Several entities match; ``candidates`` lists them."""

    def __init__(self, query: str, candidates: list[EntityMatch]) -> None:
        self.candidates = candidates
        listing = "; ".join(c.describe() for c in candidates[:10])
        more = f" and {len(candidates) - 10} more" if len(candidates) > 10 else ""
        super().__init__(f"{query!r} matches several entities; did you mean: {listing}{more}?")


def name_tokens(names: Iterable[str]) -> list[str]:
    """The words of the fingerprints of ``names``, sorted, each once: the
    ``og:nameToken`` values of an entity.

    Examples
    --------
    >>> name_tokens(["Tuspark Innovation Venture Ltd.", "Tuspark"])
    ['innovation', 'ltd', 'tuspark', 'venture']
    """
    return sorted({t for n in names for t in (fingerprint(n) or n).split()})


# -- the indexed lookup --------------------------------------------------------------


@dataclass
class _Entry:
    label: str
    names: set[str]
    fps: set[str]


def _iri_text(iri: str) -> str:
    """``<iri>`` for a query text; refuses anything that is not a plain IRI."""
    if re.search(r"[<>\"{}|^`\\\x00-\x20]", iri):
        raise QueryError(f"not an IRI: {iri!r}")
    return f"<{iri}>"


def _string_text(value: str) -> str:
    """A SPARQL string literal holding ``value`` exactly."""
    escaped = (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"'


def _has_tokens(store: GraphStore) -> bool:
    return bool(store.select(f"SELECT ?e WHERE {{ ?e <{OG}nameToken> ?t }} LIMIT 1")[1])


def _entries(store: GraphStore, iris: Iterable[str]) -> dict[URIRef, _Entry]:
    """Names, fingerprints and the shown label of each entity in ``iris`` (those that
    are entities, i.e. carry a fingerprint)."""
    wanted = list(dict.fromkeys(iris))
    out: dict[URIRef, _Entry] = {}
    for start in range(0, len(wanted), 500):
        chunk = " ".join(_iri_text(i) for i in wanted[start : start + 500])
        text = f"""SELECT ?e ?p ?o WHERE {{
          VALUES ?e {{ {chunk} }}
          VALUES ?p {{ <{_RDFS_LABEL}> <{_SKOS_ALT}> <{OG}shortName> <{OG}displayName>
                       <{OG}fingerprint> }}
          ?e ?p ?o }}"""
        shown: dict[URIRef, str] = {}
        labels: dict[URIRef, list[str]] = {}
        names: dict[URIRef, set[str]] = {}
        fps: dict[URIRef, set[str]] = {}
        for e, p, o in store.select(text)[1]:
            iri, prop, value = URIRef(e.value), p.value, o.value
            if prop == OG + "fingerprint":
                fps.setdefault(iri, set()).add(value)
            elif prop == OG + "displayName":
                shown[iri] = value
            else:
                names.setdefault(iri, set()).add(value)
                if prop == _RDFS_LABEL:
                    labels.setdefault(iri, []).append(value)
        for iri, fp in fps.items():
            ns = names.get(iri, set())
            label = shown.get(iri) or min(labels.get(iri) or [sorted(fp)[0]])
            out[iri] = _Entry(label, ns, fp | {fingerprint(n) for n in ns})
    return out


def _constant_subjects(store: GraphStore, text: str) -> list[str]:
    """The first column of ``text`` (its literals written as constants, escaped by
    :func:`_string_text`: Oxigraph plans a constant into the index lookup, and joins
    a substituted variable after a scan of the pattern)."""
    return [row[0].value for row in store.select(text)[1]]


def _with_token(store: GraphStore, token: str, limit: int) -> list[str]:
    text = f"SELECT DISTINCT ?e WHERE {{ ?e <{OG}nameToken> {_string_text(token)} }} LIMIT {limit}"
    return _constant_subjects(store, text)


def _with_all_tokens(store: GraphStore, tokens: list[str]) -> list[str]:
    """The entities carrying every one of ``tokens`` (rarest first in the pattern)."""
    probes = {t: _with_token(store, t, _PROBE + 1) for t in tokens}
    rarest = min(tokens, key=lambda t: (len(probes[t]), t))
    if len(probes[rarest]) <= _PROBE:
        return probes[rarest]
    ordered = sorted(tokens, key=lambda t: len(probes[t]))
    patterns = " ".join(f"?e <{OG}nameToken> {_string_text(t)} ." for t in ordered)
    return _constant_subjects(store, f"SELECT DISTINCT ?e WHERE {{ {patterns} }}")


def _entity_exists(store: GraphStore, iri: URIRef) -> bool:
    text = f"SELECT ?fp WHERE {{ {_iri_text(str(iri))} <{OG}fingerprint> ?fp }} LIMIT 1"
    return bool(store.select(text)[1])


def _by_cusip_indexed(store: GraphStore, compact: str) -> list[str]:
    values = " ".join(_string_text(v) for v in dict.fromkeys([compact, compact[:6]]))
    text = f"""SELECT DISTINCT ?e WHERE {{
      VALUES ?c {{ {values} }}
      {{ ?e <{OG}cusip6> ?c }} UNION {{ ?e <{OG}cusip> ?c }}
      ?e <{OG}fingerprint> ?fp }}"""
    return _constant_subjects(store, text)


def _cik_query(q: str) -> URIRef | None:
    """The CIK node a query such as ``"CIK 1234"`` or ``"0001234"`` names, if it is one.

    >>> str(_cik_query("CIK 102909")), _cik_query("Acme"), _cik_query("0")
    ('https://w3id.org/ownergraph/id/cik/0000102909', None, None)
    """
    digits = re.sub(r"\D", "", q)
    if re.fullmatch(r"(?:CIK\s*)?\d{1,10}", q, re.I) and digits and int(digits) > 0:
        return URIRef(f"{ID}cik/{int(digits):010d}")
    return None


def _cusip_query(q: str) -> str:
    """The query as a CUSIP (6, 8 or 9 characters, some of them digits), or ``""``.

    >>> _cusip_query("88579Y 10 1"), _cusip_query("Acme Corp")
    ('88579Y101', '')
    """
    compact = re.sub(r"[^0-9A-Za-z]", "", q).upper()
    if (
        len(compact) in (6, 8, 9)
        and re.search(r"\d", compact)
        and re.search(r"[A-Z]|\d{6}", compact)
    ):
        return compact
    return ""


def _matches(entries: dict[URIRef, _Entry], iris: Iterable[URIRef]) -> list[EntityMatch]:
    return [EntityMatch(i, entries[i].label) for i in dict.fromkeys(iris) if i in entries]


def _find_indexed(store: GraphStore, q: str) -> list[EntityMatch]:
    if re.fullmatch(r"[A-Za-z][A-Za-z.\-]{0,9}", q.strip()):
        from ownergraph.graph.tickers import entities_with_ticker

        by_ticker = entities_with_ticker(store, q)
        if by_ticker:
            return _matches(_entries(store, [str(i) for i in by_ticker]), by_ticker)
    iri = _cik_query(q)
    if iri is not None and _entity_exists(store, iri):
        return _matches(_entries(store, [str(iri)]), [iri])
    compact = _cusip_query(q)
    if compact:
        iri = URIRef(f"{ID}cusip6/{compact[:6]}")
        hits = [str(iri), *_by_cusip_indexed(store, compact)]
        entries = _entries(store, hits)
        found = _matches(entries, [URIRef(h) for h in hits])
        if found:
            return found
    fp = fingerprint(q)
    tokens = sorted(set(fp.split()))
    if not tokens:
        return []
    exact_fp = _constant_subjects(
        store, f"SELECT DISTINCT ?e WHERE {{ ?e <{OG}fingerprint> {_string_text(fp)} }}"
    )
    candidates = _with_all_tokens(store, tokens)
    entries = _entries(store, [*exact_fp, *candidates])
    exact = [i for i, en in entries.items() if fp in en.fps]
    if exact:
        return sorted(_matches(entries, exact), key=lambda m: m.label)
    want = set(tokens)
    partial = [i for i, en in entries.items() if any(want <= set(f.split()) for f in en.fps)]
    return sorted(_matches(entries, partial), key=lambda m: (len(m.label), m.label))


def _one_edit(word: str) -> set[str]:
    """Every word one deletion, transposition, replacement or insertion away."""
    letters = string.ascii_lowercase + string.digits
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in letters}
    out |= {a + c + b for a, b in splits for c in letters}
    out.discard(word)
    return out


_KINDS = {"Person": "person", "Company": "company", "Fund": "fund", "Government": "government"}


def with_kinds(store: GraphStore, matches: list[EntityMatch]) -> list[EntityMatch]:
    """``matches`` with the kind of each entity (person, company, fund, government, party)."""
    if not matches:
        return matches
    values = " ".join(_iri_text(str(m.iri)) for m in matches)
    text = f"SELECT ?e ?t WHERE {{ VALUES ?e {{ {values} }} ?e a ?t }}"
    kinds: dict[str, str] = {}
    for e, t in store.select(text)[1]:
        local = t.value.rsplit("#", 1)[-1]
        if local in _KINDS:
            kinds[e.value] = _KINDS[local]
    return [EntityMatch(m.iri, m.label, kinds.get(str(m.iri), "party")) for m in matches]


def _close_entities(
    store: GraphStore, query: str, entries: dict[URIRef, _Entry]
) -> list[EntityMatch]:
    """The entities among ``entries`` with a name close to ``query``, closest first."""
    by_name: dict[str, list[URIRef]] = {}
    for iri, en in entries.items():
        for n in en.names | {en.label}:
            by_name.setdefault(n, []).append(iri)
    out: list[URIRef] = []
    for name in difflib.get_close_matches(query, sorted(by_name), n=8, cutoff=0.6):
        out += [i for i in by_name[name] if i not in out]
    return with_kinds(store, _matches(entries, out[:5]))


def _suggestions(store: GraphStore, query: str) -> list[EntityMatch]:
    """Names close to ``query`` among the entities sharing a word with it, or a word one
    edit away from one of its words."""
    words = [w for w in fingerprint(query).split() if 3 <= len(w) <= 24][:6]
    near: set[str] = set()
    for w in words:
        near |= _one_edit(w)
    iris: list[str] = []
    for w in words:
        iris += _with_token(store, w, _SUGGEST)
    if near:
        values = " ".join(_string_text(v) for v in sorted(near))
        text = f"""SELECT DISTINCT ?e WHERE {{ VALUES ?t {{ {values} }}
                   ?e <{OG}nameToken> ?t }} LIMIT {_SUGGEST}"""
        iris += _constant_subjects(store, text)
    return _close_entities(store, query, _entries(store, iris))


# -- the catalogue (stores written before name tokens) ------------------------------


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


def _find_catalogued(store: GraphStore, q: str) -> list[EntityMatch]:
    cat = _catalogue(store)
    iri = _cik_query(q)
    if iri is not None and iri in cat:
        return [EntityMatch(iri, cat[iri][0])]
    compact = _cusip_query(q)
    if compact:
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
    return [URIRef(str(r[0])) for r in store.query(text, {"prefix": Literal(cusip6)})]  # type: ignore[index]


# -- the calls -----------------------------------------------------------------------


def find_entities(store: GraphStore, query: str) -> list[EntityMatch]:
    """All entities that match ``query``, best first (exact matches only if any)."""
    q = query.strip()
    if not q:
        return []
    if _has_tokens(store):
        return _find_indexed(store, q)
    return _find_catalogued(store, q)


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
        raise AmbiguousEntityError(query, with_kinds(store, matches))
    if query.strip() and _has_tokens(store):
        close = [m.describe() for m in _suggestions(store, query)]
    else:
        names = sorted({n for _, names, _ in _catalogue(store).values() for n in names})
        close = difflib.get_close_matches(query, names, n=5, cutoff=0.6)
    hint = f"; did you mean: {'; '.join(close)}?" if close else ""
    raise UnknownEntityError(f"no entity matches {query!r}{hint}")
