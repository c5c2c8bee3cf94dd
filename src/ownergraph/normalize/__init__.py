"""Parsers that turn the text of a filing into exact values.

Each parser returns ``None`` for text it cannot read, never a guess, and never raises
on odd input: loaders turn a ``None`` where a value was expected into a warning.

The parsers live in :mod:`.dates`, :mod:`.names`, :mod:`.numeric` and :mod:`.places`
and are re-exported here, each imported from its module when first read (PEP 562), so
that importing one module (entity lookup needs only :mod:`.names`) does not import
the others' libraries (``pycountry``, ``countrynames``, the record types). May import
the foundation (:mod:`ownergraph.record`, :mod:`ownergraph.errors`) only.

Examples
--------
>>> from ownergraph.normalize import parse_int
>>> parse_int("1,000")
1000
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ownergraph.normalize.dates import parse_date
    from ownergraph.normalize.names import (
        entity_key,
        fingerprint,
        looks_like_person,
        split_person_name,
    )
    from ownergraph.normalize.numeric import (
        parse_int,
        parse_money,
        parse_percent,
        valid_cusip,
        whole_number,
    )
    from ownergraph.normalize.places import jurisdiction

#: each public name -> the module of this package that defines it
_HOME = {
    "entity_key": "names",
    "fingerprint": "names",
    "jurisdiction": "places",
    "looks_like_person": "names",
    "parse_date": "dates",
    "parse_int": "numeric",
    "parse_money": "numeric",
    "parse_percent": "numeric",
    "split_person_name": "names",
    "valid_cusip": "numeric",
    "whole_number": "numeric",
}


def __getattr__(name: str) -> Any:
    """The parser ``name``, imported from its module on first use.

    >>> import ownergraph.normalize as normalize
    >>> normalize.no_such_parser
    Traceback (most recent call last):
    ...
    AttributeError: module 'ownergraph.normalize' has no attribute 'no_such_parser'
    """
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # read once; later reads skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOME])


__all__ = [
    "entity_key",
    "fingerprint",
    "jurisdiction",
    "looks_like_person",
    "parse_date",
    "parse_int",
    "parse_money",
    "parse_percent",
    "split_person_name",
    "valid_cusip",
    "whole_number",
]
