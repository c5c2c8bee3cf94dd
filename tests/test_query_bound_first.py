"""Named queries about one entity: the values bound first (a ``VALUES`` block in the
query's group and in each subquery that projects them) and a top-level ``FILTER NOT
EXISTS`` tested as one join give the rows, in the order, of the query as written."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pytest
from rdflib import URIRef
from rdflib.term import Identifier

from ownergraph import api
from ownergraph.api.answers import _bindings, _bound_first, _run
from ownergraph.graph.bounded import QueryLimits
from ownergraph.graph.store import GraphStore
from ownergraph.queries import library
from ownergraph.queries.shape import select_groups, split_not_exists

OG = "https://w3id.org/ownergraph/ontology#"
ID = "urn:test:"
IN_PROCESS = QueryLimits(timeout=0)

#: one holder in one issuer across three filings (the newest by event date, then the
#: date filed, then the filing's IRI), a second holder only in the oldest, and a filing
#: with two event dates
_DATA = f"""
PREFIX og: <{OG}>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA {{ GRAPH <{ID}g> {{
  <{ID}f1> og:filedDate "2020-02-01"^^xsd:date ; og:eventDate "2020-01-20"^^xsd:date .
  <{ID}f2> og:filedDate "2021-02-01"^^xsd:date .
  <{ID}f3> og:filedDate "2021-02-01"^^xsd:date ; og:eventDate "2019-05-01"^^xsd:date ,
           "2022-01-01"^^xsd:date .
  <{ID}h1> a og:Holding ; og:holder <{ID}a> ; og:issuer <{ID}x> ; og:filing <{ID}f1> ;
           og:shares 100 .
  <{ID}h2> a og:Holding ; og:holder <{ID}a> ; og:issuer <{ID}x> ; og:filing <{ID}f2> ;
           og:shares 200 .
  <{ID}h3> a og:Holding ; og:holder <{ID}a> ; og:issuer <{ID}x> ; og:filing <{ID}f3> ;
           og:shares 300 .
  <{ID}h4> a og:Holding ; og:holder <{ID}b> ; og:issuer <{ID}x> ; og:filing <{ID}f1> ;
           og:shares 400 .
  <{ID}h5> a og:Holding ; og:holder <{ID}a> ; og:issuer <{ID}y> ; og:filing <{ID}f1> ;
           og:shares 500 .
}} }}
"""


@pytest.fixture(scope="module")
def crafted() -> Iterator[GraphStore]:
    store = api.open_store(None)
    store.dataset.update(_DATA)
    yield store
    store.close()


def _rows(result: object) -> list[dict[str, str]]:
    return [{str(k): str(v) for k, v in row.items()} for row in result.bindings]  # type: ignore[attr-defined]


def _as_written(
    store: GraphStore, text: str, bindings: Mapping[str, Identifier]
) -> list[dict[str, str]]:
    """The query as written, its values bound by the store itself (no rewriting)."""
    return _rows(store.query(text, bindings))


@pytest.mark.parametrize(
    "bound",
    [
        {},
        {"holder": f"{ID}a"},
        {"holder": f"{ID}b"},
        {"issuer": f"{ID}x"},
        {"filing": f"{ID}f1"},
        {"filing": f"{ID}f3"},
        {"holder": f"{ID}a", "issuer": f"{ID}y"},
    ],
)
def test_holdings_two_steps_give_the_rows_of_the_query(
    crafted: GraphStore, bound: dict[str, str]
) -> None:
    text = library()["holdings"].text
    bindings = {k: URIRef(v) for k, v in bound.items()}
    got = _rows(_run(crafted, text, bindings, IN_PROCESS, "holdings", shipped=True))
    assert got == _as_written(crafted, text, bindings)


def test_supersession_keeps_the_newest_filing_of_each_pair(crafted: GraphStore) -> None:
    text = library()["holdings"].text
    got = _rows(_run(crafted, text, {"holder": URIRef(f"{ID}a")}, IN_PROCESS, "holdings"))
    # f3 is the newest for (a, x) by its later event date (its row with the earlier
    # one is older than f2's); f1 is the only filing on (a, y)
    assert [(r["issuer"], r["shares"]) for r in got] == [(f"{ID}x", "300"), (f"{ID}y", "500")]
    older = _rows(_run(crafted, text, {"filing": URIRef(f"{ID}f2")}, IN_PROCESS, "holdings"))
    assert older == []


def test_every_entity_query_on_the_seed_answers_as_written(seed_store: GraphStore) -> None:
    _, rows = seed_store.select(
        f"SELECT DISTINCT ?e WHERE {{ {{ ?h <{OG}holder> ?e }} UNION {{ ?h <{OG}issuer> ?e }}"
        f" UNION {{ ?r <{OG}person> ?e }} }}"
    )
    entities = [URIRef(r[0].value) for r in rows]
    assert len(entities) >= 5
    compared = 0
    for name, nq in sorted(library().items()):
        for param in (p for p in nq.params if p.type == "entity"):
            for entity in entities:
                bindings = {param.name: entity}
                got = _rows(_run(seed_store, nq.text, bindings, IN_PROCESS, name))
                assert got == _as_written(seed_store, nq.text, bindings), (name, param, entity)
                compared += bool(got)
    assert compared >= 20


def test_values_go_first_in_the_group_and_in_subqueries_that_project_them(
    memory_store: GraphStore,
) -> None:
    text = library()["roles"].text
    person = URIRef(f"{ID}p")
    bound = _bound_first(memory_store, text, {"person": person})
    groups = select_groups(bound)
    blocks = [bound[at + 1 : at + 40].strip() for at, _ in groups]
    assert all(b.startswith(f"VALUES (?person) {{ (<{person}>) }}") for b in blocks)
    assert len(groups) == 3
    # a subquery that does not project the parameter is left as it is
    cover = _bound_first(memory_store, library()["cover-pages"].text, {"holder": person})
    assert cover.count("VALUES") == 1


def test_only_a_top_level_not_exists_is_split() -> None:
    split = split_not_exists(library()["holdings"].text)
    assert split is not None
    assert [b.shared for b in split.blocks] == [("holder", "issuer", "filing", "when")]
    assert "NOT EXISTS" not in split.outer and split.columns[0] == "holder"
    # issuer-total's is inside a subquery with GROUP BY: left to the engine
    assert split_not_exists(library()["issuer-total"].text) is None


def test_a_named_query_with_a_parameter_runs_through_the_evaluator(
    seed_store: GraphStore,
) -> None:
    table = api.run_query(seed_store, "holdings", {"holder": "Tuspark"})
    direct = _bindings(seed_store, library()["holdings"], {"holder": "Tuspark"})
    assert len(table.rows) == len(_as_written(seed_store, library()["holdings"].text, direct)) > 0
