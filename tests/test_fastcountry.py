"""``normalize.fastcountry`` gives the ``countrynames`` library's codes exactly.

The table is made by the library and checked on a sample when made; here every ASCII
name the library knows, crafted spellings, random ASCII and the corpus's places of
organization and citizenship are compared with the library itself.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import countrynames
import pytest
from countrynames.data import DATA

from ownergraph.normalize import fastcountry

CORPUS = Path(__file__).resolve().parents[2] / "shared"


def _same(text: str) -> None:
    assert fastcountry.to_code(text) == countrynames.to_code(text), text


def test_a_checked_table_is_in_use() -> None:
    assert fastcountry.to_code("Cayman Islands") == "KY"
    assert fastcountry._TABLE and fastcountry._TABLE[0] is not None, "no checked table here"


def test_every_ascii_name_the_library_knows_agrees() -> None:
    names = [n for ns in DATA.values() for n in ns if n.isascii()]
    assert len(names) > 5000
    for n in names:
        _same(n)


def test_every_other_name_the_library_knows_agrees() -> None:
    """Names that are not ASCII are cleaned by normality, as the library cleans them."""
    names = [n for ns in DATA.values() for n in ns if not n.isascii()]
    assert len(names) > 1000
    for n in names[::4]:
        _same(n)
        _same(f"“{n}”")


@pytest.mark.parametrize(
    "text",
    [
        "UNITED STATES OF AMERICA",
        "united kingdom",
        "  Cayman Islands.  ",
        "(Bermuda)",
        "People's Republic of China",
        "U.S.A.",
        "US",
        "GB",
        "FAIL",
        "",
        "   ",
        "Delaware",
        "British Virgin Islands",
        "Korea, Republic of",
        "Hong Kong S.A.R.",
        "Atlantis",
        "Côte d'Ivoire",
        "Türkiye",
        "Ｊａｐａｎ",
    ],
)
def test_crafted_spellings_agree(text: str) -> None:
    _same(text)


def test_random_ascii_agrees() -> None:
    rng = random.Random(17)
    alphabet = "abc xyz.,'&-()/ USUK" + "".join(map(chr, range(0, 128)))
    for _ in range(2000):
        _same("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16))))


@pytest.mark.skipif(not (CORPUS / "corpus").is_dir(), reason="the corpus is not in ../shared/")
def test_the_corpus_places_agree() -> None:
    """Every text on a place-of-organization or citizenship row of the corpus."""
    row = re.compile(r"(?i)(?:place of organi[sz]ation|citizenship)[^\n]{0,40}\n?([^\n]{1,80})")
    texts: set[str] = set()
    for path in sorted((CORPUS / "corpus").rglob("*")):
        if path.is_file():
            for m in row.finditer(path.read_text(errors="replace")):
                texts.add(re.sub(r"<[^<>]*>", " ", m.group(1)).strip())
    assert len(texts) > 100
    for t in sorted(texts):
        _same(t)
        for part in re.split(r"\s*(?:/|\band\b|;|,)\s*", t):
            _same(part)


def test_the_table_is_made_once_and_read_after(tmp_path: Path) -> None:
    code = (
        "import sys; from ownergraph.normalize import fastcountry as f; "
        "print(f.to_code('Bermuda'), 'countrynames' in sys.modules)"
    )
    src = str(Path(fastcountry.__file__).resolve().parents[2])
    env = {"OWNERGRAPH_CACHE_DIR": str(tmp_path), "PATH": "", "PYTHONPATH": src}

    def run() -> str:
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert run() == "BM True"  # made by the library
    assert run() == "BM False"  # read from the cache: the library is not imported
    (table,) = (tmp_path / "countrynames").glob("*.json")
    table.write_text('{"format": 1, "ok": true}')  # not a table
    assert run() == "BM True"  # made again
    assert run() == "BM False"
