"""Parsers that turn the text of a filing into exact values.

Each parser returns ``None`` for text it cannot read, never a guess, and never raises
on odd input: loaders turn a ``None`` where a value was expected into a warning.
"""

from ownergraph.normalize.dates import parse_date
from ownergraph.normalize.names import entity_key, fingerprint, looks_like_person, split_person_name
from ownergraph.normalize.numeric import (
    parse_int,
    parse_money,
    parse_percent,
    valid_cusip,
    whole_number,
)
from ownergraph.normalize.places import jurisdiction

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
