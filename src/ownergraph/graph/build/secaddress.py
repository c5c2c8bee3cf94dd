"""The sec.gov address of a filing and of each of its documents (``og:secUrl``).

May import: rdflib and the foundation only.

EDGAR keeps a submission at ``Archives/edgar/data/CIK/ACCESSION-NODASH/``: the full
submission is ``ACCESSION.txt`` there and each document its file name. Any CIK of the
filing works as the folder; the filer's is used (then the subject company's, then any
other). The address always names ``https://www.sec.gov``, the citation, whatever host a
fetch used. A filing without an accession number or without any CIK has no address.

Examples
--------
>>> from ownergraph.record import Entity, Filing
>>> f = Filing(form="SC 13D/A", schedule="13D", accession="0001104659-21-068149",
...            issuer="v", filers=["t"])
>>> _ = f.add_entity(Entity(key="v", name="21Vianet Group, Inc.", cik="0001508475"))
>>> _ = f.add_entity(Entity(key="t", name="Tuspark", cik="0001860000"))
>>> filing_address(f)
'https://www.sec.gov/Archives/edgar/data/1860000/000110465921068149/0001104659-21-068149.txt'
>>> document_address(f, "tm2116189d1_sc13da.htm")
'https://www.sec.gov/Archives/edgar/data/1860000/000110465921068149/tm2116189d1_sc13da.htm'
>>> document_address(f, "bad name.htm") is None
True
"""

from __future__ import annotations

import re

from rdflib import Literal
from rdflib.namespace import XSD

from ownergraph.record import Filing

__all__ = ["SEC_WWW", "document_address", "filing_address", "folder_cik", "sec_literal"]

SEC_WWW = "https://www.sec.gov"

_ACCESSION = re.compile(r"^(\d{10})-?(\d{2})-?(\d{6})$")
_FILENAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$")


def folder_cik(filing: Filing) -> str | None:
    """The CIK whose EDGAR folder holds the filing, without leading zeros."""
    keys = [*filing.filers, *([filing.issuer] if filing.issuer else []), *filing.entities]
    for key in keys:
        e = filing.entities.get(key)
        cik = (e.cik or "").strip() if e is not None else ""
        if cik.isdigit() and 0 < int(cik) < 10**10:
            return str(int(cik))
    return None


def _folder(filing: Filing) -> tuple[str, str] | None:
    m = _ACCESSION.match((filing.accession or "").strip())
    cik = folder_cik(filing)
    if not m or cik is None:
        return None
    acc = "-".join(m.groups())
    return acc, f"{SEC_WWW}/Archives/edgar/data/{cik}/{acc.replace('-', '')}"


def filing_address(filing: Filing) -> str | None:
    """The address of the full submission ``.txt``, or ``None``."""
    where = _folder(filing)
    return f"{where[1]}/{where[0]}.txt" if where else None


def document_address(filing: Filing, filename: str | None) -> str | None:
    """The address of the document ``filename`` of the filing, or ``None``."""
    where = _folder(filing)
    name = (filename or "").strip()
    if where is None or not _FILENAME.match(name):
        return None
    return f"{where[1]}/{name}"


def sec_literal(address: str | None) -> Literal | None:
    """The address as an ``xsd:anyURI`` literal (``None`` stays ``None``)."""
    return Literal(address, datatype=XSD.anyURI) if address else None
