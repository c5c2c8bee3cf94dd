"""Share counts, percentages, money and CUSIPs, read exactly (never through float).

Examples
--------
>>> parse_int("94,415,771")
94415771
>>> parse_percent("11.4% of the Class A Ordinary Shares")
Decimal('11.4')
>>> parse_money("US$350,000,000.46")
Money(amount=Decimal('350000000.46'), currency='USD')
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ownergraph.record import Money

__all__ = ["MAX_DIGITS", "parse_int", "parse_money", "parse_percent", "valid_cusip", "whole_number"]

_INT = re.compile(
    r"(?<![\w.,])-?\d{1,3}(?:,\d{3})+(?!\d)(?![.,]\d)|(?<![\w.,])-?\d+(?!\d)(?![.,]\d)"
)
_DEC = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d*\.\d+|-?\d+")
_PERCENT = re.compile(r"(?<![\d.])(-?\d+(?:\.\d+)?|-?\.\d+)\s*(?:%|percent|per\s*cent)", re.I)
_WORD_ZERO = re.compile(r"^\s*(?:-0-|none|nil|zero|--?|—|–)\s*$", re.IGNORECASE)

_CURRENCIES = [
    (re.compile(r"US\s?\$|USD|U\.S\.\s?\$|U\.S\. dollars?|US dollars?", re.I), "USD"),
    (re.compile(r"HK\s?\$|HKD", re.I), "HKD"),
    (re.compile(r"RMB|CNY|Renminbi", re.I), "CNY"),
    (re.compile(r"C\$|CAD", re.I), "CAD"),
    (re.compile(r"A\$|AUD", re.I), "AUD"),
    (re.compile(r"€|EUR|euros?", re.I), "EUR"),
    (re.compile(r"£|GBP", re.I), "GBP"),
    (re.compile(r"¥|JPY|yen", re.I), "JPY"),
    (re.compile(r"\$"), "USD"),
]


#: no count, CIK or identifier in a filing has more digits than this; a longer run is a
#: misread or a damaged file (and ``int()`` refuses runs over 4,300 digits)
MAX_DIGITS = 18


def whole_number(text: str | None) -> int | None:
    """The digits of ``text`` as an int; ``None`` when there are none or too many.

    Examples
    --------
    >>> whole_number("94,415,771"), whole_number("0000921669")
    (94415771, 921669)
    >>> whole_number("9" * 5000) is None, whole_number("n/a") is None
    (True, True)
    """
    if text is None:
        return None
    digits = re.sub(r"\D", "", text)
    if not digits or len(digits) > MAX_DIGITS:
        return None
    return int(digits)


def parse_int(text: str | None) -> int | None:
    """The first whole number in ``text``, thousands separators removed.

    "-0-", "None" and a lone dash read as 0. Decimals are not share counts and give
    ``None``.

    Examples
    --------
    >>> parse_int("Shared Voting Power 94,415,771 (1)")
    94415771
    >>> parse_int("-0-")
    0
    >>> parse_int("12.5") is None
    True
    >>> parse_int("no number") is None
    True
    """
    if text is None:
        return None
    if _WORD_ZERO.match(text):
        return 0
    m = _INT.search(text)
    if not m:
        return None
    digits = re.sub(r"[^\d-]", "", m.group(0))
    try:
        return int(digits)
    except ValueError:
        return None


def parse_percent(text: str | None) -> Decimal | None:
    """The first percentage in ``text`` as an exact ``Decimal`` (``11.4`` for 11.4%).

    A number with no % sign is accepted when it is the whole text ("11.4").
    "Less than 1%" gives ``None``: the filing does not state the figure.

    Examples
    --------
    >>> parse_percent("approximately 11.4% of the outstanding")
    Decimal('11.4')
    >>> parse_percent("8.0 %")
    Decimal('8.0')
    >>> parse_percent("0.0")
    Decimal('0.0')
    >>> parse_percent("less than 1%") is None
    True
    """
    if text is None:
        return None
    if re.search(r"less\s+than|<\s*\d", text, re.I):
        return None
    # the look-behind keeps the search linear: a number starts only where no digit
    # or point stands before it (else a long run of digits is retried from each one)
    m = _PERCENT.search(text)
    if m is None:
        stripped = text.strip()
        if _WORD_ZERO.match(stripped):
            return Decimal(0)
        m = re.fullmatch(r"(-?\d+(?:\.\d+)?|-?\.\d+)", stripped)
        if m is None:
            return None
    try:
        return Decimal(m.group(1))
    except InvalidOperation:
        return None


def parse_money(text: str | None) -> Money | None:
    """An amount of money with its ISO 4217 currency where one is written.

    Examples
    --------
    >>> parse_money("at a purchase price of US$5.346 per share")
    Money(amount=Decimal('5.346'), currency='USD')
    >>> parse_money("HK$1,000")
    Money(amount=Decimal('1000'), currency='HKD')
    >>> parse_money("1,250.50")
    Money(amount=Decimal('1250.50'), currency=None)
    """
    if text is None:
        return None
    text = text.replace("\\$", "$")
    m = _DEC.search(text)
    if m is None:
        return None
    try:
        amount = Decimal(m.group(0).replace(",", ""))
    except InvalidOperation:
        return None
    if re.search(r"\b(?:million|billion)\b", text[m.end() : m.end() + 12], re.I):
        word = re.search(r"million|billion", text[m.end() :], re.I)
        assert word is not None
        amount *= Decimal(10) ** (6 if word.group(0).lower() == "million" else 9)
    currency = None
    before = text[max(0, m.start() - 12) : m.start()]
    after = text[m.end() : m.end() + 12]
    for pattern, code in _CURRENCIES:
        if pattern.search(before) or (code != "USD" and pattern.search(after)):
            currency = code
            break
    return Money(amount, currency)


def valid_cusip(cusip: str | None) -> bool:
    """True when ``cusip`` is nine characters with a correct check digit.

    Examples
    --------
    >>> valid_cusip("90138A103")
    True
    >>> valid_cusip("90138A104")
    False
    """
    if cusip is None:
        return False
    c = cusip.strip().upper()
    if not re.fullmatch(r"[0-9A-Z*@#]{8}[0-9]", c):
        return False
    total = 0
    for i, ch in enumerate(c[:8]):
        if ch.isdigit():
            v = int(ch)
        elif ch.isalpha():
            v = ord(ch) - ord("A") + 10
        else:
            v = {"*": 36, "@": 37, "#": 38}[ch]
        if i % 2 == 1:
            v *= 2
        total += v // 10 + v % 10
    return (10 - total % 10) % 10 == int(c[8])
