"""Print one of the README's set-up commands, exactly as written, for CI to run.

The README's "Set up on a fresh machine" section has one ``bash`` block with two numbered
commands, each a comment line ``# N. ...`` followed by the command. ``.ci/run`` runs them
through this script, so what the README says is what CI proves.

Usage: ``python3 scripts/readme_commands.py N`` (``N`` is 1 or 2).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

__all__ = ["readme_command"]

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_command(number: int, text: str | None = None) -> str:
    """The command under ``# number.`` in the README's first ``bash`` block.

    Examples
    --------
    >>> readme_command(2, "```bash\\n# 1. demo\\nmake demo\\n\\n# 2. tests\\nmake test\\n```")
    'make test'
    """
    text = README.read_text(encoding="utf-8") if text is None else text
    block = re.search(r"```bash\n(.*?)```", text, re.S)
    if block is None:
        raise SystemExit(f"{README}: no bash block with the set-up commands")
    lines = block.group(1).splitlines()
    for i, line in enumerate(lines):
        if re.match(rf"#\s*{number}\.", line) and i + 1 < len(lines) and lines[i + 1].strip():
            return lines[i + 1].strip()
    raise SystemExit(f"{README}: the set-up block has no command {number}")


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("1", "2"):
        raise SystemExit("usage: readme_commands.py 1|2")
    print(readme_command(int(sys.argv[1])))
