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
from decimal import Decimal

from ownergraph.loaders.sections.cover_front import ANY_CAPTION as _ANY_FRONT_CAPTION
from ownergraph.loaders.sections.cover_front import caption_blocks, split_columns
from ownergraph.loaders.sections.cover_notes import find_footnotes, read_note, read_row_basis
from ownergraph.loaders.sections.cover_rows import ROW_13D, ROW_13G, Page, Row, find_pages
from ownergraph.loaders.sections.cover_values import (
    FUND_CODES,
    TYPE_CODES,
    clean_value,
    first_paragraph,
    read_amount,
    read_box,
    read_codes,
    strip_label_words,
)
from ownergraph.normalize import (
    entity_key,
    fingerprint,
    jurisdiction,
    looks_like_person,
    parse_date,
    parse_money,
    parse_percent,
    split_person_name,
)
from ownergraph.normalize.names import clean_name
from ownergraph.normalize.rules import RULE, checked_rules
from ownergraph.record import (
    Address,
    CoverPage,
    DepositaryProgramme,
    Entity,
    EntityKind,
    Filing,
    Role,
    ShareClass,
    Source,
)

__all__ = ["parse_cover_pages", "parse_front_matter", "share_class_key"]

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


# --------------------------------------------------------------------------- front matter


def parse_front_matter(text: str, filing: Filing, *, document: str = "primary") -> None:
    """Fill the form, amendment number, issuer, class, CUSIP, event date of ``filing``.

    Also adds the person authorized to receive notices (an entity, a "notice contact"
    role and ``filing.notice_person``) and an ADS programme when the front matter
    describes one.
    """
    pages = find_pages(text)
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
    _read_cusip(text, filing, blocks, document, pages)
    _read_class(text, filing, blocks, document, issuer_key)
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
    if filing.cusip and sc.cusip is None and not _ads_cusip(text[: _first_page_start(text)]):
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


def _notice_block(text: str, blocks: dict[str, tuple[int, int, int]]) -> tuple[int, int, int]:
    """The whole notice block: every line between the caption before it and its own.

    HTML turned into text often leaves a blank line between the lines of one block,
    so the block is bounded by the captions, not by blank lines.
    """
    s, e, cap = blocks["notice"]
    before = [c for (_, _, c) in blocks.values() if c < cap]
    if before:
        prev = max(before)
        line_end = text.find("\n", prev)
        if 0 <= line_end < s:
            region = text[line_end:cap]
            lines = [
                ln
                for ln in region.split("\n")
                if ln.strip(" \t\xa0") and not re.fullmatch(r"[-_=*.\s\xa0]+", ln)
            ]
            if 1 < len(lines) <= 14:
                first = region.find(lines[0])
                last = region.rfind(lines[-1]) + len(lines[-1])
                return line_end + first, line_end + last, cap
    return s, e, cap


def _notice_groups(lines: list[str]) -> list[list[str]]:
    """The contacts of a notice block: split at "with a copy to", then into columns."""
    groups: list[list[str]] = [[]]
    copy = re.compile(r"(?i)\s*\b(?:with\s+)?(?:a\s+)?cop(?:y|ies)\s+to\b\s*:?")
    for line in lines:
        if _ANY_FRONT_CAPTION.search(line):
            groups = [[]]  # a caption of another field: the block starts after it
            continue
        m = copy.search(line)
        if m:
            head, rest = line[: m.start()], line[m.end() :]
            if head.strip():
                groups[-1].append(head)
            groups.append([rest] if rest.strip() else [])
            continue
        if not line.strip(" \t\xa0") or re.fullmatch(r"[-_=*.\s\xa0]+", line):
            continue
        groups[-1].append(line)
    out: list[list[str]] = []
    for g in groups:
        if len(g) == 1 and g[0].count(",") >= 2:
            g = [p for p in re.split(r",\s+(?=\S)", g[0].strip())]
        out.extend(split_columns(g))
    return [g for g in out if g]


def _split_joint_contacts(groups: list[list[str]]) -> list[list[str]]:
    """Two people on one line, "Christopher Shackelton/Adam Gray": one contact each.

    Examples
    --------
    >>> _split_joint_contacts([["Christopher Shackelton/Adam Gray", "105 Rowayton Avenue"]])
    [['Christopher Shackelton', '105 Rowayton Avenue'], ['Adam Gray', '105 Rowayton Avenue']]
    """
    out: list[list[str]] = []
    for g in groups:
        parts = [p.strip() for p in re.split(r"\s*/\s*", g[0])] if g else []
        if len(parts) == 2 and all(looks_like_person(_HONORIFIC.sub("", p)) for p in parts):
            out.extend([[p, *g[1:]] for p in parts])
        else:
            out.append(g)
    return out


def _read_notice(text: str, filing: Filing, block: tuple[int, int, int], document: str) -> None:
    s, e, _ = block
    src = _src(_FRONT, text, s, e, document)
    lines = text[s:e].split("\n")
    for column in _split_joint_contacts(_notice_groups(lines)):
        column = [c for c in column if not re.fullmatch(r"[-_=*.\s]+", c)]
        if not column:
            continue
        idx = 0
        if column and "," in column[0]:
            head, _, tail = column[0].partition(",")
            if looks_like_person(_HONORIFIC.sub("", head)) and not re.match(
                r"\s*(?:Jr|Sr|II|III|IV|Ph\.?\s?D|M\.?D|L\.?L\.?[CP]|Inc|Ltd|L\.?P|Limited|Corp|P\.?[CA])\b",
                tail,
            ):
                column = [head, *[t.strip() for t in tail.split(",") if t.strip()], *column[1:]]
        for i, line in enumerate(column[:3]):
            if any(ch.isdigit() for ch in line):
                break
            bare = _HONORIFIC.sub("", line)
            if looks_like_person(re.sub(r",?\s*Esq\.?$", "", bare)) or "esq" in bare.lower():
                idx = i
                break
        firm_before = next(
            (c for c in column[:idx] if _ORG_HINT.search(c) and not any(ch.isdigit() for ch in c)),
            None,
        )
        raw_name = _HONORIFIC.sub("", column[idx])
        raw_name = re.sub(r"^c/o\s+", "", raw_name, flags=re.I)
        esq = bool(re.search(r",?\s*Esq\.?$", raw_name, re.I))
        name = clean_name(re.sub(r",?\s*Esq\.?$", "", raw_name, flags=re.I))
        if not name or _PHONE.search(name) or any(ch.isdigit() for ch in name):
            continue
        person_like = looks_like_person(name) or esq
        title: str | None = None
        firm: str | None = None
        address: list[str] = []
        phone: str | None = None
        for line in column[idx + 1 :]:
            if (
                title is None
                and firm is None
                and not address
                and _TITLE_WORDS.search(line)
                and not _LEGAL_FORM_END.search(line)
            ):
                title = line.strip(" ,")
                continue
            if firm is None and not any(ch.isdigit() for ch in line) and _ORG_HINT.search(line):
                firm = clean_name(line)
                continue
            p = _PHONE.search(line)
            if p and len(re.sub(r"[\d\s().+-]", "", line)) < 12:
                phone = phone or p.group(0)
                continue
            address.append(line)
        if firm is None and firm_before is not None:
            firm = clean_name(firm_before)
        if not person_like:
            # the block names only a firm or an office
            firm, name = name, name
        person = Entity(
            key=entity_key(name),
            name=name,
            kind=EntityKind.PERSON if person_like else EntityKind.COMPANY,
            source=src,
        )
        if person_like:
            person.given_name, person.family_name = split_person_name(name)
        if address or phone:
            person.addresses.append(
                Address(kind="notice", text=", ".join(address), phone=phone, source=src)
            )
        person = filing.add_entity(person)
        org_key: str | None = None
        if firm is not None and firm != name:
            org = filing.add_entity(
                Entity(key=entity_key(firm), name=firm, kind=EntityKind.COMPANY, source=src)
            )
            org_key = org.key
        # no title written: the role is what the cover page asks for, not its caption
        role_title = title or ("Esq." if esq else NOTICE_ROLE)
        kinds = ["notice contact"] + (["counsel"] if esq else [])
        filing.roles.append(
            Role(
                person=person.key,
                organization=org_key,
                title=role_title,
                kinds=kinds,
                section=_FRONT,
                source=src,
            )
        )
        if filing.notice_person is None:
            filing.notice_person = person.key
            filing.cite("notice_person", src)


#: the role of the person the front matter names for notices, when no title is written
NOTICE_ROLE = "Person authorized to receive notices and communications"

_ADS_RATIO = re.compile(
    r"(?:each|every|one)\s+(?:ADS|American\s+Depositary\s+Share)s?\s*(?:\([^)]{0,20}\)\s*)?"
    r"(?:,\s*)?(?:representing|represents|represent|evidencing|equal\s+to)\s+"
    r"(?:the\s+right\s+to\s+receive\s+)?"
    r"(?P<word>[a-z]+(?:-[a-z]+)?)?\s*(?:\(\s*(?P<paren>\d+(?:\.\d+)?)\s*\)|(?P<digits>\d+(?:\.\d+)?))?\s+"
    r"(?P<cls>(?:[\w-]+\s+){0,4}?(?:shares?|stock|units?))",
    re.I,
)


def _read_depositary(
    text: str, filing: Filing, start: int, end: int, document: str, section: str
) -> None:
    if filing.depositary or filing.issuer is None:
        return
    region = text[start:end]
    m = _ADS_RATIO.search(region)
    if m is None:
        return
    ratio: Decimal | None = None
    if m.group("paren"):
        ratio = Decimal(m.group("paren"))
    elif m.group("digits"):
        ratio = Decimal(m.group("digits"))
    elif m.group("word") and m.group("word").lower() in _NUMBER_WORDS:
        ratio = Decimal(_NUMBER_WORDS[m.group("word").lower()])
    if ratio is None:
        return
    para_start = region.rfind("\n", 0, m.start()) + 1
    para_end = region.find("\n", m.end())
    para_end = len(region) if para_end < 0 else para_end
    para = region[para_start:para_end]
    src = _src(section, text, start + para_start, start + para_end, document)
    cls_words = m.group("cls")
    label_m = _CLASS_LABEL.search(cls_words)
    underlying = filing.subject_class or ""
    if label_m:
        for key, sc in filing.share_classes.items():
            if sc.issuer == filing.issuer and sc.label == label_m.group(1):
                underlying = key
                break
    cusip_m = re.search(
        r"CUSIP\s+(?:number|No\.?)?\s*([0-9A-Z]{9})\s+(?:has\s+been|is)\s+assigned\s+to\s+(?:the\s+)?(?:American\s+Depositary|ADS)",
        para,
        re.I,
    )
    exch = re.search(
        r"\b(?:quoted|listed|traded)\s+on\s+(?:the\s+)?((?:[A-Z][\w.&]*\s+){0,4}(?:Market|Exchange|Nasdaq|NYSE|Board)\b)",
        para,
    )
    ticker = re.search(r"(?:ticker\s+)?symbol\s+[\"“”']?([A-Z][A-Z.]{0,6})\b", para)
    prog = DepositaryProgramme(
        key=f"{filing.issuer}/ads",
        issuer=filing.issuer,
        underlying_class=underlying,
        ratio=ratio,
        cusip=cusip_m.group(1) if cusip_m else None,
        exchange=exch.group(1).strip() if exch else None,
        ticker=ticker.group(1) if ticker else None,
        source=src,
    )
    for f in ("ratio", "cusip", "exchange", "ticker", "underlying_class"):
        if getattr(prog, f):
            prog.cite(f, src)
    filing.depositary.append(prog)
    del para


# --------------------------------------------------------------------------- cover pages


def _row_end(text: str, row: Row) -> int:
    """End of the first block of the row's value (or of the caption when blank)."""
    value = row.value
    lead = len(value) - len(value.lstrip(" \t\n\r\xa0"))
    para = value.find("\n\n", lead)
    stop = len(value) if para < 0 else para
    return row.caption_end + len(value[:stop].rstrip())


def _kind(codes: list[str], name: str) -> EntityKind:
    if "IN" in codes:
        return EntityKind.PERSON
    if any(c in ("PN", "IV", "EP") for c in codes):
        return EntityKind.FUND
    if any(c in ("CO", "BD", "BK", "IC", "HC", "CP", "IA", "SA", "FI") for c in codes):
        return EntityKind.COMPANY
    if looks_like_person(name):
        return EntityKind.PERSON
    if re.search(r"(?i)\b(?:fund|L\.?P\.?|partners|trust)\b", name):
        return EntityKind.FUND
    return EntityKind.COMPANY if name else EntityKind.UNKNOWN


_COMPLETE_NAME = re.compile(
    r"(?i)\b(?:Inc|Incorporated|Corp|Corporation|Ltd|Limited|L\.?\s?P|LLC|L\.L\.C|LLP|L\.L\.P|plc|"
    r"S\.A|N\.V|B\.V|AG|GmbH|Trust|Fund|Company|Co|S\.p\.A|SE|Partnership)\.?\)?$"
)


_PLACE_DESCRIPTOR = re.compile(
    r"(?i)\s+(?:citizen(?:ship)?|national|resident|corporation|corp\.?|limited\s+liability\s+company|"
    r"limited\s+partnership|general\s+partnership|partnership|company|trust|statutory\s+trust)$"
)


def _plain(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.lower())


def _person_key(filing: Filing, name: str) -> str:
    """The entity key of a reporting person, never shared with a differently named one.

    Two reporting persons of one filing are two parties even when their names fold
    to one key ("Parallel Fund VI" and "Parallel (DT) Fund VI").
    """
    key = entity_key(name)
    for cover in filing.cover_pages:
        if cover.person == key:
            other = filing.entities.get(key)
            if other is not None and all(_plain(n) != _plain(name) for n in other.all_names()):
                return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or key
    return key


_DEFINED_TERM = re.compile(
    r"\s*\(\s*(?:the\s+|hereinafter\s+)?[“\"'‘]([^”\"'’()]{1,60})[”\"'’]\s*\)\s*$", re.I
)


def _two_people(name: str) -> bool:
    """Whether ``name`` joins two people's names ("Austin W. Marxe and David M. Greenhouse").

    Examples
    --------
    >>> _two_people("Austin W. Marxe and David M. Greenhouse"), _two_people("J.J. Cramer & Co.")
    (True, False)
    """
    parts = re.split(r"\s+(?:and|&)\s+", name)
    return len(parts) == 2 and all(
        len(p.split()) >= 2 and looks_like_person(p) and not _ORG_HINT.search(p) for p in parts
    )


_ITEM_LETTER = re.compile(r"^\(?[a-z]\)\s+|^[a-z]\.\s+(?=[A-Z])")


def _split_defined_term(name: str) -> tuple[str, str | None]:
    """The name without a leading item letter or a trailing defined term, and the term.

    Examples
    --------
    >>> _split_defined_term("Sofinnova Venture Partners VI, L.P. (“SVP VI”)")
    ('Sofinnova Venture Partners VI, L.P.', 'SVP VI')
    >>> _split_defined_term("(a) Jeffrey Klausner")
    ('Jeffrey Klausner', None)
    """
    name = _ITEM_LETTER.sub("", name).strip()
    m = _DEFINED_TERM.search(name)
    if m is None or not name[: m.start()].strip():
        return name, None
    return name[: m.start()].strip(" ,"), m.group(1).strip()


def _read_name(
    text: str, name_row: Row | None, irs_row: Row | None
) -> tuple[str, str | None, int, int]:
    """The name of row 1, its IRS number, and the span the name was read from."""
    parts: list[tuple[int, str]] = []
    for row in (name_row, irs_row):
        if row is not None:
            parts.append((row.caption_end, row.value))
    irs: str | None = None
    for _, value in parts:
        m = _IRS.search(value)
        if m and irs is None:
            irs = m.group(1)
    for offset, value in parts:
        cleaned = value
        lines = cleaned.split("\n")
        pos = 0
        picked: list[str] = []
        span_start = span_end = None
        for line in lines:
            line_start = offset + pos
            pos += len(line) + 1
            bare = _IRS.sub(" ", line)
            bare = re.sub(r"[,-]?\s*#{3}-#{2}-#{4}|,?\s+\d{9}\s*$|\(\s*\)", " ", bare)
            bare = re.sub(
                r"(?i)\((?:entities|entity)\s+only\)|\bnot\s+applicable\b|\bN/A\b|^\s*N\.?A\.?\s*$",
                " ",
                bare,
            )
            bare = (
                _IRS_LABEL.sub(" ", bare)
                if _IRS.search(line) or re.search(r"(?i)\bI\.?R\.?S\b|tax", line)
                else bare
            )
            bare = re.sub(r"<[^>]+>|\[[^\]]*\]|\((?:see|as\s+to)\b[^)]*\)", " ", bare, flags=re.I)
            s = clean_name(
                _MARKS.sub("", bare.replace("\t", " ").strip(" \t\xa0:;_|").lstrip(".-"))
            )
            s = re.sub(r"\s*\(\s*\)|\s+[-–]+$", "", s)
            if re.fullmatch(r"[-_=*.:|/\\\s\d()]*", s):
                if picked:
                    break
                continue
            if re.search(
                r"(?i)social\s+security|#{3}-#{2}|\bS\.\s?S\.\s*(?:no|#)|\b(?:I\.?R\.?S\.?|tax\s+id|E\.?I\.?N)\b",
                s,
            ):
                if picked:
                    break
                continue
            if picked:
                prev = picked[-1]
                if re.search(_COMPLETE_NAME, prev) or (
                    looks_like_person(prev) and looks_like_person(s)
                ):
                    break
            picked.append(s)
            if span_start is None:
                span_start = line_start + (len(line) - len(line.lstrip(" \t\xa0.:")))
            span_end = line_start + len(line.rstrip())
        if picked and span_start is not None and span_end is not None:
            return " ".join(picked), irs, span_start, span_end
    return "", irs, 0, 0


def _resolve_class(filing: Filing, words: str) -> str | None:
    m = _CLASS_LABEL.search(words)
    if m is None or filing.issuer is None:
        return filing.subject_class
    label = m.group(1)
    for key, sc in filing.share_classes.items():
        if sc.issuer == filing.issuer and sc.label == label:
            return key
    title_m = re.search(
        r"\b(?:Class|Series)\s+[A-Z]\b(?:\s+(?:ordinary|common|preferred|subordinate|voting|"
        r"non-voting|limited|restricted))*(?:\s+(?:shares|stock|units))?",
        words,
    )
    title = title_m.group(0) if title_m else f"Class {label}"
    key = share_class_key(filing.issuer, title, label)
    filing.share_classes[key] = ShareClass(key=key, issuer=filing.issuer, title=title, label=label)
    return key


def parse_cover_pages(text: str, filing: Filing, *, document: str = "primary") -> None:
    """Append one :class:`~ownergraph.record.CoverPage` per reporting person.

    Each reporting person also becomes an :class:`~ownergraph.record.Entity` (its kind
    from the type codes of the last row, its citizenship or place of organization from
    row 6 / row 4). Values that cannot be read become warnings on the cover page.
    """
    for page in find_pages(text):
        _read_page(text, filing, page, document)


def _read_page(text: str, filing: Filing, page: Page, document: str) -> None:
    n = len(filing.cover_pages) + 1
    schedule = page.schedule
    numbers = ROW_13D if schedule == "13D" else ROW_13G
    if not filing.schedule:
        filing.schedule = schedule

    def section(row: Row) -> str:
        return f"Cover page, reporting person {n}, row {row.number or numbers.get(row.field, '?')}"

    def src(row: Row, end: int | None = None) -> Source:
        return _src(
            section(row), text, row.start, _row_end(text, row) if end is None else end, document
        )

    warnings: list[str] = []
    name_row, irs_row = page.get("name"), page.get("irs")
    name, irs, ns, ne = _read_name(text, name_row, irs_row)
    type_row = page.get("type")
    codes = read_codes(type_row.value, TYPE_CODES) if type_row else []
    name, short = _split_defined_term(name)
    if name and not re.search(r"[A-Za-z]{2}", re.sub(r"\([a-z]\)", " ", name)):
        name = ""  # only marks and boxes: "(a) (b)", "/"
    if not name and n == 1 and len(filing.filers) == 1 and filing.filers[0] in filing.entities:
        name = filing.entities[filing.filers[0]].name
        warnings.append(
            "row 1: no name on the cover page; the filer named in the submission header is taken"
        )
    elif not name:
        warnings.append("row 1: no name of the reporting person")
        name = f"Unnamed reporting person {n}"
    elif _two_people(name):
        warnings.append(f"row 1: {name!r} may name two persons on one cover page")
    kind = _kind(codes, name)
    name_src = _src(section(name_row), text, ns, ne, document) if name_row and ne else None
    entity = Entity(
        key=_person_key(filing, name),
        name=name,
        kind=kind,
        irs_number=irs,
        reporting_type_codes=list(codes),
        short_names=[short] if short else [],
        source=name_src,
    )
    if kind == EntityKind.PERSON:
        entity.given_name, entity.family_name = split_person_name(name)
    cover = CoverPage(
        number=n,
        person=entity.key,
        irs_number=irs,
        source=_src(
            f"Cover page, reporting person {n}",
            text,
            page.start,
            min(page.end, _row_end(text, type_row) if type_row else page.end),
            document,
        ),
    )
    cover.cite("person", name_src)
    if irs:
        cover.cite("irs_number", name_src)
        entity.cite("irs_number", name_src)
    for row in page.rows:
        f = row.field
        if f == "group":
            cover.group_a = read_box(row.value, "a")
            cover.group_b = read_box(row.value, "b")
            cover.cite("group_a", src(row))
            cover.cite("group_b", src(row))
        elif f == "funds":
            cover.source_of_funds = read_codes(row.value, FUND_CODES)
            cover.cite("source_of_funds", src(row))
        elif f in ("legal", "excludes"):
            value = read_box(row.value)
            if f == "legal":
                cover.legal_proceedings = value
                cover.cite("legal_proceedings", src(row))
            else:
                cover.excludes_certain_shares = value
                cover.cite("excludes_certain_shares", src(row))
        elif f == "citizenship":
            place = first_paragraph(strip_label_words(clean_value(row.value)))
            place = _MARKS.sub("", place).strip(" ,;:-")
            if re.search(r"\b[A-Z]$", place) and re.sub(r"\s+", " ", place + ".") in re.sub(
                r"\s+", " ", row.value
            ):
                place += "."  # the point of an abbreviation ("U.S.A.") is part of it
            written = place  # kept as the document states it
            place = re.sub(r"\b([A-Z])\.\s(?=[A-Z](?:\.|$))", r"\1.", place)  # "U. S. A."
            if place:
                j = jurisdiction(place)
                if j.code is None and place.endswith("."):
                    j = jurisdiction(place.rstrip("."))
                if j.code is None and re.fullmatch(r"(?:[A-Z]\.\s?){2,4}", place.rstrip(".") + "."):
                    j = jurisdiction(re.sub(r"[.\s]", "", place))  # "U.S.A."
                bare_place = re.sub(_PLACE_DESCRIPTOR, "", place).strip(" ,")
                if j.code is None and bare_place and bare_place != place:
                    j = jurisdiction(bare_place)
                    if j.code is None and re.fullmatch(r"(?:[A-Z]\.\s?){2,4}", bare_place):
                        j = jurisdiction(re.sub(r"[.\s]", "", bare_place))
                if j.text != written:
                    j = type(j)(written, j.code, j.country)
                cover.citizenship = j
                cover.cite("citizenship", src(row))
                if kind == EntityKind.PERSON:
                    entity.citizenship = j
                    entity.cite("citizenship", src(row))
                else:
                    entity.jurisdiction = j
                    entity.cite("jurisdiction", src(row))
                if j.code is None:
                    warnings.append(
                        f"row {section(row).rsplit(' ', 1)[1]}: unknown place {place!r}"
                    )
            else:
                warnings.append(
                    f"row {section(row).rsplit(' ', 1)[1]}: no citizenship or place of organization"
                )
        elif f in (
            "sole_voting",
            "shared_voting",
            "sole_dispositive",
            "shared_dispositive",
            "aggregate",
        ):
            amount, why = read_amount(row.value)
            rn = section(row).rsplit(" ", 1)[1]
            if amount is not None:
                setattr(cover, f, amount)
                cover.cite(f, src(row))
            if why:
                warnings.append(f"row {rn} ({f.replace('_', ' ')}): {why}")
        elif f == "percent":
            _read_percent(cover, row, src(row), warnings, section(row).rsplit(" ", 1)[1])
        elif f == "type":
            cover.type_codes = list(codes)
            if codes:
                cover.cite("type_codes", src(row))
            else:
                warnings.append(
                    f"row {section(row).rsplit(' ', 1)[1]}: no type of reporting person code"
                )
    for needed in (
        "sole_voting",
        "shared_voting",
        "sole_dispositive",
        "shared_dispositive",
        "aggregate",
        "percent",
    ):
        if page.get(needed) is None:
            warnings.append(f"row {numbers[needed]} ({needed.replace('_', ' ')}) not found")
    filing.add_entity(entity)
    # the class the amounts are in
    words = " ".join(
        first_paragraph(clean_value(r.value))
        for r in (page.get("aggregate"), page.get("percent"))
        if r
    )
    cover.share_class = _resolve_class(filing, words)
    # footnotes
    if type_row is not None:
        after = _row_end(text, type_row)
        for s, e in find_footnotes(text, after, page.end):
            _read_footnote(text, filing, cover, s, e, document, n)
    cover.warnings.extend(warnings)
    filing.cover_pages.append(cover)


def _read_percent(cover: CoverPage, row: Row, source: Source, warnings: list[str], rn: str) -> None:
    written = first_paragraph(clean_value(row.value))
    written = re.sub(r"^[-–—:]+\s+(?=[\d.])", "", written)  # "BY LINE 9 -- 5.30"
    written = (
        re.sub(r"^(?:\(\w{1,2}\)|\*+)\s*", "", written)
        if re.match(r"^\(\w{1,2}\)\s*\d", written)
        else written
    )
    if not written:
        warnings.append(f"row {rn} (percent of class): blank")
        return
    cover.percent_text = written
    cover.cite("percent_text", source)
    # the basis, when the row states it ("9.66% at 5/19/03 based on 8,460,187 shares")
    basis, as_of = read_row_basis(written)
    if basis is not None:
        cover.basis_outstanding = basis
        cover.cite("basis_outstanding", source)
        if as_of is not None:
            cover.basis_as_of = as_of
            cover.cite("basis_as_of", source)
    value = parse_percent(written)
    if value is None and not re.search(r"(?i)less\s+than|<", written):
        m = re.match(r"(\d{1,3}(?:\.\d+)?|\.\d+)(?![\d,])", written)
        if m:
            value = Decimal(m.group(1))
    if value is None:
        warnings.append(f"row {rn} (percent of class): no exact percentage in {written[:60]!r}")
        return
    if value > 100 or value < 0:
        warnings.append(f"row {rn} (percent of class): {value}% is out of range")
    cover.percent_of_class = value
    cover.cite("percent_of_class", source)


def _read_footnote(
    text: str, filing: Filing, cover: CoverPage, s: int, e: int, document: str, n: int
) -> None:
    note = text[s:e]
    cover.footnotes.append(note)
    mark_m = re.match(r"\s*(\(\w{1,2}\)|\*+|\[\d+\]|\d{1,2})", note)
    mark = mark_m.group(1) if mark_m else ""
    source = _src(
        f"Cover page, reporting person {n}, footnote {mark}".rstrip(), text, s, e, document
    )
    facts = read_note(note)
    if facts.ads_count is not None and cover.ads_count is None:
        cover.ads_count = facts.ads_count
        cover.cite("ads_count", source)
    for attr in (
        "percent_of_total",
        "percent_of_voting",
        "basis_outstanding",
        "basis_as_of",
        "basis_document",
        "total_outstanding",
    ):
        value = getattr(facts, attr)
        if value is not None and getattr(cover, attr) is None:
            setattr(cover, attr, value)
            cover.cite(attr, source)
    if filing.issuer is None:
        return
    for cc in facts.classes:
        key = None
        for k, sc in filing.share_classes.items():
            if sc.issuer == filing.issuer and sc.label == cc.label:
                key = k
                break
        if key is None:
            key = share_class_key(filing.issuer, cc.title, cc.label)
            filing.share_classes[key] = ShareClass(
                key=key, issuer=filing.issuer, title=cc.title, label=cc.label, source=source
            )
        sc = filing.share_classes[key]
        if sc.outstanding is None:
            sc.outstanding = cc.outstanding
            sc.cite("outstanding", source)
            if cc.as_of is not None:
                sc.outstanding_as_of = cc.as_of
                sc.cite("outstanding_as_of", source)
            if facts.basis_document:
                sc.outstanding_basis = facts.basis_document
                sc.cite("outstanding_basis", source)
    if facts.ads_count is not None:
        _read_depositary(text, filing, s, e, document, source.section)
