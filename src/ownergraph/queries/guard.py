"""Refuse SPARQL that would reach the network: ``SERVICE`` (federated queries) and ``LOAD``.

Oxigraph executes ``SERVICE <http://...>`` by sending the query to that address and
``LOAD <http://...>`` by fetching the document: a query typed by an investigator, or
read from a ``.rq`` file someone sent them, could then leak data or probe their network.
Nothing in ownergraph needs either, so both are refused outright, before the text
reaches the store, whatever ``--allow-update`` says.

The check reads the query's tokens: keywords inside string literals, IRIs, comments
or prefixed names (``ex:service``) do not count.

Examples
--------
>>> network_keywords("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
['SERVICE']
>>> network_keywords("LOAD <http://example.org/data.ttl> INTO GRAPH <urn:g>")
['LOAD']
>>> network_keywords("SELECT ?s WHERE { ?s ?p 'SERVICE and LOAD' } # LOAD in a comment")
[]
>>> network_keywords("PREFIX service: <urn:x:> SELECT ?s WHERE { ?s service:load ?o }")
[]
>>> refuse_network("select * { service silent <http://x/> { ?s ?p ?o } }", "inline")
Traceback (most recent call last):
...
ownergraph.errors.QueryError: inline: refused: SERVICE (a federated query) would reach the network; ownergraph never fetches anything
"""

from __future__ import annotations

import re

from ownergraph.errors import QueryError

__all__ = ["network_keywords", "refuse_network"]

# One left-to-right scan; each alternative is linear (no nested quantifiers).
_TOKEN = re.compile(
    r"""
    (?P<long>'''(?:[^'\\]|\\.|'(?!''))*(?:'''|$)|\"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|$))
  | (?P<str>'(?:[^'\\\n]|\\.)*'?|"(?:[^"\\\n]|\\.)*"?)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<comment>\#[^\n]*)
  | (?P<word>[?$@]?[A-Za-z_][\w.-]*:?)
  | (?P<other>[^\s'"<\#A-Za-z_?$@]+|[<?$@])
  | (?P<space>\s+)
    """,
    re.VERBOSE | re.DOTALL,
)

_REASONS = {
    "SERVICE": "SERVICE (a federated query) would reach the network",
    "LOAD": "LOAD would fetch a document from the network or a file",
}


def network_keywords(text: str) -> list[str]:
    """The network-reaching keywords (``SERVICE``, ``LOAD``) used in the query ``text``."""
    found: list[str] = []
    for m in _TOKEN.finditer(text):
        word = m.group("word")
        if word is None or word[0] in "?$@" or word.endswith(":"):
            continue
        if text[m.end() : m.end() + 1] == ":" or text[max(m.start() - 1, 0) : m.start()] == ":":
            continue  # part of a prefixed name such as service:x or ex:load
        upper = word.upper()
        if upper in _REASONS and upper not in found:
            found.append(upper)
    return found


def refuse_network(text: str, where: str) -> None:
    """Raise :class:`~ownergraph.errors.QueryError` when ``text`` uses SERVICE or LOAD.

    ``where`` names the query (its file or ``inline``) in the message.
    """
    found = network_keywords(text)
    if found:
        reasons = "; ".join(_REASONS[k] for k in found)
        raise QueryError(f"{where}: refused: {reasons}; ownergraph never fetches anything")
