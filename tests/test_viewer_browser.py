"""The viewer page in a real headless Chromium, with the network blocked.

One browser for the module; each test opens the page in a fresh page object whose every
non-file request is aborted and recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ownergraph import api
from ownergraph.graph.store import GraphStore
from ownergraph.viewer.browser import CHROMIUM, HEADLESS_ARGS
from ownergraph.viewer.page import render_viewer, write_viewer

from .corpus import REPO
from .test_viewer import HOSTILE_NAME, hostile_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = REPO / "test-artifacts"
HOSTILE_FILING = REPO / "tests" / "hostile" / "script_injection.md"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        pytest.skip(
            f"{CHROMIUM} is absent: install Debian's chromium (apt-get install -y chromium)"
        )
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=list(HEADLESS_ARGS))
        yield b
        b.close()


@pytest.fixture(scope="module")
def seed_page_file(tmp_path_factory: pytest.TempPathFactory, seed_store: GraphStore) -> Path:
    out = tmp_path_factory.mktemp("viewer") / "seed.html"
    write_viewer(seed_store, out)
    return out


class Opened:
    """A page loaded from a file with the network blocked."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1500, "height": 900})
        self.page.route("**/*", self._route)
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.as_uri())
        self.page.wait_for_function(
            "() => window.ownergraph && window.ownergraph.ready", timeout=20000
        )

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expr: str, arg: Any = None) -> Any:
        return self.page.evaluate(expr, arg)

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def seed_page(browser: Any, seed_page_file: Path) -> Iterator[Opened]:
    opened = Opened(browser, seed_page_file)
    yield opened
    opened.close()


def test_page_loads_offline_and_matches_the_graph(
    seed_page: Opened, seed_store: GraphStore
) -> None:
    stats = render_viewer(seed_store)[1]
    counts = seed_page.js("window.ownergraph.counts()")
    assert counts["nodes"] == counts["shownNodes"] == stats.nodes
    assert counts["edges"] == counts["shownEdges"] == stats.edges
    # the canvas is drawn, the legend counts add up
    assert seed_page.page.locator("#og-network canvas").count() == 1
    legend = seed_page.js(
        "[...document.querySelectorAll('[data-count-node]')].reduce((s, e) => s + (+e.textContent), 0)"
    )
    assert legend == stats.nodes
    assert seed_page.requests == [] and seed_page.errors == []


def test_search_finds_tuspark_and_shows_its_sources(seed_page: Opened) -> None:
    page = seed_page.page
    page.fill("#og-search", "tuspark")
    first = page.locator("#og-suggest li button").first
    assert first.inner_text().startswith("Tuspark Innovation Venture Ltd.")
    page.press("#og-search", "Enter")
    page.wait_for_function("() => window.ownergraph.state.selected !== null")
    assert page.locator("#og-panel h2").inner_text() == "Tuspark Innovation Venture Ltd."
    panel = page.locator("#og-panel").inner_text()
    assert "sources" in panel.lower()
    assert page.locator("#og-panel blockquote").count() > 0
    assert seed_page.requests == []


def test_chain_of_21vianet_marks_tuspark_and_tus_holdings(seed_page: Opened) -> None:
    page = seed_page.page
    assert seed_page.js("window.ownergraph.search('21vianet')").lower().startswith("21vianet")
    page.click("#og-chain")
    page.wait_for_function("() => window.ownergraph.state.mode === 'chain'")
    state = seed_page.js("window.ownergraph.state")
    assert {"Tuspark Innovation Venture Ltd.", "Tus-Holdings Co., Ltd."} <= set(state["chain"])
    assert state["ultimate"] == ["Tus-Holdings Co., Ltd."]
    panel = page.locator("#og-panel").inner_text()
    assert "ultimate controllers" in panel.lower() and "Tus-Holdings Co., Ltd." in panel
    # the chain's nodes keep their colours, the rest is faded; the top gets the gold ring
    styles = seed_page.js(
        """() => { const n = window.ownergraph.nodes.get();
           return Object.fromEntries(n.map(x => [x.label, [x.color.border, x.borderWidth]])); }"""
    )
    assert styles["Tus-Holdings Co., Ltd."] == ["#f59e0b", 6]
    assert styles["Tuspark Innovation Venture Ltd."][0] == "#1d4ed8"
    assert styles["Beacon Capital Group Inc."][0] == "#e2e8f0"  # not in the chain
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_timeout(400)
    page.screenshot(path=str(ARTIFACTS / "viewer-seed-chain.png"))
    assert seed_page.requests == [] and seed_page.errors == []


def test_clicking_an_edge_shows_the_filing_sentence(seed_page: Opened) -> None:
    page = seed_page.page
    edge = seed_page.js(
        """() => window.ownergraph.edges.get().find(e => e.kind === 'control').id"""
    )
    # click the middle of the control edge on the canvas
    point = seed_page.js(
        """(id) => { const net = window.ownergraph.network; const e = net.body.edges[id];
           const p = e.edgeType.getPoint(0.5); const d = net.canvasToDOM(p);
           const r = document.querySelector('#og-network canvas').getBoundingClientRect();
           return [r.left + d.x, r.top + d.y]; }""",
        edge,
    )
    page.mouse.click(point[0], point[1])
    page.wait_for_function("() => document.querySelector('#og-panel .fact') !== null")
    panel = page.locator("#og-panel").inner_text()
    assert "Control" in panel and "wholly owned" in panel
    quotes = page.locator("#og-panel blockquote").all_inner_texts()
    assert any("wholly" in q.lower() for q in quotes), quotes
    assert "SCHEDULE 13D/A" in panel  # the filing each quote comes from


def test_filters_labels_and_png(seed_page: Opened) -> None:
    page = seed_page.page
    before = seed_page.js("window.ownergraph.counts()")
    page.uncheck('input[data-filter="node"][value="person"]')
    after = seed_page.js("window.ownergraph.counts()")
    assert after["shownNodes"] < before["shownNodes"]
    assert after["shownEdges"] < before["shownEdges"]  # role edges of people go with them
    page.uncheck('input[data-filter="edge"][value="party"]')
    assert seed_page.js("window.ownergraph.counts()")["shownEdges"] < after["shownEdges"]
    page.uncheck("#og-labels")
    blank = seed_page.js("window.ownergraph.edges.get().every(e => !e.label.trim())")
    assert blank
    png = seed_page.js("window.ownergraph.pngDataUrl()")
    assert png.startswith("data:image/png;base64,") and len(png) > 5000
    with page.expect_download() as dl:
        page.click("#og-png")
    assert dl.value.suggested_filename == "ownergraph-network.png"
    assert seed_page.requests == []


def test_markup_in_filings_never_runs(browser: Any, tmp_path: Path) -> None:
    store = hostile_store()
    if HOSTILE_FILING.is_file():
        report = api.load_paths(store, [HOSTILE_FILING])
        assert report.ok, report.failed
    out = tmp_path / "hostile.html"
    write_viewer(store, out)
    opened = Opened(browser, out)
    try:
        page = opened.page
        assert opened.js("window.ownergraph.search('evil <img')") is not None
        page.wait_for_function("() => window.ownergraph.state.selected !== null")
        # the hostile name is on screen as text...
        heading = page.locator("#og-panel h2").inner_text()
        assert heading == HOSTILE_NAME
        # ...every panel of every node and edge is opened, and nothing ran
        opened.js(
            """() => { const api = window.ownergraph;
               api.nodes.getIds().forEach(id => { api.select(id, false); api.highlightChain(); }); }"""
        )
        for eid in opened.js("window.ownergraph.edges.getIds()"):
            opened.js(
                """(id) => { window.ownergraph.network.selectEdges([id]);
                   window.ownergraph.network.body.emitter.emit('click',
                     {nodes: [], edges: [id], event: {}, pointer: {}}); }""",
                eid,
            )
        page.hover("#og-network")
        page.wait_for_timeout(200)
        assert opened.js("typeof window.__pwned") == "undefined"
        assert opened.dialogs == []
        assert page.locator("#og-panel img, #og-panel script, #og-panel svg").count() == 0
        assert page.locator("body img").count() == 0
        assert opened.requests == [] and opened.errors == []
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "viewer-hostile.png"))
    finally:
        opened.close()


def test_force_layout_and_focus_pages_settle(
    browser: Any, seed_store: GraphStore, tmp_path: Path
) -> None:
    force = tmp_path / "force.html"
    write_viewer(seed_store, force, layout="force")
    opened = Opened(browser, force)  # waits for the physics to stabilise and stop
    try:
        assert opened.js("window.ownergraph.network.physics.physicsEnabled") is False
        assert opened.requests == [] and opened.errors == []
    finally:
        opened.close()
    focus = tmp_path / "focus.html"
    stats = write_viewer(seed_store, focus, focus="Tuspark", hops=1)
    opened = Opened(browser, focus)
    try:
        assert opened.js("window.ownergraph.state.selected") is not None
        assert opened.page.locator("#og-panel h2").inner_text() == "Tuspark Innovation Venture Ltd."
        more = opened.page.locator("#og-more")
        assert more.is_visible() and f"and {stats.left_out} more" in more.inner_text()
    finally:
        opened.close()


def _intersect(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["left"] < b["left"] + b["width"]
        and b["left"] < a["left"] + a["width"]
        and a["top"] < b["top"] + b["height"]
        and b["top"] < a["top"] + a["height"]
    )


def test_demo_page_first_view_fits_every_node_and_no_labels_overlap(
    browser: Any, tmp_path: Path
) -> None:
    out = tmp_path / "demo.html"
    report = api.demo(api.open_store(None), out)
    opened = Opened(browser, out)
    try:
        canvas = opened.js(
            "(() => { const r = document.getElementById('og-network').getBoundingClientRect();"
            " return [r.width, r.height]; })()"
        )
        boxes = opened.js("window.ownergraph.nodeBoxes()")
        assert len(boxes) == report.viewer_nodes
        outside = [
            b["id"]
            for b in boxes
            if b["left"] < 0 or b["top"] < 0 or b["right"] > canvas[0] or b["bottom"] > canvas[1]
        ]
        assert outside == [], f"nodes off the canvas on first view: {outside}"
        labels = opened.js("window.ownergraph.labelBoxes()")
        assert len(labels) >= 20  # the demo's edge labels are drawn, not hidden
        assert opened.js("window.ownergraph.labelsLeftToPanel") == 0
        overlaps = [
            (a["id"], b["id"])
            for i, a in enumerate(labels)
            for b in labels[i + 1 :]
            if _intersect(a, b)
        ]
        assert overlaps == [], f"edge labels overlap: {overlaps}"
        ARTIFACTS.mkdir(exist_ok=True)
        opened.page.screenshot(path=str(ARTIFACTS / "viewer-demo-first-view.png"))
        assert opened.requests == [] and opened.errors == []
    finally:
        opened.close()


def test_joint_filers_are_one_stake_on_the_page(seed_page: Opened) -> None:
    stakes = seed_page.js(
        """() => { const d = window.ownergraph.edges.get().filter(e => e.kind === 'ownership');
           return d.map(e => e.label); }"""
    )
    assert stakes.count("11.4%") == 1
    kinds = seed_page.js("window.ownergraph.nodes.get().map(n => n.kind)")
    assert kinds.count("group") == 1
