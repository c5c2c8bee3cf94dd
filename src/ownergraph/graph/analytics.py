"""Look-through control analytics on the networkx projection.

The projection (:func:`ownergraph.graph.network.project`) keeps every holding and
control link of every filing. :func:`link_graph` reduces it to one **link** per owner
and owned entity, as it stood at a date:

- per holder and issuer, the latest position filed on or before ``as_of`` (within that
  filing the cover-page position, else the most recent and most complete one); a
  position stated to be nil ends the link;
- a control link (``og:Control``) of that pair gives the link its kind;
- a parent's report of the very shares its controlled subsidiary holds (joint filers:
  "through its ownership of Tuspark") is marked ``look_through=True`` and left out of
  the paths, so that shares are never counted twice.

:func:`chains` walks the links up to the ultimate controllers (or down to what an
entity holds), every simple path once: cross-holdings and cycles end a path where it
would come back on itself (the path says so in ``cycle``), so the walk always ends.
Each path carries its effective look-through percentages: the product of the stakes
along the path, where a link under which the upper entity *controls* the lower one
passes on the whole stake of the entity it controls (the link says so in
``passes_whole_stake``). :func:`ultimate_controllers` gives the entities at the top.

Examples
--------
>>> import networkx as nx
>>> from decimal import Decimal
>>> net = nx.MultiDiGraph()
>>> for n in "PSX":
...     net.add_node(n, label=n)
>>> net.add_edge("P", "S", key="c1", relation="controls", kind="wholly owned", percent=Decimal(100))
'c1'
>>> net.add_edge("S", "X", key="h1", relation="owns", kind="minority stake", shares=10,
...              percent_of_class=Decimal("11.4"), percent_of_total=Decimal("11.0"))
'h1'
>>> [p.labels for p in chains(net, "X")]
[('P', 'S', 'X')]
>>> p = chains(net, "X")[0]
>>> p.effective_percent, p.effective_percent_of_total, p.ultimate_controller_label
(Decimal('11.4'), Decimal('11.0'), 'P')
>>> sorted(ultimate_controllers(net, "X"))
['P']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias

from ownergraph.graph import digraph
from ownergraph.graph.digraph import descendants
from ownergraph.graph.network import CONTROL_KINDS_PASSING_STAKE, holding_kind

if TYPE_CHECKING:  # imported where a function needs networkx itself (a fifth of a second)
    import networkx as nx

#: a projection or a link graph, of networkx or of :mod:`ownergraph.graph.digraph`
AnyGraph: TypeAlias = "nx.MultiDiGraph | nx.DiGraph | digraph.MultiDiGraph | digraph.DiGraph"

__all__ = [
    "ChainPath",
    "Link",
    "ancestors",
    "chains",
    "link_graph",
    "ultimate_controllers",
]

_HUNDRED = Decimal(100)
_MEASURES = ("percent_of_class", "percent_of_total", "percent_of_voting")


@dataclass(frozen=True)
class Link:
    """One link of a chain: ``upper`` owns or controls ``lower``."""

    upper: str
    lower: str
    upper_label: str
    lower_label: str
    kind: str | None
    passes_whole_stake: bool
    percent_of_class: Decimal | None = None
    percent_of_total: Decimal | None = None
    percent_of_voting: Decimal | None = None
    shares: int | None = None
    share_class: str | None = None
    filing: str | None = None
    filing_label: str | None = None
    filing_date: dt.date | None = None
    section: str | None = None
    quote: str | None = None
    look_through: bool = False

    def stake(self, measure: str = "percent_of_class") -> Decimal | None:
        """The stake under ``measure``, else the first stated of all shares, the
        class, voting power.

        Examples
        --------
        >>> Link("a", "b", "A", "B", "minority stake", False,
        ...      percent_of_class=Decimal(5)).stake("percent_of_voting")
        Decimal('5')
        """
        value = getattr(self, measure)
        if value is not None:
            return value
        for m in ("percent_of_total", "percent_of_class", "percent_of_voting"):
            v = getattr(self, m)
            if v is not None:
                return v
        return None


@dataclass(frozen=True)
class ChainPath:
    """A path of links from its top entity down to its bottom entity."""

    nodes: tuple[str, ...]
    labels: tuple[str, ...]
    links: tuple[Link, ...]
    effective_percent: Decimal | None
    effective_percent_of_total: Decimal | None
    effective_percent_of_voting: Decimal | None
    economic_percent: Decimal | None
    ultimate_controller: str
    ultimate_controller_label: str
    cycle: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    #: a filing states that nobody controls the top entity; otherwise the top is only
    #: the top of the chain as filed (its own owners may be in no filing loaded)
    top_stated_uncontrolled: bool = False


def _date_ok(attrs: dict[str, Any], as_of: dt.date | None) -> bool:
    if as_of is None:
        return True
    d = attrs.get("filing_date")
    return d is not None and d <= as_of


def _is_nil(attrs: dict[str, Any]) -> bool:
    return attrs.get("shares") == 0 or attrs.get("percent_of_class") == 0


def _holding_rank(attrs: dict[str, Any]) -> tuple[Any, ...]:
    stated = sum(attrs.get(m) is not None for m in _MEASURES)
    return (
        attrs.get("filing_date") or dt.date.min,
        attrs.get("filing") or "",
        bool(attrs.get("cover_page")),
        attrs.get("as_of") or dt.date.min,
        stated,
        attrs.get("shares") is not None,
        attrs.get("node") or "",
    )


def _control_rank(attrs: dict[str, Any]) -> tuple[Any, ...]:
    return (attrs.get("filing_date") or dt.date.min, attrs.get("filing") or "", attrs.get("node"))


def link_graph(net: AnyGraph, as_of: dt.date | None = None) -> Any:
    """One link per owner and owned entity, as the filings stood on ``as_of``.

    Edge attributes are the fields of :class:`Link` (``link`` holds the object itself).
    Facts from filings without a known date are left out when ``as_of`` is given. The
    result is networkx's ``DiGraph`` for a networkx projection, and a
    :class:`ownergraph.graph.digraph.DiGraph` (the same interface for what this module
    calls) for one of that module.
    """
    out = _simple_like(net)
    for n, data in net.nodes(data=True):
        out.add_node(n, **data)
    pairs: dict[tuple[str, str], tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {}
    for a, b, attrs in net.edges(data=True):
        if not _date_ok(attrs, as_of):
            continue
        holds, ctrls = pairs.setdefault((a, b), ([], []))
        (ctrls if attrs.get("relation") == "controls" else holds).append(attrs)
    for (a, b), (holds, ctrls) in pairs.items():
        h = max(holds, key=_holding_rank) if holds else None
        c = max(ctrls, key=_control_rank) if ctrls else None
        if h is not None and _is_nil(h):
            # the latest position is nil: the holding has ended, and so has a control
            # link stated only in earlier filings
            ended = h.get("filing_date") or dt.date.min
            if c is not None and (c.get("filing_date") or dt.date.min) < ended:
                c = None
            h = None
        if h is None and c is None:
            continue
        out.add_edge(a, b, link=_make_link(net, a, b, h, c))
    _mark_look_through(out)
    return out


def _simple_like(g: Any) -> Any:
    """An empty graph with one edge per pair, of the same library as ``g``."""
    if isinstance(g, (digraph.MultiDiGraph, digraph.DiGraph)):
        return digraph.DiGraph()
    import networkx as nx

    return nx.DiGraph()


def _make_link(
    net: AnyGraph, a: str, b: str, h: dict[str, Any] | None, c: dict[str, Any] | None
) -> Link:
    pct = {m: (h.get(m) if h else None) for m in _MEASURES}
    kind: str | None = None
    passes = False
    if c is not None:
        kind = c.get("kind") or "control"
        passes = kind in CONTROL_KINDS_PASSING_STAKE
        if kind == "wholly owned":
            pct = {m: pct[m] if pct[m] is not None else _HUNDRED for m in _MEASURES}
        elif c.get("percent") is not None and all(v is None for v in pct.values()):
            pct["percent_of_class"] = c["percent"]
    if kind is None and h is not None:
        kind = h.get("kind") or holding_kind(*(pct[m] for m in _MEASURES))
        if kind == "wholly owned":
            pct = {m: pct[m] if pct[m] is not None else _HUNDRED for m in _MEASURES}
        passes = kind in ("wholly owned", "majority")
    src = h if h is not None else c
    assert src is not None
    if c is not None and h is not None and h.get("quote") is None:
        src = c
    return Link(
        upper=a,
        lower=b,
        upper_label=str(net.nodes[a].get("label") or a),
        lower_label=str(net.nodes[b].get("label") or b),
        kind=kind,
        passes_whole_stake=passes,
        percent_of_class=pct["percent_of_class"],
        percent_of_total=pct["percent_of_total"],
        percent_of_voting=pct["percent_of_voting"],
        shares=h.get("shares") if h else None,
        share_class=h.get("share_class") if h else None,
        filing=src.get("filing"),
        filing_label=src.get("filing_label"),
        filing_date=src.get("filing_date"),
        section=src.get("section"),
        quote=src.get("quote"),
        look_through=bool(h is not None and c is None and h.get("direct") is False),
    )


def _mark_look_through(g: nx.DiGraph | digraph.DiGraph) -> None:
    """Mark a parent's report of shares that a subsidiary it controls holds (also when
    that report is a majority stake: each joint filer up a chain reports it)."""
    control = _control_links(g)
    for a, x, d in list(g.edges(data=True)):
        link: Link = d["link"]
        if link.look_through or link.shares is None:
            continue
        if a not in control:
            continue
        for b in descendants(control, a):
            if b == x or not g.has_edge(b, x):
                continue
            other: Link = g.edges[b, x]["link"]
            if other.shares == link.shares and other.share_class == link.share_class:
                d["link"] = _replace(link, look_through=True)
                break


def _control_links(g: Any) -> digraph.DiGraph:
    """The links of ``g`` (a link graph) that pass on the whole stake."""
    control = digraph.DiGraph()
    for a, b, d in g.edges(data=True):
        if d["link"].passes_whole_stake:
            control.add_edge(a, b)
    return control


def _replace(link: Link, **changes: Any) -> Link:
    from dataclasses import replace

    return replace(link, **changes)


def _as_links(graph: Any, as_of: dt.date | None) -> Any:
    if graph.is_multigraph():
        return link_graph(graph, as_of)
    return graph


def _live(g: Any) -> Any:
    """The links that carry a chain (look-through duplicates removed), a new graph of
    the same library as ``g``."""
    out = _simple_like(g)
    for n, data in g.nodes(data=True):
        out.add_node(n, **data)
    for a, b, data in g.edges(data=True):
        if not data["link"].look_through:
            out.add_edge(a, b, **data)
    return out


def ancestors(graph: AnyGraph, entity: str, as_of: dt.date | None = None) -> set[str]:
    """Every entity that owns or controls ``entity``, directly or through others."""
    import networkx as nx

    g = digraph.to_networkx(_live(_as_links(graph, as_of)))
    return set(nx.ancestors(g, entity)) if entity in g else set()


def ultimate_controllers(graph: AnyGraph, entity: str, as_of: dt.date | None = None) -> set[str]:
    """The entities above ``entity`` that nobody outside their own cycle owns or controls.

    An ancestor ``u`` is an ultimate controller when no entity outside ``u``'s
    strongly connected component (``u`` itself, or the cross-holding cycle it is part
    of) owns or controls a member of that component: the top of a chain, or a cycle
    at the top. ``entity`` itself is never listed.
    """
    import networkx as nx

    g = digraph.to_networkx(_live(_as_links(graph, as_of)))
    if entity not in g:
        return set()
    up = nx.ancestors(g, entity)
    cond = nx.condensation(g)
    member = cond.graph["mapping"]
    return {u for u in up if cond.in_degree(member[u]) == 0}


def _product(values: list[Decimal | None]) -> Decimal | None:
    total = Decimal(1)
    for v in values:
        if v is None:
            return None
        total *= v / _HUNDRED
    return (total * _HUNDRED).normalize() if total else Decimal(0)


def _keep_scale(value: Decimal | None, like: Decimal | None) -> Decimal | None:
    """``value`` with at least the decimal places of ``like`` (11.0 stays 11.0)."""
    if value is None or like is None:
        return value
    exp = like.as_tuple().exponent
    if isinstance(exp, int) and value.as_tuple().exponent > exp:  # type: ignore[operator]
        return value.quantize(Decimal(1).scaleb(exp))
    return value


def _path(
    links: list[Link],
    cycle: str | None,
    labels: dict[str, str],
    controlled: frozenset[str] = frozenset(),
    stated_uncontrolled: bool = False,
) -> ChainPath:
    """The path of ``links``; ``controlled`` holds the entities its top controls through
    links that pass on the whole stake (on any path), so that a link into one of them
    passes the whole stake on here too: twin paths give the same look-through."""
    nodes = (links[0].upper, *(lk.lower for lk in links))
    effective: dict[str, Decimal | None] = {}
    for m in _MEASURES:
        factors: list[Decimal | None] = []
        for i, lk in enumerate(links):
            last = i == len(links) - 1
            if not last and (lk.passes_whole_stake or lk.lower in controlled):
                factors.append(_HUNDRED)
            else:
                factors.append(getattr(lk, m) if last else lk.stake(m))
        effective[m] = _keep_scale(_product(factors), getattr(links[-1], m))
    economic = _keep_scale(
        _product(
            [
                lk.stake() if i < len(links) - 1 else lk.percent_of_class
                for i, lk in enumerate(links)
            ]
        ),
        links[-1].percent_of_class,
    )
    notes: list[str] = []
    top_label = labels.get(nodes[0], nodes[0])
    for lk in links[:-1]:
        if lk.passes_whole_stake:
            notes.append(
                f"{lk.upper_label} controls {lk.lower_label} ({lk.kind}): the whole stake "
                f"of {lk.lower_label} is passed on"
            )
        elif lk.lower in controlled:
            notes.append(
                f"{top_label} controls {lk.lower_label} through another path of control "
                f"links: the whole stake of {lk.lower_label} is passed on"
            )
    if cycle is not None:
        notes.append(
            f"cross-holding: {labels.get(cycle, cycle)} is in turn held within this chain; "
            "the path stops where it would repeat"
        )
    return ChainPath(
        nodes=nodes,
        labels=tuple(labels.get(n, n) for n in nodes),
        links=tuple(links),
        effective_percent=effective["percent_of_class"],
        effective_percent_of_total=effective["percent_of_total"],
        effective_percent_of_voting=effective["percent_of_voting"],
        economic_percent=economic,
        ultimate_controller=nodes[0],
        ultimate_controller_label=labels.get(nodes[0], nodes[0]),
        cycle=cycle,
        notes=tuple(notes),
        top_stated_uncontrolled=stated_uncontrolled,
    )


def chains(
    graph: AnyGraph,
    entity: str,
    *,
    direction: str = "up",
    as_of: dt.date | None = None,
    max_depth: int = 25,
    max_paths: int = 5000,
) -> list[ChainPath]:
    """Every simple path from ``entity`` up to its ultimate controllers (``"up"``) or
    down to the ends of what it holds (``"down"``), links listed from the top down.

    Parameters
    ----------
    graph : networkx.MultiDiGraph or networkx.DiGraph
        A projection (:func:`ownergraph.graph.network.project`) or a :func:`link_graph`
        (or their :mod:`ownergraph.graph.digraph` counterparts).
    entity : str
        The entity IRI.
    direction : {"up", "down"}
    as_of : datetime.date, optional
        Use, per holder and issuer, the latest position filed on or before this date.
    max_depth, max_paths : int
        Bounds on the walk (a path longer than ``max_depth`` links is cut, with a note).

    Returns
    -------
    list of ChainPath
        Sorted by top entity, then path. Empty when nothing owns (or is owned by)
        ``entity``.
    """
    if direction not in ("up", "down"):
        raise ValueError("direction is 'up' or 'down'")
    g = _live(_as_links(graph, as_of))
    if entity not in g:
        return []
    labels = {n: str(d.get("label") or n) for n, d in g.nodes(data=True)}
    found: list[ChainPath] = []

    def step(n: str) -> list[str]:
        nxt = g.predecessors(n) if direction == "up" else g.successors(n)
        return sorted(nxt, key=lambda x: (labels.get(x, x), x))

    def link(a: str, b: str) -> Link:
        return g.edges[a, b]["link"]

    def walk(trail: list[str]) -> Iterator[tuple[list[str], str | None]]:
        here = trail[-1]
        options = step(here)
        fresh = [x for x in options if x not in trail]
        if len(trail) > max_depth:
            yield trail, None
            return
        if not fresh:
            loop = next((x for x in options if x in trail), None)
            yield trail, loop
            return
        for x in fresh:
            yield from walk([*trail, x])
        # a node whose other neighbours close a loop still ends its own paths above

    control = _control_links(g)
    reach: dict[str, frozenset[str]] = {}

    def controlled_by(top: str) -> frozenset[str]:
        if top not in reach:
            below = descendants(control, top) if top in control else set()
            reach[top] = frozenset(str(n) for n in below)
        return reach[top]

    for trail, loop in walk([entity]):
        if len(trail) < 2:
            continue
        order = list(reversed(trail)) if direction == "up" else trail
        links = [link(order[i], order[i + 1]) for i in range(len(order) - 1)]
        top = order[0]
        stated = bool(g.nodes[top].get("no_controlling_holder"))
        found.append(_path(links, loop, labels, controlled_by(top), stated))
        if len(found) >= max_paths:
            break
    found.sort(key=lambda p: (p.ultimate_controller_label, p.labels))
    return found
