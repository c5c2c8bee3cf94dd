"""Linear-time matching for patterns that open with a bounded, unanchored head.

A pattern such as ``([^\\n.;]{2,120}?)\\s+is\\s+the\\s+beneficial\\s+owner`` is tried by
Python's engine at every position of the text, and at each it walks up to 120
characters before it fails: 120 steps per character, seconds on a megabyte. Every match
of such a pattern ends with its *tail* (``is the beneficial owner ...``), which opens
on a literal and is cheap to find. :func:`finditer_keyed` finds the tails first and
runs the whole pattern only in a window of ``before`` characters ahead of each one, so
the cost is linear in the text and the matches are the same (leftmost, in order, not
overlapping) as long as the head never spans more than ``before`` characters.

May import: only the standard library.

Examples
--------
>>> import re
>>> rx = re.compile(r"([^.]{2,20}?)\\s+owns\\s+(\\d+)")
>>> tail = re.compile(r"(?<!\\s)\\s+owns\\s+\\d+")
>>> text = "Alpha LLC owns 10. Beta owns 2." + "x" * 50
>>> [m.groups() for m in finditer_keyed(rx, tail, text, before=20)]
[('Alpha LLC', '10'), (' Beta', '2')]
>>> [m.groups() for m in rx.finditer(text)]
[('Alpha LLC', '10'), (' Beta', '2')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["finditer_keyed"]


def finditer_keyed(
    rx: re.Pattern[str],
    tail: re.Pattern[str],
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    before: int,
    after: int = 0,
) -> Iterator[re.Match[str]]:
    """The matches of ``rx`` in ``text[start:end]``, found through the hits of ``tail``.

    ``tail`` must match the part of every match of ``rx`` that follows its head (ending
    where the match ends, or one character before, for a closing look-ahead), and the
    head must span at most ``before`` characters; when ``tail`` matches only the start
    of what follows the head, the rest must span at most ``after`` characters.
    """
    stop = len(text) if end is None else min(end, len(text))
    pos = start
    for hit in tail.finditer(text, start, stop):
        if hit.start() < pos:
            continue
        m = rx.search(text, max(pos, hit.start() - before), min(stop, hit.end() + 1 + after))
        if m is not None and m.end() > pos:
            yield m
            pos = m.end()
