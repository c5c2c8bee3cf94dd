"""Every reader runs in time linear in its input: a 1 MB word or a 1 MB line finishes.

Each format (markdown, text, HTML, SGML full submission, XML) gets a real filing with a
one-megabyte word, or a one-megabyte line of words, put into its prose. Before the
regexes were bounded, a 20,000-character word took 17 s in the transactions reader
alone; a megabyte would have run for hours. The assertion is that the load completes
(the time limit is the pytest-timeout mark: about 10 s a load on an idle 2-core machine,
with room for a loaded one), and that it still reads the filing's form.
A hypothesis test feeds the slowest section readers long generated texts built from the
words their patterns repeat.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ownergraph.errors import LoadError
from ownergraph.loaders import load_bytes
from ownergraph.loaders.sections.narrative import parse_narrative
from ownergraph.record import Filing
from tests.corpus import SEED, corpus_file

MB = 1 << 20
HTML = "datamule__SC13G-A__Elon_Musk__Tesla_Motors__000119312512060227__d301928dsc13ga.htm"
SGML = "orgron__SC13D__20170509__0001640334-17-000881__Borneo_Oil_Gas_Corp_Sdn_Bhd__VERDE_RESOURCES_INC.txt"
XML = "edgartools__SCHEDULE13D_xml__ARCH_Venture__Seaport_Therapeutics.xml"

#: the hostile prose: one word of a megabyte (capitalised, as names are), and one line
HOSTILE = {
    "word": "X" * MB,
    "line": ("Alpha Beta, irrevocably agreed to sell 1,000 " * (MB // 45 + 1))[:MB],
}


def _text_filing() -> str:
    """A bare text filing: the TEXT of an SGML submission's first document."""
    raw = corpus_file(SGML).read_text(encoding="latin-1")
    m = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    assert m is not None, "the SGML corpus file has no <TEXT> block"
    return m.group(1).strip()


def _sample(fmt: str) -> tuple[str, str]:
    """``(file name, text)`` of a real filing in format ``fmt``."""
    if fmt == "markdown":
        return SEED.name, SEED.read_text(encoding="utf-8")
    if fmt == "text":
        return "plain.txt", _text_filing()
    name = {"html": HTML, "sgml": SGML, "xml": XML}[fmt]
    return name, corpus_file(name).read_text(encoding="latin-1")


def _inject(fmt: str, text: str, hostile: str) -> str:
    """``text`` with ``hostile`` put where the format's readers read prose."""
    if fmt == "xml":
        at = text.index("</reportingPersonName>")
        return text[:at] + " " + hostile + text[at:]
    if fmt == "html":
        at = text.lower().index("item 4")
        return text[:at] + "<p>" + hostile + "</p>\n" + text[at:]
    m = re.search(r"item\s*4", text, re.I)
    at = m.start() if m else len(text) // 2
    return text[:at] + "\n" + hostile + "\n\n" + text[at:]


@pytest.mark.timeout(120)  # about 10 s alone; the margin is for a shared, loaded machine
@pytest.mark.parametrize("kind", sorted(HOSTILE))
@pytest.mark.parametrize("fmt", ["markdown", "text", "html", "sgml", "xml"])
def test_a_megabyte_word_or_line_loads(fmt: str, kind: str) -> None:
    name, text = _sample(fmt)
    plain = load_bytes(text.encode("utf-8"), name=name)
    data = _inject(fmt, text, HOSTILE[kind]).encode("utf-8")
    assert len(data) > MB
    try:
        filing = load_bytes(data, name=name)
    except LoadError as e:  # a clear refusal is allowed; a hang or a crash is not
        assert name in str(e)
        return
    assert isinstance(filing, Filing)
    assert filing.form == plain.form


#: words the narrative patterns repeat, so generated texts walk their slow paths
WORDS = [
    "is",
    "the",
    "beneficial",
    "owner",
    "of",
    "1,000",
    "12345678",
    "shares",
    "Class",
    "A",
    "irrevocably",
    "agreed",
    "to",
    "sell",
    "resigned",
    "Alpha",
    "Beta",
    "LLC",
    ",",
    ".",
    ";",
    "%",
    "(",
    ")",
    "\n",
    "\n\n",
    "   ",
    "Item",
    "4.",
    "which",
    "through",
    "its",
    "ownership",
    "Esq.",
    "(Name of Issuer)",
]


@pytest.mark.timeout(300)
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=40),
    st.integers(min_value=1_000, max_value=20_000),
)
def test_narrative_readers_on_long_generated_text(words: list[str], repeat: int) -> None:
    """A phrase of pattern words repeated to tens of thousands of characters, with a long word."""
    body = (" ".join(words) + " ") * (repeat // (len(" ".join(words)) + 1) + 1)
    text = "Item 4. Purpose of Transaction\n" + body[:repeat] + " " + "Q" * repeat + "\n"
    filing = Filing(form="SC 13D", schedule="13D", format="text")
    parse_narrative(text, filing)
    assert isinstance(filing.items, list)


def test_reporting_persons_over_the_limit_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """An XML filing naming more reporting persons than the limit: one clear line."""
    name, text = _sample("xml")
    persons = text.count("<reportingPersonInfo>")
    assert persons > 2
    monkeypatch.setenv("OWNERGRAPH_MAX_PERSONS", str(persons - 1))
    with pytest.raises(LoadError, match=rf"names {persons} reporting persons, over the limit"):
        load_bytes(text.encode("utf-8"), name=name)
    monkeypatch.setenv("OWNERGRAPH_MAX_PERSONS", str(persons))
    assert len(load_bytes(text.encode("utf-8"), name=name).cover_pages) == persons


def test_documents_over_the_limit_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A submission holding more documents than the limit: one clear line."""
    name, text = _sample("sgml")
    block = re.search(r"<DOCUMENT>.*?</DOCUMENT>", text, re.S)
    assert block is not None
    text = text[: block.end()] + "\n" + block.group(0) + text[block.end() :]  # two documents
    docs = text.count("<DOCUMENT>")
    monkeypatch.setenv("OWNERGRAPH_MAX_DOCUMENTS", str(docs - 1))
    with pytest.raises(LoadError, match=rf"holds {docs} documents, over the limit of {docs - 1}"):
        load_bytes(text.encode("latin-1"), name=name)
    monkeypatch.setenv("OWNERGRAPH_MAX_DOCUMENTS", str(docs))
    assert load_bytes(text.encode("latin-1"), name=name).form
