"""How many cover-page values the cover reader extracts from the real corpus.

Runs :func:`ownergraph.loaders.sections.cover.parse_cover_pages` over the primary document of
every non-XML corpus file (full submissions are split into documents, HTML converted
with :func:`ownergraph.loaders.formats.htmltext.html_to_text`, plain text with
:func:`ownergraph.loaders.formats.text.text_to_filing_text`) and prints, per format, the
reporting persons found and how many of rows 7-11, the percentage and the citizenship
were extracted among those whose caption is present, then every miss.

Usage: ``python scripts/cover_accuracy.py [CORPUS_DIR] [-v]``
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

from ownergraph.loaders.formats.decode import decode
from ownergraph.loaders.formats.htmltext import html_to_text
from ownergraph.loaders.formats.markdown import markdown_to_text
from ownergraph.loaders.formats.sgml_documents import split_submission
from ownergraph.loaders.formats.text import text_to_filing_text
from ownergraph.loaders.sections.cover import parse_cover_pages, parse_front_matter
from ownergraph.loaders.sections.cover_rows import find_pages
from ownergraph.record import Filing

FIELDS = {
    "sole_voting": "sole_voting",
    "shared_voting": "shared_voting",
    "sole_dispositive": "sole_dispositive",
    "shared_dispositive": "shared_dispositive",
    "aggregate": "aggregate",
    "percent": "percent_of_class",
    "citizenship": "citizenship",
}
_NAME_CAPTION = re.compile(r"names?[\s\xa0]+of[\s\xa0]+reporting[\s\xa0]+persons?", re.I)


def primary_text(path: Path) -> tuple[str, str] | None:
    """(format label, filing text) of the primary document, or None for XML."""
    raw = decode(path.read_bytes())
    suffix = path.suffix.lower()
    if suffix in (".xml", ".json"):
        return None
    if suffix == ".md":
        return "markdown", markdown_to_text(raw)
    if suffix in (".htm", ".html") and not re.match(
        r"\s*<(?:SEC-DOCUMENT|SEC-HEADER|DOCUMENT)>", raw
    ):
        if re.search(r"<(?:html|body|table|div|p|font)\b", raw[:20000], re.I):
            return "html", html_to_text(raw)
        return "text", text_to_filing_text(raw)
    sub = split_submission(raw, name=str(path))
    docs = [d for d in sub.documents if d.kind in ("text", "html", "xml")]
    if not docs:
        return None
    primary = next(
        (d for d in docs if re.match(r"(?:SC|SCHEDULE)\s*13[DG]", d.type, re.I)),
        next((d for d in docs if not d.type.upper().startswith("EX")), docs[0]),
    )
    if primary.kind == "xml":
        return None
    ext = suffix.lstrip(".")
    if primary.kind == "html":
        return f"{ext}/html", html_to_text(primary.body)
    return f"{ext}/text", text_to_filing_text(primary.body)


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if not a.startswith("-")]
    corpus = (
        Path(args[0])
        if args
        else Path(__file__).resolve().parents[2] / "shared" / "corpus" / "filings"
    )
    if not corpus.is_dir():
        print(f"{corpus} is absent")
        return 1
    files: dict[str, int] = defaultdict(int)
    persons: dict[str, int] = defaultdict(int)
    captions: dict[str, int] = defaultdict(int)
    present: dict[str, int] = defaultdict(int)
    got: dict[str, int] = defaultdict(int)
    unstated: dict[str, int] = defaultdict(int)
    failures: list[str] = []
    for path in sorted(corpus.iterdir()):
        try:
            found = primary_text(path)
        except Exception as e:
            failures.append(f"{path.name}: could not be read ({type(e).__name__}: {e})")
            continue
        if found is None:
            continue
        fmt, text = found
        filing = Filing(form="", schedule="")
        parse_front_matter(text, filing)
        parse_cover_pages(text, filing)
        files[fmt] += 1
        persons[fmt] += len(filing.cover_pages)
        captions[fmt] += len(
            [
                m
                for m in _NAME_CAPTION.finditer(text)
                if not text[max(0, m.start() - 3) : m.start()].strip().endswith("of")
            ]
        )
        pages = find_pages(text)
        if not filing.cover_pages:
            failures.append(f"{path.name} [{fmt}]: no cover page found")
        for cover, page in zip(filing.cover_pages, pages, strict=False):
            for row_name, attr in FIELDS.items():
                if page.get(row_name) is None:
                    continue
                present[fmt] += 1
                if getattr(cover, attr) is not None:
                    got[fmt] += 1
                elif any(
                    re.search(
                        r"\b(?:blank|no number stated|no citizenship|no exact percentage in '(?:see|n/?a|not)|: blank)",
                        w,
                        re.I,
                    )
                    for w in cover.warnings
                    if row_name.replace("_", " ") in w
                    or (row_name == "citizenship" and "citizenship" in w)
                ):
                    unstated[fmt] += 1
                else:
                    row = page.get(row_name)
                    value = re.sub(r"\s+", " ", row.value if row else "")[:70]
                    failures.append(
                        f"{path.name} [{fmt}] person {cover.number} {row_name}: {value!r}"
                    )
            if verbose:
                print(
                    f"{path.name[:60]} #{cover.number} {filing.entities[cover.person].name!r} "
                    f"{cover.sole_voting} {cover.shared_voting} {cover.sole_dispositive} "
                    f"{cover.shared_dispositive} {cover.aggregate} {cover.percent_of_class} "
                    f"{cover.citizenship.code if cover.citizenship else None} {cover.type_codes}"
                )
    print(
        f"{'format':12} {'files':>5} {'persons':>8} {'captions':>9} {'rows':>6} {'unstated':>9} "
        f"{'stated':>7} {'extracted':>10} {'rate':>7}"
    )
    for fmt in [*sorted(files), "all"]:
        if fmt == "all":
            fl, pe, ca = sum(files.values()), sum(persons.values()), sum(captions.values())
            pr, un, go = sum(present.values()), sum(unstated.values()), sum(got.values())
        else:
            fl, pe, ca, pr, un, go = (
                files[fmt],
                persons[fmt],
                captions[fmt],
                present[fmt],
                unstated[fmt],
                got[fmt],
            )
        stated = pr - un
        print(
            f"{fmt:12} {fl:5} {pe:8} {ca:9} {pr:6} {un:9} {stated:7} {go:10} {go / max(stated, 1):7.1%}"
        )
    if failures:
        print(f"\n{len(failures)} misses:")
        for f in failures:
            print("  " + f)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
