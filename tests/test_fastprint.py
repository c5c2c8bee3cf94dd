"""``normalize.fastprint`` gives the ``fingerprints`` library's keys exactly.

Compared with ``fingerprints.generate`` (brackets kept, both word orders) on every
company-type spelling the library knows, on crafted names with titles, punctuation and
legal forms, and on every short line of the real corpus (skipped when the corpus is
absent); also: text that is not ASCII is left to the library, and a broken or missing
cache is made again.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import fingerprints
import pytest
from fingerprints.types.data import TYPES

from ownergraph.normalize import fastprint
from ownergraph.normalize.names import entity_key, fingerprint

CORPUS = Path(__file__).resolve().parents[2] / "shared"

CRAFTED = [
    "Tuspark Innovation Venture Ltd.",
    "TUS-HOLDINGS CO., LTD.",
    "Mr. John Q. Public",
    "The Vanguard Group, Inc.",
    "Thomas H. Lee Parallel (DT) Fund VI, L.P.",
    "ASA (Bermuda) Limited",
    "Smith & Sons Limited Liability Company",
    "Acme Holdings Incorporated",
    "  Sir Elton's  ",
    "Berkshire Hathaway Inc. /DE/",
    "A",
    "..",
    "$ 100 ^ `x` ~ | <tag>",
    "Madame de la Fontaine S.A.",
    "co co co company",
    "gmbh & co. kg",
]


def _same(text: str) -> None:
    for keep_order in (False, True):
        fast = fastprint.generate(text, keep_order)
        if fast is fastprint.UNSURE:
            continue
        want = fingerprints.generate(text, keep_order=keep_order, keep_brackets=True)
        assert fast == want, (text, keep_order)


@pytest.fixture(autouse=True)
def _table() -> None:
    assert fastprint.generate("Acme Inc") == "acme inc", "no checked table on this machine"


def test_crafted_names_and_every_type_spelling_agree_with_the_library() -> None:
    spellings = [f for t in TYPES["types"] for f in (t["main"], *t["forms"]) if f.isascii()]
    assert len(spellings) > 300
    for text in CRAFTED + spellings + [f"Blue Fin {s} Partners" for s in spellings]:
        _same(text)


def test_random_ascii_agrees_with_the_library() -> None:
    rng = random.Random(11)
    alphabet = "abc xyz.,'&-()/ LTDINCCOllc" + "".join(map(chr, range(32, 127)))
    for _ in range(3000):
        _same("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))))


@pytest.mark.skipif(not (CORPUS / "corpus").is_dir(), reason="the corpus is not in ../shared/")
def test_every_short_line_of_the_corpus_agrees_with_the_library() -> None:
    lines: set[str] = set()
    for path in sorted((CORPUS / "corpus").rglob("*")):
        if path.is_file():
            for line in path.read_text(errors="replace").splitlines():
                line = re.sub(r"<[^<>]*>", " ", line).strip()
                if 0 < len(line) < 120:
                    lines.add(line)
    sample = random.Random(3).sample(sorted(lines), min(20_000, len(lines)))
    assert len(sample) > 1000
    for line in sample:
        _same(line)


def test_the_project_keys_are_the_library_keys() -> None:
    """``fingerprint`` and ``entity_key`` as the library computed them before."""
    assert fingerprint("Tuspark Innovation Venture Limited") == "innovation ltd tuspark venture"
    assert entity_key("Tus-Holdings Co., Ltd.") == "tus-holdings-co-ltd"
    assert fingerprint("Société Générale S.A.") == str(
        fingerprints.generate("Société Générale S.A.", keep_brackets=True)
    )


def test_text_that_is_not_ascii_is_left_to_the_library() -> None:
    assert fastprint.generate("Société Générale") is fastprint.UNSURE
    assert fastprint.generate("ＡＣＭＥ Inc") is fastprint.UNSURE


def _fresh(cache: Path, code: str) -> str:
    env = {"OWNERGRAPH_CACHE_DIR": str(cache), "PATH": ""}
    src = str(Path(fastprint.__file__).resolve().parents[2])
    done = subprocess.run(
        [sys.executable, "-c", code], env={**env, "PYTHONPATH": src}, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_table_is_made_once_and_made_again_when_broken(tmp_path: Path) -> None:
    code = (
        "import sys; from ownergraph.normalize import fastprint as f; "
        "print(f.generate('Acme Holdings Limited'), 'fingerprints' in sys.modules)"
    )
    assert _fresh(tmp_path, code) == "acme holdings ltd True"  # made by the library
    (table,) = (tmp_path / "fingerprints").glob("*.json")
    assert _fresh(tmp_path, code) == "acme holdings ltd False"  # read from the cache
    table.write_text("{not json")
    assert _fresh(tmp_path, code) == "acme holdings ltd True"  # broken: made again
    assert _fresh(tmp_path, code) == "acme holdings ltd False"


def test_an_unwritable_cache_still_gives_the_library_keys(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    code = "from ownergraph.normalize import fastprint as f; print(f.generate('Acme Co., Ltd.'))"
    assert _fresh(blocker, code) == "acme co ltd"
