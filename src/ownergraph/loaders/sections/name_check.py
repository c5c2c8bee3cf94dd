"""The name check: a party's name never holds a cover caption, an item label, a row
number, a check box or a label word.

A reader that runs past the end of a name takes in its neighbours ("Associated Capital
Group, Inc. I.D. No. Check the appropriate box ...", "Abigail P. Johnson Item 4: ...");
one that finds no name takes a caption word for it ("and", "Date").
:func:`name_problem` says which of these a name shows, or ``None`` for a clean name.

May import: :mod:`.cover_rows` (the captions), the standard library.

Examples
--------
>>> name_problem("Abigail P. Johnson Item 4: United States of America")
'holds an item label'
>>> name_problem("Associated Capital Group, Inc. I.D. No. Check the appropriate box if a member of a group (a) (b)")
'holds a cover caption'
>>> name_problem("and"), name_problem("Date")
('is a label word', 'is a label word')
>>> name_problem("Corporation and Atari Corporation")
'starts with a legal form word'
>>> name_problem("BlackRock, Inc.") is None, name_problem("21Vianet Group, Inc.") is None
(True, True)
"""

from __future__ import annotations

import re

from ownergraph.loaders.sections.cover_rows import CAPTION

__all__ = ["LABEL_WORDS", "cut_before_problem", "name_problem"]

#: words that label a row or a signature line and are never a name on their own
LABEL_WORDS = frozenset(
    {
        "and",
        "or",
        "of",
        "the",
        "by",
        "with",
        "name",
        "names",
        "date",
        "dated",
        "title",
        "signature",
        "by:",
        "name:",
        "title:",
        "date:",
        "reporting person",
        "reporting persons",
        "i.d. no.",
        "see item",
        "n/a",
        "none",
    }
)
_ITEM = re.compile(r"(?i)\bitem[\s\xa0]*\d{1,2}(?:[\s\xa0]*\([a-z]\))?[\s\xa0]*[:.]")
_ROW = re.compile(r"^[\s\xa0]*(?:\(\d{1,2}\)|\d{1,2}[.)])[\s\xa0]+")
_BOX = re.compile(r"\[[\s\xa0_]*[xX✓]?[\s\xa0_]*\]|[☐☒☑□■]|\([ab]\)[\s\xa0]*(?:\[|\(|\|)")
#: a bare legal-form word, then a conjunction or a comma: the tail of the name on the
#: line above ("... Atari Games / Corporation and Atari Corporation"), never a name's head
_FORM_HEAD = re.compile(
    r"(?i)^(?:corporation|corp\.?|incorporated|inc\.?|company|co\.|limited|ltd\.?|"
    r"l\.?l\.?c\.?|l\.?p\.?|plc|n\.v\.|s\.a\.|gmbh|ag)(?:\s*,|\s+(?:and|&|or)\b)"
)
_CHECK = re.compile(r"(?i)\bcheck[\s\xa0]+(?:the[\s\xa0]+)?(?:appropriate[\s\xa0]+)?box\b")


def name_problem(name: str) -> str | None:
    """What is wrong with ``name`` as a party's name, or ``None``.

    Examples
    --------
    >>> name_problem("7. Sole Voting Power"), name_problem("1. Acme Corp.")
    ('holds a cover caption', 'holds a row number')
    >>> name_problem("Jane Roe [X]")
    'holds a check box'
    >>> name_problem("Inc., Beta LLC and Gamma LP"), name_problem("Limited Brands, Inc.") is None
    ('starts with a legal form word', True)
    """
    text = " ".join(name.split())
    if not text:
        return "is empty"
    if text.casefold().strip(" .,;") in LABEL_WORDS or text.casefold() in LABEL_WORDS:
        return "is a label word"
    if CAPTION.search(text) or _CHECK.search(text):
        return "holds a cover caption"
    if _ITEM.search(text):
        return "holds an item label"
    if _BOX.search(text):
        return "holds a check box"
    if _ROW.match(text):
        return "holds a row number"
    if _FORM_HEAD.match(text):
        return "starts with a legal form word"
    return None


def cut_before_problem(name: str) -> str | None:
    """``name`` cut before the caption, item label or box it runs into, when what stands
    before is a clean name; ``None`` otherwise.

    Examples
    --------
    >>> cut_before_problem("Abigail P. Johnson Item 4: United States of America Item 5: 0")
    'Abigail P. Johnson'
    >>> cut_before_problem("Associated Capital Group, Inc. I.D. No. Check the appropriate box")
    'Associated Capital Group, Inc. I.D. No.'
    >>> cut_before_problem("and") is None
    True
    """
    text = " ".join(name.split())
    starts = [m.start() for rx in (CAPTION, _CHECK, _ITEM, _BOX) if (m := rx.search(text))]
    if not starts:
        return None
    head = text[: min(starts)].strip(" ,;:-")
    return head if head and name_problem(head) is None else None
