"""The interactive network viewer: one self-contained HTML page that works offline.

:func:`write_viewer` reads the parties, securities, agreements and links of a store
(:mod:`ownergraph.viewer.data`), lays them out, hands the nodes and edges to a
pyvis :class:`~pyvis.network.Network` and renders the page from the package's own
template (``templates/viewer.html``), with the vis-network script and style that the
installed pyvis ships inlined at run time. No request leaves the page: a
Content-Security-Policy forbids every fetch, and nothing is loaded from a CDN.

Text read from filings reaches the page only as JSON inside a
``<script type="application/json">`` block, with ``<``, ``>``, ``&`` and U+2028/2029
escaped; the page puts it on screen with ``textContent`` (and vis-network's tooltips
and canvas labels, which render text, not markup).

Examples
--------
>>> import tempfile, pathlib
>>> from ownergraph import api
>>> store = api.open_store(None)
>>> out = pathlib.Path(tempfile.mkdtemp()) / "empty.html"
>>> write_viewer(store, out)
ViewerStats(nodes=0, edges=0, left_out=0, left_out_edges=0, python_layout=False)
>>> "https://" in out.read_text().split("<script>", 1)[0]  # no external URL in the head
False
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, select_autoescape
from pyvis.network import Network

from ownergraph.errors import OwnergraphError
from ownergraph.graph.store import GraphStore
from ownergraph.output import mark_invisible
from ownergraph.viewer.data import EDGE_KINDS, NODE_KINDS, VEdge, View, read_view
from ownergraph.viewer.layout import SPINE_KINDS, ego, levels, positions

__all__ = [
    "CSP",
    "EDGE_STYLE",
    "LARGE_GRAPH",
    "NODE_STYLE",
    "ViewerError",
    "ViewerStats",
    "json_for_script",
    "render_viewer",
    "write_viewer",
]

#: above this many nodes, positions are computed in Python and physics is off
LARGE_GRAPH = 1000

#: hops around --focus when none are given
DEFAULT_HOPS = 2

#: the page may fetch nothing: scripts and styles are inline, images are data:/blob:
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; base-uri 'none'; form-action 'none'"
)

#: node kind -> (legend title, vis shape, fill, border, base size)
NODE_STYLE: dict[str, tuple[str, str, str, str, int]] = {
    "company": ("Company", "square", "#bfdbfe", "#1d4ed8", 14),
    "person": ("Person", "dot", "#bbf7d0", "#15803d", 11),
    "fund": ("Fund or partnership", "diamond", "#fed7aa", "#c2410c", 14),
    "government": ("Government body", "triangleDown", "#99f6e4", "#0f766e", 14),
    "party": ("Other party", "dot", "#e2e8f0", "#475569", 10),
    "group": ("Group or joint filers", "star", "#fde68a", "#92400e", 14),
    "security": ("Share class or security", "triangle", "#ddd6fe", "#6d28d9", 10),
    "agreement": ("Agreement", "hexagon", "#fef08a", "#a16207", 11),
}

#: edge kind -> (legend title, colour, arrow, base width)
EDGE_STYLE: dict[str, tuple[str, str, bool, float]] = {
    "ownership": ("Ownership (% of class)", "#2563eb", True, 1.5),
    "control": ("Control", "#dc2626", True, 2.5),
    "member": ("Member of a group or joint filers", "#64748b", True, 1.0),
    "role": ("Role (director, officer...)", "#16a34a", True, 1.0),
    "party": ("Party to an agreement", "#ca8a04", False, 1.0),
    "transaction": ("Transaction (seller to buyer)", "#7c3aed", True, 1.5),
    "security": ("Security of the issuer", "#94a3b8", False, 1.0),
}

_LIB = ("templates", "lib", "vis-9.1.2")


class ViewerError(OwnergraphError):
    """The viewer cannot be made as asked (unknown layout, --hops without --focus...)."""


@dataclass(frozen=True)
class ViewerStats:
    """What the page shows: nodes and edges shown, and how many were left out."""

    nodes: int
    edges: int
    left_out: int
    left_out_edges: int
    python_layout: bool


def json_for_script(data: Any) -> str:
    """JSON that can sit inside a ``<script>`` element: ``<``, ``>``, ``&``, U+2028 and
    U+2029 escaped, so no text can close the element or start markup.

    Examples
    --------
    >>> json_for_script({"name": "</script><img src=x onerror=alert(1)>&"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e\\\\u0026"}'
    >>> "\\u2028" in json_for_script("a\\u2028b")
    False
    """
    text = json.dumps(data, ensure_ascii=False, separators=(", ", ": "))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _asset(name: str) -> str:
    """A file of the vis-network build that the installed pyvis ships."""
    path = resources.files("pyvis").joinpath(*_LIB, name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:  # pragma: no cover - a broken pyvis installation
        raise ViewerError(f"pyvis's bundled {name} cannot be read ({e})") from None
    # neither may end its element early
    return text.replace("</script", "<\\/script").replace("</style", "<\\/style")


def _template() -> Any:
    text = resources.files("ownergraph.viewer").joinpath("templates", "viewer.html")
    env = Environment(autoescape=select_autoescape(default=True), keep_trailing_newline=True)
    return env.from_string(text.read_text(encoding="utf-8"))


def _tooltip(*lines: str) -> str:
    return "\n".join(line for line in lines if line)


def _short(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _edge_width(e: VEdge) -> float:
    base = EDGE_STYLE[e.kind][3]
    if e.stake is None:
        return base
    pct = min(max(float(e.stake), 0.0), 100.0)  # display only: widths are not data
    return round(base + math.sqrt(pct) * 0.6, 2)


@dataclass
class _Page:
    net: Network
    payload: dict[str, Any]
    stats: ViewerStats


def _select(
    view: View, store: GraphStore, focus: str | None, hops: int | None
) -> tuple[list[str], list[VEdge], dict[str, int], str | None]:
    """The nodes and edges to show, rim counts for an ego network, and the focus IRI."""
    edges = sorted(view.edges, key=lambda e: (EDGE_KINDS.index(e.kind), e.source, e.target))
    triples = [(e.kind, e.source, e.target) for e in edges]
    connected = {n for _, a, b in triples for n in (a, b)}
    if focus is None:
        if hops is not None:
            raise ViewerError("--hops needs --focus: the hops are counted from that entity")
        nodes = sorted(connected, key=lambda n: (NODE_KINDS.index(view.nodes[n].kind), n))
        return nodes, edges, {}, None
    from ownergraph.graph.lookup import resolve_entity

    iri = str(resolve_entity(store, focus).iri)
    if iri not in view.nodes:
        raise ViewerError(f"{focus!r} is not a party the viewer can show")
    keep, rim = ego(view.nodes, triples, iri, DEFAULT_HOPS if hops is None else hops)
    nodes = sorted(keep, key=lambda n: (NODE_KINDS.index(view.nodes[n].kind), n))
    shown = [e for e in edges if e.source in keep and e.target in keep]
    return nodes, shown, rim, iri


def _build(
    view: View,
    nodes: list[str],
    edges: list[VEdge],
    rim: dict[str, int],
    focus: str | None,
    layout: str,
) -> _Page:
    large = len(nodes) > LARGE_GRAPH
    triples = [(e.kind, e.source, e.target) for e in edges]
    level = levels(nodes, triples)
    # hierarchical pages and large ones are laid out here; small force pages by vis
    fixed = large or layout == "hierarchical"
    pos = positions(nodes, triples, layout, level, spacing=125.0) if fixed else {}
    ids = {iri: f"n{i}" for i, iri in enumerate(nodes)}
    degree: Counter[str] = Counter()
    for _, a, b in triples:
        degree[a] += 1
        degree[b] += 1

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    details: dict[str, Any] = {}
    for iri in nodes:
        n = view.nodes[iri]
        title, shape, fill, border, size = NODE_STYLE[n.kind]
        label = mark_invisible(_short(n.label, 60))  # raw name: details[...]["name"]
        if iri in rim:
            label += f" (+{rim[iri]})"
        opts: dict[str, Any] = {
            "shape": shape,
            "color": {
                "background": fill,
                "border": border,
                "highlight": {"background": fill, "border": "#111827"},
            },
            "size": round(size + min(10.0, 2 * math.sqrt(degree[iri])), 1),
            "title": mark_invisible(
                _tooltip(n.label, title, *(f"{k}: {v}" for k, v in n.details[1:4]))
            ),
            "kind": n.kind,
            "borderWidth": 2,
        }
        if fixed:
            x, y = pos[iri]
            opts.update(x=x, y=y, physics=False)
        net.add_node(ids[iri], label=label, **opts)
        details[ids[iri]] = {
            "name": n.label,
            "kind": n.kind,
            "kindTitle": title,
            "rows": n.details,
            "aliases": n.aliases,
            "facts": n.facts,
            "sources": n.sources,
            "hidden": rim.get(iri, 0),
        }
    pair_count: Counter[frozenset[str]] = Counter()
    for i, e in enumerate(edges):
        title, colour, arrow, _ = EDGE_STYLE[e.kind]
        eid = f"e{i}"
        pair = frozenset((e.source, e.target))
        k = pair_count[pair]
        pair_count[pair] += 1
        opts = {
            "id": eid,
            "color": {"color": colour, "highlight": colour, "hover": colour},
            "width": _edge_width(e),
            "arrows": {"to": {"enabled": arrow, "scaleFactor": 0.6}},
            "dashes": [6, 5] if e.indirect else False,
            "label": mark_invisible(_short(e.label, 32)),
            "title": mark_invisible(
                _tooltip(
                    f"{view.nodes[e.source].label} → {view.nodes[e.target].label}",
                    f"{title}{' (indirect / deemed)' if e.indirect else ''}: {e.label}",
                    f"{len(e.facts)} fact(s); click for the sources",
                )
            ),
            "kind": e.kind,
        }
        if large:
            opts["smooth"] = False
        elif k:
            opts["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if k % 2 else "curvedCCW",
                "roundness": 0.2 * ((k + 1) // 2),
            }
        net.add_edge(ids[e.source], ids[e.target], **opts)
        details[eid] = {
            "kind": e.kind,
            "kindTitle": title,
            "from": ids[e.source],
            "to": ids[e.target],
            "label": e.label,
            "indirect": e.indirect,
            "facts": e.facts,
        }
    net.options = _options(layout, large, len(edges))
    total_nodes = len({n for e in view.edges for n in (e.source, e.target)})
    stats = ViewerStats(
        nodes=len(nodes),
        edges=len(edges),
        left_out=max(total_nodes - len(nodes), 0),
        left_out_edges=len(view.edges) - len(edges),
        python_layout=large,
    )
    payload = {
        "details": details,
        "sources": view.sources,
        "filings": view.filings,
        "spine": sorted(SPINE_KINDS),
        "focus": ids.get(focus) if focus else None,
        "stats": asdict(stats),
        "large": large,
        "edgeLabels": len(edges) <= 400,
        "nodeKinds": {k: list(v[:4]) for k, v in NODE_STYLE.items()},
        "edgeKinds": {k: [v[0], v[1]] for k, v in EDGE_STYLE.items()},
    }
    return _Page(net, payload, stats)


def _options(layout: str, large: bool, n_edges: int) -> dict[str, Any]:
    opts: dict[str, Any] = {
        "autoResize": True,
        "nodes": {
            "font": {"size": 13, "face": "system-ui, sans-serif", "color": "#0f172a"},
            "scaling": {"label": {"drawThreshold": 6}},
            "widthConstraint": {"maximum": 120},
        },
        "edges": {
            "font": {
                "size": 11,
                "face": "system-ui, sans-serif",
                "color": "#334155",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
                "align": "horizontal",
            },
            "selectionWidth": 2,
            "smooth": {"enabled": True, "type": "dynamic"},
        },
        "interaction": {
            "hover": not large,
            "tooltipDelay": 250,
            "multiselect": False,
            "navigationButtons": False,
            "keyboard": False,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
        },
        "layout": {"improvedLayout": not large and n_edges < 600},
        "physics": {"enabled": False},
    }
    if large:
        opts["edges"]["smooth"] = False
        return opts
    if layout == "hierarchical":
        # positions come from Python (viewer.layout): layered, wrapped, packed to the canvas
        opts["layout"]["improvedLayout"] = False
        opts["edges"]["smooth"] = {
            "enabled": True,
            "type": "cubicBezier",
            "forceDirection": "vertical",
            "roundness": 0.4,
        }
    else:
        opts["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {
                "gravitationalConstant": -6000,
                "springLength": 140,
                "avoidOverlap": 0.3,
            },
            "stabilization": {"enabled": True, "iterations": 300, "fit": True},
        }
    return opts


def render_viewer(
    store: GraphStore,
    *,
    focus: str | None = None,
    hops: int | None = None,
    layout: str = "hierarchical",
    title: str = "ownergraph network",
) -> tuple[str, ViewerStats]:
    """The page as text, and what it shows (see :func:`write_viewer`)."""
    if layout not in ("hierarchical", "force"):
        raise ViewerError(f"unknown layout {layout!r}; use hierarchical or force")
    if hops is not None and hops < 0:
        raise ViewerError("--hops must be 0 or more")
    view = read_view(store)
    nodes, edges, rim, focus_iri = _select(view, store, focus, hops)
    page = _build(view, nodes, edges, rim, focus_iri, layout)
    net_nodes, net_edges, _heading, _h, _w, options = page.net.get_network_data()
    graph = {"nodes": net_nodes, "edges": net_edges, "options": json.loads(options)}
    html = _template().render(
        title=mark_invisible(title),
        csp=CSP,
        vis_css=_asset("vis-network.css"),
        vis_js=_asset("vis-network.min.js"),
        graph_json=json_for_script(graph),
        data_json=json_for_script(page.payload),
        node_styles=NODE_STYLE,
        edge_styles=EDGE_STYLE,
        stats=page.stats,
    )
    return html, page.stats


def write_viewer(
    store: GraphStore,
    path: str | Path,
    focus: str | None = None,
    hops: int | None = None,
    layout: str = "hierarchical",
) -> ViewerStats:
    """Write the interactive network of ``store`` to the HTML file ``path``.

    Parameters
    ----------
    store : GraphStore
        The store to show.
    path : str or Path
        The HTML file to write (one file; it needs nothing else and fetches nothing).
    focus : str, optional
        An entity (name, alias, CIK or CUSIP): show only its ego network.
    hops : int, optional
        How far from ``focus`` to go (default 2); needs ``focus``.
    layout : {"hierarchical", "force"}
        Owners above what they own, or a force-directed picture.

    Returns
    -------
    ViewerStats
        Nodes and edges shown, nodes and edges left out, and whether the positions were
        computed in Python (graphs over :data:`LARGE_GRAPH` nodes).

    Raises
    ------
    ViewerError
        for an unknown layout, or hops without a focus;
    ownergraph.errors.QueryError
        when ``focus`` names no entity, or several.
    """
    html, stats = render_viewer(store, focus=focus, hops=hops, layout=layout)
    p = Path(path)
    try:
        p.write_text(html, encoding="utf-8")
    except OSError as e:
        raise ViewerError(f"cannot write {p}: {e.strerror or e}") from None
    return stats
