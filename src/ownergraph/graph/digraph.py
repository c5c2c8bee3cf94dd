"""Small directed graphs for the chain walk, without importing networkx.

A ``chain`` command builds one small graph (what the walk from one entity met) and
walks it once. networkx takes about a quarter of a second to import in a new process,
more than the whole walk, so :func:`ownergraph.graph.neighbourhood.around` builds a
:class:`MultiDiGraph` of this module and :mod:`ownergraph.graph.analytics` reduces it
to a :class:`DiGraph` of links. Both offer the part of networkx's interface that
those two modules call (and nothing more): ``add_node``, ``add_edge``, ``has_edge``,
``nodes`` and ``edges`` (as views and as calls with ``data`` and ``keys``),
``predecessors``, ``successors``, ``in`` and ``len``, with networkx's iteration order
(nodes in the order added; edges by their first node, then their second, then key).
:func:`descendants` is the breadth-first search both kinds (and networkx's) support.
:func:`to_networkx` copies one into networkx where a caller needs networkx itself.

May import the standard library only.

Examples
--------
>>> g = MultiDiGraph()
>>> g.add_edge("a", "b", key="h1", shares=5)
'h1'
>>> g.add_edge("a", "b", key="h2", shares=7)
'h2'
>>> sorted(g.nodes), g.has_edge("a", "b", "h2"), list(g.edges(keys=True))
(['a', 'b'], True, [('a', 'b', 'h1'), ('a', 'b', 'h2')])
>>> d = DiGraph()
>>> d.add_edge("p", "s", kind="majority")
>>> d.add_edge("s", "x")
>>> d.edges["p", "s"]["kind"], list(d.predecessors("s")), sorted(descendants(d, "p"))
('majority', ['p'], ['s', 'x'])
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterator
from typing import Any

__all__ = ["DiGraph", "MultiDiGraph", "descendants", "to_networkx"]

Attrs = dict[str, Any]


class _OverNodes:
    """``in``, iteration and ``len`` over the nodes (``_node``: node to attributes)."""

    _node: dict[Hashable, Attrs]

    def __contains__(self, n: object) -> bool:
        return n in self._node

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._node)

    def __len__(self) -> int:
        return len(self._node)


class _Nodes(_OverNodes):
    """``g.nodes``: ``g.nodes[n]`` is a node's attributes; ``g.nodes(data=True)`` its
    ``(node, attributes)`` pairs; iterating gives the nodes."""

    def __init__(self, nodes: dict[Hashable, Attrs]) -> None:
        self._node = nodes

    def __getitem__(self, n: Hashable) -> Attrs:
        return self._node[n]

    def __call__(self, data: bool = False) -> Iterator[Any]:
        return iter(self._node.items()) if data else iter(self._node)


class _Base(_OverNodes):
    """Nodes with attributes, and the adjacency both ways (``_succ`` / ``_pred``: node
    to neighbour to what the subclass keeps per pair)."""

    def __init__(self) -> None:
        self._node: dict[Hashable, Attrs] = {}
        self._succ: dict[Hashable, dict[Hashable, Any]] = {}
        self._pred: dict[Hashable, dict[Hashable, Any]] = {}

    def add_node(self, n: Hashable, **attrs: Any) -> None:
        """Add ``n`` (or update its attributes)."""
        if n not in self._node:
            self._node[n] = {}
            self._succ[n] = {}
            self._pred[n] = {}
        self._node[n].update(attrs)

    @property
    def nodes(self) -> _Nodes:
        return _Nodes(self._node)

    def successors(self, n: Hashable) -> Iterator[Hashable]:
        """The nodes ``n`` has an edge to."""
        return iter(self._succ[n])

    def predecessors(self, n: Hashable) -> Iterator[Hashable]:
        """The nodes with an edge to ``n``."""
        return iter(self._pred[n])

    def _pair(self, a: Hashable, b: Hashable, empty: Any) -> Any:
        """What the pair ``a -> b`` keeps, made (``empty``) with its nodes if new."""
        self.add_node(a)
        self.add_node(b)
        kept = self._succ[a].get(b)
        if kept is None:
            kept = self._succ[a][b] = self._pred[b][a] = empty
        return kept


class _DiEdges:
    """``g.edges`` of a :class:`DiGraph`: ``g.edges[a, b]`` or ``g.edges(data=True)``."""

    def __init__(self, g: DiGraph) -> None:
        self._g = g

    def __getitem__(self, pair: tuple[Hashable, Hashable]) -> Attrs:
        a, b = pair
        return self._g._succ[a][b]

    def __iter__(self) -> Iterator[tuple[Hashable, Hashable]]:
        return self(data=False)

    def __call__(self, data: bool = False) -> Iterator[Any]:
        for a, out in self._g._succ.items():
            for b, attrs in out.items():
                yield (a, b, attrs) if data else (a, b)


class DiGraph(_Base):
    """A directed graph, one edge per ordered pair, attributes on nodes and edges."""

    def is_multigraph(self) -> bool:
        return False

    def add_edge(self, a: Hashable, b: Hashable, **attrs: Any) -> None:
        """Add the edge ``a -> b`` (or update its attributes)."""
        self._pair(a, b, {}).update(attrs)

    def has_edge(self, a: Hashable, b: Hashable) -> bool:
        return b in self._succ.get(a, ())

    @property
    def edges(self) -> _DiEdges:
        return _DiEdges(self)


class _MultiEdges:
    """``g.edges`` of a :class:`MultiDiGraph`: ``g.edges[a, b, key]`` or
    ``g.edges(keys=..., data=...)``."""

    def __init__(self, g: MultiDiGraph) -> None:
        self._g = g

    def __getitem__(self, edge: tuple[Hashable, Hashable, Hashable]) -> Attrs:
        a, b, key = edge
        return self._g._succ[a][b][key]

    def __iter__(self) -> Iterator[tuple[Hashable, Hashable]]:
        return self(keys=False, data=False)

    def __call__(self, keys: bool = False, data: bool = False) -> Iterator[Any]:
        for a, out in self._g._succ.items():
            for b, by_key in out.items():
                for key, attrs in by_key.items():
                    head = (a, b, key) if keys else (a, b)
                    yield (*head, attrs) if data else head


class MultiDiGraph(_Base):
    """A directed graph with any number of keyed edges per ordered pair."""

    def is_multigraph(self) -> bool:
        return True

    def add_edge(self, a: Hashable, b: Hashable, key: Hashable = None, **attrs: Any) -> Hashable:
        """Add the edge ``a -> b`` with ``key`` (the next free number when None; an
        edge of that key is updated), and return the key."""
        by_key = self._pair(a, b, {})
        if key is None:
            key = len(by_key)
            while key in by_key:
                key += 1
        by_key.setdefault(key, {}).update(attrs)
        return key

    def has_edge(self, a: Hashable, b: Hashable, key: Hashable = None) -> bool:
        by_key = self._succ.get(a, {}).get(b)
        return by_key is not None and (key is None or key in by_key)

    @property
    def edges(self) -> _MultiEdges:
        return _MultiEdges(self)


def descendants(g: Any, source: Hashable) -> set[Hashable]:
    """Every node reachable from ``source``, never ``source`` itself (as networkx's
    ``descendants``), in a graph of this module or of networkx.

    Examples
    --------
    >>> g = DiGraph()
    >>> g.add_edge(1, 2)
    >>> g.add_edge(2, 1)
    >>> descendants(g, 1)
    {2}
    """
    seen = {source}
    todo = deque([source])
    while todo:
        for nxt in g.successors(todo.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    seen.discard(source)
    return seen


def to_networkx(g: Any) -> Any:
    """``g`` as networkx's graph of the same kind (``g`` itself when it is networkx's).

    Examples
    --------
    >>> d = DiGraph()
    >>> d.add_edge("a", "b", w=1)
    >>> type(to_networkx(d)).__name__, to_networkx(d).edges["a", "b"]["w"]
    ('DiGraph', 1)
    """
    if not isinstance(g, (DiGraph, MultiDiGraph)):
        return g
    import networkx as nx

    out: Any = nx.MultiDiGraph() if isinstance(g, MultiDiGraph) else nx.DiGraph()
    for n, attrs in g.nodes(data=True):
        out.add_node(n, **attrs)
    if isinstance(g, MultiDiGraph):
        for a, b, key, attrs in g.edges(keys=True, data=True):
            out.add_edge(a, b, key=key, **attrs)
    else:
        for a, b, attrs in g.edges(data=True):
            out.add_edge(a, b, **attrs)
    return out
