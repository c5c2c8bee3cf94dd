"""How much one filing may hold: reporting persons and documents, with a clear refusal.

A filing's memory grows with its reporting persons (each carries a cover page of about
thirty sourced values, each of which becomes a dozen quads) and with its documents. The
limits keep a hostile or broken file from exhausting memory: a filing with more is
refused with one :class:`~ownergraph.errors.LoadError` line naming the file, the count
and the limit. The defaults (1,000 reporting persons, 500 documents; the largest real
filings of the corpus hold a few dozen of each) can be changed with the environment
variables ``OWNERGRAPH_MAX_PERSONS`` and ``OWNERGRAPH_MAX_DOCUMENTS``.

May import: the foundation (``ownergraph.errors``).

Examples
--------
>>> check_persons("big.xml", 3000, limit=1000)
Traceback (most recent call last):
...
ownergraph.errors.InputTooLargeError: big.xml: the filing names 3,000 reporting persons, over the limit of 1,000 (OWNERGRAPH_MAX_PERSONS)
>>> check_documents("ok.txt", 12)
"""

from __future__ import annotations

import os

from ownergraph.errors import InputTooLargeError

__all__ = ["check_documents", "check_persons", "max_documents", "max_persons"]

_PERSONS_VAR = "OWNERGRAPH_MAX_PERSONS"
_DOCUMENTS_VAR = "OWNERGRAPH_MAX_DOCUMENTS"


def _setting(var: str, default: int) -> int:
    raw = os.environ.get(var, "").strip().replace(",", "").replace("_", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else default


def max_persons() -> int:
    """The reporting-person limit (``OWNERGRAPH_MAX_PERSONS``, default 1,000)."""
    return _setting(_PERSONS_VAR, 1_000)


def max_documents() -> int:
    """The documents-per-filing limit (``OWNERGRAPH_MAX_DOCUMENTS``, default 500)."""
    return _setting(_DOCUMENTS_VAR, 500)


def _refuse_over(name: str, count: int, limit: int, what: str, var: str) -> None:
    if count > limit:
        raise InputTooLargeError(
            name, f"{what.format(f'{count:,}')}, over the limit of {limit:,} ({var})"
        )


def check_persons(name: str, count: int, *, limit: int | None = None) -> None:
    """Refuse the file ``name`` when it names more than ``limit`` reporting persons."""
    limit = max_persons() if limit is None else limit
    _refuse_over(name, count, limit, "the filing names {} reporting persons", _PERSONS_VAR)


def check_documents(name: str, count: int, *, limit: int | None = None) -> None:
    """Refuse the file ``name`` when it holds more than ``limit`` documents."""
    limit = max_documents() if limit is None else limit
    _refuse_over(name, count, limit, "the submission holds {} documents", _DOCUMENTS_VAR)
