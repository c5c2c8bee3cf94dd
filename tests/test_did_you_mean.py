"""Every command that takes an entity answers a miss with the same did-you-mean list."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ownergraph.cli import cli

from .corpus import SEED


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("dym") / "s.db")
    assert CliRunner().invoke(cli, ["--store", path, "load", "-q", str(SEED)]).exit_code == 0
    return path


COMMANDS = [
    ["chain", "Tusparc Innovation"],
    ["show", "Tusparc Innovation"],
    ["query", "holdings", "-p", "holder=Tusparc Innovation"],
    ["viz", "--focus", "Tusparc Innovation", "-o", "{tmp}/v.html"],
    ["export", "--format", "bods", "--focus", "Tusparc Innovation", "-o", "{tmp}/x.json"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_miss_names_the_close_entities_with_kind(
    store: str, command: list[str], tmp_path: Path
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    result = CliRunner().invoke(cli, ["--store", store, *args])
    assert result.exit_code != 0
    line = result.output.strip().splitlines()[-1]
    assert line == (
        "error: no entity matches 'Tusparc Innovation'; "
        "did you mean: Tuspark Innovation Venture Ltd. (company)?"
    ), result.output
    assert "Traceback" not in result.output
