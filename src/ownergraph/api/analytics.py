"""Library calls behind ``ownergraph chain`` and ``ownergraph show``.

Each command is one call here: :func:`chain` returns a :class:`ChainReport`,
:func:`show` an :class:`EntityPage`; both render themselves as tables (rich / CSV) and
JSON.

Examples
--------
>>> from ownergraph import api
>>> store = api.open_store(None)
>>> _ = api.load_paths(store, [api.example_path()])
>>> report = chain(store, "21Vianet Group")
>>> [p["path"] for p in report.to_json_data()]
[['Tus-Holdings Co., Ltd.', 'Tuspark Innovation Venture Ltd.', '21Vianet Group, Inc.']]
>>> report.to_json_data()[0]["effective_percent"]
Decimal('11.4')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rdflib import URIRef

from ownergraph.api.answers import labels_for
from ownergraph.errors import QueryError
from ownergraph.graph.lookup import EntityMatch, resolve_entity
from ownergraph.graph.network import bound, scoped
from ownergraph.graph.oxrows import rdflib_term
from ownergraph.graph.store import GraphStore
from ownergraph.output import Table, json_value, python_value, to_csv
from ownergraph.queries import optionals

if TYPE_CHECKING:  # imported by chain: networkx is a fifth of a second that show never needs
    from ownergraph.graph.analytics import ChainPath

__all__ = ["TOP_AS_FILED", "TOP_STATED", "ChainReport", "EntityPage", "chain", "percent", "show"]

#: what the top of a path is: a filing states that nobody controls it ...
TOP_STATED = "ultimate controller (a filing states that no one controls it)"
#: ... or it is only where the filings loaded stop (its owners may be in no filing here)
TOP_AS_FILED = "top of the chain as filed"


def _top_status(p: ChainPath) -> str:
    return TOP_STATED if p.top_stated_uncontrolled else TOP_AS_FILED


def percent(value: Decimal | None) -> Decimal | None:
    """A percentage shown with at least one decimal place (exact: ``11`` -> ``11.0``).

    Examples
    --------
    >>> percent(Decimal("11")), percent(Decimal("11.40")), percent(None)
    (Decimal('11.0'), Decimal('11.40'), None)
    """
    if value is None:
        return None
    exp = value.as_tuple().exponent
    if isinstance(exp, int) and exp > -1:
        return value.quantize(Decimal("0.1"))
    return value


@dataclass
class ChainReport:
    """The chains of one entity."""

    entity: EntityMatch
    direction: str
    as_of: dt.date | None
    paths: list[ChainPath] = field(default_factory=list)
    #: filing IRI -> its sec.gov address (``og:secUrl``), where the store has one
    urls: dict[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str:
        """A heading for the table."""
        way = "up to the top of each chain" if self.direction == "up" else "down"
        when = f", as of {self.as_of.isoformat()}" if self.as_of else ""
        return f"Chains of {self.entity.label} {way}{when}"

    def to_json_data(self) -> list[dict[str, Any]]:
        """A list of paths: ``path``, ``links``, ``effective_percent``,
        ``ultimate_controller`` and more (see the command's help)."""
        out: list[dict[str, Any]] = []
        for p in self.paths:
            out.append(
                {
                    "path": list(p.labels),
                    "links": [
                        {
                            "from": lk.upper_label,
                            "to": lk.lower_label,
                            "kind": lk.kind,
                            "percent_of_class": percent(lk.percent_of_class),
                            "percent_of_total": percent(lk.percent_of_total),
                            "percent_of_voting": percent(lk.percent_of_voting),
                            "passes_whole_stake": lk.passes_whole_stake,
                            "shares": lk.shares,
                            "share_class": lk.share_class,
                            "filing": lk.filing_label or lk.filing,
                            "filing_iri": lk.filing,
                            "section": lk.section,
                            "quote": lk.quote,
                            "url": self.urls.get(lk.filing or ""),
                        }
                        for lk in p.links
                    ],
                    "effective_percent": percent(p.effective_percent),
                    "effective_percent_of_total": percent(p.effective_percent_of_total),
                    "effective_percent_of_voting": percent(p.effective_percent_of_voting),
                    "economic_percent": percent(p.economic_percent),
                    "ultimate_controller": p.ultimate_controller_label,
                    "top_status": _top_status(p),
                    "cycle": p.cycle,
                    "notes": list(p.notes),
                }
            )
        return out

    def to_json(self) -> str:
        """JSON text, exact decimals."""
        data = self.to_json_data()
        if not data:
            return "[]"
        return "[\n" + ",\n".join("  " + json_value(d) for d in data) + "\n]"

    def table(self) -> Table:
        """One row per link, with the path's figures on each row."""
        cols = [
            "path",
            "ultimate_controller",
            "top_status",
            "from",
            "to",
            "kind",
            "percent_of_class",
            "percent_of_total",
            "percent_of_voting",
            "passes_whole_stake",
            "effective_percent",
            "effective_percent_of_total",
            "effective_percent_of_voting",
            "filing",
            "notes",
            "url",
        ]
        rows: list[dict[str, Any]] = []
        for i, p in enumerate(self.to_json_data(), 1):
            for lk in p["links"]:
                rows.append(
                    {
                        "path": i,
                        "ultimate_controller": p["ultimate_controller"],
                        "top_status": p["top_status"],
                        **{c: lk[c] for c in cols[3:10]},
                        "effective_percent": p["effective_percent"],
                        "effective_percent_of_total": p["effective_percent_of_total"],
                        "effective_percent_of_voting": p["effective_percent_of_voting"],
                        "filing": lk["filing"],
                        "notes": "; ".join(p["notes"]),
                        "url": lk["url"],
                    }
                )
        return Table(cols, rows, self.title)

    def render(self, fmt: str, *, terminal: bool = False) -> Any:
        """JSON or CSV text, or rich renderables for ``table`` (each section's brief
        columns on a ``terminal``, every column elsewhere)."""
        return _render(self, fmt) or _rich_chains(self)


def _figures(of_class: Any, of_total: Any, of_voting: Any, class_words: str) -> str:
    """The stated percentages, e.g. "11.4% of class, 8.0% of voting power" ("" if none).

    Examples
    --------
    >>> _figures(Decimal("11.4"), None, Decimal("8.0"), "class")
    '11.4% of class, 8.0% of voting power'
    """
    parts = [
        f"{value}% of {what}"
        for value, what in (
            (of_class, class_words),
            (of_total, "all shares"),
            (of_voting, "voting power"),
        )
        if value is not None
    ]
    return ", ".join(parts)


def _rich_chains(report: ChainReport) -> Any:
    from rich.console import Group
    from rich.markup import escape as escape_markup
    from rich.text import Text
    from rich.tree import Tree

    from ownergraph.output import mark_invisible

    def escape(text: str) -> str:  # markup shown, invisible characters marked
        return escape_markup(mark_invisible(text))

    if not report.paths:
        what = "owns or controls" if report.direction == "up" else "is owned or controlled by"
        return Text(f"Nothing in the store {what} {mark_invisible(report.entity.label)}.")
    parts: list[Any] = [Text(mark_invisible(report.title), style="bold")]
    for i, p in enumerate(report.to_json_data(), 1):
        figures = (
            _figures(
                p["effective_percent"],
                p["effective_percent_of_total"],
                p["effective_percent_of_voting"],
                "the class",
            )
            or "not stated"
        )
        top = escape(p["ultimate_controller"])
        if p["top_status"] == TOP_STATED:
            head = f"ultimate controller [bold]{top}[/] (a filing states that no one controls it)"
        else:
            head = f"top of the chain as filed [bold]{top}[/]"
        tree = Tree(f"[bold]Path {i}[/]: {head}; effective look-through {escape(figures)}")
        node = tree.add(escape(p["path"][0]))
        for lk in p["links"]:
            stake = (
                _figures(
                    lk["percent_of_class"], lk["percent_of_total"], lk["percent_of_voting"], "class"
                )
                or "percentage not stated"
            )
            passes = "; passes on the whole stake" if lk["passes_whole_stake"] else ""
            filing = f" [dim]({escape(str(lk['filing']))})[/]" if lk["filing"] else ""
            node = node.add(
                f"{escape(lk['to'])} — {escape(str(lk['kind'] or 'holding'))}: "
                f"{escape(stake)}{escape(passes)}{filing}"
            )
        for note in p["notes"]:
            tree.add(f"[italic]{escape(note)}[/]")
        parts.append(tree)
    return Group(*parts)


def chain(
    store: GraphStore,
    entity: str,
    *,
    direction: str = "up",
    as_of: dt.date | str | None = None,
) -> ChainReport:
    """Every path from ``entity`` up to its ultimate controllers (or down to what it
    holds), with the kind and percentages of each link and effective look-through
    percentages.

    Parameters
    ----------
    store : GraphStore
    entity : str
        Name, alias, CIK or CUSIP (see :func:`ownergraph.graph.lookup.resolve_entity`).
    direction : {"up", "down"}
    as_of : date or ISO text, optional
        Per holder and issuer, the latest position filed on or before this date.
    """
    from ownergraph.graph.analytics import chains, link_graph
    from ownergraph.graph.neighbourhood import around

    if direction not in ("up", "down"):
        raise QueryError(f"direction must be 'up' or 'down', not {direction!r}")
    when = _date(as_of)
    match = resolve_entity(store, entity)
    # only what a chain from the entity can reach, fetched outwards (one level more
    # than the deepest path, so that the walk sees where each path stops)
    net = around(store, str(match.iri), direction=direction, max_depth=_MAX_DEPTH + 1)
    paths = chains(link_graph(net, when), str(match.iri), direction=direction)
    met = {lk.filing for p in paths for lk in p.links if lk.filing}
    return ChainReport(match, direction, when, paths, filing_urls(store, met))


def filing_urls(store: GraphStore, filings: Iterable[str] | None = None) -> dict[str, str]:
    """Each filing's sec.gov address (``og:secUrl``), by filing IRI: of ``filings``
    only (an index lookup per filing), or of every filing when it is None."""
    text = (
        "SELECT ?f ?u WHERE { ?f a <https://w3id.org/ownergraph/ontology#Filing> ; "
        "<https://w3id.org/ownergraph/ontology#secUrl> ?u }"
    )
    if filings is None:
        rows = store.select(text)[1]
    else:
        wanted = sorted(set(filings))
        if not wanted:
            return {}
        rows = [r for chunk in _chunks(wanted) for r in store.select(scoped(text, "f", chunk))[1]]
    return {r[0].value: r[1].value for r in rows}


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


_MAX_DEPTH = 25


def _date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise QueryError(f"{value!r} is not a date (YYYY-MM-DD)") from None


# -- show ----------------------------------------------------------------------------

_PREFIX = """PREFIX og: <https://w3id.org/ownergraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def _links(
    title: str, cls: str, role: str, other: str, props: str, order: str = ""
) -> tuple[str, str, list[str]]:
    """The section of the ``og:cls`` nodes in which the entity is the ``role``, one row
    per ``other`` end and filing (then ``order``), with the properties ``props`` (words
    as :func:`ownergraph.queries.optionals` reads them) as columns."""
    names = [w.partition("=")[2] or w for w in props.split()]
    query = (
        f"SELECT DISTINCT ?{other} {' '.join('?' + n for n in names)} ?filing ?entity WHERE {{\n"
        f"  ?n og:{role} ?entity .\n  ?n og:{other} ?{other} .\n  ?n og:filing ?filing .\n"
        f"  ?n a og:{cls} .\n" + optionals("n", props) + f"}} ORDER BY ?{other} ?filing{order}"
    )
    return title, query, [other, *names, "filing"]


def _holdings(title: str, role: str, other: str) -> tuple[str, str, list[str]]:
    """The section of the holdings in which the entity is the ``role`` (``"holder"`` or
    ``"issuer"``), one row per ``other`` end, class and filing."""
    props = (
        "shareClass=security_class shares percentOfClass=percent_of_class"
        " percentOfTotal=percent_of_total percentOfVoting=percent_of_voting nature"
    )
    return _links(title, "Holding", role, other, props, " ?security_class")


def _controls(title: str, role: str, other: str) -> tuple[str, str, list[str]]:
    """The section of the control links in which the entity is the ``role``
    (``"controller"`` or ``"controlled"``), one row per ``other`` end and filing."""
    return _links(title, "Control", role, other, "kind percent")


# Each section starts from the bound entity and names the node's type last: Oxigraph
# then walks from the entity (an index hit), not from every holding or filing.
_SECTIONS: list[tuple[str, str, list[str]]] = [
    (
        "Names and identifiers",
        """SELECT DISTINCT ?field ?value ?entity WHERE {
  { ?entity rdfs:label ?value . BIND("name" AS ?field)
    # EDGAR's placeholder ("EDGAR filer CIK 102909") only while no filing names it
    FILTER(!STRSTARTS(STR(?value), "EDGAR filer CIK ") || NOT EXISTS {
      ?entity rdfs:label ?named FILTER(!STRSTARTS(STR(?named), "EDGAR filer CIK ")) }) }
  UNION { ?entity skos:altLabel ?value . BIND("alias" AS ?field) }
  UNION { ?entity og:shortName ?value . BIND("defined as" AS ?field) }
  UNION { ?entity og:cik ?value . BIND("CIK" AS ?field) }
  UNION { ?entity og:lei ?value . BIND("LEI" AS ?field) }
  UNION { ?entity og:irsNumber ?value . BIND("IRS number" AS ?field) }
  UNION { ?entity og:cusip6 ?value . BIND("CUSIP (issuer)" AS ?field) }
  UNION { ?f og:issuer ?entity . ?f og:cusip ?value . ?f a og:Filing . BIND("CUSIP" AS ?field) }
  UNION { ?d og:issuer ?entity . ?d og:cusip ?value . ?d a og:DepositaryProgramme .
          BIND("CUSIP (ADS)" AS ?field) }
  UNION { ?d og:issuer ?entity . ?d og:ticker ?value . BIND("ticker" AS ?field) }
  UNION { ?entity og:kind ?value . BIND("kind" AS ?field) }
  UNION { ?entity og:jurisdictionText ?value . BIND("organized in" AS ?field) }
  UNION { ?entity og:citizenshipText ?value . BIND("citizenship" AS ?field) }
  UNION { ?entity og:principalBusiness ?value . BIND("principal business" AS ?field) }
  UNION { ?entity og:noControllingHolder ?v . FILTER(?v)
          BIND("not controlled by any shareholder (as stated)" AS ?value)
          BIND("control" AS ?field) }
} ORDER BY ?field ?value""",
        ["field", "value"],
    ),
    _holdings("Holdings (what it holds)", "holder", "issuer"),
    _holdings("Holders (who holds it)", "issuer", "holder"),
    _controls("Controllers", "controlled", "controller"),
    _controls("Controls", "controller", "controlled"),
    (
        "People in roles",
        """SELECT DISTINCT ?person ?title ?occupation ?filing ?entity WHERE {
  ?r a og:Role ; og:organization ?entity ; og:person ?person ; og:filing ?filing .
"""
        + optionals("r", "title occupation")
        + "} ORDER BY ?person ?title",
        ["person", "title", "occupation", "filing"],
    ),
    (
        "Roles held",
        """SELECT DISTINCT ?organization ?title ?on_behalf_of ?filing ?entity WHERE {
  ?r a og:Role ; og:person ?entity ; og:filing ?filing .
"""
        + optionals("r", "organization title onBehalfOf=on_behalf_of")
        + "} ORDER BY ?organization ?title",
        ["organization", "title", "on_behalf_of", "filing"],
    ),
    (
        "Agreements",
        """SELECT DISTINCT ?agreement ?kind ?date ?role ?counterparties ?filing ?entity WHERE {
  ?agreement a og:Agreement ; og:party ?p ; og:filing ?filing .
  ?p og:entity ?entity .
  OPTIONAL { ?p og:partyRole ?role }
  OPTIONAL { ?agreement og:kind ?kind }
  OPTIONAL { ?agreement og:date ?date }
  OPTIONAL {
    SELECT ?agreement ?entity (GROUP_CONCAT(DISTINCT ?other_name; separator="; ")
                               AS ?counterparties) WHERE {
      ?agreement og:party ?p1 , ?p2 . ?p1 og:entity ?entity . ?p2 og:entity ?other .
      FILTER(?other != ?entity)
      ?other rdfs:label ?other_name .
    } GROUP BY ?agreement ?entity
  }
} ORDER BY ?date ?agreement""",
        ["agreement", "kind", "date", "role", "counterparties", "filing"],
    ),
    (
        "Transactions",
        """SELECT DISTINCT ?transaction ?kind ?seller ?buyer ?shares ?price_per_share ?currency
       ?aggregate_amount ?date ?status ?filing ?entity WHERE {
  ?transaction a og:Transaction ; og:filing ?filing .
  { ?transaction og:seller ?entity } UNION { ?transaction og:buyer ?entity }
"""
        + optionals(
            "transaction",
            "kind seller buyer shares pricePerShare=price_per_share currency"
            " aggregateAmount=aggregate_amount date status",
        )
        + "} ORDER BY ?date ?transaction",
        [
            "transaction",
            "kind",
            "seller",
            "buyer",
            "shares",
            "price_per_share",
            "currency",
            "aggregate_amount",
            "date",
            "status",
            "filing",
        ],
    ),
    (
        "Filings",
        """SELECT DISTINCT ?filing ?form ?date ?part ?url ?entity WHERE {
  # the filing's type in each branch: after the UNION, Oxigraph would join the
  # branches with every filing of the store
  { ?filing og:issuer ?entity . ?filing a og:Filing . BIND("issuer" AS ?part) }
  UNION { ?filing og:reportingPerson ?entity . ?filing a og:Filing .
          BIND("reporting person" AS ?part) }
  UNION { ?filing og:filedBy ?entity . ?filing a og:Filing . BIND("filed by" AS ?part) }
  # named in a filing that lists it neither as issuer nor as reporting person
  # (that condition is applied by show(), see _unlinked_names: FILTER NOT EXISTS
  # here costs a pass over the store); the type as a FILTER, or Oxigraph's planner
  # starts from "?filing a og:Filing" (every filing) for having more constants
  UNION { ?x ?p ?entity . FILTER(?p != og:filing) ?x og:filing ?filing .
          ?filing a ?type . FILTER(?type = og:Filing) BIND("named" AS ?part) }
"""
        + optionals(
            "filing", "form secUrl=url filedDate=filed signatureDate=signed eventDate=event"
        )
        + """  BIND(COALESCE(?filed, ?signed, ?event) AS ?date)
} ORDER BY ?date ?filing ?part""",
        ["filing", "form", "date", "part", "url"],
    ),
]

_PERCENT_COLUMNS = {
    "percent",
    "percent_of_class",
    "percent_of_total",
    "percent_of_voting",
}


@dataclass
class EntityPage:
    """Everything the store knows about one entity, section by section."""

    entity: EntityMatch
    sections: list[Table] = field(default_factory=list)

    def to_json_data(self) -> dict[str, Any]:
        """``{"entity": name, "iri": ..., sections by title: rows}``."""
        data: dict[str, Any] = {"entity": self.entity.label, "iri": str(self.entity.iri)}
        for t in self.sections:
            data[t.title or ""] = [{c: r.get(c) for c in t.columns} for r in t.rows]
        return data

    def to_json(self) -> str:
        """JSON text, exact decimals."""
        data = self.to_json_data()
        lines = []
        for k, v in data.items():
            if isinstance(v, list):
                body = (
                    "[\n" + ",\n".join("    " + json_value(r) for r in v) + "\n  ]" if v else "[]"
                )
            else:
                body = json_value(v)
            lines.append(f"  {json_value(k)}: {body}")
        return "{\n" + ",\n".join(lines) + "\n}"

    def table(self) -> Table:
        """Long form, one row per field of each fact: the section, the fact's number in
        it, what the fact is about (its first column), the field, its value as text and
        the filing that states it; ready for a spreadsheet's filters and pivots."""
        rows: list[dict[str, Any]] = []
        for t in self.sections:
            for n, r in enumerate(t.rows, 1):
                item = _plain(r.get(t.columns[0]))
                for c in t.columns[1:]:
                    if c == "filing" or r.get(c) is None:
                        continue
                    rows.append(
                        {
                            "section": t.title,
                            "fact": n,
                            "item": item,
                            "field": c,
                            "value": _plain(r.get(c)),
                            "filing": _plain(r.get("filing")),
                        }
                    )
        columns = ["section", "fact", "item", "field", "value", "filing"]
        return Table(columns, rows, self.entity.label)

    def render(self, fmt: str, *, terminal: bool = False) -> Any:
        """JSON or CSV text, or rich renderables for ``table`` (each section's brief
        columns on a ``terminal``, every column elsewhere)."""
        return _render(self, fmt) or self._rich(terminal)

    def _rich(self, terminal: bool) -> Any:
        from rich.console import Group
        from rich.markup import escape
        from rich.text import Text

        from ownergraph.output import mark_invisible, to_rich

        parts: list[Any] = [Text(mark_invisible(self.entity.describe()), style="bold")]
        for t in self.sections:
            if t.rows:
                parts.append(to_rich(t.select(terminal=terminal)))
            else:
                parts.append(Text.from_markup(f"[dim]{escape(t.title or '')}: none[/]"))
        return Group(*parts)


def _render(report: ChainReport | EntityPage, fmt: str) -> str | None:
    """``report`` as JSON or CSV text, or None for the rich ``table`` rendering."""
    if fmt == "json":
        return report.to_json()
    if fmt == "csv":
        return to_csv(report.table())
    return None


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def show(store: GraphStore, entity: str) -> EntityPage:
    """One page on ``entity``: names and identifiers, holdings and holders, controllers
    and what it controls, roles, agreements, transactions and the filings behind each.
    """
    match = resolve_entity(store, entity)
    page = EntityPage(match)
    for title, text, columns in _SECTIONS:
        # the entity as a constant in the pattern (graph.network.bound): Oxigraph joins
        # a substituted variable, or a leading VALUES block, with each UNION branch
        # only after evaluating the branch over the whole store
        scoped_text = bound(_PREFIX + text, "entity", str(match.iri))
        names, found = store.select(scoped_text)  # no rdflib SPARQL engine to import
        raw = [dict(zip(names, map(rdflib_term, row), strict=True)) for row in found]
        if title == "Filings":
            raw = _unlinked_names(raw)
        labels = labels_for(store, [v for r in raw for v in r.values() if isinstance(v, URIRef)])
        rows = []
        for r in raw:
            row = {c: python_value(r.get(c), labels) for c in columns}
            for c in _PERCENT_COLUMNS & row.keys():
                row[c] = percent(row[c])
            rows.append(row)
        page.sections.append(Table(columns, rows, title, brief=list(_BRIEF.get(title, ()))))
    return page


def _unlinked_names(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The Filings section's rows without a "named" row for a filing that lists the
    entity as its issuer or a reporting person (that row says it already).

    Examples
    --------
    >>> rows = [{"filing": "f1", "part": "issuer"}, {"filing": "f1", "part": "named"},
    ...         {"filing": "f2", "part": "filed by"}, {"filing": "f2", "part": "named"}]
    >>> [(r["filing"], r["part"]) for r in _unlinked_names(rows)]
    [('f1', 'issuer'), ('f2', 'filed by'), ('f2', 'named')]
    """
    linked = {str(r["filing"]) for r in rows if str(r["part"]) in ("issuer", "reporting person")}
    return [r for r in rows if not (str(r["part"]) == "named" and str(r["filing"]) in linked)]


#: the columns a terminal shows of each section of ``show`` (every one in a file or pipe;
#: the filing of each fact is listed in the Filings section)
_BRIEF: dict[str, tuple[str, ...]] = {
    "Holdings (what it holds)": ("issuer", "security_class", "shares", "percent_of_class"),
    "Holders (who holds it)": ("holder", "security_class", "shares", "percent_of_class"),
    "Controllers": ("controller", "kind", "percent"),
    "Controls": ("controlled", "kind", "percent"),
    "People in roles": ("person", "title", "occupation"),
    "Roles held": ("organization", "title", "on_behalf_of"),
    "Agreements": ("agreement", "kind", "date", "role", "counterparties"),
    "Transactions": ("kind", "seller", "buyer", "shares", "price_per_share", "date"),
    "Filings": ("filing", "form", "date", "url"),
}
