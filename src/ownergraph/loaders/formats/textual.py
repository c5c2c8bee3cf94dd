"""The shared reader for every filing that arrives as prose: markdown, HTML, plain text.

Each such loader first turns its input into *filing text*: plain text in which markup
is removed, character entities are decoded, table cells are separated by a tab and
table rows and paragraphs by newlines. :func:`parse_text_filing` then reads the front
matter, the cover pages and the narrative (items, Schedule A, signatures, exhibits,
agreements and transactions) from that text. Source offsets refer to it.
"""

from __future__ import annotations

from ownergraph.loaders.sections.cover import parse_cover_pages, parse_front_matter
from ownergraph.loaders.sections.cover_rows import find_pages, mask_item_rows
from ownergraph.loaders.sections.narrative import parse_narrative
from ownergraph.record import Filing

__all__ = ["parse_text_filing"]


def parse_text_filing(
    text: str,
    *,
    name: str,
    fmt: str,
    filing: Filing | None = None,
    document: str = "primary",
) -> Filing:
    """Read filing text into ``filing`` (a new one unless given) and return it.

    Parameters
    ----------
    text : str
        Filing text (see the module docstring).
    name : str
        The file name, for messages.
    fmt : str
        The original format, recorded on the filing.
    filing : Filing, optional
        A record to fill, e.g. one the SGML loader already filled from its header.
    document : str
        The document of the submission this text is, for sources.
    """
    if filing is None:
        filing = Filing(form="", schedule="", format=fmt)
    pages = find_pages(text)  # once: the front matter ends where they begin
    parse_front_matter(text, filing, document=document, pages=pages)
    parse_cover_pages(text, filing, document=document, pages=pages)
    # cover rows written "Item N:" are no Items of the schedule
    parse_narrative(mask_item_rows(text), filing, document=document)
    return filing
