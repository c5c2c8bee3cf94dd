"""An independent check of cover-page values against the text they were read from.

The cover reader (:mod:`ownergraph.loaders.sections.cover`) cites, for every value, the quote it
read it from. This module checks such values without the reader's rules:

* :func:`document_texts` rebuilds the text each document of a file was read from (the
  *filing text* for prose documents, the markup for structured XML);
* :func:`check_value` asserts that the cited quote stands in that text at its offsets
  and that the value equals what the simple readers :func:`reread_amount`,
  :func:`reread_percent` (and a prefix test for the citizenship) read from the quote;
* :func:`stated_values` counts, from the text alone, how many values of rows 7-11, the
  percentage and the citizenship a document *states* (a caption opening its line before
  the first item and holding a number or a place; an XML element of a reporting person).

:func:`check_file` does all of it for one file. ``tests/test_corpus_accuracy.py`` and
``scripts/corpus_report.py`` use it over the corpus.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ownergraph.loaders import load_file
from ownergraph.loaders.formats.decode import decode
from ownergraph.loaders.formats.detect import detect_format
from ownergraph.loaders.formats.htmltext import html_to_text
from ownergraph.loaders.formats.markdown import markdown_to_text
from ownergraph.loaders.formats.sgml_documents import split_submission, unwrap
from ownergraph.loaders.formats.text import text_to_filing_text
from ownergraph.record import CoverPage, Filing

__all__ = [
    "AMOUNTS",
    "FIELDS",
    "FileCheck",
    "check_file",
    "check_value",
    "document_texts",
    "reread_amount",
    "reread_percent",
    "stated_values",
]
AMOUNTS = ("sole_voting", "shared_voting", "sole_dispositive", "shared_dispositive", "aggregate")
FIELDS = (*AMOUNTS, "percent_of_class", "citizenship")


# --------------------------------------------------------------------------- document text


def document_texts(path: Path) -> dict[str, str]:
    """The text each document of ``path`` was read from, by its name in sources.

    Prose documents give their filing text (as the loaders build it), structured XML
    its markup. Exhibits are left out: they hold no cover page.
    """
    raw = decode(path.read_bytes())
    fmt = detect_format(raw)
    if fmt == "xml":
        return {"primary": raw}
    if fmt == "html":
        return {"primary": html_to_text(raw)}
    if fmt == "text":
        return {"primary": text_to_filing_text(raw)}
    if fmt == "markdown":
        return {"primary": markdown_to_text(raw)}
    sub = split_submission(unwrap(raw), name=str(path))
    out: dict[str, str] = {}
    for doc in sub.documents:
        if re.match(r"(?i)\s*EX", doc.type or ""):
            continue  # exhibits hold no cover page
        if doc.kind == "xml":
            out[doc.label] = doc.body
        elif doc.kind == "html":
            out[doc.label] = html_to_text(doc.body)
        elif doc.kind == "text":
            out[doc.label] = text_to_filing_text(doc.body)
    return out


@dataclass
class FileCheck:
    """A loaded filing, its document texts, and what the check of its values found."""

    filing: Filing
    texts: dict[str, str]
    checked: int = 0
    problems: list[str] = field(default_factory=list)


def check_file(path: Path, filing: Filing | None = None) -> FileCheck:
    """Load ``path`` with :func:`~ownergraph.loaders.load_file` (unless ``filing`` is the
    filing already loaded from it) and check its cover values."""
    filing = load_file(path) if filing is None else filing
    result = FileCheck(filing, document_texts(path))
    for cover in filing.cover_pages:
        for name in FIELDS:
            if getattr(cover, name) is None:
                continue
            problem = check_value(result, cover, name)
            if problem:
                result.problems.append(f"person {cover.number} {name}: {problem}")
            else:
                result.checked += 1
    return result


# --------------------------------------------------------------------------- re-reading

_CAPTION_WORDS = re.compile(
    r"(?is)^.*?(?:sole\s+voting\s+power|shared\s+voting\s+power|sole\s+disposi\w*\s+power|"
    r"share[ds]\s+disposi\w*\s+power|(?:sole|shared)\s+power\s+to\s+(?:vote|dispose)|aggregate\s+amount\s+(?:of\s+)?beneficially\s+owned"
    r"(?:\s+by\s+each\s+reporting\s+persons?)?|aggregate(?=[ \t]*\n)|"
    r"percent\w*\s+of\s+(?:the\s+)?class\s+represented\s+by\s+(?:(?:the\s+)?amounts?\s+in\s+)?"
    r"(?:row|line)(?:\s*\(?\s*\d{1,2}(?!\d|[.,]\d|\s*%)\s*\)?)?|"
    r"citizenship\s+o[rf]\s+(?:the\s+)?place\s+of\s+organi[sz]ation|item\s*4\s*:\s*citizenship)"
)
_LABEL = re.compile(
    r"(?i)\b(?:number|of|shares|beneficially|owned|by|each|reporting|persons?|with)\b:?"
)
_MARK = re.compile(r"\(\s*(?:\d{1,2}|[a-z*]{1,2}|see[^)]*)\s*\)|\[\s*\d{1,2}\s*\]|[*†‡]+")
_ZERO_WORDS = re.compile(r"(?i)^(?:-+\s*0\s*-+|0|none|nil|zero|-{1,3}|—|–)(?![\w,.])")


#: the row numbers a field has on the 13D and the 13G cover page
ROW_NUMBERS = {
    "citizenship": (6, 4),
    "sole_voting": (7, 5),
    "shared_voting": (8, 6),
    "sole_dispositive": (9, 7),
    "shared_dispositive": (10, 8),
    "aggregate": (11, 9),
    "percent_of_class": (13, 11),
}


def _trim(s: str) -> str:
    """``s`` without leading and trailing blanks, colons, bars and points (not ".08")."""
    s = re.sub(r"^(?:[\s:|]|\.(?!\d))+", "", s)
    return s.rstrip(" :.|\t")


def _after_caption(quote: str, xml: bool, name: str) -> str:
    """The text after the caption: no label words, rules or a row number written after it."""
    if xml:
        return html.unescape(quote)
    m = _CAPTION_WORDS.match(quote)
    # a row written "Item 7: 161,387" (FMR's layout) has its number as its only caption
    rest = quote[m.end() :] if m else re.sub(r"(?i)^\s*item\s+\d{1,2}\s*:", "", quote)
    rest = re.sub(r"[-_=*|+]{7,}|[_=*|+]{3,}", " ", rest)  # table rules ("----" is a nil)
    rest = re.sub(r"(?i)^\s*\((?:see|please)[^)]*\)", " ", rest)
    rest = re.sub(r"^(?:[\s\xa0:|_]*" + _LABEL.pattern[4:] + ")+", " ", rest, flags=re.I)
    rest = _trim(re.sub(r"[\s\xa0]+", " ", rest))
    # a row number printed after its caption, before the value ("SOLE VOTING POWER 5 -0-")
    n = re.match(r"[(\[]?(\d{1,2})[)\]]?\.?\s+(?=\S)", rest)
    if n and int(n.group(1)) in ROW_NUMBERS.get(name, ()):
        rest = rest[n.end() :]
        rest = re.sub(r"^(?:[\s\xa0:|_]*" + _LABEL.pattern[4:] + ")+", " ", rest, flags=re.I)
    return _trim(rest)


def reread_amount(quote: str, xml: bool = False, name: str = "") -> int | Decimal | None:
    """The share count a quoted row states, read by the simplest rule.

    Examples
    --------
    >>> reread_amount("7 SOLE VOTING POWER 1,353,468 (1)")
    1353468
    >>> reread_amount("8\\tSHARED VOTING POWER\\t-0-"), reread_amount("8 SHARED VOTING POWER ----")
    (0, 0)
    >>> reread_amount("11 AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON 31,797.3 UNITS")
    Decimal('31797.3')
    >>> reread_amount("7 SOLE VOTING POWER -3,416,000-")
    3416000
    >>> reread_amount("Item 7:\t161,387"), reread_amount("Item 8:\tNone")
    (161387, 0)
    """
    rest = _MARK.sub(" ", _after_caption(quote, xml, name)).strip(" :.\t")
    rest = re.sub(r"^[-–—]+\s+(?=\d)", "", rest)
    rest = re.sub(r"^[-–—]+(?=\d[\d,.]*[-–—])", "", rest)  # "-3,416,000-": decoration
    if re.fullmatch(r"[-–—]{1,6}", rest.split(" ")[0] if rest else ""):
        return 0  # a lone dash or a short run of dashes: nil
    if _ZERO_WORDS.match(rest):
        return 0
    m = re.search(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d,]*\.\d)(?![\w%])", rest)
    if not m:
        return None
    digits = m.group(1).replace(",", "")
    fraction = m.group(2)
    return Decimal(digits + fraction) if fraction and fraction.strip(".0") else int(digits)


def reread_percent(quote: str, xml: bool = False, name: str = "percent_of_class") -> Decimal | None:
    """The percentage a quoted row states.

    Examples
    --------
    >>> reread_percent("13 PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (11) .08%")
    Decimal('0.08')
    """
    rest = _MARK.sub(" ", _after_caption(quote, xml, name))
    m = re.search(r"(?<![\w.,])(\d{1,3}(?:\.\d+)?|\.\d+)(?![\d,])", rest)
    if not m:
        return None
    digits = m.group(1)
    return Decimal("0" + digits if digits.startswith(".") else digits)


def _squash(s: str) -> str:
    return re.sub(r"[\s\xa0]+", " ", s).strip()


def check_value(result: FileCheck, cover: CoverPage, name: str) -> str | None:
    """Why ``name`` of ``cover`` fails the check, or None when its quote confirms it."""
    src = cover.field_sources.get(name)
    if src is None:
        return "no source cited"
    text = result.texts.get(src.document or "primary")
    if text is None:
        return f"cited document {src.document!r} not found"
    xml = src.start is None
    if xml:
        if html.escape(src.quote, quote=False) not in text and src.quote not in text:
            return f"quote {src.quote!r} not in the XML"
    elif text[src.start : src.end] != src.quote:
        return f"quote not at its offsets {src.start}-{src.end}: {src.quote[:60]!r}"
    value = getattr(cover, name)
    if name in AMOUNTS:
        again: object = reread_amount(src.quote, xml, name)
    elif name == "percent_of_class":
        again = reread_percent(src.quote, xml)
    else:
        rest = _MARK.sub(" ", _after_caption(src.quote, xml, name))
        written = _squash(value.text)
        bare = written.rstrip(".")  # a final point must stand in the quote too
        ok = bool(bare) and _squash(rest).startswith(bare)
        if ok and written != bare:
            ok = written in _squash(src.quote)
        return None if ok else f"citizenship {written!r} is not what {_squash(rest)[:60]!r} says"
    return None if again == value else f"{value!r} but the quote says {again!r}: {src.quote!r}"


# --------------------------------------------------------------------------- stated values

_STATED = {
    "sole_voting": r"sole\s+voting\s+power|sole\s+power\s+to\s+vote",
    "shared_voting": r"shared\s+voting\s+power|shared\s+power\s+to\s+vote",
    "sole_dispositive": r"sole\s+disposi(?:tive|tion)\s+power|sole\s+power\s+to\s+dispose",
    "shared_dispositive": r"share[ds]\s+disposi(?:tive|tion)\s+power|shared\s+power\s+to\s+dispose",
    "aggregate": r"aggregate\s+amount\s+(?:of\s+)?beneficially\s+owned",
    "percent_of_class": r"percent\w*\s+of\s+(?:the\s+)?class\s+represented\s+by",
    "citizenship": r"citizenship\s+o[rf]\s+(?:the\s+)?place\s+of\s+organi[sz]ation",
}
_XML_ELEMENTS = {
    "sole_voting": "soleVotingPower",
    "shared_voting": "sharedVotingPower",
    "sole_dispositive": "soleDispositivePower",
    "shared_dispositive": "sharedDispositivePower",
    "aggregate": "aggregateAmountOwned|reportingPersonBeneficiallyOwnedAggregateNumberOfShares",
    "percent_of_class": "percentOfClass|classPercent",
    "citizenship": "citizenshipOrOrganization",
}
# the block of one reporting person in the structured XML (13D, 13G)
_XML_PERSON = re.compile(
    r"<(?:\w+:)?(reportingPersonInfo|coverPageHeaderReportingPersonDetails)\b.*?</(?:\w+:)?\1>",
    re.S,
)
# a caption that opens its line or table cell, after at most a row number and the
# words of the "Number of shares beneficially owned by each reporting person with" label
_LINE_CAPTION = re.compile(
    r"(?im)(?:^|\t)[ \xa0]*(?:(?:number|of|shares|beneficially|owned|by|each|reporting|persons?|"
    r"with)[ \t\xa0]+)*(?:[(\[]?\d{1,2}[)\]]?\.?[ \t\xa0]*)?(?:"
    + "|".join(f"(?P<{k}>{v})" for k, v in _STATED.items())
    + ")"
)
_ANY_CAPTION = re.compile(
    r"(?i)" + "|".join(_STATED.values()) + r"|type\s+of\s+reporting|names?\s+of\s+reporting"
    r"|check\s+(?:the\s+)?(?:box\s+)?if"
)


def stated_values(text: str, xml: bool) -> dict[str, int]:
    """How many values of each field ``text`` states, counted without the cover reader.

    A text caption counts when the text that follows it (up to the next caption, at most
    400 characters) holds a digit (amounts, percentages) or a letter (citizenship) that
    is not part of "See Item 5", "N/A", "Not applicable" or a footnote mark.
    """
    out = dict.fromkeys(FIELDS, 0)
    if xml:
        for block in _XML_PERSON.finditer(text):
            for key, element in _XML_ELEMENTS.items():
                m = re.search(rf"<(?:\w+:)?(?:{element})\b[^>]*>([^<]*)<", block.group(0))
                value = m.group(1).strip() if m else ""
                if key in AMOUNTS and not re.fullmatch(r"\d+(?:\.0+)?", value):
                    continue  # "3947887.88": no whole share count to extract
                if value:
                    out[key] += 1
        return out
    # the cover pages precede the items: captions after the first item heading are the
    # items' own wording (an amendment may start at Item 4)
    first = re.search(r"(?i)names?\s+of\s+reporting", text)
    item1 = re.compile(
        r"(?im)(?:^|\t)[ \t\xa0]*Item[ \t\xa0]*\d{1,2}(?:\([a-z]\))?[ \t\xa0]*[.:\t]"
        r"|(?:^|\t)[ \t\xa0]*Item[ \t\xa0]*\d{1,2}[ \t\xa0]+[A-Z]"
    )
    stop = item1.search(text, first.end()) if first else None
    text = text[: stop.start()] if stop else text
    for m in _LINE_CAPTION.finditer(text):
        stated = m.lastgroup
        assert stated is not None
        after = text[m.end() : m.end() + 400]
        nxt = _ANY_CAPTION.search(after)
        value = after[: nxt.start()] if nxt else after
        value = re.sub(r"(?i)row\s*\(?\d+\)?|items?\s+\d+\w*|\([^)]{0,4}\)", " ", value)
        value = re.sub(r"(?i)\((?:see|please\s+see)\b[^)]{0,60}\)", " ", value)
        value = re.sub(r"(?i)\b(?:see|n/?a|not\s+applicable)\b.*", " ", value, flags=re.S)
        value = _LABEL.sub(" ", re.sub(r"[-_=*|+]{3,}", " ", value)).strip()
        value = re.sub(r"[(\[]?\d{1,2}[)\]]?\.?$", "", value)  # the next row's number
        first = re.match(r"[(\[]?(\d{1,2})[)\]]?\.?(?:\s|$)", value)
        if first and int(first.group(1)) in ROW_NUMBERS[stated]:
            value = value[first.end() :]  # this row's number, printed after its caption
        if stated != "citizenship" and re.fullmatch(r"[-–—]{1,6}", value.strip()):
            out[stated] += 1  # a lone dash: nil
            continue
        if stated == "citizenship":
            if re.search(r"[A-Za-z]{2}", value):
                out[stated] += 1
        elif re.search(r"\d|(?i:\bnone\b|-0-|\bzero\b)", value):
            out[stated] += 1
    return out
