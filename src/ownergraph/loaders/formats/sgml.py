"""EDGAR full submissions (``.txt``, ``.nc``): the header, then every document.

:func:`parse` reads the header (``<SEC-HEADER>``, ``<IMS-HEADER>`` or the ``.nc``
``<SUBMISSION>`` form) into the filing's accession number, form, dates, subject
company (the issuer) and filers, each with CIK, SIC, IRS number, state of
incorporation, fiscal year end, addresses and former names; splits the documents;
reads the primary document with the loader for its content (structured XML, HTML or
plain text); reads the text of the exhibits with the narrative reader; and finally
reconciles the header's parties with the reporting persons of the cover pages, so that
one party is one entity carrying both spellings and the CIK.

Every header fact is cited as ``Source(section="SEC header", quote=<the header line>)``
with offsets in the submission text (line ends normalised to ``\\n``, the
privacy-enhanced-message wrapper removed).

Examples
--------
>>> f = parse('''<SEC-DOCUMENT>0000950123-94-000001.txt : 19940110
... <SEC-HEADER>0000950123-94-000001.hdr.sgml : 19940110
... ACCESSION NUMBER:\\t\\t0000950123-94-000001
... CONFORMED SUBMISSION TYPE:\\tSC 13D
... FILED AS OF DATE:\\t\\t19940110
... SUBJECT COMPANY:
... \\tCOMPANY DATA:
... \\t\\tCOMPANY CONFORMED NAME:\\t\\t\\tACME CORP /DE/
... \\t\\tCENTRAL INDEX KEY:\\t\\t\\t0000000123
... \\t\\tSTATE OF INCORPORATION:\\t\\t\\tDE
... FILED BY:
... \\tCOMPANY DATA:
... \\t\\tCOMPANY CONFORMED NAME:\\t\\t\\tDOE JOHN Q
... \\t\\tCENTRAL INDEX KEY:\\t\\t\\t0000000456
... </SEC-HEADER>
... <DOCUMENT>
... <TYPE>SC 13D
... <SEQUENCE>1
... <TEXT>
... SCHEDULE 13D
... </TEXT>
... </DOCUMENT>
... </SEC-DOCUMENT>''', name="x.txt")
>>> f.accession, f.form, f.schedule, f.filed_date
('0000950123-94-000001', 'SC 13D', '13D', datetime.date(1994, 1, 10))
>>> issuer = f.entities[f.issuer]
>>> issuer.name, issuer.cik, issuer.jurisdiction.code
('ACME CORP /DE/', '0000000123', 'US-DE')
>>> filer = f.entities[f.filers[0]]
>>> filer.name, filer.kind.value, filer.given_name, filer.family_name
('DOE JOHN Q', 'person', 'John Q', 'Doe')
>>> issuer.field_sources["cik"].quote
'CENTRAL INDEX KEY:\\t\\t\\t0000000123'
"""

from __future__ import annotations

import html as _html
import importlib
import re
from collections.abc import Callable
from types import ModuleType

from ownergraph.errors import LoadError, NotAFilingError
from ownergraph.loaders.formats import text as text_loader
from ownergraph.loaders.formats.edgar_codes import edgar_country, edgar_location
from ownergraph.loaders.formats.sgml_documents import (
    RawDocument,
    Submission,
    split_submission,
    unwrap,
)
from ownergraph.loaders.formats.sgml_header import (
    Header,
    HeaderField,
    Party,
    parse_header,
    yyyymmdd,
)
from ownergraph.loaders.formats.sgml_merge import (
    find_match,
    match_keys,
    merge_into,
    strip_edgar_suffix,
)
from ownergraph.normalize import entity_key, jurisdiction, looks_like_person, whole_number
from ownergraph.record import (
    Address,
    Document,
    Entity,
    EntityKind,
    Exhibit,
    Filing,
    Source,
)

__all__ = ["apply_header", "html_fallback_text", "parse", "schedule_of"]

SECTION = "SEC header"
_SCHEDULE_FORM = re.compile(r"13[DG]", re.I)
_FUND = re.compile(r"\b(?:L\.?\s?P\.?|L\.?\s?L\.?\s?L\.?\s?P\.?|FUND|FUNDS|TRUST)(?=\W|$)", re.I)


def schedule_of(form: str | None) -> str:
    """``"13D"`` or ``"13G"`` for a form type, else ``""``.

    Examples
    --------
    >>> schedule_of("SC 13D/A"), schedule_of("SCHEDULE 13G"), schedule_of("SC TO-T/A")
    ('13D', '13G', '')
    """
    m = _SCHEDULE_FORM.search(form or "")
    return m.group(0).upper() if m else ""


def _src(sub: Submission, start: int, end: int) -> Source:
    return Source(SECTION, sub.text[start:end], start, end)


def _field_src(f: HeaderField) -> Source:
    return Source(SECTION, f.quote, f.start, f.end)


def _effective_form(header: Header) -> str | None:
    """The form the filing is read as: a 13D/13G form when the header lists one."""
    form = header.form
    if form and schedule_of(form):
        return form
    for t in header.form_types():
        if schedule_of(t):
            return t
    return form


def _kind_of(name: str, party: Party | None) -> EntityKind:
    has_company_data = party is not None and any(
        party.value(k) for k in ("STANDARD INDUSTRIAL CLASSIFICATION", "STATE OF INCORPORATION")
    )
    base = strip_edgar_suffix(name)
    if not has_company_data and looks_like_person(base) and not _FUND.search(base):
        return EntityKind.PERSON
    if _FUND.search(base):
        return EntityKind.FUND
    return EntityKind.COMPANY


def _address(sub: Submission, kind: str, fields: dict[str, HeaderField]) -> Address | None:
    if not fields:
        return None

    def v(key: str) -> str:
        f = fields.get(key)
        return f.value if f is not None else ""

    street = ", ".join(x for x in (v("STREET 1"), v("STREET 2")) if x)
    region = " ".join(x for x in (v("STATE"), v("ZIP")) if x)
    text = ", ".join(x for x in (street, v("CITY"), region) if x)
    if not text:
        return None
    state = v("STATE")
    addr = Address(
        kind=kind,
        text=text,
        country=edgar_country(state),
        phone=v("BUSINESS PHONE") or v("PHONE") or None,
    )
    start = min(f.start for f in fields.values())
    end = max(f.end for f in fields.values())
    addr.source = _src(sub, start, end)
    return addr


def _party_entity(sub: Submission, party: Party) -> Entity | None:
    name = party.name
    if not name:
        return None
    kind = EntityKind.COMPANY if party.is_subject else _kind_of(name, party)
    name_field = party.fields.get("COMPANY CONFORMED NAME") or party.fields.get("CONFORMED NAME")
    entity = Entity(key=entity_key(strip_edgar_suffix(name)), name=name, kind=kind)
    if name_field is not None:
        entity.source = _field_src(name_field)
    if party.cik:
        entity.cik = party.cik
        entity.cite("cik", _field_src(party.fields["CENTRAL INDEX KEY"]))
    sic = party.value("STANDARD INDUSTRIAL CLASSIFICATION")
    if sic:
        m = re.search(r"\[(\d{3,4})\]", sic) or re.fullmatch(r"\s*(\d{3,4})\s*", sic)
        if m and int(m.group(1)) > 0:
            entity.sic = m.group(1)
            entity.cite("sic", _field_src(party.fields["STANDARD INDUSTRIAL CLASSIFICATION"]))
    sic_tag = party.value("ASSIGNED SIC")
    if sic_tag and entity.sic is None and sic_tag.isdigit() and (whole_number(sic_tag) or 0) > 0:
        entity.sic = sic_tag
        entity.cite("sic", _field_src(party.fields["ASSIGNED SIC"]))
    irs = party.value("IRS NUMBER") or party.value("EIN")
    if irs and (whole_number(irs) or 0) > 0:
        entity.irs_number = irs
        key = "IRS NUMBER" if party.value("IRS NUMBER") else "EIN"
        entity.cite("irs_number", _field_src(party.fields[key]))
    state = party.value("STATE OF INCORPORATION")
    if state:
        place = edgar_location(state)
        if place.code is None:
            place = jurisdiction(state)
        entity.jurisdiction = place
        entity.cite("jurisdiction", _field_src(party.fields["STATE OF INCORPORATION"]))
    fye = party.value("FISCAL YEAR END")
    if fye and re.fullmatch(r"\d{4}", fye):
        entity.fiscal_year_end = fye
        entity.cite("fiscal_year_end", _field_src(party.fields["FISCAL YEAR END"]))
    for section, kind_name in (("BUSINESS ADDRESS", "business"), ("MAIL ADDRESS", "mail")):
        addr = _address(sub, kind_name, party.addresses.get(section, {}))
        if addr is not None:
            entity.addresses.append(addr)
    spans: list[HeaderField] = []
    for former in party.former:
        fname = former.get("FORMER CONFORMED NAME") or former.get("FORMER NAME")
        if fname is None or not fname.value:
            continue
        changed = former.get("DATE OF NAME CHANGE") or former.get("DATE CHANGED")
        entry = (fname.value, yyyymmdd(changed.value) if changed else None)
        if entry not in entity.former_names:
            entity.former_names.append(entry)
        spans.extend(f for f in (fname, changed) if f is not None)
    if spans:
        entity.cite("former_names", _src(sub, spans[0].start, spans[-1].end))
    if kind == EntityKind.PERSON:
        words = strip_edgar_suffix(name).replace(",", " ").split()
        if len(words) >= 2:
            entity.family_name = words[0].capitalize()
            entity.given_name = " ".join(w.capitalize() if w.isupper() else w for w in words[1:])
    return entity


def _find_header_entity(filing: Filing, keys: list[str], name: str) -> str | None:
    wanted = match_keys(name)
    for k in keys:
        e = filing.entities.get(k)
        if e is not None and any(match_keys(n) & wanted for n in e.all_names()):
            return k
    return None


def apply_header(header: Header, sub: Submission, filing: Filing) -> list[str]:
    """Fill ``filing`` from ``header``; return the keys of the entities it created."""
    created: list[str] = []
    f = header.fields
    if header.accession and not filing.accession:
        filing.accession = header.accession
        filing.cite("accession", _field_src(f["ACCESSION NUMBER"]))
    form = _effective_form(header)
    if form and not filing.form:
        filing.form = form
        if "CONFORMED SUBMISSION TYPE" in f:
            src = f["CONFORMED SUBMISSION TYPE"]
            if header.form != form:
                src = next(
                    (p.fields["FORM TYPE"] for p in header.parties if p.value("FORM TYPE") == form),
                    src,
                )
            filing.cite("form", _field_src(src))
    if not filing.schedule:
        filing.schedule = schedule_of(filing.form)
    if header.filed and filing.filed_date is None:
        filing.filed_date = header.filed
        filing.cite("filed_date", _field_src(f["FILED AS OF DATE"]))
    if header.period and filing.period is None:
        filing.period = header.period
        filing.cite("period", _field_src(f["CONFORMED PERIOD OF REPORT"]))
    seen_cik: set[str] = set()
    for party in header.parties:
        entity = _party_entity(sub, party)
        if entity is None:
            continue
        marker = entity.cik or entity.key
        ident = ("S" if party.is_subject else "F") + marker
        if ident in seen_cik:
            continue
        seen_cik.add(ident)
        existing = _find_header_entity(filing, created, entity.name)
        if existing is not None:
            entity.key = existing
        stored = filing.add_entity(entity)
        if stored.key not in created:
            created.append(stored.key)
        if party.is_subject:
            if filing.issuer is None:
                filing.issuer = stored.key
        elif stored.key not in filing.filers:
            filing.filers.append(stored.key)
    for gm in header.group_members:
        name = gm.value
        existing = _find_header_entity(filing, created, name)
        if existing in filing.group_members and name not in filing.entities[existing].all_names():
            existing = None  # two members the header lists apart ("II, Inc." and "II, Ltd.")
        if existing is not None:
            key = existing
            e = filing.entities[key]
            if name not in e.all_names():
                e.aliases.append(name)
        else:
            kind = _kind_of(name, None)
            e = Entity(key=entity_key(strip_edgar_suffix(name)), name=name, kind=kind)
            e.source = _field_src(gm)
            key = filing.add_entity(e).key
            created.append(key)
        if key not in filing.group_members:
            filing.group_members.append(key)
    return created


# --- documents ---------------------------------------------------------------------


def _optional_module(module: str) -> ModuleType | None:
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as e:
        if e.name == module:
            return None
        raise


def html_fallback_text(markup: str) -> str:
    """Filing text from HTML by plain tag removal (used while no HTML loader exists).

    Examples
    --------
    >>> html_fallback_text("<p>Name of Issuer</p><table><tr><td>7</td><td>SOLE&nbsp;VOTING</td></tr></table>")
    'Name of Issuer\\n7\\tSOLE VOTING'
    """
    t = re.sub(r"<!--.*?-->", " ", markup, flags=re.S)
    t = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", t, flags=re.S | re.I)
    t = re.sub(r"\s+", " ", t)
    t = re.sub(r"</t[dh]\s*>", "\t", t, flags=re.I)
    t = re.sub(r"<br\s*/?>|</(?:p|div|tr|h\d|li|table|center)\s*>", "\n", t, flags=re.I)
    t = re.sub(r"<[^>]*>", "", t)
    t = _html.unescape(t).replace("\xa0", " ")
    lines = [
        re.sub(r"[ ]{2,}", " ", ln).strip(" ").strip("\t").replace(" \t", "\t")
        for ln in t.split("\n")
    ]
    t = "\n".join(ln.replace("\t ", "\t") for ln in lines)
    t = re.sub(r"\t{2,}", "\t", t)
    t = re.sub(r"\n{3,}", "\n\n", t)
    return t.strip()


def _document_text(doc: RawDocument) -> str:
    """Filing text of a text or HTML document (for the narrative reader)."""
    if doc.kind == "html":
        convert: Callable[[str], str] | None = None
        for modname in ("ownergraph.loaders.formats.htmltext", "ownergraph.loaders.formats.html"):
            module = _optional_module(modname)
            if module is None or convert is not None:
                continue
            for attr in ("html_to_text", "to_filing_text", "html_to_filing_text"):
                if callable(getattr(module, attr, None)):
                    convert = getattr(module, attr)
                    break
        if convert is not None:
            return convert(doc.body)
        return html_fallback_text(doc.body)
    return text_loader.text_to_filing_text(doc.body)


def _read_primary(doc: RawDocument, filing: Filing, name: str) -> None:
    label = doc.label
    if doc.kind == "xml":
        module = _optional_module("ownergraph.loaders.formats.xml13")
        if module is None:
            filing.warnings.append(
                f"{label}: the structured XML reader is not available; only the header was read"
            )
            return
        module.parse(doc.body, name=name, filing=filing, document=label)
    elif doc.kind == "html":
        module = _optional_module("ownergraph.loaders.formats.html")
        if module is None:
            from ownergraph.loaders.formats.textual import parse_text_filing

            parse_text_filing(
                html_fallback_text(doc.body), name=name, fmt="html", filing=filing, document=label
            )
        else:
            module.parse(doc.body, name=name, filing=filing, document=label)
    elif doc.kind == "text":
        text_loader.parse(doc.body, name=name, filing=filing, document=label)
    else:
        filing.warnings.append(f"{label}: the primary document is {doc.kind}; nothing to read")


def _choose_primary(docs: list[RawDocument], header: Header) -> RawDocument:
    readable = [d for d in docs if d.kind in ("text", "html", "xml")]
    forms = [f for f in (header.form, _effective_form(header)) if f]
    for form in forms:
        for d in readable:
            if d.type.upper() == form.upper():
                return d
    for d in readable:
        if schedule_of(d.type) and not d.type.upper().startswith("EX"):
            return d
    for d in readable:
        if d.sequence == 1:
            return d
    return readable[0] if readable else docs[0]


def _exhibit_number(doc_type: str) -> str | None:
    m = re.match(r"EX-?\s*([0-9A-Z][0-9A-Z.()\-]*)", doc_type.strip(), re.I)
    return m.group(1).rstrip(".").upper() if m else None


def _norm_exhibit(number: str | None) -> str:
    return (
        re.sub(r"^(?:EX(?:HIBIT)?[-\s.]*)", "", (number or "").strip(), flags=re.I)
        .upper()
        .rstrip(".")
    )


def _read_exhibit(doc: RawDocument, filing: Filing, sub: Submission) -> None:
    number = _exhibit_number(doc.type)
    label = doc.type or doc.label
    if doc.kind in ("text", "html"):
        narrative = _optional_module("ownergraph.loaders.sections.narrative")
        parse_narrative = getattr(narrative, "parse_narrative", None) if narrative else None
        if parse_narrative is not None:
            try:
                parse_narrative(_document_text(doc), filing, document=label)
            except LoadError:
                raise
            except Exception as e:  # an exhibit the reader cannot follow must not sink the filing
                filing.warnings.append(
                    f"{label}: the exhibit could not be read ({type(e).__name__}: {e})"
                )
    if number is None:
        return
    listed = {_norm_exhibit(x.number) for x in filing.exhibits}
    if _norm_exhibit(number) in listed:
        return
    ex = Exhibit(number=number, title=doc.description or doc.type)
    meta_end = sub.text.find("<TEXT>", doc.start)
    end = meta_end if 0 <= meta_end < doc.body_start else doc.start + len("<DOCUMENT>")
    quote = sub.text[doc.start : end].strip()
    ex.source = Source(
        f"Document {doc.sequence or ''}".strip(), quote, doc.start, doc.start + len(quote), label
    )
    filing.exhibits.append(ex)


# --- reconciliation ------------------------------------------------------------------


def _reconcile(filing: Filing, created: list[str], subject_key: str | None) -> None:
    """One entity per party: header parties folded into the document's spellings."""
    ents = filing.entities
    persons = [c.person for c in filing.cover_pages if c.person in ents]

    def pool(keys: list[str], skip: set[str]) -> dict[str, list[str]]:
        return {k: ents[k].all_names() for k in keys if k in ents and k not in skip}

    if subject_key and subject_key in ents:
        if filing.issuer is None:
            filing.issuer = subject_key
        elif filing.issuer != subject_key and filing.issuer in ents:
            if subject_key not in filing.filers:
                merge_into(filing, subject_key, filing.issuer)
            # else: the header's subject company is the filer and the cover names another
            # issuer (the cover reader warned): two entities, never one
        else:
            others = pool(list(ents), {*created, *persons})
            match = None
            for n in ents[subject_key].all_names():
                match = find_match(n, others)
                if match:
                    break
            if match:
                merge_into(filing, subject_key, match)
    for key in list(created):
        if key not in ents or key == filing.issuer or key in persons:
            continue  # a header party already under a reporting person's key is that person
        entity = ents[key]
        person = entity.kind == EntityKind.PERSON
        skip = {key, filing.issuer or ""}
        match = None
        for candidates in (
            pool(persons, skip),
            pool(list(ents), skip | set(created) | set(persons)),
        ):
            for n in entity.all_names():
                match = find_match(n, candidates, person=person)
                if match:
                    break
            if match:
                break
        if match:
            merge_into(filing, key, match)


def parse(
    text: str, *, name: str, filing: Filing | None = None, document: str = "primary"
) -> Filing:
    """Read an EDGAR full submission (into ``filing`` when one is given).

    Raises
    ------
    LoadError
        naming ``name`` when the submission is cut off inside a document, holds no
        document, or a document loader rejects its document.
    """
    sub = split_submission(unwrap(text), name=name)
    header = parse_header(sub.header_text, sub.header_start)
    if filing is None:
        filing = Filing(form="", schedule="", format="sgml")
    if filing.format == "unknown":
        filing.format = "sgml"
    filing.warnings.extend(sub.warnings)
    count = header.document_count
    created = apply_header(header, sub, filing)
    subject_key = filing.issuer
    for d in sub.documents:
        filing.documents.append(
            Document(
                type=d.type or "unknown",
                filename=d.filename,
                description=d.description,
                sequence=d.sequence,
            )
        )
    if count is not None and count != len(sub.documents):
        filing.warnings.append(
            f"the header counts {count} public documents, the submission holds {len(sub.documents)}"
        )
    header_form = filing.form
    primary = _choose_primary(sub.documents, header) if sub.documents else None
    if primary is not None:
        _read_primary(primary, filing, name)
    elif not schedule_of(_effective_form(header) or header_form or ""):
        raise NotAFilingError(
            name,
            f"a header with no document, of form {header_form or 'unknown'!r}: "
            "not a Schedule 13D/13G",
        )
    for d in sub.documents:
        if d is primary or d.kind in ("binary", "empty", "xml"):
            continue
        _read_exhibit(d, filing, sub)
    _reconcile(filing, created, subject_key)
    effective = _effective_form(header)
    if not filing.form:
        filing.form = effective or header_form or ""
    elif not schedule_of(filing.form) and effective and schedule_of(effective):
        filing.form = effective
    if schedule_of(filing.form):
        filing.schedule = schedule_of(filing.form)
    return filing
