"""``ownergraph chain`` and ``ownergraph show`` through click's CliRunner, on the seed."""

from __future__ import annotations

import csv
import gc
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ownergraph.cli import cli

from .corpus import SEED


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("chain") / "og.db"
    result = CliRunner().invoke(cli, ["--store", str(store), "load", str(SEED)])
    assert result.exit_code == 0, result.output
    return store


def _run(store: Path, *args: str) -> str:
    # a closed store's Oxigraph handle is released only when garbage-collected (reference
    # cycles), so a second in-process command on the same directory would find it locked
    gc.collect()
    result = CliRunner().invoke(cli, ["--store", str(store), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_chain_json(store_dir: Path) -> None:
    data = json.loads(_run(store_dir, "chain", "21Vianet Group", "--format", "json"))
    assert len(data) == 1
    p = data[0]
    assert p["path"] == [
        "Tus-Holdings Co., Ltd.",
        "Tuspark Innovation Venture Ltd.",
        "21Vianet Group, Inc.",
    ]
    assert p["ultimate_controller"] == "Tus-Holdings Co., Ltd."
    first, second = p["links"]
    assert (first["kind"], first["percent_of_class"], first["passes_whole_stake"]) == (
        "wholly owned",
        100,
        True,
    )
    assert (second["percent_of_class"], second["percent_of_total"]) == (11.4, 11.0)
    assert second["percent_of_voting"] == 8.0
    assert second["filing"].startswith("SCHEDULE 13D/A")
    assert p["effective_percent"] == 11.4
    assert any("whole stake" in n for n in p["notes"])


def test_chain_json_keeps_exact_decimals(store_dir: Path) -> None:
    out = _run(store_dir, "chain", "21Vianet Group", "--format", "json")
    assert '"percent_of_total": 11.0' in out
    assert '"percent_of_voting": 8.0' in out


def test_chain_table_and_csv(store_dir: Path) -> None:
    out = _run(store_dir, "chain", "21Vianet Group")
    assert "Tus-Holdings Co., Ltd." in out and "Tuspark Innovation Venture Ltd." in out
    assert "11.4% of class" in out and "11.0% of all shares" in out
    assert "8.0% of voting power" in out
    assert "passes on the whole stake" in out
    rows = list(
        csv.DictReader(io.StringIO(_run(store_dir, "chain", "21Vianet", "--format", "csv")))
    )
    assert [(r["from"], r["to"]) for r in rows] == [
        ("Tus-Holdings Co., Ltd.", "Tuspark Innovation Venture Ltd."),
        ("Tuspark Innovation Venture Ltd.", "21Vianet Group, Inc."),
    ]
    assert rows[1]["percent_of_class"] == "11.4"
    assert rows[1]["effective_percent_of_voting"] == "8.0"


def test_chain_down_and_as_of(store_dir: Path) -> None:
    data = json.loads(
        _run(store_dir, "chain", "Tus-Holdings", "--direction", "down", "--format", "json")
    )
    assert [p["path"][-1] for p in data] == ["21Vianet Group, Inc."]
    before = _run(store_dir, "chain", "21Vianet", "--as-of", "2020-01-01", "--format", "json")
    assert json.loads(before) == []
    assert "Nothing in the store" in _run(store_dir, "chain", "21Vianet", "--as-of", "2020-01-01")


def test_chain_errors_are_one_line(store_dir: Path) -> None:
    gc.collect()
    result = CliRunner().invoke(cli, ["--store", str(store_dir), "chain", "Lu"])
    assert result.exit_code == 1
    assert "did you mean" in result.output and "Traceback" not in result.output
    gc.collect()
    result = CliRunner().invoke(cli, ["--store", str(store_dir), "chain", "x", "--as-of", "May"])
    assert result.exit_code == 2


def test_show_tuspark(store_dir: Path) -> None:
    out = _run(store_dir, "show", "Tuspark")
    assert "Tus-Holdings Co., Ltd." in out  # its controller
    assert "wholly owned" in out
    assert "Chuilan ZENG" in out  # its officer
    assert "Share Repurchase Agreement" in out and "Beacon Capital Group Inc." in out
    data = json.loads(_run(store_dir, "show", "Tuspark", "--format", "json"))
    assert data["entity"] == "Tuspark Innovation Venture Ltd."
    assert [r["controller"] for r in data["Controllers"]] == ["Tus-Holdings Co., Ltd."]
    assert {r["person"] for r in data["People in roles"]} == {"Chuilan ZENG"}
    assert {r["counterparties"] for r in data["Agreements"]} >= {
        "21Vianet Group, Inc.",
        "Beacon Capital Group Inc.",
    }
    assert {r["buyer"] for r in data["Transactions"]} >= {
        "21Vianet Group, Inc.",
        "Beacon Capital Group Inc.",
    }
    names = {(r["field"], r["value"]) for r in data["Names and identifiers"]}
    assert ("alias", "Tuspark Innovation Venture Limited") in names
    assert ("defined as", "Tuspark") in names


def test_show_identifiers_and_csv(store_dir: Path) -> None:
    data = json.loads(_run(store_dir, "show", "90138A103", "--format", "json"))
    fields = {(r["field"], r["value"]) for r in data["Names and identifiers"]}
    assert ("CUSIP", "90138A103") in fields
    assert ("ticker", "VNET") in fields
    rows = list(csv.DictReader(io.StringIO(_run(store_dir, "show", "Tuspark", "--format", "csv"))))
    assert {r["section"] for r in rows} >= {"Controllers", "People in roles", "Agreements"}
