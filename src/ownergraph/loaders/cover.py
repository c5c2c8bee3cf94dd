"""Front matter and cover pages from filing text (see :mod:`ownergraph.loaders.textual`)."""

from __future__ import annotations

from ownergraph.record import Filing

__all__ = ["parse_cover_pages", "parse_front_matter"]


def parse_front_matter(text: str, filing: Filing, *, document: str = "primary") -> None:
    """Fill the form, amendment number, issuer, class, CUSIP, event date of ``filing``."""


def parse_cover_pages(text: str, filing: Filing, *, document: str = "primary") -> None:
    """Append one :class:`~ownergraph.record.CoverPage` per reporting person."""
