"""Small hand-made filing records for reader tests: one company, the form's schedule.

>>> f = one_company("SC 13G", "acme", "Acme Corp")
>>> f.schedule, f.entities["acme"].name
('13G', 'Acme Corp')
"""

from __future__ import annotations

from ownergraph.record import CoverPage, Entity, EntityKind, Filing

__all__ = ["fund_filing", "one_company"]


def one_company(form: str, key: str, name: str) -> Filing:
    """A record of ``form`` (``SC 13D`` or ``SC 13G``) that knows one company."""
    f = Filing(form=form, schedule=form.removeprefix("SC ").split("/")[0])
    f.add_entity(Entity(key=key, name=name, kind=EntityKind.COMPANY))
    return f


def fund_filing(accession: str, fund_cik: str | None) -> Filing:
    """A 13G of Blue Fund, L.P. (with a CIK or by its name alone) on Acme Corp. (CIK 77)."""
    f = Filing(form="SC 13G", schedule="13G", accession=accession, issuer="acme")
    _ = f.add_entity(Entity(key="acme", name="Acme Corp.", cik="77", kind=EntityKind.COMPANY))
    _ = f.add_entity(Entity(key="fund", name="Blue Fund, L.P.", cik=fund_cik, kind=EntityKind.FUND))
    f.cover_pages.append(CoverPage(number=1, person="fund", aggregate=10))
    return f
