"""How the viewer copes with a large graph: a synthetic 5,000-node store against a
500-node baseline measured in the same run.

For each size: the time to write the page (Python), and in headless Chromium (network
blocked) the time to the first stable render, and the time of a search and of a
'highlight control chain' action including the redraw that follows. Ratios are printed
against the baseline; nothing is asserted.

Run: ``python benchmarks/viewer_large.py [--nodes 5000] [--baseline 500] [--layout force]``
(needs /usr/bin/chromium and playwright for the browser figures).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from ownergraph import api
from ownergraph.graph.build import build_graph
from ownergraph.graph.store import GraphStore
from ownergraph.record import (
    ControlKind,
    ControlLink,
    CoverPage,
    Entity,
    EntityKind,
    Filing,
    Holding,
    Role,
    ShareClass,
    Source,
)
from ownergraph.viewer.browser import CHROMIUM, HEADLESS_ARGS
from ownergraph.viewer.page import write_viewer

#: new nodes per filing: issuer, class, holder, parent, top, 3 directors (+ 1 fund per 20)
NODES_PER_FILING = 8.05


def synthetic_filing(i: int, funds: int) -> Filing:
    """One filing: a holder in an issuer through a two-level control chain, its directors,
    and a stake of one of ``funds`` shared funds (which links the filings together)."""
    src = Source(f"Cover page, reporting person 1 of filing {i}", f"quote {i} <b>x</b>")
    f = Filing(
        form="SC 13D",
        schedule="13D",
        accession=f"0000000000-24-{i:06d}",
        issuer=f"issuer-{i}",
        subject_class=f"class-{i}",
    )
    f.add_entity(Entity(key=f"issuer-{i}", name=f"Issuer {i} Corp.", kind=EntityKind.COMPANY))
    f.share_classes[f"class-{i}"] = ShareClass(
        key=f"class-{i}", issuer=f"issuer-{i}", title=f"Class A shares of Issuer {i}"
    )
    names = {
        "holder": (f"Holder {i} Ltd.", EntityKind.COMPANY),
        "parent": (f"Parent {i} Holdings Ltd.", EntityKind.COMPANY),
        "top": (f"Top {i} Group Co.", EntityKind.COMPANY),
        "fund": (f"Shared Fund {i % funds} L.P.", EntityKind.FUND),
    }
    for key, (name, kind) in names.items():
        f.add_entity(Entity(key=f"{key}-{i}", name=name, kind=kind))
    for n, (who, pct) in enumerate((("holder", "12.5"), ("parent", "12.5")), 1):
        f.cover_pages.append(
            CoverPage(
                number=n,
                person=f"{who}-{i}",
                aggregate=1_000_000 + i,
                percent_of_class=Decimal(pct),
                source=src,
            )
        )
    f.holdings.append(
        Holding(
            holder=f"fund-{i}",
            issuer=f"issuer-{i}",
            shares=50_000 + i,
            percent_of_class=Decimal("6.1"),
            source=src,
        )
    )
    f.controls.append(
        ControlLink(
            controller=f"parent-{i}",
            controlled=f"holder-{i}",
            kind=ControlKind.WHOLLY_OWNED,
            percent=Decimal(100),
            source=src,
        )
    )
    f.controls.append(
        ControlLink(
            controller=f"top-{i}", controlled=f"parent-{i}", kind=ControlKind.MAJORITY, source=src
        )
    )
    for d in range(3):
        f.add_entity(Entity(key=f"dir-{i}-{d}", name=f"Director {d} Of{i}", kind=EntityKind.PERSON))
        f.roles.append(
            Role(person=f"dir-{i}-{d}", organization=f"parent-{i}", title="Director", source=src)
        )
    return f


def build_store(nodes: int) -> GraphStore:
    filings = max(1, round(nodes / NODES_PER_FILING))
    store = api.open_store(None)
    for i in range(filings):
        name, graph = build_graph(synthetic_filing(i, funds=max(1, filings // 20)))
        store.replace_graph(name, graph)
    return store


def browser_times(page_file: Path, query: str, repeats: int) -> dict[str, float]:
    """Milliseconds: load to first stable render; a search; a chain highlight."""
    from playwright.sync_api import sync_playwright

    out: dict[str, list[float]] = {"render": [], "search": [], "chain": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=list(HEADLESS_ARGS))
        for _ in range(repeats):
            page = browser.new_page(viewport={"width": 1500, "height": 900})
            requests: list[str] = []

            def route(r: Any, requests: list[str] = requests) -> None:
                if r.request.url.startswith("file:"):
                    r.continue_()
                else:
                    requests.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            t = time.perf_counter()
            page.goto(page_file.as_uri())
            page.wait_for_function(
                "() => window.ownergraph && window.ownergraph.ready", timeout=300_000
            )
            out["render"].append((time.perf_counter() - t) * 1000)
            timed = """async ([what, q]) => {
                const api = window.ownergraph;
                const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
                const t = performance.now();
                if (what === 'search') { api.search(q); } else { api.highlightChain(); }
                await frame();
                return performance.now() - t; }"""
            out["search"].append(page.evaluate(timed, ["search", query]))
            out["chain"].append(page.evaluate(timed, ["chain", query]))
            if requests:
                print(f"  !! the page made requests: {requests[:3]}", file=sys.stderr)
            page.close()
        browser.close()
    return {k: statistics.median(v) for k, v in out.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--baseline", type=int, default=500)
    ap.add_argument("--layout", choices=["hierarchical", "force"], default="hierarchical")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="viewer-bench-"))
    results: dict[int, dict[str, float]] = {}
    for size in (args.baseline, args.nodes):
        t = time.perf_counter()
        store = build_store(size)
        built = time.perf_counter() - t
        page_file = tmp / f"viewer-{size}.html"
        writes = []
        for _ in range(args.repeats):
            t = time.perf_counter()
            stats = write_viewer(store, page_file, layout=args.layout)
            writes.append((time.perf_counter() - t) * 1000)
        row: dict[str, float] = {"write": statistics.median(writes)}
        row["nodes"], row["edges"] = stats.nodes, stats.edges
        row["bytes"] = page_file.stat().st_size
        print(
            f"{size:>6}-node target: {stats.nodes} nodes, {stats.edges} edges, "
            f"python layout={stats.python_layout}, page {row['bytes'] / 1e6:.1f} MB, "
            f"store built in {built:.1f} s"
        )
        if CHROMIUM.is_file():
            row.update(browser_times(page_file, "Holder 7 Ltd", args.repeats))
        results[size] = row
        store.close()
    base, big = results[args.baseline], results[args.nodes]
    print(f"\nmedian of {args.repeats}; ratio = {args.nodes} nodes / {args.baseline} nodes")
    print(f"{'measure':<34}{'baseline':>12}{'large':>12}{'ratio':>9}")
    labels = {
        "write": "write the page (ms)",
        "render": "load to first stable render (ms)",
        "search": "search + redraw (ms)",
        "chain": "highlight chain + redraw (ms)",
    }
    for key, label in labels.items():
        if key in base and key in big:
            print(f"{label:<34}{base[key]:>12.0f}{big[key]:>12.0f}{big[key] / base[key]:>9.1f}")
    print(f"{'nodes shown':<34}{base['nodes']:>12.0f}{big['nodes']:>12.0f}")


if __name__ == "__main__":
    main()
