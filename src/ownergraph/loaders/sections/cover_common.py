"""What the cover-page readers share: section names, citations, and the patterns of
amendment numbers, class labels, IRS numbers, footnote marks and name hints.

The front matter (:mod:`.cover`), the notice block and ADS programme
(:mod:`.cover_notice`) and the cover pages (:mod:`.cover_pages`) import it.

May import: the other ``cover_*`` modules below it (rows, values, front, notes),
:mod:`ownergraph.normalize` and :mod:`ownergraph.record`.

Examples
--------
>>> share_class_key("acme", "Common Stock")
'acme/common-stock'
"""

from __future__ import annotations

import re

from ownergraph.loaders.sections.cover_rows import Page, find_pages
from ownergraph.record import (
    Source,
)

__all__ = ["share_class_key"]


_FRONT = "Front matter"
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
        ]
    )
}
_FORM = re.compile(r"\bSCHEDULE[\s\xa0]+13[\s\xa0]*([DG])(?:[\s\xa0]*/[\s\xa0]*(A))?\b", re.I)
_AMENDMENT = re.compile(
    r"\bAmendment[\s\xa0]+(?:No\.?|Number)?[\s\xa0]*:?[\s\xa0]*(\d{1,3}|[A-Za-z]+)\b", re.I
)
_CLASS_LABEL = re.compile(r"\b(?:Class|Series)[\s\xa0]+([A-Z])\b")
_PAR = re.compile(
    r",?[\s\xa0]*(?:with[\s\xa0]+(?:a[\s\xa0]+)?)?(?:\$[\d.]+[\s\xa0]+)?par[\s\xa0]+value\b", re.I
)
_IRS = re.compile(r"(?<![\d-])(\d{2}-\d{7}|\d{2}-\d{3}-\d{4})(?![\d-])")
_IRS_LABEL = re.compile(
    r"(?i)\b(?:(?:I\.?\s?R\.?\s?S\.?|tax|employer)\s*(?:identification|id\.?|I\.D\.)?\s*(?:no\.?|number|#)?|"
    r"E\.?I\.?N\.?|S\.?S\.?\s*(?:no\.?|#))\s*:?"
)
_MARKS = re.compile(r"(?:[\s\xa0]*(?:\(\d{1,2}\)|\(\*+\)|\*+|†|‡|\[\d{1,2}\]))+$")
_TITLE_WORDS = re.compile(
    r"(?i)\b(?:president|secretary|counsel|officer|director|partner|manager|esq\.?|chief|vice|"
    r"treasurer|attorney|member|chairman|principal|controller|clerk|head|legal|compliance)\b"
)
_ORG_HINT = re.compile(
    r"(?i)(?:\bL\.?L\.?P\.?|\bL\.?L\.?C\.?|\bInc\b|\bCorp(?:oration)?\b|\bLtd\b|\bLimited\b|&|\bP\.?C\.?$|\bP\.?A\.?$|"
    r"\bCompany\b|\bCo\.|\bPartners\b|\bGroup\b|\bManagement\b|\bCapital\b|\bBank\b|\bTrust\b|"
    r"\bFund\b|\bL\.?P\.?$|\bplc\b|\bAdvisors\b|\bLaw\b|\bAssociates\b|\bHoldings\b|\bS\.A\.|\bAG\b|\bN\.V\.)"
)
_LEGAL_FORM_END = re.compile(
    r"(?i)\b(?:L\.?L\.?[CP]|Inc|Ltd|L\.?P|Limited|Corp|Corporation|P\.?[CA]|plc|S\.A|N\.V|AG|GmbH)\.?\s*$"
)
_PHONE = re.compile(r"(?:\+?\d{1,3}[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}")
_HONORIFIC = re.compile(r"^(?:attn\.?|attention)\s*:?\s*|^(?:mr|mrs|ms|dr|miss)\.?\s+", re.I)


def share_class_key(issuer: str, title: str, label: str | None = None) -> str:
    """The key of a share class of ``issuer``: by its label when it has one.

    Examples
    --------
    >>> share_class_key("21vianet-group", "Class A ordinary shares", "A")
    '21vianet-group/class-a'
    >>> share_class_key("acme", "Common Stock, $0.01 par value")
    'acme/common-stock'
    """
    if label:
        return f"{issuer}/class-{label.lower()}"
    base = _PAR.split(title)[0] if _PAR.search(title) else title
    slug = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")[:60] or "shares"
    return f"{issuer}/{slug}"


def _src(section: str, text: str, start: int, end: int, document: str) -> Source:
    while start < end and text[start] in " \t\n\r\xa0":
        start += 1
    while end > start and text[end - 1] in " \t\n\r\xa0":
        end -= 1
    return Source(section=section, quote=text[start:end], start=start, end=end, document=document)


def _one_line(text: str) -> str:
    return re.sub(r"[\s\xa0]+", " ", text).strip()


def _first_page_start(text: str, pages: list[Page] | None = None) -> int:
    pages = find_pages(text) if pages is None else pages
    return pages[0].start if pages else min(len(text), 30000)
