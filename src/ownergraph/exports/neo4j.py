"""``nodes.csv`` and ``edges.csv`` with the headers ``neo4j-admin database import`` reads.

``nodes.csv``: ``id:ID`` (the IRI), ``:LABEL`` (``Person;LegalEntity`` or
``Company;LegalEntity`` ...), ``name``, ``kind``, ``cik``, ``lei``, ``cusip6:string[]``,
``jurisdiction``, ``aliases:string[]`` (arrays split on ``;``, the importer's default).

``edges.csv``: ``:START_ID``, ``:END_ID``, ``:TYPE`` (``OWNS``, ``CONTROLS``, ``ROLE_IN``,
``NOMINATED_TO_BOARD_OF``, ``SOLD_TO``), ``id`` (the holding, control, role or
transaction IRI), ``kind``, ``shares:long`` and the voting and dispositive powers as
``long`` (whole share counts only), ``date:date``, and the provenance ``filing``,
``filing_label``, ``accession``, ``sec_url``, ``section``, ``quote``.

Exactness: the data holds no floats, and the importer's ``float``/``double`` would make
binary fractions of them, so percentages, prices and money are ``:string`` columns holding
the exact decimal text (``11.4``, ``350000000.46``); convert in Cypher with
``toFloat()`` only where approximate arithmetic is acceptable. A fractional share count
goes to ``shares_exact:string`` (and ``shares:long`` stays empty). Spreadsheets, DuckDB
(``read_csv``) and Kuzu read the same files.

May import: :mod:`ownergraph.exports.reader`, the standard library and the foundation.

Examples
--------
>>> import io
>>> from decimal import Decimal
>>> from ownergraph.exports.reader import sample_data
>>> data = sample_data(percent_of_class=Decimal("60.5"), shares=100)
>>> nodes, edges = io.StringIO(), io.StringIO()
>>> write_csv_files(data, nodes, edges)
(2, 1)
>>> edges.getvalue().splitlines()[0].split(",")[:6]
[':START_ID', ':END_ID', ':TYPE', 'id', 'kind', 'shares:long']
>>> "60.5" in edges.getvalue().splitlines()[1]
True
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from ownergraph.errors import OwnergraphError
from ownergraph.exports.reader import Entity, ExportData, Relation

__all__ = ["EDGE_HEADER", "NODE_HEADER", "write_csv_dir", "write_csv_files"]

NODE_HEADER = [
    "id:ID",
    ":LABEL",
    "name",
    "kind",
    "cik",
    "lei",
    "cusip6:string[]",
    "jurisdiction",
    "aliases:string[]",
]

EDGE_HEADER = [
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "id",
    "kind",
    "shares:long",
    "shares_exact:string",
    "sole_voting:long",
    "shared_voting:long",
    "sole_dispositive:long",
    "shared_dispositive:long",
    "percent_of_class:string",
    "percent_of_total:string",
    "percent_of_voting:string",
    "percent:string",
    "direct",
    "share_class",
    "title",
    "price_per_share:string",
    "amount:string",
    "currency",
    "status",
    "date:date",
    "filing",
    "filing_label",
    "accession",
    "sec_url",
    "section",
    "quote",
]

_TYPES = {
    "holding": "OWNS",
    "control": "CONTROLS",
    "role": "ROLE_IN",
    "nomination": "NOMINATED_TO_BOARD_OF",
    "transaction": "SOLD_TO",
}


def _labels(e: Entity) -> str:
    if e.is_person:
        return "Person;LegalEntity"
    main = {"company": "Company", "fund": "Company", "government": "Organization"}.get(e.kind)
    return f"{main};LegalEntity" if main else "LegalEntity"


def _node_row(e: Entity) -> list[str]:
    return [
        e.iri,
        _labels(e),
        e.name,
        e.kind,
        e.cik or "",
        e.lei or "",
        ";".join(e.cusip6),
        e.jurisdiction or e.citizenship or "",
        ";".join(a.replace(";", ",") for a in e.aliases),
    ]


def _exact(value: Any) -> str:
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return format(Decimal(value), "f")
    return ""


def _whole(value: Any) -> str:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else ""


def _edge_row(rel: Relation, data: ExportData) -> list[str]:
    v = rel.values
    raw = v.get("kind") or []
    kinds = raw if isinstance(raw, list) else [raw]
    direct = v.get("direct")
    filing = data.filing_of(rel)
    shares = v.get("shares")
    return [
        rel.source,
        rel.target,
        _TYPES[rel.kind],
        rel.iri,
        "; ".join(str(k) for k in kinds),
        _whole(shares),
        _exact(shares),
        _whole(v.get("sole_voting")),
        _whole(v.get("shared_voting")),
        _whole(v.get("sole_dispositive")),
        _whole(v.get("shared_dispositive")),
        _exact(v.get("percent_of_class")),
        _exact(v.get("percent_of_total")),
        _exact(v.get("percent_of_voting")),
        _exact(v.get("percent")),
        "" if direct is None else ("direct" if direct else "indirect"),
        str(v.get("share_class_label") or ""),
        str(v.get("title") or ""),
        _exact(v.get("price_per_share")),
        _exact(v.get("amount")),
        str(v.get("currency") or ""),
        str(v.get("status") or ""),
        rel.date or "",
        rel.filing or "",
        filing.label if filing else "",
        (filing.accession or "") if filing else "",
        (filing.url or "") if filing else "",
        rel.section or "",
        rel.quote or "",
    ]


def write_csv_files(data: ExportData, nodes: IO[str], edges: IO[str]) -> tuple[int, int]:
    """Write the node and edge rows to two open text files; returns (nodes, edges)."""
    nw = csv.writer(nodes, lineterminator="\n")
    nw.writerow(NODE_HEADER)
    for iri in sorted(data.entities):
        nw.writerow(_node_row(data.entities[iri]))
    ew = csv.writer(edges, lineterminator="\n")
    ew.writerow(EDGE_HEADER)
    for rel in data.relations:
        ew.writerow(_edge_row(rel, data))
    return len(data.entities), len(data.relations)


def write_csv_dir(data: ExportData, folder: Path) -> tuple[int, int]:
    """Write ``nodes.csv`` and ``edges.csv`` into ``folder`` (created when missing,
    if its parent exists); returns (nodes, edges).

    Raises
    ------
    OwnergraphError
        when the folder cannot be made or the files cannot be written.
    """
    try:
        if not folder.parent.is_dir():
            raise OwnergraphError(
                f"cannot write {folder}: the folder {folder.parent} does not exist"
            )
        folder.mkdir(exist_ok=True)
        with (
            (folder / "nodes.csv").open("w", encoding="utf-8", newline="") as n,
            (folder / "edges.csv").open("w", encoding="utf-8", newline="") as e,
        ):
            return write_csv_files(data, n, e)
    except OSError as err:
        raise OwnergraphError(f"cannot write {folder}: {err.strerror or err}") from None
