"""Run html_to_text and the cover-page reader over every HTML document in the corpus.

Usage::

    python scripts/html_cover_check.py [--corpus DIR] [--dump DIR] [--rows] [FILTER]

For each HTML document (``.htm``/``.html`` files, and the HTML ``<DOCUMENT>``s inside
full-submission ``.txt``/``.nc`` files) it prints the document, the size of its text,
and what the cover reader found: form, issuer, CUSIP, and per cover page the person and
rows 5-13 values. ``--dump`` writes each document's filing text to DIR for reading;
``--rows`` also prints the numbered cover rows of the text (lines starting with a row
number) so that layout problems show.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from ownergraph.loaders.formats.decode import decode
from ownergraph.loaders.formats.detect import detect_format
from ownergraph.loaders.formats.htmltext import html_to_text
from ownergraph.loaders.sections.cover import parse_cover_pages, parse_front_matter
from ownergraph.record import Filing

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "filings"

_DOC = re.compile(r"<DOCUMENT>(.*?)(?:</DOCUMENT>|\Z)", re.S | re.I)
_TYPE = re.compile(r"<TYPE>\s*([^\n<]+)", re.I)
_FILENAME = re.compile(r"<FILENAME>\s*([^\n<]+)", re.I)
_TEXT = re.compile(r"<TEXT>(.*?)(?:</TEXT>|\Z)", re.S | re.I)
_ROW = re.compile(r"(?:^|\t)\(?\d{1,2}[.)]?(?:\t|$)")


def html_documents(corpus: Path) -> Iterator[tuple[str, str, str]]:
    """(label, document type, html) for every HTML document in the corpus."""
    for path in sorted(corpus.iterdir()):
        if path.suffix.lower() in (".htm", ".html"):
            yield path.name, "primary", decode(path.read_bytes())
        elif path.suffix.lower() in (".txt", ".nc"):
            text = decode(path.read_bytes())
            for i, m in enumerate(_DOC.finditer(text)):
                body = m.group(1)
                t = _TEXT.search(body)
                fname = _FILENAME.search(body)
                if fname and re.search(
                    r"\.(?:jpe?g|gif|png|pdf|zip|xls\w?)\s*$", fname.group(1), re.I
                ):
                    continue
                if not t or detect_format(t.group(1).strip()) != "html":
                    continue
                kind = _TYPE.search(body)
                label = f"{path.name}#{i}:{fname.group(1).strip() if fname else ''}"
                yield label, kind.group(1).strip() if kind else "?", t.group(1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--dump", type=Path)
    ap.add_argument("--rows", action="store_true")
    ap.add_argument("--all-docs", action="store_true", help="exhibits too, not only 13D/13G")
    ap.add_argument("filter", nargs="?", default="")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
    n_docs = n_covers = 0
    total_time = 0.0
    for label, kind, html in html_documents(args.corpus):
        if args.filter not in label:
            continue
        if not args.all_docs and not re.search(r"13[DG]|primary", kind, re.I):
            continue
        t0 = time.perf_counter()
        text = html_to_text(html)
        total_time += time.perf_counter() - t0
        n_docs += 1
        if args.dump:
            safe = re.sub(r"[^\w.#-]+", "_", label)[:180]
            (args.dump / f"{safe}.txt").write_text(text, encoding="utf-8")
        filing = Filing(form="", schedule="", format="html")
        problems = []
        for step in (parse_front_matter, parse_cover_pages):
            try:
                step(text, filing)
            except Exception as e:  # the cover reader is work in progress
                problems.append(f"{step.__name__}: {type(e).__name__}: {e}")
        n_covers += len(filing.cover_pages)
        issuer = filing.entities[filing.issuer].name if filing.issuer else None
        print(f"== {label} [{kind}] {len(html):,} chars html -> {len(text):,} chars text")
        print(f"   form={filing.form!r} issuer={issuer!r} covers={len(filing.cover_pages)}")
        for p in problems:
            print(f"   ERROR {p}")
        for cp in filing.cover_pages:
            name = filing.entities[cp.person].name if cp.person in filing.entities else cp.person
            print(
                f"   [{cp.number}] {name!r} cit={cp.citizenship.text if cp.citizenship else None!r}"
                f" sv={cp.sole_voting} shv={cp.shared_voting} sd={cp.sole_dispositive}"
                f" shd={cp.shared_dispositive} agg={cp.aggregate} pct={cp.percent_of_class}"
                f" type={cp.type_codes} grp={cp.group_a},{cp.group_b}"
            )
        if args.rows:
            for line in text.splitlines():
                if _ROW.match(line):
                    print("     | " + line.replace("\t", " ⇥ ")[:160])
    print(f"\n{n_docs} HTML documents, {n_covers} cover pages, html_to_text {total_time:.2f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
