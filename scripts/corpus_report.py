"""Load every file of the shared corpus and report what was read, per format.

For each format (SGML submissions split by the kind of their primary document:
``sgml/text``, ``sgml/html``, ``sgml/xml``; and the bare ``html``, ``xml``, ``text``,
``markdown`` files) it prints: files loaded and failed, reporting persons found,
cover-page values extracted against those present, and the time per file. A value is
*present* when its caption stands in the file (rows 6-11 and 13 of the cover page, in
text or HTML), or its element (structured XML); *extracted* counts the cover pages on
which the loader filled it, capped at the number present. Failures are listed by reason.
*verified / stated* is the stricter measure of :mod:`ownergraph.loaders.check`:
values the documents state (a caption opening its line before Item 1, or an XML element
of a reporting person, holding a value) against extracted values whose cited quote reads
back the same. ``*.metadata.json`` files (headers converted to JSON by the repository that stored the
filing) are not filings and are skipped.

Then, with no argument or with ``--invariants``, the invariants report over every
folder of real filings (``../shared/corpus/filings``, ``../shared/corpus-2026/filings``,
the seed in ``examples/``): each filing loads; sole + shared power within the
aggregate; the percentage agrees with the aggregate and the stated outstanding shares;
CUSIP check digits; the name check; an aggregate or a stated reason for every reporting
person (:mod:`ownergraph.loaders.invariants`). It gives the rate of filings with an
anomaly of the reader per folder and per format, and lists every anomaly, marking those
the document itself states ("as filed").

Usage: ``python scripts/corpus_report.py [CORPUS_DIR] [--invariants]``; always exits 0.
"""

from __future__ import annotations

import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ownergraph.errors import LoadError
from ownergraph.loaders import load_file
from ownergraph.loaders.check import check_file, stated_values
from ownergraph.loaders.formats.decode import decode
from ownergraph.loaders.formats.detect import detect_format
from ownergraph.loaders.formats.sgml_documents import split_submission, unwrap
from ownergraph.loaders.invariants import check_folder
from ownergraph.record import CoverPage, Filing

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "filings"

#: cover-page field -> (caption in text/HTML, element in the structured XML)
VALUES: dict[str, tuple[str, str]] = {
    "citizenship": (
        r"citizenship\s+or\s+place\s+of\s+organi[sz]ation",
        "citizenshipOrOrganization",
    ),
    "sole_voting": (r"sole\s+voting\s+power", "soleVotingPower"),
    "shared_voting": (r"shared\s+voting\s+power", "sharedVotingPower"),
    "sole_dispositive": (r"sole\s+dispositive\s+power", "soleDispositivePower"),
    "shared_dispositive": (r"shared\s+dispositive\s+power", "sharedDispositivePower"),
    "aggregate": (
        r"aggregate\s+amount\s+beneficially\s+owned",
        "aggregateAmountOwned",
    ),
    "percent_of_class": (
        r"percent\s+of\s+class\s+represented\s+by\s+amount\s+in\s+row",
        "percentOfClass",
    ),
}


@dataclass
class Stats:
    files: int = 0
    loaded: int = 0
    persons: int = 0
    seconds: float = 0.0
    present: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    extracted: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    stated: int = 0  # values the documents state (cover_check.stated_values)
    verified: int = 0  # extracted values whose quote reads back the same
    misread: list[str] = field(default_factory=list)


def _plain(text: str) -> str:
    t = re.sub(r"<[^>]*>", " ", text)
    t = re.sub(r"&nbsp;|&#160;|&#xa0;", " ", t, flags=re.I)
    return re.sub(r"\s+", " ", t)


def _format_of(text: str, name: str) -> str:
    fmt = detect_format(text)
    if fmt != "sgml":
        return fmt
    try:
        sub = split_submission(unwrap(text), name=name)
    except LoadError:
        return "sgml/?"
    kinds = [d.kind for d in sub.documents]
    types = [d.type.upper() for d in sub.documents]
    for kind, doc_type in zip(kinds, types, strict=True):
        if re.search(r"13[DG]", doc_type) and not doc_type.startswith("EX"):
            return f"sgml/{kind}"
    return f"sgml/{kinds[0]}" if kinds else "sgml/?"


def _present(text: str, fmt: str) -> dict[str, int]:
    out: dict[str, int] = {}
    if fmt.endswith("xml"):
        for key, (_, element) in VALUES.items():
            out[key] = len(re.findall(rf"<(?:\w+:)?{element}\b", text))
        return out
    plain = _plain(text)
    for key, (caption, _) in VALUES.items():
        out[key] = len(re.findall(caption, plain, re.I))
    return out


def _extracted(pages: list[CoverPage]) -> dict[str, int]:
    return {key: sum(1 for c in pages if getattr(c, key) is not None) for key in VALUES}


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("--")]
    folder = Path(args[0]) if args else DEFAULT
    console = Console(width=140)
    if not folder.is_dir():
        console.print(f"[red]no corpus folder at {folder}[/red]")
        return 0
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.endswith(".json"))
    skipped = sorted(p.name for p in folder.iterdir() if p.name.endswith(".json"))
    stats: dict[str, Stats] = defaultdict(Stats)
    failures: dict[str, list[str]] = defaultdict(list)
    for path in files:
        text = decode(path.read_bytes())
        fmt = _format_of(text, str(path))
        st = stats[fmt]
        st.files += 1
        start = time.perf_counter()
        filing: Filing | None = None
        try:
            filing = load_file(path)
        except LoadError as e:
            reason = re.sub(r"\d[\d,]*", "N", e.reason)[:90]
            failures[reason].append(path.name)
        except Exception as e:  # the report must go on: a loader bug is a finding
            failures[f"unexpected {type(e).__name__}"].append(f"{path.name}: {e}")
        st.seconds += time.perf_counter() - start
        if filing is None:
            continue
        st.loaded += 1
        st.persons += len(filing.cover_pages)
        try:
            check = check_file(path, filing)
        except Exception as e:  # the report must go on
            failures[f"check failed: {type(e).__name__}"].append(f"{path.name}: {e}")
        else:
            n = sum(
                sum(stated_values(t, xml=t.lstrip().startswith("<")).values())
                for t in check.texts.values()
            )
            st.stated += max(n, check.checked)  # a verified value is a stated one
            st.verified += check.checked
            st.misread.extend(f"{path.name[:60]}: {p}" for p in check.problems)
            if check.checked < n:
                st.misread.append(f"{path.name[:60]}: {check.checked} of {n} stated values")
        present = _present(text, fmt)
        got = _extracted(filing.cover_pages)
        for key in VALUES:
            st.present[key] += present[key]
            st.extracted[key] += min(got[key], present[key])

    table = Table(title=f"Corpus report: {folder}")
    for col in (
        "format",
        "files",
        "loaded",
        "reporting persons",
        "values extracted / present",
        "%",
        "verified / stated",
        "%",
        "ms / file",
    ):
        table.add_column(col, justify="left" if col == "format" else "right")
    total = Stats()
    for fmt in sorted(stats):
        st = stats[fmt]
        pres, ext = sum(st.present.values()), sum(st.extracted.values())
        total.files += st.files
        total.loaded += st.loaded
        total.persons += st.persons
        total.seconds += st.seconds
        total.stated += st.stated
        total.verified += st.verified
        total.misread.extend(st.misread)
        for key in VALUES:
            total.present[key] += st.present[key]
            total.extracted[key] += st.extracted[key]
        table.add_row(
            fmt,
            str(st.files),
            str(st.loaded),
            str(st.persons),
            f"{ext} / {pres}",
            f"{100 * ext / pres:.1f}" if pres else "-",
            f"{st.verified} / {st.stated}",
            f"{100 * st.verified / st.stated:.1f}" if st.stated else "-",
            f"{1000 * st.seconds / st.files:.0f}" if st.files else "-",
        )
    pres, ext = sum(total.present.values()), sum(total.extracted.values())
    table.add_row(
        "[b]all[/b]",
        str(total.files),
        str(total.loaded),
        str(total.persons),
        f"{ext} / {pres}",
        f"{100 * ext / pres:.1f}" if pres else "-",
        f"{total.verified} / {total.stated}",
        f"{100 * total.verified / total.stated:.1f}" if total.stated else "-",
        f"{1000 * total.seconds / total.files:.0f}" if total.files else "-",
    )
    console.print(table)

    by_value = Table(title="Cover-page values: extracted / present, all formats")
    by_value.add_column("value")
    by_value.add_column("extracted / present", justify="right")
    by_value.add_column("%", justify="right")
    for key in VALUES:
        p, x = total.present[key], total.extracted[key]
        by_value.add_row(key, f"{x} / {p}", f"{100 * x / p:.1f}" if p else "-")
    console.print(by_value)

    if total.misread:
        console.print(
            f"[b]{len(total.misread)} cover values misread or not extracted[/b] "
            "(quote check and stated-value count of ownergraph.loaders.check):"
        )
        for line in total.misread:
            console.print("  " + line, highlight=False)
    if failures:
        fails = Table(title="Failures by reason")
        fails.add_column("reason")
        fails.add_column("files", justify="right")
        fails.add_column("examples")
        for reason, names in sorted(failures.items(), key=lambda kv: -len(kv[1])):
            fails.add_row(reason, str(len(names)), "\n".join(n[:90] for n in names[:3]))
        console.print(fails)
    else:
        console.print("[green]no failures[/green]")
    console.print(
        f"skipped {len(skipped)} JSON files (EDGAR headers converted to JSON, not filings)"
    )
    if len(argv) <= 1 or "--invariants" in argv:
        invariants_report(console)
    return 0


#: every folder of real filings the invariants run over
INVARIANT_FOLDERS = (
    DEFAULT,
    DEFAULT.parents[1] / "corpus-2026" / "filings",
    Path(__file__).resolve().parents[1] / "examples",
)


def invariants_report(console: Console) -> None:
    """The invariants of :mod:`ownergraph.loaders.invariants` per folder and format."""
    table = Table(title="Invariants: filings with an anomaly of the reader (not as filed)")
    for col in ("folder", "format", "filings", "reader anomalies", "rate %", "as filed only"):
        table.add_column(col, justify="left" if col in ("folder", "format") else "right")
    listed: list[str] = []
    for folder in INVARIANT_FOLDERS:
        if not folder.is_dir():
            console.print(f"{folder} is absent: not checked")
            continue
        r = check_folder(folder)
        label = "/".join(folder.parts[-2:])
        for fmt, (n, bad) in r.per_format().items():
            table.add_row(label, fmt, str(n), str(bad), _rate(bad, n), "")
        table.add_row(
            f"[b]{label}[/b]",
            "all",
            str(r.files),
            str(r.anomalous),
            _rate(r.anomalous, r.files),
            str(r.as_filed),
        )
        for name, anomalies in r.by_file.items():
            for a in anomalies:
                mark = "as filed" if a.as_filed else "READER"
                listed.append(f"  {mark:<8} {a.kind:<9} {name[:70]}: {a.detail[:100]}")
    console.print(table)
    console.print(f"[b]{len(listed)} anomalies[/b] (as filed: the document states the values):")
    for line in sorted(listed):
        console.print(line, highlight=False)


def _rate(bad: int, n: int) -> str:
    return f"{Decimal(100 * bad) / Decimal(n):.2f}" if n else "-"


if __name__ == "__main__":
    sys.exit(main(sys.argv))
