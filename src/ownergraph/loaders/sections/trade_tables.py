"""Tables of trades: Item 5(c)'s "transactions effected during the past sixty days".

A 13D lists its recent trades as a table, in Item 5(c) itself or in a schedule, annex or
exhibit it points to. The columns vary from filer to filer and come in any order: the
trade date, the quantity (``(9,022)`` for a sale in some tables), the price per share,
often the trading party's name, sometimes the nature of the trade ("Sale of Common
Stock") or a price range. When the table has no name column, a caption line above the
header or between groups of rows ("LIONEYE MASTER FUND LTD") names the party.

A table is recognised by its header row alone: a line of cells (tab-separated, or runs of
two or more spaces in plain text) with a date column, a quantity column and a
price-per-share column. Each following row with a date, a quantity and a price becomes a
:class:`~ownergraph.record.Transaction` citing that row; the table ends at the first line
that is neither a row, a caption nor blank.

The direction of a trade is read, in this order, from the nature cell, from the sign of
the quantity (parentheses or a minus), from the quantity's or date's header
("Shares Purchased", "No. of Shares Disposed of") and from the sentence before the table
("all such transactions were purchases"). A trade whose direction the filing does not
state is kept with kind ``"trade"`` and a warning.

May import: ``sections.mentions``, the foundation (record, normalize).

Examples
--------
>>> from ownergraph.record import Filing
>>> from ownergraph.loaders.sections.mentions import Context
>>> t = ("(c) The following table sets forth the transactions.\\n\\n"
...      "Name\\tDate\\tShares Sold\\tPrice Per Share ($)\\n"
...      "Alpha Fund LP\\t01/04/2021\\t1,500\\t12.3456\\n"
...      "Alpha Fund LP\\t1/5/2021\\t250.5 (1)\\t12.40 (2)\\n\\n"
...      "(1) A footnote.\\n")
>>> ctx = Context(t, Filing(form="SC 13D", schedule="13D"))
>>> parse_trade_tables(ctx)
>>> [(x.kind, ctx.filing.entities[x.seller].name, x.date.isoformat(), x.shares, x.price_per_share, x.currency)
...  for x in ctx.filing.transactions]
[('sale', 'Alpha Fund LP', '2021-01-04', 1500, Decimal('12.3456'), 'USD'), ('sale', 'Alpha Fund LP', '2021-01-05', Decimal('250.5'), Decimal('12.40'), 'USD')]
>>> ctx.filing.transactions[1].source.quote
'Alpha Fund LP\\t1/5/2021\\t250.5 (1)\\t12.40 (2)'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ownergraph.loaders.sections.mentions import Context
from ownergraph.normalize import parse_date
from ownergraph.record import Transaction

__all__ = ["parse_trade_tables", "table_columns"]

#: header cell → column role; the first rule that matches a cell decides
_COLUMN_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("range", re.compile(r"\brange\b|\bhigh\b|\blow\b", re.I)),
    ("price", re.compile(r"\bprice\b|\bper\s+share\b|\bcost\b", re.I)),
    ("date", re.compile(r"\bdate\b|\btrade\s+day\b", re.I)),
    (
        "quantity",
        re.compile(
            r"\bshares\b|\bquantity\b|\bamount\b|\bnumber\b|\bno\.|\bunits\b|\bsecurities\b|#",
            re.I,
        ),
    ),
    ("name", re.compile(r"\bname\b|\breporting\s+person\b|\bentity\b|\bfund\b|\bparty\b", re.I)),
    (
        "nature",
        re.compile(r"\bnature\b|\btype\b|\btransaction\b|\bbuy\b|\bsell\b|\baction\b", re.I),
    ),
)
_SELL = re.compile(r"\b(?:sale|sales|sold|sell|sells|disposed?|dispositions?)\b", re.I)
_BUY = re.compile(r"\b(?:purchases?|purchased|buys?|bought|acquired|acquisitions?)\b", re.I)
_STATED_KIND = re.compile(
    r"\b(?:were|are|was|is)\s+(?:all\s+)?(?:open[\s-]+market\s+)?"
    r"(purchases|sales|acquisitions|dispositions)\b",
    re.I,
)
#: a table or caption that marks sales by sign: an unsigned quantity there is a purchase
#: ("Purchased/(Sold)", "purchases and sales (-)", "sales are shown in parentheses")
_SIGNED_SALES = re.compile(
    "|".join(
        (
            r"\((?:sold|sales?|sell|disposed|dispositions?)\)",
            r"\bsales?\s*\(\s*-\s*\)",
            r"\bsales?\b[^.\n]{0,30}\b(?:shown|indicated|in)\s+(?:in\s+)?(?:parenthes[ie]s|brackets)",
        )
    ),
    re.I,
)
#: header words of tables that are not trades: options and warrants, their terms
_NOT_TRADES = re.compile(
    r"\b(?:exercise|strike|conversion|expir\w*|maturity|vest\w*|grant\w*)\b", re.I
)
#: the sentence before a table naming its one party ("other than the Fund as set forth in the table")
_TABLE_PARTY = re.compile(
    r"\b(?:other\s+than|by)\s+(?:the\s+)?([A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,6})\s*,?\s+"
    r"(?:as\s+|is\s+|are\s+)?(?:set\s+forth|listed|shown)\s+(?:in\s+the\s+table|below)"
)
_NUMBER = re.compile(r"^\(?-?\$?\s*\(?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\)?$")
#: footnote marks after a value: "(1)", "*", "(a)", a superscript digit
_MARK = re.compile(r"(?:\s*(?:\(\w{1,2}\)|\*+|[¹²³⁴⁵⁶⁷⁸⁹]))+\s*$")
_CAPTION = re.compile(r"^[A-Za-z][^\t\d]{2,120}$")
#: not a party's caption: an item or total line, or a sentence ("... in the open market.")
_NOT_CAPTION = re.compile(r"^(?i:item|total|note|schedule|annex|exhibit)\b|[:;]$|\b[a-z]{3,}\.$")
_SCHEDULE = re.compile(
    r"^[ \t]*(SCHEDULE|ANNEX|APPENDIX|EXHIBIT|Schedule|Annex|Appendix|Exhibit)[ \t]+([A-Z]{1,3}|[\d.]{1,6}|[IVX]{1,4})[ \t]*$",
    re.M,
)
_PRICE_LINE = re.compile(r"^[^\n]*\bprice\b[^\n]*$", re.I | re.M)


@dataclass
class _Columns:
    date: int
    quantity: int
    price: int
    name: int | None
    nature: int | None
    header: list[str]


def _cells(line: str, need: int = 0) -> list[str]:
    """The cells of a row: split at tabs, else (or when too few) at runs of spaces."""
    parts = line.split("\t") if "\t" in line else []
    if len(parts) <= need or len(parts) < 2:
        parts = re.split(r"[ \t]*\t[ \t]*| {2,}", line.strip())
    return [p.strip() for p in parts]


def _party(caption: str) -> str:
    """A caption's party name, without a parenthetical ("X LLC (Through its accounts)")."""
    return re.sub(r"\s*\(.*$", "", caption).strip() or caption


def _last_match(pattern: re.Pattern[str], text: str, start: int, end: int) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``text[start:end]`` (``start`` clipped at 0)."""
    last = None
    for last in pattern.finditer(text, max(0, start), end):  # noqa: B007
        pass
    return last


def _section(ctx: Context, offset: int) -> str | None:
    """The schedule or annex heading above ``offset`` when no section was recorded there."""
    if ctx.section_at(offset) != "Filing":
        return None
    last = _last_match(_SCHEDULE, ctx.text, offset - 20000, offset)
    return f"{last.group(1).title()} {last.group(2)}" if last else None


def table_columns(cells: list[str]) -> dict[str, int]:
    """The column role of each header cell that has one (first cell of a role wins).

    Examples
    --------
    >>> table_columns(["Nature of the Transaction", "Securities Purchased/(Sold)",
    ...                "Price Per Share ($)", "Date of Purchase / Sale", "Price Range ($)"])
    {'nature': 0, 'quantity': 1, 'price': 2, 'date': 3, 'range': 4}
    """
    out: dict[str, int] = {}
    for i, cell in enumerate(cells):
        if not cell or len(cell) > 80 or re.search(r"\d{2}", cell):
            continue
        for role, pattern in _COLUMN_RULES:
            if pattern.search(cell):
                out.setdefault(role, i)
                break
    return out


def _header(line: str) -> _Columns | None:
    cells = _cells(line)
    if len(cells) < 3:
        return None
    roles = table_columns(cells)
    if any(_NOT_TRADES.search(c) for c in cells if len(c) <= 80):
        return None
    if not {"date", "quantity", "price"} <= roles.keys():
        return None
    return _Columns(
        roles["date"],
        roles["quantity"],
        roles["price"],
        roles.get("name"),
        roles.get("nature"),
        cells,
    )


def _number(cell: str) -> tuple[int | Decimal, bool] | None:
    """A quantity or price cell as an exact number, and whether it is written negative."""
    text = _MARK.sub("", cell).replace("\xa0", " ").strip()
    negative = text.startswith(("(", "-", "−")) and not text.startswith("$")
    m = _NUMBER.match(text.replace("−", "-").replace("$ ", "$"))
    if m is None:
        return None
    whole = m.group(1).replace(",", "")
    if len(whole) > 18:
        return None
    try:
        value: int | Decimal = Decimal(whole + m.group(2)) if m.group(2) else int(whole)
    except InvalidOperation:
        return None
    return value, negative


def _quantity(value: int | Decimal) -> int | Decimal:
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def _direction(*texts: str) -> str | None:
    for text in texts:
        sell, buy = bool(_SELL.search(text)), bool(_BUY.search(text))
        if sell != buy:
            return "sale" if sell else "purchase"
    return None


def _lines(text: str, start: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each line from ``start`` on, read lazily."""
    pos = start
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        yield pos, end
        pos = end + 1


def _caption_before(text: str, header_start: int) -> str | None:
    """The party named on the last non-blank line above the header, if it names one."""
    before = text[max(0, header_start - 300) : header_start].rstrip("\n").split("\n")
    for line in reversed(before[-3:]):
        if line.strip():
            return _party(line.strip()) if _is_caption(line) else None
    return None


def _named_in_sentence(ctx: Context, header_start: int) -> str | None:
    """A party the sentence above the table names as its trader, when the filing knows it."""
    found = _last_match(_TABLE_PARTY, ctx.text, header_start - 800, header_start)
    return found.group(1) if found and ctx.resolve(found.group(1)) else None


def _is_caption(line: str) -> bool:
    line = line.strip()
    return bool(_CAPTION.match(line)) and not _NOT_CAPTION.search(line) and len(line.split()) <= 12


def _stated_kind(text: str, header_start: int) -> str | None:
    m = _last_match(_STATED_KIND, text, header_start - 800, header_start)
    if m is None:
        return None
    return "sale" if m.group(1).lower() in {"sales", "dispositions"} else "purchase"


def parse_trade_tables(ctx: Context) -> None:
    """Add a transaction for every row of every trade table in the filing text."""
    text = ctx.text
    consumed = 0
    number = sum(1 for t in ctx.filing.transactions if t.key.startswith("txn-trade-"))
    for m in _PRICE_LINE.finditer(text):
        if m.start() < consumed:
            continue
        cols = _header(m.group(0))
        if cols is None:
            continue
        party = _caption_before(text, m.start()) or _named_in_sentence(ctx, m.start())
        stated = _stated_kind(text, m.start())
        before = text[max(0, m.start() - 800) : m.start()]
        signed = bool(_SIGNED_SALES.search(cols.header[cols.quantity] + "\n" + before))
        header_kind = _direction(cols.header[cols.quantity], cols.header[cols.date])
        for l0, l1 in _lines(text, m.end() + 1):
            line = text[l0:l1]
            if not line.strip() or _header(line) is not None:
                continue  # a blank line, or the header repeated under a new caption
            cells = _cells(line, max(cols.date, cols.quantity, cols.price))
            tx = _row(ctx, cols, cells, party, (header_kind, signed, stated), l0, l1, number + 1)
            if tx is not None:
                number += 1
                ctx.filing.transactions.append(tx)
                consumed = l1
            elif len([c for c in cells if c]) == 1 and _is_caption(line):
                party = _party(line.strip())
            else:
                break


def _row(
    ctx: Context,
    cols: _Columns,
    cells: list[str],
    party: str | None,
    hints: tuple[str | None, bool, str | None],
    l0: int,
    l1: int,
    number: int,
) -> Transaction | None:
    need = max(cols.date, cols.quantity, cols.price)
    if len(cells) <= need:
        return None
    date = parse_date(_MARK.sub("", cells[cols.date]).strip())
    qty = _number(cells[cols.quantity])
    price = _number(cells[cols.price])
    if date is None or qty is None or price is None or price[1]:
        return None
    name = cells[cols.name] if cols.name is not None and cols.name < len(cells) else None
    name = name or party
    nature = cells[cols.nature] if cols.nature is not None else ""
    src = ctx.source(l0, l1, _section(ctx, l0))
    warnings: list[str] = []
    header_kind, signed, stated = hints
    kind = (
        _direction(nature)
        or ("sale" if qty[1] else None)
        or ("purchase" if signed else None)
        or header_kind
        or stated
    )
    if kind is None:
        kind = "trade"
        whose = f" of {name}" if name else ""
        warnings.append(
            f"the table does not say whether this trade{whose} was a purchase or a sale"
        )
    who = (ctx.resolve(name) or ctx.ensure(name, source=src)) if name else None
    if who is None:
        warnings.append("the table does not name the party to this trade")
    tx = Transaction(
        key=f"txn-trade-{number}",
        kind=kind,
        seller=who if kind == "sale" else None,
        buyer=who if kind == "purchase" else None,
        shares=_quantity(qty[0]),
        price_per_share=Decimal(price[0]),
        currency="USD" if "$" in cells[cols.price] + cols.header[cols.price] else None,
        share_class=ctx.filing.subject_class,
        date=date,
        status="completed",
        source=src,
    )
    tx.warnings.extend(warnings)
    for field in ("kind", "shares", "price_per_share", "date", "status"):
        tx.cite(field, src)
    if tx.currency:
        tx.cite("currency", src)
    if who is not None:
        tx.cite("seller" if kind == "sale" else "buyer", src)
    return tx
