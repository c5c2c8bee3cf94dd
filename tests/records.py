"""Small hand-made filing records for reader tests: one company, the form's schedule.

>>> f = one_company("SC 13G", "acme", "Acme Corp")
>>> f.schedule, f.entities["acme"].name
('13G', 'Acme Corp')
"""

from __future__ import annotations

from ownergraph.record import Entity, EntityKind, Filing

__all__ = ["one_company"]


def one_company(form: str, key: str, name: str) -> Filing:
    """A record of ``form`` (``SC 13D`` or ``SC 13G``) that knows one company."""
    f = Filing(form=form, schedule=form.removeprefix("SC ").split("/")[0])
    f.add_entity(Entity(key=key, name=name, kind=EntityKind.COMPANY))
    return f
