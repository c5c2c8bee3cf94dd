"""The ontology's labels read with Oxigraph's parser are the labels rdflib reads.

``show`` and the citation columns take a property's label from
:func:`ownergraph.ontology.term_labels` (a fast parse), no longer from an rdflib graph
of the whole ontology; the two must agree term for term.
"""

from __future__ import annotations

from rdflib.namespace import RDFS

from ownergraph.ontology import OG, ontology_graph, term_labels


def test_term_labels_are_the_labels_of_the_rdflib_graph() -> None:
    g = ontology_graph()
    expected = {str(s): str(o) for s, o in g.subject_objects(RDFS.label)}
    got = term_labels()
    assert got == expected
    assert got[str(OG.soleVoting)] == expected[str(OG.soleVoting)]
    assert len(got) > 150
