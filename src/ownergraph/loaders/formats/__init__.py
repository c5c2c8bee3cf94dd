"""Input formats: one module per format, with decoding and detection in one place.

Each module turns the bytes or text of one format into the shared *filing text* (and
then a record through :mod:`ownergraph.loaders.formats.textual`) or straight into a
:class:`~ownergraph.record.Filing`:

- :mod:`.decode` (bytes to text), :mod:`.detect` (which format a text is);
- :mod:`.xml13` and :mod:`.xml_people` (the structured XML schedules), with
  :mod:`.xml_safe` (parsing untrusted XML) and :mod:`.edgar_codes` (EDGAR location codes);
- :mod:`.html` and :mod:`.htmltext` (HTML primary documents);
- :mod:`.sgml` with :mod:`.sgml_header`, :mod:`.sgml_documents` and :mod:`.sgml_merge`
  (full submissions ``.txt``/``.nc``);
- :mod:`.text` (plain text), :mod:`.markdown` (rendered text like the seed);
- :mod:`.textual` (the prose pipeline the text formats share: cover pages, then narrative).

May import: :mod:`ownergraph.loaders.sections`, :mod:`ownergraph.normalize`,
:mod:`ownergraph.record`, :mod:`ownergraph.errors`; never the graph, viewer, api or cli.
"""

__all__: list[str] = []
