"""The ownership and control network as a networkx graph.

:func:`project` reads the RDF graph (a :class:`~ownergraph.graph.store.GraphStore` or
any rdflib graph built by :mod:`ownergraph.graph.build`) and returns a
``networkx.MultiDiGraph`` whose nodes are parties and whose edges point **from the
owner or controller to what it owns or controls**. It is the stable interface that the
analytics (:mod:`ownergraph.graph.analytics`) and the viewer build on.

Node keys are entity IRIs (``str``). Node attributes:

``label``
    the name the entity is best known by (``rdfs:label``);
``kind``
    ``company``, ``person``, ``fund``, ``government`` or ``unknown``;
``names``
    every name and alias (sorted), ``short_names`` the defined terms ("Tuspark");
``cik``, ``lei``
    identifiers or ``None``; ``cusips`` a sorted list of CUSIP numbers / issuer prefixes;
``jurisdiction``
    ISO 3166 code of the place of organization (or citizenship) or ``None``;
``no_controlling_holder``
    ``True`` when a filing states that nobody controls the entity.

Edge keys are the IRIs of the ``og:Holding`` or ``og:Control`` node behind the edge, so
parallel edges (one per filing, one per holding) are kept. Edge attributes:

``relation``
    ``"owns"`` (an ``og:Holding``) or ``"controls"`` (an ``og:Control``);
``kind``
    for control links the kind stated (``wholly owned``, ``majority``, ``minority stake``,
    ``group member``, ``control by contract``, ``general partner`` ...); for holdings the
    kind read from the percentage (:func:`holding_kind`), ``None`` when unknown;
``percent`` / ``percent_of_class`` / ``percent_of_total`` / ``percent_of_voting``
    exact ``Decimal`` percentages (percent units) where stated, else ``None``;
``shares`` (``int``), ``share_class`` (label), ``as_of`` (``datetime.date``), ``direct``
    (``bool`` or ``None``), ``nature`` (text), ``cover_page`` (``True`` for the position
    a cover page reports);
``filing`` (IRI), ``filing_label``, ``filing_date``
    the filing the fact was read from and its date (filed, else signed, else event date);
``section``, ``quote``
    the exact source text the fact was read from.

Examples
--------
>>> from rdflib import Graph
>>> g = Graph().parse(data='''
... @prefix og: <https://w3id.org/ownergraph/ontology#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
... <urn:a> og:fingerprint "a" ; rdfs:label "A Ltd" ; og:kind "company" .
... <urn:b> og:fingerprint "b" ; rdfs:label "B Inc" .
... <urn:f> a og:Filing ; rdfs:label "13D" ; og:filedDate "2024-01-02"^^xsd:date .
... <urn:h> a og:Holding ; og:holder <urn:a> ; og:issuer <urn:b> ; og:filing <urn:f> ;
...     og:percentOfClass "60.5"^^xsd:decimal ; og:shares 100 .
... ''', format="turtle")
>>> net = project(g)
>>> net.nodes["urn:a"]["label"], net.nodes["urn:a"]["kind"]
('A Ltd', 'company')
>>> e = net.edges["urn:a", "urn:b", "urn:h"]
>>> e["relation"], e["kind"], e["percent_of_class"], e["shares"], str(e["filing_date"])
('owns', 'majority', Decimal('60.5'), 100, '2024-01-02')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from rdflib import Graph, URIRef

from ownergraph.graph import oxrows
from ownergraph.graph.store import GraphStore
from ownergraph.output import python_value
from ownergraph.queries import optionals

if TYPE_CHECKING:  # networkx is imported where a graph is built (a fifth of a second)
    import networkx as nx

__all__ = [
    "CONTROL_KINDS_PASSING_STAKE",
    "Source",
    "bound",
    "edge_percent",
    "holding_kind",
    "project",
    "scoped",
    "values_clause",
]

Source = GraphStore | Graph

_T = TypeVar("_T")

#: control-link kinds under which the controller commands the whole stake of the
#: controlled entity (everything but a bare minority stake)
CONTROL_KINDS_PASSING_STAKE = frozenset(
    {
        "wholly owned",
        "majority",
        "group member",
        "control by contract",
        "general partner",
        "investment manager",
        "control person",
        "control",
    }
)

_P = "PREFIX og: <https://w3id.org/ownergraph/ontology#>\n"
_P += "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
_P += "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
_P += "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"

_ENTITIES = (
    _P
    + """
SELECT ?e ?p ?o WHERE {
  ?e og:fingerprint ?fp .
  ?e ?p ?o .
  VALUES ?p { rdfs:label og:displayName skos:altLabel og:shortName og:kind og:cik og:lei og:cusip6
              og:jurisdictionCode og:citizenshipCode og:noControllingHolder rdf:type }
}"""
)

#: the entity properties :func:`_add_entities` reads
_ENTITY_PROPERTIES = frozenset(
    [
        "http://www.w3.org/2000/01/rdf-schema#label",
        "http://www.w3.org/2004/02/skos/core#altLabel",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    ]
    + [
        "https://w3id.org/ownergraph/ontology#" + p
        for p in [
            "displayName",
            "shortName",
            "kind",
            "cik",
            "lei",
            "cusip6",
            "jurisdictionCode",
            "citizenshipCode",
            "noControllingHolder",
        ]
    ]
)

#: the triples of the entities in scope with the properties above (read for a few
#: entities at a time: Oxigraph answers this from the subject index, where a VALUES list
#: of the properties would be joined with every triple of each; the FILTER keeps the
#: rest, most of them name tokens, out of Python: 5 ms where they took 17 ms)
_ENTITIES_OF = (
    "SELECT ?e ?p ?o WHERE { ?e ?p ?o FILTER(?p IN ("
    + ", ".join(f"<{p}>" for p in sorted(_ENTITY_PROPERTIES))
    + ")) }"
)

_FILINGS = (
    _P
    + """
SELECT ?f ?label ?filed ?signed ?event ?accession WHERE {
  ?f a og:Filing .
"""
    + optionals(
        "f", "rdfs:label=label filedDate=filed signatureDate=signed eventDate=event accession"
    )
    + "}"
)

_ISSUER_CUSIPS = (
    _P
    + """
SELECT DISTINCT ?e ?cusip WHERE {
  ?x og:issuer ?e .
  ?x og:cusip ?cusip .
}"""
)

_HOLDINGS = (
    _P
    + """
SELECT ?h ?holder ?issuer ?filing ?shares ?pclass ?ptotal ?pvoting ?asof ?direct ?nature
       ?classLabel ?cover WHERE {
  ?h a og:Holding ; og:holder ?holder ; og:issuer ?issuer .
"""
    + optionals(
        "h",
        "filing shares percentOfClass=pclass percentOfTotal=ptotal percentOfVoting=pvoting"
        " asOf=asof direct nature",
    )
    + """  OPTIONAL { ?h og:shareClass ?class . ?class rdfs:label ?classLabel }
  OPTIONAL { ?h og:coverPage ?cover }
}"""
)

_CONTROLS = (
    _P
    + """
SELECT ?c ?controller ?controlled ?filing ?kind ?percent WHERE {
  ?c a og:Control ; og:controller ?controller ; og:controlled ?controlled .
"""
    + optionals("c", "filing kind percent")
    + "}"
)

_SPANS = (
    _P
    + """
SELECT ?about ?field ?section ?quote WHERE {
  ?about og:source ?span .
  { ?about a og:Holding } UNION { ?about a og:Control }
  ?span og:quote ?quote .
  OPTIONAL { ?span og:field ?field }
  OPTIONAL { ?span og:section ?section }
}"""
)

#: the span that best supports a whole edge, by record field (lower is better)
_FIELD_RANK = {
    "percent_of_class": 0,
    "percent": 0,
    "record": 1,
    "aggregate": 2,
    "shares": 2,
    "person": 3,
    "holder": 3,
}


#: a function giving the text of a query restricted to the nodes of one variable
Scope = Callable[[str, str], str]


def _everything(text: str, var: str) -> str:
    return text


def values_clause(var: str, iris: Iterable[str]) -> str:
    """``VALUES ?var { <iri> ... }`` for IRIs met in the store (anything that is not a
    plain IRI is refused, so nothing but IRIs reaches the query text).

    Examples
    --------
    >>> values_clause("e", ["urn:a", "urn:b"])
    'VALUES ?e { <urn:a> <urn:b> }'
    """
    parts = []
    for iri in iris:
        if _NOT_IN_IRI.search(iri):
            raise ValueError(f"not an IRI: {iri!r}")
        parts.append(f"<{iri}>")
    return f"VALUES ?{var} {{ {' '.join(parts)} }}"


#: a character that cannot stand in an IRI written in a query
_NOT_IN_IRI = re.compile(r'[<>"{}|^`\\\x00-\x20]')


def scoped(text: str, var: str, iris: Iterable[str]) -> str:
    """``text`` (a SELECT with one ``WHERE {``) with ``?var`` bound to ``iris``.

    Examples
    --------
    >>> scoped("SELECT ?e WHERE { ?e ?p ?o }", "e", ["urn:a"])
    'SELECT ?e WHERE { VALUES ?e { <urn:a> }  ?e ?p ?o }'
    """
    head, sep, tail = text.partition("WHERE {")
    return f"{head}{sep} {values_clause(var, iris)} {tail}"


def bound(text: str, var: str, iri: str) -> str:
    """``text`` (a SELECT with one ``WHERE {``) with ``?var`` replaced by the constant
    ``<iri>`` in its pattern and left out of its projection; ``scoped(text, var,
    [iri])`` when the text has a subquery (its own projection may name ``?var``).

    Oxigraph plans a constant into every branch of a ``UNION`` and every ``EXISTS``,
    where a leading ``VALUES`` block or a substitution is joined after the branch is
    evaluated over the whole store. The IRI is checked as :func:`values_clause` does.

    Examples
    --------
    >>> bound("SELECT ?v ?e WHERE { { ?e <urn:p> ?v } UNION { ?e <urn:q> ?v } }", "e", "urn:a")
    'SELECT ?v WHERE { { <urn:a> <urn:p> ?v } UNION { <urn:a> <urn:q> ?v } }'
    >>> bound("SELECT ?e WHERE { ?e ?p ?o } ORDER BY ?e", "e", "urn:a")
    'SELECT ?e WHERE { VALUES ?e { <urn:a> }  ?e ?p ?o } ORDER BY ?e'
    """
    values_clause(var, [iri])  # refuses anything that is not a plain IRI
    head, sep, body = text.partition("WHERE {")
    name = re.compile(rf"[?$]{re.escape(var)}\b")
    where, _, tail = body.rpartition("}")
    projection = re.sub(r"\s+", " ", name.sub("", head)).rstrip()
    if not sep or "SELECT" in body.upper() or name.search(tail) or "?" not in projection:
        return scoped(text, var, [iri])
    return f"{projection} {sep}{name.sub(f'<{iri}>', where)}}}{tail}"


def _rows(source: Source, text: str) -> Iterable[tuple[Any, ...]]:
    """The rows of ``text``: plain values from a store (:mod:`.oxrows`), rdflib terms
    from an rdflib graph (the code below reads both alike)."""
    return oxrows.rows(source, text)


def _typed(value: Any, convert: Callable[[str], _T]) -> _T | None:
    """``convert`` applied to the text of a query result term; None for an unbound or
    unreadable one."""
    v = python_value(value)
    if v is None:
        return None
    try:
        return convert(str(v))
    except (ValueError, ArithmeticError):
        return None


def _date(value: Any) -> dt.date | None:
    return _typed(value, lambda s: dt.date.fromisoformat(s[:10]))


def _dec(value: Any) -> Decimal | None:
    return _typed(value, Decimal)


def _int(value: Any) -> int | None:
    return _typed(value, int)


def holding_kind(
    percent_of_class: Decimal | None,
    percent_of_total: Decimal | None = None,
    percent_of_voting: Decimal | None = None,
) -> str | None:
    """The kind of a holding read from its percentage: voting power first, then all
    shares, then the class.

    Examples
    --------
    >>> holding_kind(Decimal("100"))
    'wholly owned'
    >>> holding_kind(Decimal("11.4"), Decimal("11.0"), Decimal("8.0"))
    'minority stake'
    >>> holding_kind(Decimal("40"), None, Decimal("51"))
    'majority'
    >>> holding_kind(None) is None
    True
    """
    pct = next((p for p in (percent_of_voting, percent_of_total, percent_of_class) if p), None)
    if pct is None:
        zero = any(p == 0 for p in (percent_of_voting, percent_of_total, percent_of_class))
        return "none" if zero else None
    if pct >= 100:
        return "wholly owned"
    if pct > 50:
        return "majority"
    return "minority stake"


def edge_percent(attrs: dict[str, Any]) -> Decimal | None:
    """The stake an edge states, voting power first, then all shares, then the class.

    Examples
    --------
    >>> edge_percent({"percent_of_class": Decimal("11.4"), "percent_of_total": Decimal("11.0")})
    Decimal('11.0')
    """
    for k in ("percent_of_voting", "percent_of_total", "percent_of_class", "percent"):
        v = attrs.get(k)
        if v is not None:
            return v
    return None


def _filings(source: Source, scope: Scope = _everything) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for f, label, filed, signed, event, accession in _rows(source, scope(_FILINGS, "f")):
        key = str(f)
        date = _date(filed) or _date(signed) or _date(event)
        cur = out.setdefault(
            key,
            {"label": str(label) if label else key, "date": date, "accession": None},
        )
        if cur["date"] is None:
            cur["date"] = date
        if accession is not None:
            cur["accession"] = str(accession)
    return out


def _spans(source: Source, scope: Scope = _everything) -> dict[str, tuple[str | None, str]]:
    best: dict[str, tuple[int, str, str | None, str]] = {}
    for about, field, section, quote in _rows(source, scope(_SPANS, "about")):
        rank = _FIELD_RANK.get(str(field) if field else "", 9)
        key = str(about)
        cand = (rank, str(field or ""), str(section) if section else None, str(quote))
        if key not in best or cand[:2] < best[key][:2]:
            best[key] = cand
    return {k: (v[2], v[3]) for k, v in best.items()}


def _add_entities(net: nx.MultiDiGraph, source: Source, scope: Scope = _everything) -> None:
    og = "https://w3id.org/ownergraph/ontology#"
    kinds = {
        og + "Person": "person",
        og + "Company": "company",
        og + "Fund": "fund",
        og + "Government": "government",
    }
    if scope is _everything:
        rows = _rows(source, _ENTITIES)
    else:
        rows = _rows(source, scope(_ENTITIES_OF, "e"))
    for e, p, o in rows:
        key = str(e)
        _ensure_node(net, key, label=None)
        n = net.nodes[key]
        prop, value = str(p), python_value(o)
        local = prop.rsplit("#", 1)[-1]
        if local == "displayName":
            n["display_name"] = str(value)
        elif local == "label" and prop.endswith("rdf-schema#label"):
            if n["label"] is None or str(value) < n["label"]:
                n["label"] = str(value)
            _add_sorted(n["names"], str(value))
        elif local == "altLabel":
            _add_sorted(n["names"], str(value))
        elif local == "shortName":
            _add_sorted(n["short_names"], str(value))
        elif local == "kind":
            if n["kind"] == "unknown":
                n["kind"] = str(value)
        elif local == "type":
            k = kinds.get(str(o))
            if k and n["kind"] == "unknown":
                n["kind"] = k
        elif local == "cik":
            n["cik"] = str(value)
        elif local == "lei":
            n["lei"] = str(value)
        elif local == "cusip6":
            _add_sorted(n["cusips"], str(value))
        elif local in ("jurisdictionCode", "citizenshipCode"):
            if n["jurisdiction"] is None or local == "jurisdictionCode":
                n["jurisdiction"] = str(value)
        elif local == "noControllingHolder":
            n["no_controlling_holder"] = bool(value)
    for e, cusip in _rows(source, scope(_ISSUER_CUSIPS, "e")):
        if str(e) in net:
            _add_sorted(net.nodes[str(e)]["cusips"], str(cusip))
    for key, n in net.nodes(data=True):
        shown = n.pop("display_name", None)
        if shown is not None:
            n["label"] = shown  # the name the latest filing uses (graph.names)
        elif n["label"] is None:
            n["label"] = key.rsplit("/", 1)[-1]


def _add_sorted(values: list[str], value: str) -> None:
    if value not in values:
        values.append(value)
        values.sort()


def _ensure_node(net: nx.MultiDiGraph, key: str, label: str | None = "") -> None:
    """Add the entity node ``key`` with empty attributes unless it is there; its label
    is ``label``, or the last part of the IRI when ``label`` is ``""``."""
    if key not in net:
        net.add_node(
            key,
            label=key.rsplit("/", 1)[-1] if label == "" else label,
            kind="unknown",
            names=[],
            short_names=[],
            cik=None,
            lei=None,
            cusips=[],
            jurisdiction=None,
            no_controlling_holder=None,
        )


def project(source: Source) -> nx.MultiDiGraph:
    """The ownership and control network of ``source`` (a store or an rdflib graph).

    Parameters
    ----------
    source : GraphStore or rdflib.Graph
        The store (every filing's graph, as one union) or one graph.

    Returns
    -------
    networkx.MultiDiGraph
        Entities as nodes, one edge per ``og:Holding`` (``relation="owns"``) and per
        ``og:Control`` (``relation="controls"``), from owner/controller to owned/controlled.
        See the module documentation for every attribute. Holdings of an entity in itself
        are left out.
    """
    return _project(source, _everything)


def _project(source: Source, scope: Scope, net: Any = None) -> nx.MultiDiGraph:
    """The projection of the entities, holdings, control links, filings and spans that
    ``scope`` lets through (the whole source under :func:`_everything`), into ``net``
    (an empty multigraph with networkx's interface; a new networkx one when None)."""
    if net is None:
        import networkx as nx

        net = nx.MultiDiGraph()
    _add_entities(net, source, scope)
    filings = _filings(source, scope)
    spans = _spans(source, scope)

    def common(node: str, filing: Any) -> dict[str, Any]:
        f = filings.get(str(filing)) if filing is not None else None
        section, quote = spans.get(node, (None, None))
        return {
            "node": node,
            "filing": str(filing) if filing is not None else None,
            "filing_label": f["label"] if f else None,
            "filing_date": f["date"] if f else None,
            "section": section,
            "quote": quote,
        }

    for row in _rows(source, scope(_HOLDINGS, "h")):
        h, holder, issuer, filing, shares, pc, pt, pv, asof, direct, nature, cls, cover = row
        a, b = str(holder), str(issuer)
        if a == b or not isinstance(holder, URIRef) or not isinstance(issuer, URIRef):
            continue
        _ensure_node(net, a)
        _ensure_node(net, b)
        pcl, ptot, pvot = _dec(pc), _dec(pt), _dec(pv)
        attrs = common(str(h), filing)
        attrs.update(
            relation="owns",
            kind=holding_kind(pcl, ptot, pvot),
            percent=None,
            percent_of_class=pcl,
            percent_of_total=ptot,
            percent_of_voting=pvot,
            shares=_int(shares),
            share_class=str(cls) if cls else None,
            as_of=_date(asof),
            direct=python_value(direct) if direct is not None else None,
            nature=str(nature) if nature else None,
            cover_page=cover is not None,
        )
        if net.has_edge(a, b, str(h)):
            continue  # a second class label or cover page of the same holding
        net.add_edge(a, b, key=str(h), **attrs)

    for c, controller, controlled, filing, kind, percent in _rows(source, scope(_CONTROLS, "c")):
        a, b = str(controller), str(controlled)
        if a == b or not isinstance(controller, URIRef) or not isinstance(controlled, URIRef):
            continue
        _ensure_node(net, a)
        _ensure_node(net, b)
        pct = _dec(percent)
        attrs = common(str(c), filing)
        attrs.update(
            relation="controls",
            kind=str(kind) if kind else "control",
            percent=pct,
            percent_of_class=None,
            percent_of_total=None,
            percent_of_voting=None,
            shares=None,
            share_class=None,
            as_of=None,
            direct=True,
            nature=None,
            cover_page=False,
        )
        net.add_edge(a, b, key=str(c), **attrs)
    return net
