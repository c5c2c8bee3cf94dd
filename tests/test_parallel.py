"""The parallel test run: its settings, and the grouping that builds heavy fixtures once."""

from __future__ import annotations

import re
import tomllib

from .conftest import worker_group
from .corpus import REPO, WORKER_GROUPS


def test_every_grouped_module_exists() -> None:
    missing = [m for m in WORKER_GROUPS if not (REPO / m).is_file()]
    assert not missing, f"tests.corpus.WORKER_GROUPS names modules that are gone: {missing}"


def test_every_user_of_the_session_corpus_store_is_in_its_group() -> None:
    # a module asks for the fixture by naming it as a parameter
    users = sorted(
        f"tests/{p.name}"
        for p in (REPO / "tests").glob("test_*.py")
        if re.search(r"\bcorpus_store_loaded\s*:", p.read_text(encoding="utf-8"))
    )
    assert len(users) >= 2
    assert {worker_group(f"{u}::t") for u in users} == {"corpus-store"}, users


def test_the_suite_runs_in_two_processes_with_xdist_in_the_dev_extras() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    addopts = project["tool"]["pytest"]["ini_options"]["addopts"].split()
    assert addopts[addopts.index("-n") + 1] == "2"
    assert "--no-loadscope-reorder" in addopts and "-rs" in addopts
    assert any(
        d.startswith("pytest-xdist") for d in project["project"]["optional-dependencies"]["dev"]
    )


def test_modules_are_whole_units_of_work() -> None:
    assert worker_group("tests/test_store.py::test_a") == worker_group(
        "tests/test_store.py::test_b"
    )
    assert worker_group("src/ownergraph/output.py::ownergraph.output") == "src/ownergraph/output.py"
    assert worker_group("tests/test_exports_corpus.py::x") == worker_group(
        "tests/test_load_equivalence.py::y"
    )
