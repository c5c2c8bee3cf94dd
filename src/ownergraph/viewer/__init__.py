"""The interactive network viewer: one self-contained HTML page that works offline.

- :mod:`.page` writes the page (template, inlined vis-network assets, the data);
- :mod:`.data` is the viewer's picture of the store (nodes, edges, details, sources);
- :mod:`.layout` holds hierarchy levels, ego networks and positions computed in Python;
- :mod:`.browser` opens a page in headless Chromium (browser tests, benchmarks);
- ``templates/`` holds the HTML template and the vis-network assets.

May import: :mod:`ownergraph.graph`, :mod:`ownergraph.ontology`,
:mod:`ownergraph.errors`; never the api or cli.
"""

__all__: list[str] = []
