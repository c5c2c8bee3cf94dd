"""Reading a store for the exports: SELECTs over the union of the named graphs, streamed
from Oxigraph's cursor as plain values, and folded subject by subject.

May import: :mod:`ownergraph.graph.store`, :mod:`ownergraph.output` and the foundation.

Examples
--------
>>> "PREFIX og:" in prefix(), og("Holding") == OG + "Holding"
(True, True)
>>> one({"p": [1, 2]}, "p"), one({}, "p") is None
(1, True)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from ownergraph.graph.store import GraphStore
from ownergraph.output import python_value

__all__ = [
    "OG",
    "RDFS",
    "RDF_TYPE",
    "SCHEMA",
    "SKOS",
    "iter_subjects",
    "og",
    "one",
    "prefix",
    "record_spans",
    "select",
    "subject_query",
]

OG = "https://w3id.org/ownergraph/ontology#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def prefix() -> str:
    return (
        f"PREFIX og: <{OG}>\nPREFIX rdfs: <{RDFS}>\nPREFIX skos: <{SKOS}>\n"
        f"PREFIX schema: <{SCHEMA}>\n"
    )


def subject_query(pattern: str, predicates: list[str], extra: str = "") -> str:
    # FILTER IN, not VALUES: Oxigraph plans it as a filter on the subject's triples
    # (VALUES is joined after scanning every predicate, tens of times slower)
    values = ", ".join(predicates)
    return (
        prefix()
        + "SELECT ?n ?p ?o WHERE {\n"
        + f"  {{ {pattern} ?n ?p ?o . FILTER(?p IN ({values})) }}\n"
        + extra
        + "} ORDER BY ?n"
    )


def record_spans(store: GraphStore, pattern: str) -> dict[str, tuple[str | None, str]]:
    """The section and quote of the "record" source span of each node matching ``pattern``."""
    text = (
        prefix()
        + f"SELECT ?n ?quote ?section WHERE {{ {pattern} ?n og:source ?span .\n"
        + '  ?span og:field ?field ; og:quote ?quote . FILTER(STR(?field) = "record")\n'
        + "  OPTIONAL { ?span og:section ?section } }"
    )
    out: dict[str, tuple[str | None, str]] = {}
    for n, quote, section in select(store, text):
        out.setdefault(str(n), (None if section is None else str(section), str(quote)))
    return out


_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {
    _XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}


def _ox_value(term: Any) -> Any:
    """A pyoxigraph term as the plain value :func:`ownergraph.output.python_value` gives."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dtype = term.datatype.value
        try:
            if dtype in _INTEGERS:
                return int(term.value)
            if dtype == _XSD + "decimal":
                return Decimal(term.value)
        except (ValueError, ArithmeticError):
            return term.value
        if dtype == _XSD + "boolean":
            return term.value.lower() in ("true", "1")
        return term.value
    return str(term.value)


def select(store: GraphStore, text: str) -> Iterator[tuple[Any, ...]]:
    """The solutions of a SELECT over the union of the named graphs, as plain values.

    On a local Oxigraph store the solutions are streamed straight from Oxigraph's cursor
    (one at a time, never all at once); on any other store (a remote SPARQL endpoint)
    they come through :meth:`GraphStore.query`.
    """
    inner = getattr(store, "_ox", None)
    if isinstance(inner, ox.Store):
        solutions = inner.query(text, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        width = len(solutions.variables)
        for solution in solutions:
            yield tuple(_ox_value(solution[i]) for i in range(width))
        return
    for row in store.query(text):
        yield tuple(
            None if t is None else (str(t) if isinstance(t, URIRef) else python_value(t))
            for t in row  # type: ignore[union-attr]
        )


def iter_subjects(store: GraphStore, text: str) -> Iterator[tuple[str, dict[str, list[Any]]]]:
    """Fold the rows ``?n ?p ?o`` of a SELECT (in ``?n`` order) into one dict per subject.

    Each dict maps a predicate IRI to its values as plain Python values (IRIs as
    strings, exact numbers, ISO dates), sorted for stable output.
    """
    rows = ((str(r[0]), str(r[1]), r[2]) for r in select(store, text))
    for subject, group in itertools.groupby(rows, key=lambda r: r[0]):
        props: dict[str, list[Any]] = {}
        for _, p, value in group:
            bucket = props.setdefault(p, [])
            if value not in bucket:
                bucket.append(value)
        for bucket in props.values():
            bucket.sort(key=lambda v: (type(v).__name__, str(v)))
        yield subject, props


def one(props: dict[str, list[Any]], pred: str) -> Any:
    values = props.get(pred)
    return values[0] if values else None


def og(name: str) -> str:
    return OG + name
