"""GEXF (Gephi) and GraphML: the parties and their relations through networkx's writers.

:func:`to_networkx` turns an :class:`~ownergraph.exports.reader.ExportData` into a
``networkx.MultiDiGraph``: one node per party (key: its IRI), one edge per relation (key:
the IRI of the holding, control, role or transaction node), pointing from the owner,
controller, officer, nominator or seller to the other party.

Node attributes: ``label``, ``kind`` (company, fund, person ...), ``node_type`` (``person``
or ``entity``), and where known ``cik``, ``lei``, ``cusip6``, ``jurisdiction``,
``aliases`` (``"; "``-joined).

Edge attributes: ``relation`` (holding, control, role, nomination, transaction), ``kind``
(the stated kind(s): ``wholly owned``, ``director; officer``, ``sale`` ...), ``label``,
``date``, and the provenance ``filing`` (IRI), ``filing_label``, ``accession``,
``sec_url`` (``og:secUrl``), ``section``, ``quote``; holdings add ``shares`` and the
voting and dispositive powers (whole numbers, written as ``long``), the percentages
``percent_of_class`` / ``percent_of_total`` / ``percent_of_voting`` / ``percent``,
``direct`` (direct / indirect / unknown) and ``share_class``; transactions ``shares``,
``price_per_share``, ``amount``, ``currency``, ``status``.

Exactness: whole share counts are integers (``long``); percentages, prices, money and a
fractional share count (``shares_exact``) are written as their exact decimal text in
string attributes, because both formats would otherwise turn them into binary floats.

May import: :mod:`ownergraph.exports.reader`, networkx and the foundation.

Examples
--------
>>> from decimal import Decimal
>>> from ownergraph.exports.reader import sample_data
>>> data = sample_data(percent_of_class=Decimal("60.5"), shares=100)
>>> g = to_networkx(data)
>>> g.nodes["urn:a"]["label"], g.edges["urn:a", "urn:b", "urn:h"]["percent_of_class"]
('A Ltd', '60.5')
>>> g.edges["urn:a", "urn:b", "urn:h"]["shares"]
100
"""

from __future__ import annotations

from decimal import Decimal
from typing import IO, Any

import networkx as nx

from ownergraph.exports.reader import ExportData, Relation

__all__ = ["to_networkx", "write_gexf", "write_graphml"]

_WHOLE = ("shares", "sole_voting", "shared_voting", "sole_dispositive", "shared_dispositive")
_EXACT = (
    "percent_of_class",
    "percent_of_total",
    "percent_of_voting",
    "percent",
    "price_per_share",
    "amount",
)
_TEXT = ("currency", "status", "nature", "title", "occupation", "nominee_name")


def _edge_attrs(rel: Relation, data: ExportData) -> dict[str, Any]:
    v = rel.values
    raw = v.get("kind") or []
    kinds = raw if isinstance(raw, list) else [raw]
    attrs: dict[str, Any] = {"relation": rel.kind, "kind": "; ".join(str(k) for k in kinds)}
    for key in _WHOLE:
        value = v.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            attrs[key] = value
        elif isinstance(value, Decimal):
            attrs[f"{key}_exact"] = format(value, "f")
    for key in _EXACT:
        if isinstance(v.get(key), Decimal | int):
            attrs[key] = format(Decimal(v[key]), "f")
    for key in _TEXT:
        if v.get(key) is not None:
            attrs[key] = str(v[key])
    if rel.kind == "holding":
        direct = v.get("direct")
        attrs["direct"] = "unknown" if direct is None else ("direct" if direct else "indirect")
    if v.get("share_class_label"):
        attrs["share_class"] = str(v["share_class_label"])
    if rel.label:
        attrs["label"] = rel.label
    if rel.date:
        attrs["date"] = rel.date
    filing = data.filing_of(rel)
    if rel.filing:
        attrs["filing"] = rel.filing
    if filing is not None:
        attrs["filing_label"] = filing.label
        if filing.accession:
            attrs["accession"] = filing.accession
        if filing.url:
            attrs["sec_url"] = filing.url
    if rel.section:
        attrs["section"] = rel.section
    if rel.quote:
        attrs["quote"] = rel.quote
    return attrs


def to_networkx(data: ExportData) -> nx.MultiDiGraph:
    """The parties and relations of ``data`` as a ``networkx.MultiDiGraph``."""
    g = nx.MultiDiGraph()
    for iri in sorted(data.entities):
        e = data.entities[iri]
        attrs: dict[str, Any] = {
            "label": e.name,
            "kind": e.kind,
            "node_type": "person" if e.is_person else "entity",
        }
        optional = {
            "cik": e.cik,
            "lei": e.lei,
            "cusip6": "; ".join(e.cusip6),
            "jurisdiction": e.jurisdiction or e.citizenship,
            "aliases": "; ".join(e.aliases),
        }
        attrs.update({k: v for k, v in optional.items() if v})
        g.add_node(iri, **attrs)
    for rel in data.relations:
        key = (
            rel.iri
            if not g.has_edge(rel.source, rel.target, rel.iri)
            else f"{rel.iri}#{rel.source}"
        )
        g.add_edge(rel.source, rel.target, key=key, **_edge_attrs(rel, data))
    return g


def write_gexf(data: ExportData, dest: IO[bytes]) -> tuple[int, int]:
    """Write ``data`` as GEXF 1.2 to ``dest``; returns (nodes, edges)."""
    g = to_networkx(data)
    nx.write_gexf(g, dest)
    return g.number_of_nodes(), g.number_of_edges()


def write_graphml(data: ExportData, dest: IO[bytes]) -> tuple[int, int]:
    """Write ``data`` as GraphML to ``dest``; returns (nodes, edges)."""
    g = to_networkx(data)
    nx.write_graphml(g, dest)
    return g.number_of_nodes(), g.number_of_edges()
