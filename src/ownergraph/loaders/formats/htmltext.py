"""EDGAR HTML to *filing text*: plain text with the layout the text readers expect.

The document is parsed with lxml's HTML parser (libxml2's, which recovers from broken
or truncated markup and never fetches anything) and walked once:

- ``<script>``, ``<style>``, ``<head>``, comments, processing instructions and hidden
  elements (``display:none``, ``visibility:hidden``, ``hidden``) are dropped;
- block elements (``p``, ``div``, ``li``, headings, ``br``...) end a line, inline
  elements do not; paragraphs and tables are set off by a blank line;
- each table row is one line, its cells separated by a TAB; columns that are empty in
  every row (spacer columns) are left out, other empty cells are kept so that columns
  stay aligned; within a cell, line breaks become spaces. A cell that holds a table of
  several rows (or a long text of several paragraphs, as in layout tables that wrap a
  whole page) is written as lines of its own instead of being glued into one line;
- ``&nbsp;`` and the other Unicode spaces become spaces, runs of spaces are collapsed;
- checkboxes become ``[X]`` (checked) or ``[ ]`` (unchecked): Unicode ballot boxes,
  Wingdings glyphs (``¨ o q`` empty, ``x ý þ n`` checked), ``<input type=checkbox>``,
  ``[x]``/``[ ]`` spellings, and a lone ``o``/``x`` where it stands as a box (alone in a
  table cell, after ``(a)``/``(b)``, before ``Rule 13d-1``, or ending a "check the box"
  line);
- superscript footnote marks (``<sup>1</sup>``, ``vertical-align:super``) become
  ``(1)``;
- text that looks like a tag (``<script``) is defanged (``‹script``) so that markup in
  a filing can never reach a consumer of the text as live markup.

Examples
--------
>>> html_to_text("<p>SCHEDULE&nbsp;13G</p><p>Tesla <b>Motors</b>, Inc.</p>")
'SCHEDULE 13G\\n\\nTesla Motors, Inc.'
>>> print(html_to_text(
...     "<table><tr><td>7</td><td></td><td>Sole Voting Power</td><td>0</td></tr>"
...     "<tr><td>8</td><td></td><td>Shared Voting Power</td><td>94,415,771<sup>1</sup></td></tr>"
...     "</table>"))
7	Sole Voting Power	0
8	Shared Voting Power	94,415,771 (1)
>>> html_to_text('(a) <font face="Wingdings">&#168;</font> (b) <font face="Wingdings">x</font>')
'(a) [ ] (b) [X]'
>>> html_to_text("<script>alert(1)</script><p>&lt;b&gt;bold&lt;/b&gt;</p>")
'‹b>bold‹/b>'
"""

from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass, field
from typing import Any

import lxml.etree as etree

__all__ = ["html_to_text", "normalize_checkboxes"]

# --------------------------------------------------------------------------- tags

_SKIP = frozenset(
    {
        "script",
        "style",
        "head",
        "title",
        "noscript",
        "template",
        "object",
        "embed",
        "iframe",
        "frame",
        "frameset",
        "applet",
        "svg",
        "math",
        "select",
        "textarea",
        "button",
        "map",
        "area",
        "audio",
        "video",
        "canvas",
        "meta",
        "link",
        "base",
        "param",
        "source",
        "track",
    }
)
# blocks set off by a blank line
_PARA_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "blockquote", "pre", "ul", "ol", "dl"}
    | {"table", "center", "form", "fieldset", "address", "figure", "section", "article"}
)
# blocks that end a line
_LINE_TAGS = frozenset(
    {"div", "li", "dt", "dd", "tr", "caption", "thead", "tbody", "tfoot", "header", "footer"}
    | {"nav", "aside", "main", "legend", "figcaption", "details", "summary", "body", "html"}
    | {"page", "option", "menu", "dir", "xmp", "listing", "plaintext"}
)
_CELL_TAGS = frozenset({"td", "th"})

_MAX_DEPTH = 250
_MAX_COLSPAN = 64

# piece markers in the output stream (private-use characters never found in filings
# after cleaning, see _clean_text)
_LINE = "\ue010"
_PARA = "\ue011"

# --------------------------------------------------------------------------- glyphs

_CHECKED = "\u2612"  # ☒
_UNCHECKED = "\u2610"  # ☐

# Wingdings (and Wingdings 2/3, Webdings) code points that draw boxes
_WINGDINGS = {
    "\u00a8": _UNCHECKED,  # ¨ medium white square
    "o": _UNCHECKED,
    "p": _UNCHECKED,
    "q": _UNCHECKED,
    "r": _UNCHECKED,
    "\u00a1": _UNCHECKED,
    "x": _CHECKED,  # ⌧
    "n": _CHECKED,  # ■
    "\u00fd": _CHECKED,  # ý ☒
    "\u00fe": _CHECKED,  # þ ☑
    "\u00fc": _CHECKED,  # ü ✓
    "\u00fb": _CHECKED,  # û ✗
}
_WINGDINGS2 = {
    "\u00a3": _UNCHECKED,  # £ ☐
    "*": _UNCHECKED,
    "O": _CHECKED,
    "P": _CHECKED,
    "Q": _CHECKED,
    "R": _CHECKED,
    "S": _CHECKED,
    "T": _CHECKED,
    "U": _CHECKED,
}

_BOX_CHARS = {
    "\u2610": "[ ]",  # ☐
    "\u25a1": "[ ]",  # □
    "\u25fb": "[ ]",  # ◻
    "\u25fd": "[ ]",  # ◽
    "\u2b1c": "[ ]",  # ⬜
    "\u274f": "[ ]",  # ❏
    "\u2750": "[ ]",
    "\u2751": "[ ]",  # ❑
    "\u2752": "[ ]",
    "\u2611": "[X]",  # ☑
    "\u2612": "[X]",  # ☒
    "\u2327": "[X]",  # ⌧
    "\u25a0": "[X]",  # ■
    "\u25fc": "[X]",  # ◼
    "\u25fe": "[X]",  # ◾
    "\u2b1b": "[X]",  # ⬛
    "\u22a0": "[X]",  # ⊠
    "\u2705": "[X]",  # ✅
}
_BOX_RE = re.compile("[" + "".join(_BOX_CHARS) + "]")
# glyphs that are boxes when they stand alone (font information lost)
_LONE_GLYPH = re.compile(r"(?<!\S)([\u00a8\u00fd\u00fe\u2713\u2714\u2717\u2718])(?!\S)")
_LONE_GLYPH_MAP = {
    "\u00a8": "[ ]",
    "\u00fd": "[X]",
    "\u00fe": "[X]",
    "\u2713": "[X]",
    "\u2714": "[X]",
    "\u2717": "[X]",
    "\u2718": "[X]",
}
# bracketed boxes: [X] [x] [ X ] [ ] [  ] [_] [√]
_BRACKET_RE = re.compile(r"\[\s*([xX\u2713\u2714\u221a])\s*\]|\[(?:\s*|_{1,3})\]")
# /X/ and / / (typewriter boxes), ( ) and (X) before a rule
_SLASH_BOX = re.compile(r"(?<![\w/])/(?:\s*([xX])\s*|\s+)/(?![\w/])")
_PAREN_EMPTY = re.compile(r"\(\s+\)")
_PAREN_X = re.compile(r"\(\s*[xX]\s*\)(?=\s*(?:Rule|§|Section)\s*(?:240\.)?13d)")
# a lone o/x where it can only be a box
_BOX_LETTER = "[oOxX]"
_AFTER_AB = re.compile(r"(\([a-d]\)\s*)" + _BOX_LETTER + r"(?![\w\-(])")
_BEFORE_RULE = re.compile(
    r"(?<![\w\-)])" + _BOX_LETTER + r"(?=\s*(?:Rule|§|Section)\s*(?:240\.)?13d)"
)
_END_OF_BOX_LINE = re.compile(
    r"(\b(?:box|boxes|below|following)\b[^\t\n]{0,12}?[.:]?\s+)" + _BOX_LETTER + r"(?=\s*$)",
    re.I | re.M,
)
_WHOLE_CELL_BOX = re.compile(r"^[oOxX]$")

_ROW_NUMBER = re.compile(r"^\(?\d{1,2}[.):]?\)?$")
_FOOTNOTE_SUP = re.compile(r"^\(?(\d{1,3}|[a-z]|[ivx]{1,4}|\*{1,3}|[†‡§]{1,2})\)?$")
_ORDINAL_SUP = re.compile(r"^(?:st|nd|rd|th|er|e|o|a)$", re.I)

_SPACES = re.compile(r"[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\r\f\v\n]+")
_DROP_CHARS = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_C1 = {i: bytes([i]).decode("cp1252", errors="ignore") or None for i in range(0x80, 0xA0)}
_CONTROL = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 127], None)
_TAGLIKE = re.compile(r"<(?=[A-Za-z/!?])")
#: a control character (line breaks aside, which the cleaning keeps), a C1 character
#: or a private-use one: text that needs cleaning
_ODD_CHAR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x80-\x9f\ue000-\uf8ff]")
#: one of the invisible characters of ``_DROP_CHARS``
_DROP_CHAR = re.compile("[" + "".join(map(chr, _DROP_CHARS)) + "]")

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SUPER_STYLE = re.compile(r"vertical-align\s*:\s*(?:super|top|text-top)", re.I)
_FONT_STYLE = re.compile(r"font-family\s*:\s*([^;\"]+)", re.I)
_PAGE_BREAK = re.compile(
    r"page-break-(?:before|after)\s*:\s*always|break-(?:before|after)\s*:\s*page", re.I
)


# --------------------------------------------------------------------------- text


def _clean_text(s: str) -> str:
    """Text of a node: control and private-use markers removed, C1 mapped as cp1252."""
    if _DROP_CHAR.search(s):
        s = s.translate(_DROP_CHARS)
    s = s.replace("\t", " ")  # a tab only ever separates cells
    if _ODD_CHAR.search(s):
        s = s.translate(_C1).translate(_CONTROL)
        s = re.sub("[\ue000-\uf8ff]", "", s)
    return s


def _font_map(el: etree._Element) -> dict[str, str] | None:
    """The glyph map of a symbol font set on ``el`` (face attribute or style)."""
    face, style = el.get("face"), el.get("style")
    if "dings" not in f"{face or ''}{style or ''}".lower():
        return None  # no Wingdings or Webdings named anywhere
    names = [face or ""]
    if style:
        m = _FONT_STYLE.search(style)
        if m:
            names.append(m.group(1))
    for n in names:
        low = n.lower()
        if "wingdings 2" in low or "wingdings2" in low:
            return _WINGDINGS2
        if "wingdings" in low or "webdings" in low:
            return _WINGDINGS
    return None


def _map_glyphs(s: str, glyphs: dict[str, str]) -> str:
    """Map symbol-font characters; letters only when the text is a lone glyph."""
    stripped = s.strip(" \u00a0\t\r\n")
    if len(stripped) == 1:
        return s.replace(stripped, glyphs.get(stripped, stripped))
    return "".join(glyphs.get(c, c) if not c.isalpha() or not c.isascii() else c for c in s)


def normalize_checkboxes(line: str) -> str:
    """Checkbox glyphs and spellings in one line of text as ``[X]`` or ``[ ]``.

    Examples
    --------
    >>> normalize_checkboxes("(a) \u2610 (b) \u2612")
    '(a) [ ] (b) [X]'
    >>> normalize_checkboxes("(a) o (b) x")
    '(a) [ ] (b) [X]'
    >>> normalize_checkboxes("x Rule 13d-1(b)")
    '[X] Rule 13d-1(b)'
    >>> normalize_checkboxes("[ x ] yes [  ] no")
    '[X] yes [ ] no'
    >>> normalize_checkboxes("/X/ Rule 13d-1(c) / / Rule 13d-1(d) (X) Rule 13d-1(b) ( ) Rule 13d-1(j)")
    '[X] Rule 13d-1(c) [ ] Rule 13d-1(d) [X] Rule 13d-1(b) [ ] Rule 13d-1(j)'
    >>> normalize_checkboxes("(x) any action similar to those enumerated above; and/or")
    '(x) any action similar to those enumerated above; and/or'
    >>> normalize_checkboxes("Tax exempt o bonds x 5")
    'Tax exempt o bonds x 5'
    """
    if _BOX_RE.search(line):
        line = _BOX_RE.sub(lambda m: _BOX_CHARS[m.group(0)], line)
    if "[" in line:
        line = _BRACKET_RE.sub(lambda m: "[X]" if m.group(1) else "[ ]", line)
    if _LONE_GLYPH.search(line):
        line = _LONE_GLYPH.sub(lambda m: _LONE_GLYPH_MAP[m.group(1)], line)
    if "/" in line:
        line = _SLASH_BOX.sub(lambda m: "[X]" if m.group(1) else "[ ]", line)
    if "(" in line:
        line = _PAREN_EMPTY.sub("[ ]", line)
        line = _PAREN_X.sub("[X]", line)
    if "o" in line or "x" in line or "O" in line or "X" in line:
        # each pattern runs only when the line holds its literal words
        if "(" in line:
            line = _AFTER_AB.sub(lambda m: m.group(1) + _letter_box(m.group(0)[-1]), line)
        if "13d" in line:
            line = _BEFORE_RULE.sub(lambda m: _letter_box(m.group(0)), line)
        low = line.lower() if line.isascii() else None  # re.I folds ASCII as lower()
        if low is None or "box" in low or "below" in low or "following" in low:
            line = _END_OF_BOX_LINE.sub(lambda m: m.group(1) + _letter_box(m.group(0)[-1]), line)
    return line


def _letter_box(c: str) -> str:
    return "[ ]" if c in "oO" else "[X]"


# --------------------------------------------------------------------------- walk


@dataclass
class _Cell:
    pieces: list[str]
    colspan: int
    rowspan: int
    complex: bool = False
    text: str = ""


@dataclass
class _Row:
    cells: list[_Cell] = field(default_factory=list)


class _Walker:
    """One pass over the tree, writing text pieces and break markers."""

    def __init__(self) -> None:
        self.multirow_tables = 0  # tables written so far that had two rows or more

    def walk(
        self,
        el: etree._Element,
        out: list[str],
        depth: int = 0,
        glyphs: dict[str, str] | None = None,
    ) -> None:
        tag = el.tag
        if not isinstance(tag, str):  # comment, processing instruction, entity
            return
        tag = tag.lower()
        if ":" in tag:
            tag = tag.rsplit(":", 1)[1]
        if tag in _SKIP:
            return
        style = el.get("style") or ""
        if _is_hidden(el, style):
            return
        if depth > _MAX_DEPTH:
            out.append(_clean_text(" ".join(el.itertext())))
            return
        if tag == "br":
            out.append(_LINE)
            return
        if tag == "input":
            if (el.get("type") or "").lower() in ("checkbox", "radio"):
                out.append(" [X] " if el.get("checked") is not None else " [ ] ")
            return
        if tag == "img":
            alt = (el.get("alt") or "").strip()
            if alt and len(alt) <= 3 and _BOX_RE.search(alt):
                out.append(" " + alt + " ")
            return
        if tag == "table":
            out.append(_PARA)
            self.table(el, out, depth)
            out.append(_PARA)
            return
        low = style.lower()
        fm = _font_map(el) if (el.get("face") or "font-family" in low) else None
        if fm is not None:
            glyphs = fm
        # each style pattern holds a literal word: look for it first (re.I folds ASCII
        # as lower() does; other text goes to the pattern)
        plain = style.isascii()
        if tag == "sup" or (
            style and (not plain or "vertical-align" in low) and _SUPER_STYLE.search(style)
        ):
            self.superscript(el, out, depth, glyphs)
            return
        brk = (
            _PARA
            if tag in _PARA_TAGS
            else _LINE
            if tag in _LINE_TAGS or tag in _CELL_TAGS
            else None
        )
        if style and (not plain or "break-" in low) and _PAGE_BREAK.search(style):
            brk = _PARA
        if brk:
            out.append(brk)
        if tag == "pre":
            self.pre(el, out)
        else:
            self.contents(el, out, depth + 1, glyphs)
        if brk:
            out.append(brk)

    def contents(
        self, el: etree._Element, out: list[str], depth: int, glyphs: dict[str, str] | None
    ) -> None:
        """What is inside ``el``: its text, then each child walked at ``depth`` followed
        by the text after it."""
        if el.text:
            out.append(self.text(el.text, glyphs))
        for child in el:
            self.walk(child, out, depth, glyphs)
            if child.tail:
                out.append(self.text(child.tail, glyphs))

    @staticmethod
    def text(s: str, glyphs: dict[str, str] | None) -> str:
        s = _clean_text(s)
        return _map_glyphs(s, glyphs) if glyphs else s

    def pre(self, el: etree._Element, out: list[str]) -> None:
        text = _clean_text("".join(el.itertext())).replace("\r\n", "\n").replace("\r", "\n")
        for i, line in enumerate(text.split("\n")):
            if i:
                out.append(_LINE)
            out.append(line)

    def superscript(
        self, el: etree._Element, out: list[str], depth: int, glyphs: dict[str, str] | None
    ) -> None:
        inner: list[str] = []
        self.contents(el, inner, depth + 1, glyphs)
        s = _collapse("".join(p for p in inner if p not in (_LINE, _PARA)))
        if not s:
            return
        m = _FOOTNOTE_SUP.match(s)
        if m and not _ORDINAL_SUP.match(s):
            prev = _last_char(out)
            lead = " " if prev and not prev.isspace() and prev not in "(-–—/$" else ""
            out.append(f"{lead}({m.group(1)})")
        else:
            out.append(s)

    # ---------------------------------------------------------------- tables

    def table(self, table: etree._Element, out: list[str], depth: int) -> None:
        rows: list[_Row] = []
        for tr in _rows_of(table):
            row = _Row()
            for td in tr:
                if (
                    not isinstance(td.tag, str)
                    or td.tag.lower() not in _CELL_TAGS
                    or _is_hidden(td)
                ):
                    continue
                pieces: list[str] = []
                glyphs = _font_map(td)
                before = self.multirow_tables
                self.contents(td, pieces, depth + 2, glyphs)
                cell = _Cell(
                    pieces, _span(td.get("colspan"), _MAX_COLSPAN), _span(td.get("rowspan"), 10**6)
                )
                cell.text = _inline(pieces)
                cell.complex = self.multirow_tables > before or _is_long(pieces, cell.text)
                row.cells.append(cell)
            rows.append(row)
        if not rows:  # no rows: read what is there as running text
            self.contents(table, out, depth + 1, None)
            return
        # grid positions: start column of every cell, with row spans
        starts: list[list[int]] = []
        busy: list[int] = []  # busy[c] = first row index where column c is free again
        for r, row in enumerate(rows):
            c = 0
            cols: list[int] = []
            for cell in row.cells:
                while c < len(busy) and busy[c] > r:
                    c += 1
                cols.append(c)
                end = c + cell.colspan
                if end > len(busy):
                    busy.extend([0] * (end - len(busy)))
                until = r + min(cell.rowspan, len(rows) - r) if cell.rowspan > 1 else r + 1
                for k in range(c, end):
                    busy[k] = until
                c = end
            starts.append(cols)
        used = {
            col
            for row, cols in zip(rows, starts, strict=True)
            for cell, col in zip(row.cells, cols, strict=True)
            if cell.text or cell.complex
        }
        order = sorted(used)
        written = 0
        head: list[list[Any]] | None = None  # last row: [start, end, text, rowspan]
        pending: list[list[list[Any]]] = []
        for row, cols in zip(rows, starts, strict=True):
            if not any(cell.text or cell.complex for cell in row.cells):
                continue
            if any(cell.complex for cell in row.cells):
                written += len(pending) + 1
                _flush_rows(pending, order, out)
                pending = []
                head = None
                self.block_row(row, out)
                continue
            spans = [
                [col, col + cell.colspan - 1, cell.text, cell.rowspan]
                for cell, col in zip(row.cells, cols, strict=True)
                if col in used or cell.text
            ]
            if head is not None and _continues(head, spans, order[0]):
                _merge_into(head, spans)
                continue
            pending.append(spans)
            head = spans
        written += len(pending)
        _flush_rows(pending, order, out)
        if written >= 2:
            self.multirow_tables += 1

    def block_row(self, row: _Row, out: list[str]) -> None:
        """A row whose cells hold tables or long text: each such cell as lines."""
        prefix: list[str] = []
        for cell in row.cells:
            if not cell.complex:
                if cell.text:
                    prefix.append(cell.text)
                continue
            out.append(_LINE)
            pieces = cell.pieces
            if prefix:
                first = 0
                while first < len(pieces) and (
                    pieces[first] in (_LINE, _PARA) or not pieces[first].strip()
                ):
                    first += 1
                out.append("\t".join(prefix) + "\t")
                prefix = []
                pieces = pieces[first:]
            out.extend(pieces)
            out.append(_LINE)
        if prefix:
            out.append(_LINE)
            out.append("\t".join(prefix))
            out.append(_LINE)


def _continues(head: list[list[Any]], spans: list[list[Any]], first_col: int) -> bool:
    """Whether a row only continues the numbered row above it (a cover-page row whose
    caption wraps, or whose value or boxes stand in rows of their own): the row above
    starts with a row number; this row's first column is an empty cell, its text starts
    further right, it is not a numbered row of its own, and all its text falls under
    one cell of the row above."""
    lead = next((sp for sp in spans if sp[0] <= first_col <= sp[1]), None)
    if lead is None or lead[2]:
        return False
    texts = [sp for sp in spans if sp[2]]
    head_texts = [sp for sp in head if sp[2]]
    if not texts or len(head_texts) < 2 or head_texts[0][0] >= texts[0][0]:
        return False
    if not _ROW_NUMBER.match(head_texts[0][2]):
        return False
    if any(sp[3] > 1 for sp in spans):  # a row-spanning cell starts here: a new block
        return False
    if any(_ROW_NUMBER.match(sp[2]) for sp in texts[:-1]):  # a numbered row of its own
        return False
    targets = {id(_target(head_texts, sp[0])) for sp in texts}
    return len(targets) == 1


def _target(head_texts: list[list[Any]], col: int) -> list[Any]:
    """The cell of the row above under which column ``col`` falls (nearest on the left)."""
    best = head_texts[0]
    for sp in head_texts:
        if sp[0] <= col:
            best = sp
    return best


def _merge_into(head: list[list[Any]], spans: list[list[Any]]) -> None:
    head_texts = [sp for sp in head if sp[2]]
    for sp in spans:
        if sp[2]:
            t = _target(head_texts, sp[0])
            t[2] = f"{t[2]} {sp[2]}"


def _flush_rows(rows: list[list[list[Any]]], order: list[int], out: list[str]) -> None:
    """Write rows as lines: kept columns in order, cells separated by a tab."""
    for spans in rows:
        slots: list[str] = []
        last = -1
        for start, end, text, _ in spans:
            # empty slots for kept columns skipped since the previous cell (row spans)
            if last >= 0 or slots:
                slots.extend([""] * sum(1 for u in order if last < u < start))
            slots.append(text)
            last = end
        line = "\t".join(slots).rstrip("\t")
        if line.strip("\t"):
            out.append(_LINE)
            out.append(line)
            out.append(_LINE)


def _rows_of(table: etree._Element) -> list[etree._Element]:
    """The rows of ``table`` (not of tables nested in it), in document order."""
    rows: list[etree._Element] = []
    for child in table:
        if not isinstance(child.tag, str):
            continue
        t = child.tag.lower()
        if t == "tr":
            if not _is_hidden(child):
                rows.append(child)
        elif t in ("thead", "tbody", "tfoot") and not _is_hidden(child):
            rows.extend(
                c
                for c in child
                if isinstance(c.tag, str) and c.tag.lower() == "tr" and not _is_hidden(c)
            )
    return rows


def _span(value: str | None, limit: int) -> int:
    if not value:
        return 1
    m = re.match(r"\s*(\d{1,7})", value)
    if not m:
        return 1
    return max(1, min(int(m.group(1)), limit))


def _is_hidden(el: etree._Element, style: str | None = None) -> bool:
    """Whether ``el`` is hidden (``style``: its style attribute, when already read)."""
    if el.get("hidden") is not None:
        return True
    if style is None:
        style = el.get("style")
    if not style:
        return False
    low = style.lower() if style.isascii() else None  # re.I folds ASCII as lower()
    if low is not None and "display" not in low and "visibility" not in low:
        return False
    return bool(_HIDDEN_STYLE.search(style))


def _is_long(pieces: list[str], text: str) -> bool:
    """A cell with a long text of several paragraphs (a layout table around a page)."""
    if len(text) > 600:
        paras = sum(1 for p in pieces if p == _PARA)
        return paras >= 4
    return False


def _last_char(out: list[str]) -> str:
    for p in reversed(out):
        if p in (_LINE, _PARA):
            return "\n"
        if p:
            return p[-1]
    return ""


def _collapse(s: str) -> str:
    return _SPACES.sub(" ", s.replace("\t", " ")).strip()


def _inline(pieces: list[str]) -> str:
    """A cell's text on one line: breaks become spaces; a lone o/x is a box."""
    s = _collapse("".join(" " if p in (_LINE, _PARA) else p for p in pieces))
    if _WHOLE_CELL_BOX.match(s):
        return _letter_box(s)
    return s


def _assemble(pieces: list[str]) -> str:
    """Join pieces into lines: markers become newlines (a blank line at most)."""
    lines: list[str] = []
    cur: list[str] = []
    pending = 0  # 0: none, 1: line break, 2: paragraph break
    for p in pieces:
        if p in (_LINE, _PARA):
            pending = max(pending, 1 if p == _LINE else 2)
            continue
        if pending:
            lines.append("".join(cur))
            cur = []
            if pending == 2:
                lines.append("")
            pending = 0
        cur.append(p)
    lines.append("".join(cur))
    result: list[str] = []
    blank = True
    for line in lines:
        if "\t" in line:
            cells = [_collapse(c) for c in line.split("\t")]
            text = "\t".join(cells).rstrip("\t")
            if not text.strip("\t"):
                text = ""
        else:
            text = _collapse(line)
        if text:
            result.append(normalize_checkboxes(text))
            blank = False
        elif not blank:
            result.append("")
            blank = True
    while result and not result[-1]:
        result.pop()
    return _TAGLIKE.sub("\u2039", "\n".join(result))


# tags that only HTML has: without any of them the input is plain text with SGML-style
# tags (<PAGE>, <TABLE><S><C> of 1990s EDGAR text, a <DOCUMENT> wrapper)
_MARKUP = re.compile(
    r"<(?:p|div|br|td|th|tr|font|html|body|span|b|i|u|center|li|ul|ol|h[1-6]|img|a|hr|sup)[\s/>]",
    re.I,
)
_SGML_TAG = re.compile(r"</?[A-Za-z][\w:-]{0,30}(?:\s[^<>\n]{0,200})?>")


def _plain_text(text: str) -> str:
    """Filing text of a document that is plain text with SGML-style tags: the tags go,
    character references are decoded, and the lines are kept."""
    text = _SGML_TAG.sub("", text)
    text = _html.unescape(text.replace("\r\n", "\n").replace("\r", "\n"))
    pieces: list[str] = []
    for line in text.split("\n"):
        pieces.append(_clean_text(line))
        pieces.append(_PARA if not line.strip() else _LINE)
    return _assemble(pieces)


_DROP_BLOCK = re.compile(
    r"<(script|style|head|title|noscript|template)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.I | re.S
)
_BREAK_TAG = re.compile(r"</?(?:p|div|br|tr|li|h[1-6]|table|hr|pre|center)\b[^<>]*>", re.I)
_CELL_TAG = re.compile(r"<t[dh]\b[^<>]*>", re.I)
_ANY_TAG = re.compile(r"<[^<>]*>")


def _stripped_text(html: str) -> str:
    """Last resort for markup nested too deeply to parse: tags stripped with regular
    expressions (no structure beyond lines and cells)."""
    t = _DROP_BLOCK.sub(" ", html)
    t = _BREAK_TAG.sub("\n", t)
    t = _CELL_TAG.sub(" ", t)
    t = _html.unescape(_ANY_TAG.sub("", t))
    pieces: list[str] = []
    for line in t.split("\n"):
        pieces.append(_clean_text(line))
        pieces.append(_LINE)
    return _assemble(pieces)


_PARSER_OPTIONS = {
    "remove_comments": True,
    "remove_pis": True,
    "no_network": True,
    "recover": True,
    "default_doctype": False,
    # lift libxml2's depth limit of 256 (which silently drops the rest of the document);
    # the walk itself flattens anything deeper than _MAX_DEPTH
    "huge_tree": True,
}


def html_to_text(html: str) -> str:
    """Filing text of an HTML document (see the module docstring for the layout).

    Parameters
    ----------
    html : str
        The HTML, already decoded (see :func:`ownergraph.loaders.formats.decode.decode`).

    Returns
    -------
    str
        Plain text; ``""`` when the document has no text.

    Examples
    --------
    >>> html_to_text("<div>Rule 13d-1(b)&nbsp;<font face=Wingdings>&#254;</font></div>")
    'Rule 13d-1(b) [X]'
    >>> print(html_to_text("<table><tr><td>1</td><td>NAME<br>Elon R. Musk</td></tr>"))
    1	NAME Elon R. Musk
    """
    if not html or not html.strip():
        return ""
    if not _MARKUP.search(html):
        return _plain_text(html)
    data = html.encode("utf-8", errors="replace")
    # lxml's plain HTML parser: the same tree as lxml.html's, without the cost of its
    # element classes (the walk reads tags, attributes and text only)
    parser = etree.HTMLParser(encoding="utf-8", **_PARSER_OPTIONS)
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return ""
    if root is None:
        return ""
    if any("Excessive depth" in str(e.message) for e in parser.error_log):
        # nested deeper than libxml2 reads: the rest of the tree would be lost
        return _stripped_text(html)
    out: list[str] = []
    _Walker().walk(root, out)
    return _assemble(out)
