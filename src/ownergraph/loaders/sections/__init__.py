"""Section readers that every input format shares, working on *filing text*.

- the cover page: :mod:`.cover` (front matter and cover pages), :mod:`.cover_front`,
  :mod:`.cover_rows`, :mod:`.cover_values`, :mod:`.cover_notes`;
- the narrative: :mod:`.narrative` (the driver), :mod:`.items`, :mod:`.officers`,
  :mod:`.control`, :mod:`.agreements`, :mod:`.transactions`, :mod:`.signatures`, with
  :mod:`.mentions` (reading context, entity mentions, titles) shared by them;
- :mod:`.reconcile`, the last pass over a record whatever its format.

May import: :mod:`ownergraph.normalize`, :mod:`ownergraph.record`,
:mod:`ownergraph.errors`; never a format module, the graph, viewer, api or cli.
"""

__all__: list[str] = []
