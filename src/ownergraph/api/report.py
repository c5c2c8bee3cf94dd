"""A batch load as a document: every file's outcome, warnings and reason, for ``--report``.

May import: :mod:`ownergraph.api.loading`.

Examples
--------
>>> from ownergraph.api.loading import LoadedFiling, LoadReport
>>> r = LoadReport(loaded=[LoadedFiling("a.txt", "g", "SC 13D", "Acme", 1, 2, 30, ["w"])],
...                failed=[("b.txt", "not a Schedule 13D/13G filing")])
>>> doc = load_report_document(r, ["notes.pdf"], store="ownergraph.db")
>>> [(f["path"], f["status"]) for f in doc["files"]]
[('a.txt', 'loaded'), ('b.txt', 'failed'), ('notes.pdf', 'skipped')]
>>> doc["summary"]["warnings"], doc["files"][1]["reason"]
(1, 'not a Schedule 13D/13G filing')
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ownergraph.api.loading import LoadReport
from ownergraph.errors import OwnergraphError

__all__ = ["SKIP_REASON", "load_report_document", "write_load_report"]

#: why a directory walk leaves a file out
SKIP_REASON = "not a filing by its ending (a folder walk reads .txt .nc .htm .html .xml .md .sgml)"


def load_report_document(
    report: LoadReport, skipped: Iterable[str | Path] = (), *, store: str | None = None
) -> dict[str, Any]:
    """The report as plain JSON-ready data: a summary and one entry per file."""
    files: list[dict[str, Any]] = []
    for f in report.loaded:
        files.append({"status": "loaded", **asdict(f)})
    for path, reason in report.failed:
        files.append({"status": "failed", "path": path, "reason": reason})
    for skip in skipped:
        files.append({"status": "skipped", "path": str(skip), "reason": SKIP_REASON})
    files = [{"path": f.pop("path"), **f} for f in files]
    summary = {
        "store": store,
        "loaded": len(report.loaded),
        "failed": len(report.failed),
        "skipped": sum(1 for f in files if f["status"] == "skipped"),
        "facts": sum(f.facts for f in report.loaded),
        "warnings": sum(len(f.warnings) for f in report.loaded),
        "store_entities": report.store_entities,
        "store_holdings": report.store_holdings,
    }
    return {"summary": summary, "files": files}


def write_load_report(path: str | Path, document: dict[str, Any]) -> None:
    """Write ``document`` as JSON to ``path``; a folder that does not exist is one error."""
    target = Path(path)
    if not target.parent.is_dir():
        raise OwnergraphError(f"cannot write the report {target}: no folder {target.parent}")
    try:
        target.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
    except OSError as e:
        raise OwnergraphError(f"cannot write the report {target}: {e.strerror or e}") from e
