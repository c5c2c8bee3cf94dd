"""Role and title words as data (``loaders/vocab/roles.toml``): the table and its readers."""

from __future__ import annotations

import pytest

from ownergraph.loaders.sections.mentions import title_kinds
from ownergraph.loaders.vocab import compile_phrase, table


def test_every_title_rule_has_role_words_and_phrases_that_compile() -> None:
    rules = table("roles")["title"]
    assert isinstance(rules, list) and len(rules) >= 20
    for rule in rules:
        assert rule["kinds"] and all(isinstance(k, str) for k in rule["kinds"])
        for phrase in rule["phrases"]:
            compile_phrase(phrase)  # raises re.error on a broken phrase


@pytest.mark.parametrize(
    ("title", "kinds"),
    [
        ("Vice-Chairman and Chief Executive Officer", ["vice chair", "ceo", "officer"]),
        ("Independent Non-Executive Director", ["independent director", "director"]),
        ("Executive Vice President, Secretary", ["vice president", "secretary", "officer"]),
        ("Managing Member of the General Partner", ["managing member", "general partner"]),
        ("Chief Investment Officer", ["officer"]),
        ("Authorised Signatory", ["authorized signatory"]),
        ("Managing Partner", ["partner"]),
        ("President and Director", ["president", "director", "officer"]),
        ("Chairperson", ["chair"]),
        ("Portfolio Analyst", []),
    ],
)
def test_title_kinds_from_the_table(title: str, kinds: list[str]) -> None:
    assert title_kinds(title) == kinds


def test_group_words_read_schedule_a_headings_and_prose_lists() -> None:
    from ownergraph.loaders.sections import officers

    m = officers._GROUP.match("Executive Officers and Directors of Acme Holdings LLC")
    assert m is not None and m.group(1) == "Executive Officers and Directors"
    m2 = officers._GROUP.match("Managers, and Controlling Persons of the Fund")
    assert m2 is not None and m2.group(1) == "Managers, and Controlling Persons"
    assert officers._GROUP.match("Portfolio Managers of X") is None
    lists = [m.group("kind") for m in officers._PROSE_LIST.finditer("Senior Managing Members: A\n")]
    assert lists == ["Senior Managing Members"]
