"""Modules the command line imports only when a command runs, so that
``ownergraph --help`` and ``--version`` start without loading rdflib, pyoxigraph,
networkx, pyshacl or the readers (see ``benchmarks/startup.py``).

``api`` stands for :mod:`ownergraph.api`: the first attribute read imports it.
May import nothing of the project at module level.

Examples
--------
>>> import sys
>>> proxy = LazyModule("json")
>>> proxy.dumps([1])
'[1]'
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Any

__all__ = ["LazyModule", "api", "escape"]


class LazyModule:
    """A module imported on first use."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attr)


if TYPE_CHECKING:
    from ownergraph import api
else:
    api = LazyModule("ownergraph.api")


def escape(text: str) -> str:
    """:func:`rich.markup.escape`, imported when first needed.

    >>> escape("[bold]")
    '\\\\[bold]'
    """
    from rich.markup import escape as rich_escape

    return rich_escape(text)
