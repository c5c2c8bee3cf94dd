"""Items, Schedule A, signatures, exhibits, agreements and transactions from filing text."""

from __future__ import annotations

from ownergraph.record import Filing

__all__ = ["parse_narrative"]


def parse_narrative(text: str, filing: Filing, *, document: str = "primary") -> None:
    """Fill items, roles, control links, signatures, exhibits, agreements, transactions."""
