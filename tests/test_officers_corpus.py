"""Golden officer/director roles from a Schedule A table (loaders/officers.py)."""

from __future__ import annotations

from ownergraph import api
from ownergraph.loaders import load_file

from .corpus import corpus_file

VIRGIN = (
    "orgron__SC13D__20191104__0001193125-19-283454__Vieco_USA_Inc__Virgin_Galactic_Holdings_Inc.txt"
)


def test_virgin_galactic_schedule_a_roles() -> None:
    """Schedule A lists, per reporting company, name, occupation, business address and
    citizenship; Vieco USA, Inc.'s table starts with these three rows (read by hand)."""
    f = load_file(corpus_file(VIRGIN))
    roles = [r for r in f.roles if (r.section or "").lower().startswith("schedule a")]
    assert len(roles) == 20
    first = [
        (f.entities[r.person].name, f.entities[r.organization].name, r.title)
        for r in roles[:3]
        if r.organization is not None
    ]
    assert first == [
        ("Evan Lovell", "Vieco USA, Inc.", "Chief Investment Officer, Virgin Group"),
        ("James Cahillane", "Vieco USA, Inc.", "U.S. General Counsel, Virgin Group"),
        ("Harold Brunink", "Vieco USA, Inc.", "U.S. Assistant General Counsel, Virgin Group"),
    ]
    lovell = f.entities[roles[0].person]
    assert lovell.citizenship is not None and lovell.citizenship.code == "US"
    assert any(
        a.text == "65 Bleecker Street, 6th Floor, New York, NY 10012" for a in lovell.addresses
    )
    for r in roles:
        assert r.source is not None and r.source.quote.strip()


def test_virgin_galactic_officers_query() -> None:
    store = api.open_store(None)
    assert not api.load_paths(store, [corpus_file(VIRGIN)]).failed
    rows = api.run_query(store, "officers", {"person": "Evan Lovell"}).rows
    orgs = {str(r["organization"]) for r in rows}
    assert "Vieco USA, Inc." in orgs and "Vieco 10 Limited" in orgs
