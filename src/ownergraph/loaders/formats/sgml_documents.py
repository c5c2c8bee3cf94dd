"""Splitting an EDGAR full submission into its header and its documents.

A submission is ``<SEC-DOCUMENT>`` (or ``<IMS-DOCUMENT>``, or the ``.nc``
``<SUBMISSION>``), a header, then one ``<DOCUMENT>`` per document::

    <DOCUMENT>
    <TYPE>SC 13D/A
    <SEQUENCE>1
    <FILENAME>d123.htm
    <DESCRIPTION>AMENDMENT NO. 3
    <TEXT>
    ...
    </TEXT>
    </DOCUMENT>

The body of a document is plain text, HTML, XML wrapped in ``<XML>``, or a binary file
(``GRAPHIC``, ``PDF``, ``ZIP`` ...) uuencoded, sometimes wrapped in ``<PDF>``.

Examples
--------
>>> sub = split_submission('''<SEC-DOCUMENT>x.txt : 19940330
... <SEC-HEADER>x.hdr.sgml : 19940330
... ACCESSION NUMBER: 1
... </SEC-HEADER>
... <DOCUMENT>
... <TYPE>SC 13D
... <SEQUENCE>1
... <FILENAME>d123.htm
... <TEXT>
... <html><body>SCHEDULE 13D</body></html>
... </TEXT>
... </DOCUMENT>
... <DOCUMENT>
... <TYPE>EX-99.1
... <SEQUENCE>2
... <DESCRIPTION>JOINT FILING AGREEMENT
... <TEXT>
... The undersigned agree to file this statement jointly.
... </TEXT>
... </DOCUMENT>
... </SEC-DOCUMENT>''', name="x.txt")
>>> [(d.type, d.sequence, d.kind) for d in sub.documents]
[('SC 13D', 1, 'html'), ('EX-99.1', 2, 'text')]
>>> sub.header_text.splitlines()[1]
'ACCESSION NUMBER: 1'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ownergraph.errors import LoadError
from ownergraph.loaders.limits import check_documents

__all__ = ["RawDocument", "Submission", "classify_body", "split_submission", "unwrap"]

_BINARY_TYPES = re.compile(r"^(?:GRAPHIC|ZIP|PDF|EXCEL|XLS|JPG|GIF|COVER-PDF)\b", re.I)
_BINARY_EXT = re.compile(r"\.(?:pdf|jpe?g|gif|png|zip|xlsx?|docx?|bmp|tiff?)$", re.I)
_UUBEGIN = re.compile(r"^begin [0-7]{3,4} \S", re.M)
_HTML = re.compile(r"<(?:html|body|table|div|p|font|br|center|b|tr|td|th)\b", re.I)
_META = re.compile(r"<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>([^<\n]*)")
#: the layout tags of pre-2001 EDGAR plain-text documents (tables aligned by spaces)
_TEXT_TAG = re.compile(r"</?(?:TABLE|CAPTION|S|C|FN|F\d{1,2}|PAGE|R)>", re.I)


@dataclass
class RawDocument:
    """One ``<DOCUMENT>`` of a submission."""

    type: str
    sequence: int | None
    filename: str | None
    description: str | None
    body: str  # the text between <TEXT> and </TEXT>, wrappers such as <XML> removed
    kind: str  # "text", "html", "xml", "binary", "empty"
    start: int  # offset of <DOCUMENT> in the submission text
    body_start: int  # offset of ``body`` in the submission text

    @property
    def label(self) -> str:
        """How the document is named in sources: its filename, else its type."""
        return self.filename or self.type or f"document {self.sequence}"


@dataclass
class Submission:
    """A submission split into its header text and documents."""

    text: str  # the submission text (CRLF normalised, privacy wrapper removed)
    header_text: str
    header_start: int
    documents: list[RawDocument] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def unwrap(text: str) -> str:
    """``text`` with CRLF/CR line ends made LF and the privacy-enhanced-message wrapper
    (``-----BEGIN PRIVACY-ENHANCED MESSAGE-----`` and its key lines) removed.

    Examples
    --------
    >>> unwrap("-----BEGIN PRIVACY-ENHANCED MESSAGE-----\\r\\nProc-Type: 2001\\r\\n\\r\\n"
    ...        "<SEC-DOCUMENT>a\\r\\n</SEC-DOCUMENT>\\r\\n-----END PRIVACY-ENHANCED MESSAGE-----\\r\\n")
    '<SEC-DOCUMENT>a\\n</SEC-DOCUMENT>\\n'
    """
    t = text.replace("\r\n", "\n").replace("\r", "\n")
    head = t[:4096]
    if "-----BEGIN PRIVACY-ENHANCED MESSAGE-----" in head:
        m = re.search(
            r"<(?:SEC-DOCUMENT|IMS-DOCUMENT|SEC-HEADER|IMS-HEADER|SUBMISSION|DOCUMENT)>", t
        )
        if m:
            t = t[m.start() :]
        end = t.rfind("-----END PRIVACY-ENHANCED MESSAGE-----")
        if end >= 0:
            t = t[:end]
    return t


def classify_body(body: str, doc_type: str, filename: str | None) -> tuple[str, str]:
    """The kind of a document body and the body without its ``<XML>``/``<PDF>`` wrapper.

    Examples
    --------
    >>> classify_body("<XML>\\n<?xml version='1.0'?><edgarSubmission/>\\n</XML>", "SC 13G", None)
    ('xml', "<?xml version='1.0'?><edgarSubmission/>")
    >>> classify_body("begin 644 a.gif\\nM1234\\nend", "GRAPHIC", "a.gif")[0]
    'binary'
    >>> classify_body("<HTML><BODY><P>SCHEDULE 13G</P></BODY></HTML>", "SC 13G", "a.htm")[0]
    'html'
    >>> classify_body("<TABLE>\\n<CAPTION>\\n Name  Title\\n<S>  <C>\\n A  B\\n</TABLE>", "SC 13D", None)[0]
    'text'
    """
    stripped = body.strip()
    if not stripped:
        return "empty", ""
    m = re.match(r"<(XML|PDF|XBRL|JSON)>\s*", stripped, re.I)
    if m:
        tag = m.group(1).upper()
        close = re.search(rf"</{tag}>\s*$", stripped, re.I)
        inner = stripped[m.end() : close.start() if close else len(stripped)].strip()
        if tag == "XML":
            return "xml", inner
        return "binary", inner
    if _UUBEGIN.match(stripped) or _BINARY_TYPES.match(doc_type.strip()):
        return "binary", stripped
    if filename and _BINARY_EXT.search(filename.strip()):
        return "binary", stripped
    head = stripped[:4096]
    if head.startswith("<?xml") and re.search(r"<html\b", head, re.I) is None:
        return "xml", stripped
    if re.search(r"<(?:\w+:)?edgarSubmission\b", head):
        return "xml", stripped
    if re.search(r"<(?:!DOCTYPE\s+html|html|body)\b", head, re.I):
        return "html", stripped
    if _HTML.search(_TEXT_TAG.sub("", head)) and len(re.findall(r"<[a-zA-Z][^>]*>", head)) > 3:
        return "html", stripped
    return "text", body


def _meta(block: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _META.finditer(block):
        out.setdefault(m.group(1), m.group(2).strip())
    return out


def split_submission(text: str, *, name: str) -> Submission:
    """Split a submission (already :func:`unwrap`-ped) into header and documents.

    Raises
    ------
    LoadError
        when a document is cut off (no ``</DOCUMENT>`` and no end of submission), or
        when the submission holds no document and no complete header. A complete
        header without a document is read alone, with a warning.
    """
    first_doc = text.find("<DOCUMENT>")
    head_end = first_doc if first_doc >= 0 else len(text)
    header_start = 0
    hm = re.search(r"<(?:SEC-HEADER|IMS-HEADER)>", text[:head_end])
    if hm:
        header_start = hm.start()
        hclose = re.search(r"</(?:SEC-HEADER|IMS-HEADER)>", text[header_start:head_end])
        header_end = header_start + hclose.end() if hclose else head_end
    else:
        sm = re.search(r"<SUBMISSION>", text[:head_end])
        header_start = sm.start() if sm else 0
        header_end = head_end
    sub = Submission(
        text=text, header_text=text[header_start:header_end], header_start=header_start
    )
    pos = first_doc
    while pos >= 0:
        close = text.find("</DOCUMENT>", pos + 10)
        nxt = text.find("<DOCUMENT>", pos + 10)
        if close < 0 or (0 <= nxt < close):
            number = len(sub.documents) + 1
            meta = _meta(text[pos : pos + 2000].split("<TEXT>", 1)[0])
            what = f" ({meta['TYPE']})" if meta.get("TYPE") else ""
            raise LoadError(
                name,
                f"the submission is truncated: document {number}{what} has no closing </DOCUMENT>",
            )
        block_end = close
        tpos = text.find("<TEXT>", pos, block_end)
        meta = _meta(text[pos : tpos if tpos >= 0 else block_end])
        if tpos >= 0:
            body_start = tpos + len("<TEXT>")
            tend = text.rfind("</TEXT>", body_start, block_end)
            body = text[body_start : tend if tend >= 0 else block_end]
        else:
            body_start = block_end
            body = ""
        if body.startswith("\n"):
            body, body_start = body[1:], body_start + 1
        seq_text = meta.get("SEQUENCE", "")
        doc_type = re.sub(r"\s+", " ", meta.get("TYPE", "")).strip()
        filename = meta.get("FILENAME") or None
        kind, clean = classify_body(body, doc_type, filename)
        if kind != "text":
            lead = body.find(clean[:50]) if clean else -1
            body_start = body_start + max(lead, 0)
            body = clean
        sub.documents.append(
            RawDocument(
                type=doc_type,
                sequence=int(seq_text) if seq_text.isdigit() else None,
                filename=filename,
                description=meta.get("DESCRIPTION") or None,
                body=body,
                kind=kind,
                start=pos,
                body_start=body_start,
            )
        )
        pos = text.find("<DOCUMENT>", close)
        check_documents(name, len(sub.documents) + (pos >= 0))
    if not sub.documents:
        closed = re.search(r"</(?:SEC-HEADER|IMS-HEADER)>\s*$", sub.header_text)
        if sub.header_text.strip() and closed is None:
            raise LoadError(
                name, "the submission has no <DOCUMENT> and its header is not closed: cut short"
            )
        if sub.header_text.strip():
            # the header still names the form, the dates, the filers and the subject
            # company: those are read (sgml.parse refuses a header of another form)
            sub.warnings.append(
                "the submission has a header but no <DOCUMENT>: only the header is read "
                "(no cover page, no share counts)"
            )
            return sub
        raise LoadError(name, "the SGML submission holds no header and no <DOCUMENT>")
    tail = text[text.rfind("</DOCUMENT>") :]
    if not re.search(r"</(?:SEC-DOCUMENT|IMS-DOCUMENT|SUBMISSION)>", tail) and re.match(
        r"\s*<(?:SEC-DOCUMENT|IMS-DOCUMENT|SUBMISSION)>", text
    ):
        sub.warnings.append("the submission has no closing tag; it may be cut short")
    return sub
