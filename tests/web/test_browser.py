"""End-to-end in a real Chromium (Debian's /usr/bin/chromium, driven by Playwright).

The app is served by waitress on a background thread, as in production. In CI (CI=true)
these tests must run: a missing browser fails them instead of skipping.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from web.server import start_in_thread, stop

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
QUERY = "勞資爭議"
TIMEOUT_MS = 10_000


@pytest.fixture(scope="module")
def base_url(app) -> Iterator[str]:
    server, thread = start_in_thread(app)
    yield f"http://127.0.0.1:{server.effective_port}"
    stop(server, thread)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing; CI must run the browser tests (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is missing")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@contextmanager
def open_tab(browser: Browser, base_url: str, **options) -> Iterator[Page]:
    """A fresh page in a context of its own (``options``: locale, viewport…), allowed the
    clipboard; fails the test on any console error (e.g. a CSP violation)."""
    context = browser.new_context(base_url=base_url, **options)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    context.set_default_timeout(TIMEOUT_MS)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors


@pytest.fixture()
def tab(browser, base_url) -> Iterator[Page]:
    """A fresh page in Chinese."""
    with open_tab(browser, base_url, locale="zh-TW") as opened:
        yield opened


def test_type_a_query_and_submit(tab):
    tab.goto("/")
    tab.fill("input[name=q]", QUERY)
    tab.press("input[name=q]", "Enter")
    expect(tab.locator(".hit").first).to_be_visible()
    expect(tab.locator("input[name=q]")).to_have_value(QUERY)
    expect(tab.locator(".hit mark").first).to_have_text(QUERY)
    assert "q=" in tab.url


def test_click_a_year_facet_and_see_only_that_year(tab):
    tab.goto(f"/search?q={QUERY}")
    tab.locator("#facet-year a", has_text="104年 (2015)").click()
    expect(tab.locator("#facet-year .selected")).to_contain_text("104年 (2015)")
    badges = tab.locator(".hit .year-badge").all_inner_texts()
    assert badges and set(badges) == {"104年 (2015)"}


def test_open_a_permalink_and_reach_the_highlighted_paragraph_in_the_reader(tab):
    tab.goto(f"/search?q={QUERY}")
    permalink = tab.locator(".hit a.permalink").first
    paragraph_id = permalink.get_attribute("href").split("?")[0].rsplit("/", 1)[1]
    permalink.click()
    expect(tab).to_have_url(re.compile(f"/p/{re.escape(paragraph_id)}\\?from="))
    tab.locator("a.reader-link").click()
    linked = tab.locator(".para.linked")
    expect(linked).to_have_attribute("id", paragraph_id)
    expect(linked).to_be_in_viewport()
    assert tab.url.endswith(f"#{paragraph_id}")
    background = linked.evaluate("element => getComputedStyle(element).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_switch_to_english(tab):
    tab.goto(f"/search?q={QUERY}")
    tab.locator(".language-switch a", has_text="English").click()
    expect(tab.locator("html")).to_have_attribute("lang", "en")
    expect(tab.locator("button[type=submit]")).to_have_text("Search")
    expect(tab.locator("#facet-year .facet-label").first).to_have_text("2015 (ROC 104)")
    tab.locator(".hit a.permalink").first.click()
    expect(tab.locator("html")).to_have_attribute("lang", "en")
    assert "lang=en" in tab.url


def test_copy_a_citation(tab):
    tab.goto("/p/gxszflgj-110-3.2-7")
    button = tab.locator("button[data-copy-target=citation-zh]")
    expect(button).to_be_visible()
    button.click()
    expect(button).to_have_text("已複製")
    citation = tab.locator("#citation-zh").inner_text().strip()
    assert tab.evaluate("navigator.clipboard.readText()") == citation
    assert "/p/gxszflgj-110-3.2-7（瀏覽日期：" in citation


@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)])
@pytest.mark.parametrize("locale, same_label", [("zh-TW", "同一業務"), ("en", "Same programme")])
def test_compare_years_side_by_side_on_a_desktop_and_stacked_on_a_phone(browser, base_url, width, height,
                                                                         locale, same_label):
    with open_tab(browser, base_url, locale=locale, viewport={"width": width, "height": height}) as tab:
        tab.goto("/r/gxszflgj-110")
        tab.locator("#h-3\\.7 a.compare-link").click()  # 七、外籍勞工管理
        expect(tab).to_have_url(re.compile(r"/compare\?section="))
        columns = tab.locator(".compare-column")
        expect(columns).to_have_count(2)
        expect(columns.nth(0).locator(".strength")).to_have_text(same_label)
        first, second = columns.nth(0).bounding_box(), columns.nth(1).bounding_box()
        if width >= 1000:
            assert abs(first["y"] - second["y"]) < 1 and second["x"] >= first["x"] + first["width"]
        else:
            assert second["y"] >= first["y"] + first["height"] and abs(first["x"] - second["x"]) < 1
            assert first["width"] <= width
        assert tab.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
        figures = tab.locator("table.compare-figures")
        expect(figures).to_be_visible()
        expect(figures.locator("tbody tr").first.locator("td")).to_have_count(2)
        tab.goto("/compare?section=勞工博物館&q=常設展")
        expect(tab.locator(".compare-column mark").first).to_be_visible()
