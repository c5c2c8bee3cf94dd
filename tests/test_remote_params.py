"""Named queries about one entity on real SPARQL servers (Oxigraph and Virtuoso on
127.0.0.1): the values bound first in subqueries and holdings' supersession tested as
one join give the local store's answers there too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from ownergraph import api
from ownergraph.cli import cli
from ownergraph.errors import QueryError, StoreError

from . import test_remote_servers as base
from .servers import Server, running, start_oxigraph, start_virtuoso

pytestmark = pytest.mark.slow

#: (query, parameters) on the seed filing and the small corpus filings
CASES = [
    ("holdings", {"holder": "Tuspark"}),
    ("holdings", {"issuer": "21Vianet"}),
    ("holdings-history", {"holder": "Tuspark"}),
    ("timeline", {"holder": "Tuspark"}),
    ("cover-pages", {"holder": "Tuspark"}),
    ("filings", {"issuer": "21Vianet"}),
    ("securities", {"issuer": "21Vianet"}),
    ("issuer-total", {"issuer": "21Vianet"}),
    ("roles", {"person": "Chuilan Zeng"}),
    ("notices", {"party": "Tuspark"}),
    ("events", {"subject": "Tuspark"}),
    ("sources", {"subject": "21Vianet"}),
    ("control-chain", {"entity": "21Vianet"}),
    ("controlled-by", {"entity": "Tus-Holdings"}),
]


#: Virtuoso gives ``BIND(EXISTS {...})`` as 0 or 1, not a boolean (the query as written)
VIRTUOSO_BOOLEAN = {"timeline"}


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp(request.param)
    if request.param == "virtuoso":
        yield from running(start_virtuoso(tmp))
    else:
        yield from running(start_oxigraph(tmp / "db", tmp))


@pytest.fixture(scope="module")
def loaded(server: Server, tmp_path_factory: pytest.TempPathFactory) -> tuple[Server, Path]:
    local = tmp_path_factory.mktemp("local") / "store.db"
    files = [str(p) for p in base._filings()]
    for store in (server.url, str(local)):
        result = CliRunner().invoke(cli, ["--store", store, "load", "-q", *files])
        assert result.exit_code == 0, result.output
    return server, local


def test_entity_queries_answer_as_the_local_store(loaded: tuple[Server, Path]) -> None:
    server, local = loaded
    virtuoso = base._engine(server) == "virtuoso"
    answered = 0
    with api.open_store(server.url) as remote, api.open_store(local) as here:
        for name, params in CASES:
            expected = api.run_query(here, name, params).rows
            if virtuoso and name in VIRTUOSO_BOOLEAN:
                continue
            if virtuoso and name in base.VIRTUOSO_CANNOT:
                with pytest.raises((QueryError, StoreError), match="Virtuoso"):
                    api.run_query(remote, name, params)
                continue
            got = api.run_query(remote, name, params).rows
            if virtuoso:
                text = api.named_queries()[name].text
                neutral = base._engine_neutral(text, got)
                assert neutral == base._engine_neutral(text, expected), (name, params)
            else:
                assert got == expected, (name, params)
            answered += bool(expected)
    assert answered >= 8
