"""The read path: the lazy api package, ``show``'s filings, the cycle check of
``ultimate-controllers`` against its definition, and ``GraphStore.select``."""

from __future__ import annotations

import random
import subprocess
import sys

import networkx as nx
import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from ownergraph import api
from ownergraph.graph.network import bound
from ownergraph.graph.store import GraphStore

OG = Namespace("https://w3id.org/ownergraph/ontology#")
ID = "https://w3id.org/ownergraph/id/"


def test_every_public_name_of_the_api_resolves_to_its_module() -> None:
    for name in api.__all__:
        value = getattr(api, name)
        assert value is not None
        home = getattr(value, "__module__", None)
        if callable(value) and home is not None:
            assert home.startswith("ownergraph."), name
    assert set(dir(api)) >= set(api.__all__)
    with pytest.raises(AttributeError):
        _ = api.no_such_call  # type: ignore[attr-defined]


def test_importing_a_submodule_keeps_the_function_of_the_same_name() -> None:
    import ownergraph.api.demo
    import ownergraph.api.fetch
    import ownergraph.api.serve  # noqa: F401

    for name in ("fetch", "demo", "serve"):
        assert callable(getattr(api, name)), name
        assert not isinstance(getattr(api, name), type(sys)), name


def _last_line(code: str) -> str:
    """The last line ``python -c code`` prints, in a new process."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_the_api_package_imports_no_module_of_its_own_until_asked() -> None:
    probe = (
        "import sys, ownergraph.api; "
        "print(sorted(m for m in sys.modules if m.startswith('ownergraph.api.')), "
        "'networkx' in sys.modules, 'rdflib' in sys.modules)"
    )
    assert _last_line(probe) == "[] False False"


def _entity(g: Graph, n: int) -> URIRef:
    iri = URIRef(f"{ID}cik/{n:010d}")
    g.add((iri, RDF.type, OG.Company))
    g.add((iri, RDFS.label, Literal(f"Entity Number {n} Inc.")))
    g.add((iri, OG.fingerprint, Literal(f"entity number {n}")))
    for token in ("entity", "number", str(n)):
        g.add((iri, OG.nameToken, Literal(token)))
    return iri


def _filing(g: Graph, n: int, issuer: URIRef, people: list[URIRef]) -> URIRef:
    f = URIRef(f"{ID}filing/0000000000-26-{n:06d}")
    g.add((f, RDF.type, OG.Filing))
    g.add((f, RDFS.label, Literal(f"SC 13D {n}")))
    g.add((f, OG.form, Literal("SC 13D")))
    g.add((f, OG.issuer, issuer))
    for p in people:
        g.add((f, OG.reportingPerson, p))
    return f


def test_show_lists_only_the_filings_that_name_the_entity(memory_store: GraphStore) -> None:
    g = Graph()
    a, b, c, d = (_entity(g, n) for n in (1, 2, 3, 4))
    f1 = _filing(g, 1, a, [b])
    f2 = _filing(g, 2, c, [d])  # names neither a nor b
    f3 = _filing(g, 3, c, [d])
    h = URIRef(f"{f3}/holding/1")  # a holding of f3 that names b: "named"
    g.add((h, RDF.type, OG.Holding))
    g.add((h, OG.holder, b))
    g.add((h, OG.issuer, c))
    g.add((h, OG.filing, f3))
    for f in (f1, f2, f3):
        g.add((a, OG.filing, f))  # og:filing itself does not make a filing name it
    memory_store.replace_graph(URIRef(f"{ID}graph/test"), g)

    def filings(entity: str) -> list[tuple[str, str]]:
        page = api.show(memory_store, entity)
        rows = next(t for t in page.sections if t.title == "Filings").rows
        return [(r["filing"], r["part"]) for r in rows]

    assert filings("CIK 1") == [("SC 13D 1", "issuer")]
    assert filings("CIK 2") == [("SC 13D 1", "reporting person"), ("SC 13D 3", "named")]
    # d is a reporting person of f2 and f3; its holding-free filings are not "named" too
    assert filings("CIK 4") == [("SC 13D 2", "reporting person"), ("SC 13D 3", "reporting person")]


def _ultimate(net: nx.DiGraph, target: int) -> set[int]:
    """The definition: an owner of the target above which nobody stands from outside
    its own strongly connected component."""
    comp = {n: i for i, scc in enumerate(nx.strongly_connected_components(net)) for n in scc}
    out = set()
    for c in nx.ancestors(net, target):
        members = [n for n in net if comp[n] == comp[c]]
        if all(comp[p] == comp[c] for m in members for p in net.predecessors(m)):
            out.add(c)
    return out


@pytest.mark.parametrize("seed", range(6))
def test_ultimate_controllers_match_their_definition_on_random_graphs(
    memory_store: GraphStore, seed: int
) -> None:
    rng = random.Random(seed)
    size = 9
    g = Graph()
    nodes = [_entity(g, n) for n in range(1, size + 1)]
    net = nx.DiGraph()
    net.add_nodes_from(range(1, size + 1))
    for _ in range(14):
        a, b = rng.sample(range(1, size + 1), 2)
        net.add_edge(a, b)
        g.add((nodes[a - 1], OG.owns if rng.random() < 0.6 else OG.controls, nodes[b - 1]))
    memory_store.replace_graph(URIRef(f"{ID}graph/test"), g)
    checked = 0
    for target in range(1, size + 1):
        want = {f"Entity Number {n} Inc." for n in _ultimate(net, target)}
        table = api.run_query(memory_store, "ultimate-controllers", {"entity": f"CIK {target}"})
        assert {r["controller"] for r in table.rows} == want, (seed, target)
        checked += bool(want)
    assert checked  # some targets have ultimate controllers


def test_select_reads_rows_without_rdflib_terms(memory_store: GraphStore) -> None:
    g = Graph()
    a = _entity(g, 7)
    memory_store.replace_graph(URIRef(f"{ID}graph/test"), g)
    names, rows = memory_store.select(
        bound(
            "SELECT ?label ?e WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label }",
            "e",
            str(a),
        )
    )
    assert names == ["label"]
    assert [r[0].value for r in rows] == ["Entity Number 7 Inc."]
    with pytest.raises(ValueError):
        bound("SELECT ?e WHERE { ?e ?p ?o }", "e", "urn:a> } DROP ALL #")


def test_the_command_line_imports_a_command_module_only_when_it_runs() -> None:
    import click

    from ownergraph.cli import cli

    ctx = click.Context(cli)
    names = cli.list_commands(ctx)
    assert "chain" in names and "query" in names and names == sorted(names)
    for name in names:
        command = cli.get_command(ctx, name)
        assert isinstance(command, click.Command) and command.name == name
    assert cli.get_command(ctx, "nosuch") is None
    probe = (
        "import sys\nfrom ownergraph.cli import main\nsys.argv = ['ownergraph', '--version']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('ownergraph.cli.')))"
    )
    assert _last_line(probe) == "[]"
