"""The viewer's picture of the store: nodes, edges, their details and their sources.

Everything is read from the store in one pass over its quads (straight from Oxigraph), then
projected onto what an investigator looks at: parties, securities and agreements as
nodes; ownership, control, roles, agreement parties, transactions and "security of"
links as edges. Parallel facts (two holdings of the same holder in the same issuer,
read from two filings) become one edge whose details list every fact and its sources.
A stake that the members of a group (or joint filers) all report is the group's: it is
drawn once, from a group node that its members link to, never once per member.

Texts stay plain strings here; :mod:`ownergraph.viewer.page` escapes them for the page.

Examples
--------
>>> from ownergraph import api
>>> store = api.open_store(None)
>>> view = read_view(store)
>>> (len(view.nodes), len(view.edges))
(0, 0)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from ownergraph.graph.store import GraphStore
from ownergraph.ontology import OG, PROV
from ownergraph.viewer.nodes import (
    EDGE_VERBS,
    FIELDS,
    Props,
    fmt_value,
    node_kind,
    percent_text,
    read_tables,
    rows_of,
)

__all__ = [
    "EDGE_KINDS",
    "NODE_KINDS",
    "VEdge",
    "VNode",
    "View",
    "fmt_value",
    "read_view",
]

#: node kinds, in legend order
NODE_KINDS = (
    "company",
    "person",
    "fund",
    "government",
    "party",
    "group",
    "security",
    "agreement",
)
#: edge kinds, in legend order
EDGE_KINDS = ("ownership", "control", "member", "role", "party", "transaction", "security")

_QUOTE_LIMIT = 1500

_ENTITY_FIELDS = FIELDS["entity"]
_CLASS_FIELDS = FIELDS["class"]
_AGREEMENT_FIELDS = FIELDS["agreement"]
_HOLDING_FIELDS = FIELDS["holding"]
_CONTROL_FIELDS = FIELDS["control"]
_ROLE_FIELDS = FIELDS["role"]
_TRANSACTION_FIELDS = FIELDS["transaction"]


@dataclass
class VNode:
    """A node of the view: a party, a security or an agreement."""

    iri: str
    label: str
    kind: str
    details: list[tuple[str, str]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)


@dataclass
class VEdge:
    """An edge of the view: every fact of one kind between two nodes."""

    kind: str
    source: str  # node IRI
    target: str  # node IRI
    label: str = ""
    indirect: bool = False
    stake: Decimal | None = None
    facts: list[dict[str, Any]] = field(default_factory=list)  # title, rows, sources


@dataclass
class View:
    """Nodes (by IRI), edges, source spans and filings read from a store."""

    nodes: dict[str, VNode] = field(default_factory=dict)
    edges: list[VEdge] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    filings: list[dict[str, str]] = field(default_factory=list)


class _Reader:
    def __init__(self, store: GraphStore) -> None:
        self.t = read_tables(store)
        self._document_urls: dict[tuple[str, str], str] | None = None
        self.view = View()
        self.filing_index: dict[str, int] = {}
        self.span_index: dict[str, int] = {}
        self.spans_about: dict[str, list[str]] = defaultdict(list)
        for sp, props in self.t["span"].items():
            about = props.one(OG.about)
            if about is not None:
                self.spans_about[str(about)].append(sp)
        self.edges: dict[tuple[str, str, str], VEdge] = {}

    # -- filings and sources -------------------------------------------------

    def filing(self, iri: str | None) -> int | None:
        if iri is None:
            return None
        idx = self.filing_index.get(iri)
        if idx is not None:
            return idx
        props = self.t["filing"].get(iri, Props())
        entry = {
            "iri": iri,
            "label": props.text(RDFS.label) or iri.rsplit("/", 1)[-1],
            "accession": props.text(OG.accession) or "",
            "form": props.text(OG.form) or "",
            "date": fmt_value(
                props.value(OG.filedDate)
                or props.value(OG.signatureDate)
                or props.value(OG.eventDate)
                or ""
            ),
            "path": props.text(OG.sourcePath) or "",
            "url": props.text(OG.secUrl) or "",
        }
        idx = len(self.view.filings)
        self.view.filings.append(entry)
        self.filing_index[iri] = idx
        return idx

    def document_url(self, filing: Any, filename: str | None) -> str:
        """The sec.gov address (``og:secUrl``) of the filing's document ``filename``."""
        if self._document_urls is None:
            self._document_urls = {}
            for props in self.t["document"].values():
                url, f, name = props.text(OG.secUrl), props.one(OG.filing), props.text(OG.fileName)
                if url and f is not None and name:
                    self._document_urls[(str(f), name)] = url
        if filing is None or not filename:
            return ""
        return self._document_urls.get((str(filing), filename), "")

    def sources_of(self, *about: str) -> list[int]:
        out: list[int] = []
        for a in about:
            for sp in self.spans_about.get(a, []):
                idx = self.span_index.get(sp)
                if idx is None:
                    props = self.t["span"][sp]
                    quote = props.text(OG.quote) or ""
                    if len(quote) > _QUOTE_LIMIT:
                        quote = quote[: _QUOTE_LIMIT - 1] + "…"
                    fact = props.one(OG.fact)
                    fact_name = "" if fact is None or fact == str(RDF.type) else str(fact)
                    fact_name = fact_name.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
                    derived = props.one(PROV.wasDerivedFrom)
                    idx = len(self.view.sources)
                    self.view.sources.append(
                        {
                            "section": props.text(OG.section) or "",
                            "quote": quote,
                            "fact": fact_name,
                            "document": props.text(OG.document) or "",
                            "filing": self.filing(None if derived is None else str(derived)),
                            "url": self.document_url(derived, props.text(OG.document)),
                        }
                    )
                    self.span_index[sp] = idx
                if idx not in out:
                    out.append(idx)
        return out

    # -- nodes -----------------------------------------------------------------

    def name(self, iri: str) -> str:
        n = self.view.nodes.get(iri)
        return n.label if n else iri.rsplit("/", 1)[-1]

    def entities(self) -> None:
        for iri, props in self.t["entity"].items():
            # the name the latest filing uses when filings differ (graph.names)
            label = props.text(OG.displayName) or props.text(RDFS.label) or iri.rsplit("/", 1)[-1]
            names = {str(a) for a in props.all(SKOS.altLabel)} | {
                str(a) for a in props.all(RDFS.label)
            }
            aliases = sorted(names - {label})
            details = [("Identifier", iri), *rows_of(props, _ENTITY_FIELDS)]
            self.view.nodes[iri] = VNode(
                iri, label, node_kind(props), details, aliases, [], self.sources_of(iri)
            )

    def securities(self) -> None:
        for table in ("class", "ads"):
            for iri, props in self.t[table].items():
                full = props.text(RDFS.label) or iri.rsplit("/", 1)[-1]
                label = props.text(OG["title"]) or full  # the issuer is one link away
                node = VNode(iri, label, "security", [("Name", full), ("Identifier", iri)])
                node.details += rows_of(props, _CLASS_FIELDS)
                underlying = props.one(OG.underlyingClass)
                if underlying is not None:
                    node.details.append(("Represents", str(underlying)))
                node.sources = self.sources_of(iri)
                self.view.nodes[iri] = node
                issuer = props.one(OG.issuer)
                if issuer is not None and str(issuer) in self.t["entity"]:
                    self.edge("security", str(issuer), iri, {"title": "Security of the issuer"})

    def agreements(self) -> None:
        for iri, props in self.t["agreement"].items():
            label = props.text(OG["title"]) or props.text(RDFS.label) or "agreement"
            node = VNode(iri, label, "agreement", [("Identifier", iri)])
            node.details += rows_of(props, _AGREEMENT_FIELDS)
            node.sources = self.sources_of(iri)
            self.view.nodes[iri] = node
        owner = {str(p): a for a, ap in self.t["agreement"].items() for p in ap.all(OG.party)}
        for iri, props in self.t["aparty"].items():
            entity = props.one(OG.entity)
            agreement = owner.get(iri)
            if entity is None or agreement is None:
                continue
            rows = rows_of(
                props,
                (("Role", OG.partyRole), ("Defined as", OG.definedAs), ("Name", OG.partyName)),
            )
            role = props.text(OG.partyRole) or ""
            self.edge(
                "party",
                str(entity),
                agreement,
                {"title": role or "party", "rows": rows, "sources": self.sources_of(iri)},
                label=role,
            )

    # -- edges -----------------------------------------------------------------

    def edge(
        self, kind: str, a: str, b: str, fact: dict[str, Any], *, label: str = ""
    ) -> VEdge | None:
        if a == b or a not in self.view.nodes or b not in self.view.nodes:
            return None
        key = (kind, a, b)
        e = self.edges.get(key)
        if e is None:
            e = VEdge(kind, a, b)
            self.edges[key] = e
            self.view.edges.append(e)
        fact.setdefault("rows", [])
        fact.setdefault("sources", [])
        e.facts.append(fact)
        if label and label not in e.label.split(" · "):
            e.label = f"{e.label} · {label}" if e.label else label
        return e

    def fact_filing(self, props: Props) -> int | None:
        f = props.one(OG.filing)
        return self.filing(None if f is None else str(f))

    def fact_rows(
        self, props: Props, fields: Iterable[tuple[str, URIRef]]
    ) -> list[tuple[str, str]]:
        """The rows of an edge fact: its share class (when it names one) first, then
        ``fields``, then the filing that states it."""
        rows = rows_of(props, fields)
        cls = props.one(OG.shareClass)
        if cls is not None:
            rows.insert(0, ("Class", self.name(str(cls))))
        f = self.fact_filing(props)
        if f is not None:
            rows.append(("Filing", self.view.filings[f]["label"]))
        return rows

    def holdings(self) -> None:
        stated: list[tuple[str, str, str, Props]] = []
        for iri, props in self.t["holding"].items():
            holder, issuer = props.one(OG.holder), props.one(OG.issuer)
            if holder is None or issuer is None:
                continue
            shares, pct = props.value(OG.shares), props.value(OG.percentOfClass)
            if shares == 0 or pct == 0:
                continue  # a nil position is no ownership edge
            stated.append((str(holder), str(issuer), iri, props))
        by_edge: dict[tuple[str, str], list[tuple[str, Props]]] = defaultdict(list)
        for holder, issuer, iri, props in self.group_stakes(stated):
            by_edge[(holder, issuer)].append((iri, props))
        controls: dict[str, set[str]] = defaultdict(set)
        for props in self.t["control"].values():
            c, d = props.one(OG.controller), props.one(OG.controlled)
            if c is not None and d is not None:
                controls[str(c)].add(str(d))
        holders_of: dict[str, set[str]] = defaultdict(set)
        for a, b in by_edge:
            holders_of[b].add(a)
        for (a, b), facts in by_edge.items():
            stated = [p.value(OG.direct) for _, p in facts if p.value(OG.direct) is not None]
            indirect = bool(stated) and not any(stated)
            through = ""
            if not stated:
                via = _controlled_holders(a, controls, holders_of[b] - {a})
                if via:
                    indirect = True
                    through = ", ".join(sorted(self.name(v) for v in via))
            stake: Decimal | None = None
            best_date = ""
            for _iri, props in facts:
                pct = props.value(OG.percentOfClass)
                if pct is None:
                    pct = props.value(OG.percent)
                f = self.fact_filing(props)
                when = self.view.filings[f]["date"] if f is not None else ""
                if isinstance(pct, Decimal) and (
                    stake is None or when > best_date or (when == best_date and pct > stake)
                ):
                    stake, best_date = pct, when
            for iri, props in facts:
                rows = self.fact_rows(props, _HOLDING_FIELDS)
                if through:
                    rows.append(("Deemed through", through))
                title = "Holding" + (" (indirect)" if props.value(OG.direct) is False else "")
                self.edge(
                    "ownership",
                    a,
                    b,
                    {"title": title, "rows": rows, "sources": self.sources_of(iri)},
                )
            e = self.edges.get(("ownership", a, b))
            if e is not None:
                e.indirect = indirect
                e.stake = stake
                e.label = percent_text(stake) if stake is not None else "owns"

    def group_stakes(
        self, stated: list[tuple[str, str, str, Props]]
    ) -> list[tuple[str, str, str, Props]]:
        """Holdings with the holder replaced by its group where the stake is the group's.

        A holding is the group's when, in the filing that states it, at least two members
        of one group (or of the joint filers) report the same shares of the same class of
        the same issuer. The group becomes a node, linked from each member; a member's
        own, different position keeps its own edge.
        """
        groups: dict[str, list[tuple[str, frozenset[str]]]] = defaultdict(list)
        for giri, props in self.t["group"].items():
            filing = props.one(OG.filing)
            members = frozenset(str(m) for m in props.all(OG.member))
            if filing is not None and len(members) >= 2:
                groups[str(filing)].append((giri, members))

        def stake(props: Props) -> tuple[str, str, str]:
            return (
                str(props.one(OG.filing)),
                str(props.one(OG.shareClass)),
                str(props.value(OG.shares)),
            )

        reporters: dict[tuple[str, str, tuple[str, str, str]], set[str]] = defaultdict(set)
        for holder, issuer, _iri, props in stated:
            for giri, members in groups.get(str(props.one(OG.filing)), ()):
                if holder in members:
                    reporters[(giri, issuer, stake(props))].add(holder)
        out: list[tuple[str, str, str, Props]] = []
        for holder, issuer, iri, props in stated:
            owner = holder
            for giri, members in groups.get(str(props.one(OG.filing)), ()):
                if holder in members and len(reporters[(giri, issuer, stake(props))]) >= 2:
                    owner = self.group_node(giri, members)
                    break
            out.append((owner, issuer, iri, props))
        return out

    def group_node(self, giri: str, members: frozenset[str]) -> str:
        """The node of group ``giri`` and its member links (made once)."""
        if giri in self.view.nodes:
            return giri
        props = self.t["group"][giri]
        kind = props.text(OG.kind) or "group"
        shown = sorted((m for m in members if m in self.view.nodes), key=self.name)
        title = "Joint filers" if kind == "joint filers" else "Group"
        label = f"{title} ({len(members)})"
        details = [("Identifier", giri), ("Kind", kind)]
        details += [("Member", self.name(m)) for m in shown]
        f = self.fact_filing(props)
        if f is not None:
            details.append(("Filing", self.view.filings[f]["label"]))
        self.view.nodes[giri] = VNode(giri, label, "group", details, [], [], self.sources_of(giri))
        for m in shown:
            fact = {"title": f"Member of the {kind}", "rows": details[2:], "sources": []}
            self.edge("member", m, giri, fact)
        return giri

    def linked(
        self, table: str, ends: tuple[URIRef, URIRef]
    ) -> Iterator[tuple[str, Props, str, str]]:
        """The nodes of ``table`` that name both ``ends``: (IRI, properties, from, to)."""
        for iri, props in self.t[table].items():
            a, b = props.one(ends[0]), props.one(ends[1])
            if a is not None and b is not None:
                yield iri, props, str(a), str(b)

    def fact(
        self, iri: str, props: Props, title: str, fields: Iterable[tuple[str, URIRef]]
    ) -> dict[str, Any]:
        """The details of one fact: its title, its rows of ``fields`` and its sources."""
        return {
            "title": title,
            "rows": self.fact_rows(props, fields),
            "sources": self.sources_of(iri),
        }

    def controls(self) -> None:
        for iri, props, a, b in self.linked("control", (OG.controller, OG.controlled)):
            kind = props.text(OG.kind) or "control"
            fact = self.fact(iri, props, "Control", _CONTROL_FIELDS)
            e = self.edge("control", a, b, fact, label=kind)
            if e is not None:
                if any(w in kind.lower() for w in ("deemed", "indirect")):
                    e.indirect = True
                pct = props.value(OG.percent)
                if isinstance(pct, Decimal) and (e.stake is None or pct > e.stake):
                    e.stake = pct

    def roles(self) -> None:
        for iri, props, a, b in self.linked("role", (OG.person, OG.organization)):
            title = props.text(OG["title"]) or "role"
            short = title if len(title) <= 40 else title[:39] + "…"
            self.edge("role", a, b, self.fact(iri, props, title, _ROLE_FIELDS), label=short)

    def transactions(self) -> None:
        for iri, props, a, b in self.linked("transaction", (OG.seller, OG.buyer)):
            kind = props.text(OG.kind) or "transaction"
            shares = props.value(OG.shares)
            label = kind + (f" {fmt_value(shares)}" if isinstance(shares, int) else "")
            fact = self.fact(iri, props, props.text(RDFS.label) or kind, _TRANSACTION_FIELDS)
            self.edge("transaction", a, b, fact, label=label)

    def node_facts(self) -> None:
        """One line per edge on both of its ends: what the node takes part in."""
        for e in self.view.edges:
            a, b = self.view.nodes[e.source], self.view.nodes[e.target]
            what = EDGE_VERBS[e.kind]
            tail = f" ({e.label})" if e.label else ""
            a.facts.append(f"{what[0]} {b.label}{tail}")
            b.facts.append(f"{what[1]} {a.label}{tail}")

    def run(self) -> View:
        self.entities()
        self.securities()
        self.agreements()
        self.controls()
        self.holdings()
        self.roles()
        self.transactions()
        self.node_facts()
        return self.view


def _controlled_holders(a: str, controls: dict[str, set[str]], others: set[str]) -> set[str]:
    """Holders among ``others`` that ``a`` controls, directly or through a chain."""
    found: set[str] = set()
    seen = {a}
    todo = [a]
    while todo:
        x = todo.pop()
        for y in controls.get(x, ()):
            if y in seen:
                continue
            seen.add(y)
            if y in others:
                found.add(y)
            todo.append(y)
    return found


def read_view(store: GraphStore) -> View:
    """Read every party, security, agreement and the links between them from ``store``.

    Parameters
    ----------
    store : GraphStore
        The store to read (the union of all filings' graphs).

    Returns
    -------
    View
        Nodes keyed by IRI, aggregated edges, and the source spans and filings the
        nodes' and edges' details point to (by index).
    """
    return _Reader(store).run()
