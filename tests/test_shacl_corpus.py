"""Every corpus filing's graph conforms to shapes.ttl (pySHACL, warnings allowed), and
regression tests for the loader bugs the shapes caught."""

from __future__ import annotations

from functools import lru_cache

import pytest
from pyshacl import validate
from rdflib import Graph

from ownergraph.errors import OwnergraphError
from ownergraph.graph.build import build_graph
from ownergraph.loaders import load_file
from ownergraph.ontology import shapes_graph

from .corpus import corpus_file, corpus_files

pytestmark = pytest.mark.slow

#: violations from the cover-page reader (loaders/cover*.py, another engineer's files),
#: reported to its owner: an empty notice address (LionEye, front matter) and a row
#: read as an empty quote (EquiTrust, row 10). Remove an entry when it conforms.
KNOWN_COVER_BUGS = {
    "orgron__SC13D-A__20151228__0000902664-15-004619__LionEye_Capital_Management_LLC__FAMOUS_DAVES_OF_AMERICA_INC.txt",
    "orgron__SC13G-A__19981001__0000728974-98-000014__EQUITRUST_INVESTMENT_MANAGEMEN__MATRIX_SERVICE_CO.txt",
}


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return shapes_graph()


def _violations(g: Graph) -> str | None:
    conforms, _, text = validate(g, shacl_graph=_shapes(), allow_warnings=True)
    return None if conforms else str(text)


def test_every_corpus_graph_conforms_to_the_shapes() -> None:
    files = [p for p in corpus_files(".txt", ".nc", ".htm", ".html", ".xml") if p.is_file()]
    if not files:
        pytest.skip("../shared/corpus is absent: the corpus-wide SHACL check needs it")
    bad: dict[str, str] = {}
    checked = 0
    for path in files:
        try:
            filing = load_file(path)
        except OwnergraphError:
            continue  # not loadable: other tests cover load failures
        checked += 1
        text = _violations(build_graph(filing)[1])
        if text is not None:
            bad[path.name] = text
    assert checked > 150
    unexpected = {k: v[:2000] for k, v in bad.items() if k not in KNOWN_COVER_BUGS}
    assert not unexpected, unexpected


def test_control_statement_spans_quote_text() -> None:
    """One Liberty / BRT 1996: "sole member of" with a name not written verbatim gave a
    span 16727-24 with an empty quote on a Holding and a ControlLink (control.py)."""
    f = load_file(
        corpus_file(
            "orgron__SC13D__19960726__0000712770-96-000005__ONE_LIBERTY_PROPERTIES_INC__BRT_REALTY_TRUST.txt"
        )
    )
    spans = [c.source for c in f.controls] + [h.source for h in f.holdings]
    spans += [s for h in f.holdings for s in h.field_sources.values()]
    assert spans
    for s in spans:
        assert s is not None and s.quote.strip()
        assert s.start is not None and s.end is not None and 0 <= s.start < s.end
    gould = [
        c
        for c in f.controls
        if c.controller == "fredric-h-gould" and c.controlled == "georgetown-partners-inc"
    ]
    assert gould[0].source is not None
    assert gould[0].source.quote == "Gould is the sole shareholder of Georgetown\nPartners, Inc."
    assert _violations(build_graph(f)[1]) is None


def test_accipiter_control_span() -> None:
    f = load_file(
        corpus_file(
            "orgron__SC13G__20070618__0000921895-07-001345__ACCIPITER_CAPITAL_MANAGEMENT_L__BTHC_VI_Inc.txt"
        )
    )
    assert f.controls
    for c in f.controls:
        assert c.source is not None and c.source.quote.strip()
        assert c.source.start is not None and c.source.end is not None
        assert c.source.start < c.source.end
