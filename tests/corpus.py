"""Where the real filings are, for tests that read them (they skip when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

__all__ = [
    "CORPUS",
    "REPO",
    "SEED",
    "SHARED",
    "WORKER_GROUPS",
    "corpus_file",
    "corpus_files",
    "require_corpus",
]

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "filings"
SEED = REPO / "examples" / "21vianet-schedule-13d-a-2021.md"
#: test modules that a parallel run keeps on one worker, by group: those that read the
#: session's corpus store (``corpus_store_loaded`` in ``conftest.py``) build it once
WORKER_GROUPS = {
    "tests/test_exports_corpus.py": "corpus-store",
    "tests/test_load_equivalence.py": "corpus-store",
}


def require_corpus() -> Path:
    """The corpus folder, or skip the test with the reason."""
    if not CORPUS.is_dir():
        pytest.skip(f"../shared/corpus is absent (looked for {CORPUS}): real-filing tests need it")
    return CORPUS


def corpus_file(name: str) -> Path:
    """One corpus file by name, or skip when the corpus is absent."""
    path = require_corpus() / name
    if not path.is_file():
        pytest.fail(f"corpus file {name} is missing from {CORPUS}")
    return path


def corpus_files(*suffixes: str) -> list[Path]:
    """Corpus files with the given endings, sorted; empty when the corpus is absent."""
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.iterdir() if not suffixes or p.name.endswith(suffixes))
