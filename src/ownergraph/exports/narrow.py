"""Narrowing an export (the steps of :func:`ownergraph.exports.reader.scope`): to what was
filed on or before a date, and to the parties within a number of relations of one entity.

May import: the foundation (the records it narrows are :mod:`ownergraph.exports.reader`'s).
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from ownergraph.errors import QueryError

if TYPE_CHECKING:  # the reader imports this module
    from ownergraph.exports.reader import ExportData, Relation

__all__ = ["as_of_relations", "iso_date", "within"]


def iso_date(text: str) -> str:
    """``text`` as an ISO date, or a :class:`QueryError` naming ``--as-of``.

    >>> iso_date(" 2021-04-13 ")
    '2021-04-13'
    """
    import datetime as dt

    try:
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise QueryError(f"--as-of {text!r} is not a date (use YYYY-MM-DD)") from None


def as_of_relations(data: ExportData, relations: list[Relation], day: str) -> list[Relation]:
    """The relations filed on or before ``day`` (a transaction also dated by then), and of
    several holdings of one holder in one issuer's class only those of the latest filing."""

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


def within(start: str, relations: list[Relation], hops: int) -> set[str]:
    """The parties at most ``hops`` relations away from ``start`` (itself included)."""
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
