"""Fetching from a local EDGAR (tests/edgar_server.py): targets, filters, fair access,
retries, the cache and offline mode. No test reaches the internet."""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from ownergraph import api
from ownergraph.errors import FetchError
from ownergraph.fetch import EdgarClient, FetchSettings, TokenBucket, read_header_roles
from tests.corpus import require_corpus
from tests.edgar_server import (
    VNET_ACCESSION,
    VNET_CIK,
    Edgar,
    Submission,
    build_tree,
    corpus_submissions,
    serve,
)

BLACKROCK = (
    "1364742"  # a filer of seven 13G in the corpus (four recent, three on a continuation page)
)


@pytest.fixture(scope="module")
def subs() -> list[Submission]:
    return corpus_submissions()  # the seed's 13D/A even without ../shared/corpus


@pytest.fixture(scope="module")
def tree(subs: list[Submission]) -> Edgar:
    e = Edgar()
    build_tree(e, subs)
    return e


@pytest.fixture
def edgar(tree: Edgar) -> Iterator[Edgar]:
    yield from serve(Edgar(www=dict(tree.www), data=dict(tree.data)))


def settings(edgar: Edgar, cache: Path, **kw: object) -> FetchSettings:
    env = edgar.env()
    base = {"backoff": 0.05, "max_wait": 3.0, "timeout": 5.0}
    base.update(kw)
    return FetchSettings.from_env(env, cache_dir=cache, **base)


def by_cik(subs: list[Submission], cik: str) -> set[str]:
    return {s.accession for s in subs if cik in s.ciks}


def test_vnet_by_ticker_loads_its_13d_with_sec_addresses(edgar: Edgar, tmp_path: Path) -> None:
    store = api.open_store(None)
    report = api.fetch(store, ["VNET"], settings=settings(edgar, tmp_path))
    assert [f.ref.accession for f in report.fetched] == [VNET_ACCESSION]
    assert report.fetched[0].role == "subject"
    assert report.load is not None and [x.form for x in report.load.loaded] == ["SC 13D/A"]
    # the 6-K and 20-F in the listing are never requested
    archives = [r.path for r in edgar.requests("Archives/")]
    assert archives == [
        f"Archives/edgar/data/{VNET_CIK}/{VNET_ACCESSION.replace('-', '')}/{VNET_ACCESSION}.txt"
    ]
    rows = api.run_query(store, "sources", {}).rows
    urls = {r["url"] for r in rows}
    folder = (
        f"https://www.sec.gov/Archives/edgar/data/{VNET_CIK}/{VNET_ACCESSION.replace('-', '')}/"
    )
    assert urls == {folder + f"{VNET_ACCESSION}.txt", folder + "tm2116189d1_sc13da.txt"}
    chain = api.chain(store, "21Vianet Group").to_json_data()
    assert chain and all(
        lk["url"] == folder + f"{VNET_ACCESSION}.txt" for p in chain for lk in p["links"]
    )


def test_cik_with_continuation_page_and_zero_padding(
    edgar: Edgar, tmp_path: Path, subs: list[Submission]
) -> None:
    require_corpus()
    report = api.fetch(None, [f"000{BLACKROCK}"], load=False, settings=settings(edgar, tmp_path))
    got = {f.ref.accession for f in report.fetched}
    assert got == by_cik(subs, BLACKROCK) and len(got) == 7
    assert any("-submissions-001.json" in r.path for r in edgar.requests("submissions/"))
    assert {f.role for f in report.fetched} == {"filer"}


def test_since_skips_continuation_page(
    edgar: Edgar, tmp_path: Path, subs: list[Submission]
) -> None:
    require_corpus()
    import datetime as dt

    since = dt.date(2020, 1, 1)
    report = api.fetch(
        None, [BLACKROCK], load=False, since=since, settings=settings(edgar, tmp_path)
    )
    want = {s.accession for s in subs if BLACKROCK in s.ciks and s.filed >= since.isoformat()}
    assert {f.ref.accession for f in report.fetched} == want and want
    assert not any("-submissions-001.json" in r.path for r in edgar.requests("submissions/"))


def test_role_is_read_from_the_header(edgar: Edgar, tmp_path: Path, subs: list[Submission]) -> None:
    require_corpus()
    cik = "91576"  # subject of one corpus 13D/A and filer of another
    mine = [s for s in subs if cik in s.ciks]
    subject = {s.accession for s in mine if cik in [c for c, _ in s.subjects]}
    filer = {s.accession for s in mine if cik in [c for c, _ in s.filers]}
    assert subject and filer and not subject & filer
    s = settings(edgar, tmp_path)
    as_subject = api.fetch(None, [cik], role="subject", load=False, settings=s)
    as_filer = api.fetch(None, [cik], role="filer", load=False, settings=s)
    both = api.fetch(None, [cik], load=False, settings=s)
    assert {f.ref.accession for f in as_subject.fetched} == subject
    assert {f.ref.accession for f in as_filer.fetched} == filer
    assert {f.ref.accession for f in both.fetched} == subject | filer
    for f in both.fetched:
        assert read_header_roles(f.path).role_of(cik) == f.role


def test_forms_amendments_limit(edgar: Edgar, tmp_path: Path, subs: list[Submission]) -> None:
    require_corpus()
    s = settings(edgar, tmp_path)
    originals = api.fetch(None, [BLACKROCK], amendments=False, load=False, settings=s)
    want = {x.accession for x in subs if BLACKROCK in x.ciks and not x.form.endswith("/A")}
    assert {f.ref.accession for f in originals.fetched} == want and want
    none = api.fetch(None, [BLACKROCK], forms=["13D"], load=False, settings=s)
    assert none.fetched == []
    two = api.fetch(None, [BLACKROCK], limit=2, load=False, settings=s)
    newest = sorted((x for x in subs if BLACKROCK in x.ciks), key=lambda x: x.filed)[-2:]
    assert {f.ref.accession for f in two.fetched} == {x.accession for x in newest}


def test_accession_and_name_targets(edgar: Edgar, tmp_path: Path) -> None:
    s = settings(edgar, tmp_path)
    one = api.fetch(None, [f"{VNET_CIK}/{VNET_ACCESSION}"], load=False, settings=s)
    assert [f.ref.accession for f in one.fetched] == [VNET_ACCESSION]
    by_name = api.fetch(None, ["vnet group inc"], load=False, settings=s)
    assert [f.ref.accession for f in by_name.fetched] == [VNET_ACCESSION]


def test_ambiguous_name_gives_did_you_mean(edgar: Edgar, tmp_path: Path) -> None:
    require_corpus()
    with pytest.raises(FetchError) as e:
        api.fetch(None, ["BlackRock"], load=False, settings=settings(edgar, tmp_path))
    msg = str(e.value)
    assert "did you mean" in msg and "CIK 1364742" in msg and "CIK 2012383" in msg
    assert edgar.requests("submissions/") == []  # no silent pick


def test_index_quarter_and_range(edgar: Edgar, tmp_path: Path, subs: list[Submission]) -> None:
    require_corpus()
    s = settings(edgar, tmp_path)
    q = api.fetch(None, index="2021Q2", load=False, settings=s)
    want = {x.accession for x in subs if "2021-04-01" <= x.filed <= "2021-06-30"}
    assert {f.ref.accession for f in q.fetched} == want and VNET_ACCESSION in want
    rng = api.fetch(None, index="1994Q1:1994Q2", load=False, settings=s)
    want94 = {x.accession for x in subs if "1994-01-01" <= x.filed <= "1994-06-30"}
    assert {f.ref.accession for f in rng.fetched} == want94 and len(want94) > 2
    assert "1234567" not in "".join(
        r.path for r in edgar.requests("Archives/edgar/data/")
    )  # the 10-K


def test_rate_limit_counts_timestamps(edgar: Edgar, tmp_path: Path) -> None:
    require_corpus()
    rate = 5.0
    report = api.fetch(None, [BLACKROCK], load=False, settings=settings(edgar, tmp_path, rate=rate))
    sent = report.requests.sent
    assert len(sent) == len(edgar.requests()) >= 9
    assert min(b - a for a, b in itertools.pairwise(sent)) >= 1 / rate - 0.002
    times = sorted(r.at for r in edgar.requests())
    for i, t in enumerate(times):  # as the server counts them (arrival jitter allowed for)
        in_window = [u for u in times[i:] if u < t + 0.9]
        assert len(in_window) <= rate
    assert times[-1] - times[0] >= (len(times) - 1) / rate * 0.9


def test_rate_is_never_above_ten() -> None:
    assert FetchSettings(rate=50).rate == 10.0
    assert TokenBucket(FetchSettings(rate=50).rate).interval == pytest.approx(0.1)


def test_retries_on_429_500_and_dropped_body(
    edgar: Edgar, tmp_path: Path, subs: list[Submission]
) -> None:
    path = f"Archives/edgar/data/{VNET_CIK}/{VNET_ACCESSION.replace('-', '')}/{VNET_ACCESSION}.txt"
    edgar.fault(path, ("status", 429, {"Retry-After": "1"}), ("status", 500), ("drop", 300))
    report = api.fetch(None, ["VNET"], load=False, settings=settings(edgar, tmp_path))
    seen = edgar.requests(path)
    assert [r.status for r in seen] == [429, 500, 200, 200]
    assert seen[1].at - seen[0].at >= 0.95  # Retry-After honoured
    assert report.requests.retries == 3
    body = next(s.body for s in subs if s.accession == VNET_ACCESSION)
    got = report.fetched[0].path.read_bytes()
    assert hashlib.sha256(got).hexdigest() == hashlib.sha256(body).hexdigest()
    assert not list(report.fetched[0].path.parent.glob("*.part"))


def test_gives_up_with_one_line(edgar: Edgar, tmp_path: Path) -> None:
    path = "submissions/CIK0001508475.json"
    edgar.fault(path, *[("status", 503)] * 3)
    with pytest.raises(FetchError, match=r"answered 503; gave up after 3 tries"):
        api.fetch(None, ["VNET"], load=False, settings=settings(edgar, tmp_path, attempts=3))


def test_403_404_and_unreachable(edgar: Edgar, tmp_path: Path) -> None:
    edgar.fault("files/company_tickers.json", ("status", 403))
    with pytest.raises(FetchError, match=r"403 Forbidden.*User-Agent"):
        api.fetch(None, ["VNET"], load=False, settings=settings(edgar, tmp_path))
    with pytest.raises(FetchError, match=r"not found on EDGAR \(404\)"):
        api.fetch(
            None, ["1508475/0001104659-21-000000"], load=False, settings=settings(edgar, tmp_path)
        )
    dead = FetchSettings(
        www="http://127.0.0.1:9",
        data="http://127.0.0.1:9",
        user_agent="Ann Example ann@example.org",
        cache_dir=tmp_path / "dead",
        attempts=1,
    )
    with pytest.raises(FetchError, match=r"cannot reach 127\.0\.0\.1"):
        api.fetch(None, ["VNET"], load=False, settings=dead)


def test_no_user_agent_stops_before_any_request(edgar: Edgar, tmp_path: Path) -> None:
    import httpx

    s = FetchSettings.from_env({"OWNERGRAPH_SEC_WWW": edgar.www_url}, cache_dir=tmp_path)
    with pytest.raises(FetchError, match="OWNERGRAPH_USER_AGENT"):
        api.fetch(None, ["VNET"], load=False, settings=s)
    with pytest.raises(FetchError, match="lacks a name and an e-mail"):
        EdgarClient(FetchSettings(user_agent="python-httpx/0.28"))
    assert edgar.requests() == []
    # the local EDGAR refuses a request without one, as sec.gov does
    assert httpx.get(f"{edgar.www_url}/files/company_tickers.json").status_code == 403


def test_second_run_makes_no_archive_request_and_offline(edgar: Edgar, tmp_path: Path) -> None:
    require_corpus()
    s = settings(edgar, tmp_path)
    first = api.fetch(None, [BLACKROCK], load=False, settings=s)
    n = len(edgar.requests("Archives/"))
    assert n == first.downloaded == 7
    second = api.fetch(None, [BLACKROCK], load=False, settings=s)
    assert len(edgar.requests("Archives/")) == n  # archived filings are never fetched twice
    assert second.downloaded == 0 and len(second.fetched) == 7
    assert second.requests.revalidated == 2  # submissions and its page: 304 Not Modified
    before = len(edgar.requests())
    offline = api.fetch(
        None, [BLACKROCK], load=False, settings=settings(edgar, tmp_path, offline=True)
    )
    assert len(edgar.requests()) == before
    assert {f.ref.accession for f in offline.fetched} == {f.ref.accession for f in first.fetched}
    with pytest.raises(FetchError, match=r"offline: .* is not in the cache"):
        api.fetch(None, ["2012383"], load=False, settings=settings(edgar, tmp_path, offline=True))
