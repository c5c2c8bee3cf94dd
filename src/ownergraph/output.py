"""Tables, CSV and JSON for query answers: exact numbers, entities by name.

Examples
--------
>>> from decimal import Decimal
>>> r = Table(["holder", "shares", "percent"], [{"holder": "Tuspark", "shares": 94415771,
...        "percent": Decimal("11.4")}])
>>> print(to_json(r))
[
  {"holder": "Tuspark", "shares": 94415771, "percent": 11.4}
]
>>> print(to_csv(r), end="")
holder,shares,percent
Tuspark,94415771,11.4
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

__all__ = ["Table", "json_value", "python_value", "render", "to_csv", "to_json", "to_rich"]

_INTEGER_TYPES = {
    XSD.integer,
    XSD.int,
    XSD.long,
    XSD.nonNegativeInteger,
    XSD.positiveInteger,
    XSD.short,
}


@dataclass
class Table:
    """Rows of plain Python values under named columns."""

    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    title: str | None = None


def python_value(node: Any, labels: Mapping[URIRef, str] | None = None) -> Any:
    """The plain value of an RDF term: int, Decimal, ISO date string, bool, or a name.

    Examples
    --------
    >>> python_value(Literal("11.4", datatype=XSD.decimal))
    Decimal('11.4')
    >>> python_value(Literal("2021-04-13", datatype=XSD.date))
    '2021-04-13'
    >>> python_value(URIRef("urn:x"), {URIRef("urn:x"): "X Ltd."})
    'X Ltd.'
    """
    if node is None:
        return None
    if isinstance(node, URIRef):
        return (labels or {}).get(node, str(node))
    if isinstance(node, BNode):
        return str(node)
    if isinstance(node, Literal):
        dtype = node.datatype
        if dtype in _INTEGER_TYPES:
            try:
                return int(str(node))
            except ValueError:
                return str(node)
        if dtype == XSD.decimal:
            try:
                return Decimal(str(node))
            except ArithmeticError:
                return str(node)
        if dtype == XSD.boolean:
            return str(node).lower() in ("true", "1")
        if dtype in (XSD.date, XSD.dateTime):
            return str(node)
        return str(node)
    return node


def json_value(value: Any) -> str:
    """One value as JSON text; a ``Decimal`` is written exactly as a JSON number."""
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text if value.is_finite() else json.dumps(str(value))
    if isinstance(value, bool | int) or value is None:
        return json.dumps(value)
    if isinstance(value, dt.date):
        return json.dumps(value.isoformat())
    if isinstance(value, list):
        return "[" + ", ".join(json_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{json.dumps(str(k))}: {json_value(v)}" for k, v in value.items())
            + "}"
        )
    return json.dumps(str(value), ensure_ascii=False)


def to_json(table: Table) -> str:
    """An array of objects keyed by the column names."""
    if not table.rows:
        return "[]"
    lines = [
        "  {" + ", ".join(f"{json.dumps(c)}: {json_value(row.get(c))}" for c in table.columns) + "}"
        for row in table.rows
    ]
    return "[\n" + ",\n".join(lines) + "\n]"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    return str(value)


def _cell(value: Any) -> str:
    """Table cells group thousands in whole numbers (94,415,771) for reading."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return _text(value)


def to_csv(table: Table) -> str:
    """CSV with a header row."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(table.columns)
    for row in table.rows:
        w.writerow([_text(row.get(c)) for c in table.columns])
    return buf.getvalue()


def to_rich(table: Table) -> Any:
    """A ``rich`` table (every filing text escaped: rich markup in a value is shown, not run)."""
    from rich.markup import escape
    from rich.table import Table as RichTable

    t = RichTable(title=escape(table.title) if table.title else None, show_lines=False)
    for c in table.columns:
        t.add_column(escape(c), overflow="fold")
    for row in table.rows:
        t.add_row(*(escape(_cell(row.get(c))) for c in table.columns))
    return t


def render(table: Table, fmt: str) -> str | Any:
    """``table`` as ``json`` or ``csv`` text, or a rich renderable for ``table``."""
    if fmt == "json":
        return to_json(table)
    if fmt == "csv":
        return to_csv(table)
    return to_rich(table)
