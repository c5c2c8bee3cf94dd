"""Layout helpers of the viewer: hierarchy levels, ego networks, positions in Python.

Levels put owners and controllers above what they own: the longest path from a root
over ownership and control edges (cycles folded into one level), with people above the
organisations they serve, securities below their issuer and agreements below their
parties. Large graphs get their positions here (networkx), so the page can show them
with physics off.

Examples
--------
>>> edges = [("ownership", "a", "b"), ("control", "b", "c"), ("role", "p", "c"),
...          ("security", "c", "s")]
>>> lv = levels(["a", "b", "c", "p", "s"], edges)
>>> [lv[n] for n in ("a", "b", "c", "p", "s")]
[0, 1, 2, 1, 3]
>>> keep, hidden = ego(["a", "b", "c", "p", "s"], edges, "b", 1)
>>> sorted(keep), hidden
(['a', 'b', 'c'], {'c': 2})
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

import networkx as nx

__all__ = ["SPINE_KINDS", "ego", "levels", "positions"]

#: edge kinds that make up control chains
SPINE_KINDS = frozenset({"ownership", "control", "member"})

Edge = tuple[str, str, str]  # kind, source, target


def levels(nodes: Iterable[str], edges: Sequence[Edge]) -> dict[str, int]:
    """Hierarchy level of each node (0 at the top).

    The ownership/control spine is layered by longest path from its roots; other nodes
    hang off it: a person one level above the organisation it serves, a security one
    below its issuer, an agreement one below its lowest party.
    """
    nodes = list(nodes)
    spine = nx.DiGraph()
    spine.add_nodes_from(n for k, a, b in edges if k in SPINE_KINDS for n in (a, b))
    spine.add_edges_from((a, b) for k, a, b in edges if k in SPINE_KINDS)
    level: dict[str, int] = {}
    if spine.number_of_nodes():
        cond = nx.condensation(spine)
        depth: dict[int, int] = {}
        for c in nx.topological_sort(cond):
            preds = list(cond.predecessors(c))
            depth[c] = max((depth[p] + 1 for p in preds), default=0)
        for n, c in cond.graph["mapping"].items():
            level[n] = depth[c]
    # satellites, in passes (a person serving a company that is itself a satellite...)
    up: dict[str, list[str]] = defaultdict(list)  # node -> nodes it sits above
    down: dict[str, list[str]] = defaultdict(list)  # node -> nodes it sits below
    for k, a, b in edges:
        if k == "role":
            up[a].append(b)
        elif k == "security" or k == "party":
            down[b].append(a)
        elif k == "transaction":
            up[a].append(b)
    for _ in range(3):
        for n in nodes:
            if n in level and n in spine:
                continue
            cands = [level[b] - 1 for b in up.get(n, ()) if b in level]
            cands += [level[a] + 1 for a in down.get(n, ()) if a in level]
            if cands:
                level[n] = min(cands) if up.get(n) else max(cands)
    for n in nodes:
        level.setdefault(n, 0)
    low = min(level.values(), default=0)
    return {n: level[n] - low for n in nodes}


def ego(
    nodes: Iterable[str], edges: Sequence[Edge], focus: str, hops: int
) -> tuple[set[str], dict[str, int]]:
    """The nodes within ``hops`` links of ``focus`` (either direction), and for each
    node on the rim the number of its neighbours left out."""
    adj: dict[str, set[str]] = defaultdict(set)
    for _, a, b in edges:
        adj[a].add(b)
        adj[b].add(a)
    keep = {focus}
    frontier = {focus}
    for _ in range(max(hops, 0)):
        nxt = {m for n in frontier for m in adj[n]} - keep
        keep |= nxt
        frontier = nxt
    hidden = {n: len(adj[n] - keep) for n in keep if adj[n] - keep}
    return keep, hidden


def positions(
    nodes: Sequence[str],
    edges: Sequence[Edge],
    layout: str,
    level: dict[str, int] | None = None,
    *,
    spacing: float = 140.0,
    aspect: float = 1.0,
) -> dict[str, tuple[float, float]]:
    """Positions for every node, computed in Python: each connected component laid out
    on its own (layered by ``level`` for ``"hierarchical"``, spring layout for small
    components under ``"force"``, layered for large ones), then packed in rows, largest
    first, into a rectangle about ``aspect`` times as wide as it is high (the shape of
    the canvas). A level with many nodes wraps onto several staggered rows, so that a
    long list of directors does not make the picture a thin strip.

    Examples
    --------
    >>> people = [("role", f"p{i}", "co") for i in range(12)]
    >>> pos = positions(["co"] + [f"p{i}" for i in range(12)], people, "hierarchical")
    >>> len({y for x, y in pos.values()})  # thirteen nodes in one level wrap onto two rows
    2
    """
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from((a, b) for _, a, b in edges)
    if level is None:
        level = levels(nodes, edges)
    comps = sorted(nx.connected_components(g), key=lambda c: (-len(c), min(c)))
    boxes: list[tuple[dict[str, tuple[float, float]], float, float]] = []
    for comp in comps:
        members = sorted(comp)
        if len(members) == 1:
            local = {members[0]: (0.0, 0.0)}
        elif layout == "force" and len(members) <= 400:
            sub = g.subgraph(members)
            raw = nx.spring_layout(sub, seed=7, iterations=60)
            scale = spacing * math.sqrt(len(members)) * 0.9
            local = {n: (float(x) * scale, float(y) * scale) for n, (x, y) in raw.items()}
        else:
            local = _layered(members, g, level, spacing)
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        minx, miny = min(xs), min(ys)
        local = {n: (x - minx, y - miny) for n, (x, y) in local.items()}
        boxes.append((local, max(xs) - minx, max(ys) - miny))
    total_area = sum((w + spacing) * (h + spacing) for _, w, h in boxes)
    row_width = max(
        math.sqrt(total_area * aspect) * 1.1, max((w for _, w, _ in boxes), default=0.0)
    )
    out: dict[str, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for local, w, h in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h + spacing, 0.0
        for n, (px, py) in local.items():
            out[n] = (round(x + px, 1), round(y + py, 1))
        x += w + spacing
        row_h = max(row_h, h)
    return out


def _layered(
    members: list[str], g: nx.Graph, level: dict[str, int], spacing: float
) -> dict[str, tuple[float, float]]:
    """Rows by level, each row ordered by the mean position of its neighbours above."""
    rows: dict[int, list[str]] = defaultdict(list)
    for n in members:
        rows[level.get(n, 0)].append(n)
    # no row wider than about twice the square root of the component
    wrap = max(4, math.ceil(2 * math.sqrt(len(members))))
    widest = min(wrap, max(len(r) for r in rows.values()))
    xpos: dict[str, float] = {}
    out: dict[str, tuple[float, float]] = {}
    y = 0.0
    for lv in sorted(rows):
        row = rows[lv]

        def key(n: str) -> tuple[float, str]:
            placed = [xpos[m] for m in g.neighbors(n) if m in xpos]
            return (sum(placed) / len(placed) if placed else math.inf, n)

        row.sort(key=key)
        for start in range(0, len(row), wrap):
            part = row[start : start + wrap]
            # wrapped rows are staggered by half a place, so their labels do not line up
            stagger = spacing / 2 if (start // wrap) % 2 else 0.0
            offset = (widest - len(part)) * spacing / 2 + stagger
            for i, n in enumerate(part):
                xpos[n] = offset + i * spacing
                out[n] = (xpos[n], y)
            y += spacing * (0.7 if start + wrap < len(row) else 1.2)
    return out
