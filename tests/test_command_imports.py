"""What a read command's process imports: only what the command uses.

``chain``, ``show`` and the entity-parameter named queries each run as a new process
on a store on disk (the seed filing loaded); the modules the process ends with are
compared with the heavy ones none of them needs: rdflib's SPARQL engine and its
parser (the named queries run in Oxigraph), oxrdflib, the ``fingerprints`` library
with ``normality`` and PyICU (:mod:`ownergraph.normalize.fastprint` gives its keys),
the place-name libraries, the load path (readers, builders, the worker pool) and the
libraries of other commands (pyshacl, pyvis, httpx). networkx is for ``chain`` only,
which builds a graph. Also: every query shipped in the package is a SELECT without
SERVICE or LOAD (``check_query`` relies on that instead of parsing it each time).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ownergraph import api
from ownergraph.queries import library
from ownergraph.queries.guard import network_operations, parse_sparql

#: modules no read command needs (a name stands for the package and its submodules)
NEVER = (
    "rdflib.plugins.sparql",
    "pyparsing",
    "oxrdflib",
    "fingerprints",
    "normality",
    "icu",
    "nameparser",
    "countrynames",
    "pycountry",
    "pyshacl",
    "pyvis",
    "httpx",
    "lxml",
    "ownergraph.api.loading",
    "ownergraph.api.reading",
    "ownergraph.loaders",
    "ownergraph.graph.build",
    "ownergraph.viewer",
    "ownergraph.fetch",
)

_PROBE = """
import atexit, json, runpy, sys
REPORT = sys.argv[1]
def _report():
    with open(REPORT, "w") as f:
        json.dump(sorted(sys.modules), f)
atexit.register(_report)
sys.argv = ["ownergraph", *sys.argv[2:]]
runpy.run_module("ownergraph", run_name="__main__", alter_sys=True)
"""


@pytest.fixture(scope="module")
def seed_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("imports") / "store"
    with api.open_store(path) as store:
        assert not api.load_paths(store, [api.example_path()]).failed
    yield path


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of the commands: a fresh fingerprint-table cache, made once."""
    out = {**os.environ, "OWNERGRAPH_CACHE_DIR": str(tmp_path_factory.mktemp("cache"))}
    src = str(Path(api.__file__).resolve().parents[2])
    out["PYTHONPATH"] = os.pathsep.join([src, *filter(None, [os.environ.get("PYTHONPATH")])])
    warm = "from ownergraph.normalize import fastprint; print(fastprint.generate('Acme Inc'))"
    done = subprocess.run([sys.executable, "-c", warm], env=out, capture_output=True, text=True)
    assert done.stdout.strip() == "acme inc", done.stderr
    return out


def _modules(store: Path, env: dict[str, str], tmp_path: Path, *args: str) -> set[str]:
    report = tmp_path / "modules.json"
    cmd = [sys.executable, "-c", _PROBE, str(report), "--store", str(store), *args]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip(), "the command printed nothing"
    return set(json.loads(report.read_text()))


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in NEVER))


@pytest.mark.parametrize(
    "args",
    [
        ["show", "21Vianet", "--format", "json"],
        ["chain", "21Vianet", "--format", "json"],
        ["chain", "Tuspark", "--direction", "down", "--format", "json"],
        ["query", "control-chain", "-p", "entity=21Vianet", "--format", "json"],
        ["query", "ultimate-controllers", "-p", "entity=21Vianet", "--format", "json"],
        ["query", "holdings", "-p", "holder=Tuspark", "--format", "json"],
    ],
    ids=["show", "chain", "chain-down", "control-chain", "ultimate-controllers", "holdings"],
)
def test_a_read_command_imports_none_of_the_heavy_modules(
    seed_dir: Path, env: dict[str, str], tmp_path: Path, args: list[str]
) -> None:
    modules = _modules(seed_dir, env, tmp_path, *args)
    assert _heavy(modules) == []
    # chain walks a graph of graph.digraph: networkx is a quarter of a second to import
    assert "networkx" not in modules
    assert "ownergraph.api.stores" in modules  # the probe saw the command's own modules


def test_the_chain_command_walked_a_chain(seed_dir: Path, env: dict[str, str]) -> None:
    """The chain the import check ran is a real answer: the seed's paths from
    21Vianet up to its ultimate controllers."""
    cmd = [sys.executable, "-m", "ownergraph", "--store", str(seed_dir)]
    cmd += ["chain", "21Vianet", "--format", "json"]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    [path] = json.loads(done.stdout)
    assert path["path"] == [
        "Tus-Holdings Co., Ltd.",
        "Tuspark Innovation Venture Ltd.",
        "21Vianet Group, Inc.",
    ]
    assert [lk["kind"] for lk in path["links"]] == ["wholly owned", "minority stake"]
    assert path["links"][1]["shares"] == 94415771


def test_the_probe_sees_a_heavy_import(seed_dir: Path, env: dict[str, str], tmp_path: Path) -> None:
    """The check can fail: a command whose entity needs the library (a non-ASCII name)
    imports ``fingerprints``."""
    modules = _modules(seed_dir, env, tmp_path, "show", "21Vianet Gröup", "--format", "json")
    assert "fingerprints" in _heavy(modules)


@pytest.mark.parametrize("name", sorted(library()))
def test_every_shipped_query_is_a_select_without_service_or_load(name: str) -> None:
    nq = library()[name]
    parsed = parse_sparql(nq.text, name)
    assert parsed.kind == "query"
    assert network_operations(parsed) == []
    assert api.check_query(name) is False


def test_the_values_block_converts_terms_as_oxrdflib_does() -> None:
    from oxrdflib._converter import to_ox
    from rdflib import BNode, Literal, URIRef
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
    from rdflib.namespace import XSD

    from ownergraph.graph.remote import _ox

    terms = [
        URIRef("https://w3id.org/ownergraph/id/cik/0001508475"),
        BNode("b0"),
        Literal("Tuspark"),
        Literal("Tuspark", lang="en"),
        Literal("11.4", datatype=XSD.decimal),
        Literal('a "quoted"\nline'),
        DATASET_DEFAULT_GRAPH_ID,
    ]
    for term in terms:
        assert _ox(term) == to_ox(term), term
