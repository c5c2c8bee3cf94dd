"""Every command through click's CliRunner, on the seed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from ownergraph.cli import cli

from .corpus import SEED


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def store_dir(tmp_path: Path, runner: CliRunner) -> Path:
    store = tmp_path / "og.db"
    result = runner.invoke(cli, ["--store", str(store), "load", str(SEED)])
    assert result.exit_code == 0, result.output
    return store


def test_load_reports_what_was_loaded(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--store", str(tmp_path / "s"), "load", str(SEED)])
    assert result.exit_code == 0, result.output
    assert "SCHEDULE 13D/A on 21Vianet Group, Inc." in result.output
    assert "2 reporting person(s)" in result.output
    assert "1 filing(s) loaded" in result.output
    assert "0 failed" in result.output


def test_load_with_a_bad_file_names_it_and_exits_1(tmp_path: Path, runner: CliRunner) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("Minutes of the board meeting. Nothing about shares.")
    result = runner.invoke(cli, ["--store", str(tmp_path / "s"), "load", str(bad), str(SEED)])
    assert result.exit_code == 1
    assert "notes.txt" in result.output
    assert "not a Schedule 13D/13G filing" in result.output
    assert "1 filing(s) loaded" in result.output
    assert "Traceback" not in result.output


def test_store_from_environment(tmp_path: Path, runner: CliRunner) -> None:
    env = {"OWNERGRAPH_STORE": str(tmp_path / "env.db")}
    assert runner.invoke(cli, ["load", str(SEED)], env=env).exit_code == 0
    assert (tmp_path / "env.db").is_dir()


def test_query_json_types(store_dir: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        cli,
        [
            "--store",
            str(store_dir),
            "query",
            "holdings",
            "-p",
            "holder=Tuspark",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows[0]["holder"].startswith("Tuspark Innovation Venture")
    assert (
        rows[0]["issuer"] == "21Vianet Group, Inc."
        or rows[0]["issuer"].upper() == "21VIANET GROUP, INC."
    )
    assert rows[0]["shares"] == 94415771 and isinstance(rows[0]["shares"], int)
    assert rows[0]["percent_of_class"] == 11.4
    assert rows[0]["as_of"] == "2021-04-13"


def test_query_csv_and_table(store_dir: Path, runner: CliRunner) -> None:
    csv_out = runner.invoke(
        cli, ["--store", str(store_dir), "query", "officers", "--format", "csv"]
    )
    assert csv_out.exit_code == 0, csv_out.output
    header, *lines = csv_out.output.strip().splitlines()
    assert header.split(",")[:3] == ["organization", "person", "role"]
    assert len(lines) >= 11
    table = runner.invoke(cli, ["--store", str(store_dir), "query", "transactions"])
    assert table.exit_code == 0
    assert "65469510" in table.output.replace(",", "") or "65,469,510" in table.output


def test_query_inline_sparql_and_file(store_dir: Path, runner: CliRunner, tmp_path: Path) -> None:
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    inline = runner.invoke(cli, ["--store", str(store_dir), "query", text, "--format", "json"])
    assert inline.exit_code == 0, inline.output
    n = json.loads(inline.output)[0]["n"]
    assert n > 100
    rq = tmp_path / "count.rq"
    rq.write_text("# title: Count\n" + text)
    from_file = runner.invoke(
        cli, ["--store", str(store_dir), "query", str(rq), "--format", "json"]
    )
    assert json.loads(from_file.output)[0]["n"] == n


def test_query_refuses_update(store_dir: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--store", str(store_dir), "query", "DROP ALL"])
    assert result.exit_code == 1
    assert "refused" in result.output and "--allow-update" in result.output
    count = runner.invoke(
        cli,
        [
            "--store",
            str(store_dir),
            "query",
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
            "--format",
            "json",
        ],
    )
    assert json.loads(count.output)[0]["n"] > 100


def test_unknown_query_and_parameter(store_dir: Path, runner: CliRunner) -> None:
    unknown = runner.invoke(cli, ["--store", str(store_dir), "query", "nosuchquery"])
    assert unknown.exit_code == 1 and "unknown query 'nosuchquery'" in unknown.output
    bad = runner.invoke(cli, ["--store", str(store_dir), "query", "holdings", "-p", "colour=red"])
    assert bad.exit_code == 1 and "has no parameter 'colour'" in bad.output


def test_queries_lists_the_library(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["queries", "--format", "json"])
    assert result.exit_code == 0, result.output
    names = {q["name"] for q in json.loads(result.output)}
    assert {"holdings", "officers", "agreements", "transactions", "sources"} <= names


@pytest.mark.parametrize("fmt", ["ttl", "trig", "nq", "jsonld"])
def test_export_round_trips(store_dir: Path, runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"export.{fmt}"
    result = runner.invoke(
        cli, ["--store", str(store_dir), "export", "--format", fmt, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    rdf_format = {"ttl": "turtle", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}[fmt]
    if fmt == "ttl":
        g = Graph().parse(out, format=rdf_format)
        assert len(g) > 100
    else:
        ds = Dataset().parse(out, format=rdf_format)
        assert len(list(ds.graphs())) >= 2
        assert sum(len(g) for g in ds.graphs()) > 100


def test_python_dash_m_runs(runner: CliRunner) -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "ownergraph", "--help"], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0
    assert "load" in proc.stdout and "query" in proc.stdout


def test_demo_loads_the_seed_prints_the_chain_and_writes_a_page(
    tmp_path: Path, runner: CliRunner
) -> None:
    page = tmp_path / "demo.html"
    result = runner.invoke(cli, ["--store", str(tmp_path / "s"), "demo", "-o", str(page)])
    assert result.exit_code == 0, result.output
    assert "ultimate controller Tus-Holdings Co., Ltd." in result.output
    assert "11.4% of the class, 11.0% of all shares, 8.0% of voting power" in result.output
    assert "Beacon Capital Group Inc." in result.output
    html = page.read_text(encoding="utf-8")
    assert "Tuspark Innovation Venture Ltd." in html
    assert "https://" not in html.split("<body", 1)[0].replace("https://w3id.org", "")
    # the store keeps the seed for the next commands
    again = runner.invoke(
        cli, ["--store", str(tmp_path / "s"), "query", "holdings", "--format", "csv"]
    )
    assert "94415771" in again.output
