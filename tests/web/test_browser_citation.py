"""In Chromium, at desktop and phone widths and in both languages: every citation form is
copied by its own button, and switching language keeps the reader's place."""
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from test_browser import base_url, browser, open_tab  # noqa: F401  (shared fixtures)

PID = "gxszflgj-110-3.2-7"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
# language -> (locale, the other language's link text, each form's button name, "copied" label)
LANGUAGES = {
    "zh-TW": ("zh-TW", "English", {"zh": "複製中文引用格式", "en": "複製英文引用格式",
                                   "bibtex": "複製BibTeX 引用格式", "csl": "複製CSL-JSON 引用格式"}, "已複製"),
    "en": ("en-GB", "中文", {"zh": "Copy the Chinese citation", "en": "Copy the English citation",
                            "bibtex": "Copy the BibTeX citation", "csl": "Copy the CSL-JSON citation"}, "Copied"),
}


@pytest.fixture(params=[(v, lang) for v in VIEWPORTS for lang in LANGUAGES], ids=lambda p: f"{p[0]}-{p[1]}")
def setting(request) -> tuple[str, str]:
    return request.param


@pytest.fixture()
def tab(browser, base_url, setting) -> Iterator[Page]:  # noqa: F811
    """A fresh page at the setting's width and language; fails on any console error."""
    viewport, lang = setting
    with open_tab(browser, base_url, locale=LANGUAGES[lang][0], viewport=VIEWPORTS[viewport]) as opened:
        yield opened


def test_each_citation_form_is_copied_by_its_own_button(tab, setting):
    _locale, _other, names, copied = LANGUAGES[setting[1]]
    tab.goto(f"/p/{PID}")
    for form, name in names.items():
        expect(tab.get_by_role("button", name=name, exact=True)).to_have_count(1)
        button = tab.locator(f"button[data-copy-target=citation-{form}]")
        expect(button).to_have_accessible_name(name)
        button.scroll_into_view_if_needed()
        expect(button).to_be_visible()
        expect(button).to_be_in_viewport()
        button.click()
        expect(button).to_have_text(copied)
        expect(button).to_have_accessible_name(re.compile(f"^{copied}"))
        text = tab.locator(f"#citation-{form}").text_content().strip()
        assert tab.evaluate("navigator.clipboard.readText()") == text
    assert tab.evaluate("navigator.clipboard.readText()").startswith("{")
    assert f"@misc{{{PID}," in tab.locator("#citation-bibtex").text_content()


def test_switching_language_in_the_reader_keeps_the_section_reached(tab, setting):
    _locale, other, _names, _copied = LANGUAGES[setting[1]]
    tab.goto("/r/gxszflgj-104")
    tab.locator(".toc a[href='#h-3.2']").click()
    expect(tab).to_have_url(re.compile(r"#h-3\.2$"))
    tab.locator(".language-switch a", has_text=other).click()
    expect(tab).to_have_url(re.compile(r"lang=.*#h-3\.2$"))
    expect(tab.locator("html")).not_to_have_attribute("lang", {"zh-TW": "zh-Hant-TW", "en": "en"}[setting[1]])
    expect(tab.locator("#h-3\\.2")).to_be_in_viewport()


def test_switching_language_keeps_the_paragraph_linked_from_the_paragraph_page(tab, setting):
    _locale, other, _names, _copied = LANGUAGES[setting[1]]
    tab.goto(f"/p/{PID}")
    tab.locator("a.reader-link").click()
    tab.locator(".language-switch a", has_text=other).click()
    expect(tab).to_have_url(re.compile(f"lang=.*#{re.escape(PID)}$"))
    expect(tab.locator(".para.linked")).to_be_in_viewport()
