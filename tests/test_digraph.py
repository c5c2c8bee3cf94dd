"""graph.digraph against networkx: the chain walk gives the same paths on either.

The chain command builds its graph with :mod:`ownergraph.graph.digraph` (networkx's
import costs more than the walk); the analytics must answer on it exactly as on
networkx's graphs, path for path and figure for figure.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

import networkx as nx
import pytest

from ownergraph.graph import digraph
from ownergraph.graph.analytics import chains, link_graph, ultimate_controllers


def _random_projection(seed: int) -> tuple[Any, Any]:
    """The same random projection twice: networkx's MultiDiGraph and digraph's."""
    rng = random.Random(seed)
    nodes = [f"e{i}" for i in range(rng.randint(3, 14))]
    ours, theirs = digraph.MultiDiGraph(), nx.MultiDiGraph()
    for n in nodes:
        attrs = {"label": f"Name {rng.randint(0, 5)} {n}", "no_controlling_holder": None}
        ours.add_node(n, **attrs)
        theirs.add_node(n, **attrs)
    for k in range(rng.randint(2, 30)):
        a, b = rng.sample(nodes, 2)
        controls = rng.random() < 0.3
        pct = Decimal(rng.choice([100, 60, "11.4", 5, 0]))
        attrs = {
            "relation": "controls" if controls else "owns",
            "kind": rng.choice(["wholly owned", "majority", "minority stake"])
            if controls
            else None,
            "percent": pct if controls else None,
            "percent_of_class": None if controls else pct,
            "percent_of_total": None,
            "percent_of_voting": None,
            "shares": None if controls else rng.choice([0, 10, 10, 500]),
            "share_class": None,
            "filing": f"f{rng.randint(0, 3)}",
            "filing_date": None,
            "direct": rng.choice([True, False, None]),
            "cover_page": rng.random() < 0.5,
            "node": f"h{k}",
        }
        ours.add_edge(a, b, key=f"h{k}", **attrs)
        theirs.add_edge(a, b, key=f"h{k}", **attrs)
    return ours, theirs


@pytest.mark.parametrize("seed", range(60))
def test_chains_are_the_same_on_either_graph(seed: int) -> None:
    ours, theirs = _random_projection(seed)
    assert list(ours.edges(keys=True, data=True)) == list(theirs.edges(keys=True, data=True))
    mine, nxs = link_graph(ours), link_graph(theirs)
    assert isinstance(mine, digraph.DiGraph) and isinstance(nxs, nx.DiGraph)
    assert list(mine.edges(data=True)) == list(nxs.edges(data=True))
    for n in theirs.nodes:
        for direction in ("up", "down"):
            assert chains(ours, n, direction=direction) == chains(theirs, n, direction=direction)
        assert ultimate_controllers(ours, n) == ultimate_controllers(theirs, n)
        assert digraph.descendants(mine, n) == nx.descendants(nxs, n)


def test_a_walk_finds_something_in_those_graphs() -> None:
    """The comparison above compares paths, not empty lists."""
    found = 0
    for seed in range(60):
        ours, _ = _random_projection(seed)
        found += sum(len(chains(ours, n)) for n in ours.nodes)
    assert found > 100


def test_to_networkx_keeps_keys_and_attributes() -> None:
    g = digraph.MultiDiGraph()
    g.add_edge("a", "b", key="h1", shares=1)
    g.add_edge("a", "b", key="h2", shares=2)
    g.add_node("c", label="C")
    out = digraph.to_networkx(g)
    assert isinstance(out, nx.MultiDiGraph)
    assert sorted(out.edges(keys=True, data="shares")) == [("a", "b", "h1", 1), ("a", "b", "h2", 2)]
    assert out.nodes["c"] == {"label": "C"}
    assert digraph.to_networkx(out) is out
