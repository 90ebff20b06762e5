"""The results page in Chromium at desktop (1280×800) and phone (390×844) widths, in both
languages: what only a browser shows (layout, the filters control, one-line paths)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from test_browser import QUERY, base_url, browser, open_tab  # noqa: F401 (fixtures)

DESKTOP, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}


@pytest.fixture(params=[("zh-TW", DESKTOP), ("zh-TW", PHONE), ("en", DESKTOP), ("en", PHONE)],
                ids=["zh-desktop", "zh-phone", "en-desktop", "en-phone"])
def view(request, browser, base_url):  # noqa: F811
    language, size = request.param
    with open_tab(browser, base_url, locale=language, viewport=size) as page:
        yield page, language, size is PHONE


def test_filters_come_before_the_hits_on_a_phone_and_beside_them_on_a_desktop(view):
    page, _language, phone = view
    page.goto(f"/search?q={QUERY}")
    control, sidebar = page.locator("details.filters-control"), page.locator("aside.facets")
    first_hit = page.locator(".hit").first
    if phone:
        expect(control).to_be_visible()
        expect(sidebar).to_be_hidden()
        assert control.bounding_box()["y"] < first_hit.bounding_box()["y"]
        control.locator("summary").click()
        year = control.locator(".facet-value a").first
        expect(year).to_be_visible()
        year.click()
        expect(page.locator(".applied-filters .filter-chip")).to_have_count(1)
    else:
        expect(control).to_be_hidden()
        expect(sidebar).to_be_visible()
        assert sidebar.bounding_box()["x"] < first_hit.bounding_box()["x"]


def test_a_hits_section_path_takes_one_line_on_a_phone(view):
    page, language, phone = view
    page.goto(f"/search?q={QUERY}&lang={'en' if language == 'en' else 'zh-TW'}")
    crumb = page.locator(".hit .hit-meta .breadcrumb ol").first
    line = float(crumb.evaluate("e => parseFloat(getComputedStyle(e).lineHeight) || 20"))
    height = crumb.bounding_box()["height"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scrolling
    if phone:
        assert height <= line * 1.3, (height, line)
        assert crumb.evaluate("e => e.scrollWidth <= e.clientWidth + 1 || getComputedStyle(e).textOverflow == 'ellipsis'")
    else:
        expect(page.locator(".hit .hit-meta .breadcrumb li").first).to_be_visible()  # the whole path
