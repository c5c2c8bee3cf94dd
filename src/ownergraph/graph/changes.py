"""What a batch of loads changed: the input of the incremental post-load rebuilds.

After a batch, :func:`ownergraph.graph.amendments.rebuild_amendment_links` and
:func:`ownergraph.graph.names.rebuild_display_names` recompute only what the new
filings can change. :class:`Changes` collects, for every filing graph written, what
that depends on: the graph's name, the issuers it names (before and after the write),
the entities it describes (before and after) and the nodes re-pointed.

May import: rdflib, :mod:`ownergraph.graph.store`, the ontology.

Examples
--------
>>> from rdflib import Literal, URIRef
>>> from ownergraph.graph.store import GraphStore
>>> from ownergraph.ontology import OG
>>> store = GraphStore.open(None)
>>> c = Changes()
>>> g, e = URIRef("urn:x:f"), URIRef("urn:x:e")
>>> before = c.before(store, g)
>>> c.add(g, [(g, OG.issuer, e), (e, OG.fingerprint, Literal("e"))], [], before)
>>> sorted(map(str, c.issuers)), sorted(map(str, c.entities))
(['urn:x:e'], ['urn:x:e'])
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rdflib import URIRef

from ownergraph.graph.store import GraphStore, Repoint
from ownergraph.ontology import OG

__all__ = ["Changes"]


@dataclass
class Changes:
    """Filing graphs written in a batch and the issuers and entities they touch."""

    graphs: set[URIRef] = field(default_factory=set)
    issuers: set[URIRef] = field(default_factory=set)
    entities: set[URIRef] = field(default_factory=set)
    #: the nodes on either side of every re-pointing (their filings' links can change)
    repointed: set[URIRef] = field(default_factory=set)

    def before(self, store: GraphStore, name: URIRef) -> tuple[set[URIRef], set[URIRef]]:
        """The issuers and entities of graph ``name`` as the store holds it now
        (before it is replaced): a reload may drop some of them."""
        issuers = {URIRef(str(q[2])) for q in store.quads(None, OG.issuer, None, name)}
        entities = {URIRef(str(q[0])) for q in store.quads(None, OG.fingerprint, None, name)}
        return issuers, entities

    def add(
        self,
        name: URIRef,
        triples: Iterable[tuple[Any, Any, Any]],
        repoints: Sequence[Repoint],
        before: tuple[set[URIRef], set[URIRef]],
    ) -> None:
        """Record one written graph."""
        self.graphs.add(name)
        self.issuers |= before[0]
        self.entities |= before[1]
        for s, p, o in triples:
            if p == OG.issuer and isinstance(o, URIRef):
                self.issuers.add(o)
            elif p == OG.fingerprint and isinstance(s, URIRef):
                self.entities.add(s)
        for r in repoints:
            self.repointed |= {r.old, r.new}
            self.entities |= {r.old, r.new}
