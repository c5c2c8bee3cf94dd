"""Cover pages from filing text: one :class:`~ownergraph.record.CoverPage` per
reporting person, every row, and the cover page's footnotes (ADS counts, the basis of
the percentage, other share classes). :func:`parse_cover_pages` is re-exported by
:mod:`.cover`.

May import: :mod:`.cover_common`, :mod:`.cover_notice` and what they may import.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ownergraph.loaders.sections.cover_common import (
    _CLASS_LABEL,
    _IRS,
    _IRS_LABEL,
    _MARKS,
    _ORG_HINT,
    _src,
    share_class_key,
)
from ownergraph.loaders.sections.cover_notes import find_footnotes, read_note, read_row_basis
from ownergraph.loaders.sections.cover_notice import (
    _read_depositary,
)
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
from ownergraph.loaders.sections.name_check import cut_before_problem, name_problem
from ownergraph.normalize import (
    entity_key,
    jurisdiction,
    looks_like_person,
    parse_percent,
    split_person_name,
)
from ownergraph.normalize.names import clean_name
from ownergraph.record import (
    CoverPage,
    Entity,
    EntityKind,
    Filing,
    ShareClass,
    Source,
)

__all__ = ["parse_cover_pages"]

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
            # "FMR Corp. - (Tax ID: ...)": the emptied brackets, then the dash before them
            s = re.sub(r"\s+[-–]+$", "", re.sub(r"\s*\(\s*\)", "", s))
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


def parse_cover_pages(
    text: str, filing: Filing, *, document: str = "primary", pages: list[Page] | None = None
) -> None:
    """Append one :class:`~ownergraph.record.CoverPage` per reporting person.

    Each reporting person also becomes an :class:`~ownergraph.record.Entity` (its kind
    from the type codes of the last row, its citizenship or place of organization from
    row 6 / row 4). Values that cannot be read become warnings on the cover page.
    ``pages`` are the cover pages of ``text`` when the caller has them (from
    :func:`~ownergraph.loaders.sections.cover_rows.find_pages`).
    """
    for page in find_pages(text) if pages is None else pages:
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
    problem = name_problem(name) if name else None
    if problem:
        head = cut_before_problem(name)
        header = (
            filing.entities[filing.filers[0]].name
            if len(filing.filers) == 1 and filing.filers[0] in filing.entities
            else None
        )
        if head:
            warnings.append(f"row 1: the name {problem} ({name[:80]!r}); read as {head!r}")
            name = head
        elif header and name_problem(header) is None:
            warnings.append(
                f"row 1: the name {problem} ({name[:80]!r}); the header's filer {header!r} is taken"
            )
            name = header
        else:
            warnings.append(f"row 1: the name {problem} ({name[:80]!r})")
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
