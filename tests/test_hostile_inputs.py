"""Hostile and broken input files: one clear error naming the file, nothing lost.

The crafted inputs live in tests/hostile/ (small, written for these tests); re-encoded
copies of the seed and of corpus filings are made at test time.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from ownergraph import api
from ownergraph.cli import cli
from ownergraph.errors import InputTooLargeError, LoadError, NotAFilingError
from ownergraph.graph.build import build_graph
from ownergraph.graph.store import GraphStore
from ownergraph.loaders import load_bytes, load_file
from ownergraph.record import Filing

from .corpus import SEED, corpus_file
from .listener import Listener

HOSTILE = Path(__file__).resolve().parent / "hostile"

#: file -> words its one-line reason must contain
BAD_FILES = {
    "empty.txt": "empty",
    "binary.bin": "binary",
    "notafiling.txt": "not a Schedule 13D/13G",
    "bomb.xml": "entities",
    "external_entity.xml": "entities",
    "truncated.xml": "malformed XML",
    "truncated.html": "not a Schedule 13D/13G",
    "truncated.sgml": "no <DOCUMENT>",
}


def _quads(store: GraphStore) -> set[str]:
    return {str(q) for q in store.iter_quads()}


@pytest.fixture(scope="module")
def seeded_store() -> Iterator[GraphStore]:
    """The seed in memory, shared by the module: every test asserts it is unchanged."""
    store = api.open_store(None)
    assert api.load_paths(store, [SEED]).ok
    yield store
    store.close()


# -- each bad file: one clear error, the store as it was -----------------------


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gives_one_clear_error_and_leaves_the_store(
    name: str, seeded_store: GraphStore
) -> None:
    path = HOSTILE / name
    with pytest.raises(LoadError) as info:
        load_file(path)
    message = str(info.value)
    assert message.startswith(str(path) + ": ")
    assert BAD_FILES[name] in message
    assert "\n" not in message and "Traceback" not in message
    before = _quads(seeded_store)
    report = api.load_paths(seeded_store, [path])
    assert [p for p, _ in report.failed] == [str(path)]
    assert _quads(seeded_store) == before


def test_cli_batch_goes_on_names_each_bad_file_and_exits_1(tmp_path: Path) -> None:
    store = tmp_path / "store"
    bad = [str(HOSTILE / n) for n in sorted(BAD_FILES)]
    result = CliRunner().invoke(cli, ["--store", str(store), "load", *bad, str(SEED)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "1 filing(s) loaded" in result.output
    assert f"{len(bad)} failed" in result.output
    for path in bad:  # each failure is printed with its file name
        assert Path(path).name in result.output
    with GraphStore.open(store, read_only=True) as s:
        assert len(s.graph_names()) == 1


# -- other encodings load with the same facts ------------------------------------


def _same_record(a: Filing, b: Filing) -> None:
    b2 = dataclasses.replace(b, sha256=a.sha256, path=a.path)
    assert a == b2


def _graph_text(filing: Filing) -> set[str]:
    name, graph = build_graph(filing)
    text = graph.serialize(format="nt").replace(str(name), "GRAPH")
    return set(text.replace(filing.sha256 or "", "SHA").splitlines())


def _latin1_safe(text: str) -> str:
    table = {"“": '"', "”": '"', "’": "'"}
    return "".join(table.get(c, c) for c in text if ord(c) < 256 or c in table)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16", "utf-8-sig", "utf-16-be-bom"])
def test_seed_in_other_encodings_gives_the_same_filing(encoding: str) -> None:
    text = _latin1_safe(SEED.read_text(encoding="utf-8"))
    original = load_bytes(text.encode("utf-8"), name="seed.md")
    if encoding == "utf-16-be-bom":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    assert data != text.encode("utf-8")
    other = load_bytes(data, name="seed.md")
    _same_record(original, other)
    assert _graph_text(original) == _graph_text(other)


def test_full_seed_in_utf16_keeps_its_chinese_text() -> None:
    original = load_file(SEED)
    other = load_bytes(SEED.read_text(encoding="utf-8").encode("utf-16"), name=str(SEED))
    _same_record(original, other)
    assert _graph_text(original) == _graph_text(other)


@pytest.mark.corpus
@pytest.mark.parametrize(
    "name",
    [
        "edgartools__SC13G_html__SC-13G-DOCUMENT.html",
        "deanshelton__SCHEDULE13G_txt-sgml__0001815572-25-000002__Askeladden__FitLife.txt",
        "edgartools__SCHEDULE13D_xml__BML_Investment__Aadi_Bioscience.xml",
    ],
)
def test_corpus_filing_in_utf16_and_cp1252_gives_the_same_filing(name: str) -> None:
    path = corpus_file(name)
    data = path.read_bytes()
    original = load_bytes(data, name=name)
    text = data.decode("utf-8")
    for encoded in (text.encode("utf-16"), _latin1_safe(text).encode("cp1252")):
        other = load_bytes(encoded, name=name)
        if encoded[:2] == b"\xff\xfe":
            _same_record(original, other)
            assert _graph_text(original) == _graph_text(other)
        else:
            assert other.cover_pages == original.cover_pages or text != _latin1_safe(text)


# -- XML: no entity expansion, no file read, no network ----------------------------


@pytest.mark.timeout(10)
def test_entity_bomb_is_refused_quickly() -> None:
    start = time.monotonic()
    with pytest.raises(LoadError, match="entities"):
        load_file(HOSTILE / "bomb.xml")
    assert time.monotonic() - start < 5


def _xml(prolog: str, issuer: str, person: str) -> str:
    return f"""<?xml version="1.0"?>
{prolog}
<edgarSubmission xmlns="http://www.sec.gov/edgar/schedule13D">
  <headerData><submissionType>SCHEDULE 13D</submissionType></headerData>
  <formData><coverPageHeader><securitiesClassTitle>Common</securitiesClassTitle>
    <issuerInfo><issuerCIK>0001234567</issuerCIK><issuerCUSIP>90138A103</issuerCUSIP>
      <issuerName>{issuer}</issuerName></issuerInfo></coverPageHeader>
    <reportingPersons><reportingPersonInfo><reportingPersonName>{person}</reportingPersonName>
      <aggregateAmountOwned>100</aggregateAmountOwned><percentOfClass>5.5</percentOfClass>
    </reportingPersonInfo></reportingPersons></formData>
</edgarSubmission>
"""


def _variants(marker_file: Path, dtd_file: Path, port: int) -> dict[str, str]:
    url = f"http://127.0.0.1:{port}"
    return {
        "file entity": _xml(
            f'<!DOCTYPE edgarSubmission [<!ENTITY m SYSTEM "file://{marker_file}">]>', "&m;", "A"
        ),
        "network entity": _xml(
            f'<!DOCTYPE edgarSubmission [<!ENTITY n SYSTEM "{url}/e">]>', "Issuer Inc", "&n;"
        ),
        "parameter entity": _xml(
            f'<!DOCTYPE edgarSubmission [<!ENTITY % p SYSTEM "{url}/p.dtd"> %p;]>', "I", "P"
        ),
        "external DTD (file)": _xml(
            f'<!DOCTYPE edgarSubmission SYSTEM "file://{dtd_file}">', "&m;", "Person"
        ),
        "external DTD (network)": _xml(
            f'<!DOCTYPE edgarSubmission SYSTEM "{url}/x.dtd">', "Issuer Inc", "&n;"
        ),
        "public DTD (network)": _xml(
            f'<!DOCTYPE edgarSubmission PUBLIC "-//X//DTD X//EN" "{url}/y.dtd">', "I Inc", "P"
        ),
        "xinclude": _xml(
            "",
            f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://{marker_file}" parse="text"/>',
            f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{url}/inc" parse="text"/>',
        ),
    }


def _sgml_wrapping(xml: str) -> str:
    return (
        "<SEC-DOCUMENT>0000950123-22-000002.txt : 20220301\n<SEC-HEADER>\n"
        "ACCESSION NUMBER:\t\t0000950123-22-000002\nCONFORMED SUBMISSION TYPE:\tSCHEDULE 13D\n"
        "</SEC-HEADER>\n<DOCUMENT>\n<TYPE>SCHEDULE 13D\n<SEQUENCE>1\n<FILENAME>primary_doc.xml\n"
        f"<TEXT>\n<XML>\n{xml}</XML>\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    )


def test_external_entities_are_never_read_or_fetched(tmp_path: Path) -> None:
    marker = "OWNERGRAPH-SECRET-MARKER-7f3a9c"
    marker_file = tmp_path / "secret.txt"
    marker_file.write_text(marker)
    dtd_file = tmp_path / "evil.dtd"
    dtd_file.write_text(f'<!ENTITY m "{marker}">')
    listener = Listener()
    outcomes: dict[str, str] = {}
    try:
        for label, xml in _variants(marker_file, dtd_file, listener.port).items():
            for wrapper, text in (("xml", xml), ("sgml", _sgml_wrapping(xml))):
                store = api.open_store(None)
                try:
                    filing = load_bytes(text.encode("utf-8"), name=f"{label}.{wrapper}")
                except LoadError as e:
                    outcomes[f"{label}/{wrapper}"] = "refused"
                    assert marker not in str(e)
                    continue
                finally:
                    store.close()
                outcomes[f"{label}/{wrapper}"] = "loaded"
                assert marker not in repr(filing), label
                _, graph = build_graph(filing)
                assert marker not in graph.serialize(format="nt"), label
    finally:
        connections = listener.close()
    print(outcomes)
    assert connections == 0, f"a loader connected to the network: {outcomes}"
    assert outcomes["file entity/xml"] == "refused"
    assert outcomes["network entity/xml"] == "refused"


# -- oversized input ---------------------------------------------------------------


@pytest.mark.timeout(20)
def test_oversized_file_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # a sparse 20 GB file: reading it would take minutes
        fh.truncate(20 * 1024**3)
    reads: list[Path] = []
    real = Path.read_bytes

    def spy(self: Path) -> bytes:
        reads.append(self)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    start = time.monotonic()
    with pytest.raises(InputTooLargeError, match="over the limit"):
        load_file(huge)
    assert time.monotonic() - start < 2
    assert reads == []
    with pytest.raises(InputTooLargeError, match="over the limit of 1,000 bytes"):
        load_file(SEED, max_bytes=1000)


def test_cli_max_bytes_option_and_environment(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    result = CliRunner().invoke(cli, ["--store", store, "load", "--max-bytes", "1000", str(SEED)])
    assert result.exit_code == 1
    assert "over the limit of 1,000 bytes" in result.output
    import subprocess
    import sys

    env = dict(os.environ, OWNERGRAPH_MAX_BYTES="2000")
    proc = subprocess.run(
        [sys.executable, "-m", "ownergraph", "--store", store, "load", str(SEED)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 1
    assert "over the limit of 2,000 bytes" in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


def test_special_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file"):
        load_file(tmp_path / "missing.txt")
    with pytest.raises(LoadError, match=r"not a regular file|directory"):
        load_file(tmp_path)
    fifo = tmp_path / "fifo.txt"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
        with pytest.raises(LoadError, match="not a regular file"):
            load_file(fifo)  # would block forever if it were opened


# -- numbers that do not parse, out-of-range values: warnings, never a crash ---------


def test_bad_numbers_are_warnings_on_the_facts() -> None:
    filing = load_file(HOSTILE / "bad_numbers.md")
    (cover,) = filing.cover_pages
    assert cover.sole_voting is None and cover.sole_dispositive is None  # "12,3,4"
    joined = " | ".join(cover.warnings)
    assert "12,3,4" in joined
    assert "150%" in joined and "out of range" in joined
    assert "negative" in joined and "-5,000" in joined
    _, graph = build_graph(filing)
    assert len(graph) > 0


def test_script_injection_filing_loads_as_inert_text() -> None:
    filing = load_file(HOSTILE / "script_injection.md")
    names = [e.name for e in filing.entities.values()]
    assert names and all("<script" not in n and "onerror=" not in n for n in names)
    store = api.open_store(None)
    report = api.load_paths(store, [HOSTILE / "script_injection.md"])
    assert report.ok, report.failed
    store.close()


def test_not_a_filing_is_its_own_error_type() -> None:
    with pytest.raises(NotAFilingError):
        load_file(HOSTILE / "notafiling.txt")


@pytest.mark.parametrize("field", ["CENTRAL INDEX KEY:", "IRS NUMBER:", "PUBLIC DOCUMENT COUNT:"])
def test_digit_runs_beyond_int_limits_are_misreads_not_crashes(field: str) -> None:
    # regression (fuzzer): a header number of 15,000 digits made int() raise ValueError
    data = corpus_file(
        "orgron__SC13D-A__19940323__0000895345-94-000020__GOLDMAN_SACHS_GROUP_LP__USG_CORP.txt"
    ).read_bytes()
    lines = data.split(b"\n")
    hit = [i for i, line in enumerate(lines) if field.encode() in line]
    assert hit, f"this header has no {field} line"
    lines[hit[0]] = field.encode() + b"\t" + b"7" * 15000
    try:
        filing = load_bytes(b"\n".join(lines), name="huge-number.txt")
    except LoadError as e:
        assert "could not be read as" not in str(e), str(e)
    else:
        assert all(e.cik is None or len(e.cik) == 10 for e in filing.entities.values())
