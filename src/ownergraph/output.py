"""Tables, CSV and JSON for query answers: exact numbers, entities by name.

Invisible characters (Unicode format characters, category ``Cf``: the bidi controls
U+202A-U+202E, U+2066-U+2069, U+200E/U+200F, U+061C, and U+200B, U+FEFF ...; line and
paragraph separators; control characters other than tab and newline) are kept in the
data as written but can never make one name look like another: a table shows each as a
visible marker (``⟨U+202E⟩``), JSON writes each as its exact ``\\u`` escape, and CSV
keeps them as they are (CSV is data for other programs; exactness first).

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
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from ownergraph.errors import QueryError

__all__ = [
    "Table",
    "escape_invisible",
    "is_invisible",
    "json_value",
    "mark_invisible",
    "python_value",
    "render",
    "to_csv",
    "to_json",
    "to_rich",
]

_INTEGER_TYPES = {
    XSD.integer,
    XSD.int,
    XSD.long,
    XSD.nonNegativeInteger,
    XSD.positiveInteger,
    XSD.short,
}


_INVISIBLE_CATEGORIES = {"Cf", "Zl", "Zp", "Cc"}


def is_invisible(ch: str) -> bool:
    r"""True for a character that is invisible or reorders text: format characters
    (``Cf``, the bidi controls among them), line/paragraph separators, controls other
    than tab and newline.

    >>> [is_invisible(c) for c in "a\u202e\u200b\n\t\x1b"]
    [False, True, True, False, False, True]
    """
    return ch not in "\t\n" and unicodedata.category(ch) in _INVISIBLE_CATEGORIES


def mark_invisible(text: str) -> str:
    r"""``text`` with each invisible character shown as a marker ``⟨U+XXXX⟩``.

    >>> mark_invisible("Acme\u202eLtd")
    'Acme⟨U+202E⟩Ltd'
    >>> mark_invisible("plain") == "plain"
    True
    """
    if text.isascii() and all(" " <= c < "\x7f" or c in "\t\n" for c in text):
        return text
    return "".join(f"⟨U+{ord(c):04X}⟩" if is_invisible(c) else c for c in text)


def escape_invisible(text: str) -> str:
    r"""JSON text with each invisible character written as its ``\u`` escape (a
    surrogate pair beyond the BMP): the same string once parsed, visible as written.

    >>> escape_invisible(json.dumps("a\u202eb", ensure_ascii=False))
    '"a\\u202eb"'
    >>> json.loads(escape_invisible(json.dumps("x\U000e0041", ensure_ascii=False)))
    'x\U000e0041'
    """
    if text.isascii():
        return text  # json.dumps escaped the ASCII controls already
    out = []
    for c in text:
        if not is_invisible(c):
            out.append(c)
        elif ord(c) < 0x10000:
            out.append(f"\\u{ord(c):04x}")
        else:
            v = ord(c) - 0x10000
            out.append(f"\\u{0xD800 + (v >> 10):04x}\\u{0xDC00 + (v & 0x3FF):04x}")
    return "".join(out)


@dataclass
class Table:
    """Rows of plain Python values under named columns."""

    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    title: str | None = None
    #: the columns a terminal shows by default (all of them when empty)
    brief: list[str] = field(default_factory=list)

    def select(self, columns: Sequence[str] | None = None, *, terminal: bool = False) -> Table:
        """The table with only ``columns`` (``["all"]`` for every one); without them, the
        brief columns on a terminal and every column elsewhere (a file, a pipe).

        Examples
        --------
        >>> t = Table(["a", "b", "c"], [{"a": 1, "b": 2, "c": 3}], brief=["a", "c"])
        >>> t.select(terminal=True).columns, t.select().columns, t.select(["b"]).rows
        (['a', 'c'], ['a', 'b', 'c'], [{'b': 2}])
        >>> t.select(["x"])
        Traceback (most recent call last):
        ...
        ownergraph.errors.QueryError: no column 'x' in this answer; its columns: a, b, c
        """
        if columns and list(columns) != ["all"]:
            unknown = [c for c in columns if c not in self.columns]
            if unknown:
                raise QueryError(
                    f"no column {unknown[0]!r} in this answer; its columns: "
                    + ", ".join(self.columns)
                )
            chosen = list(columns)
        elif terminal and not columns and self.brief:
            chosen = [c for c in self.brief if c in self.columns]
        else:
            return self
        rows = [{c: r.get(c) for c in chosen} for r in self.rows]
        return Table(chosen, rows, self.title)


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
            + ", ".join(
                f"{escape_invisible(json.dumps(str(k), ensure_ascii=False))}: {json_value(v)}"
                for k, v in value.items()
            )
            + "}"
        )
    return escape_invisible(json.dumps(str(value), ensure_ascii=False))


def to_json(table: Table) -> str:
    """An array of objects keyed by the column names."""
    if not table.rows:
        return "[]"
    lines = [
        "  {" + ", ".join(f"{json_value(c)}: {json_value(row.get(c))}" for c in table.columns) + "}"
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
    return mark_invisible(_text(value))


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

    title = escape(mark_invisible(table.title)) if table.title else None
    t = RichTable(title=title, show_lines=False)
    for c in table.columns:
        t.add_column(escape(mark_invisible(c)), overflow="fold")
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
