"""The viewer and the query catalogue as library calls, for the CLI and scripts.

May import: the viewer and :mod:`ownergraph.queries` (both imported when called, so that
importing the api stays cheap).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ownergraph.graph.store import GraphStore
    from ownergraph.queries import NamedQuery
    from ownergraph.viewer.page import ViewerStats

__all__ = ["named_queries", "write_viewer"]


def write_viewer(store: GraphStore, path: str | Path, **options: Any) -> ViewerStats:
    """Write the interactive network of ``store`` to the HTML file ``path``.

    ``options`` are those of :func:`ownergraph.viewer.page.write_viewer` (``focus``,
    ``hops``, ``layout``).
    """
    from ownergraph.viewer.page import write_viewer as write

    return write(store, path, **options)


def named_queries() -> dict[str, NamedQuery]:
    """The named query library, by name (see ``ownergraph queries``).

    Examples
    --------
    >>> "holdings" in named_queries()
    True
    """
    from ownergraph.queries import library

    return dict(library())
