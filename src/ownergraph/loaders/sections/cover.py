"""Front matter and cover pages from filing text (see :mod:`ownergraph.loaders.formats.textual`).

:func:`parse_front_matter` reads the page before the first cover page: the form, the
amendment number, the issuer, the class of securities, the CUSIP, the date of the event,
the person authorized to receive notices and any ADS description. :func:`parse_cover_pages`
reads one :class:`~ownergraph.record.CoverPage` per reporting person, every row, and the
cover page's footnotes (ADS counts, the basis of the percentage, other share classes).

Examples
--------
>>> from ownergraph.record import Filing
>>> text = '''SCHEDULE 13G
... (Amendment No. 2)
... ACME CORP.
... (Name of Issuer)
... Common Stock, $0.01 par value
... (Title of Class of Securities)
... 000886309
... (CUSIP Number)
... December 31, 2020
... (Date of Event Which Requires Filing of this Statement)
...
... 1 NAME OF REPORTING PERSON
...   Jane Q. Doe
... 2 CHECK THE APPROPRIATE BOX IF A MEMBER OF A GROUP (a) [ ] (b) [X]
... 3 SEC USE ONLY
... 4 CITIZENSHIP OR PLACE OF ORGANIZATION   United States
... 5 SOLE VOTING POWER        1,000
... 6 SHARED VOTING POWER      -0-
... 7 SOLE DISPOSITIVE POWER   1,000
... 8 SHARED DISPOSITIVE POWER -0-
... 9 AGGREGATE AMOUNT BENEFICIALLY OWNED BY EACH REPORTING PERSON   1,000
... 10 CHECK IF THE AGGREGATE AMOUNT IN ROW (9) EXCLUDES CERTAIN SHARES [ ]
... 11 PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9)   5.1%
... 12 TYPE OF REPORTING PERSON   IN
... '''
>>> f = Filing(form="", schedule="")
>>> parse_front_matter(text, f)
>>> f.form, f.schedule, f.amendment_number, f.entities[f.issuer].name, f.cusip, f.event_date
('SCHEDULE 13G', '13G', 2, 'ACME CORP.', '000886309', datetime.date(2020, 12, 31))
>>> parse_cover_pages(text, f)
>>> c = f.cover_pages[0]
>>> f.entities[c.person].name, c.group_b, c.sole_voting, c.shared_voting, c.aggregate, c.percent_of_class, c.type_codes
('Jane Q. Doe', True, 1000, 0, 1000, Decimal('5.1'), ['IN'])
>>> f.entities[c.person].citizenship.code, c.field_sources["sole_voting"].section
('US', 'Cover page, reporting person 1, row 5')
"""

from __future__ import annotations

import re

from ownergraph.loaders.sections.cover_common import (
    _AMENDMENT,
    _CLASS_LABEL,
    _FORM,
    _FRONT,
    _MARKS,
    _NUMBER_WORDS,
    _ORDINALS,
    _PAR,
    _first_page_start,
    _one_line,
    _src,
    share_class_key,
)
from ownergraph.loaders.sections.cover_front import caption_blocks
from ownergraph.loaders.sections.cover_notice import (
    _notice_block,
    _read_depositary,
    _read_notice,
)
from ownergraph.loaders.sections.cover_pages import parse_cover_pages
from ownergraph.loaders.sections.cover_rows import Page, find_pages
from ownergraph.loaders.sections.name_check import name_problem
from ownergraph.normalize import (
    entity_key,
    fingerprint,
    parse_date,
    parse_money,
)
from ownergraph.normalize.names import clean_name
from ownergraph.normalize.rules import RULE, checked_rules
from ownergraph.record import (
    Entity,
    EntityKind,
    Filing,
    ShareClass,
    Source,
)

__all__ = ["parse_cover_pages", "parse_front_matter", "share_class_key"]

# --------------------------------------------------------------------------- front matter


def parse_front_matter(
    text: str, filing: Filing, *, document: str = "primary", pages: list[Page] | None = None
) -> None:
    """Fill the form, amendment number, issuer, class, CUSIP, event date of ``filing``.

    Also adds the person authorized to receive notices (an entity, a "notice contact"
    role and ``filing.notice_person``) and an ADS programme when the front matter
    describes one. ``pages`` are the cover pages of ``text`` when the caller has them
    (:func:`~ownergraph.loaders.sections.cover_rows.find_pages`).
    """
    pages = find_pages(text) if pages is None else pages
    end = _first_page_start(text, pages)
    region = text[:end]
    form = _FORM.search(region)
    if form is not None:
        if not filing.schedule:
            filing.schedule = f"13{form.group(1).upper()}"
        if not filing.form:
            filing.form = f"SCHEDULE 13{form.group(1).upper()}" + ("/A" if form.group(2) else "")
            filing.cite("form", _src(_FRONT, text, form.start(), form.end(), document))
    elif not filing.schedule and pages:
        filing.schedule = pages[0].schedule
    amend = _AMENDMENT.search(region)
    if amend is not None and filing.amendment_number is None:
        word = amend.group(1).lower()
        number = int(word) if word.isdigit() else _NUMBER_WORDS.get(word, _ORDINALS.get(word))
        if number:
            filing.amendment_number = number
            filing.cite(
                "amendment_number", _src(_FRONT, text, amend.start(), amend.end(), document)
            )
    _read_rules(text, region, filing, document)
    blocks = caption_blocks(text, 0, end)
    issuer_key = _read_issuer(text, filing, blocks, document)
    if "issuer" not in blocks:
        issuer_key = _read_item_issuer(text, filing, end, document)
    _read_cusip(text, filing, blocks, document, pages)
    _read_class(text, filing, blocks, document, issuer_key, end)
    if "date" in blocks and filing.event_date is None:
        s, e, _ = blocks["date"]
        d = parse_date(_one_line(text[s:e]))
        if d is not None:
            filing.event_date = d
            filing.cite("event_date", _src(_FRONT, text, s, e, document))
        else:
            filing.warnings.append(
                f"front matter: unreadable date of event {_one_line(text[s:e])!r}"
            )
    if "notice" in blocks:
        _read_notice(text, filing, _notice_block(text, blocks), document)
    _read_depositary(text, filing, 0, end, document, _FRONT)


def _read_rules(text: str, region: str, filing: Filing, document: str) -> None:
    """The 13G rule designations whose box the front page checks."""
    if filing.rules or filing.schedule == "13D":
        return
    hits = list(RULE.finditer(region))
    rules = checked_rules(region)
    if not rules or not hits:
        return
    filing.rules = rules
    start = region.rfind("\n", 0, hits[0].start()) + 1
    stop = region.find("\n", hits[-1].end())
    filing.cite("rules", _src(_FRONT, text, start, stop if stop >= 0 else hits[-1].end(), document))


def _share_a_word(name: str, others: list[str]) -> bool:
    """Whether ``name`` and one of ``others`` share a word of three letters or more that
    is not a legal form (EDGAR's conformed header names are cut and abbreviated).

    Examples
    --------
    >>> _share_a_word("Mark Controls Corporation", ["CRANE CO /DE/"])
    False
    >>> _share_a_word("Crane Co.", ["CRANE CO /DE/"])
    True
    """

    def words(n: str) -> set[str]:
        return {w for w in fingerprint(n).split() if len(w) >= 3 and w not in _FORM_WORDS}

    mine = words(name)
    return any(mine & words(o) for o in others)


_FORM_WORDS = frozenset({"inc", "corp", "ltd", "llc", "the", "and", "company", "corporation"})


def _read_issuer(
    text: str, filing: Filing, blocks: dict[str, tuple[int, int, int]], document: str
) -> str | None:
    if "issuer" not in blocks:
        return filing.issuer
    s, e, _ = blocks["issuer"]
    name = clean_name(_MARKS.sub("", _one_line(text[s:e])))
    if not name:
        return filing.issuer
    src = _src(_FRONT, text, s, e, document)
    if filing.issuer in filing.filers and not _share_a_word(
        name, filing.entities[filing.issuer].all_names() if filing.issuer in filing.entities else []
    ):
        # the header names the filer as its own subject company (IMS-era headers); the
        # cover's "(Name of Issuer)" wins: the issuer is its own entity, never an alias
        filing.warnings.append(
            f"front matter: the header's subject company {filing.entities[filing.issuer].name!r} "
            f"is also the filer; the cover names the issuer {name!r}"
        )
        filing.issuer = None
    key = filing.issuer or entity_key(name)
    ent = filing.add_entity(Entity(key=key, name=name, kind=EntityKind.COMPANY, source=src))
    if ent.source is None:
        ent.source = src
    if filing.issuer is None:
        filing.issuer = key
        filing.cite("issuer", src)
    return filing.issuer


#: "Item 1(a). Name of Issuer: ACME CORP", the name on that line or the next one
_ITEM_ISSUER = re.compile(
    r"^[ \t\xa0]*Item[ \t\xa0]*1[ \t\xa0]*\(?a\)?[ \t\xa0.:\-\u2013\u2014]*Name[ \t\xa0]+of[ \t\xa0]+"
    r"(?:the[ \t\xa0]+)?Issuer[ \t\xa0]*[:.\-\u2013\u2014]?[ \t\xa0]*(?P<same>[^\n]*)\n"
    r"(?:[ \t\xa0]*\n)*(?P<next>[^\n]*)",
    re.I | re.M,
)


def _read_item_issuer(text: str, filing: Filing, start: int, document: str) -> str | None:
    """The issuer named in Item 1(a) when the cover page names none.

    With an issuer already known (the SGML header's subject company) the Item's
    spelling joins it as an alias when the two share a word; otherwise it is the issuer.

    Examples
    --------
    >>> f = Filing(form="SCHEDULE 13G", schedule="13G")
    >>> t = "Cover\\nItem 1(a). Name of Issuer:\\n\\n   Acme Widget Holdings, Inc.\\n\\nItem 1(b). Address"
    >>> _read_item_issuer(t, f, 0, "primary"), f.entities[f.issuer].name
    ('acme-widget-holdings-inc', 'Acme Widget Holdings, Inc.')
    """
    m = _ITEM_ISSUER.search(text, start)
    if m is None:
        return filing.issuer
    group = "same" if m.group("same").strip(" \t\xa0:.-") else "next"
    raw = m.group(group)
    if re.match(r"(?i)[ \t\xa0]*item\b", raw):
        return filing.issuer  # an empty Item 1(a): the next line is Item 1(b)
    name = clean_name(_MARKS.sub("", _one_line(raw)))
    if not name or name_problem(name) is not None or not re.search(r"[A-Za-z]{2}", name):
        return filing.issuer
    src = _src("Item 1(a)", text, m.start(group), m.end(group), document)
    if filing.issuer is not None:
        known = filing.entities.get(filing.issuer)
        if known is not None and _share_a_word(name, known.all_names()):
            filing.add_entity(Entity(key=filing.issuer, name=name, kind=EntityKind.COMPANY))
        return filing.issuer
    key = entity_key(name)
    ent = filing.add_entity(Entity(key=key, name=name, kind=EntityKind.COMPANY, source=src))
    if ent.source is None:
        ent.source = src
    filing.issuer = key
    filing.cite("issuer", src)
    return key


def _read_cusip(
    text: str,
    filing: Filing,
    blocks: dict[str, tuple[int, int, int]],
    document: str,
    pages: list[Page],
) -> None:
    cusip: str | None = None
    src: Source | None = None
    if "cusip" in blocks:
        s, e, _ = blocks["cusip"]
        raw = text[s:e]
        first = raw.split("\n")[0]
        compact = re.sub(r"[\s\xa0-]", "", re.sub(r"[*†‡]|\(\d\)", "", first)).upper()
        compact = re.sub(r"^(?:CUSIP)?(?:NO\.?|NUMBER)?:?", "", compact)
        m = re.match(r"[0-9A-Z]{6}[0-9A-Z]{2}[0-9]?", compact)
        if m:
            cusip = m.group(0)
            src = _src(_FRONT, text, s, e, document)
            longer = re.search(rf"(?<![0-9A-Z]){re.escape(cusip)}[0-9]+(?![0-9A-Z])", first.upper())
            if len(cusip) == 9 and longer:
                # "0009032931": more characters than a CUSIP has; kept as written, never cut
                cusip = longer.group(0)
                filing.warnings.append(
                    f"CUSIP {cusip!r} has {len(cusip)} characters (a CUSIP has 9): kept as written"
                )
    if cusip is None and pages:
        window = text[max(0, pages[0].start - 600) : pages[0].start]
        m2 = re.search(
            r"CUSIP[\s\xa0]+(?:No\.?|Number)[\s\xa0]*:?[\s\xa0]*([0-9A-Z]{6}[\s\xa0-]?[0-9A-Z]{2}[\s\xa0-]?[0-9]?)\b",
            window,
            re.I,
        )
        if m2:
            cusip = re.sub(r"[\s\xa0-]", "", m2.group(1)).upper()
            off = max(0, pages[0].start - 600)
            src = _src("Cover page", text, off + m2.start(), off + m2.end(), document)
    if cusip is None:
        return
    if filing.cusip is None:
        filing.cusip = cusip
        filing.cite("cusip", src)
    if filing.issuer and filing.issuer in filing.entities and 8 <= len(cusip) <= 9:
        issuer = filing.entities[filing.issuer]
        if issuer.cusip6 is None:
            issuer.cusip6 = cusip[:6]
            issuer.cite("cusip6", src)


def _read_class(
    text: str,
    filing: Filing,
    blocks: dict[str, tuple[int, int, int]],
    document: str,
    issuer: str | None,
    front_end: int,
) -> None:
    if "title" not in blocks or issuer is None:
        return
    s, e, _ = blocks["title"]
    written = _one_line(text[s:e])
    written = _MARKS.sub("", written)
    if not written:
        return
    title = _PAR.split(written)[0].strip(" ,;") if _PAR.search(written) else written
    label_m = _CLASS_LABEL.search(title)
    label = label_m.group(1) if label_m else None
    key = share_class_key(issuer, title, label)
    src = _src(_FRONT, text, s, e, document)
    sc = filing.share_classes.get(key)
    if sc is None:
        sc = ShareClass(key=key, issuer=issuer, title=title or written, label=label, source=src)
        filing.share_classes[key] = sc
    par = _PAR.search(written)
    if par is not None and sc.par_value is None:
        money = parse_money(written[par.start() :]) or parse_money(written[: par.end()])
        if money is not None:
            sc.par_value = money
            sc.cite("par_value", src)
    if filing.cusip and sc.cusip is None and not _ads_cusip(text[:front_end]):
        sc.cusip = filing.cusip
        sc.cite("cusip", filing.field_sources.get("cusip"))
    if filing.subject_class is None:
        filing.subject_class = key
        filing.cite("subject_class", src)


def _ads_cusip(region: str) -> bool:
    return bool(
        re.search(
            r"CUSIP[^.]{0,80}assigned\s+to\s+(?:the\s+)?(?:American\s+Depositary|ADS)", region, re.I
        )
    )
