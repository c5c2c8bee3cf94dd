"""Rendered-text filings (markdown with tab-separated tables and HTML fragments).

The seed, ``examples/21vianet-schedule-13d-a-2021.md``, is of this kind. The text is
turned into filing text (markup removed, escapes undone) and read by
:func:`ownergraph.loaders.formats.textual.parse_text_filing`.

Examples
--------
>>> markdown_to_text("**21VIANET GROUP, INC.**  \\n(Name of Issuer)")
'21VIANET GROUP, INC.\\n(Name of Issuer)'
>>> markdown_to_text("US\\\\$5.346 per <b>share</b> [mail](mailto:a@b.c)")
'US$5.346 per share mail'
"""

from __future__ import annotations

import html
import re

from ownergraph.loaders.formats.textual import parse_text_filing
from ownergraph.record import Filing

__all__ = ["markdown_to_text", "parse"]

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<(?:/?[a-zA-Z][^<>]*|!--.*?--)>", re.S)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$&<>|~\"'])")
_CHECKBOX = re.compile(r"<input\b[^>]*type=[\"']?checkbox[\"']?[^>]*>", re.I)


def markdown_to_text(md: str) -> str:
    """Filing text from markdown: emphasis, headings, links, tags and escapes removed.

    A checkbox input becomes ``[X]`` when checked and ``[ ]`` otherwise, so cover-page
    boxes survive; superscript footnote marks become ``(n)``.
    """
    t = md.replace("\r\n", "\n")
    escaped: list[str] = []

    def _hold(m: re.Match[str]) -> str:
        escaped.append(m.group(1))
        return f"\ue000{len(escaped) - 1}\ue001"

    t = _ESCAPE.sub(_hold, t)
    t = _CHECKBOX.sub(lambda m: "[X]" if re.search(r"\bchecked\b", m.group(0), re.I) else "[ ]", t)
    t = re.sub(r"<sup>\s*\(?(\w{1,3})\)?\s*</sup>", r"(\1)", t, flags=re.I)
    t = re.sub(r"<br\s*/?>", "\n", t, flags=re.I)
    t = _TAG.sub("", t)
    t = _LINK.sub(r"\1", t)
    t = re.sub(r"^#{1,6}\s*", "", t, flags=re.M)
    t = re.sub(r"^\s*-{3,}\s*$", "", t, flags=re.M)
    t = re.sub(r"^(\s*)[-*+]\s+(?=\()", r"\1", t, flags=re.M)  # "- (1) 21Vianet" list items
    t = re.sub(r"\*\*|__", "", t)
    t = re.sub(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])", r"\1", t)
    t = re.sub("\ue000(\\d+)\ue001", lambda m: escaped[int(m.group(1))], t)
    t = re.sub(r"[ \t]+\n", "\n", t)  # hard line breaks ("two spaces")
    t = re.sub(r"\n{3,}", "\n\n", t)
    return html.unescape(t).strip()


def parse(
    text: str, *, name: str, filing: Filing | None = None, document: str = "primary"
) -> Filing:
    """Read a rendered-text filing (into ``filing`` when one is given)."""
    return parse_text_filing(
        markdown_to_text(text), name=name, fmt="markdown", filing=filing, document=document
    )
