"""One display name per entity across filings (graph.names)."""

from __future__ import annotations

from rdflib import RDFS, URIRef

from ownergraph import api
from ownergraph.api.analytics import chain
from ownergraph.graph.names import _choose, display_names
from ownergraph.graph.store import GraphStore

from .corpus import corpus_file

VIRGIN = (
    "orgron__SC13D__20191104__0001193125-19-283454__Vieco_USA_Inc__Virgin_Galactic_Holdings_Inc.txt"
)


def test_latest_filing_written_spelling_wins() -> None:
    candidates = {
        ("2019-01-01", "Old Name Corp."),
        ("2021-06-30", "NEW NAME INC"),
        ("2021-06-30", "New Name, Inc."),
    }
    assert _choose(candidates, set()) == "New Name, Inc."


def test_former_names_and_placeholders_are_never_shown() -> None:
    from ownergraph.normalize import fingerprint

    candidates = {
        ("2020-01-01", "Social Capital Hedosophia Holdings Corp."),
        ("2020-01-01", "Virgin Galactic Holdings, Inc"),
    }
    assert (
        _choose(candidates, {fingerprint("Social Capital Hedosophia Holdings Corp")})
        == "Virgin Galactic Holdings, Inc"
    )
    assert (
        _choose(
            {("2026-01-01", "EDGAR filer CIK 102909"), ("2020-01-01", "Vanguard Group Inc")}, set()
        )
        == "Vanguard Group Inc"
    )


def test_renamed_issuer_is_shown_by_its_current_name(memory_store: GraphStore) -> None:
    # the 2019 Virgin Galactic 13D names the issuer, a renamed SPAC, by its new name and
    # by two former names (SEC header FORMER CONFORMED NAME)
    assert api.load_paths(memory_store, [corpus_file(VIRGIN)]).ok
    names = display_names(memory_store)
    issuer = URIRef("https://w3id.org/ownergraph/id/cik/0001706946")
    labels = {str(o) for o in memory_store.dataset.objects(issuer, RDFS.label)}
    # a display name is chosen only when an entity has several labels; the former names
    # are former names (og:formerName), not labels of the issuer's node
    shown = names.get(issuer) or (labels.pop() if len(labels) == 1 else None)
    assert shown == "Virgin Galactic Holdings, Inc"
    assert "Social Capital Hedosophia Holdings Corp." not in names.values()
    report = chain(memory_store, "Virgin Galactic")
    assert report.entity.label == "Virgin Galactic Holdings, Inc"
    assert report.paths[0].ultimate_controller_label == "Sir Richard Branson"
