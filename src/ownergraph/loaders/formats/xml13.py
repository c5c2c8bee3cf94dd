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

from lxml import etree

from ownergraph.errors import NotAFilingError
from ownergraph.loaders.formats.xml_base import (
    _ISSUER_ADDRESS,
    _ISSUER_CIK,
    _ISSUER_CUSIP,
    _ISSUER_NAME,
    _P_RULE,
    ITEM_TITLES_13D,
    ITEM_TITLES_13G,
    _all,
    _children,
    _cik,
    _either,
    _first,
    _flag,
    _text,
)
from ownergraph.loaders.formats.xml_items import ItemsReader
from ownergraph.loaders.formats.xml_persons import PersonsReader
from ownergraph.loaders.formats.xml_safe import local_name, parse_xml
from ownergraph.normalize import (
    entity_key,
    parse_date,
    parse_int,
    valid_cusip,
)
from ownergraph.normalize.rules import rule_designation
from ownergraph.record import (
    Document,
    Entity,
    EntityKind,
    Filing,
    FilingReference,
    ShareClass,
)

__all__ = ["ITEM_TITLES_13D", "ITEM_TITLES_13G", "parse"]


class _Reader(PersonsReader, ItemsReader):
    """Reads one ``edgarSubmission`` into a :class:`Filing`."""

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
        self.read_rules(cover)
        self.read_reporting_persons()
        self.read_items()
        self.read_exhibits()
        self.read_signatures()
        self.read_documents()
        return f

    def read_rules(self, cover: etree._Element | None) -> None:
        """The 13G rule designations (``designateRulePursuantThisScheduleFiled``)."""
        for el in _all(cover if cover is not None else self.root, _P_RULE):
            raw = _text(el)
            rule = rule_designation(raw)
            if rule is None:
                if raw:
                    self.warn(f"rule designation {raw!r} is not 13d-1(b), (c) or (d)")
                continue
            if rule not in self.filing.rules:
                self.filing.rules.append(rule)
                self.filing.cite("rules", self.src(local_name(el), raw or ""))

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
        prev_el = _first(cover, ("previouslyfiledflag",))
        previously = _flag(_text(prev_el))
        if prev_el is not None and previously is not None and f.previously_filed is None:
            f.previously_filed = previously
            f.cite("previously_filed", self.src(local_name(prev_el), _text(prev_el) or ""))
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
            for el in _all(issuer_el, _ISSUER_ADDRESS) + _all(item1, _ISSUER_ADDRESS):
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
