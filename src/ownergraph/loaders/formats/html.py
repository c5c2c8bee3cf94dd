"""EDGAR HTML primary documents and HTML exhibits.

The HTML is turned into filing text by :func:`ownergraph.loaders.formats.htmltext.html_to_text`
(tables as tab-separated rows, checkboxes as ``[X]``/``[ ]``, footnote marks as ``(n)``)
and read by :func:`ownergraph.loaders.formats.textual.parse_text_filing`.

Examples
--------
>>> f = parse("<html><body><p>SCHEDULE 13G</p></body></html>", name="x.htm")
>>> f.format
'html'
"""

from __future__ import annotations

from ownergraph.loaders.base import load_errors
from ownergraph.loaders.formats.htmltext import html_to_text
from ownergraph.loaders.formats.textual import parse_text_filing
from ownergraph.record import Filing

__all__ = ["parse"]


def parse(
    text: str, *, name: str, filing: Filing | None = None, document: str = "primary"
) -> Filing:
    """Read an HTML filing document (into ``filing`` when one is given).

    Parameters
    ----------
    text : str
        The decoded HTML.
    name : str
        The file name, for messages.
    filing : Filing, optional
        A record to fill, e.g. one the SGML loader filled from the submission header.
    document : str
        Which document of the submission this is (``"primary"``, ``"EX-99.1"``...).

    Raises
    ------
    LoadError
        naming ``name``, for any input that cannot be read; nothing else escapes.
    """
    with load_errors(name, "the HTML", "an HTML document"):
        return parse_text_filing(
            html_to_text(text), name=name, fmt="html", filing=filing, document=document
        )
