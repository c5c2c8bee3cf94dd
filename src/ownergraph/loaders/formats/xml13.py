"""The structured XML Schedules 13D and 13G (``edgarSubmission``) that EDGAR requires
since December 2024.

Both schemas (namespaces ``http://www.sec.gov/edgar/schedule13D`` and
``.../schedule13g``, common address elements in ``.../edgar/common``) are read by the
*local* names of their elements, case-insensitively, so namespace prefixes and the
spelling variants of the two schemas (``issuerCIK``/``issuerCik``, ``memberOfGroup``/
``memberGroup``, ``reportingPersonInfo``/``coverPageHeaderReportingPersonDetails``) do
not matter. Every optional element may be missing.

Places are EDGAR location codes (``DE``, ``X1``, ``E9``...), read with
:func:`ownergraph.loaders.formats.edgar_codes.edgar_location`. Every value keeps a
:class:`~ownergraph.record.Source` whose section names the cover page and the element
(``"Cover page, reporting person 2, sharedVotingPower"``) and whose quote is the
element's text. Parsing is safe (:mod:`ownergraph.loaders.formats.xml_safe`): entities are never
expanded, DTDs never loaded, nothing is fetched.

Examples
--------
>>> xml = '''<edgarSubmission xmlns="http://www.sec.gov/edgar/schedule13D">
... <headerData><submissionType>SCHEDULE 13D</submissionType></headerData>
... <formData><coverPageHeader><securitiesClassTitle>Common Stock</securitiesClassTitle>
... <dateOfEvent>12/31/2024</dateOfEvent><issuerInfo><issuerCIK>0001422142</issuerCIK>
... <issuerCUSIP>00032Q104</issuerCUSIP><issuerName>Aadi Bioscience, Inc.</issuerName>
... </issuerInfo></coverPageHeader><reportingPersons><reportingPersonInfo>
... <reportingPersonName>Jane Q. Doe</reportingPersonName><fundType>PF</fundType>
... <citizenshipOrOrganization>X1</citizenshipOrOrganization>
... <soleVotingPower>335000</soleVotingPower><aggregateAmountOwned>335000.00</aggregateAmountOwned>
... <percentOfClass>9.90</percentOfClass><typeOfReportingPerson>IN</typeOfReportingPerson>
... </reportingPersonInfo></reportingPersons></formData></edgarSubmission>'''
>>> f = parse(xml, name="doc.xml")
>>> f.form, f.schedule, f.event_date, f.cusip
('SCHEDULE 13D', '13D', datetime.date(2024, 12, 31), '00032Q104')
>>> c = f.cover_pages[0]
>>> c.aggregate, c.percent_of_class, c.citizenship.code, c.source_of_funds
(335000, Decimal('9.90'), 'US', ['PF'])
>>> c.field_sources["sole_voting"]
Source(section='Cover page, reporting person 1, soleVotingPower', quote='335000', start=None, end=None, document='primary')
>>> f.entities[c.person].kind.value, f.entities[c.person].family_name
('person', 'Doe')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lxml import etree

from ownergraph.errors import NotAFilingError
from ownergraph.loaders.formats.edgar_codes import (
    edgar_location,
    edgar_location_name,
    is_edgar_code,
)
from ownergraph.loaders.formats.xml_people import (
    authority_chain,
    control_kind,
    entity_kind,
    percent_basis,
    read_exhibits,
    read_percent,
    read_shares,
    role_kinds,
    role_title,
    signer_name,
)
from ownergraph.loaders.formats.xml_safe import local_name, parse_xml
from ownergraph.loaders.limits import check_persons
from ownergraph.normalize import (
    entity_key,
    jurisdiction,
    looks_like_person,
    parse_date,
    parse_int,
    split_person_name,
    valid_cusip,
)
from ownergraph.record import (
    Address,
    ControlKind,
    ControlLink,
    CoverPage,
    Document,
    Entity,
    EntityKind,
    Exhibit,
    Filing,
    FilingReference,
    Item,
    Jurisdiction,
    Role,
    ShareClass,
    Signature,
    Source,
    placeholder_name,
)

__all__ = ["ITEM_TITLES_13D", "ITEM_TITLES_13G", "parse"]

ITEM_TITLES_13D = {
    "1": "Security and Issuer",
    "2": "Identity and Background",
    "3": "Source and Amount of Funds or Other Consideration",
    "4": "Purpose of Transaction",
    "5": "Interest in Securities of the Issuer",
    "6": "Contracts, Arrangements, Understandings or Relationships with Respect to "
    "Securities of the Issuer",
    "7": "Material to be Filed as Exhibits",
}
ITEM_TITLES_13G = {
    "1": "Issuer",
    "2": "Person Filing",
    "3": "Type of Person Filing",
    "4": "Ownership",
    "5": "Ownership of 5 Percent or Less of a Class",
    "6": "Ownership of More than 5 Percent on Behalf of Another Person",
    "7": "Identification and Classification of the Subsidiary Which Acquired the Security "
    "Being Reported on by the Parent Holding Company or Control Person",
    "8": "Identification and Classification of Members of the Group",
    "9": "Notice of Dissolution of Group",
    "10": "Certification",
}

# Element names (lower case) of the two schemas.
_PERSON_BLOCKS = ("reportingpersoninfo", "coverpageheaderreportingpersondetails")
_P_NAME = ("reportingpersonname",)
_P_CIK = ("reportingpersoncik", "reportingcik")
_P_NO_CIK = ("reportingpersonnocik", "reportingciknotpresentinedgarflag", "nocik")
_P_GROUP = ("memberofgroup", "membergroup")
_P_FUNDS = ("fundtype",)
_P_LEGAL = ("legalproceedings",)
_P_CITIZEN = ("citizenshipororganization", "citizenshiporplaceoforganization")
_P_COUNTS = {
    "sole_voting": ("solevotingpower",),
    "shared_voting": ("sharedvotingpower",),
    "sole_dispositive": ("soledispositivepower",),
    "shared_dispositive": ("shareddispositivepower",),
    "aggregate": (
        "aggregateamountowned",
        "reportingpersonbeneficiallyownedaggregatenumberofshares",
    ),
}
_P_EXCLUDES = ("isaggregateexcludeshares", "aggregateamountexcludescertainsharesflag")
_P_PERCENT = ("percentofclass", "classpercent")
_P_TYPES = ("typeofreportingperson",)
_P_COMMENTS = ("commentcontent", "comments", "commenttext")
_ISSUER_CIK = ("issuercik",)
_ISSUER_NAME = ("issuername",)
_ISSUER_CUSIP = ("issuercusip", "issuercusipnumber")
_ADDRESS_PARTS = ("street1", "street2", "city", "stateorcountry", "zipcode")
_NARRATIVE_ITEMS = ("2", "4", "5", "6")
_YES = {"y", "yes", "true", "1", "x"}
_NO = {"n", "no", "false", "0"}


def _lname(el: etree._Element) -> str:
    return local_name(el).lower()


def _text(el: etree._Element | None) -> str | None:
    """The text of ``el`` (all descendants), newlines normalised, stripped; None if empty."""
    if el is None:
        return None
    t = "".join(el.itertext()).replace("\r\n", "\n").replace("\r", "\n").strip()
    return t or None


def _elements(el: etree._Element) -> Iterator[etree._Element]:
    for node in el.iter():
        if isinstance(node.tag, str):
            yield node


def _all(el: etree._Element | None, names: Iterable[str]) -> list[etree._Element]:
    if el is None:
        return []
    wanted = set(names)
    return [n for n in _elements(el) if n is not el and _lname(n) in wanted]


def _first(el: etree._Element | None, names: Iterable[str]) -> etree._Element | None:
    found = _all(el, names)
    return found[0] if found else None


def _either(a: etree._Element | None, b: etree._Element | None) -> etree._Element | None:
    """``a`` unless it is missing or empty, else ``b`` (elements are never truth-tested)."""
    return a if a is not None and _text(a) else b


def _children(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str)]


def _flag(text: str | None) -> bool | None:
    if text is None:
        return None
    t = text.strip().lower()
    if t in _YES:
        return True
    if t in _NO:
        return False
    return None


def _place(text: str) -> Jurisdiction:
    """An EDGAR location code, or a place written out."""
    if is_edgar_code(text):
        return edgar_location(text)
    return jurisdiction(text)


def _cik(text: str | None) -> str | None:
    if text is None:
        return None
    t = text.strip()
    return t if t.isdigit() and int(t) > 0 else None


def _norm(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().lower()


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unnamed"


def _same_cik(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.isdigit() and b.isdigit() and int(a) == int(b))


class _Reader:
    """Reads one ``edgarSubmission`` into a :class:`Filing`."""

    def __init__(self, root: etree._Element, filing: Filing, name: str, document: str) -> None:
        self.root = root
        self.filing = filing
        self.name = name
        self.document = document
        self.schedule = ""
        self.filer_ciks: list[tuple[str, str | None]] = []

    # -- small helpers -------------------------------------------------------------
    def src(self, section: str, quote: str) -> Source:
        return Source(section, quote, document=self.document)

    def add_control(
        self, controller: Entity, controlled: Entity, kind: ControlKind, source: Source
    ) -> None:
        """A control link from ``controller`` to ``controlled``, unless one is known."""
        controls = self.filing.controls
        if not any(
            c.controller == controller.key and c.controlled == controlled.key for c in controls
        ):
            controls.append(
                ControlLink(
                    controller=controller.key, controlled=controlled.key, kind=kind, source=source
                )
            )

    def warn(self, message: str) -> None:
        self.filing.warnings.append(f"{self.document}: {message}")

    def put(self, entity: Entity) -> Entity:
        """Add ``entity``, merged into an existing one with the same CIK or key."""
        if entity.cik:
            for existing in self.filing.entities.values():
                if _same_cik(existing.cik, entity.cik) and existing.key != entity.key:
                    entity.key = existing.key
                    break
        return self.filing.add_entity(entity)

    def find(self, name: str) -> Entity | None:
        """The entity with exactly this name or alias (case and spacing aside), else by key."""
        wanted = _norm(name)
        for e in self.filing.entities.values():
            if _norm(e.name) == wanted:
                return e
        for e in self.filing.entities.values():
            if any(_norm(n) == wanted for n in e.aliases):
                return e
        return self.filing.entities.get(entity_key(name))

    def named(self, name: str, section: str, kind: EntityKind | None = None) -> Entity:
        """The entity called ``name`` (found by name or key, else created)."""
        key = entity_key(name)
        found = self.find(name)
        if found is not None:
            if name not in found.all_names():
                found.aliases.append(name)
            return found
        if kind is None:
            kind = EntityKind.PERSON if looks_like_person(name) else EntityKind.UNKNOWN
        ent = Entity(key=key, name=name, kind=kind, source=self.src(section, name))
        if kind == EntityKind.PERSON:
            ent.given_name, ent.family_name = split_person_name(name)
        return self.put(ent)

    def address(self, el: etree._Element, kind: str, section: str) -> Address | None:
        parts = {_lname(c): _text(c) for c in _children(el)}
        if not any(parts.get(p) for p in _ADDRESS_PARTS):
            text = _text(el)
            if text is None:
                return None
            addr = Address(kind=kind, text=re.sub(r"\s*\n\s*", ", ", text))
            addr.source = self.src(section, text)
            return addr
        code = parts.get("stateorcountry")
        place = edgar_location(code) if code else None
        region = code
        if code and place is not None and place.country != "US":
            region = edgar_location_name(code) or code
        line = ", ".join(
            p for p in (parts.get("street1"), parts.get("street2"), parts.get("city")) if p
        )
        tail = " ".join(p for p in (region, parts.get("zipcode")) if p)
        text = ", ".join(p for p in (line, tail) if p)
        addr = Address(kind=kind, text=text, country=place.country if place else None)
        addr.source = self.src(section, text)
        return addr

    # -- the parts of the document ---------------------------------------------------
    def read(self) -> Filing:
        header = _first(self.root, ("headerdata",))
        form_el = _first(header if header is not None else self.root, ("submissiontype",))
        form = _text(form_el)
        self.schedule = self.which_schedule(form)
        f = self.filing
        if not f.form and form:
            f.form = form
            f.cite("form", self.src("submissionType", form))
        if not f.schedule:
            f.schedule = self.schedule
        if f.format in ("", "unknown"):
            f.format = "xml"
        self.read_header(header)
        cover = _first(self.root, ("coverpageheader",))
        self.read_cover_header(cover)
        self.read_reporting_persons()
        self.read_items()
        self.read_exhibits()
        self.read_signatures()
        self.read_documents()
        return f

    def which_schedule(self, form: str | None) -> str:
        for text in (form or "", self.root.tag if isinstance(self.root.tag, str) else ""):
            m = re.search(r"13\s*([DG])\b|schedule13([dg])", text, re.IGNORECASE)
            if m:
                return "13" + (m.group(1) or m.group(2)).upper()
        if _first(self.root, ("reportingpersoninfo", "items1to7")) is not None:
            return "13D"
        if _first(self.root, ("coverpageheaderreportingpersondetails",)) is not None:
            return "13G"
        raise NotAFilingError(
            self.name, "an edgarSubmission that is not a Schedule 13D or 13G (no such form type)"
        )

    def read_header(self, header: etree._Element | None) -> None:
        f = self.filing
        for el in _all(header, ("accessionnumber",)):
            acc = _text(el)
            if acc and not f.accession:
                f.accession = acc
                f.cite("accession", self.src(local_name(el), acc))
        prev = _text(_first(header, ("previousaccessionnumber",)))
        if prev and f.amends is None:
            f.amends = FilingReference(
                description=f"previous filing {prev} (previousAccessionNumber)",
                form=re.sub(r"/A\s*$", "", f.form or "") or None,
                accession=prev,
            )
            f.cite("amends", self.src("previousAccessionNumber", prev))
        for cred in _all(header, ("filercredentials",)):
            cik = _cik(_text(_first(cred, ("cik",))))
            if cik is None:
                continue
            hint = None
            for node in cred.iter(etree.Comment):
                m = re.search(r"Data:\s*(.+?)\s*$", node.text or "")
                if m and "name" in (node.text or "").lower():
                    hint = m.group(1)
            self.filer_ciks.append((cik, hint))

    def read_cover_header(self, cover: etree._Element | None) -> None:
        f = self.filing
        amend_el = _first(cover, ("amendmentno",))
        amend = parse_int(_text(amend_el))
        if amend is not None and f.amendment_number is None:
            f.amendment_number = amend
            f.cite("amendment_number", self.src("amendmentNo", _text(amend_el) or ""))
        date_el = _first(cover, ("dateofevent", "eventdaterequiresfilingthisstatement"))
        date_text = _text(date_el)
        if date_el is not None and date_text:
            event = parse_date(date_text)
            if event is None:
                self.warn(f"the date of event {date_text!r} could not be read")
            elif f.event_date is None:
                f.event_date = event
                f.cite("event_date", self.src(local_name(date_el), date_text))
        issuer_el = _first(cover, ("issuerinfo",))
        item1 = _first(self.root, ("item1",))
        name_el = _either(_first(issuer_el, _ISSUER_NAME), _first(item1, _ISSUER_NAME))
        issuer_name = _text(name_el)
        cusips: list[tuple[str, etree._Element]] = []
        for el in _all(issuer_el, _ISSUER_CUSIP):
            if _children(el):
                continue
            for token in re.split(r"[\s,;]+", _text(el) or ""):
                if token:
                    cusips.append((token.upper(), el))
        issuer: Entity | None = None
        if issuer_name and name_el is not None:
            cik_el = _first(issuer_el, _ISSUER_CIK)
            issuer = Entity(
                key=entity_key(issuer_name),
                name=issuer_name,
                kind=EntityKind.COMPANY,
                cik=_cik(_text(cik_el)),
                source=self.src(local_name(name_el), issuer_name),
            )
            if issuer.cik and cik_el is not None:
                issuer.cite("cik", self.src(local_name(cik_el), _text(cik_el) or ""))
            for token, el in cusips:
                if re.fullmatch(r"[0-9A-Z*@#]{6}.*", token):
                    issuer.cusip6 = token[:6]
                    issuer.cite("cusip6", self.src(local_name(el), token))
                    break
            addr_el = None
            for el in _all(issuer_el, ("address", "issuerprincipalexecutiveofficeaddress")):
                addr_el = el
                break
            if addr_el is not None:
                addr = self.address(addr_el, "principal office", f"Issuer, {local_name(addr_el)}")
                if addr is not None:
                    issuer.addresses.append(addr)
            issuer = self.put(issuer)
            if f.issuer is None:
                f.issuer = issuer.key
                f.cite("issuer", self.src(local_name(name_el), issuer_name))
        elif f.issuer is None:
            self.warn("the XML names no issuer (issuerName is missing)")
        for token, el in cusips:
            if not valid_cusip(token):
                self.warn(f"CUSIP {token!r} ({local_name(el)}) fails the CUSIP check digit")
        if cusips and f.cusip is None:
            f.cusip = cusips[0][0]
            f.cite("cusip", self.src(local_name(cusips[0][1]), cusips[0][0]))
        title_el = _either(
            _first(cover, ("securitiesclasstitle",)), _first(item1, ("securitytitle",))
        )
        title = _text(title_el)
        issuer_key = issuer.key if issuer is not None else f.issuer
        if title and issuer_key and title_el is not None:
            slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "class"
            key = f"{issuer_key}/{slug}"
            sc = f.share_classes.get(key)
            if sc is None:
                sc = ShareClass(
                    key=key,
                    issuer=issuer_key,
                    title=title,
                    cusip=cusips[0][0] if cusips else None,
                    source=self.src(local_name(title_el), title),
                )
                f.share_classes[key] = sc
            if f.subject_class is None:
                f.subject_class = key
        self.read_notice_persons(cover)

    def read_notice_persons(self, cover: etree._Element | None) -> None:
        for info in _all(cover, ("notificationinfo",)):
            name_el = _first(info, ("personname",))
            name = _text(name_el)
            if not name:
                continue
            section = "Cover page, person authorized to receive notices"
            person = self.named(name, f"{section}, personName")
            phone = _text(_first(info, ("personphonenum",)))
            addr_el = _first(info, ("personaddress",))
            addr = (
                self.address(addr_el, "notice", f"{section}, personAddress")
                if addr_el is not None
                else None
            )
            if addr is not None:
                addr.phone = phone
                if all(a.text != addr.text for a in person.addresses):
                    person.addresses.append(addr)
            role = Role(
                person=person.key,
                organization=None,
                title="Person authorized to receive notices and communications",
                kinds=["notice contact"],
                section="Cover page",
                source=self.src(f"{section}, personName", name),
            )
            self.filing.roles.append(role)
            if self.filing.notice_person is None:
                self.filing.notice_person = person.key
                self.filing.cite("notice_person", self.src(f"{section}, personName", name))

    def read_reporting_persons(self) -> None:
        f = self.filing
        blocks = _all(self.root, _PERSON_BLOCKS)
        check_persons(self.name, len(f.cover_pages) + len(blocks))
        offset = len(f.cover_pages)
        for n, block in enumerate(blocks, 1):
            number = offset + n
            name_el = _first(block, _P_NAME)
            name = _text(name_el)
            section = f"Cover page, reporting person {number}"
            if not name or name_el is None:
                self.warn(f"{section} has no reportingPersonName: skipped")
                continue

            def sec(el: etree._Element, base: str = section) -> str:
                return f"{base}, {local_name(el)}"

            type_els = [e for e in _all(block, _P_TYPES) if _text(e)]
            codes: list[str] = []
            for e in type_els:
                codes.extend(c.upper() for c in re.split(r"[\s,;/]+", _text(e) or "") if c)
            kind = entity_kind(codes, name)
            if "IN" in codes and kind != EntityKind.PERSON:
                self.warn(f"{section}: {name!r} is typed IN but is named as a trust or firm")
            cik_el = _first(block, _P_CIK)
            cik = _cik(_text(cik_el))
            entity = Entity(
                key=entity_key(name),
                name=name,
                kind=kind,
                cik=cik,
                reporting_type_codes=list(dict.fromkeys(codes)),
                source=self.src(sec(name_el), name),
            )
            if cik and cik_el is not None:
                entity.cite("cik", self.src(sec(cik_el), _text(cik_el) or ""))
            if kind == EntityKind.PERSON:
                entity.given_name, entity.family_name = split_person_name(name)
            cover = CoverPage(
                number=number, person=entity.key, cik=cik, share_class=f.subject_class
            )
            cover.source = self.src(section, name)
            cover.cite("person", self.src(sec(name_el), name))
            if cik and cik_el is not None:
                cover.cite("cik", self.src(sec(cik_el), _text(cik_el) or ""))
            no_cik_el = _first(block, _P_NO_CIK)
            if no_cik_el is not None and _text(no_cik_el):
                cover.no_cik = _flag(_text(no_cik_el))
                cover.cite("no_cik", self.src(sec(no_cik_el), _text(no_cik_el) or ""))
            group_el = _first(block, _P_GROUP)
            group = (_text(group_el) or "").strip().lower()
            if group_el is not None and group in ("a", "b"):
                cover.group_a = group == "a"
                cover.group_b = group == "b"
                cover.cite("group_a", self.src(sec(group_el), _text(group_el) or ""))
                cover.cite("group_b", self.src(sec(group_el), _text(group_el) or ""))
            elif group:
                self.warn(f"{section}: member of group {group!r} is neither (a) nor (b)")
            fund_els = [e for e in _all(block, _P_FUNDS) if _text(e)]
            for e in fund_els:
                for c in re.split(r"[\s,;/]+", _text(e) or ""):
                    if c and c.upper() not in cover.source_of_funds:
                        cover.source_of_funds.append(c.upper())
            if fund_els:
                quote = " ".join(_text(e) or "" for e in fund_els)
                cover.cite("source_of_funds", self.src(sec(fund_els[0]), quote))
            legal_el = _first(block, _P_LEGAL)
            if legal_el is not None and _text(legal_el):
                cover.legal_proceedings = _flag(_text(legal_el))
                cover.cite("legal_proceedings", self.src(sec(legal_el), _text(legal_el) or ""))
            cit_el = _first(block, _P_CITIZEN)
            cit_text = _text(cit_el)
            if cit_el is not None and cit_text:
                place = _place(cit_text)
                if place.code is None:
                    self.warn(f"{section}: place {cit_text!r} is not a known EDGAR or ISO code")
                cover.citizenship = place
                src = self.src(sec(cit_el), cit_text)
                cover.cite("citizenship", src)
                if kind == EntityKind.PERSON:
                    entity.citizenship = place
                    entity.cite("citizenship", src)
                else:
                    entity.jurisdiction = place
                    entity.cite("jurisdiction", src)
            for field_name, names in _P_COUNTS.items():
                el = _first(block, names)
                raw = _text(el)
                if el is None or raw is None:
                    continue
                value = read_shares(raw)
                if value is None:
                    self.warn(
                        f"{section}: {local_name(el)} {raw!r} is not a whole number of shares"
                    )
                    continue
                setattr(cover, field_name, value)
                cover.cite(field_name, self.src(sec(el), raw))
            excl_el = _first(block, _P_EXCLUDES)
            if excl_el is not None and _text(excl_el):
                cover.excludes_certain_shares = _flag(_text(excl_el))
                cover.cite("excludes_certain_shares", self.src(sec(excl_el), _text(excl_el) or ""))
            pct_el = _first(block, _P_PERCENT)
            pct = _text(pct_el)
            if pct_el is not None and pct:
                cover.percent_text = pct
                cover.percent_of_class = read_percent(pct)
                if cover.percent_of_class is None:
                    self.warn(f"{section}: percent of class {pct!r} could not be read")
                else:
                    cover.cite("percent_of_class", self.src(sec(pct_el), pct))
            cover.type_codes = list(dict.fromkeys(codes))
            if type_els:
                quote = " ".join(_text(e) or "" for e in type_els)
                cover.cite("type_codes", self.src(sec(type_els[0]), quote))
            for el in _all(block, _P_COMMENTS):
                note = _text(el)
                if not note:
                    continue
                cover.footnotes.append(note)
                cover.cite("footnotes", self.src(sec(el), note))
                basis, as_of = percent_basis(note)
                if basis is not None and cover.basis_outstanding is None:
                    cover.basis_outstanding = basis
                    cover.cite("basis_outstanding", self.src(sec(el), note))
                    if as_of is not None:
                        cover.basis_as_of = as_of
                        cover.cite("basis_as_of", self.src(sec(el), note))
            entity = self.put(self.distinct(entity))
            cover.person = entity.key
            f.cover_pages.append(cover)
            if cover.group_a and entity.key not in f.group_members:
                f.group_members.append(entity.key)
        self.link_filers()

    def distinct(self, entity: Entity) -> Entity:
        """``entity`` with a key of its own when another party already holds its key.

        Name keys fold legal forms, so "ARCH Venture Partners XII, L.P." and "ARCH
        Venture Partners XII, LLC" meet on one key; two reporting persons (EDGAR forbids
        duplicate names) or two different CIKs are two parties, never one.
        """
        existing = self.filing.entities.get(entity.key)
        if existing is None or _norm(existing.name) == _norm(entity.name):
            return entity
        if entity.cik and _same_cik(existing.cik, entity.cik):
            return entity
        is_reporting = any(c.person == existing.key for c in self.filing.cover_pages)
        differs = bool(entity.cik and existing.cik and not _same_cik(entity.cik, existing.cik))
        if is_reporting or differs:
            key = _slug(entity.name)
            n = 2
            while key in self.filing.entities:
                key = f"{_slug(entity.name)}-{n}"
                n += 1
            entity.key = key
        return entity

    def link_filers(self) -> None:
        f = self.filing
        for cik, hint in self.filer_ciks:
            match = next((e for e in f.entities.values() if _same_cik(e.cik, cik)), None)
            if match is None and hint:
                key = entity_key(hint)
                match = f.entities.get(key)
                if match is not None and match.cik is None:
                    match.cik = cik
                    match.cite("cik", self.src("filerCredentials, cik", cik))
            if match is None:
                name = hint or placeholder_name(cik)
                match = self.put(
                    Entity(
                        key=entity_key(hint) if hint else f"cik-{int(cik)}",
                        name=name,
                        cik=cik,
                        source=self.src("filerCredentials, cik", cik),
                    )
                )
            if match.key not in f.filers:
                f.filers.append(match.key)
                f.cite("filers", self.src("filerCredentials, cik", cik))

    def item_text(self, item: etree._Element, number: str, record: Item) -> list[str]:
        parts: list[str] = []
        for child in _children(item):
            lname = _lname(child)
            section = f"Item {number}, {local_name(child)}"
            if _children(child):
                if any(_lname(c) in _ADDRESS_PARTS for c in _children(child)):
                    addr = self.address(child, "principal office", section)
                    if addr is not None:
                        parts.append(addr.text)
                        record.cite(local_name(child), addr.source)
                else:
                    parts.extend(self.item_text(child, number, record))
                continue
            text = _text(child)
            if not text:
                continue
            record.cite(local_name(child), self.src(section, text))
            if lname == "notapplicableflag":
                if _flag(text):
                    parts.append("Not applicable.")
                continue
            if _flag(text) is not None or (len(text) <= 3 and text.isupper()):
                words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", local_name(child)).lower()
                parts.append(f"{words}: {text}")
                continue
            parts.append(text)
        return parts

    def read_items(self) -> None:
        f = self.filing
        container = _first(self.root, ("items1to7", "items"))
        titles = ITEM_TITLES_13D if self.schedule == "13D" else ITEM_TITLES_13G
        mine: list[Item] = []
        for item in _children(container) if container is not None else []:
            m = re.fullmatch(r"item(\d+)", _lname(item))
            if m is None:
                continue
            number = str(int(m.group(1)))
            record = Item(number=number, title=titles.get(number, f"Item {number}"), text="")
            parts = self.item_text(item, number, record)
            if not parts:
                continue
            record.text = "\n\n".join(parts)
            record.source = self.src(f"Item {number}", record.text)
            mine.append(record)
        f.items.extend(mine)
        narrative = [
            i for i in mine if i.number in _NARRATIVE_ITEMS and i.text != "Not applicable."
        ]
        if narrative:
            self.run_narrative(narrative, {i.number for i in mine})

    def run_narrative(self, items: list[Item], numbers: set[str]) -> None:
        f = self.filing
        text = "\n\n".join(f"Item {i.number}. {i.title}\n\n{i.text}" for i in items)
        before = len(f.items)
        try:
            from ownergraph.loaders.sections.narrative import parse_narrative

            parse_narrative(text, f, document=self.document)
        except Exception as e:  # another module's bug must not lose the cover pages
            self.warn(f"the narrative reader failed on the XML items ({type(e).__name__}: {e})")
            return
        added = f.items[before:]
        kept = [i for i in added if i.number not in numbers]
        del f.items[before:]
        f.items.extend(kept)

    def read_exhibits(self) -> None:
        f = self.filing
        for el in _all(self.root, ("filedexhibits", "exhibitinfo")):
            text = _text(el)
            if not text:
                continue
            for line in read_exhibits(text):
                if any(x.number == line.number and x.title == line.title for x in f.exhibits):
                    continue
                ex = Exhibit(number=line.number, title=line.title, date=line.date)
                ex.source = self.src(f"Exhibits, {local_name(el)}", line.quote)
                f.exhibits.append(ex)

    def read_signatures(self) -> None:
        f = self.filing
        blocks = _all(self.root, ("signatureperson", "signatureinformation"))
        dates = []
        for block in blocks:
            who_el = _first(block, ("signaturereportingperson", "reportingpersonname"))
            who = _text(who_el)
            if not who:
                continue
            base = f"Signature, {who}"
            party = self.named(who, base)
            acting_for = party
            for details in _all(block, ("signaturedetails",)):
                sig_el = _first(details, ("signature",))
                title_el = _first(details, ("title",))
                date_el = _first(details, ("date",))
                sig_text = _text(sig_el) or ""
                title_text = _text(title_el) or ""
                date_text = _text(date_el)
                signer_text = signer_name(sig_text) if sig_text else ""
                if not signer_text and title_text:
                    signer_text = signer_name(title_text.split(",")[0])
                capacity = role_title(title_text, signer_text) if title_text else None
                signature = Signature(entity=acting_for.key, title=capacity)
                signature.source = self.src(base, sig_text or title_text)
                if title_el is not None and title_text:
                    signature.cite("title", self.src(f"{base}, title", title_text))
                if date_text:
                    signature.date = parse_date(date_text)
                    signature.cite("date", self.src(f"{base}, date", date_text))
                    if signature.date:
                        dates.append(signature.date)
                if signer_text:
                    signer = self.read_signer(signature, acting_for, signer_text, capacity, base)
                    if signer is not None and signer.kind != EntityKind.PERSON:
                        acting_for = signer
                for chain_text in (sig_text, title_text):
                    self.read_chain(chain_text, party, base)
                f.signatures.append(signature)
        if dates and f.signature_date is None:
            f.signature_date = max(dates)

    def read_signer(
        self, signature: Signature, party: Entity, signer: str, capacity: str | None, base: str
    ) -> Entity | None:
        """Record who signed for ``party`` and in what capacity; return the signer."""
        f = self.filing
        if capacity is None and party.kind == EntityKind.PERSON:
            # A person signing for themselves, perhaps spelled otherwise ("Braden M Leonard").
            if signer not in party.all_names():
                party.aliases.append(signer)
            signature.signer = party.key
            signature.cite("signer", self.src(f"{base}, signature", signer))
            return party
        kind = EntityKind.PERSON if looks_like_person(signer) else None
        person = self.named(signer, f"{base}, signature", kind)
        signature.signer = person.key
        signature.cite("signer", self.src(f"{base}, signature", signer))
        if person.key == party.key:
            return person
        on_behalf = None
        m = re.search(
            r"attorney[- ]in[- ]fact\s+(?:for|of|on behalf of)\s+([^,;]+)", capacity or "", re.I
        )
        if m:
            target = f.entities.get(entity_key(m.group(1)))
            on_behalf = target.key if target is not None else None
        role = Role(
            person=person.key,
            organization=party.key,
            title=capacity or "Signatory",
            kinds=role_kinds(capacity),
            on_behalf_of=on_behalf,
            section="Signature",
            source=self.src(base, f"{signer}, {capacity}" if capacity else signer),
        )
        if not any(
            r.person == role.person
            and r.organization == role.organization
            and r.title == role.title
            for r in f.roles
        ):
            f.roles.append(role)
        control = control_kind(capacity) if person.kind != EntityKind.PERSON else None
        if control is not None:
            self.add_control(person, party, control, self.src(base, f"{signer}, {capacity}"))
        return person

    def read_chain(self, text: str, party: Entity, base: str) -> None:
        f = self.filing
        previous = party
        for name, capacity, control in authority_chain(text):
            actor = self.named(name, f"{base}, signature", EntityKind.UNKNOWN)
            if actor.key == previous.key:
                continue
            if not any(
                r.person == actor.key and r.organization == previous.key and r.title == capacity
                for r in f.roles
            ):
                f.roles.append(
                    Role(
                        person=actor.key,
                        organization=previous.key,
                        title=capacity,
                        kinds=[k for k in role_kinds(capacity)],
                        section="Signature",
                        source=self.src(base, text),
                    )
                )
            if control is not None:
                self.add_control(actor, previous, control, self.src(base, text))
            previous = actor

    def read_documents(self) -> None:
        f = self.filing
        for doc in _all(self.root, ("document",)):
            if _first(doc, ("conformedname", "conformeddocumenttype")) is None:
                continue
            f.documents.append(
                Document(
                    type=_text(_first(doc, ("conformeddocumenttype",))) or "document",
                    filename=_text(_first(doc, ("conformedname",))),
                    description=_text(_first(doc, ("description",))),
                )
            )


def parse(
    text: str, *, name: str, filing: Filing | None = None, document: str = "primary"
) -> Filing:
    """Read a structured XML Schedule 13D/13G (into ``filing`` when one is given).

    Parameters
    ----------
    text : str
        The XML document.
    name : str
        The file name, for messages.
    filing : Filing, optional
        A record to fill, e.g. one the SGML loader read from the submission header.
    document : str
        The document of the submission this is (``"primary_doc.xml"``), for sources.

    Raises
    ------
    LoadError
        for malformed XML or XML that declares entities.
    NotAFilingError
        for XML that is not an ``edgarSubmission`` Schedule 13D/13G.
    """
    root = parse_xml(text, name=name)
    if local_name(root).lower() != "edgarsubmission":
        raise NotAFilingError(
            name, f"XML root element <{local_name(root)}> is not an EDGAR <edgarSubmission>"
        )
    fresh = filing is None
    if filing is None:
        filing = Filing(form="", schedule="", format="xml")
    reader = _Reader(root, filing, name, document)
    reader.read()
    if fresh and filing.form:
        filing.documents.insert(
            0, Document(type=filing.form, filename=None, description="primary document (XML)")
        )
    return filing
