"""The layers of ARCHITECTURE.md, checked over the source: no module imports upwards.

Every ``import`` and ``from ... import`` in ``src/ownergraph`` (at module level or inside
a function) is read with :mod:`ast`; the first component below ``ownergraph`` names the
part it reaches, and each part may reach only the parts listed for it in ``ALLOWED``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "ownergraph"

#: the foundation every part may use
BASE = {"errors", "record", "normalize", "__version__"}

#: part -> the parts it may import (besides itself and ``BASE``)
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "record": set(),
    "normalize": set(),
    "interrupt": set(),
    "output": set(),
    "ontology": set(),
    "queries": set(),
    "loaders.vocab": set(),
    "loaders.sections": {"loaders.vocab"},
    "loaders.formats": {"loaders", "loaders.sections", "loaders.vocab"},
    "loaders": {"loaders.formats", "loaders.sections", "loaders.vocab"},
    "fetch": set(),
    "graph": {"ontology", "queries", "output"},
    "viewer": {"graph", "ontology", "queries", "output"},
    "exports": {"graph", "ontology", "queries", "output"},
    "api": {
        "loaders",
        "loaders.formats",
        "loaders.sections",
        "graph",
        "ontology",
        "queries",
        "output",
        "interrupt",
        "viewer",
        "exports",
        "fetch",
    },
    "cli": {"api", "output", "interrupt"},
    "__main__": {"cli"},
    "__init__": set(),
}


def _part(parts: list[str]) -> str:
    """The part a dotted path below ``ownergraph`` belongs to."""
    if parts[0] == "loaders" and len(parts) > 1 and parts[1] in ("formats", "sections", "vocab"):
        return f"loaders.{parts[1]}"
    return parts[0].removesuffix(".py")


def _imports(path: Path) -> set[str]:
    """Every part of ownergraph that the module at ``path`` imports."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "ownergraph":
                names = [f"ownergraph.{a.name}" for a in node.names]
            elif node.module.startswith("ownergraph."):
                names = [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.startswith("ownergraph.")]
        found.update(_part(n.split(".")[1:]) for n in names)
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_part_is_declared() -> None:
    parts = {_part(list(p.relative_to(PACKAGE).parts)) for p in MODULES}
    assert parts <= set(ALLOWED), sorted(parts - set(ALLOWED))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_a_higher_layer(path: Path) -> None:
    part = _part(list(path.relative_to(PACKAGE).parts))
    allowed = ALLOWED[part] | BASE | {part}
    assert _imports(path) <= allowed, f"{part} may not import {sorted(_imports(path) - allowed)}"


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from ownergraph.graph.store import GraphStore\n")
    assert "graph" in _imports(bad)
    assert not _imports(bad) <= ALLOWED["loaders.sections"] | BASE
