"""Chinese and English interface: chosen from Accept-Language or ?lang=, kept in the URL."""
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

WEB = Path(__file__).resolve().parents[2] / "web"
CATALOGUE = WEB / "translations" / "zh_Hant_TW" / "LC_MESSAGES"
EN = {"Accept-Language": "en-GB,en;q=0.9"}


def test_chinese_by_default(page):
    html = page("/search?q=勞工", headers={"Accept-Language": "fr"})
    assert html.html["lang"] == "zh-Hant-TW"
    assert html.select_one("button[type=submit]").get_text() == "搜尋"


def test_english_from_accept_language(page):
    html = page("/search?q=勞資爭議", headers=EN)
    assert html.html["lang"] == "en"
    assert html.select_one("button[type=submit]").get_text() == "Search"
    labels = [a.get_text() for a in html.select("#facet-year .facet-label")]
    assert labels == ["2015 (ROC 104)", "2021 (ROC 110)"]


def test_lang_argument_wins_and_is_kept_in_every_link(page):
    html = page("/search?q=勞資爭議&lang=en")
    assert html.html["lang"] == "en"
    assert html.select_one("form[role=search] input[name=lang]")["value"] == "en"
    links = [a["href"] for a in html.select(".facet a, .hit a, .pagination a, .site-nav a")]
    assert links and all(parse_qs(urlsplit(href).query).get("lang") == ["en"]
                         for href in links if not href.startswith("/api/"))


def test_switch_links_to_the_same_page_in_the_other_language(page):
    html = page("/p/gxszflgj-104-3.2-1?lang=en")
    switch = html.select_one(".language-switch a[hreflang]")
    assert switch.get_text() == "中文" and switch["lang"] == "zh-Hant-TW"
    assert switch["href"] == "/p/gxszflgj-104-3.2-1?lang=zh-TW"
    assert html.select_one(".language-switch [aria-current]").get_text() == "English"


def test_switching_language_in_the_reader_keeps_the_linked_paragraph(page):
    html = page("/r/gxszflgj-104?p=gxszflgj-104-3.2-1&lang=en")
    assert html.select_one(".language-switch a[hreflang]")["href"] == \
        "/r/gxszflgj-104?p=gxszflgj-104-3.2-1&lang=zh-TW#gxszflgj-104-3.2-1"


def test_english_mode_shows_english_heading_titles_next_to_the_chinese(page):
    html = page("/r/gxszflgj-104?lang=en")
    heading = html.select_one("#h-3\\.2")
    assert heading.select_one("span[lang=en]").get_text() == "Labour dispute mediation"
    assert heading.select_one(".original [lang=zh-Hant]").get_text() == "二、勞資爭議調處"
    assert html.select_one("article.report-body")["lang"] == "zh-Hant"


def test_every_heading_has_an_english_title(reports):
    from web.i18n import heading_titles

    missing = {h.title for r in reports.values() for trail, _leaf in r.leaves() for h in trail} - set(heading_titles())
    assert not missing


def test_catalogue_translates_every_message_and_is_compiled():
    with open(CATALOGUE / "messages.po", "rb") as handle:
        po = read_po(handle)
    with open(CATALOGUE / "messages.mo", "rb") as handle:
        mo = read_mo(handle)
    extracted = {message[2] if isinstance(message[2], str) else message[2][0]
                 for message in extract_from_dir(str(WEB), [("**.py", "python"), ("templates/**.html", "jinja2")],
                                                 keywords={**DEFAULT_KEYWORDS, "_l": None})}
    translated = {m.id if isinstance(m.id, str) else m.id[0]: m.string for m in po if m.id}
    assert extracted <= set(translated)
    assert all(translated[msgid] for msgid in extracted)
    assert not set(translated) - extracted, "messages no longer used: remove them"
    with open(CATALOGUE.parent.parent / "messages.pot", "rb") as handle:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    assert template == extracted, "messages.pot lists exactly the messages the code uses"
    assert compiled(po) == compiled(mo), "run: cd web && pybabel compile -d translations"


def compiled(catalogue) -> dict:
    """Message id -> translation(s), comparable between a .po and a .mo."""
    return {m.id if isinstance(m.id, str) else tuple(m.id): tuple(m.string) if isinstance(m.string, (list, tuple))
            else m.string for m in catalogue if m.id}
