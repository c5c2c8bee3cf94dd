"""The values some Items state, as rules over ``loaders/vocab/items.toml``: an Item that
does not apply, the 13G Item 3 kinds of institution, a check box's state, the Item 5
"5 percent or less" box, the issuer's address of 13G Item 1(b) and the 13D cover's
"previously filed on Schedule 13G" box.

Every format uses these rules: the structured XML reader on element texts, the text
reader (:mod:`.items`) on the Items it finds.

May import: :mod:`ownergraph.loaders.vocab` and the foundation.

Examples
--------
>>> is_not_applicable("N/A"), is_not_applicable("  Not Applicable. "), is_not_applicable("See Item 4")
(True, True, False)
>>> institution("IA"), institution("A parent holding company, in accordance with 13d-1(b)"), institution("OO")
('investment adviser', 'parent holding company', None)
>>> statement("9", "Notice of Dissolution of Group                 N/A")
'N/A'
>>> box_state("check the following [X]"), box_state("check the following [ ]"), box_state("none")
(True, False, None)
>>> checked_institutions("(a) [ ] Broker or Dealer\\n(e) [X] Investment Adviser registered\\n(g) [ ] Parent Holding Company")
['investment adviser']
>>> checked_institutions("TYPE OF PERSON:  (g) PARENT HOLDING COMPANY")
['parent holding company']
"""

from __future__ import annotations

import re
from functools import cache

from ownergraph.loaders.vocab import phrase_pattern, table

__all__ = [
    "box_state",
    "checked_institutions",
    "five_percent_box",
    "institution",
    "institution_in",
    "is_not_applicable",
    "issuer_address_span",
    "item_titles",
    "previously_filed_box",
    "statement",
]


def _alternatives(phrases: object) -> str:
    """The phrases of a TOML list joined as one pattern, longest first."""
    items = [str(p) for p in phrases] if isinstance(phrases, list) else []
    items.sort(key=len, reverse=True)
    return "(?:" + "|".join(phrase_pattern(p) for p in items) + ")"


def _section(name: str) -> dict[str, object]:
    value = table("items").get(name, {})
    return value if isinstance(value, dict) else {}


def item_titles(schedule: str) -> dict[str, str]:
    """The official Item titles of ``schedule`` ("13D" or "13G"), by number.

    >>> item_titles("13G")["5"]
    'Ownership of 5 Percent or Less of a Class'
    """
    titles = _section("titles").get(schedule, {})
    return {str(k): str(v) for k, v in titles.items()} if isinstance(titles, dict) else {}


@cache
def _not_applicable() -> re.Pattern[str]:
    body = _alternatives(_section("not_applicable").get("phrases"))
    # a page number left on its own line after the statement is not part of it
    return re.compile(r"^[\s:.\-–—]*" + body + r"[\s.]*(?:\n\s*\d{1,3}\s*)?$", re.I)


def is_not_applicable(text: str | None) -> bool:
    """True when ``text`` is only a "not applicable" statement ("N/A", "None.")."""
    return bool(text) and _not_applicable().match(text or "") is not None


@cache
def _heading(schedule: str, number: str) -> re.Pattern[str] | None:
    phrases = _section("headings").get(schedule, {})
    wanted = phrases.get(number) if isinstance(phrases, dict) else None
    if not wanted:
        return None
    return re.compile(r"^\s*(?:\([a-z]\)\s*)?" + _alternatives(wanted) + r"[\s:.\-–—]*", re.I)


def statement(number: str, text: str, schedule: str = "13G") -> str:
    """What an Item states: ``text`` (its heading line's rest and its body) less the
    heading's own words, which filings often wrap onto the following lines, less the
    form's instructions printed under it and less page furniture ("CUSIP No. ...",
    "Page 5 of 5", rules). An empty result means the Item states nothing.

    >>> statement("6", "Contracts, Arrangements, Understandings or Relationships With\\nRespect to Securities of the Issuer.\\n\\nNone.", "13D")
    'None.'
    """
    rx = _heading(schedule, number)
    m = rx.match(text) if rx is not None else None
    rest = text[m.end() :] if m else text
    told = _instruction(schedule, number)
    i = told.match(rest) if told is not None else None
    if i is not None:
        rest = rest[i.end() :]
    return _furniture().sub("", rest).strip()


@cache
def _instruction(schedule: str, number: str) -> re.Pattern[str] | None:
    phrases = _section("instructions").get(schedule, {})
    wanted = phrases.get(number) if isinstance(phrases, dict) else None
    return re.compile(r"\s*" + _alternatives(wanted), re.I) if wanted else None


@cache
def _furniture() -> re.Pattern[str]:
    return re.compile(_alternatives(_section("furniture").get("lines")), re.I | re.M)


@cache
def _institutions() -> list[tuple[str, str, re.Pattern[str]]]:
    out = []
    for key, entry in _section("institution").items():
        if not isinstance(entry, dict):
            continue
        label = str(entry.get("label") or key.replace("-", " "))
        rx = re.compile(r"(?:an?\s+)?" + _alternatives(entry.get("phrases")) + r"\b", re.I)
        out.append((label, str(entry.get("code", "")).upper(), rx))
    return out


def institution(text: str) -> str | None:
    """The kind of institution ``text`` names: an EDGAR code (``IA``) or a box's wording."""
    t = text.strip()
    for label, code, rx in _institutions():
        if t.upper() == code or rx.match(t):
            return label
    return None


@cache
def _boxes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    section = _section("boxes")
    checked = _alternatives(section.get("checked"))
    unchecked = _alternatives(section.get("unchecked"))
    return re.compile(checked), re.compile(unchecked)


def box_state(text: str) -> bool | None:
    """The state of the first check box in ``text``: True checked, False empty, None none."""
    checked, unchecked = _boxes()
    c, u = checked.search(text), unchecked.search(text)
    if c is None and u is None:
        return None
    if c is None:
        return False
    if u is None:
        return True
    return c.start() <= u.start()


_OPTION = re.compile(r"(?:^|(?<=\s))\(([a-k])\)[ \t]*", re.M)


def institution_in(text: str) -> str | None:
    """The first kind of institution named anywhere in ``text`` (a sentence such as
    "Perry Corp. is an investment adviser registered under ...").

    >>> institution_in("Mr. Perry is a control person of Perry Corp.")
    'parent holding company'
    """
    best: tuple[int, str] | None = None
    for label, _code, rx in _institutions():
        m = rx.search(text)
        if m is not None and (best is None or m.start() < best[0]):
            best = (m.start(), label)
    return best[1] if best else None


def checked_institutions(text: str) -> list[str]:
    """The kinds of institution a 13G Item 3 checks.

    Where the Item prints boxes, each box is followed by its wording (a letter in
    parentheses before or after the box aside), up to the next box or blank line; the
    checked ones count. Where it prints none, the Item states its kinds in a few
    lettered sentences (``(g) PARENT HOLDING COMPANY``); a full list of lettered
    options without boxes (the form's boxes lost in conversion) states nothing. A
    short Item with neither boxes nor letters states its kind in a sentence.

    >>> checked_institutions("[ ] (a) Broker or dealer\\n[X] (e) An investment adviser")
    ['investment adviser']
    >>> checked_institutions("(a) [ ] Broker or dealer\\n(e) [X] Investment adviser")
    ['investment adviser']
    """
    checked, unchecked = _boxes()
    box = re.compile(f"(?:{checked.pattern})|(?:{unchecked.pattern})")
    boxes = list(box.finditer(text))
    out: list[str] = []
    if boxes:
        for i, m in enumerate(boxes):
            if checked.fullmatch(m.group(0)) is None:
                continue
            stop = boxes[i + 1].start() if i + 1 < len(boxes) else len(text)
            wording = re.split(r"\n[ \t]*\n", text[m.end() : stop], maxsplit=1)[0]
            wording = (
                _OPTION.sub("", wording, count=1) if _OPTION.match(wording.lstrip()) else wording
            )
            wording = re.sub(r"\(?[a-k]\)\s*$", "", wording)  # the next option's letter
            label = institution(re.sub(r"\s+", " ", wording).strip())
            if label is not None and label not in out:
                out.append(label)
        return out
    options = list(_OPTION.finditer(text))
    if not options and len(text) <= 400:
        # one sentence: "An investment adviser in accordance with §240.13d-1(b)(1)(ii)(E)."
        label = institution_in(re.sub(r"\s+", " ", text))
        return [label] if label is not None else out
    if len(options) > 3:
        return out
    for i, m in enumerate(options):
        stop = options[i + 1].start() if i + 1 < len(options) else len(text)
        wording = re.split(r"\n[ \t]*\n", text[m.end() : stop], maxsplit=1)[0]
        label = institution_in(re.sub(r"\s+", " ", wording))
        if label is not None and label not in out:
            out.append(label)
    return out


@cache
def _address_caption() -> tuple[re.Pattern[str], re.Pattern[str]]:
    parts = _section("parts")
    caption = re.compile(_alternatives(parts.get("issuer_address")) + r"[ \t]*:?", re.I)
    end = re.compile(_alternatives(parts.get("address_end")), re.I)
    return caption, end


def issuer_address_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where Item 1(b)'s issuer address stands in ``text[start:end]`` (after its caption).

    >>> t = "Item 1(b) Address of Issuer's Principal Executive Offices:\\n  One Kendall Square\\n  Cambridge, MA 02139\\n\\nItem 2(a) Name"
    >>> a, b = issuer_address_span(t, 0, len(t)); t[a:b]
    'One Kendall Square\\n  Cambridge, MA 02139'
    """
    caption, stop = _address_caption()
    m = caption.search(text, start, end)
    if m is None:
        return None
    e = stop.search(text, m.end(), end)
    a, b = m.end(), e.start() if e else end
    # rules under the caption ("-----") and stray punctuation are not the address
    while a < b:
        rule = re.match(r"[-_=]{2,}|[ \t\r\n:.,;]", text[a:b])
        if rule is None:
            break
        a += rule.end()
    while b > a and (text[b - 1].isspace() or text[b - 1] in "-_="):
        b -= 1
    return (a, b) if b - a >= 5 and b - a <= 400 else None


@cache
def _box_captions() -> dict[str, tuple[re.Pattern[str] | None, re.Pattern[str]]]:
    out: dict[str, tuple[re.Pattern[str] | None, re.Pattern[str]]] = {}
    for name in ("previously_filed", "five_percent"):
        section = _section(name)
        phrases = section.get("phrases")
        phrase = re.compile(_alternatives(phrases), re.I) if phrases else None
        out[name] = (phrase, re.compile(_alternatives(section.get("box")), re.I))
    return out


def _box_after(text: str, name: str, start: int, limit: int) -> tuple[bool, int, int] | None:
    """The box that follows the caption ``name`` of the table in ``text[start:limit]``:
    (checked, start, end of the quote from the caption's first word to the box)."""
    phrase, caption = _box_captions()[name]
    begin = start
    if phrase is not None:
        m = phrase.search(text, start, limit)
        if m is None:
            return None
        begin = m.start()
        start = m.end()
    b = caption.search(text, start, min(limit, start + 600))
    if b is None:
        return None
    window = text[b.end() : min(limit, b.end() + 20)]
    state = box_state(window)
    if state is None:
        return None
    checked, unchecked = _boxes()
    hit = checked.search(window) if state else unchecked.search(window)
    return state, begin if phrase is not None else b.start(), b.end() + (hit.end() if hit else 0)


def previously_filed_box(text: str, limit: int) -> tuple[bool, int, int] | None:
    """The 13D cover's "previously filed a statement on Schedule 13G" box in
    ``text[:limit]``: (checked, start, end of the quote), or None when not printed.

    >>> previously_filed_box("If the filing person has previously filed a statement on Schedule 13G ... check the following box / /.", 500)
    (False, 25, 101)
    """
    return _box_after(text, "previously_filed", 0, limit)


def five_percent_box(text: str, start: int, end: int) -> tuple[bool, int, int] | None:
    """13G Item 5's box ("... ceased to be the beneficial owner of more than 5 percent
    ..., check the following [X]") in ``text[start:end]``.

    >>> five_percent_box("Item 5. ... check the following ☒.", 0, 40)[0]
    True
    """
    return _box_after(text, "five_percent", start, end)
