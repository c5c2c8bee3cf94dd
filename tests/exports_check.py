"""Checks of exported files through the libraries that consume them (shared by the seed
and corpus export tests): libcovebods' own BODS 0.4 JSON-schema validation (offline),
followthemoney's model, networkx's GEXF/GraphML readers, and csv against the header
format of ``neo4j-admin database import``."""

from __future__ import annotations

import csv
import json
import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import networkx as nx
from followthemoney import model

__all__ = [
    "bods_errors",
    "check_csv",
    "check_ftm",
    "load_bods",
    "no_network",
    "read_graph",
]


@contextmanager
def no_network() -> Iterator[None]:
    """Refuse every outgoing connection (the BODS validation must work offline)."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError("network access refused in tests")

    saved = socket.socket.connect, socket.create_connection
    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]
    try:
        yield
    finally:
        socket.socket.connect, socket.create_connection = saved  # type: ignore[method-assign,assignment]


def load_bods(path: Path) -> list[dict[str, Any]]:
    """The statements, numbers read as ``Decimal`` (to see exactly what was written)."""
    data = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    assert isinstance(data, list)
    return data


def bods_errors(path: Path) -> list[str]:
    """libcovebods' JSON-schema validation of the file (schema 0.4 shipped in the package)."""
    import libcovebods.config
    import libcovebods.data_reader
    import libcovebods.jsonschemavalidate
    import libcovebods.schema

    with no_network():
        reader = libcovebods.data_reader.DataReader(str(path))
        schema = libcovebods.schema.SchemaBODS(reader, libcovebods.config.LibCoveBODSConfig())
        assert schema.schema_version == "0.4", schema.schema_version
        errors = libcovebods.jsonschemavalidate.JSONSchemaValidator(schema).validate(reader)
    return [json.dumps(e.json(), default=str)[:400] for e in errors]


def check_ftm(path: Path) -> list[Any]:
    """Every line re-parsed with ``model.get_proxy``; no property lost to cleaning, every
    entity reference resolvable in the file, IDs unique. Returns the proxies."""
    proxies = []
    ids: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        raw = json.loads(line)
        as_written = model.get_proxy(raw, cleaned=True)
        cleaned = model.get_proxy(raw, cleaned=False)  # cleans: an invalid value is dropped
        assert cleaned.to_dict()["properties"] == as_written.to_dict()["properties"], (
            f"line {n}: a property does not survive followthemoney's cleaning: {raw}"
        )
        assert raw["id"] not in ids, f"line {n}: duplicate id {raw['id']}"
        ids.add(raw["id"])
        proxies.append(cleaned)
    for p in proxies:
        for prop, value in p.itervalues():
            if prop.type.name == "entity":
                assert value in ids, f"{p.schema.name} {p.id}: {prop.name} -> {value} not in file"
    return proxies


def read_graph(path: Path) -> nx.MultiDiGraph:
    """A GEXF or GraphML file read back by networkx."""
    if path.suffix == ".gexf":
        return nx.read_gexf(path)
    return nx.read_graphml(path, force_multigraph=True)


_HEADER = re.compile(
    r"^(?:[A-Za-z_][A-Za-z0-9_]*)?(?::(?:ID|LABEL|START_ID|END_ID|TYPE|string|long|int|"
    r"boolean|date|string\[\]|long\[\]))?$"
)


def check_csv(folder: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """``nodes.csv`` and ``edges.csv`` read with csv: headers in the importer's form, typed
    columns parse as their type, every edge end is a node. Returns the rows."""
    with (folder / "nodes.csv").open(encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
        fh.seek(0)
        node_header = next(csv.reader(fh))
    with (folder / "edges.csv").open(encoding="utf-8", newline="") as fh:
        edges = list(csv.DictReader(fh))
        fh.seek(0)
        edge_header = next(csv.reader(fh))
    for header in (node_header, edge_header):
        for column in header:
            assert _HEADER.match(column), f"{column!r} is not a neo4j-admin import header"
        assert not any(c.endswith((":float", ":double")) for c in header), "no float columns"
    assert node_header[0].endswith(":ID") and ":LABEL" in node_header
    assert edge_header[:3] == [":START_ID", ":END_ID", ":TYPE"]
    ids = [row[node_header[0]] for row in nodes]
    assert len(ids) == len(set(ids)), "node IDs are not unique"
    known = set(ids)
    for row in edges:
        assert row[":START_ID"] in known and row[":END_ID"] in known, row
        for column, value in row.items():
            if value and column.endswith(":long"):
                int(value)
            if value and column.endswith(":date"):
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), (column, value)
            if value and column.startswith("percent"):
                Decimal(value)
    return nodes, edges
