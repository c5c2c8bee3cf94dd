"""Small readers for the XML schedules: entity kinds, share counts, signatures, exhibits.

Pure functions on strings, shared by :mod:`ownergraph.loaders.formats.xml13`.

Examples
--------
>>> entity_kind(["IN"], "Gloria E. Gebbia")
<EntityKind.PERSON: 'person'>
>>> entity_kind(["IN"], 'John J & Gloria E Gebbia TTEESS UAD 12/8/94 "Gebbia Living Trust"')
<EntityKind.FUND: 'fund'>
>>> read_shares("16941323.00")
16941323
>>> signer_name("By: ECP ControlCo, LLC, its managing member, By: /s/ Jennifer Gray")
'Jennifer Gray'
>>> role_title("Jennifer Gray, General Counsel", "Jennifer Gray")
'General Counsel'
>>> [(e.number, e.title) for e in read_exhibits("Exhibit 1 - BML Letter to the Board")]
[('1', 'BML Letter to the Board')]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ownergraph.normalize import parse_date, parse_int
from ownergraph.record import ControlKind, EntityKind

__all__ = [
    "ExhibitLine",
    "authority_chain",
    "control_kind",
    "entity_kind",
    "percent_basis",
    "read_exhibits",
    "read_percent",
    "read_shares",
    "role_kinds",
    "role_title",
    "signer_name",
]

# Words that make a name an organisation or a trust even when typed "IN".
_ORGISH = re.compile(
    r"\b(?:trust|trusts|ttee|ttees|trustees?|u/?a|uad|dtd|estate|foundation|fund|funds|llc|"
    r"l\.l\.c|inc|corp|corporation|ltd|limited|l\.?p|llp|partners|partnership|company|co|"
    r"holdings?|plc|gmbh|s\.?a|n\.?v|b\.?v|ag|ab|sarl|pte|pty|ira|401\(?k\)?)\b\.?|&|\d",
    re.IGNORECASE,
)
_POOLED = re.compile(
    r"\b(?:trust|ttees?|trustees?|fund|funds|l\.?p|lllp|partnership|foundation|estate|"
    r"icav|sicav|scsp|scs)\b\.?",
    re.IGNORECASE,
)
_POOLED_CODES = {"PN", "IV", "EP", "CP"}
_COMPANY_CODES = {"CO", "BD", "BK", "IC", "IA", "HC", "SA", "FI"}


def entity_kind(codes: list[str], name: str) -> EntityKind:
    """The kind of a reporting person from its type codes (row 14 / 12) and name.

    ``IN`` (individual) makes a person unless the name is plainly a trust or a firm
    (filers type family trusts ``IN``); partnerships, investment companies and plans
    are pooled vehicles (``FUND``); the institutional codes make companies.

    Examples
    --------
    >>> entity_kind(["HC", "IN"], "Matthew Halbower")
    <EntityKind.PERSON: 'person'>
    >>> entity_kind(["PN"], "BML Investment Partners, L.P.")
    <EntityKind.FUND: 'fund'>
    >>> entity_kind(["OO"], "ECP ControlCo, LLC")
    <EntityKind.COMPANY: 'company'>
    >>> entity_kind(["OO"], "Irrevocable Larson Family Investment Trust")
    <EntityKind.FUND: 'fund'>
    """
    upper = {c.upper() for c in codes}
    if "IN" in upper and not _ORGISH.search(name):
        return EntityKind.PERSON
    if _POOLED.search(name) or (upper & _POOLED_CODES and not upper & _COMPANY_CODES):
        return EntityKind.FUND
    if upper & _COMPANY_CODES or _ORGISH.search(name):
        return EntityKind.COMPANY
    return EntityKind.UNKNOWN


def read_shares(text: str | None) -> int | Decimal | None:
    """A share count as the XML writes it: ``int`` when whole ("16941323.00"), the exact
    ``Decimal`` when the document states a fraction ("3947887.88" units); ``None`` when
    there is no number.

    Examples
    --------
    >>> read_shares("2,100,000"), read_shares("0.00"), read_shares("12.5")
    (2100000, 0, Decimal('12.5'))
    >>> read_shares("n/a") is None
    True
    """
    if text is None:
        return None
    t = text.strip().replace(",", "")
    try:
        d = Decimal(t)
    except InvalidOperation:
        return parse_int(text)
    if not d.is_finite():
        return None
    return int(d) if d == d.to_integral_value() else d


def read_percent(text: str | None) -> Decimal | None:
    """A percentage exactly as written ("9.90" stays ``Decimal('9.90')``).

    Examples
    --------
    >>> read_percent("9.90"), read_percent("42"), read_percent("5.1%")
    (Decimal('9.90'), Decimal('42'), Decimal('5.1'))
    """
    if text is None:
        return None
    t = text.strip().rstrip("%").strip()
    try:
        d = Decimal(t)
    except InvalidOperation:
        from ownergraph.normalize import parse_percent

        return parse_percent(text)
    return d if d.is_finite() else None


_BASIS = re.compile(
    r"\bbased\s+(?:up)?on\s+(?:an?\s+(?:total|aggregate)\s+of\s+|approximately\s+)?"
    r"(\d{1,3}(?:,\d{3})+|\d{4,})\b([^.;]{0,160}?)\boutstanding\b([^;]{0,120})",
    re.IGNORECASE,
)


def percent_basis(text: str) -> tuple[int | None, dt.date | None]:
    """The share count a percentage is based on, and its as-of date, from a footnote.

    Examples
    --------
    >>> percent_basis("* Percentage of class calculated based on 40,419,936 shares "
    ...               "outstanding of Common Stock as of June 12, 2025")
    (40419936, datetime.date(2025, 6, 12))
    >>> percent_basis("Limited Liability Company")
    (None, None)
    """
    m = _BASIS.search(text)
    if m is None:
        return None, None
    count = parse_int(m.group(1))
    as_of = None
    tail = m.group(2) + " outstanding " + m.group(3)
    d = re.search(r"\bas\s+of\s+(.{6,40})", tail, re.IGNORECASE)
    if d:
        as_of = parse_date(d.group(1))
    return count, as_of


_SIGNED = re.compile(r"(?:^|(?<=[\s:,]))/?s/", re.IGNORECASE)
_BY = re.compile(r"\bBy\b\s*:?\s*", re.IGNORECASE)


def signer_name(signature: str) -> str:
    """The name of whoever put the signature: the part after the last "/s/" or "By:".

    Examples
    --------
    >>> signer_name("/s/ Mark McDonnell*")
    'Mark McDonnell'
    >>> signer_name("ARCH Venture Partners XII, LLC")
    'ARCH Venture Partners XII, LLC'
    >>> signer_name("/s/J. Christopher Donahue")
    'J. Christopher Donahue'
    """
    s = signature.strip()
    parts = _SIGNED.split(s)
    if len(parts) > 1:
        s = parts[-1]
    else:
        by = _BY.split(s)
        if len(by) > 1 and by[-1].strip():
            s = by[-1]
    return s.strip(" \t\r\n*:,;")


def role_title(title: str, signer: str | None) -> str | None:
    """The capacity in which ``signer`` signed, from the title line of a signature.

    The title field often repeats the name ("Jennifer Gray, General Counsel"); the name
    is removed. A title that is only the name, or "Individual(ly)", gives ``None``.

    Examples
    --------
    >>> role_title("Mark McDonnell, as Attorney-in-Fact for Robert Nelsen", "Mark McDonnell")
    'Attorney-in-Fact for Robert Nelsen'
    >>> role_title("Gloria E. Gebbia/Co-Trustee", "Gloria E. Gebbia")
    'Co-Trustee'
    >>> role_title("Gloria E. Gebbia", "Gloria E. Gebbia") is None
    True
    >>> role_title("Managing Member", "Martin Friedman")
    'Managing Member'
    """
    t = re.sub(r"\s+", " ", title).strip()
    if signer:
        idx = t.lower().rfind(signer.lower())
        if idx >= 0:
            rest = t[idx + len(signer) :]
            t = rest if rest.strip(" ,-/:;*\u2013\u2014") or idx == 0 else t[:idx]
    t = t.strip(" ,-/:;*\u2013\u2014")
    t = re.sub(r"^(?:as|its)\s+", "", t, flags=re.IGNORECASE).strip()
    if not t or re.fullmatch(r"individual(?:ly)?|self|for himself|for herself", t, re.IGNORECASE):
        return None
    return t


_KINDS: list[tuple[re.Pattern[str], list[str]]] = [
    (re.compile(r"\bchief executive officer\b|\bceo\b", re.I), ["ceo", "officer"]),
    (re.compile(r"\bchief financial officer\b|\bcfo\b", re.I), ["cfo", "officer"]),
    (re.compile(r"\bchief operating officer\b|\bcoo\b", re.I), ["officer"]),
    (re.compile(r"(?<!vice )(?<!vice-)\bpresident\b", re.I), ["president", "officer"]),
    (
        re.compile(r"\bvice[ -]president\b|\bsecretary\b|\btreasurer\b|\bofficer\b", re.I),
        ["officer"],
    ),
    (re.compile(r"\bgeneral counsel\b", re.I), ["counsel", "officer"]),
    (re.compile(r"\bchair(?:man|woman|person)?\b", re.I), ["chair"]),
    (re.compile(r"(?<!managing )\bdirector\b", re.I), ["director"]),
    (re.compile(r"\bmanaging director\b", re.I), ["officer"]),
    (re.compile(r"\bgeneral partner\b", re.I), ["general partner"]),
    (re.compile(r"\bmanaging member\b", re.I), ["managing member", "member"]),
    (re.compile(r"\bmanager\b", re.I), ["manager"]),
    (re.compile(r"\btrustee\b", re.I), ["trustee"]),
    (re.compile(r"\battorney[- ]in[- ]fact\b", re.I), ["attorney-in-fact"]),
    (re.compile(r"\bauthori[sz]ed (?:signatory|person|representative)\b", re.I), []),
]


def role_kinds(title: str | None) -> list[str]:
    """Normalised role words for a signatory's title, always with ``signatory``.

    Examples
    --------
    >>> role_kinds("Executive Vice President & General Counsel")
    ['signatory', 'officer', 'counsel']
    >>> role_kinds("its General Partner")
    ['signatory', 'general partner']
    """
    kinds = ["signatory"]
    if title:
        for pattern, words in _KINDS:
            if pattern.search(title):
                kinds.extend(w for w in words if w not in kinds)
    return kinds


_CHAIN = re.compile(
    r"\bBy\s*:?\s*([^,/]{2,120}?(?:,\s*(?:L\.?L\.?C|Inc|L\.?P|Ltd|LLP|Corp|N\.A)\.?)?)\s*,\s*"
    r"(?:as\s+)?its\s+([A-Za-z][A-Za-z \-]{1,60})",
    re.IGNORECASE,
)
_CONTROL = {
    "general partner": ControlKind.GENERAL_PARTNER,
    "investment manager": ControlKind.MANAGER,
    "investment adviser": ControlKind.MANAGER,
    "investment advisor": ControlKind.MANAGER,
    "manager": ControlKind.MANAGER,
}


def control_kind(capacity: str | None) -> ControlKind | None:
    """The control a capacity gives over the party it acts for, if any.

    Examples
    --------
    >>> control_kind("its General Partner")
    <ControlKind.GENERAL_PARTNER: 'general partner'>
    >>> control_kind("Authorized Signatory") is None
    True
    """
    if not capacity:
        return None
    c = re.sub(r"^(?:as\s+)?(?:its|the)\s+", "", capacity.strip().lower())
    return _CONTROL.get(re.sub(r"\s+", " ", c).strip(" .,"))


def authority_chain(text: str) -> list[tuple[str, str, ControlKind | None]]:
    """The "By: X, its general partner, By: Y, its managing member" chain in a signature.

    Each step is ``(name, capacity, control kind or None)``; step *k* acts for step
    *k-1* (the first for the reporting person).

    Examples
    --------
    >>> authority_chain("By: ECP Calpine GP, LLC, its general partner, By: ECP ControlCo, "
    ...                 "LLC, its managing member, By: /s/ Jennifer Gray")
    [('ECP Calpine GP, LLC', 'general partner', <ControlKind.GENERAL_PARTNER: 'general partner'>), ('ECP ControlCo, LLC', 'managing member', None)]
    """
    steps: list[tuple[str, str, ControlKind | None]] = []
    for m in _CHAIN.finditer(text):
        name = m.group(1).strip(" ,")
        capacity = re.sub(r"\s+", " ", m.group(2)).strip(" -").lower()
        capacity = re.split(r"\s+(?:by|and)\b", capacity)[0].strip()
        if "/s/" in name or not name:
            continue
        steps.append((name, capacity, _CONTROL.get(capacity)))
    return steps


@dataclass(frozen=True)
class ExhibitLine:
    """One exhibit listed in Item 7 or the exhibit information."""

    number: str
    title: str
    date: dt.date | None
    quote: str


_EXHIBIT_LINE = re.compile(
    r"^\s*(?:''|\")?\s*(?:exhibit|ex\.)\s*(?:no\.?\s*)?(\d+(?:\.\d+)*[A-Za-z]?|[A-Z])\b"
    r"\s*[:.\-\u2013\u2014]?\s*(\S.*)$",
    re.IGNORECASE,
)
_NUMBER_LINE = re.compile(
    r"^\s*(\d+(?:\.\d+)*[A-Za-z]?)(?:\t|\s+[:\-\u2013\u2014]\s+|\s{2,})\s*(\S.*)$"
)


def read_exhibits(text: str) -> list[ExhibitLine]:
    """The exhibits listed one a line ("Exhibit 99.1 - Joint Filing Agreement", "99.2<TAB>...").

    Examples
    --------
    >>> [(e.number, e.title, e.date) for e in read_exhibits(
    ...     "EXHIBIT LIST\\n\\nExhibit 99.1 Joint Filing Agreement, dated as of January 30, 2026.")]
    [('99.1', 'Joint Filing Agreement, dated as of January 30, 2026.', datetime.date(2026, 1, 30))]
    >>> read_exhibits("N/A")
    []
    """
    found: list[ExhibitLine] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        m = _EXHIBIT_LINE.match(line) or _NUMBER_LINE.match(line)
        if m is None:
            continue
        title = re.sub(r"\s+", " ", m.group(2)).strip().rstrip("'\"").strip()
        if not title:
            continue
        date = None
        d = re.search(r"\bdated\b(?:\s+as\s+of)?\s+(.{6,40})", title, re.IGNORECASE)
        if d:
            date = parse_date(d.group(1))
        found.append(ExhibitLine(m.group(1), title, date, line.strip()))
    return found
