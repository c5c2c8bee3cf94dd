"""The rule a Schedule 13G is filed pursuant to: 13d-1(b), 13d-1(c) or 13d-1(d).

The 13G front page lists the three rules, each beside a box; the structured XML names
the checked ones in ``designateRulePursuantThisScheduleFiled``. :func:`rule_designation`
reads one rule as written; :func:`checked_rules` reads the rules whose box is checked
in a front page's text.

May import: only the standard library.

Examples
--------
>>> rule_designation("Rule 13d-1(b)"), rule_designation("Rule 13d - 1 (c)")
('13d-1(b)', '13d-1(c)')
>>> checked_rules("[X] Rule 13d-1(b)\\n[ ] Rule 13d-1(c)\\n[ ] Rule 13d-1(d)")
['13d-1(b)']
"""

from __future__ import annotations

import re

__all__ = ["RULE", "checked_rules", "rule_designation"]

#: one rule as written: "Rule 13d-1(b)", "13d-1 (c)", "Rule 13d1(d)"
RULE = re.compile(
    r"(?i)(?:rule[\s\xa0]*)?13[\s\xa0]*d[\s\xa0]*-?[\s\xa0]*1[\s\xa0]*\([\s\xa0]*([bcd])[\s\xa0]*\)"
)
_ON = re.compile(
    r"\[[ \t_]*[xX✓✔√*][ \t_]*\]|\|[ \t]*[xX][ \t]*\||/[ \t]*[xX][ \t]*/|\([ \t]*[xX✓✔][ \t]*\)"
    r"|[☒☑■þý✓✔✗✘]|(?<![\w'(])[xX](?![\w')])"
)

#: any box, checked or not
_BOX = re.compile(r"[\[\]|☐☒☑□■þý¨]|\(\s*[xX✓✔]?\s*\)|(?<![\w'])[xXo](?![\w'])")


def rule_designation(text: str | None) -> str | None:
    """The rule ``text`` names, as ``13d-1(b)``; ``None`` when it names none.

    Examples
    --------
    >>> rule_designation("Rule 13d-1(d)"), rule_designation("Rule 13d-2") is None
    ('13d-1(d)', True)
    """
    if not text:
        return None
    m = RULE.search(text)
    return f"13d-1({m.group(1).lower()})" if m else None


def checked_rules(front: str) -> list[str]:
    """The rules whose box is checked in the front-page text ``front``, in order.

    A rule's box is the mark between it and the rule before it on its line, or, when
    there is none there, the mark after it up to the next rule or the end of the line.
    A front page with a mark beside every rule (a form filled in by rote) is read as is.

    Examples
    --------
    >>> checked_rules("Rule 13d-1(b) [ ]   Rule 13d-1(c) [X]   Rule 13d-1(d) [ ]")
    ['13d-1(c)']
    >>> checked_rules("\u2610 Rule 13d-1(b)\\n\u2612 Rule 13d-1(c)")
    ['13d-1(c)']
    >>> checked_rules("filed pursuant to Rule 13d-1(b) or (c)")
    []
    """
    out: list[str] = []
    for line in front.split("\n"):
        hits = list(RULE.finditer(line))
        # the line's layout: boxes before the rules when one stands before the first
        boxes_before = bool(hits) and bool(_BOX.search(line[: hits[0].start()]))
        for i, m in enumerate(hits):
            if boxes_before:
                segment = line[hits[i - 1].end() if i else 0 : m.start()]
            else:
                segment = line[m.end() : hits[i + 1].start() if i + 1 < len(hits) else len(line)]
            rule = f"13d-1({m.group(1).lower()})"
            if _ON.search(segment) and rule not in out:
                out.append(rule)
    return out
