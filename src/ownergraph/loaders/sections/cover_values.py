"""Reading single cover-page values: share counts, boxes, codes, names, places.

These helpers take the raw text of one cover-page row (whatever stands between its
caption and the next caption) and read the value the row states, or explain why not.

Examples
--------
>>> read_amount("  94,415,771 (1)")
(94415771, None)
>>> read_amount("-0-")
(0, None)
>>> read_amount("See Item 5")
(None, 'no number stated (See Item 5)')
>>> read_box("(a) [ ]  (b) [X]", "b")
True
>>> read_codes("IN, HC", TYPE_CODES)
['IN', 'HC']
"""

from __future__ import annotations

import re
from decimal import Decimal

from ownergraph.loaders.vocab import table


def _codes(name: str) -> list[str]:
    """The codes of one table of ``cover_codes.toml``."""
    codes = table("cover_codes")[name]
    assert isinstance(codes, dict), name
    return [str(c) for c in codes]


__all__ = [
    "FUND_CODES",
    "TYPE_CODES",
    "checked",
    "clean_value",
    "first_paragraph",
    "read_amount",
    "read_box",
    "read_codes",
    "strip_label_words",
]

#: codes of row 14 (13D) / row 12 (13G), with the 2024 additions
#: (``loaders/vocab/cover_codes.toml``, where each code's meaning is written)
TYPE_CODES = frozenset(_codes("reporting_person_types"))
#: codes of row 4 (13D)
FUND_CODES = frozenset(_codes("sources_of_funds"))

# The left-hand label of rows 7-10 ("NUMBER OF SHARES BENEFICIALLY OWNED BY EACH
# REPORTING PERSON WITH"), often broken into one word per line beside the rows.
_LABEL_WORDS = re.compile(
    r"(?im)^[ \t\xa0]*(?:(?:number|of|shares|beneficially|owned|by|each|reporting|persons?|with):?"
    r"(?:[ \t\xa0]|$))+(?=[ \t\xa0]{1,}|\t|$)"
)
_NOISE_LINE = re.compile(
    r"(?im)^[ \t\xa0]*(?:<(?:/?(?:TABLE|CAPTION|S|C|FN|PAGE|PRE|F\d+)|/?TR|/?TD)>[ \t\xa0]*\d*[ \t\xa0]*)+$"
    r"|<(?:/?(?:TABLE|CAPTION|S|C|FN|PAGE|PRE|F\d+))>"
    r"|^[ \t\xa0]*[-_=*+.|]{3,}[ \t\xa0-]*$"
    r"|^[ \t\xa0]*-[ \t\xa0]+-{3,}[ \t\xa0-]*$"
)
_ON = r"(?:\[[ \t_]*[xX✓✔√*][ \t_]*\]|\|[ \t]*[xX][ \t]*\||/[ \t]*[xX][ \t]*/|\([ \t]*[xX✓✔][ \t]*\)|[☒☑■þý✓✔✗✘]|(?<![\w'])[xX](?![\w']))"
_OFF = r"(?:\[[ \t_]*\]|\|_+\||\|[ \t]+\||/[ \t]+/|\([ \t]+\)|[☐□¨]|(?<![\w'])o(?![\w']))"
_BOX = re.compile(f"(?P<on>{_ON})|(?P<off>{_OFF})")
_NUMBER = re.compile(
    r"(?<![\w.,/$-])(-?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d,]*\.\d)(?![\w%])(?!,\d)"
)
#: a run of up to six dashes alone on its line, indented: a nil ("----"); a longer run
#: is a rule line between rows, which says nothing
_NIL_DASHES = re.compile(r"(?m)^[ \t\xa0]+[-–—]{1,6}[ \t\xa0]*$")
_TOKEN = re.compile(r"(?<![\w.,/$-])\d+(?:,\d+)*(?:\.\d+)?(?![\w])")
_WELL_FORMED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_REFERENCE = re.compile(
    r"(?i)\b(?:items?|rows?|rules?|sections?|notes?|footnotes?|lines?|box(?:es)?|exhibits?|schedule)\s*\(?\s*$"
)
_ZERO = re.compile(r"(?i)^(?:-+\s*0\s*-+|-+|—|–|none|nil|zero|0(?![\d,.]))(?![\w])")
#: no class of shares has a count of more than 15 digits (10**15); a longer run of digits
#: is a misread or a damaged file, and ``int()`` refuses runs over 4,300 digits anyway
MAX_SHARE_DIGITS = 15

_NO_VALUE = re.compile(r"(?i)^(?:see\b|refer\b|not\s+applicable|n/?a\b|\*+$|\(see\b)")


def clean_value(raw: str) -> str:
    """``raw`` without markup remnants, separator lines and the rows' left-hand label.

    Examples
    --------
    >>> clean_value("NUMBER OF      \\n  698,700\\n______\\n")
    '698,700'
    >>> clean_value(" .08%")
    '.08%'
    """
    t = _NOISE_LINE.sub(" ", raw)
    t = _LABEL_WORDS.sub(" ", t)
    t = _NOISE_LINE.sub(" ", t)
    t = t.replace("\xa0", " ")
    t = re.sub(r"[ \t]+", " ", t)
    t = re.sub(r" ?\n ?", "\n", t)
    t = re.sub(r"\n{2,}", "\n\n", t)
    # a point opens ".08%": keep it; other leading and trailing points are punctuation
    t = re.sub(r"^(?:[ \n\t:_]|\.(?!\d))+", "", t)
    return t.rstrip(" \n\t:._")


def strip_label_words(text: str) -> str:
    """``text`` without the words of the "Number of shares ... with" label at its start.

    Examples
    --------
    >>> strip_label_words("Owned by each reporting person with: Delaware")
    'Delaware'
    """
    return re.sub(
        r"(?i)^(?:\s*\b(?:number|of|shares|beneficially|owned|by|each|reporting|person|with)\b:?)+\s*",
        "",
        text,
    )


def first_paragraph(text: str) -> str:
    """The first block of non-blank lines of ``text``, joined with single spaces.

    Examples
    --------
    >>> first_paragraph("\\n Cayman Islands,\\n British West Indies\\n\\nNUMBER")
    'Cayman Islands, British West Indies'
    """
    block: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            block.append(line.strip())
        elif block:
            break
    return " ".join(block)


def read_amount(raw: str) -> tuple[int | Decimal | None, str | None]:
    """The share count a row states, and a reason when there is none.

    "-0-", "0", "None", a lone dash or a short run of dashes alone on its line ("----")
    read as 0; "See Item 5", "N/A" or nothing give ``None`` with a reason. The first
    number not preceded by "Item", "Row" and the like is the amount: an ``int`` when
    whole, the exact ``Decimal`` when the row states a fraction ("31,797.3 units").
    Dashes on both sides of a number are decoration ("-3,416,000-"), not a sign.

    Examples
    --------
    >>> read_amount("Shares 94,415,771 representing Class A Ordinary")
    (94415771, None)
    >>> read_amount("None")
    (0, None)
    >>> read_amount("")
    (None, 'blank')
    >>> read_amount("1,234.5 shares"), read_amount("31,797.3 UNITS"), read_amount("7207424.40")
    ((Decimal('1234.5'), None), (Decimal('31797.3'), None), (Decimal('7207424.40'), None))
    >>> read_amount("1,000.00"), read_amount("-3,416,000-"), read_amount("\\n   OWNED BY      ----\\n")
    ((1000, None), (3416000, None), (0, None))
    >>> read_amount("\\n" + "-" * 40 + "\\n")
    (None, 'blank')
    >>> read_amount("NUMBER OF NONE")
    (0, None)
    >>> read_amount("-5,000")
    (-5000, "negative share count in '-5,000'")
    >>> read_amount("9" * 5000)[0] is None
    True
    >>> read_amount("1,353,4681\\n PERSON WITH 10 SHARED")
    (None, "malformed number '1,353,4681' in '1,353,4681 PERSON WITH 10 SHARED'")
    """
    text = clean_value(raw)
    if not text and re.fullmatch(r"[-\s\xa0]*-[-\s\xa0]*", _NOISE_LINE.sub(" ", raw)):
        return 0, None  # a lone dash
    if not text and _NIL_DASHES.search(_LABEL_WORDS.sub(" ", raw)):
        return 0, None  # "----" alone on the row's value line
    text = re.sub(r"^(?:\(\w{1,2}\)|\*+|[:.])\s*", "", text).strip()
    text = (
        strip_label_words(text)
        if re.match(r"(?i)(?:number|shares|beneficially|owned|each|reporting|person|with)\b", text)
        else text
    )
    if not text:
        return None, "blank"
    text = re.sub(r"^[-–—:]+\s+(?=\d)", "", text)  # "SOLE VOTING POWER - 189,185"
    if _ZERO.match(text):
        return 0, None
    if _NO_VALUE.match(text):
        return None, f"no number stated ({first_paragraph(text)[:80]})"
    for tok in _TOKEN.finditer(text):
        if _REFERENCE.search(text[: tok.start()]) or (
            re.search(r"\(\s*$", text[: tok.start()]) and re.match(r"\s*\)", text[tok.end() :])
        ):
            continue
        if not _WELL_FORMED.fullmatch(tok.group(0)):
            # "1,353,4681": a number run into a footnote mark or mistyped; never guess
            return None, f"malformed number {tok.group(0)!r} in {first_paragraph(text)[:60]!r}"
        break
    for m in _NUMBER.finditer(text):
        before = text[: m.start()]
        if _REFERENCE.search(before):
            continue
        if re.search(r"\(\s*$", before) and re.match(r"\s*\)", text[m.end() :]):
            continue  # a footnote mark "(1)"
        digits = m.group(2).replace(",", "")
        if len(digits) > MAX_SHARE_DIGITS:
            return (
                None,
                f"implausibly large number ({len(digits)} digits) in {first_paragraph(text)[:60]!r}",
            )
        fraction = m.group(3)
        value: int | Decimal = int(digits)
        if fraction and fraction.strip(".0"):
            value = Decimal(digits + fraction)
        if re.match(r"\s*(?:%|percent)", text[m.end() :]):
            return None, f"stated as a percentage ({first_paragraph(text)[:80]})"
        if m.group(1) and re.match(r"[-–—]", text[m.end() :]):
            return value, None  # "-3,416,000-": dashes as decoration
        if m.group(1):
            # kept as the document states it, with a warning: never silently made positive
            return -value, f"negative share count in {first_paragraph(text)[:80]!r}"
        return value, None
    return None, f'no number in "{first_paragraph(text)[:80]}"'


#: the words of a box row without a box that answer its question with yes
_AFFIRMED = re.compile(r"(?i)(?:x|yes)[.\s]*$|exclud(?:es|ed|ing)\b")


def checked(segment: str) -> bool | None:
    """Whether the box in ``segment`` is checked; ``None`` when there is no box.

    Examples
    --------
    >>> checked(" [X] "), checked("|_|"), checked("/ /"), checked("nothing here")
    (True, False, False, None)
    >>> checked("\u2612"), checked("\u2610"), checked("þ"), checked("¨")
    (True, False, True, False)
    """
    seen = False
    for m in _BOX.finditer(segment.replace("\xa0", " ")):
        if m.group("on"):
            return True
        seen = True
    return False if seen else None


def read_box(raw: str, which: str | None = None) -> bool | None:
    """A checkbox row: the box of choice ``which`` ("a"/"b") or the row's single box.

    A row with no box at all reads as unchecked, unless its value affirms the
    question in words: "X", "Yes", or (row 12 / 13G row 10) a statement that
    begins "Excludes ..." reads as checked.

    Examples
    --------
    >>> read_box("(a) |_|\\n(b) |X|", "a"), read_box("(a) |_|\\n(b) |X|", "b")
    (False, True)
    >>> read_box("[ ]"), read_box("")
    (False, False)
    >>> read_box("a. / /\\n b. /X/", "b")
    True
    >>> read_box("\\nExcludes shares beneficially owned by LaSalle Investment Management, Inc.")
    True
    >>> read_box("N/A"), read_box("X"), read_box("Yes.")
    (False, True, True)
    """
    text = raw.replace("\xa0", " ")
    if which is None:
        found = checked(text)
        if found is None:
            said = first_paragraph(clean_value(text)).lstrip("*†‡ ")
            return bool(_AFFIRMED.match(said))
        return found
    marks = list(re.finditer(r"(?i)(?:\(\s*([ab])\s*\)|(?<![\w])([ab])[.)](?!\w))", text))
    spots: dict[str, re.Match[str]] = {}
    for m in marks:
        spots.setdefault((m.group(1) or m.group(2)).lower(), m)
    if which not in spots:
        return None
    a, b = spots.get("a"), spots.get("b")
    if a is not None and b is not None and a.end() <= b.start():
        after_a = checked(text[a.end() : b.start()])
        after_b = checked(text[b.end() : b.end() + 40].split("\n")[0])
        line_start = text.rfind("\n", 0, a.start()) + 1
        before_a = checked(text[line_start : a.start()])
        if after_b is None and before_a is not None:
            # boxes written before their letters: "[X] (a)  [ ] (b)"
            return bool(before_a if which == "a" else after_a)
        return bool(after_a if which == "a" else after_b)
    m = spots[which]
    return bool(checked(text[m.end() : m.end() + 40].split("\n")[0]))


def read_codes(raw: str, allowed: frozenset[str]) -> list[str]:
    """The codes from ``allowed`` on the first lines of ``raw`` that hold nothing else.

    Examples
    --------
    >>> read_codes("\\n PN\\n\\nSCHEDULE 13D", TYPE_CODES)
    ['PN']
    >>> read_codes("CO; HC\\nIA\\n* See instructions", TYPE_CODES)
    ['CO', 'HC', 'IA']
    """
    codes: list[str] = []
    for line in clean_value(raw).split("\n"):
        s = line.strip()
        if not s:
            if codes:
                break
            continue
        s = re.sub(r"\([^)]*\)|\*+|\[[^\]]*\]", " ", s, flags=re.I).strip(" .,;")
        if not s or re.fullmatch(r"[-–—]+", s):
            continue  # nothing, or the dashes after a caption ("TYPE OF REPORTING PERSON --")
        words = [w for w in re.split(r"[\s,;/&-]+|\band\b", s) if w and w.strip(".")]
        words = [w.strip(".").upper() for w in words]
        words = ["OO" if w == "00" and "OO" in allowed else w for w in words]  # typed zeros
        if words and all(w in allowed for w in words):
            for w in words:
                if w not in codes:
                    codes.append(w)
            continue
        found = [w for w in words if w in allowed and len(w) == 2]
        if not codes and found and len(found) * 2 >= len(words):
            codes.extend(w for w in found if w not in codes)
        break
    return codes
