"""The whole corpus (../shared/corpus/filings) exported in every format and validated by
the consuming libraries; the corpus store is the session's (``corpus_store_loaded``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ownergraph import api
from ownergraph.exports import read_export
from ownergraph.exports.graphs import to_networkx
from ownergraph.graph.store import GraphStore

from .exports_check import bods_errors, check_csv, check_ftm, load_bods, read_graph

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


@pytest.fixture(scope="module")
def corpus_store(corpus_store_loaded: tuple[GraphStore, api.LoadReport]) -> GraphStore:
    """The session's corpus store (read-only), loaded once for every module that reads it."""
    store, report = corpus_store_loaded
    assert len(report.loaded) > 100, report.failed
    return store


@pytest.fixture(scope="module")
def corpus_exports(
    corpus_store: GraphStore, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("corpus-exports")
    names = {
        "bods": "c.json",
        "ftm": "c.ftm.json",
        "gexf": "c.gexf",
        "graphml": "c.graphml",
        "csv": "csv",
    }
    for fmt, name in names.items():
        api.export_graph(corpus_store, fmt, folder / name)
    return {fmt: folder / name for fmt, name in names.items()}


def test_corpus_bods_valid(corpus_exports: dict[str, Path], corpus_store: GraphStore) -> None:
    assert bods_errors(corpus_exports["bods"]) == []
    statements = load_bods(corpus_exports["bods"])
    data = read_export(corpus_store)
    parties = [s for s in statements if s["recordType"] in ("entity", "person")]
    assert len(parties) == len(data.entities)
    relationships = [s for s in statements if s["recordType"] == "relationship"]
    assert len(relationships) > 500
    holdings = [
        s for s in relationships if any("share" in i for i in s["recordDetails"]["interests"])
    ]
    assert len(holdings) > 200
    with_accession = [s for s in relationships if "accession" in s["source"].get("description", "")]
    assert len(with_accession) > len(relationships) // 2


def test_corpus_ftm_valid(corpus_exports: dict[str, Path]) -> None:
    proxies = check_ftm(corpus_exports["ftm"])
    schemata = {p.schema.name for p in proxies}
    assert {"Company", "Person", "Ownership", "Directorship", "Security"} <= schemata
    ciks = [p for p in proxies if p.schema.name == "Company" and p.first("cikCode")]
    assert len(ciks) > 100


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_corpus_graphs_read_back(
    corpus_exports: dict[str, Path], corpus_store: GraphStore, fmt: str
) -> None:
    expected = to_networkx(read_export(corpus_store))
    g = read_graph(corpus_exports[fmt])
    assert (g.number_of_nodes(), g.number_of_edges()) == (
        expected.number_of_nodes(),
        expected.number_of_edges(),
    )
    assert expected.number_of_edges() > 500


def test_corpus_csv(corpus_exports: dict[str, Path], corpus_store: GraphStore) -> None:
    nodes, edges = check_csv(corpus_exports["csv"])
    data = read_export(corpus_store)
    assert (len(nodes), len(edges)) == (len(data.entities), len(data.relations))
    assert sum(1 for r in edges if r["accession"]) > len(edges) // 2
