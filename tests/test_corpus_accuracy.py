"""Cover-page values of every real filing, checked against the document text.

For every file of ``../shared/corpus/filings`` (skipped with the reason when the folder
is absent) the filing is loaded with the public :func:`ownergraph.loaders.load_file`
(which must not raise) and, for every reporting person, each of rows 7-11, the
percentage and the citizenship that was extracted is checked:

* its cited :class:`~ownergraph.record.Source` quote stands in the document text at its
  offsets (text and HTML: the *filing text* the loader read, rebuilt here the way the
  loader builds it; structured XML: the element text, so the quote must stand in the XML);
* the value equals the value re-read from the quote by the independent little reader
  of :mod:`ownergraph.loaders.check` (share-count digits, percentage digits, citizenship text), which knows nothing
  of the cover reader's rules.

The accuracy that counts is measured against the hand-checked gold (55 filings:
``tests/gold/covers.json`` and ``tests/test_golden_covers.py``), by
:func:`test_accuracy_against_gold_beside_self_consistency`, which reports the
self-consistency figure beside it. An aggregate test also counts, independently of the cover reader, the values the
documents *state* (a cover-page caption at the start of a line, or an XML element,
holding a number, a percentage or a place) and asserts that at least 98% of them were
extracted and verified. A verified value is one the document states, so a file counts
at least as many stated values as it has verified ones.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from ownergraph.loaders.check import FileCheck, check_file, stated_values

from .corpus import CORPUS, SHARED, corpus_files, require_corpus
from .gold.score import score, score_golden

pytestmark = pytest.mark.slow

FILES = [p for p in corpus_files() if not p.name.endswith(".json")]
IDS = [p.name[:80] for p in FILES]


@cache
def loaded(path: Path) -> FileCheck:
    """The checked filing at ``path`` (cached for the module)."""
    return check_file(path)


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_values_match_their_quotes(path: Path) -> None:
    """Every extracted cover value is quoted from the document and reads back the same."""
    require_corpus()
    result = loaded(path)
    assert not result.problems, "\n".join(result.problems)


def test_corpus_is_present_or_skipped() -> None:
    """Without the corpus the parametrised tests above are empty: say why."""
    if not FILES:
        pytest.skip(f"../shared/corpus is absent (looked for {CORPUS}): nothing to check")
    assert len(FILES) >= 150


def test_at_least_98_percent_of_stated_values_are_extracted() -> None:
    """Of the values the documents state, at least 98% come out and read back exactly."""
    require_corpus()
    stated = extracted = 0
    short: list[str] = []
    for path in FILES:
        result = loaded(path)
        n = 0
        for text in result.texts.values():
            n += sum(stated_values(text, xml=text.lstrip().startswith("<")).values())
        # a verified value is one the document states: the count is at least that
        stated += max(n, result.checked)
        extracted += result.checked
        if result.checked < n:
            short.append(f"{path.name[:70]}: {result.checked}/{n}")
    assert stated > 2000
    rate = extracted / stated
    assert rate >= 0.98, f"{extracted}/{stated} = {rate:.1%}; short: " + "; ".join(short)


def test_accuracy_against_gold_beside_self_consistency() -> None:
    """Against the 55 gold filings at least 99.5% of values are exact; the
    self-consistency figure (values read back from their own quotes) is reported
    beside it, never instead of it."""
    require_corpus()
    if not (SHARED / "corpus-2026").is_dir():
        pytest.skip(f"../shared/corpus-2026 is absent (looked in {SHARED}): half the gold is there")
    gold = score_golden(SHARED, score(SHARED))
    stated = checked = 0
    for path in FILES:
        result = loaded(path)
        n = sum(
            sum(stated_values(t, xml=t.lstrip().startswith("<")).values())
            for t in result.texts.values()
        )
        stated += max(n, result.checked)
        checked += result.checked
    against_gold = gold.overall.accuracy * 100
    self_consistency = Decimal(checked * 100) / Decimal(stated)
    figures = f"gold {against_gold:.2f}% ({gold.overall.right}/{gold.overall.total}), "
    figures += f"self-consistency {self_consistency:.2f}% ({checked}/{stated})"
    print(figures)
    assert gold.overall.total > 1300, figures
    assert against_gold >= Decimal("99.5"), figures
