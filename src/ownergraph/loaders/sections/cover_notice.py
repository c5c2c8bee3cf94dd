"""The front matter's person authorized to receive notices, and the ADS programme.

:func:`_read_notice` turns the "(Name, Address and Telephone Number of Person Authorized
to Receive Notices and Communications)" block into entities, a notice-contact role and
``Filing.notice_person``; :func:`_read_depositary` reads an American Depositary Share
programme (its ratio and CUSIP) from the front matter or a cover page.

May import: :mod:`.cover_common` and what it may import.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ownergraph.loaders.sections.cover_common import (
    _CLASS_LABEL,
    _FRONT,
    _HONORIFIC,
    _LEGAL_FORM_END,
    _NUMBER_WORDS,
    _ORG_HINT,
    _PHONE,
    _TITLE_WORDS,
    _src,
)
from ownergraph.loaders.sections.cover_front import ANY_CAPTION as _ANY_FRONT_CAPTION
from ownergraph.loaders.sections.cover_front import split_columns
from ownergraph.normalize import (
    entity_key,
    looks_like_person,
    split_person_name,
)
from ownergraph.normalize.names import clean_name
from ownergraph.record import (
    Address,
    DepositaryProgramme,
    Entity,
    EntityKind,
    Filing,
    Role,
)

__all__ = ["NOTICE_ROLE"]


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
