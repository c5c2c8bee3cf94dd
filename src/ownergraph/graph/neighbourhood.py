"""The part of the network a chain can reach, fetched from the store outwards.

:func:`around` walks ``og:Holding`` and ``og:Control`` links from one entity, up to
those who own or control it (or down to what it holds), one breadth-first round per
level, each round one query bound to the frontier's IRIs; then it projects just the
entities, links, filings and source spans it met (:mod:`ownergraph.graph.network`,
same attributes). The work grows with the answer, not with the store.

Walking up, the result holds every ancestor of the entity with every link into each
of them: the subgraph the look-through analytics (:mod:`ownergraph.graph.analytics`)
read, so ``chains`` and ``ultimate_controllers`` give on it what they give on the
whole projection. (A parent's report of the shares its subsidiary holds is a link
into the same entity, so it is met; every entity above a member of a cycle is an
ancestor too.) Walking down, the same holds for descendants.

May import the store, the network projection, :mod:`.digraph` and the foundation.

Examples
--------
>>> from rdflib import Graph
>>> from ownergraph.graph.store import GraphStore
>>> g = Graph().parse(data='''
... @prefix og: <https://w3id.org/ownergraph/ontology#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... <urn:a> og:fingerprint "a" ; rdfs:label "A" .
... <urn:b> og:fingerprint "b" ; rdfs:label "B" .
... <urn:c> og:fingerprint "c" ; rdfs:label "C" .
... <urn:z> og:fingerprint "z" ; rdfs:label "Z" .
... <urn:h1> a og:Holding ; og:holder <urn:a> ; og:issuer <urn:b> ; og:shares 5 .
... <urn:h2> a og:Holding ; og:holder <urn:b> ; og:issuer <urn:c> ; og:shares 7 .
... <urn:h3> a og:Holding ; og:holder <urn:z> ; og:issuer <urn:a> ; og:shares 0 .
... <urn:h4> a og:Holding ; og:holder <urn:c> ; og:issuer <urn:z> ; og:shares 1 .
... ''', format="turtle")
>>> store = GraphStore.open(None)
>>> _ = store.replace_graph(URIRef("urn:g"), g)
>>> sorted(around(store, "urn:b").nodes)
['urn:a', 'urn:b', 'urn:c', 'urn:z']
>>> sorted(around(store, "urn:c", direction="down").nodes)
['urn:a', 'urn:b', 'urn:c', 'urn:z']
>>> sorted(around(store, "urn:b", max_depth=1).edges(keys=True))
[('urn:a', 'urn:b', 'urn:h1')]
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef

from ownergraph.graph.digraph import MultiDiGraph
from ownergraph.graph.network import Source, _project, _rows, scoped

__all__ = ["Reach", "around", "reach"]

_P = "PREFIX og: <https://w3id.org/ownergraph/ontology#>\n"

# og:holder / og:controller belong to holdings / control links only (the ontology's
# domains); a type pattern here would make Oxigraph start from every holding
_UP = (
    _P
    + """SELECT ?link ?next ?filing WHERE {
  { ?link og:issuer ?here . ?link og:holder ?next }
  UNION { ?link og:controlled ?here . ?link og:controller ?next }
  OPTIONAL { ?link og:filing ?filing }
}"""
)

_DOWN = (
    _P
    + """SELECT ?link ?next ?filing WHERE {
  { ?link og:holder ?here . ?link og:issuer ?next }
  UNION { ?link og:controller ?here . ?link og:controlled ?next }
  OPTIONAL { ?link og:filing ?filing }
}"""
)

#: IRIs per bound query (Oxigraph takes long VALUES lists well; this keeps texts sane)
_CHUNK = 2000


class Reach:
    """What a walk met: entities, link nodes (holdings and controls) and filings."""

    def __init__(self) -> None:
        self.entities: set[str] = set()
        self.links: set[str] = set()
        self.filings: set[str] = set()
        self.depth = 0


def _chunks(items: Iterable[str]) -> Iterable[list[str]]:
    batch: list[str] = []
    for i in items:
        batch.append(i)
        if len(batch) == _CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def reach(source: Source, entity: str, *, direction: str = "up", max_depth: int = 25) -> Reach:
    """The entities, links and filings within ``max_depth`` links of ``entity``."""
    if direction not in ("up", "down"):
        raise ValueError("direction is 'up' or 'down'")
    text = _UP if direction == "up" else _DOWN
    out = Reach()
    out.entities.add(entity)
    frontier = [entity]
    while frontier and out.depth < max_depth:
        out.depth += 1
        met: list[str] = []
        for batch in _chunks(sorted(frontier)):
            for link, nxt, filing in _rows(source, scoped(text, "here", batch)):
                if not isinstance(nxt, URIRef):
                    continue
                out.links.add(str(link))
                if filing is not None:
                    out.filings.add(str(filing))
                if str(nxt) not in out.entities:
                    out.entities.add(str(nxt))
                    met.append(str(nxt))
        frontier = met
    return out


def around(
    source: Source, entity: str, *, direction: str = "up", max_depth: int = 25
) -> MultiDiGraph:
    """The projection (:func:`ownergraph.graph.network.project`) of what a chain from
    ``entity`` can reach, ``max_depth`` links at most, fetched outwards, as a
    :class:`ownergraph.graph.digraph.MultiDiGraph` (networkx's interface for what the
    chain walk calls, without networkx's import; :func:`.digraph.to_networkx` copies
    it into networkx)."""
    r = reach(source, entity, direction=direction, max_depth=max_depth)
    scope_of = {
        "e": r.entities,
        "f": r.filings,
        "h": r.links,
        "c": r.links,
        "about": r.links,
    }

    def scope(text: str, var: str) -> str:
        return scoped(text, var, sorted(scope_of[var]))

    return _project(source, scope, MultiDiGraph())
