"""Refuse SPARQL that would reach the network, read from the parsed query, never its text.

Oxigraph executes ``SERVICE <http://...>`` by sending the query to that address and
``LOAD <http://...>`` by fetching the document: a query typed by an investigator, or
read from a ``.rq`` file someone sent them, could then leak data or probe their network.
Nothing in ownergraph needs either, so both are refused outright, before the text
reaches the store, whatever ``--allow-update`` says.

The check parses the text with rdflib's SPARQL 1.1 grammar (the query grammar, then the
update grammar) and walks the parse tree for the operations that name a remote source:
``ServiceGraphPattern`` (``SERVICE``, at any depth: inside ``OPTIONAL``, ``UNION``,
``MINUS``, sub-queries, ``EXISTS`` filters, an update's ``WHERE``) and ``Load``. Because
it reads the grammar's own parse, spacing, comments, case, ``\\u`` escapes and
prefixed names cannot hide a keyword: whatever the parser reads as ``SERVICE`` is
refused, and text the parser cannot read is refused with the parser's message (Oxigraph
never sees a query this module has not understood). Keywords inside string literals,
IRIs, comments or prefixed names (``ex:service``) are data and do not count.

May import: :mod:`ownergraph.errors` and rdflib.

Examples
--------
>>> network_operations("SELECT * WHERE { ?s ?p ?o.SERVICE <http://example.org/s> { } }")
['SERVICE']
>>> network_operations("LOAD <http://example.org/data.ttl> INTO GRAPH <urn:g>")
['LOAD']
>>> network_operations("SELECT ?s WHERE { ?s ?p 'SERVICE and LOAD' } # LOAD in a comment")
[]
>>> network_operations("PREFIX service: <urn:x:> SELECT ?s WHERE { ?s service:load ?o }")
[]
>>> refuse_network("select * { service silent <http://x/> { ?s ?p ?o } }", "inline")
Traceback (most recent call last):
...
ownergraph.errors.QueryError: inline: refused: SERVICE (a federated query) would reach the network; ownergraph never fetches anything
>>> refuse_network("SELECT * WHERE { ?s ?p }", "inline")
Traceback (most recent call last):
...
ownergraph.errors.QueryError: inline: not valid SPARQL: Expected ...
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from ownergraph.errors import QueryError

__all__ = [
    "ParsedSparql",
    "check_network",
    "network_operations",
    "parse_sparql",
    "refuse_network",
]

#: parse-tree node names (rdflib's grammar) that reach outside the store, and why
_REMOTE = {
    "ServiceGraphPattern": ("SERVICE", "SERVICE (a federated query) would reach the network"),
    "Load": ("LOAD", "LOAD would fetch a document from the network or a file"),
}


class ParsedSparql:
    """A query or update as rdflib's grammar read it: ``kind`` and the parse ``tree``."""

    def __init__(self, kind: str, tree: Any) -> None:
        self.kind = kind  # "query" or "update"
        self.tree = tree

    @property
    def is_update(self) -> bool:
        """True for SPARQL Update."""
        return self.kind == "update"


def parse_sparql(text: str, where: str = "query") -> ParsedSparql:
    """Parse ``text`` as a SPARQL query or, failing that, a SPARQL update.

    Raises
    ------
    QueryError
        ``WHERE: not valid SPARQL: ...`` with the parser's message (of the grammar that
        read furthest into the text) when neither grammar accepts it.

    Examples
    --------
    >>> parse_sparql("ASK { ?s ?p ?o }").kind
    'query'
    >>> parse_sparql("CLEAR ALL").is_update
    True
    """
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    errors: list[ParseBaseException] = []
    for kind, parse in (("query", parseQuery), ("update", parseUpdate)):
        try:
            return ParsedSparql(kind, parse(text))
        except ParseBaseException as e:
            errors.append(e)
        except RecursionError:
            raise QueryError(f"{where}: refused: the query is nested too deeply to read") from None
        except Exception as e:  # rdflib's grammar actions raise a few other types
            raise QueryError(f"{where}: not valid SPARQL: {e}") from None
    best = max(errors, key=lambda e: e.loc)
    message = " ".join(str(best).split())
    raise QueryError(f"{where}: not valid SPARQL: {message}")


def _nodes(tree: Any) -> Iterator[Any]:
    """Every node of an rdflib parse tree, depth first, without recursion."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, str):  # terms (IRIs, literals, variables) are str
            continue
        name = getattr(node, "name", None)
        if isinstance(name, str):
            yield node
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple) or hasattr(node, "asList"):
            stack.extend(list(node))


def network_operations(text: str | ParsedSparql, where: str = "query") -> list[str]:
    """The network-reaching operations (``SERVICE``, ``LOAD``) in a query or update.

    ``text`` is SPARQL text or what :func:`parse_sparql` gave; text that does not parse
    raises :class:`~ownergraph.errors.QueryError`.
    """
    parsed = text if isinstance(text, ParsedSparql) else parse_sparql(text, where)
    found: list[str] = []
    for node in _nodes(parsed.tree):
        hit = _REMOTE.get(node.name)
        if hit is not None and hit[0] not in found:
            found.append(hit[0])
    return found


def refuse_network(text: str, where: str) -> ParsedSparql:
    """Raise :class:`~ownergraph.errors.QueryError` when ``text`` uses SERVICE or LOAD
    (or cannot be parsed); otherwise return the parse.

    ``where`` names the query (its file or ``inline``) in the message.
    """
    parsed = parse_sparql(text, where)
    found = network_operations(parsed)
    if found:
        reasons = "; ".join(r for key, r in _REMOTE.values() if key in found)
        raise QueryError(f"{where}: refused: {reasons}; ownergraph never fetches anything")
    return parsed


def _cannot_name_remote(text: str) -> bool:
    """True when ``text`` cannot hold SERVICE or LOAD in any spelling.

    Not a detector: a proof of absence, so that the queries ownergraph builds itself
    skip the (slow) parse. A keyword can only be written with its own letters, in any
    case, or with ``\\u`` / ``\\U`` escapes (which need a backslash); text that has
    neither the letters nor a backslash has no such keyword, and a line that is a
    comment holds none either. Anything else is parsed.

    >>> _cannot_name_remote("# every filing loaded\\nSELECT ?f WHERE { ?f ?p ?o }")
    True
    >>> _cannot_name_remote("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")
    False
    """
    if "\\" in text:
        return False
    low = _COMMENT_LINE.sub("", text).casefold()
    return "service" not in low and "load" not in low


#: a line that is a comment (or the inside of a long string): no keyword can be in it,
#: since ``#`` there starts a comment, and an IRI, where ``#`` may stand, is on one line
_COMMENT_LINE = re.compile(r"(?m)^[ \t]*#.*$")


@functools.lru_cache(maxsize=256)
def _checked(text: str, where: str) -> None:
    refuse_network(text, where)


def check_network(text: str, where: str) -> None:
    """:func:`refuse_network` for the store's own queries, fast when the text cannot
    name a remote source and remembered for texts seen before.

    Examples
    --------
    >>> check_network("SELECT ?s WHERE { ?s ?p ?o }", "query")
    >>> check_network("SELECT * { ?s ?p ?o.SERVICE <http://x/> {} }", "query")
    Traceback (most recent call last):
    ...
    ownergraph.errors.QueryError: query: refused: SERVICE (a federated query) would reach the network; ownergraph never fetches anything
    """
    if _cannot_name_remote(text):
        return
    _checked(text, where)
