"""Patterns rewritten for speed find exactly the matches of the form they replace.

The sentence ends of :mod:`ownergraph.loaders.sections.mentions` open on the one
character each alternative starts with, for the same reason.

A look-behind before a space or a slash (``(?<!\\s)\\s+``, ``(?<![\\w/])/``) makes the
regex engine try every position; moved after the first character (``\\s(?<!\\s\\s)\\s*``,
``/(?<![\\w/]/)``) it lets the engine scan for that character. These tests compare each
rewritten pattern with its former spelling on crafted edge cases (the start of the
text, runs of spaces, slashes in words) and on every corpus text file.
"""

from __future__ import annotations

import re

import pytest

from ownergraph.loaders.formats import text as text_format
from ownergraph.loaders.formats.decode import decode
from ownergraph.loaders.sections import agreements, control, mentions, transactions
from tests.corpus import corpus_files

#: (rewritten pattern, the former spelling of its opening, the rewritten opening)
REWRITTEN = [
    (agreements._RECORD_TAIL, r"(?<!\s)\s+", r"\s(?<!\s\s)\s*"),
    (agreements._PARTIES_TAIL, r"(?<!\s)\s+", r"\s(?<!\s\s)\s*"),
    (control._NOT_CONTROLLED, r"(?<!\s)\s+", r"\s(?<!\s\s)\s*"),
    (transactions._BENEFICIAL_TAIL, r"(?<!\s)\s+", r"\s(?<!\s\s)\s*"),
    (text_format._SLASH_X, r"(?<![\w/])/", r"/(?<![\w/]/)"),
    (text_format._SLASH_EMPTY, r"(?<![\w/])/", r"/(?<![\w/]/)"),
]

CRAFTED = (
    " is not controlled by any person.\nAcme  is not controlled by any one of its shareholders"
    "\tAlpha are parties to the agreement;  Beta\n are parties to\n"
    "/x/ Rule 13d-1(b) a/x/ //x/ / X / /  / and/or / / (c)/x/\n"
    "Alpha LP is the beneficial owner of 1,000 shares.  Beta is the sole record holder of 5 "
    "Class A shares, and Gamma\tis the record and beneficial owner of 12 units (the Units)"
)


#: the sentence-end pattern as it was written before
SENTENCE_END = re.compile(r"[.;]\s+(?=[A-Z(“\"0-9])|\n\s*\n|\n(?=\S)")
SENTENCES = "Alpha LP. Beta; (c) x.\n\n Gamma\nDelta;\n\n\nEpsilon. 1. “Zeta” .\n"


#: the agreement verbs of the transactions reader as they were written before
_W = "(?:hereby|irrevocably|has|have|had|shall|will|also)"
_AGREE = (
    r"(?<!\s)(?:\s+"
    + _W
    + r"){0,4}\s+(?:agreed|agrees|agree|entered\s+into\s+an\s+agreement)\s+to\s+"
)
AGREEMENTS = [
    (transactions._SELL_TO, re.compile(_AGREE + r"(?:sell|transfer)\s+to\s+", re.I)),
    (
        transactions._BUY_FROM,
        re.compile(_AGREE + r"(?:re)?(?:purchase|acquire|buy)\s+from\s+", re.I),
    ),
]
DEALS = (
    "X has  hereby\nagreed to sell to Y. Z also has had will shall agree to buy from W.  agree "
    "to sell to  Q agrees to transfer to R; S has entered into an agreement to repurchase from T"
)


def test_agreement_verbs_match_as_before_on_crafted_text() -> None:
    for rx, former in AGREEMENTS:
        assert _spans(rx, DEALS) == _spans(former, DEALS)
        assert len(_spans(rx, DEALS)) >= 2


def test_sentence_ends_match_as_before_on_crafted_text() -> None:
    found = _spans(mentions._SENTENCE_END, SENTENCES)
    assert found == _spans(SENTENCE_END, SENTENCES)
    assert len(found) >= 6


def _former(rx: re.Pattern[str], before: str, after: str) -> re.Pattern[str]:
    assert rx.pattern.startswith(after)
    return re.compile(before + rx.pattern[len(after) :], rx.flags)


def _spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in rx.finditer(text)]


@pytest.mark.parametrize(("rx", "before", "after"), REWRITTEN, ids=lambda x: str(x)[:30])
def test_rewritten_pattern_matches_as_before_on_crafted_text(
    rx: re.Pattern[str], before: str, after: str
) -> None:
    former = _former(rx, before, after)
    assert _spans(rx, CRAFTED) == _spans(former, CRAFTED)
    assert _spans(rx, CRAFTED)  # every pattern finds something in the crafted text


def test_rewritten_patterns_match_as_before_on_the_corpus() -> None:
    files = corpus_files(".txt", ".nc")
    if not files:
        pytest.skip("../shared/corpus is absent: the corpus comparison needs it")
    for path in files:
        text = decode(path.read_bytes())
        for rx, before, after in REWRITTEN:
            assert _spans(rx, text) == _spans(_former(rx, before, after), text), path.name
        assert _spans(mentions._SENTENCE_END, text) == _spans(SENTENCE_END, text), path.name
        for rx, former in AGREEMENTS:
            assert _spans(rx, text) == _spans(former, text), path.name


def test_statements_broken_over_lines_are_still_read() -> None:
    """The word checks that skip patterns look for single words, so a statement whose
    words are separated by line breaks or runs of spaces is read as before."""
    from ownergraph.loaders.sections.narrative import parse_narrative
    from tests.records import one_company

    text = (
        "Item 2. Identity and Background.\n\n"
        'Alpha Fund LP, a Delaware limited partnership (the "Fund"). The Fund is a wholly\n'
        "owned subsidiary of Beta Holdings Inc. Gamma Corp. is not\ncontrolled by  any "
        "person.\n"
    )
    f = one_company("SC 13D", "gamma-corp", "Gamma Corp.")
    parse_narrative(text, f)
    links = [(f.entities[c.controller].name, f.entities[c.controlled].name) for c in f.controls]
    assert links == [("Beta Holdings Inc.", "Alpha Fund LP")]
    assert [e.name for e in f.entities.values() if e.no_controlling_holder] == ["Gamma Corp."]
