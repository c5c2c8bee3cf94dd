"""A private-placement CUSIP ("00279#AA8": ``#``, ``*`` and ``@`` stand in a PPN) once
ended the whole batch with a ``ValueError`` traceback while the resolver looked for
entity nodes named by the CUSIP: the filing now loads, and a resolver failure of any
kind fails only its file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ownergraph import api
from ownergraph.graph.resolve import IdentityResolver

from .corpus import SHARED

REAL = (
    SHARED
    / "corpus-2026"
    / "filings"
    / "friedmanRE__SCHEDULE13G__2026__0000905148-26-000089.primary_doc.xml"
)


def test_a_cusip6_with_a_ppn_character_names_no_node(tmp_path: Path) -> None:
    store = api.open_store(tmp_path / "s")
    try:
        resolver = IdentityResolver(store)
        assert resolver._name_nodes([], ["00279#"]) == set()
    finally:
        store.close()


def test_the_real_ppn_filing_loads(tmp_path: Path) -> None:
    if not REAL.is_file():
        pytest.skip(
            f"{REAL} is absent: the real private-placement filing is in ../shared/corpus-2026"
        )
    store = api.open_store(tmp_path / "s")
    try:
        report = api.load_paths(store, [REAL])
        assert report.failed == []
        assert [f.issuer for f in report.loaded] == ["abrdn Income Credit Strategies Fund"]
        assert report.loaded[0].reporting_persons == 1
    finally:
        store.close()


def test_a_resolver_bug_fails_its_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = Path(__file__).resolve().parents[1] / "examples" / "21vianet-schedule-13d-a-2021.md"

    def broken(self: IdentityResolver, name: object, triples: object) -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setattr(IdentityResolver, "plan", broken)
    store = api.open_store(tmp_path / "s")
    try:
        report = api.load_paths(store, [seed])
        assert report.loaded == []
        [(path, reason)] = report.failed
        assert path == str(seed) and "RuntimeError: boom" in reason
        assert len(store) == 0
    finally:
        store.close()
