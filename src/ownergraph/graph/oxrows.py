"""Rows of the read path's own SELECT queries, read straight from Oxigraph.

A store (:class:`~ownergraph.graph.store.GraphStore`, or the remote store) answers
``select(text)`` with pyoxigraph terms; :func:`rows` turns each into the value the
read path works with, without making an rdflib term per literal: an IRI becomes a
``URIRef`` (a ``str``), a blank node a ``BNode``, a literal its plain value as
:func:`ownergraph.output.python_value` gives it (``int`` for the integer types,
``Decimal`` for ``xsd:decimal``, ``bool`` for ``xsd:boolean``, text for the rest,
dates as ISO text), an unbound variable ``None``. An rdflib graph (the projections of
one filing's graph) is queried through rdflib, as before.

May import the store and the foundation.

Examples
--------
>>> import pyoxigraph as ox
>>> plain(ox.Literal("11.40", datatype=ox.NamedNode(_XSD + "decimal")))
Decimal('11.40')
>>> plain(ox.Literal("12", datatype=ox.NamedNode(_XSD + "integer"))), plain(None)
(12, None)
>>> plain(ox.NamedNode("urn:x")) == URIRef("urn:x")
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

__all__ = ["plain", "rdflib_term", "rows"]

_XSD = "http://www.w3.org/2001/XMLSchema#"


def _integer(text: str) -> int | str:
    try:
        return int(text)
    except ValueError:
        return text


def _decimal(text: str) -> Decimal | str:
    try:
        return Decimal(text)
    except ArithmeticError:
        return text


def _boolean(text: str) -> bool:
    return text.lower() in ("true", "1")


#: how the text of a literal of each datatype becomes its value (text otherwise)
_READERS: dict[str, Callable[[str], Any]] = {
    **{
        _XSD + t: _integer
        for t in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger", "short")
    },
    _XSD + "decimal": _decimal,
    _XSD + "boolean": _boolean,
}


def plain(term: Any) -> Any:
    """The value of one pyoxigraph term (``None`` stays ``None``)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        read = _READERS.get(term.datatype.value)
        return term.value if read is None else read(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return term


def rdflib_term(term: Any) -> Any:
    """The rdflib term of one pyoxigraph term, as the store's rdflib view gives it (a
    language-tagged literal keeps its tag, any other literal its datatype; ``None``
    stays ``None``), without importing that view.

    Examples
    --------
    >>> rdflib_term(ox.Literal("5", datatype=ox.NamedNode(_XSD + "integer"))).toPython()
    5
    >>> rdflib_term(ox.Literal("Tuspark", language="en")).language
    'en'
    """
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return plain(term)


def rows(source: Any, text: str) -> Iterator[tuple[Any, ...]]:
    """The rows of the SELECT ``text`` on ``source``, each value as :func:`plain` gives
    it (through ``source.select`` where it has one, else rdflib's ``query``)."""
    select = getattr(source, "select", None)
    if select is None:
        for row in source.query(text):
            yield tuple(row)
        return
    for row in select(text)[1]:
        yield tuple(plain(t) for t in row)
