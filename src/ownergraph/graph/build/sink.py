"""Where the builder puts a filing's triples: a set of rdflib-term triples in order.

The builder used to add to an rdflib :class:`~rdflib.Graph` (a store with three indexes
per triple) only to read every triple out once. :class:`Triples` keeps just what the
builder needs (``add``, ``set`` -- replace the objects of a subject and predicate --,
membership, iteration) and turns into Oxigraph quads through :class:`OxTerms`, a cache
of converted terms (predicates, classes and entity IRIs recur in every filing, so each
is converted once per process), or into an rdflib graph for callers that want one.

May import: rdflib, pyoxigraph, :mod:`ownergraph.errors`.

Examples
--------
>>> from rdflib import Literal, URIRef
>>> t = Triples()
>>> s, p = URIRef("urn:x:s"), URIRef("urn:x:p")
>>> t.add((s, p, Literal("a")))
>>> t.add((s, p, Literal("a")))  # a set: added once
>>> t.set((s, p, Literal("b")))  # replaces every object of (s, p)
>>> [str(o) for _, _, o in t]
['b']
>>> quads = OxTerms().quads(t, URIRef("urn:x:g"))
>>> str(quads[0])
'<urn:x:s> <urn:x:p> "b" <urn:x:g>'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

__all__ = ["OxTerms", "TermError", "Triple", "Triples"]

Triple = tuple[Node, Node, Node]


class TermError(ValueError):
    """A term that is not valid RDF (an IRI with a space, a bad language tag)."""


class Triples:
    """An insertion-ordered set of triples with the two writes the builder uses."""

    __slots__ = ("_by_sp", "_triples")

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        self._triples: dict[Triple, None] = {}
        self._by_sp: dict[tuple[Node, Node], list[Node]] = {}
        for t in triples:
            self.add(t)

    def add(self, triple: Triple) -> None:
        """Add one triple (nothing happens when it is there already)."""
        if triple in self._triples:
            return
        self._triples[triple] = None
        self._by_sp.setdefault((triple[0], triple[1]), []).append(triple[2])

    def set(self, triple: Triple) -> None:
        """Replace every object of the triple's subject and predicate by its object."""
        s, p, _ = triple
        for old in self._by_sp.pop((s, p), ()):
            del self._triples[(s, p, old)]
        self.add(triple)

    def objects(self, s: Node, p: Node) -> list[Node]:
        """The objects of ``s`` and ``p``, in the order added."""
        return list(self._by_sp.get((s, p), ()))

    def subjects(self, p: Node) -> list[Node]:
        """Every subject that has predicate ``p``, once each, in the order added."""
        return list(dict.fromkeys(s for (s, q) in self._by_sp if q == p))

    def __contains__(self, triple: object) -> bool:
        return triple in self._triples

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def graph(self, identifier: URIRef | None = None) -> Graph:
        """The triples as an rdflib graph (named ``identifier``)."""
        g = Graph(identifier=identifier)
        for t in self._triples:
            g.add(t)
        return g


#: terms kept at most (then the cache starts again), and the longest literal kept
_CACHE_TERMS = 50_000
_LONG_LITERAL = 40


class OxTerms:
    """rdflib terms converted to Oxigraph terms, each converted once and kept (IRIs and
    short literals: the predicates, classes, entities and codes that recur)."""

    __slots__ = ("_cache",)

    def __init__(self) -> None:
        self._cache: dict[Node, ox.NamedNode | ox.BlankNode | ox.Literal] = {}

    def term(self, t: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        """The Oxigraph term of ``t``; :class:`TermError` when it is not valid RDF."""
        found = self._cache.get(t)
        if found is not None and (not isinstance(t, Literal) or _same_literal(t, found)):
            return found
        try:
            if isinstance(t, URIRef):
                found = ox.NamedNode(str(t))
            elif isinstance(t, Literal):
                dt = t.datatype
                found = ox.Literal(
                    str(t),
                    language=t.language,
                    datatype=ox.NamedNode(str(dt)) if dt is not None else None,
                )
            elif isinstance(t, BNode):
                found = ox.BlankNode(str(t))
            else:
                raise TermError(f"unexpected term {t!r}")
        except (ValueError, TypeError) as e:
            raise TermError(f"{t!r} is not valid RDF ({e})") from None
        if isinstance(t, Literal) and len(t) > _LONG_LITERAL:
            return found  # a quote or a name: met once, not worth keeping
        if len(self._cache) > _CACHE_TERMS:
            self._cache.clear()  # bounded: a long batch must not grow without end
        self._cache[t] = found
        return found

    def quads(self, triples: Iterable[Triple], graph: URIRef) -> list[ox.Quad]:
        """Oxigraph quads of ``triples`` in the named graph ``graph``."""
        return list(self.iter_quads(triples, graph))

    def iter_quads(self, triples: Iterable[Triple], graph: URIRef) -> Iterator[ox.Quad]:
        """The same quads one at a time, so that the store can take them as they are
        made (a large filing's quads are never all held in Python at once). The graph
        name is checked at once, each term when its quad is made."""
        g = self.term(graph)
        if not isinstance(g, ox.NamedNode):
            raise TermError(f"{graph!r} is not a graph name")
        return self._iter(triples, g)

    def _iter(self, triples: Iterable[Triple], g: ox.NamedNode) -> Iterator[ox.Quad]:
        term = self.term
        for s, p, o in triples:
            yield ox.Quad(term(s), term(p), term(o), g)  # type: ignore[arg-type]


def _same_literal(t: Literal, found: object) -> bool:
    """rdflib counts ``Literal("1")`` and ``Literal("01", datatype=integer)`` equal
    when their values are: the cache must only answer for the same lexical form."""
    return isinstance(found, ox.Literal) and found.value == str(t)
