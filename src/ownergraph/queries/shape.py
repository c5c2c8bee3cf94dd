"""The shape of a query's text, read without a SPARQL parser: its projected variables
and the ``FILTER NOT EXISTS`` blocks at the top level of its ``WHERE`` group.

The named-query runner (:mod:`ownergraph.api.answers`) uses it to evaluate such a
block after the rest of the group, as one join over the group's rows (see
:func:`split_not_exists`). Strings, IRIs and comments are skipped when braces and
variables are read.

May import: the standard library.

Examples
--------
>>> text = "SELECT ?a ?b WHERE { ?x <urn:p> ?a . FILTER NOT EXISTS { ?x <urn:q> ?b } } ORDER BY ?a"
>>> split = split_not_exists(text)
>>> split.outer
'SELECT * WHERE { ?x <urn:p> ?a .  } ORDER BY ?a'
>>> split.blocks, split.columns
([NotExists(pattern=' ?x <urn:q> ?b ', shared=('x',))], ('a', 'b'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["NotExists", "SplitQuery", "projected_names", "select_groups", "split_not_exists"]

# what is skipped (strings, IRIs, comments) and what is read (braces, variables, words)
_TOKEN = re.compile(
    r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|<[^<>\s{}\"]*>"
    r"|#[^\n]*|(?P<open>\{)|(?P<close>\})|[?$](?P<var>\w+)|(?P<word>[A-Za-z_]\w*)",
    re.DOTALL,
)
#: a projection this module can rewrite: plain variables, or ``*``
_SELECT = re.compile(r"\bSELECT\s+((?:[?$]\w+\s*)+|\*)", re.IGNORECASE)
#: what changes the rows a projection of ``*`` gives, or what must follow the filter
_UNSAFE = {"DISTINCT", "REDUCED", "GROUP", "HAVING", "LIMIT", "OFFSET", "VALUES", "MINUS"}


@dataclass(frozen=True)
class NotExists:
    """One ``FILTER NOT EXISTS { pattern }`` and the variables it shares with the rest."""

    pattern: str
    shared: tuple[str, ...]


@dataclass(frozen=True)
class SplitQuery:
    """A query without its top-level ``FILTER NOT EXISTS`` blocks, projecting ``*``."""

    outer: str
    blocks: list[NotExists]
    #: the original projection, in order
    columns: tuple[str, ...]


def projected_names(text: str) -> tuple[str, ...] | None:
    """The variables a ``SELECT ?a ?b ...`` projects, in order; ``None`` for ``*``,
    expressions or another form.

    Examples
    --------
    >>> projected_names("PREFIX og: <urn:og#> SELECT ?a $b WHERE { ?a ?p ?b }")
    ('a', 'b')
    >>> projected_names("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") is None
    True
    """
    m = _select(text)
    if m is None or m.group(1).strip() == "*":
        return None
    return tuple(re.findall(r"[?$](\w+)", m.group(1)))


def select_groups(text: str) -> list[tuple[int, tuple[str, ...] | None]]:
    """Each ``SELECT`` of ``text`` (the query's, then its subqueries'), as the offset of
    the ``{`` that opens its ``WHERE`` group and the plain variables it projects
    (``None`` for ``*``); a variable given an expression (``(... AS ?v)``) is not one.

    Examples
    --------
    >>> text = "SELECT * { ?r ?p ?o OPTIONAL { SELECT ?r (SAMPLE(?q) AS ?s) { ?r <urn:q> ?q } GROUP BY ?r } }"
    >>> [(text[at:at + 4], names) for at, names in select_groups(text)]
    [('{ ?r', None), ('{ ?r', ('r',))]
    """
    out: list[tuple[int, tuple[str, ...] | None]] = []
    select_at: int | None = None
    for t in _TOKEN.finditer(text):
        if t.group("word") and t.group("word").upper() == "SELECT":
            select_at = t.end()
        elif t.group("open") and select_at is not None:
            clause = text[select_at : t.start()]
            clause = re.sub(r"^\s*(DISTINCT|REDUCED)\b|\bWHERE\b", "", clause, flags=re.I)
            plain = _without_parentheses(clause)
            names = None if plain.strip() == "*" else tuple(re.findall(r"[?$](\w+)", plain))
            out.append((t.start(), names))
            select_at = None
    return out


def _without_parentheses(text: str) -> str:
    depth, kept = 0, []
    for ch in text:
        depth += ch == "("
        if depth == 0:
            kept.append(ch)
        depth -= ch == ")" and depth > 0
    return "".join(kept)


def _select(text: str) -> re.Match[str] | None:
    """The ``SELECT`` clause outside comments, strings and IRIs."""
    for t in _TOKEN.finditer(text):
        if t.group("word") and t.group("word").upper() == "SELECT":
            return _SELECT.match(text, t.start())
        if t.group("open"):
            return None
    return None


def _variables(text: str) -> list[str]:
    return [t.group("var") for t in _TOKEN.finditer(text) if t.group("var")]


def split_not_exists(text: str) -> SplitQuery | None:
    """``text`` with each ``FILTER NOT EXISTS { ... }`` of its ``WHERE`` group's top level
    taken out, and the projection widened to ``*``; ``None`` when it has no such block
    or another shape (a subquery at the top, ``DISTINCT``, ``GROUP BY``, ``LIMIT`` ...,
    a projection other than plain variables).

    A filter applies to the solutions of its whole group, so the rows of ``outer``
    with no solution of a block's pattern, the shared variables bound to the row's
    values, are the rows of ``text`` (before its projection).

    Examples
    --------
    >>> split_not_exists("SELECT DISTINCT ?a WHERE { ?a ?p ?o FILTER NOT EXISTS { ?a ?q ?o } }")
    >>> split_not_exists("SELECT ?a WHERE { ?a ?p ?o }")
    """
    m = _select(text)
    if m is None:
        return None
    tokens = list(_TOKEN.finditer(text, m.end()))
    words = {t.group("word").upper() for t in tokens if t.group("word")}
    if words & _UNSAFE or "SELECT" in words:
        return None
    depth, cuts, i = 0, [], 0
    while i < len(tokens):
        t = tokens[i]
        if t.group("open"):
            depth += 1
        elif t.group("close"):
            depth -= 1
        elif depth == 1 and _is_filter_not_exists(tokens, i):
            end = _matching(tokens, i + 3)
            if end is None:
                return None
            cuts.append((t.start(), tokens[i + 3].end(), tokens[end].start(), tokens[end].end()))
            i = end
        i += 1
    if not cuts:
        return None
    outer, blocks, at = [], [], m.start()
    for start, body, body_end, end in cuts:
        outer.append(text[at:start])
        blocks.append(text[body:body_end])
        at = end
    outer.append(text[at:])
    outer_text = "".join(outer)
    head = "SELECT * " + outer_text[m.end() - m.start() :]
    seen = set(_variables(head))
    columns = projected_names(text)
    if columns is None:
        return None
    return SplitQuery(
        text[: m.start()] + head,
        [NotExists(b, tuple(dict.fromkeys(v for v in _variables(b) if v in seen))) for b in blocks],
        columns,
    )


def _is_filter_not_exists(tokens: list[re.Match[str]], i: int) -> bool:
    words = [t.group("word") for t in tokens[i : i + 3]]
    return (
        len(words) == 3
        and all(words)
        and [w.upper() for w in words] == ["FILTER", "NOT", "EXISTS"]
        and i + 3 < len(tokens)
        and tokens[i + 3].group("open") is not None
    )


def _matching(tokens: list[re.Match[str]], at: int) -> int | None:
    """The index of the brace closing the one at ``tokens[at]``."""
    depth = 0
    for j in range(at, len(tokens)):
        if tokens[j].group("open"):
            depth += 1
        elif tokens[j].group("close"):
            depth -= 1
            if depth == 0:
                return j
    return None
