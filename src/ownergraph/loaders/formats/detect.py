"""Which loader reads a text: the one place where formats are told apart.

Formats: ``sgml`` (EDGAR full submission ``.txt``/``.nc``: ``<SEC-DOCUMENT>``,
``<SEC-HEADER>``, ``<IMS-HEADER>``, ``<SUBMISSION>``), ``xml`` (the structured
``edgarSubmission`` schedule), ``html`` (a primary document), ``markdown`` (a rendered
filing like the seed) and ``text`` (a plain-text primary document).

Examples
--------
>>> detect_format("<SEC-DOCUMENT>0001.txt : 20210514\\n<SEC-HEADER>...")
'sgml'
>>> detect_format('<?xml version="1.0"?><edgarSubmission xmlns="http://www.sec.gov/edgar/schedule13D">')
'xml'
>>> detect_format("<html><body><p>SCHEDULE 13G</p></body></html>")
'html'
>>> detect_format("**SCHEDULE 13D/A**\\n\\n## **Item 2. Identity and Background.**")
'markdown'
>>> detect_format("SCHEDULE 13D\\n\\nItem 1. Security and Issuer")
'text'
"""

from __future__ import annotations

import re

__all__ = ["detect_format"]

_SGML = re.compile(
    r"^\s*(?:-----BEGIN PRIVACY-ENHANCED MESSAGE-----|<SEC-DOCUMENT>|<SEC-HEADER>|<IMS-DOCUMENT>|<IMS-HEADER>|<SUBMISSION>|<DOCUMENT>)",
    re.I,
)
_XML = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!DOCTYPE[^>]*>\s*)?<(?:\w+:)?edgarSubmission\b",
    re.I | re.S,
)
_HTML = re.compile(r"<(?:!DOCTYPE\s+html|html|body|table|div|p|font)\b", re.I)
_MARKDOWN = re.compile(r"^\s*(?:#{1,6}\s|\*\*[^*\n]+\*\*|---\s*$|\|.*\|\s*$)", re.M)


def detect_format(text: str) -> str:
    """The format name of ``text`` (see the module docstring)."""
    head = text[:4096]
    if _SGML.match(head):
        return "sgml"
    if _XML.match(head):
        return "xml"
    if head.lstrip().startswith("<?xml") and re.search(r"<html\b", head, re.I) is None:
        return "xml"
    if _HTML.search(head) and len(re.findall(r"<[a-zA-Z][^>]*>", head)) > 5:
        return "html"
    if len(_MARKDOWN.findall(text[:20000])) >= 2:
        return "markdown"
    if _HTML.search(head):
        return "html"
    return "text"
