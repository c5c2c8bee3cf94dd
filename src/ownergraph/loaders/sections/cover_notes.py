"""Footnotes of a cover page: ADS counts, the basis of the percentage, other classes.

Cover-page footnotes state what the rows cannot: how many ADSs the shares are held
as, the number of shares outstanding the percentage is based on (with its date and
the document it comes from), the percentage of all shares and of the voting power,
and the outstanding counts of every class of a dual-class issuer.

Examples
--------
>>> n = read_note("(1) Based on 827,197,383 Class A Ordinary Shares outstanding as of "
...               "April 13, 2021, according to the Form 20-F filed by the Issuer on "
...               "April 28, 2021.")
>>> n.basis_outstanding, n.basis_as_of, n.basis_document
(827197383, datetime.date(2021, 4, 13), 'Form 20-F filed by the Issuer on April 28, 2021')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from ownergraph.normalize import parse_date, whole_number

__all__ = ["ClassCount", "NoteFacts", "find_footnotes", "read_note", "read_row_basis"]

_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DATE = rf"(?:{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTHS},?\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
_NUM = r"\d{1,3}(?:,\d{3})+|\d+"
_PCT = r"(\d{1,3}(?:\.\d+)?|\.\d+)\s*(?:%|percent\b|per\s+cent\b)"

_ADS = re.compile(
    rf"({_NUM})\s+(?:American\s+Depositary\s+Shares|ADSs?|American\s+Depositary\s+Receipts|ADRs?)\b",
    re.I,
)
_BASIS = re.compile(
    rf"\b(?:based|calculated|computed)\s+(?:up)?on\s+(?:a\s+total\s+of\s+|an?\s+aggregate\s+of\s+|the\s+)?"
    rf"(?:approximately\s+)?({_NUM})\s+((?:[\w'\-]+\s+){{0,8}}?)(?:issued\s+and\s+)?outstanding",
    re.I,
)
_AS_OF = re.compile(rf"[^.;]{{0,120}}?\bas\s+of\s+({_DATE})", re.I)
_DOCUMENT = re.compile(
    r"\b(?:according\s+to|as\s+(?:reported|disclosed|set\s+forth|stated|indicated|provided)\s+(?:in|on|by)|"
    r"(?:reported|disclosed|set\s+forth|stated|contained)\s+in|per|from)\s+(?:the\s+|its\s+)?"
    r"(?=[^.]{0,80}?\b(?:Form|Report|Prospectus|Statement|Circular|Proxy|10-[KQ]|20-F|8-K|6-K|"
    r"Annual|Quarterly|filing|filed)\b)",
    re.I,
)
_TOTAL = re.compile(
    _PCT + r"\s+of\s+(?:the\s+)?(?:[\w'’]+\s+){0,3}?(?:total|all|aggregate|combined)\b"
    r"(?:\s+(?:issued|and|outstanding|number|of|the|[\w'’]+)){0,6}?\s+(?:shares|share\s+capital|stock)",
    re.I,
)
_VOTING = re.compile(
    _PCT
    + r"\s+of\s+(?:the\s+)?(?:[\w'’]+\s+){0,3}?(?:total\s+|aggregate\s+|combined\s+)?voting\s+(?:power|rights)",
    re.I,
)
_CLASS_COUNT = re.compile(
    rf"({_NUM})\s+(?:shares\s+of\s+)?(?:the\s+)?Class\s+([A-Z])\b((?:\s+(?:ordinary|common|preferred|"
    r"subordinate|multiple|voting|non-voting|restricted|limited))*(?:\s+(?:shares|stock|units))?)",
    re.I,
)
_MARK = re.compile(
    r"^[ \t\xa0]*(?:\((\d{1,2}|[a-z]|[*†‡]+)\)|(\*{1,4}|[†‡]+)|\[(\d{1,2})\]|(\d{1,2})[.)]?(?=[ \t\xa0]+[A-Z]))"
)
_NOISE = re.compile(
    r"(?i)^\s*(?:<PAGE>.*|CUSIP\s+(?:No\.?|Number).*|page\s+\d+\s+of\s+\d+.*|(?:SCHEDULE\s+)?13[DG](?:/A)?\s*"
    r"|\*?\s*SEE\s+INSTRUCTIONS.*|INCLUDE\s+BOTH\s+SIDES.*|[-_=*\s]+)$"
)


@dataclass
class ClassCount:
    """ "827,197,383 Class A Ordinary Shares" outstanding, as a footnote states it."""

    label: str
    title: str
    outstanding: int
    as_of: dt.date | None
    quote: str


@dataclass
class NoteFacts:
    """What one footnote says."""

    ads_count: int | None = None
    ads_quote: str | None = None
    basis_outstanding: int | None = None
    basis_class: str | None = None
    basis_as_of: dt.date | None = None
    basis_document: str | None = None
    basis_quote: str | None = None
    percent_of_total: Decimal | None = None
    total_quote: str | None = None
    percent_of_voting: Decimal | None = None
    voting_quote: str | None = None
    total_outstanding: int | None = None
    total_outstanding_quote: str | None = None
    classes: list[ClassCount] = field(default_factory=list)


def _sentence_end(text: str, pos: int) -> int:
    m = re.compile(
        r"(?<!\b[A-Z])(?<!\bNo)(?<!\bInc)(?<!\bCorp)(?<!\bCo)(?<!\bLtd)\.(?=\s|$)"
    ).search(text, pos)
    return m.end() if m else len(text)


def _document(text: str, pos: int) -> str | None:
    m = _DOCUMENT.search(text, pos)
    if m is None or m.start() - pos > 200:
        return None
    end = _sentence_end(text, m.end())
    d = re.compile(_DATE, re.I).search(text, m.end(), end)
    stop = d.end() if d else end
    doc = text[m.end() : stop].strip(" ,;.")
    doc = re.sub(r"\s+", " ", doc)
    return doc or None


def read_note(text: str) -> NoteFacts:
    """The facts of one footnote (see :class:`NoteFacts`).

    Examples
    --------
    >>> read_note("(1) Represented by 15,735,962 ADSs, each of which represents six shares.").ads_count
    15735962
    >>> f = read_note("The reporting person beneficially owns 11.0% of the Issuer's total outstanding "
    ...               "ordinary shares and holds 8.0% of the voting power, which is based on "
    ...               "862,079,106 ordinary shares issued and outstanding as of April 13, 2021, "
    ...               "comprising 827,197,383 Class A Ordinary Shares, 34,821,723 Class B ordinary "
    ...               "shares, and 60,000 Class C ordinary shares.")
    >>> f.percent_of_total, f.percent_of_voting, f.total_outstanding
    (Decimal('11.0'), Decimal('8.0'), 862079106)
    >>> [(c.label, c.outstanding) for c in f.classes]
    [('A', 827197383), ('B', 34821723), ('C', 60000)]
    """
    facts = NoteFacts()
    flat = re.sub(r"\s+", " ", text)
    m = _ADS.search(flat)
    if m and re.search(
        r"\b(?:represented|held|in\s+the\s+form|consist|comprising|includes?)\b",
        flat[max(0, m.start() - 60) : m.start()],
        re.I,
    ):
        facts.ads_count = whole_number(m.group(1))
        facts.ads_quote = m.group(0)
    total = _TOTAL.search(flat)
    if total:
        facts.percent_of_total = Decimal(total.group(1))
        facts.total_quote = total.group(0)
    voting = _VOTING.search(flat)
    if voting:
        facts.percent_of_voting = Decimal(voting.group(1))
        facts.voting_quote = voting.group(0)
    bases = list(_BASIS.finditer(flat))
    for i, b in enumerate(bases):
        n = int(b.group(1).replace(",", ""))
        words = b.group(2).strip()
        as_of_m = _AS_OF.match(flat, b.end())
        as_of = parse_date(as_of_m.group(1)) if as_of_m else None
        is_total = bool(
            facts.percent_of_total is not None or facts.percent_of_voting is not None
        ) and (
            i > 0
            or (total is not None and total.start() < b.start())
            or (voting is not None and voting.start() < b.start())
        )
        if not is_total and facts.basis_outstanding is None:
            facts.basis_outstanding = n
            facts.basis_class = words or None
            facts.basis_as_of = as_of
            facts.basis_document = _document(flat, b.end())
            facts.basis_quote = flat[b.start() : _sentence_end(flat, b.end())].strip()
        elif facts.total_outstanding is None and is_total:
            facts.total_outstanding = n
            facts.total_outstanding_quote = flat[b.start() : _sentence_end(flat, b.end())].strip()
        # classes listed with counts after this basis
        tail_end = _sentence_end(flat, b.end())
        tail = flat[b.start() : tail_end]
        for c in _CLASS_COUNT.finditer(tail):
            label = c.group(2).upper()
            if any(x.label == label for x in facts.classes):
                continue
            title = re.sub(r"\s+", " ", f"Class {label}{c.group(3)}").strip()
            facts.classes.append(
                ClassCount(label, title, int(c.group(1).replace(",", "")), as_of, c.group(0))
            )
    return facts


_ROW_BASIS = re.compile(
    rf"\b(?:based|calculated|computed)\s+(?:up)?on\s+(?:a\s+total\s+of\s+|an?\s+aggregate\s+of\s+|the\s+)?"
    rf"(?:approximately\s+)?({_NUM})\s+(?:[\w'\-]+\s+){{0,6}}?(?:shares|stock|units)\b",
    re.I,
)
_ROW_DATE = re.compile(rf"\b(?:at|as\s+of|on)\s+({_DATE})", re.I)


def read_row_basis(text: str) -> tuple[int | None, dt.date | None]:
    """The basis of a percentage that the percent-of-class row itself states.

    Some filers write the basis into the row ("9.66% at 5/19/03 based on 8,460,187
    common shares") instead of a footnote: the number of shares the percentage is
    based on, and the date it is stated at, when written.

    Examples
    --------
    >>> read_row_basis("9.66% at 5/19/03 based on 8,460,187 common shares")
    (8460187, datetime.date(2003, 5, 19))
    >>> read_row_basis("5.2% (based on 10,000 shares outstanding as of March 1, 2020)")
    (10000, datetime.date(2020, 3, 1))
    >>> read_row_basis("12.2%")
    (None, None)
    """
    flat = re.sub(r"\s+", " ", text)
    facts = read_note(flat)
    if facts.basis_outstanding is not None:
        return facts.basis_outstanding, facts.basis_as_of
    m = _ROW_BASIS.search(flat)
    if m is None:
        return None, None
    d = _ROW_DATE.search(flat)
    return whole_number(m.group(1)), parse_date(d.group(1)) if d else None


def find_footnotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the footnote paragraphs that follow a cover page's last row.

    Footnotes open with a mark — "(1)", "*", "**", "[1]", "1" — and run to the next
    blank line or the next mark. Page headers between them ("CUSIP No.", "Page 2 of 9",
    ``<PAGE>``) are skipped; anything else ends the footnotes.

    Examples
    --------
    >>> t = "CO\\n\\n(1) Based on 10 shares.\\n\\n(2) Second.\\n\\nItem 1."
    >>> [t[s:e] for s, e in find_footnotes(t, 2, len(t))]
    ['(1) Based on 10 shares.', '(2) Second.']
    """
    spans: list[tuple[int, int]] = []
    pos = start
    current: list[int] | None = None
    for line_m in re.finditer(r"[^\n]*\n?", text[start:end]):
        line = line_m.group(0)
        if not line:
            break
        ls = start + line_m.start()
        le = ls + len(line.rstrip("\n"))
        stripped = line.strip()
        if not stripped:
            if current is not None:
                spans.append((current[0], current[1]))
                current = None
            continue
        if _MARK.match(line):
            if current is not None:
                spans.append((current[0], current[1]))
            current = [ls + len(line) - len(line.lstrip()), le]
            continue
        if current is not None:
            current[1] = le
            continue
        if _NOISE.match(line):
            continue
        break
    else:
        pos = end
    if current is not None:
        spans.append((current[0], current[1]))
    del pos
    return [(s, e) for s, e in spans if text[s:e].strip()]
