"""Parse untrusted XML safely: no entity expansion, no DTD, no network, no huge trees.

Filings come from anywhere, so an XML document is parsed with a parser that never
resolves entities, never loads a DTD and never touches the network, and a document that
*declares* entities (``<!ENTITY ...>`` in a DOCTYPE, the vehicle of "billion laughs"
expansion bombs and of external-entity reads) is refused before it reaches the parser.
Malformed XML is a :class:`~ownergraph.errors.LoadError` naming the file, with the
parser's message and line.

Examples
--------
>>> root = parse_xml("<a><b>1</b></a>", name="x.xml")
>>> local_name(root[0]), root[0].text
('b', '1')
>>> parse_xml('<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', name="bomb.xml")
Traceback (most recent call last):
...
ownergraph.errors.LoadError: bomb.xml: XML declares entities (<!ENTITY>): refused, entity expansion and external entities are never processed
>>> parse_xml("<a><b></a>", name="bad.xml")
Traceback (most recent call last):
...
ownergraph.errors.LoadError: bad.xml: malformed XML: Opening and ending tag mismatch: b line 1 and a (line 1, column 11)
"""

from __future__ import annotations

import re

from lxml import etree

from ownergraph.errors import LoadError

__all__ = ["ENTITY_REFUSAL", "declares_entities", "local_name", "parse_xml", "safe_parser"]

ENTITY_REFUSAL = (
    "XML declares entities (<!ENTITY>): refused, entity expansion and external entities "
    "are never processed"
)

# The prolog ends where the first element starts: "<" followed by a name character.
_FIRST_ELEMENT = re.compile(r"<[A-Za-z_:\u00C0-\uFFFF]")
_ENTITY_DECL = re.compile(r"<!ENTITY", re.IGNORECASE)
_XML_DECL = re.compile(r"^\ufeff?\s*(<\?xml\b[^>]*\?>)?", re.IGNORECASE)


def safe_parser() -> etree.XMLParser:
    """A parser that never resolves entities, loads a DTD or uses the network.

    Examples
    --------
    >>> isinstance(safe_parser(), etree.XMLParser)
    True
    """
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=False,
        remove_blank_text=False,
        encoding="utf-8",
    )


def declares_entities(text: str) -> bool:
    """True when the prolog of ``text`` (before the root element) declares an entity.

    Examples
    --------
    >>> declares_entities('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r/>')
    True
    >>> declares_entities("<r>&lt;!ENTITY is only text here</r>")
    False
    """
    m = _FIRST_ELEMENT.search(text)
    prolog = text[: m.start()] if m else text
    return _ENTITY_DECL.search(prolog) is not None


def local_name(element: etree._Element) -> str:
    """The tag of ``element`` without its namespace (``"{ns}cik"`` -> ``"cik"``)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def parse_xml(text: str, *, name: str) -> etree._Element:
    """The root element of the XML document ``text`` (the contents of ``name``).

    Leading whitespace and a byte-order mark before the XML declaration are allowed
    (documents cut out of a full submission often start with a newline).

    Raises
    ------
    LoadError
        when the document declares entities, is empty or is not well-formed XML.
    """
    body = text.lstrip("\ufeff \t\r\n")
    if not body:
        raise LoadError(name, "the XML document is empty")
    if declares_entities(body):
        raise LoadError(name, ENTITY_REFUSAL)
    try:
        root = etree.fromstring(body.encode("utf-8"), safe_parser())
    except etree.XMLSyntaxError as e:
        line, column = (e.position if e.position else (e.lineno, 0)) or (None, None)
        message = (e.msg or str(e)).strip()
        message = re.sub(r",\s*line \d+,\s*column \d+$", "", message)
        raise LoadError(name, f"malformed XML: {message} (line {line}, column {column})") from None
    except ValueError as e:  # e.g. characters that cannot be encoded
        raise LoadError(name, f"malformed XML: {e}") from None
    if root is None:
        raise LoadError(name, "the XML document has no root element")
    for node in root.iter():
        if isinstance(node, etree._Entity):
            raise LoadError(name, ENTITY_REFUSAL)
    return root
