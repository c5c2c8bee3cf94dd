"""The role a company plays in a fetched filing, read from its SGML header.

May import: :mod:`ownergraph.errors` and the foundation only (the loaders read the
header fully; this is the small part a fetch needs before loading).

A company's submissions JSON lists both the 13D/13G filed *on* it and those it filed
*on others*, without saying which. The full submission's header says: the CIKs under
``SUBJECT COMPANY`` are the issuer, those under ``FILED BY`` the filers (also in the
``.nc`` ``<SUBJECT-COMPANY>`` / ``<FILED-BY>`` form). ``--role`` is decided from these.

Examples
--------
>>> roles = header_roles('''<SEC-HEADER>
... SUBJECT COMPANY:
... \\tCOMPANY DATA:
... \\t\\tCENTRAL INDEX KEY:\\t\\t\\t0001508475
... FILED BY:
... \\tCOMPANY DATA:
... \\t\\tCENTRAL INDEX KEY:\\t\\t\\t0001234567
... </SEC-HEADER>''')
>>> roles.subjects, roles.filers
(('1508475',), ('1234567',))
>>> roles.role_of("1508475"), roles.role_of("0001234567"), roles.role_of("9")
('subject', 'filer', None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["HeaderRoles", "header_roles", "read_header_roles"]

_SECTION = re.compile(r"^\s*(SUBJECT COMPANY|FILED BY|FILER|REPORTING-OWNER)\s*:", re.M)
_CIK = re.compile(r"CENTRAL INDEX KEY:\s*(\d{1,10})")
_NC = re.compile(
    r"<(SUBJECT-COMPANY|FILED-BY)>(.*?)(?=<(?:SUBJECT-COMPANY|FILED-BY)>|</SUBMISSION>|<DOCUMENT>|\Z)",
    re.S,
)
_NC_CIK = re.compile(r"<CIK>\s*(\d{1,10})")


@dataclass(frozen=True)
class HeaderRoles:
    """The CIKs of the subject company and of the filers, without leading zeros."""

    subjects: tuple[str, ...] = ()
    filers: tuple[str, ...] = ()

    def role_of(self, cik: str) -> str | None:
        """``"subject"``, ``"filer"`` or ``None`` for a CIK the header does not name."""
        c = str(int(cik)) if cik.strip().isdigit() else cik
        if c in self.subjects:
            return "subject"
        if c in self.filers:
            return "filer"
        return None


def header_roles(text: str) -> HeaderRoles:
    """The roles in the header at the start of a full submission's text."""
    end = re.search(r"</(?:SEC|IMS)-HEADER>|<DOCUMENT>", text)
    head = text[: end.start()] if end else text[:200_000]
    subjects: list[str] = []
    filers: list[str] = []
    marks = list(_SECTION.finditer(head))
    for i, m in enumerate(marks):
        body = head[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(head)]
        into = subjects if m[1] == "SUBJECT COMPANY" else filers
        into.extend(str(int(c)) for c in _CIK.findall(body))
    if not marks:
        for tag, body in _NC.findall(head):
            into = subjects if tag == "SUBJECT-COMPANY" else filers
            into.extend(str(int(c)) for c in _NC_CIK.findall(body))
    return HeaderRoles(tuple(dict.fromkeys(subjects)), tuple(dict.fromkeys(filers)))


def read_header_roles(path: Path) -> HeaderRoles:
    """:func:`header_roles` of the file at ``path`` (only its first 256 KiB are read)."""
    with path.open("rb") as f:
        return header_roles(f.read(256 * 1024).decode("latin-1"))
