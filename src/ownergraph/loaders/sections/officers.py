"""Directors and executive officers: Schedule A / Schedule I / Annex A tables.

Tables come as filing text, one row a line, cells separated by a tab (HTML and markdown
tables) or by runs of two or more spaces (plain-text filings). A line without cells
that names an organization starts that organization's group of rows.

Examples
--------
>>> from ownergraph.record import Filing
>>> from ownergraph.loaders.sections.mentions import Context
>>> t = ("SCHEDULE A\\nAcme Holdings LLC\\nName\\tTitle\\tCitizenship\\n"
...      "Jane Q. Doe\\tChief Executive Officer\\tUnited States\\n\\nSIGNATURE\\n")
>>> ctx = Context(t, Filing(form="SC 13D", schedule="13D"))
>>> parse_officers(ctx)
>>> r = ctx.filing.roles[0]
>>> e = ctx.filing.entities
>>> (e[r.person].name, e[r.organization].name, r.kinds, e[r.person].citizenship.code)
('Jane Q. Doe', 'Acme Holdings LLC', ['ceo', 'officer'], 'US')
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ownergraph.loaders.sections.items import find_heading_lines
from ownergraph.loaders.sections.mentions import (
    LEGAL_FORMS,
    Context,
    has_legal_form,
    split_name_title,
    title_kinds,
)
from ownergraph.loaders.vocab import phrase_pattern, table
from ownergraph.normalize import jurisdiction, looks_like_person, split_person_name
from ownergraph.record import Address, EntityKind, Role, Source

__all__ = ["find_officer_sections", "parse_officers"]


def _alternatives(name: str) -> str:
    """The phrases of ``roles.toml``'s ``[groups]`` list ``name`` as one alternation, in order."""
    groups = table("roles")["groups"]
    assert isinstance(groups, dict)
    return "|".join(map(phrase_pattern, groups[name]))


_SECTION = re.compile(
    r"^[ \t]*(?:(SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix|EXHIBIT|Exhibit)[ \t]+([A-Z]{1,3}|\d{1,2}|[IVX]{1,4})"
    r"|((?:INFORMATION\s+(?:CONCERNING|REGARDING|WITH\s+RESPECT\s+TO)\s+(?:THE\s+)?)?"
    r"(?:EXECUTIVE\s+OFFICERS\s+AND\s+DIRECTORS|DIRECTORS\s+AND\s+(?:EXECUTIVE\s+)?OFFICERS|"
    r"MANAGERS\s+AND\s+(?:EXECUTIVE\s+)?OFFICERS)[^\n]{0,80}))[ \t]*$",
    re.M,
)
_BUSINESS_ADDRESS = re.compile(
    r"business\s+address\s+(?:for|of)\s+each\s+(?:such\s+)?(?:director|officer|person|manager)[^\n]{0,60}?\s+of\s+"
    r"([^\n]{1,100}?)\s+is\s+([^\n]{5,300}?)\.(?=\s+[A-Z]|\s*$)",
    re.I | re.M,
)
_HEADER_CELL = re.compile(r"\bname\b", re.I)
_CELL = re.compile(r"\S+(?: \S+)*")
_RULE = re.compile(r"^[\s\-_=*]+$")
#: "Executive Officers and Directors of (the) ...": the heading words of ``roles.toml``
_GROUP = re.compile(
    r"^(?:(?:information\s+(?:concerning|regarding)\s+(?:the\s+)?)?"
    rf"((?:{_alternatives('heading_first')})(?:,?\s+(?:and\s+)?(?:{_alternatives('heading_next')}))*)"
    r"\s+of\s+(?:the\s+)?)",
    re.I,
)
_PLACE_WORD = re.compile(
    r"\b(?:House|Field|Avenue|Street|Road|Building|Bldg|Floor|Suite|Box|Centre|Center|Plaza|"
    r"Tower|Square|Boulevard|Parkway|Lane|Drive|Court|Place|Division|Group|Office|Committee|"
    r"Corporation|Company|Bank|Inc|Ltd|LLC|L\.P|Fund|Partners|Trust)\b\.?"
)
_CITIZEN_NOTE = re.compile(r"\(([A-Z][a-z]+(?: [A-Z][a-z]+)?) citizen\)")
_EACH_CITIZEN = re.compile(
    r"\b(?i:each|all)\b[^.\n]{0,80}?\b(?:individuals?|persons?|directors?|officers?)\b[^.]{0,80}?"
    r"\b(?:is|are)\s+(?:an?\s+)?(?:citizens?\s+of\s+(?:the\s+)?"
    r"([A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){0,4})|([A-Z][a-z]+)\s+citizens?\b)"
)
#: a prose list's label ("Officers:", "the directors of X are"), as ``roles.toml`` writes it
_KINDS = f"(?:{_alternatives('list_kinds')})"
_PROSE_LIST = re.compile(
    rf"(?:^|\t)[ \t]*(?P<kind>{_KINDS})[ \t]*:[ \t]*"
    rf"|\b[Tt]he\s+(?P<kind2>{_KINDS.lower()})(?:\s+and\s+{_KINDS.lower()})?\s+of\s+"
    r"(?P<org>[A-Z][^,;:\n]{1,100}?)\s+(?:are|is)\s*:?\s+",
    re.M,
)
_NAMED_ORG = re.compile(r"^[ \t]*\(a\)[ \t]+(?:Name:?[ \t]*)?([^\n]{2,120})$", re.M)
_LIST_END = re.compile(r"(?<=[a-z]{2})\.(?=\s|$)|\.(?=\s+[A-Z][a-z]+\s+(?:is|are|has|have)\b)")
_ITEM2 = re.compile(r"^[ \t]*Item\s+2\b[^\n]*$", re.M | re.I)
_NEXT_ITEM = re.compile(r"^[ \t]*Item\s+[3-9]\b", re.M | re.I)
_SUFFIX = re.compile(r",\s*(?:Jr|Sr|II|III|IV|Esq|M\.D|Ph\.D|CPA|CBE|OBE|KBE|AO|AC)\b\.?\s*$")
_NOT_A_NAME = re.compile(
    r"^(?:name|names|citizenship|united states|present|principal|business|address|"
    r"position|title|occupation|none|n/a|total|control|controlling|general partners?|"
    r"directors?|officers?|executive|managers?|members?|schedule|annex|appendix|exhibit)\b|\b(?:citizenship|occupation|address)\b"
)


def find_officer_sections(text: str) -> list[tuple[int, int, str]]:
    """Spans (start, end, label) of officer and director schedules in ``text``."""
    headings = find_heading_lines(text)
    out: list[tuple[int, int, str]] = []
    for m in _SECTION.finditer(text):
        start = m.start()
        window = text[m.end() : m.end() + 3000]
        if m.group(1) and not re.search(
            r"director|officer|manager|general partner|trustee", window[:1500], re.I
        ):
            continue
        if (
            m.group(1)
            and re.match(r"exhibit", m.group(1), re.I)
            and not re.search(r"\bname\b", window[:600], re.I)
        ):
            continue
        end = len(text)
        if m.group(1):
            for nxt in _SECTION.finditer(text, m.end()):
                if nxt.group(1) and nxt.group(1).lower() == m.group(1).lower():
                    end = nxt.start()  # "Appendix B" after "Appendix A"
                    break
        for hs, _he, line in headings:
            if hs >= end:
                break
            if hs > m.end() + 1 and re.match(
                r"SIGNATURE|EXHIBIT|AGREEMENT|SCHEDULE|ANNEX|APPENDIX|[A-Z ]*AGREEMENT", line
            ):
                end = hs
                break
        label = f"{m.group(1).title()} {m.group(2)}" if m.group(1) else "Schedule A"
        if out and out[-1][0] <= start < out[-1][1]:
            continue  # a sub-heading inside the schedule already found
        out.append((start, end, label))
    return out


def _cells(line: str) -> list[str]:
    if "\t" in line:
        cells = [c.strip() for c in line.split("\t")]
    else:
        cells = [c.strip() for c in re.split(r" {2,}", line.strip())]
    return [c for c in cells if c]


def _spans(line: str) -> list[tuple[int, str]]:
    """Cells of a space-aligned line with the column where each starts."""
    return [(m.start(), m.group(0)) for m in _CELL.finditer(line)]


def _columns(header: list[str]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for i, h in enumerate(header):
        low = h.lower()
        if "name" in low and "name" not in cols:
            cols["name"] = i
            if re.search(r"position|title|office", low):
                cols["name+title"] = i
            if "address" in low:
                cols["name+address"] = i
        elif re.search(r"occupation|employment", low) and "occupation" not in cols:
            cols["occupation"] = i
        elif re.search(r"position|title|office|capacity", low) and "title" not in cols:
            cols["title"] = i
        elif re.search(r"citizen|nationality", low):
            cols["citizenship"] = i
        elif "address" in low:
            cols["address"] = i
    return cols


def _is_rule(line: str) -> bool:
    return bool(_RULE.match(line))


def _group_org(ctx: Context, line: str) -> tuple[str | None, bool]:
    """The organization a heading line such as "Directors and Officers of X" names.

    Returns the entity key (or ``None``) and whether the heading lists directors only.
    """
    m = _GROUP.match(line)
    directors_only = False
    name = line
    if m:
        words = m.group(1).lower()
        directors_only = "director" in words and not re.search(r"officer|manager", words)
        name = line[m.end() :].strip()
        if not name:
            return None, directors_only
    key = ctx.resolve(name)
    if key is None and _ends_with_form(name) and len(name.split()) <= 10:
        key = ctx.ensure(name, kind=EntityKind.COMPANY)
    return key, directors_only


def _header_block(lines: list[tuple[int, str]], i: int) -> tuple[list[tuple[int, int, str]], int]:
    """Columns (start, end, label) of the header whose "Name" line is ``lines[i]``.

    Header lines stacked above (up to a blank line) and below (up to a rule or a blank
    line) add their words to the column they sit over. Returns the columns and the index
    of the first line after the header.
    """
    block: list[str] = []
    j = i - 1
    while j >= 0 and len(block) < 3 and lines[j][1].strip():
        if not _is_rule(lines[j][1]):
            block.insert(0, lines[j][1])
        j -= 1
    block.append(lines[i][1])
    k = i + 1
    while k < len(lines) and len(block) < 6 and lines[k][1].strip() and not _is_rule(lines[k][1]):
        block.append(lines[k][1])
        k += 1
    while k < len(lines) and _is_rule(lines[k][1]):
        k += 1
    widest = max(range(len(block)), key=lambda n: (len(_spans(block[n])), n == len(block) - 1))
    base = [(c0, c0 + len(t), t) for c0, t in _spans(block[widest])]
    labels = [[t] for _, _, t in base]
    above = block[:widest]
    below = block[widest + 1 :]

    def place(text: str, front: bool) -> None:
        for c0, t in _spans(text):
            mid = c0 + len(t) / 2
            best = min(range(len(base)), key=lambda n: abs((base[n][0] + base[n][1]) / 2 - mid))
            if front:
                labels[best].insert(len(labels[best]) - 1, t)
            else:
                labels[best].append(t)

    for text in above:
        place(text, True)
    for text in below:
        place(text, False)
    return [(b[0], b[1], " ".join(lab)) for b, lab in zip(base, labels, strict=True)], k


def parse_officers(ctx: Context) -> None:
    """Add a :class:`Role` (and the person) for every row of every officer schedule."""
    text = ctx.text
    for start, end, label in find_officer_sections(text):
        ctx.add_section(start, end, label)
        addresses: dict[str, tuple[str, int, int]] = {}
        for m in _BUSINESS_ADDRESS.finditer(text, start, end):
            key = ctx.resolve(m.group(1))
            if key is not None:
                addresses[key] = (m.group(2).strip(), m.start(), m.end())
        before = len(ctx.filing.roles)
        if "\t" in text[start:end]:
            _read_tab_rows(ctx, start, end, label, addresses)
        else:
            _read_aligned_rows(ctx, start, end, label, addresses)
        _read_prose_lists(ctx, start, end, label)
        _default_citizenship(ctx, ctx.filing.roles[before:], start, end, label)
    for m in _ITEM2.finditer(text):
        stop = _NEXT_ITEM.search(text, m.end())
        _read_prose_lists(ctx, m.start(), stop.start() if stop else len(text), "Item 2")


def _split_people(items: str) -> list[tuple[str, str | None]]:
    """(name, title) pairs of a written-out list: "A, Senior Managing Member; B, C and D,
    Managing Members" gives A with the first title and B, C, D with the second."""
    out: list[tuple[str, str | None]] = []
    for segment in re.split(r";\s*", items.rstrip(" .")):
        parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", segment) if p.strip()]
        names = [p for p in parts if _plausible_person(p, None)]
        titles = [p for p in parts if title_kinds(re.sub(r"s\b", "", p)) and p not in names]
        title = titles[-1] if titles else None
        if len(names) + len(titles) != len(parts):
            continue  # something else in the list: leave it alone
        out.extend((n, title) for n in names)
    return out


def _read_prose_lists(ctx: Context, start: int, end: int, label: str) -> None:
    """Officers written as a list in a sentence: "Managing Members: A, B and C",
    "The executive officers of X are A, B and C"."""
    text = ctx.text
    for m in _PROSE_LIST.finditer(text, start, end):
        kind = m.group("kind") or m.group("kind2")
        org: str | None = None
        if m.group("org"):
            org = ctx.resolve(m.group("org"))
        else:
            named = list(_NAMED_ORG.finditer(text, max(start, m.start() - 1500), m.start()))
            if named:
                org = ctx.resolve(named[-1].group(1))
        if org is None:
            org = _default_org(ctx)
        stop = text.find("\n\n", m.end(), min(end, m.end() + 1500))
        stop = stop if stop >= 0 else min(end, m.end() + 1500)
        line_end = text.find("\n", m.end(), stop)
        if line_end >= 0 and text[line_end + 1 : line_end + 2].strip() != "":
            stop = (
                line_end if "\t" in text[start:end] or len(text[m.end() : line_end]) > 90 else stop
            )
        dot = _LIST_END.search(text, m.end(), stop)
        list_end = dot.start() + 1 if dot else stop
        people = _split_people(re.sub(r"\s+", " ", text[m.end() : list_end]))
        src = ctx.source(m.start(), list_end, label)
        base = re.sub(r"s$", "", kind.strip(), flags=re.I)
        for name, title in people:
            _add_role(
                ctx,
                _Row(name, title or base),
                org=org,
                src=src,
                label=label,
                addresses={},
            )


def _default_citizenship(ctx: Context, roles: list[Role], start: int, end: int, label: str) -> None:
    """Citizenship stated once for a whole list ("Each of the foregoing individuals is a
    Japanese citizen", "All persons listed on Schedule I hereto are citizens of the
    United States") given to the people of the list that have none of their own.

    A statement after rows applies to the rows above it (up to the statement before); one
    above every row applies to the whole list; one outside the list must name it.
    """
    text = ctx.text
    found: list[tuple[int, int, int, str]] = []  # (applies up to, quote start, end, country)
    first = min(
        (r.source.start for r in roles if r.source and r.source.start is not None), default=end
    )
    for m in _EACH_CITIZEN.finditer(text, start, end):
        # a statement above the list ("each individual is a citizen of ...") covers all of it
        upto = end if m.end() <= first else m.end()
        found.append((upto, m.start(), m.end(), m.group(1) or m.group(2)))
    if not found:
        lab = re.escape(label)
        for m in _EACH_CITIZEN.finditer(text):
            if re.search(lab, m.group(0), re.I):
                found.append((end, m.start(), m.end(), m.group(1) or m.group(2)))
                break
    lo = start
    for upto, q0, q1, country in sorted(found):
        j = jurisdiction(country)
        if not j.code:
            continue
        for r in roles:
            ent = ctx.filing.entities[r.person]
            pos = r.source.start if r.source is not None and r.source.start is not None else -1
            if ent.citizenship is None and lo <= pos < upto:
                ent.citizenship = j
                ent.cite("citizenship", ctx.source(q0, q1, label))
        lo = upto


def _default_org(ctx: Context) -> str | None:
    """The reporting person a schedule without an organization heading belongs to."""
    firms = [e.key for e in ctx.filing.reporting_persons() if e.kind != EntityKind.PERSON]
    return firms[0] if len(set(firms)) == 1 else None


class _Row(NamedTuple):
    """One person's row of a list of officers and directors, as the table gives it."""

    name: str
    title: str | None
    occupation: str | None = None
    citizenship: str | None = None
    address: str | None = None


def _add_role(
    ctx: Context,
    row: _Row,
    *,
    org: str | None,
    src: Source,
    label: str,
    addresses: dict[str, tuple[str, int, int]],
    firm: bool = False,
) -> None:
    """Add one role; ``firm`` when the holder is a company (a general partner LLC).

    With no title, an occupation made of title words ("President of Acme") is the title.
    """
    name, title, occupation, citizenship, address = row
    if title is None and occupation and title_kinds(occupation):
        title = occupation
    if firm:
        key = ctx.ensure(name, kind=EntityKind.COMPANY, source=src)
        if all(
            (r.person, r.organization, r.section) != (key, org, label) for r in ctx.filing.roles
        ):
            ctx.filing.roles.append(
                Role(
                    person=key,
                    organization=org,
                    title=title or "",
                    kinds=title_kinds(title or ""),
                    occupation=occupation,
                    section=label,
                    source=src,
                )
            )
        return
    if address:
        note = _CITIZEN_NOTE.search(address)
        if note and jurisdiction(note.group(1)).code:
            citizenship = citizenship or note.group(1)
            address = (address[: note.start()] + address[note.end() :]).strip(" ,") or None
    person = ctx.person(name, src)
    for r in ctx.filing.roles:
        if (r.person, r.organization, r.title, r.section) == (
            person,
            org,
            title or (occupation or ""),
            label,
        ):
            return  # the same row listed twice (e.g. under "Directors" and "Control Person")
    ent = ctx.filing.entities[person]
    ent.kind = EntityKind.PERSON
    if ent.given_name is None and ent.family_name is None:
        ent.given_name, ent.family_name = split_person_name(ent.name)
    if citizenship:
        j = jurisdiction(citizenship)
        if ent.citizenship is None and j.code:
            ent.citizenship = j
            ent.cite("citizenship", src)
    if org is not None and org in addresses:
        addr_text, a0, a1 = addresses[org]
        if all(a.text != addr_text for a in ent.addresses):
            last = addr_text.rsplit(",", 1)[-1]
            ent.addresses.append(
                Address(
                    kind="business",
                    text=addr_text,
                    country=jurisdiction(last).country,
                    source=ctx.source(a0, a1, label),
                )
            )
    if address and all(a.text != address for a in ent.addresses):
        ent.addresses.append(Address(kind="business", text=address, source=src))
    ctx.filing.roles.append(
        Role(
            person=person,
            organization=org,
            title=title or (occupation or ""),
            kinds=title_kinds(title or ""),
            occupation=occupation,
            section=label,
            source=src,
        )
    )


def _read_tab_rows(
    ctx: Context, start: int, end: int, label: str, addresses: dict[str, tuple[str, int, int]]
) -> None:
    """Rows of a table whose cells are separated by tabs (HTML and markdown tables)."""
    text = ctx.text
    org: str | None = None
    cols: dict[str, int] | None = None
    pos = start
    for raw in text[start:end].split("\n"):
        line_start, pos = pos, pos + len(raw) + 1
        line = raw.strip()
        if not line:
            continue
        cells = _cells(raw)
        if len(cells) <= 1:
            if (len(line) < 120 and not line.endswith((".", ":"))) or has_legal_form(line):
                key, _ = _group_org(ctx, line)
                if key is not None:
                    org, cols = key, None
            continue
        if _HEADER_CELL.search(cells[0]) and len(cells[0]) < 40:
            cols = _columns(cells)
            continue
        if cols is None:
            cols = {"name+title": 0, "name": 0} if len(cells) >= 2 else None
            if cols is not None and len(cells) >= 3:
                cols.update({"occupation": 1, "citizenship": len(cells) - 1})
            if cols is None:
                continue
        ni = cols.get("name", 0)
        if ni >= len(cells):
            continue
        title: str | None = None
        if "name+title" in cols:
            name, title = split_name_title(cells[ni])
        else:
            name = cells[ni]
            ti = cols.get("title")
            title = cells[ti] if ti is not None and ti < len(cells) else None
        firm = _ends_with_form(name) and bool(title and title_kinds(title))
        if not firm and not _plausible_person(name, title):
            continue
        oi, ci = cols.get("occupation"), cols.get("citizenship")
        occupation = cells[oi] if oi is not None and oi < len(cells) else None
        citizenship = cells[ci] if ci is not None and ci < len(cells) else None
        ai = cols.get("address")
        address = cells[ai] if ai is not None and ai < len(cells) and cells[ai].strip() else None
        _add_role(
            ctx,
            _Row(name, title, occupation, citizenship, address),
            org=org,
            src=ctx.source(line_start, line_start + len(raw), label),
            label=label,
            addresses=addresses,
            firm=firm,
        )


def _plausible_person(name: str, title: str | None) -> bool:
    """Whether a name cell names a person (never a header word or a country)."""
    low = name.lower().strip(" :")
    if not name or _NOT_A_NAME.search(low) or jurisdiction(name).code:
        return False
    if any(ch.isdigit() for ch in name) or len(name.split()) > 6:
        return False
    if "," in name and not _SUFFIX.search(name):
        return False  # "Reston, VA", "Purchase, New York": a place, not a person
    if name.split()[-1] in {"and", "of", "&", "the"}:
        return False  # the first line of a title written under the name: "Treasurer and"
    singular = re.sub(r"s\b", "", name)
    if _PLACE_WORD.search(name) or title_kinds(singular) or _GROUP.match(name):
        return False  # "Citibank House", "President and", "Officers of Motient"
    return looks_like_person(name) or bool(title and title_kinds(title))


def _read_aligned_rows(
    ctx: Context, start: int, end: int, label: str, addresses: dict[str, tuple[str, int, int]]
) -> None:
    """Rows of a table whose columns are aligned by spaces (plain-text filings).

    A row may run over several lines: the lines below it (up to a blank line or the next
    row) add their words to the column they start under, so that a name column also
    holds the address or the title written below the name.
    """
    text = ctx.text
    lines: list[tuple[int, str]] = []
    pos = start
    for raw in text[start:end].split("\n"):
        lines.append((pos, raw))
        pos += len(raw) + 1
    org: str | None = None
    directors_only = False
    header: list[tuple[int, int, str]] | None = None
    cols: dict[str, int] | None = None
    i = 0
    while i < len(lines):
        raw = lines[i][1]
        line = raw.strip()
        spans = _spans(raw)
        if not line or _is_rule(raw):
            i += 1
            continue
        if _HEADER_CELL.search(spans[0][1]) and len(spans[0][1]) < 40 and _is_header(lines, i):
            header, i = _header_block(lines, i)
            cols = _columns([h[2] for h in header])
            continue
        if len(spans) == 1 and (header is None or not _starts_row(spans, None)):
            para = [line]
            j = i + 1
            while j < len(lines) and len(para) < 4 and len(_spans(lines[j][1])) == 1:
                para.append(lines[j][1].strip())
                j += 1
            for heading in (" ".join(para), line):
                if len(heading) >= 120 or (
                    heading.endswith((".", ":", ",")) and not _ends_with_form(heading)
                ):
                    continue
                key, only = _group_org(ctx, heading)
                if _GROUP.match(heading):
                    directors_only = only
                if key is not None:
                    if key != org:
                        org, header, cols = key, None, None
                    if heading != line:
                        i = j - 1
                    break
            i += 1
            continue
        # a row: this line and its continuation lines
        first = spans
        j = i + 1
        while j < len(lines) and lines[j][1].strip() and not _is_rule(lines[j][1]):
            nxt = _spans(lines[j][1])
            if (
                len(nxt) >= 2
                and nxt[0][0] <= first[0][0] + 2
                and any(abs(nxt[1][0] - c0) <= 3 for c0, _ in first[1:])
                and _starts_row(nxt, first)
            ):
                break
            j += 1
        _read_record(ctx, lines[i:j], header, cols, org, directors_only, label, addresses)
        i = j


def _is_header(lines: list[tuple[int, str]], i: int) -> bool:
    """Whether the line holding "Name" heads columns (on it or on the line below)."""
    if len(_spans(lines[i][1])) >= 2:
        return True
    nxt = lines[i + 1][1] if i + 1 < len(lines) else ""
    return len(_spans(nxt)) >= 2 and not _is_rule(nxt) and len(nxt.strip()) < 100


def _ends_with_form(line: str) -> bool:
    words = line.split()
    return bool(words) and words[-1].strip(".,").lower().rstrip(".") in LEGAL_FORMS


def _starts_row(spans: list[tuple[int, str]], first: list[tuple[int, str]] | None) -> bool:
    name = split_name_title(spans[0][1])[0]
    return _plausible_person(name, None) and not _GROUP.match(spans[0][1])


def _read_record(
    ctx: Context,
    rec: list[tuple[int, str]],
    header: list[tuple[int, int, str]] | None,
    cols: dict[str, int] | None,
    org: str | None,
    directors_only: bool,
    label: str,
    addresses: dict[str, tuple[str, int, int]],
) -> None:
    first = _spans(rec[0][1])
    if cols is None:
        if len(first) < 2:
            return
        cols = {"name+title": 0, "name": 0}
        if len(first) >= 3:
            cols.update({"occupation": 1, "citizenship": len(first) - 1})
        starts = [c0 for c0, _ in first]
    elif header is not None and len(first) == len(header):
        starts = [c0 for c0, _ in first]
    elif header is not None:
        starts = [h[0] for h in header]
    else:
        starts = [c0 for c0, _ in first]
    pieces: list[list[str]] = [[] for _ in starts]
    for n, (_, raw) in enumerate(rec):
        for c0, t in _spans(raw):
            if n == 0 and len(first) == len(starts):
                col = [s for s, _ in first].index(c0)
            else:
                col = max((k for k in range(len(starts)) if starts[k] <= c0 + 3), default=0)
            pieces[col].append(t)
    ni = cols.get("name", 0)
    if ni >= len(pieces) or not pieces[ni]:
        return
    name_lines = pieces[ni]
    title: str | None = None
    address: str | None = None
    if "name+title" in cols:
        name, title = split_name_title(name_lines[0])
        if title is None and len(name_lines) > 1 and title_kinds(" ".join(name_lines[1:])):
            title = " ".join(name_lines[1:])
    else:
        name = name_lines[0]
        if "name+address" in cols and len(name_lines) > 1:
            address = ", ".join(name_lines[1:])
        ti = cols.get("title")
        if ti is not None and ti < len(pieces) and pieces[ti]:
            title = " ".join(pieces[ti])
    if not _plausible_person(name, title):
        return

    def joined(key: str, sep: str = " ") -> str | None:
        k = cols.get(key) if cols else None
        if k is None or k >= len(pieces) or k == ni or not pieces[k]:
            return None
        return sep.join(pieces[k])

    occupation = joined("occupation")
    citizenship = joined("citizenship")
    address = joined("address", ", ") or address
    if title is None and directors_only:
        title = "Director"
    r0 = rec[0][0]
    r1 = rec[-1][0] + len(rec[-1][1])
    _add_role(
        ctx,
        _Row(name, title, occupation, citizenship, address),
        org=org if org is not None else _default_org(ctx),
        src=ctx.source(r0, r1, label),
        label=label,
        addresses=addresses,
    )
