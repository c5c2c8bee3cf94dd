"""Bidi controls and invisible characters (issue 13, item 7): kept in the data as
written, shown marked (``⟨U+202E⟩``) in tables and the viewer, escaped in JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ownergraph import api
from ownergraph.cli import cli
from ownergraph.graph.build import build_graph
from ownergraph.output import Table, is_invisible, mark_invisible, render, to_csv, to_json
from ownergraph.record import CoverPage, Entity, EntityKind, Filing, Source
from ownergraph.viewer.page import render_viewer

#: an investor name that reads "Acme Holdings Ltd." backwards after the RLO, with a
#: zero-width space, a byte-order mark, and the isolates and marks of every kind
SPOOF = "Acme \u202eetaroproC\u202c Holdings\u200b Ltd.\ufeff"
ALL_CONTROLS = "".join(
    chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]
)
NAMES = {"spoof": SPOOF, "every": f"Every{ALL_CONTROLS}Control Co"}


def bidi_filing() -> Filing:
    f = Filing(form="SC 13D", schedule="13D", accession="0000000000-24-000777", issuer="issuer")
    f.add_entity(Entity(key="issuer", name="Target Corp", kind=EntityKind.COMPANY))
    for key, name in NAMES.items():
        f.add_entity(Entity(key=key, name=name, kind=EntityKind.COMPANY))
        f.cover_pages.append(
            CoverPage(
                number=len(f.cover_pages) + 1,
                person=key,
                aggregate=1000,
                percent_of_class=Decimal("5.2"),
                source=Source(f"Cover page, reporting person {key}", f"{name} owns 5.2%"),
            )
        )
    return f


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bidi") / "store"
    with api.open_store(path) as s:
        name, graph = build_graph(bidi_filing())
        s.replace_graph(name, graph)
    return path


@pytest.fixture(scope="module")
def store(store_path: Path) -> Iterator[Any]:
    with api.open_store(store_path, read_only=True) as s:
        yield s


NAMES_QUERY = (
    "SELECT ?name WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?name } ORDER BY ?name"
)


def test_every_invisible_kind_is_recognised() -> None:
    assert all(is_invisible(c) for c in ALL_CONTROLS + "\u200b\ufeff\u00ad\u2028\x1b\x7f")
    assert not any(is_invisible(c) for c in "aé中\u05d0\u0627 \t\n")  # letters of RTL scripts too
    assert mark_invisible("\u202e") == "⟨U+202E⟩"
    assert mark_invisible("x\U000e0001y") == "x⟨U+E0001⟩y"


def test_the_data_keeps_the_characters_as_written(store: Any) -> None:
    names = {r["name"] for r in api.run_query(store, NAMES_QUERY).rows}
    assert set(NAMES.values()) <= names


def test_tables_mark_them_and_never_print_them_raw(store_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--store", str(store_path), "query", NAMES_QUERY])
    assert result.exit_code == 0, result.output
    out = result.output
    assert not any(is_invisible(c) for c in out.replace("\n", ""))
    assert "Acme ⟨U+202E⟩etaroproC⟨U+202C⟩ Holdings⟨U+200B⟩ Ltd.⟨U+FEFF⟩" in out
    for c in ALL_CONTROLS:
        assert f"⟨U+{ord(c):04X}⟩" in out


def test_json_escapes_them_exactly(store_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--store", str(store_path), "query", "--format", "json", NAMES_QUERY]
    )
    assert result.exit_code == 0, result.output
    assert not any(is_invisible(c) for c in result.output.replace("\n", ""))
    assert "\\u202e" in result.output
    names = {row["name"] for row in json.loads(result.output)}
    assert set(NAMES.values()) <= names  # the same strings once parsed
    table = Table([SPOOF], [{SPOOF: [SPOOF, {"k\u2066": SPOOF}]}])
    assert json.loads(to_json(table)) == [{SPOOF: [SPOOF, {"k\u2066": SPOOF}]}]
    assert not any(is_invisible(c) for c in to_json(table).replace("\n", ""))


def test_csv_keeps_them_exact() -> None:
    assert SPOOF in to_csv(Table(["name"], [{"name": SPOOF}]))


def test_show_and_chain_mark_them(store_path: Path) -> None:
    for command in (["show", SPOOF], ["chain", "--direction", "down", SPOOF]):
        result = CliRunner().invoke(cli, ["--store", str(store_path), *command])
        assert result.exit_code == 0, (command, result.output)
        assert "⟨U+202E⟩" in result.output, command
        assert not any(is_invisible(c) for c in result.output.replace("\n", "")), command


def test_rich_table_title_and_columns_are_marked() -> None:
    from rich.console import Console

    console = Console(width=200, record=True)
    console.print(render(Table([f"col{SPOOF}"], [{f"col{SPOOF}": 1}], f"t{SPOOF}"), "table"))
    text = console.export_text()
    assert text.count("⟨U+202E⟩") == 2 and "\u202e" not in text


def test_viewer_labels_show_the_marker_and_keep_the_raw_name(store: Any) -> None:
    html, _ = render_viewer(store)
    blocks = dict(
        re.findall(r'<script type="application/json" id="([^"]+)">(.*?)</script>', html, re.S)
    )
    graph, data = json.loads(blocks["og-graph"]), json.loads(blocks["og-data"])
    labels = [n["label"] for n in graph["nodes"]]
    assert any(label.startswith("Acme ⟨U+202E⟩etaroproC⟨U+202C⟩") for label in labels)
    for n in graph["nodes"]:
        assert not any(is_invisible(c) for c in n["label"] + n.get("title", "").replace("\n", ""))
    raw = {d.get("name") for d in data["details"].values()}
    assert SPOOF in raw  # the panel's data holds the name as written
    assert "\\p{Cf}" in html and "data-raw" in html  # the page marks what it puts on screen


@pytest.mark.browser
def test_viewer_panel_marks_the_name_in_a_browser(store: Any, tmp_path: Path) -> None:
    from ownergraph.viewer.browser import CHROMIUM, HEADLESS_ARGS
    from ownergraph.viewer.page import write_viewer

    if not CHROMIUM.is_file():
        pytest.skip(
            f"{CHROMIUM} is absent: install Debian's chromium (apt-get install -y chromium)"
        )
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    out = tmp_path / "bidi.html"
    write_viewer(store, out)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=list(HEADLESS_ARGS))
        try:
            page = browser.new_page()
            page.route(
                "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()
            )
            page.goto(out.as_uri())
            page.wait_for_function("() => window.ownergraph && window.ownergraph.ready")
            node = page.evaluate(
                "() => window.ownergraph.nodes.get().find(n => n.label.startsWith('Acme')).id"
            )
            page.evaluate("(id) => window.ownergraph.select(id, false)", node)
            heading = page.locator("#og-panel h2")
            assert heading.inner_text().startswith("Acme ⟨U+202E⟩etaroproC⟨U+202C⟩")
            assert heading.get_attribute("data-raw") == SPOOF
            panel = page.locator("#og-panel").inner_text()
            assert "\u202e" not in panel and "⟨U+202E⟩" in panel
        finally:
            browser.close()
