"""ownergraph: who owns and controls whom, from SEC Schedule 13D/13G filings.

The library API lives in :mod:`ownergraph.api`; the command line in
:mod:`ownergraph.cli` is a thin layer over it.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
