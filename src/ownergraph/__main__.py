"""``python -m ownergraph`` runs the command line."""

from ownergraph.cli import main

__all__: list[str] = []

if __name__ == "__main__":
    main()
