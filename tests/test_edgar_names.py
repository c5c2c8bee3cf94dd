"""EDGAR's name order (family name first) for people: parsed from that order, reconciled
with the signature's natural-order spelling into one person.

Real cases checked by hand: the BML Investment 13D names ``Leonard Braden Michael`` in
``reportingPersonName`` and signs ``Braden M Leonard``; 2026 13Gs in
``../shared/corpus-2026`` name ``Gorzynski Michael`` (signing ``Michael Gorzynski``) and
``LYTTON LAURENCE W`` (signing ``Laurence W. Lytton``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ownergraph.loaders import load_bytes, load_file
from ownergraph.normalize.names import edgar_name_parts, edgar_order_evident, edgar_reorders
from ownergraph.record import EntityKind, Filing

from .corpus import SHARED, corpus_file

CORPUS_2026 = SHARED / "corpus-2026" / "filings"


@pytest.mark.parametrize(
    ("edgar", "parts"),
    [
        ("LEONARD BRADEN MICHAEL", ("Braden Michael", "Leonard")),
        ("Cocke Travis W.", ("Travis W", "Cocke")),
        ("ROCKER DAVID A /NY/", ("David A", "Rocker")),
        ("Ellis Donald Douglas JR", ("Donald Douglas", "Ellis")),
        ("Brown, Tice", ("Tice", "Brown")),
        ("Ma-Weaver Jacob", ("Jacob", "Ma-Weaver")),
    ],
)
def test_edgar_name_parts(edgar: str, parts: tuple[str, str]) -> None:
    assert edgar_name_parts(edgar) == parts


def test_reorder_needs_the_family_name_last_and_the_given_names_to_agree() -> None:
    assert edgar_reorders("Leonard Braden Michael", "Braden M Leonard")
    assert edgar_reorders("Kissel Edward Urban", "Edward Kissel")
    assert not edgar_reorders("Leonard Braden Michael", "Braden M Smith")
    assert not edgar_reorders("Leonard Braden Michael", "Brenda M Leonard")
    assert not edgar_reorders("Carl C. Icahn", "Carl C. Icahn")
    assert not edgar_reorders("Madonna", "Madonna")
    assert edgar_order_evident("BURTON DAVID M.") and not edgar_order_evident("David M. Burton")
    assert not edgar_order_evident("Senai Asefaw, M.D.")


_XML = """<?xml version="1.0"?>
<edgarSubmission xmlns="http://www.sec.gov/edgar/schedule13g">
  <headerData><submissionType>SCHEDULE 13G</submissionType></headerData>
  <formData>
    <coverPageHeader>
      <securitiesClassTitle>Common Stock</securitiesClassTitle>
      <issuerInfo><issuerCik>0000000001</issuerCik><issuerName>Acme Corp</issuerName></issuerInfo>
    </coverPageHeader>
    <coverPageHeaderReportingPersonDetails>
      <reportingPersonName>{name}</reportingPersonName>
      <typeOfReportingPerson>IN</typeOfReportingPerson>
      <reportingPersonBeneficiallyOwnedAggregateNumberOfShares>1000</reportingPersonBeneficiallyOwnedAggregateNumberOfShares>
    </coverPageHeaderReportingPersonDetails>
    <signatureInformation>
      <reportingPersonName>{name}</reportingPersonName>
      <signatureDetails><signature>/s/ {signed}</signature><title>{title}</title><date>01/15/2026</date></signatureDetails>
    </signatureInformation>
  </formData>
</edgarSubmission>
"""


def _person(f: Filing) -> tuple[str, str | None, str | None, list[str]]:
    people = [e for e in f.entities.values() if e.kind == EntityKind.PERSON]
    assert len(people) == 1, [e.name for e in people]
    e = people[0]
    return e.name, e.given_name, e.family_name, e.aliases


@pytest.mark.parametrize("title", ["Reporting Person", "Managing Member"])
def test_crafted_xml_one_person_in_natural_order(title: str) -> None:
    xml = _XML.format(name="Leonard Braden Michael", signed="Braden M Leonard", title=title)
    f = load_bytes(xml.encode(), name="crafted.xml")
    name, given, family, aliases = _person(f)
    assert (name, given, family) == ("Braden M Leonard", "Braden Michael", "Leonard")
    assert "Leonard Braden Michael" in aliases


def test_crafted_xml_natural_order_names_are_left_alone() -> None:
    xml = _XML.format(name="Steven A. Cohen", signed="Steven A. Cohen", title="Reporting Person")
    f = load_bytes(xml.encode(), name="crafted.xml")
    assert _person(f)[:3] == ("Steven A. Cohen", "Steven", "Cohen")


def _real(folder: Path, pattern: str) -> Filing:
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent: real-filing tests need ../shared")
    found = sorted(folder.glob(pattern))
    assert found, pattern
    return load_file(found[0])


@pytest.mark.corpus
def test_bml_investment_leonard() -> None:
    f = load_file(corpus_file("edgartools__SCHEDULE13D_xml__BML_Investment__Aadi_Bioscience.xml"))
    leonard = [e for e in f.entities.values() if e.family_name == "Leonard"]
    assert len(leonard) == 1
    e = leonard[0]
    assert (e.name, e.given_name) == ("Braden M Leonard", "Braden Michael")
    assert "Leonard Braden Michael" in e.aliases


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (
            "*0000921895-26-000082*",
            ("Michael Gorzynski", "Michael", "Gorzynski", "Gorzynski Michael"),
        ),
        (
            "*0000935836-26-00006*",
            ("Laurence W. Lytton", "Laurence W", "Lytton", "LYTTON LAURENCE W"),
        ),
    ],
)
def test_corpus_2026_xml_people(pattern: str, expected: tuple[str, str, str, str]) -> None:
    f = _real(CORPUS_2026, pattern)
    name, given, family, edgar = expected
    same = [
        e for e in f.entities.values() if e.kind == EntityKind.PERSON and e.family_name == family
    ]
    assert len(same) == 1, [e.name for e in same]
    e = same[0]
    assert (e.name, e.given_name, e.family_name) == (name, given, family)
    assert edgar in e.aliases
    assert any(c.person == e.key for c in f.cover_pages)
    assert any(s.signer == e.key or s.entity == e.key for s in f.signatures)


def test_a_reporting_person_of_another_cover_page_is_not_folded_in() -> None:
    from ownergraph.loaders.formats.edgar_names import reconcile_edgar_names
    from ownergraph.record import CoverPage, Entity, Source

    f = Filing(form="SCHEDULE 13G", schedule="13G")
    src = Source("Cover page, reporting person 1, reportingPersonName", "Smith John")
    f.add_entity(Entity(key="a", name="Smith John", kind=EntityKind.PERSON, source=src))
    f.add_entity(Entity(key="b", name="John Smith Jr.", kind=EntityKind.PERSON))
    f.cover_pages += [CoverPage(number=1, person="a"), CoverPage(number=2, person="b")]
    reconcile_edgar_names(f)
    assert sorted(f.entities) == ["a", "b"]
    assert f.entities["b"].name == "John Smith Jr."
