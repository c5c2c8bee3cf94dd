"""How many hand-checked cover-page values the reader gets right, per format and decade.

Loads every filing of the gold sample ``tests/gold/covers.json`` (40 real filings drawn
with a fixed seed from ``../shared/corpus`` and ``../shared/corpus-2026``), and the 15 filings pinned in
``tests/test_golden_covers.py`` (55 gold filings in all), through
:func:`ownergraph.loaders.load_file`, compares each value with the gold read by hand
from the document, and prints the accuracy overall, per format, per decade and per
field, then every miss (file, person, field, gold, read). The scoring lives in
``tests/gold/score.py`` so that ``tests/test_gold_sample.py`` uses the same code.

Usage: ``python scripts/gold_accuracy.py [SHARED_DIR]`` (default: ``../shared`` next to
the repository).
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.gold.score import Report, Tally, score, score_golden  # noqa: E402

#: every format label the sample can hold, shown even when it drew none of them
FORMATS = ("xml", "html", "sgml/text", "sgml/html", "sgml/xml", ".nc", "text")


def _pct(t: Tally) -> str:
    if not t.total:
        return "   -   "
    return f"{(t.accuracy * 100).quantize(Decimal('0.01')):>6}%"


def _line(label: str, t: Tally) -> str:
    return f"  {label:<20} {t.right:>5} / {t.total:<5} {_pct(t)}"


def render(report: Report, sample: Tally | None = None) -> str:
    """The report as text (``sample``: the 40 of ``covers.json`` alone)."""
    out = ["Gold: per-value accuracy of the reader over the 55 gold filings"]
    out.append(_line("overall", report.overall))
    if sample is not None:
        out.append(_line("the 40 (covers.json)", sample))
    out.append("per format")
    for fmt in FORMATS:
        out.append(_line(fmt, report.by_format.get(fmt, Tally())))
    for fmt in sorted(set(report.by_format) - set(FORMATS)):
        out.append(_line(fmt, report.by_format[fmt]))
    out.append("per decade")
    for dec in sorted(report.by_decade):
        out.append(_line(dec, report.by_decade[dec]))
    out.append("per field")
    for fld in sorted(report.by_field):
        out.append(_line(fld, report.by_field[fld]))
    if report.errors:
        out.append("load errors")
        out.extend(f"  {name}: {err}" for name, err in report.errors.items())
    out.append(f"misses ({len(report.misses)})")
    for m in report.misses:
        out.append(f"  {m.file}\n    {m.person} | {m.field} | gold {m.gold} | read {m.read}")
    if report.unscored:
        out.append(f"not scored ({len(report.unscored)})")
        out.extend(f"  {u}" for u in report.unscored)
    return "\n".join(out)


def main(argv: list[str]) -> int:
    shared = Path(argv[1]) if len(argv) > 1 else REPO.parent / "shared"
    for folder in ("corpus", "corpus-2026"):
        if not (shared / folder / "filings").is_dir():
            print(f"{shared / folder / 'filings'} is absent: the gold files live there")
            return 2
    sample = score(shared)
    forty = Tally(sample.overall.total, sample.overall.right)
    print(render(score_golden(shared, sample), forty))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
