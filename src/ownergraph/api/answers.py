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

from rdflib import Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Identifier

from ownergraph.errors import OwnergraphError, QueryError
from ownergraph.graph.bounded import QueryInterrupted, QueryLimits, bounded_query
from ownergraph.graph.store import GraphStore
from ownergraph.output import Table, python_value
from ownergraph.queries import NamedQuery, bind_value, library, resolve_query
from ownergraph.queries.guard import check_network, refuse_network
from ownergraph.queries.shape import NotExists, select_groups, split_not_exists

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
    bound = {param: bindings[param]}
    result = bounded_query(
        store, _bound_first(store, closure, bound), bound, limits=limits, where=where
    )
    nodes = [row[0] for row in result]  # type: ignore[index]
    if len(nodes) > CLOSURE_MAX or not all(isinstance(n, URIRef) for n in nodes):
        return text
    from ownergraph.graph.remote import values_block

    block = values_block([node], [[n] for n in nodes])
    return text[:body_at] + pattern.sub(lambda _: block, text[body_at:])


def _bound_first(store: GraphStore, text: str, bindings: Mapping[str, Identifier]) -> str:
    """``text`` with the bound values also given as ``VALUES`` blocks, on a local store:
    first in the query's ``WHERE`` group, and first in each subquery that projects
    the variable (as a plain variable).

    Oxigraph applies its own bindings (``substitutions``) to the solutions of the whole
    query, after it has evaluated the patterns for every value: O(store) for a query
    about one entity. Given as data at the start of a group, the planner reads the
    patterns of those values only. A subquery is evaluated on its own, so it gets its
    own block: restricting a projected (or grouped-by) variable before or after the
    subquery gives the same rows. The values stay bound as well. A remote store puts
    its bindings first in the query's group itself (:mod:`ownergraph.graph.remote`),
    so there only the subqueries get theirs here.
    """
    if not bindings:
        return text
    from ownergraph.graph.remote import values_block, values_first

    local = isinstance(store, GraphStore)
    groups = select_groups(text)
    if not groups:  # ASK, CONSTRUCT, DESCRIBE
        return (
            values_first(text, list(bindings), [[bindings[n] for n in bindings]]) if local else text
        )
    top = groups[0][0]
    for at, projected in reversed(groups):
        # the query's own ``SELECT *`` projects every variable; a subquery's is skipped
        names = [n for n in bindings if (at == top if projected is None else n in projected)]
        if names and (local or at != top):
            block = values_block(names, [[bindings[n] for n in names]])
            text = f"{text[: at + 1]} {block}{text[at + 1 :]}"
    return text


Bindings = Mapping[str, Identifier]

#: rows of a query's ``FILTER NOT EXISTS`` tested in one join, at most this many at once
NOT_EXISTS_BATCH = 2_000


def _run(
    store: GraphStore,
    text: str,
    bindings: Bindings,
    limits: QueryLimits,
    where: str,
    shipped: bool = False,
    narrow: bool = True,
) -> Result:
    """Evaluate ``text`` with ``bindings`` within ``limits``.

    A query about bound entities (or a ``shipped`` named query) whose group holds
    ``FILTER NOT EXISTS`` blocks at its top level (the supersession of ``holdings``) is
    evaluated in two steps: the group without the blocks, narrowed by the bound values,
    then each block as one join of its pattern with the rows' values of the variables
    it shares (:func:`_matched`); the rows it matches are dropped, the others kept in
    their order, with the query's columns. Oxigraph evaluates a ``NOT EXISTS`` row by
    row without the row's values in its plan, reading every holding for each row (and
    Virtuoso cannot compile ``holdings``' one); the two steps read the rows' pairs only.
    The answer is the same: a filter applies to every solution of its group.

    Without ``narrow`` (an ad-hoc query: its parameters are not declared, and one may be
    a ``BIND`` target), the values are bound by the store alone and the text is run as
    it is.
    """
    first = bindings if narrow else {}
    split = split_not_exists(text) if (first or shipped) else None
    if split is None:
        return bounded_query(
            store, _bound_first(store, text, first), bindings, limits=limits, where=where
        )
    result = bounded_query(
        store, _bound_first(store, split.outer, first), bindings, limits=limits, where=where
    )
    rows = list(result.bindings)
    prefixes = "\n".join(p.group(0).strip() for p in _PREFIX.finditer(text))
    for block in split.blocks:
        matched = _matched(store, prefixes, block, rows, limits, where)
        rows = [r for r in rows if tuple(r.get(Variable(n)) for n in block.shared) not in matched]
    out = Result("SELECT")
    out.vars = [Variable(c) for c in split.columns]
    out.bindings = [{v: r[v] for v in out.vars if v in r} for r in rows]
    return out


def _matched(
    store: GraphStore,
    prefixes: str,
    block: NotExists,
    rows: list[Mapping[Variable, Identifier]],
    limits: QueryLimits,
    where: str,
) -> set[tuple[Identifier | None, ...]]:
    """The values of ``block.shared`` (a tuple per row, ``None`` when unbound) for
    which ``block.pattern`` has a solution: one ``SELECT DISTINCT`` per batch, the
    values first as data (each set of bound variables its own block)."""
    from ownergraph.graph.remote import values_block

    wanted: dict[tuple[str, ...], dict[tuple[Identifier, ...], None]] = {}
    for r in rows:
        names = tuple(n for n in block.shared if Variable(n) in r)
        wanted.setdefault(names, {})[tuple(r[Variable(n)] for n in names)] = None
    found: set[tuple[Identifier | None, ...]] = set()
    for names, values in wanted.items():
        if not names:  # rows that bind none of them: the pattern alone decides
            ask = bounded_query(
                store, f"{prefixes}\nASK {{ {block.pattern} }}", {}, limits=limits, where=where
            )
            if ask.askAnswer:
                found.add((None,) * len(block.shared))
            continue
        ordered = list(values)
        for at in range(0, len(ordered), NOT_EXISTS_BATCH):
            body = values_block(names, ordered[at : at + NOT_EXISTS_BATCH])
            head = " ".join(f"?{n}" for n in names)
            query = f"{prefixes}\nSELECT DISTINCT {head} WHERE {{ {body} {block.pattern} }}"
            for row in bounded_query(store, query, {}, limits=limits, where=where):
                got: dict[str, Identifier] = dict(zip(names, row, strict=True))  # type: ignore[arg-type]
                found.add(tuple(got.get(n) for n in block.shared))
    return found


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
        shipped = library().get(nq.name) is nq
        where = nq.path or nq.name
        result = _run(store, text, bindings, limits, where, shipped, narrow=bool(nq.params))
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
