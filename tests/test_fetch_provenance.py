"""The sec.gov address (og:secUrl) of filings loaded from disk: the full submission and
each document, from the header's accession number and the filer's CIK; in the viewer's
sources; declared in the ontology and checked by the shapes."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Literal
from rdflib import namespace as ns

from ownergraph import api
from ownergraph.graph.build import build_graph
from ownergraph.loaders import load_file
from ownergraph.ontology import OG, ontology_graph
from ownergraph.viewer.data import read_view
from tests.corpus import SEED, corpus_files, require_corpus

ADDRESS = re.compile(r"^https://www\.sec\.gov/Archives/edgar/data/(\d+)/(\d{18})/(.+)$")


def _blackrock_13g() -> Path:
    """A 2011 SC 13G/A full submission filed by BlackRock (several documents)."""
    require_corpus()
    return next(p for p in corpus_files(".txt") if "0001086364-11-002617" in p.name)


def test_sgml_file_on_disk_gets_addresses_in_the_filers_folder() -> None:
    filing = load_file(_blackrock_13g())
    name, g = build_graph(filing)
    url = g.value(name, OG.secUrl)
    assert isinstance(url, Literal) and url.datatype == ns.XSD.anyURI
    m = ADDRESS.match(str(url))
    assert m is not None
    filer_ciks = {str(int(filing.entities[k].cik or "0")) for k in filing.filers}
    assert m[1] in filer_ciks
    assert m[2] == filing.accession.replace("-", "") and m[3] == f"{filing.accession}.txt"
    docs = list(g.subjects(ns.RDF.type, OG.Document))
    assert docs
    for d in docs:
        name_on_edgar = g.value(d, OG.fileName)
        durl = g.value(d, OG.secUrl)
        if name_on_edgar is None:
            assert durl is None
        else:
            assert str(durl) == str(url).rsplit("/", 1)[0] + "/" + str(name_on_edgar)


def test_no_accession_means_no_address() -> None:
    filing = load_file(SEED)  # rendered text: no header, no accession number
    name, g = build_graph(filing)
    assert filing.accession is None and g.value(name, OG.secUrl) is None
    assert not list(g.triples((None, OG.secUrl, None)))


def test_every_corpus_address_is_well_formed() -> None:
    require_corpus()
    files = corpus_files(".txt", ".nc")[:40]
    with_url = 0
    for p in files:
        filing = load_file(p)
        _, g = build_graph(filing)
        for url in g.objects(None, OG.secUrl):
            m = ADDRESS.match(str(url))
            assert m is not None, (p.name, url)
            assert filing.accession and m[2] == filing.accession.replace("-", "")
            with_url += 1
    assert with_url >= len(files)


def test_viewer_sources_carry_the_address() -> None:
    store = api.open_store(None)
    assert api.load_paths(store, [_blackrock_13g()]).ok
    view = read_view(store)
    urls = {f["url"] for f in view.filings}
    assert any(ADDRESS.match(u) for u in urls)
    assert any(ADDRESS.match(s["url"]) for s in view.sources)


def test_ontology_declares_sec_url() -> None:
    g = ontology_graph()
    assert (OG.secUrl, ns.RDF.type, None) in g
    assert g.value(OG.secUrl, ns.RDFS.range) == ns.XSD.anyURI
