"""Tables fit the terminal: a short set of columns there, every column in a file or pipe,
``--columns`` to choose; ``show --format csv`` in long form."""

from __future__ import annotations

import csv
import io
import re

import pytest
from click.testing import CliRunner

from ownergraph.cli import cli
from ownergraph.queries import library

from .corpus import SEED

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cols") / "s.db")
    assert CliRunner().invoke(cli, ["--store", path, "load", "-q", str(SEED)]).exit_code == 0
    return path


def _header(output: str) -> list[str]:
    line = next(ln for ln in ANSI.sub("", output).splitlines() if ln.startswith("┃"))
    return [c.strip() for c in line.strip("┃").split("┃")]


def test_every_brief_column_is_projected_by_its_query() -> None:
    briefs = {name: q.brief for name, q in library().items() if q.brief}
    assert len(briefs) >= 10
    for name, brief in briefs.items():
        select = re.search(r"SELECT(.*?)WHERE", library()[name].text, re.S)
        assert select is not None
        projected = set(re.findall(r"\?(\w+)", select.group(1)))
        assert set(brief) <= projected, name


def test_a_terminal_gets_the_short_set_and_a_pipe_every_column(store: str) -> None:
    tty = CliRunner().invoke(
        cli, ["--store", store, "query", "holdings"], env={"FORCE_COLOR": "1", "COLUMNS": "150"}
    )
    assert tty.exit_code == 0, tty.output
    assert _header(tty.output) == list(library()["holdings"].brief)
    piped = CliRunner().invoke(cli, ["--store", store, "query", "holdings"])
    assert len(_header(piped.output)) > len(library()["holdings"].brief)
    assert "sole_dispositive" in _header(piped.output)


def test_columns_chooses_and_names_the_columns_on_a_typo(store: str) -> None:
    chosen = CliRunner().invoke(
        cli,
        ["--store", store, "query", "holdings", "--columns", "holder,shares", "--format", "csv"],
    )
    assert chosen.output.splitlines()[0] == "holder,shares"
    everything = CliRunner().invoke(
        cli,
        ["--store", store, "query", "holdings", "--columns", "all"],
        env={"FORCE_COLOR": "1", "COLUMNS": "150"},
    )
    piped = CliRunner().invoke(cli, ["--store", store, "query", "holdings"])
    assert len(_header(everything.output)) == len(_header(piped.output))  # every column
    typo = CliRunner().invoke(cli, ["--store", store, "query", "holdings", "--columns", "holdr"])
    assert typo.exit_code == 1
    assert "no column 'holdr' in this answer; its columns: holder, issuer" in typo.output


def test_show_on_a_terminal_drops_the_long_columns(store: str) -> None:
    tty = CliRunner().invoke(
        cli, ["--store", store, "show", "Tuspark"], env={"FORCE_COLOR": "1", "COLUMNS": "150"}
    )
    assert tty.exit_code == 0, tty.output
    text = ANSI.sub("", tty.output)
    headers = [
        [c.strip() for c in ln.strip("┃").split("┃")]
        for ln in text.splitlines()
        if ln.startswith("┃")
    ]
    assert ["controller", "kind", "percent"] in headers
    assert not any("percent_of_total" in h for h in headers)


def test_show_csv_is_one_row_per_field_of_each_fact(store: str) -> None:
    out = CliRunner().invoke(cli, ["--store", store, "show", "Tuspark", "--format", "csv"]).output
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["section", "fact", "item", "field", "value", "filing"]
    control = [r for r in rows if r["section"] == "Controllers"]
    assert {(r["item"], r["field"], r["value"]) for r in control} >= {
        ("Tus-Holdings Co., Ltd.", "kind", "wholly owned")
    }
    assert all(";" not in r["value"] or r["field"] == "counterparties" for r in rows)
