"""The header of an EDGAR submission, in each of the forms EDGAR has written it.

- ``<SEC-HEADER>`` (1996 on) and ``<IMS-HEADER>`` (1993-95): indented ``KEY: value``
  lines grouped under ``SUBJECT COMPANY:`` and ``FILED BY:`` with the subsections
  ``COMPANY DATA:``, ``FILING VALUES:``, ``BUSINESS ADDRESS:``, ``MAIL ADDRESS:`` and
  ``FORMER COMPANY:``;
- the ``.nc`` ``<SUBMISSION>`` form: the same facts as tags (``<SUBJECT-COMPANY>``,
  ``<CONFORMED-NAME>``, ``<CIK>`` ...), one a line or all on one line.

Both are read into one list of :class:`HeaderField` events and then into a
:class:`Header` with its :class:`Party` records. Every field keeps the line it was read
from and its offsets in the text given to :func:`parse_header`.

Examples
--------
>>> h = parse_header('''<SEC-HEADER>x.hdr.sgml : 20080623
... ACCESSION NUMBER:\\t\\t0001313250-08-000037
... CONFORMED SUBMISSION TYPE:\\tSC 13D/A
... FILED AS OF DATE:\\t\\t20080623
... GROUP MEMBERS:\\t\\tASHISH H. PANT
... SUBJECT COMPANY:
... \\tCOMPANY DATA:
... \\t\\tCOMPANY CONFORMED NAME:\\t\\t\\tMOLDFLOW CORP
... \\t\\tCENTRAL INDEX KEY:\\t\\t\\t0001103234
... </SEC-HEADER>''')
>>> h.accession, h.form, h.filed, h.subjects[0].name, h.subjects[0].cik
('0001313250-08-000037', 'SC 13D/A', datetime.date(2008, 6, 23), 'MOLDFLOW CORP', '0001103234')
>>> [g.value for g in h.group_members]
['ASHISH H. PANT']
>>> nc = parse_header("<SUBMISSION><ACCESSION-NUMBER>0001-24-1<TYPE>SC 13G<FILED-BY>"
...                   "<COMPANY-DATA><CONFORMED-NAME>GLAZER CAPITAL, LLC<CIK>0001076809"
...                   "</COMPANY-DATA></FILED-BY>")
>>> nc.form, nc.filers[0].name, nc.filers[0].fields["CENTRAL INDEX KEY"].quote
('SC 13G', 'GLAZER CAPITAL, LLC', '<CIK>0001076809')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ownergraph.normalize.numeric import whole_number

__all__ = ["Header", "HeaderField", "Party", "header_events", "parse_header", "yyyymmdd"]

#: tag of the ``.nc`` form -> key of the ``KEY: value`` form
_NC_KEYS = {
    "ACCESSION-NUMBER": "ACCESSION NUMBER",
    "TYPE": "CONFORMED SUBMISSION TYPE",
    "PUBLIC-DOCUMENT-COUNT": "PUBLIC DOCUMENT COUNT",
    "FILING-DATE": "FILED AS OF DATE",
    "PERIOD": "CONFORMED PERIOD OF REPORT",
    "DATE-OF-FILING-DATE-CHANGE": "DATE AS OF CHANGE",
    "GROUP-MEMBERS": "GROUP MEMBERS",
    "SUBJECT-COMPANY": "SUBJECT COMPANY",
    "FILED-BY": "FILED BY",
    "FILER": "FILER",
    "REPORTING-OWNER": "REPORTING OWNER",
    "ISSUER": "ISSUER",
    "COMPANY-DATA": "COMPANY DATA",
    "OWNER-DATA": "OWNER DATA",
    "FILING-VALUES": "FILING VALUES",
    "BUSINESS-ADDRESS": "BUSINESS ADDRESS",
    "MAIL-ADDRESS": "MAIL ADDRESS",
    "FORMER-COMPANY": "FORMER COMPANY",
    "FORMER-NAME": "FORMER NAME",
    "CONFORMED-NAME": "COMPANY CONFORMED NAME",
    "CIK": "CENTRAL INDEX KEY",
    "ASSIGNED-SIC": "STANDARD INDUSTRIAL CLASSIFICATION",
    "IRS-NUMBER": "IRS NUMBER",
    "STATE-OF-INCORPORATION": "STATE OF INCORPORATION",
    "FISCAL-YEAR-END": "FISCAL YEAR END",
    "FORM-TYPE": "FORM TYPE",
    "ACT": "SEC ACT",
    "FILE-NUMBER": "SEC FILE NUMBER",
    "FILM-NUMBER": "FILM NUMBER",
    "STREET1": "STREET 1",
    "STREET2": "STREET 2",
    "PHONE": "BUSINESS PHONE",
    "FORMER-CONFORMED-NAME": "FORMER CONFORMED NAME",
    "DATE-CHANGED": "DATE OF NAME CHANGE",
}
_PARTY_SECTIONS = {"SUBJECT COMPANY", "FILED BY", "FILER", "REPORTING OWNER", "ISSUER"}
_SUBSECTIONS = {
    "COMPANY DATA",
    "OWNER DATA",
    "FILING VALUES",
    "BUSINESS ADDRESS",
    "MAIL ADDRESS",
    "FORMER COMPANY",
    "FORMER NAME",
}
_SUBJECT_ROLES = {"SUBJECT COMPANY", "ISSUER"}

_KV_LINE = re.compile(r"^[ \t]*([A-Z][A-Z0-9 ()&/.,'-]{0,60}?):[ \t]*(.*?)[ \t]*$", re.M)
_NC_TAG = re.compile(r"<(/?)([A-Z][A-Z0-9-]{0,60})>([^<]*)")


@dataclass(frozen=True)
class HeaderField:
    """One ``KEY: value`` line (or ``<TAG>value``) of a header, with its offsets."""

    key: str
    value: str
    quote: str
    start: int
    end: int
    closing: bool = False


@dataclass
class Party:
    """A SUBJECT COMPANY or FILED BY block of the header."""

    role: str  # "SUBJECT COMPANY", "FILED BY", ...
    fields: dict[str, HeaderField] = field(default_factory=dict)
    addresses: dict[str, dict[str, HeaderField]] = field(default_factory=dict)
    former: list[dict[str, HeaderField]] = field(default_factory=list)

    @property
    def is_subject(self) -> bool:
        """True for the subject company (the issuer)."""
        return self.role in _SUBJECT_ROLES

    def value(self, key: str) -> str | None:
        """The non-empty value of ``key`` in the party's own fields, or None."""
        f = self.fields.get(key)
        return f.value if f is not None and f.value else None

    @property
    def name(self) -> str | None:
        """The conformed name."""
        return self.value("COMPANY CONFORMED NAME") or self.value("CONFORMED NAME")

    @property
    def cik(self) -> str | None:
        """The CIK as ten digits, or None."""
        raw = self.value("CENTRAL INDEX KEY")
        if raw is None:
            return None
        number = whole_number(raw)
        return f"{number:010d}" if number and number < 10**10 else None


@dataclass
class Header:
    """What a submission's header says."""

    fields: dict[str, HeaderField] = field(default_factory=dict)
    group_members: list[HeaderField] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    kind: str = "sec-header"  # "sec-header", "ims-header", "submission"

    def value(self, key: str) -> str | None:
        """The non-empty value of a top-level ``key``, or None."""
        f = self.fields.get(key)
        return f.value if f is not None and f.value else None

    @property
    def accession(self) -> str | None:
        """The accession number."""
        return self.value("ACCESSION NUMBER")

    @property
    def form(self) -> str | None:
        """The conformed submission type."""
        v = self.value("CONFORMED SUBMISSION TYPE")
        return re.sub(r"\s+", " ", v) if v else None

    @property
    def document_count(self) -> int | None:
        """The public document count."""
        v = self.value("PUBLIC DOCUMENT COUNT")
        return whole_number(v) if v and v.isdigit() else None

    @property
    def filed(self) -> dt.date | None:
        """FILED AS OF DATE."""
        return yyyymmdd(self.value("FILED AS OF DATE"))

    @property
    def period(self) -> dt.date | None:
        """CONFORMED PERIOD OF REPORT."""
        return yyyymmdd(self.value("CONFORMED PERIOD OF REPORT"))

    @property
    def subjects(self) -> list[Party]:
        """The SUBJECT COMPANY blocks, in order."""
        return [p for p in self.parties if p.is_subject]

    @property
    def filers(self) -> list[Party]:
        """The FILED BY (and FILER, REPORTING OWNER) blocks, in order."""
        return [p for p in self.parties if not p.is_subject]

    def form_types(self) -> list[str]:
        """The FORM TYPE of every party block, in order (a combined filing lists several)."""
        out = []
        for p in self.parties:
            v = p.value("FORM TYPE")
            if v:
                out.append(re.sub(r"\s+", " ", v))
        return out


def yyyymmdd(text: str | None) -> dt.date | None:
    """A date written ``YYYYMMDD`` (EDGAR headers), or None.

    Examples
    --------
    >>> yyyymmdd("19940329"), yyyymmdd("20250231"), yyyymmdd(None)
    (datetime.date(1994, 3, 29), None, None)
    """
    if not text:
        return None
    m = re.match(r"\s*(\d{4})(\d{2})(\d{2})", text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def header_events(text: str, offset: int = 0) -> list[HeaderField]:
    """The fields of a header text in order, section openings with an empty value.

    ``text`` is either form (``KEY: value`` lines or ``.nc`` tags); offsets are
    ``offset`` plus the position in ``text``.
    """
    events: list[HeaderField] = []
    if re.match(r"\s*<SUBMISSION>", text):
        for m in _NC_TAG.finditer(text):
            tag = m.group(2)
            key = _NC_KEYS.get(tag, tag.replace("-", " "))
            value = re.sub(r"\s+", " ", m.group(3)).strip()
            quote = m.group(0).rstrip()
            events.append(
                HeaderField(
                    key,
                    value,
                    quote,
                    offset + m.start(),
                    offset + m.start() + len(quote),
                    closing=bool(m.group(1)),
                )
            )
        return events
    for line_m in re.finditer(r"[^\n]*", text):
        line = line_m.group(0)
        if not line.strip():
            continue
        kv = _KV_LINE.match(line)
        if kv:
            key = re.sub(r"\s+", " ", kv.group(1)).strip()
            value = re.sub(r"\s+", " ", kv.group(2)).strip()
        else:
            t = re.match(r"^\s*<(/?)([A-Z][A-Z0-9-]{0,60})>(.*)$", line)
            if not t:
                continue
            key = _NC_KEYS.get(t.group(2), t.group(2).replace("-", " "))
            value = t.group(3).strip()
            if t.group(1):
                continue
        quote = line.strip()
        start = offset + line_m.start() + (len(line) - len(line.lstrip()))
        events.append(HeaderField(key, value, quote, start, start + len(quote)))
    return events


def parse_header(text: str, offset: int = 0) -> Header:
    """Read a header (either form) into a :class:`Header`."""
    header = Header()
    if "<IMS-HEADER>" in text[:2000]:
        header.kind = "ims-header"
    elif "<SEC-HEADER>" not in text[:2000] and "<SUBMISSION>" in text[:2000]:
        header.kind = "submission"
    party: Party | None = None
    sub: str | None = None
    for ev in header_events(text, offset):
        key = ev.key
        if ev.closing:
            if key in _PARTY_SECTIONS:
                party, sub = None, None
            elif key in _SUBSECTIONS:
                sub = None
            continue
        if key in _PARTY_SECTIONS and not ev.value:
            party = Party(role=key)
            header.parties.append(party)
            sub = None
            continue
        if key in _SUBSECTIONS and not ev.value:
            if party is not None:
                sub = key
                if key in ("FORMER COMPANY", "FORMER NAME"):
                    party.former.append({})
            continue
        if key == "GROUP MEMBERS" and party is None:
            if ev.value:
                header.group_members.append(ev)
            continue
        if party is None:
            header.fields.setdefault(key, ev)
        elif sub in ("BUSINESS ADDRESS", "MAIL ADDRESS"):
            party.addresses.setdefault(sub, {}).setdefault(key, ev)
        elif sub in ("FORMER COMPANY", "FORMER NAME") and party.former:
            party.former[-1].setdefault(key, ev)
        else:
            party.fields.setdefault(key, ev)
    return header
