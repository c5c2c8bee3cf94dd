"""Exhibit lists, agreements attached as exhibits, and agreements mentioned in the text.

Examples
--------
>>> agreement_kind("AGREEMENT OF JOINT FILING")
'joint filing agreement'
>>> agreement_kind("Share Repurchase Agreement, dated as of March 23, 2021.")
'share repurchase agreement'
>>> agreement_kind("that certain share subscription agreement")
'share subscription agreement'
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from ownergraph.loaders.sections.items import find_heading_lines
from ownergraph.loaders.sections.linear import finditer_keyed
from ownergraph.loaders.sections.mentions import DEFINITION, Context, name_before, title_kinds
from ownergraph.loaders.sections.signatures import find_signature_blocks
from ownergraph.normalize import jurisdiction, parse_date, whole_number
from ownergraph.record import (
    Agreement,
    AgreementParty,
    EntityKind,
    Exhibit,
    Holding,
    NoticeContact,
    Role,
)

__all__ = [
    "AgreementDoc",
    "agreement_key",
    "agreement_kind",
    "find_agreement_docs",
    "parse_agreement_doc",
    "parse_exhibit_list",
    "parse_mentioned_agreements",
]

_DATE = (
    r"(?:(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+\d{1,2},?\s+\d{4})"
)
_EXHIBIT_LINE = re.compile(
    r"^[ \t]*(?:Exhibit|EXHIBIT|Ex\.)[ \t]*([A-Z0-9][\w.\-]*?)[ \t]*[:.\-–—]?[ \t]+(\S[^\n]{2,400})$"
    r"|^[ \t]*(\d{1,3}(?:\.\d{1,3})?|[A-Z])[ \t]*(?:\t|[.:\-–—][ \t]+)(\S[^\n]{2,400})$",
    re.M,
)


def agreement_kind(title: str) -> str:
    """The normalised kind of agreement a title names ("share repurchase agreement")."""
    t = re.sub(r"\s+", " ", title[:500]).strip().lower()  # a title is short: bounded work
    t = re.sub(r",?\s+(?:dated|by and|among|between|entered)\b.*$", "", t)
    t = re.sub(r"^(?:that certain|this|the|a|an)\s+", "", t).strip(" .,")
    m = re.match(r"^(.*?)\s*agreement\s+of\s+(.+)$", t)
    if m and not m.group(1):
        t = f"{m.group(2)} agreement"
    m = re.search(r"([a-z0-9][a-z0-9'\- ]*?agreement)\b", t)
    return m.group(1).strip() if m else t


def agreement_key(kind: str, date: dt.date | None) -> str:
    """The key of an agreement: ``agreement-<kind slug>[-<date>]``.

    Examples
    --------
    >>> import datetime
    >>> agreement_key("share repurchase agreement", datetime.date(2021, 3, 23))
    'agreement-share-repurchase-agreement-2021-03-23'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", kind.lower()).strip("-")
    return f"agreement-{slug}" + (f"-{date.isoformat()}" if date else "")


def _get_agreement(ctx: Context, kind: str, title: str, date: dt.date | None) -> Agreement:
    for a in ctx.filing.agreements.values():
        if a.kind == kind and (a.date == date or a.date is None or date is None):
            if a.date is None and date is not None:
                a.date = date
            return a
    key = agreement_key(kind, date)
    a = Agreement(key=key, kind=kind, title=title, date=date)
    ctx.filing.agreements[key] = a
    return a


def parse_exhibit_list(ctx: Context, start: int, end: int) -> None:
    """Read "Exhibit 99.1 Joint Filing Agreement ..., dated May 14, 2021." lines."""
    for m in _EXHIBIT_LINE.finditer(ctx.text, start, end):
        number = (m.group(1) or m.group(3) or "").rstrip(".:")
        title = (m.group(2) or m.group(4) or "").strip().rstrip(".")
        if not title or not re.search(r"[A-Za-z]{3}", title):
            continue
        src = ctx.source(m.start(), m.end())
        d = re.search(r"dated\s+(?:as\s+of\s+)?(" + _DATE + ")", title, re.I)
        date = parse_date(d.group(1)) if d else None
        ex = Exhibit(number=number or None, title=title, date=date, source=src)
        if date:
            ex.cite("date", src)
        if re.search(r"agreement", title, re.I):
            kind = agreement_kind(title)
            ag = _get_agreement(ctx, kind, title.split(",")[0].strip(), date)
            ag.exhibit = ag.exhibit or number
            ag.cite("exhibit", src)
            if ag.source is None:
                ag.source = src
            ex.agreement = ag.key
        ctx.filing.exhibits.append(ex)


class AgreementDoc:
    """An agreement whose text is in the filing: its span, heading and record."""

    def __init__(self, start: int, end: int, heading: str) -> None:
        self.start, self.end, self.heading = start, end, heading
        self.kind = agreement_kind(heading)
        self.key: str | None = None
        self.section = heading.title()


def find_agreement_docs(ctx: Context, after: int) -> list[AgreementDoc]:
    """Upper-case agreement titles after offset ``after`` and the text up to the next."""
    docs: list[AgreementDoc] = []
    for start, _end, line in find_heading_lines(ctx.text):
        if start < after or re.match(r"^\d", line) or "AGREEMENT" not in line:
            continue
        if len(line.split()) > 10:
            continue
        docs.append(AgreementDoc(start, len(ctx.text), line))
    for a, b in itertools.pairwise(docs):
        a.end = b.start
    for d in docs:
        ag = next((a for a in ctx.filing.agreements.values() if a.kind == d.kind), None)
        label = f"Exhibit {ag.exhibit}" if ag is not None and ag.exhibit else d.heading.title()
        d.section = label
        ctx.add_section(d.start, d.end, label)
        for m in re.finditer(
            r"^[ \t]*(\d{1,2}(?:\.\d{1,2})?)\.?[ \t]+[A-Z“\"][^\n]{0,80}",
            ctx.text[d.start : d.end],
            re.M,
        ):
            s = d.start + m.start()
            nxt = re.compile(r"^[ \t]*\d{1,2}(?:\.\d{1,2})?\.?[ \t]+[A-Z“\"]", re.M).search(
                ctx.text, s + 1, d.end
            )
            ctx.add_section(s, nxt.start() if nxt else d.end, f"{label} §{m.group(1)}")
    return docs


_MADE = re.compile(
    r"(?:made\s+and\s+entered\s+into|entered\s+into|made|dated)\s+(?:as\s+of\s+)?(?:the\s+)?("
    + _DATE
    + r"|\d{1,2}(?:st|nd|rd|th)?\s+day\s+of\s+\w+,?\s+\d{4})",
    re.I,
)
_GOV_LAW = re.compile(
    r"governed\s+by,?\s+(?:and\s+construed\s+(?:under|in\s+accordance\s+with)\s+)?(?:the\s+)?(?:internal\s+)?laws?\s+of\s+"
    r"(?:the\s+)?(?:State\s+of\s+)?([A-Z][A-Za-z ]{1,40}?)(?=\s*[,.;(]|\s+without|\s+applicable|\s+and\b)",
)
_ARBITRATION = re.compile(
    r"arbitration\s+in\s+([A-Z][A-Za-z ]{1,40}?)\s+(?:under\s+the\s+auspices\s+of|administered\s+by)\s+(?:the\s+)?"
    r"([A-Z][A-Za-z ]{2,80}?)(?=\s+in\s+accordance|\s+under|\s*[,.(;])",
)
_RULES = re.compile(r"in\s+accordance\s+with\s+(?:the\s+)?((?:[A-Z][\w\-]*\s+){0,6}Rules)\b")
_LANGUAGE = re.compile(r"language\s+of\s+(?:the\s+)?arbitration\s+shall\s+be\s+([A-Z][a-z]+)")
_COURTS = re.compile(
    r"(?:exclusive\s+)?jurisdiction\s+of\s+(?:the\s+)?((?:state\s+(?:and|or)\s+federal\s+|federal\s+(?:and|or)\s+state\s+)?courts?\s+"
    r"(?:of|located\s+in|sitting\s+in)\s+(?:the\s+)?[A-Z][^,.;()]{1,60})",
    re.I,
)
_RECORD = re.compile(
    r"(?:WHEREAS,\s+)?([^\n,]{2,80}?)\s+is\s+the\s+(?:sole\s+)?record\s+(?:and\s+beneficial\s+)?(?:shareholder|holder|owner)\s+of\s+"
    r"([\d,]{1,20})\s+(Class\s+([A-Z])\s+)?([^\n,(]{0,60}?)(?=[,(]|\s+of\s+the\b)",
)
_PARTIES_TO = re.compile(
    r"([^\n,]{2,60}?)\s+and\s+([^\n,]{2,60}?)\s+are\s+parties\s+to\s+(?:that\s+certain\s+|a\s+|an\s+|the\s+)?"
    r"([A-Za-z][A-Za-z\s\-]{2,60}?agreement),?\s+dated\s+(?:as\s+of\s+)?("
    + _DATE
    + r")(?:\s*\((?:the\s+)?[“\"]([^”\"]{1,60})[”\"]\))?",
)
#: what follows the bounded heads of _RECORD and _PARTIES_TO (found first: linear).
#: A tail opens on the first space of a run, written ``\s(?<!\s\s)\s*`` (the same as
#: ``(?<!\s)\s+``) so that the regex engine scans for the space
_RECORD_TAIL = re.compile(
    r"\s(?<!\s\s)\s*is\s+the\s+(?:sole\s+)?record\s+(?:and\s+beneficial\s+)?(?:shareholder|holder|owner)\s+of\s+"
    r"[\d,]{1,20}\s+(?:Class\s+[A-Z]\s+)?[^\n,(]{0,60}?(?=[,(]|\s+of\s+the\b)",
)
_PARTIES_TAIL = re.compile(r"\s(?<!\s\s)\s*are\s+parties\s+to\s")
_MENTION = re.compile(
    r"\b(?:a|an|the|that\s+certain|this)\s+((?:[A-Z][\w\-]*\s+){1,6}Agreement),?\s+dated\s+(?:as\s+of\s+)?("
    + _DATE
    + r")"
    r"(?:\s*\((?:the\s+|this\s+)?[“\"]([^”\"]{1,60})[”\"]\))?",
)


def parse_mentioned_agreements(
    ctx: Context, start: int, end: int, within: Agreement | None = None
) -> None:
    """Agreements named in prose: "a Share Repurchase Agreement, dated ... (the “SRA”)"."""
    text = ctx.text
    for m in _MENTION.finditer(text, start, end):
        kind = agreement_kind(m.group(1))
        date = parse_date(m.group(2))
        ag = (
            within
            if within is not None and within.kind == kind
            else _get_agreement(ctx, kind, m.group(1).strip(), date)
        )
        if ag.source is None:
            ag.source = ctx.source(m.start(), m.end())
        if m.group(3):
            ctx.agreement_terms[m.group(3)] = ag.key
            ag.cite(f"defined_as:{m.group(3)}", ctx.source(m.start(), m.end()))
    for m in finditer_keyed(_PARTIES_TO, _PARTIES_TAIL, text, start, end, before=300, after=400):
        kind = agreement_kind(m.group(3))
        date = parse_date(m.group(4))
        ag = _get_agreement(ctx, kind, m.group(3).strip(), date)
        src = ctx.source(m.start(), m.end())
        ag.source = ag.source or src
        ag.cite("date", src)
        for name in (m.group(1), m.group(2)):
            n = re.sub(r"^(?:WHEREAS,?\s+)", "", name.strip())
            key = ctx.resolve(n)
            if key and all(p.entity != key for p in ag.parties):
                ag.parties.append(AgreementParty(entity=key, source=src))
        if m.group(5):
            ctx.agreement_terms[m.group(5)] = ag.key
        if within is not None and ag.key != within.key and ag.key not in within.related:
            within.related.append(ag.key)
            within.cite("related", src)


def _notice_blocks(ctx: Context, start: int, end: int) -> list[tuple[str | None, bool, int, int]]:
    """(party name, copy_only, start, end) of each address block in a notices clause."""
    marks = list(
        re.finditer(
            r"^[ \t]*(?:if\s+to\s+(?:the\s+)?([^\n:]{1,80}?),?\s+(?:to|at)\s*:?|(?:with\s+a\s+copy|with\s+copies|copy)\b[^\n]{0,80}?to\s*:?)[ \t]*$",
            ctx.text[start:end],
            re.M | re.I,
        )
    )
    out: list[tuple[str | None, bool, int, int]] = []
    for i, m in enumerate(marks):
        b0 = start + m.end()
        b1 = start + marks[i + 1].start() if i + 1 < len(marks) else end
        party = m.group(1)
        out.append((party, party is None, b0, b1))
    return out


def _parse_notices(ctx: Context, ag: Agreement, start: int, end: int, section: str) -> None:
    party: str | None = None
    for party_name, copy_only, b0, b1 in _notice_blocks(ctx, start, end):
        if not copy_only and party_name:
            party = ctx.resolve(party_name)
        if party is None:
            continue
        lines: list[tuple[str, int, int]] = []
        pos = b0
        for raw in ctx.text[b0:b1].split("\n"):
            s, pos = pos, pos + len(raw) + 1
            if raw.strip() == "":
                if lines:
                    break
                continue
            lines.append((raw.strip(), s, s + len(raw)))
        if not lines:
            continue
        org_name = lines[0][0]
        attention = email = None
        addr: list[str] = []
        last_end = lines[0][2]
        for line, _s, e in lines[1:]:
            am = re.match(r"(?:Attention|Attn\.?)\s*:\s*(.+)$", line, re.I)
            em = re.match(r"E-?mail\s*:\s*(\S+)", line, re.I)
            ad = re.match(r"Address\s*:\s*(.+)$", line, re.I)
            if am:
                attention = am.group(1).strip()
            elif em:
                email = em.group(1).strip()
            elif ad:
                addr.append(ad.group(1).strip())
            elif re.match(r"(?:Tel|Telephone|Phone|Fax|Facsimile)\b", line, re.I):
                pass
            elif re.match(r"(?:and|or)\b|\d+\.\d+\s", line) or len(line) > 120:
                break
            else:
                addr.append(line)
            last_end = e
        src = ctx.source(lines[0][1], last_end, section)
        org_key = ctx.resolve(org_name)
        if org_key is None:
            org_key = ctx.ensure(org_name, kind=EntityKind.COMPANY, source=src)
        nc = NoticeContact(
            party=party,
            organization=org_key if org_key != party else None,
            address=", ".join(addr) or None,
            email=email,
            copy_only=copy_only,
            source=src,
        )
        if attention:
            person_name, _, title = attention.partition(",")
            if re.fullmatch(r"\s*Esq\.?\s*", title):
                person_name, title = attention, ""
            title = title.strip()
            person = ctx.person(person_name, src)
            nc.attention = person
            at_firm = org_key != party
            if at_firm:
                counsel = bool(
                    re.search(
                        r"\bEsq\b|\bLLP\b|\blaw\b|attorney|solicitor",
                        attention + " " + org_name,
                        re.I,
                    )
                )
                kinds = ["counsel"] if counsel else ["notice contact"]
                role = Role(
                    person=person,
                    organization=org_key,
                    title=title or ("counsel" if counsel else "notice contact"),
                    kinds=kinds,
                    on_behalf_of=party,
                    section=section,
                    source=src,
                )
            else:
                role = Role(
                    person=person,
                    organization=party,
                    title=title or "notice contact",
                    kinds=[*title_kinds(title), "notice contact"],
                    section=section,
                    source=src,
                )
            ctx.filing.roles.append(role)
        ag.notice_contacts.append(nc)


def parse_agreement_doc(ctx: Context, doc: AgreementDoc) -> Agreement:
    """Read one attached agreement: date, parties, law, forum, notices, recitals."""
    text = ctx.text
    head = text[doc.start : min(doc.end, doc.start + 3000)]
    made = _MADE.search(head)
    date = parse_date(made.group(1)) if made else None
    if date is None:
        dm = re.search(r"^[ \t]*Dated?:?\s*(" + _DATE + ")", text[doc.start : doc.end], re.M)
        if dm:
            date = parse_date(dm.group(1))
            made = dm
    ag = _get_agreement(ctx, doc.kind, doc.heading.title(), date)
    doc.key = ag.key
    ag.source = ctx.source(doc.start, doc.start + len(doc.heading), doc.section)
    if made is not None:
        ag.cite("date", ctx.source(doc.start + made.start(), doc.start + made.end(), doc.section))
    rule = re.search(r"Rule\s+13d-1\(k\)(?:\(1\))?", text[doc.start : doc.end])
    if rule:
        ag.kind = "joint filing agreement"
        ag.cite("rule", ctx.source(doc.start + rule.start(), doc.start + rule.end(), doc.section))
    # parties named in the preamble with their defined terms
    between = re.search(r"by\s+and\s+(?:between|among)|between|among", head, re.I)
    if between:
        stop = re.search(
            r"WHEREAS|RECITALS|NOW,?\s+THEREFORE|\n\s*\n(?!\s*\(\d\))", head[between.end() :]
        )
        region_end = (
            doc.start
            + between.end()
            + (stop.start() if stop else min(1500, len(head) - between.end()))
        )
        for m in DEFINITION.finditer(text, doc.start + between.end(), region_end):
            key = ctx.resolve(m.group(1))
            if key is None:
                name = name_before(
                    re.split(r",\s+(?:a|an)\s+", text[doc.start + between.end() : m.start()])[-2]
                    if len(
                        re.split(r",\s+(?:a|an)\s+", text[doc.start + between.end() : m.start()])
                    )
                    > 1
                    else text[doc.start + between.end() : m.start()]
                )
                key = ctx.ensure(name) if name else None
            if key is None:
                continue
            paren = m.group(0)
            defined = m.group(1) if "the " not in paren.lower() else f"the {m.group(1)}"
            if all(p.entity != key for p in ag.parties):
                ag.parties.append(
                    AgreementParty(
                        entity=key,
                        defined_as=defined,
                        source=ctx.source(
                            m.start() - 200 if m.start() - 200 > doc.start else doc.start,
                            m.end(),
                            doc.section,
                        ),
                    )
                )
        # narrow party sources to their own line
        for p in ag.parties:
            if p.source and p.source.start is not None:
                line_start = text.rfind("\n", 0, p.source.end) + 1
                p.source = ctx.source(
                    max(line_start, p.source.start), p.source.end or line_start, doc.section
                )
    if not ag.parties:
        for b in find_signature_blocks(ctx, doc.start, doc.end):
            if b.entity_name:
                key = ctx.resolve(b.entity_name) or ctx.ensure(b.entity_name)
                if all(p.entity != key for p in ag.parties):
                    ag.parties.append(
                        AgreementParty(
                            entity=key,
                            role="filer" if ag.kind == "joint filing agreement" else None,
                            source=ctx.source(b.start, b.end, doc.section),
                        )
                    )
    gl = _GOV_LAW.search(text, doc.start, doc.end)
    if gl:
        ag.governing_law = jurisdiction(gl.group(1).strip())
        ag.cite("governing_law", ctx.source(gl.start(), gl.end()))
    arb = _ARBITRATION.search(text, doc.start, doc.end)
    if arb:
        seat, inst = arb.group(1).strip(), arb.group(2).strip()
        ag.dispute_forum = f"arbitration in {seat} administered by the {inst}"
        ag.arbitration_seat = jurisdiction(seat)
        src = ctx.source(arb.start(), arb.end())
        ag.cite("dispute_forum", src)
        ag.cite("arbitration_seat", src)
        rules = _RULES.search(text, arb.end(), min(doc.end, arb.end() + 300))
        if rules:
            ag.dispute_rules = rules.group(1).strip()
            ag.cite("dispute_rules", ctx.source(rules.start(), rules.end()))
        lang = _LANGUAGE.search(text, arb.start(), doc.end)
        if lang:
            ag.arbitration_language = lang.group(1)
            ag.cite("arbitration_language", ctx.source(lang.start(), lang.end()))
    else:
        courts = _COURTS.search(text, doc.start, doc.end)
        if courts:
            ag.dispute_forum = re.sub(r"\s+", " ", courts.group(1)).strip()
            ag.cite("dispute_forum", ctx.source(courts.start(), courts.end()))
    notices = re.search(
        r"^[ \t]*(?:\d{1,2}(?:\.\d{1,2})?\.?[ \t]+)?Notices?\b",
        text[doc.start : doc.end],
        re.M | re.I,
    )
    if notices:
        n0 = doc.start + notices.start()
        nxt = re.compile(r"^[ \t]*\d{1,2}\.\d{1,2}\.?[ \t]+[A-Z]", re.M).search(
            text, n0 + 5, doc.end
        )
        n1 = nxt.start() if nxt else doc.end
        _parse_notices(ctx, ag, n0, n1, ctx.section_at(n0))
    # recitals: "X is the record shareholder of N Class B ordinary shares"
    for m in finditer_keyed(_RECORD, _RECORD_TAIL, text, doc.start, doc.end, before=100):
        holder = ctx.resolve(re.sub(r"^WHEREAS,?\s+", "", m.group(1)))
        issuer = ctx.issuer_key()
        if holder is None or issuer is None:
            continue
        shares = whole_number(m.group(2)) if m.group(2).replace(",", "").isdigit() else None
        sc = ctx.share_class(m.group(4)) if m.group(4) else ctx.filing.subject_class
        src = ctx.source(m.start(), m.end())
        h = Holding(
            holder=holder,
            issuer=issuer,
            share_class=sc,
            shares=shares,
            nature="record holder",
            as_of=ag.date,
            source=src,
        )
        h.cite("shares", src)
        ctx.filing.holdings.append(h)
    parse_mentioned_agreements(ctx, doc.start + len(doc.heading), doc.end, within=ag)
    return ag
