"""Narrowing an export: to what was filed on or before a date, and to the parties within
a number of relations of one entity.

May import: :mod:`ownergraph.graph` (the lookup, when a focus is given), the foundation.
"""

from __future__ import annotations

from collections import deque

from ownergraph.errors import QueryError
from ownergraph.exports.records import ExportData, Relation
from ownergraph.graph.store import GraphStore

__all__ = ["scope"]


def scope(
    store: GraphStore,
    data: ExportData,
    *,
    focus: str | None = None,
    hops: int = 2,
    as_of: str | None = None,
) -> ExportData:
    """Narrow ``data`` to what was filed on or before ``as_of`` and to the parties within
    ``hops`` relations of the entity ``focus`` names (looked up by name, alias, CIK or
    CUSIP with :func:`ownergraph.graph.lookup.resolve_entity`).

    With ``as_of``, a relation is kept when its filing is dated on or before that day
    (a transaction also by its own date), and of several holdings of one holder in one
    issuer's class only those of the latest such filing.

    Raises
    ------
    QueryError
        when ``as_of`` is not an ISO date, ``hops`` is negative, or ``focus`` names no
        entity or several.
    """
    relations = data.relations
    if as_of is not None:
        relations = _as_of(data, relations, _iso_date(as_of))
    keep: set[str] | None = None
    if focus is not None:
        from ownergraph.graph.lookup import resolve_entity

        if hops < 0:
            raise QueryError(f"--hops must be 0 or more, not {hops}")
        start = str(resolve_entity(store, focus).iri)
        keep = _within(start, relations, hops)
        relations = [r for r in relations if r.source in keep and r.target in keep]
    elif as_of is not None:
        keep = {r.source for r in relations} | {r.target for r in relations}
    entities = (
        data.entities if keep is None else {k: v for k, v in data.entities.items() if k in keep}
    )
    used = {r.filing for r in relations}
    filings = data.filings if keep is None else {k: v for k, v in data.filings.items() if k in used}
    return ExportData(entities, filings, relations)


def _iso_date(text: str) -> str:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise QueryError(f"--as-of {text!r} is not a date (use YYYY-MM-DD)") from None


def _as_of(data: ExportData, relations: list[Relation], day: str) -> list[Relation]:
    def filed(r: Relation) -> str | None:
        f = data.filing_of(r)
        return f.date if f else r.date

    dated = [r for r in relations if (filed(r) or "9999") <= day and (r.date or "") <= day]
    latest: dict[tuple[str, str, str], str] = {}
    for r in dated:
        if r.kind == "holding":
            key = (r.source, r.target, str(r.values.get("share_class_label", "")))
            latest[key] = max(latest.get(key, ""), filed(r) or "")
    return [
        r
        for r in dated
        if r.kind != "holding"
        or (filed(r) or "")
        == latest[(r.source, r.target, str(r.values.get("share_class_label", "")))]
    ]


def _within(start: str, relations: list[Relation], hops: int) -> set[str]:
    neighbours: dict[str, set[str]] = {}
    for r in relations:
        neighbours.setdefault(r.source, set()).add(r.target)
        neighbours.setdefault(r.target, set()).add(r.source)
    seen = {start}
    queue = deque([(start, 0)])
    while queue:
        node, depth = queue.popleft()
        if depth == hops:
            continue
        for nxt in sorted(neighbours.get(node, ())):
            if nxt not in seen:
                seen.add(nxt)
                queue.append((nxt, depth + 1))
    return seen
