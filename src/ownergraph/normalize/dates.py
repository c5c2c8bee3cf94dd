"""Dates as written in filings, to ``datetime.date``.

Examples
--------
>>> parse_date("Dated: May 14, 2021")
datetime.date(2021, 5, 14)

The layouts filings use all read as the same day:

>>> {parse_date(t) for t in ("April 13, 2021", "2021-04-13", "04/13/2021", "20210413",
...                          "13 April 2021")}
{datetime.date(2021, 4, 13)}
>>> parse_date("February 30, 2021") is None
True
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["MONTHS", "parse_date"]

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), "ymd"),
    (re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(\d{4})", re.I), "mdy_name"),
    (
        re.compile(
            r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?" + _MONTH + r",?\s+(\d{4})", re.I
        ),
        "dmy_name",
    ),
    (re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?!\d)"), "mdy"),
    (re.compile(r"(?<!\d)(\d{1,2})-(\d{1,2})-(\d{4})(?!\d)"), "mdy"),
    (re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)"), "ymd"),
]


def _make(y: int, m: int, d: int) -> dt.date | None:
    if y < 100:
        y += 2000 if y < 70 else 1900
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def parse_date(text: str | None) -> dt.date | None:
    """The first date in ``text``; ``None`` when there is none or it is impossible."""
    if not text:
        return None
    best: tuple[int, dt.date | None] | None = None
    for pattern, kind in _PATTERNS:
        m = pattern.search(text)
        if m is None:
            continue
        g = m.groups()
        if kind == "ymd":
            value = _make(int(g[0]), int(g[1]), int(g[2]))
        elif kind == "mdy_name":
            value = _make(int(g[2]), MONTHS[g[0].lower().rstrip(".")], int(g[1]))
        elif kind == "dmy_name":
            value = _make(int(g[2]), MONTHS[g[1].lower().rstrip(".")], int(g[0]))
        else:
            value = _make(int(g[2]), int(g[0]), int(g[1]))
        if best is None or m.start() < best[0]:
            best = (m.start(), value)
    return best[1] if best else None
