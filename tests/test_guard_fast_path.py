"""The guard's fast path: a text that cannot name SERVICE or LOAD skips rdflib's parse.

A whole-line comment holds no keyword, so the shipped queries whose descriptions say
"loaded" or "service" take the fast path too; a keyword outside a comment line is still
found and refused by the parse.
"""

from __future__ import annotations

import pytest

from ownergraph.errors import QueryError
from ownergraph.queries import library
from ownergraph.queries.guard import _cannot_name_remote, check_network


def test_every_shipped_query_takes_the_fast_path() -> None:
    slow = [name for name, q in sorted(library().items()) if not _cannot_name_remote(q.text)]
    assert slow == []
    assert any("load" in q.text.lower() for q in library().values())  # the case it covers


@pytest.mark.parametrize(
    "text",
    [
        "# loaded\nSELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "  # a comment\n  LOAD <http://127.0.0.1:9/x>",
        "SELECT * WHERE { ?s ?p ?o } # no\nLOAD <http://127.0.0.1:9/x>",
        "SELECT * WHERE { ?s ?p ?o # SERVICE in a comment after code: parsed\n}",
        'SELECT * WHERE { ?s ?p """\n# a line of a long string\n""" . SERVICE <http://x/> {} }',
    ],
)
def test_a_keyword_outside_a_comment_line_is_still_parsed(text: str) -> None:
    assert _cannot_name_remote(text) is False


def test_a_remote_query_behind_a_comment_is_refused() -> None:
    with pytest.raises(QueryError, match="SERVICE"):
        check_network("# every filing loaded\nSELECT * { SERVICE <http://127.0.0.1:9/> {} }", "q")


def test_a_comment_line_alone_does_not_stop_the_fast_path() -> None:
    assert _cannot_name_remote("# every filing loaded, and its service address\nASK {}")
