"""Bytes to text: byte-order marks, UTF-8, then Windows-1252, then Latin-1.

Examples
--------
>>> decode("Café".encode("cp1252"))
'Café'
>>> decode("\\ufeffSCHEDULE 13D".encode("utf-16"))
'SCHEDULE 13D'
>>> decode("SCHEDULE 13D".encode("utf-8"))
'SCHEDULE 13D'
"""

from __future__ import annotations

import codecs

__all__ = ["decode", "looks_binary"]

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def looks_binary(data: bytes) -> bool:
    """True when ``data`` (without a UTF-16/32 byte-order mark) holds NUL bytes or
    is mostly control characters.

    Examples
    --------
    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00")
    True
    >>> looks_binary(b"plain text")
    False
    """
    if any(data.startswith(bom) for bom, enc in _BOMS if enc != "utf-8-sig"):
        return False
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control / len(head) > 0.1


def decode(data: bytes) -> str:
    """Decode ``data``; never raises (Latin-1 maps every byte)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                break
            return text.lstrip("\ufeff")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")
