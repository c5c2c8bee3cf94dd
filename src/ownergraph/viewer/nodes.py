"""The store's nodes as the viewer reads them: every node of the viewer's types with all
its properties as plain values, read in one pass over the quads; how a value is written
for an investigator; and the details-panel rows of each kind of node and edge (the
tables of ``fields.toml``).

May import: :mod:`ownergraph.graph.store`, :mod:`ownergraph.ontology`, pyoxigraph, rdflib.

Examples
--------
>>> p = Props()
>>> p.add(str(OG.cik), "1508475")
>>> rows_of(p, FIELDS["entity"])
[('CIK', '1508475')]
>>> percent_text(Decimal("11.40"))
'11.4%'
"""

from __future__ import annotations

import datetime as _dt
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from importlib import resources
from typing import Any

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from ownergraph.graph.store import GraphStore
from ownergraph.ontology import OG

__all__ = [
    "EDGE_VERBS",
    "FACT_TYPES",
    "FIELDS",
    "PERCENT_PROPS",
    "Props",
    "fmt_value",
    "node_kind",
    "percent_text",
    "py_value",
    "read_tables",
    "rows_of",
]

FACT_TYPES = {
    "entity": OG.LegalEntity,
    "holding": OG.Holding,
    "control": OG.Control,
    "role": OG.Role,
    "agreement": OG.Agreement,
    "aparty": OG.AgreementParty,
    "transaction": OG.Transaction,
    "class": OG.ShareClass,
    "ads": OG.DepositaryProgramme,
    "filing": OG.Filing,
    "span": OG.SourceSpan,
    "document": OG.Document,
    "group": OG.Group,
}


def fmt_value(value: Any) -> str:
    """A value as an investigator reads it: ``94,415,771``, ``11.4``, ``2021-05-14``.

    Examples
    --------
    >>> fmt_value(94415771), fmt_value(Decimal("11.40")), fmt_value(True)
    ('94,415,771', '11.4', 'yes')
    >>> fmt_value(_dt.date(2021, 5, 14))
    '2021-05-14'
    """
    if isinstance(value, Literal):
        value = value.toPython()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def percent_text(value: Any) -> str:
    return fmt_value(value) + "%"


class Props:
    """The properties of one node: plain Python values (``str`` for IRIs and strings,
    ``int``, ``Decimal``, ``date``, ``bool``) listed by property IRI."""

    def __init__(self) -> None:
        self.by: dict[str, list[Any]] = defaultdict(list)

    def add(self, p: str, o: Any) -> None:
        self.by[p].append(o)

    def all(self, p: str) -> list[Any]:
        return self.by.get(str(p), [])

    def one(self, p: str) -> Any:
        vals = self.by.get(str(p))
        return vals[0] if vals else None

    def text(self, p: str) -> str | None:
        v = self.one(p)
        return None if v is None else str(v)

    def value(self, p: str) -> Any:
        return self.one(p)

    def types(self) -> set[str]:
        return set(self.all(_RDF_TYPE))


_RDF_TYPE = str(RDF.type)
_XSD = "http://www.w3.org/2001/XMLSchema#"


def py_value(term: Any) -> Any:
    """An Oxigraph term as a plain Python value (exact types for numbers and dates)."""
    if isinstance(term, ox.Literal):
        dt, text = term.datatype.value, term.value
        try:
            if dt == _XSD + "integer":
                return int(text)
            if dt == _XSD + "decimal":
                return Decimal(text)
            if dt == _XSD + "date":
                return _dt.date.fromisoformat(text)
            if dt == _XSD + "boolean":
                return text in ("true", "1")
        except ValueError:
            return text
        return text
    return term.value if isinstance(term, ox.NamedNode) else str(term)


def read_tables(store: GraphStore) -> dict[str, dict[str, Props]]:
    """The nodes of the viewer's types with all their properties, in one pass over the
    store's quads (straight from Oxigraph: no rdflib terms for a large store)."""
    names = {str(t): name for name, t in FACT_TYPES.items()}
    props: dict[str, Props] = defaultdict(Props)
    kind_of: dict[str, str] = {}
    for q in store.iter_quads():
        s = q.subject.value if isinstance(q.subject, ox.NamedNode) else str(q.subject)
        p = q.predicate.value
        o = py_value(q.object)
        if p == _RDF_TYPE and o in names:
            kind_of.setdefault(s, names[o])
        props[s].add(p, o)
    tables: dict[str, dict[str, Props]] = {name: {} for name in FACT_TYPES}
    for s, name in kind_of.items():
        tables[name][s] = props[s]
    return tables


def node_kind(props: Props) -> str:
    types = props.types()
    kinds = {str(k).lower() for k in props.all(OG.kind)}
    if str(OG.Person) in types or "person" in kinds:
        return "person"
    if str(OG.Fund) in types or kinds & {"fund", "partnership", "trust"}:
        return "fund"
    if str(OG.Government) in types or "government" in kinds:
        return "government"
    if str(OG.Company) in types or "company" in kinds:
        return "company"
    return "party"


def _panel() -> dict[str, Any]:
    """The tables of ``fields.toml`` as read."""
    text = resources.files("ownergraph.viewer").joinpath("fields.toml").read_text("utf-8")
    return tomllib.loads(text)


_PANEL = _panel()
#: the details-panel rows per kind of node or edge: (title, og: property) pairs
FIELDS: dict[str, tuple[tuple[str, URIRef], ...]] = {
    table: tuple((title, OG[local]) for title, local in rows.items())
    for table, rows in _PANEL.items()
    if table != "verbs"
}
#: per edge kind, what its source does to its target and the reverse ("owns", "owned by")
EDGE_VERBS: dict[str, tuple[str, str]] = {k: (v[0], v[1]) for k, v in _PANEL["verbs"].items()}

PERCENT_PROPS = {OG.percentOfClass, OG.percentOfTotal, OG.percentOfVoting, OG.percent}


def rows_of(props: Props, fields: Iterable[tuple[str, URIRef]]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for title, p in fields:
        vals = props.all(p)
        seen: list[str] = []
        for v in vals:
            text = fmt_value(v)
            if p in PERCENT_PROPS:
                text += "%"
            if text not in seen:
                seen.append(text)
        if seen:
            rows.append((title, "; ".join(seen)))
    return rows
