"""``load --verbose`` and ``--report``, and the ``warnings`` query: every file accounted for."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from ownergraph.cli import cli

from .corpus import SEED


def _folder(tmp_path: Path, copies: int) -> Path:
    """A folder of more than 20 files: copies of the seed, a stray PDF and a bad filing."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(copies):
        # a distinct file each (the graph name comes from the content hash)
        (folder / f"seed-{i:02d}.md").write_text(text + f"\n<!-- copy {i} -->\n", "utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 not a filing")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def test_verbose_prints_a_line_per_file_at_any_count_and_names_skipped(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 21)
    result = CliRunner().invoke(cli, ["--store", str(tmp_path / "b"), "load", "-v", str(folder)])
    assert result.exit_code == 1  # empty.txt failed
    lines = result.output.splitlines()
    assert sum(line.startswith("loaded ") for line in lines) == 21
    assert result.output.count("warning: the text gives more than one agreement date") == 42
    assert "skipped " in result.output and "scan.pdf" in result.output
    assert "empty.txt" in result.output and "the file is empty" in result.output


def test_report_records_every_file_with_its_warnings_and_reason(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 2)
    report = tmp_path / "report.json"
    result = CliRunner().invoke(
        cli, ["--store", str(tmp_path / "s"), "load", "--report", str(report), str(folder)]
    )
    assert result.exit_code == 1, result.output
    doc = json.loads(report.read_text(encoding="utf-8"))
    by_path = {Path(f["path"]).name: f for f in doc["files"]}
    assert set(by_path) == {"seed-00.md", "seed-01.md", "scan.pdf", "empty.txt"}
    assert by_path["seed-00.md"]["status"] == "loaded"
    assert by_path["seed-00.md"]["form"] == "SCHEDULE 13D/A"
    assert len(by_path["seed-00.md"]["warnings"]) == 4
    assert by_path["empty.txt"]["status"] == "failed"
    assert "empty" in by_path["empty.txt"]["reason"]
    assert by_path["scan.pdf"]["status"] == "skipped" and by_path["scan.pdf"]["reason"]
    assert doc["summary"]["loaded"] == 2 and doc["summary"]["failed"] == 1
    assert doc["summary"]["skipped"] == 1 and doc["summary"]["warnings"] == 8


def test_report_into_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "seed.md")
    result = CliRunner().invoke(
        cli,
        ["--store", str(tmp_path / "s"), "load", "--report", "/missing/dir/r.json", str(SEED)],
    )
    assert result.exit_code == 1
    assert "cannot write the report" in result.output and "Traceback" not in result.output


def test_warnings_query_lists_warnings_by_filing(tmp_path: Path) -> None:
    store = str(tmp_path / "s")
    assert CliRunner().invoke(cli, ["--store", store, "load", str(SEED)]).exit_code == 0
    result = CliRunner().invoke(cli, ["--store", store, "query", "warnings", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 4
    assert {r["kind"] for r in rows} == {"Agreement", "Transaction"}
    assert all(r["filing"].startswith("SCHEDULE 13D/A (Amendment No. 1)") for r in rows)
    assert any("259999999.58" in r["warning"] for r in rows)
