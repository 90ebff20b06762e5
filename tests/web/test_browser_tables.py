"""Both reports' tables in Chromium, on the paragraph page and in the reader, at desktop and
phone widths: a <table> with header cells where a grid was recovered, figures right-aligned,
and on a phone a table scrolls inside its own box while the page never scrolls sideways."""
from __future__ import annotations

import pytest

from indexer.export import stored_paragraphs
from indexer.store import open_current

from test_browser import base_url, browser, open_tab  # noqa: F401  (fixtures)

WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}


@pytest.fixture(scope="module")
def tables(index_dir) -> list[dict]:
    ix, _meta, _path = open_current(index_dir)
    with ix.searcher() as searcher:
        found = [p for p in stored_paragraphs(searcher) if p["kind"] == "table"]
    ix.close()
    assert {p["report"] for p in found} == {"gxszflgj-104", "gxszflgj-110"}
    return found


def check_shown(tab, scope: str, p: dict, width: int) -> None:
    box = tab.locator(scope)
    if p["table"]["rows"] is not None:
        table = box.locator("table")
        assert table.count() == 1, p["id"]
        assert box.locator("th").count() > 0
        assert table.locator("tr").count() == len(p["table"]["rows"])
        for align in tab.eval_on_selector_all(f"{scope} td.figure", "cells => cells.map(c => getComputedStyle(c).textAlign)"):
            assert align == "right"
        wrap = box.locator(".table-wrap")
        assert wrap.evaluate("e => getComputedStyle(e).overflowX") == "auto"
        assert wrap.bounding_box()["width"] <= width
    else:
        assert box.locator("table").count() == 0
        assert box.locator(".table-cells .cell").count() == len(p["table"]["cells"])
    assert box.locator("a.table-csv").count() == 1


@pytest.mark.parametrize("viewport", list(WIDTHS))
def test_every_table_shows_as_a_table_on_its_page_without_sideways_scrolling(browser, base_url, tables, viewport):
    width, height = WIDTHS[viewport]
    with open_tab(browser, base_url, locale="zh-TW", viewport={"width": width, "height": height}) as tab:
        for p in tables:
            tab.goto(f"/p/{p['id']}")
            check_shown(tab, "article.focus-paragraph", p, width)
            assert tab.evaluate("document.documentElement.scrollWidth") <= width, p["id"]


@pytest.mark.parametrize("viewport", list(WIDTHS))
def test_every_table_shows_as_a_table_in_the_reader_without_sideways_scrolling(browser, base_url, tables, viewport):
    width, height = WIDTHS[viewport]
    with open_tab(browser, base_url, locale="en", viewport={"width": width, "height": height}) as tab:
        for report in sorted({p["report"] for p in tables}):
            tab.goto(f"/r/{report}")
            for p in tables:
                if p["report"] == report:
                    check_shown(tab, f"[id='{p['id']}']", p, width)
            assert tab.evaluate("document.documentElement.scrollWidth") <= width, report


@pytest.mark.parametrize("where", ["page", "reader"])
def test_a_table_wider_than_a_phone_scrolls_in_its_box(browser, base_url, tables, where):
    """A grid made wider than a narrow phone: its box scrolls, the page does not."""
    p = next(p for p in tables if p["table"]["rows"])
    url, scope = (f"/p/{p['id']}", "article.focus-paragraph") if where == "page" else (f"/r/{p['report']}", f"[id='{p['id']}']")
    with open_tab(browser, base_url, locale="zh-TW", viewport={"width": 320, "height": 700}) as tab:
        tab.goto(url)
        tab.locator(f"{scope} table").evaluate("t => { t.style.minWidth = '40rem'; }")  # as wide as the widest
        wrap = tab.locator(f"{scope} .table-wrap")
        assert wrap.evaluate("e => e.scrollWidth > e.clientWidth")
        assert tab.evaluate("document.documentElement.scrollWidth") <= 320
