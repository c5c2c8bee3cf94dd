"""Answers from a store: named and ad-hoc SPARQL as tables, labels, RDF export.

May import: the graph layer, :mod:`ownergraph.queries`, :mod:`ownergraph.output`.

Examples
--------
>>> from ownergraph.api.loading import example_path, load_paths, open_store
>>> store = open_store(None)
>>> _ = load_paths(store, [example_path()])
>>> table = run_query(store, "holdings", {"holder": "Tuspark"})
>>> table.rows[0]["shares"]
94415771
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import IO

from rdflib import Literal, URIRef
from rdflib.query import Result
from rdflib.term import Identifier

from ownergraph.errors import OwnergraphError, QueryError
from ownergraph.graph.bounded import QueryInterrupted, QueryLimits, bounded_query
from ownergraph.graph.store import GraphStore
from ownergraph.output import Table, python_value
from ownergraph.queries import NamedQuery, bind_value, library, resolve_query
from ownergraph.queries.guard import check_network, refuse_network

__all__ = [
    "QueryInterrupted",
    "QueryLimits",
    "check_query",
    "export",
    "labels_for",
    "result_table",
    "run_query",
]


def labels_for(store: GraphStore, iris: Iterable[URIRef]) -> dict[URIRef, str]:
    """The ``rdfs:label`` of each IRI that has one."""
    wanted = sorted({i for i in iris if isinstance(i, URIRef)})
    out: dict[URIRef, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        values = " ".join(f"<{i}>" for i in chunk if ">" not in i and " " not in i)
        if not values:
            continue
        text = (
            # the two aggregates apart (Virtuoso cannot compile COALESCE over aggregates)
            "SELECT ?s (SAMPLE(?shown) AS ?display) (MIN(STR(?l)) AS ?label) WHERE { VALUES ?s { "
            + values
            + " } ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l"
            + " OPTIONAL { ?s <https://w3id.org/ownergraph/ontology#displayName> ?shown } }"
            + " GROUP BY ?s"
        )
        for s, display, label in store.select(text)[1]:
            out[URIRef(s.value)] = (label if display is None else display).value
    vocabulary = _vocabulary_labels()
    for i in wanted:
        if i not in out and i in vocabulary:
            out[i] = vocabulary[i]
    return out


@functools.lru_cache(maxsize=1)
def _vocabulary_labels() -> dict[URIRef, str]:
    """Labels of the ontology's own terms (the ``fact`` of a source is a property)."""
    from rdflib.namespace import RDF

    from ownergraph.ontology import term_labels

    labels = {URIRef(iri): label for iri, label in term_labels().items()}
    labels[URIRef(str(RDF.type))] = "the record as a whole"
    return labels


def _bindings(
    store: GraphStore, nq: NamedQuery, params: Mapping[str, str]
) -> dict[str, Identifier]:
    from ownergraph.graph.lookup import resolve_entity

    declared = {p.name: p for p in nq.params}
    out: dict[str, Identifier] = {}
    for name, value in params.items():
        param = declared.get(name)
        if param is None:
            if nq.params:
                known = ", ".join(declared)
                raise QueryError(f"query {nq.name!r} has no parameter {name!r} (it takes: {known})")
            out[name] = Literal(value)  # an ad-hoc query: bind the value as a string
            continue
        if param.type == "entity":
            out[name] = resolve_entity(store, value).iri
        else:
            out[name] = bind_value(param, value)
    missing = [p.name for p in nq.params if p.required and p.name not in params]
    if missing:
        raise QueryError(f"query {nq.name!r} needs the parameter(s): {', '.join(missing)}")
    return out


#: ``# closure: ?node PATH ?param`` in a query's header: the nodes the path reaches
#: from the bound parameter, computed first (see :func:`_closure_first`)
_CLOSURE = re.compile(r"^\s*#\s*closure\s*:\s*\?(\w+)\s+(.+?)\s+\?(\w+)\s*$", re.MULTILINE)
_PREFIX = re.compile(r"^\s*PREFIX\s+[\w-]*:\s*<[^<>\s]*>", re.MULTILINE | re.IGNORECASE)
#: a closure larger than this is left to the query itself (a VALUES block that long
#: costs more than it saves)
CLOSURE_MAX = 20_000


def _closure_first(
    store: GraphStore,
    text: str,
    bindings: Mapping[str, Identifier],
    limits: QueryLimits,
    where: str,
) -> str:
    """``text`` with the closure its header declares computed first: each occurrence
    of the declared pattern ``?node PATH ?param .`` in the query becomes a ``VALUES``
    block of the nodes it reaches; ``text`` itself when it declares none, its
    parameter is not bound, or the closure is too large.

    ``control-chain`` walks ``?lower (og:controls|og:owns)* ?entity`` and then joins
    the links of each node. Bound or not, Oxigraph's planner cannot see how few nodes
    that path reaches, and joins the links of the whole store against it (O(store)).
    The path alone from the bound entity costs O(answer), and given its nodes as data
    the planner fetches the links of those nodes only. The answer is the same: with
    the parameter bound, the block holds exactly the values the pattern gives the node.
    """
    m = _CLOSURE.search(text)
    if m is None or m.group(3) not in bindings:
        return text
    node, path, param = m.groups()
    pattern = re.compile(re.escape(f"?{node} {path} ?{param}") + r"\s*\.")
    body_at = text.find("\n", m.end())
    if body_at < 0 or not pattern.search(text, body_at):
        return text
    prefixes = "\n".join(p.group(0).strip() for p in _PREFIX.finditer(text))
    closure = f"{prefixes}\nSELECT DISTINCT ?{node} ?{param} WHERE {{ ?{node} {path} ?{param} }}"
    result = bounded_query(store, closure, {param: bindings[param]}, limits=limits, where=where)
    nodes = [row[0] for row in result]  # type: ignore[index]
    if len(nodes) > CLOSURE_MAX or not all(isinstance(n, URIRef) for n in nodes):
        return text
    from ownergraph.graph.remote import values_block

    block = values_block([node], [[n] for n in nodes])
    return text[:body_at] + pattern.sub(lambda _: block, text[body_at:])


def result_table(store: GraphStore, result: Result, title: str | None = None) -> Table:
    """An rdflib query result as a :class:`Table`, IRIs shown by their labels."""
    if result.type == "ASK":
        return Table(["answer"], [{"answer": bool(result.askAnswer)}], title)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None
        triples = sorted(result.graph)
        labels = labels_for(store, [t for tr in triples for t in tr if isinstance(t, URIRef)])
        rows = [
            {
                k: python_value(v, labels)
                for k, v in zip(("subject", "predicate", "object"), tr, strict=True)
            }
            for tr in triples
        ]
        return Table(["subject", "predicate", "object"], rows, title)
    columns = [str(v) for v in (result.vars or [])]
    raw = [dict(zip(columns, row, strict=True)) for row in result]  # type: ignore[arg-type]
    labels = labels_for(store, [v for r in raw for v in r.values() if isinstance(v, URIRef)])
    rows = [{c: python_value(r.get(c), labels) for c in columns} for r in raw]
    return Table(columns, rows, title)


@functools.lru_cache(maxsize=128)
def _is_update(text: str, where: str) -> bool:
    """:func:`refuse_network` of ``text`` (which raises for SERVICE, LOAD or text that is
    not SPARQL), remembered: the parse costs tens of milliseconds, and a named query
    is the same text each time it runs."""
    return refuse_network(text, where).is_update


def check_query(spec: str, *, allow_update: bool = False) -> bool:
    """Resolve ``spec`` and refuse it before any store is opened: SERVICE and LOAD
    always, an update without ``allow_update``, text the SPARQL grammar cannot read.
    True when it is an update.

    A query shipped in the package is a SELECT that the grammar reads
    (``tests/test_command_imports.py`` parses every one), so it is not parsed again
    here (the grammar's import and parse took 0.6 s of each ``query`` command); it is
    still proved free of SERVICE and LOAD (:func:`~ownergraph.queries.guard.check_network`).

    Examples
    --------
    >>> check_query("SELECT * WHERE { ?s ?p ?o }")
    False
    >>> check_query("DROP ALL")
    Traceback (most recent call last):
    ...
    ownergraph.errors.QueryError: inline: refused: this is a SPARQL Update, which changes the store; pass --allow-update to run it
    """
    nq = resolve_query(spec)
    where = nq.path or nq.name
    if library().get(spec) is nq:
        check_network(nq.text, where)
        is_update = False
    else:
        is_update = _is_update(nq.text, where)  # SERVICE / LOAD: never, even with allow_update
    if is_update and not allow_update:
        raise QueryError(
            f"{where}: refused: this is a SPARQL Update, which changes the store; "
            "pass --allow-update to run it"
        )
    return is_update


def run_query(
    store: GraphStore,
    spec: str,
    params: Mapping[str, str] | None = None,
    *,
    allow_update: bool = False,
    limits: QueryLimits | None = None,
) -> Table:
    """Run a named query, a ``.rq`` file, or SPARQL text, with ``params`` bound.

    SPARQL Update is refused unless ``allow_update`` is true; ``SERVICE`` and ``LOAD``
    (which would reach the network) are refused always, read from the parsed query. A
    query runs within ``limits`` (time, rows, memory; :mod:`ownergraph.graph.bounded`),
    by default those of the environment or 60 s, a million rows, 4 GB.
    """
    nq = resolve_query(spec)
    if check_query(spec, allow_update=allow_update):
        if params:
            raise QueryError("parameters cannot be bound into a SPARQL Update")
        try:
            store.dataset.update(nq.text)
        except OwnergraphError:
            raise
        except Exception as e:
            raise QueryError(f"{nq.path or nq.name}: the update failed: {e}") from None
        return Table(["result"], [{"result": "update applied"}], nq.title)
    bindings = _bindings(store, nq, params or {})
    limits = limits or QueryLimits.from_env()
    try:
        text = _closure_first(store, nq.text, bindings, limits, nq.path or nq.name)
        result = bounded_query(store, text, bindings, limits=limits, where=nq.path or nq.name)
        table = result_table(store, result, nq.title)
        table.brief = list(nq.brief)
    except OwnergraphError:
        raise
    except Exception as e:
        raise QueryError(f"{nq.path or nq.name}: the query failed: {e}") from None
    # Oxigraph binds only projected variables, so queries project their parameters;
    # a parameter column that stays empty (the parameter was not given) is dropped
    empty = {
        p.name
        for p in nq.params
        if p.name in table.columns and all(row.get(p.name) is None for row in table.rows)
    }
    if empty and table.rows:
        table.columns = [c for c in table.columns if c not in empty]
        for row in table.rows:
            for c in empty:
                row.pop(c, None)
    return table


def export(store: GraphStore, fmt: str, dest: IO[bytes]) -> None:
    """Write the whole store as ``ttl``, ``trig``, ``nq`` or ``jsonld``."""
    store.export(fmt, dest)
