"""The paragraph page: the paragraph, its context, the reader link, citations."""
import json
from datetime import date
from urllib.parse import parse_qs, quote, urlsplit

import pytest

PID = "gxszflgj-110-3.2-7"
EN = {"Accept-Language": "en"}


def test_paragraph_breadcrumb_and_neighbours(page, reports):
    html = page(f"/p/{PID}")
    paragraph = next(p for p in reports[110].paragraphs if p.id == PID)
    assert html.find("article", id=PID).get_text(strip=True) == paragraph.text
    crumbs = [li.get_text(strip=True) for li in html.select(".report-crumb li")]
    assert crumbs == [reports[110].title, "參、勞工行政", "二、勞資爭議調處"]
    assert html.select_one(".context.previous a")["href"] == "/p/gxszflgj-110-3.2-6"
    assert html.select_one(".context.next a")["href"] == "/p/gxszflgj-110-3.3-1"


def test_first_paragraph_of_a_report_has_no_previous(page):
    html = page("/p/gxszflgj-104-1.1.1-1")
    assert not html.select(".context.previous")
    assert html.select_one(".context.next a")["href"] == "/p/gxszflgj-104-1.1.1-2"


def test_reader_link_points_at_the_paragraph_anchor(page):
    href = page(f"/p/{PID}").select_one("a.reader-link")["href"]
    assert href == f"/r/gxszflgj-110?p={PID}#{PID}"


@pytest.fixture()
def on_day(app, monkeypatch):
    """Citations made on a given day (the app's TODAY)."""
    monkeypatch.setitem(app.config, "TODAY", lambda: date(2026, 3, 9))


def test_citations_in_chinese_and_english_with_item_permalink_and_access_date(page, on_day):
    html = page(f"/p/{PID}")
    zh = html.select_one("#citation-zh").get_text()
    en = html.select_one("#citation-en").get_text()
    url = f"https://reports.example.tw/p/{PID}"
    assert zh.startswith("高雄市政府勞工局，《高雄市政府勞工局110年度施政績效成果報告》（民國110年／2021年）")
    assert f"參、勞工行政 > 二、勞資爭議調處，項次4.（第7段）。{url}（瀏覽日期：2026年3月9日）" in zh
    assert en.startswith("Labour Bureau, Kaohsiung City Government. "
                         "Annual Performance Report 2021 (ROC year 110)")
    assert "Labour dispute mediation" in en and f"item 4. (paragraph 7). {url} (accessed 2026-03-09)" in en
    assert html.select_one("#citation-zh")["lang"] == "zh-Hant" and html.select_one("#citation-en")["lang"] == "en"


def test_bibtex_and_csl_json_are_shown_as_they_are_copied(page, api, on_day):
    html = page(f"/p/{PID}")
    cited = api(f"/api/paragraphs/{PID}")["citation"]
    assert html.select_one("pre#citation-bibtex").get_text() == cited["bibtex"]
    assert json.loads(html.select_one("pre#citation-csl").get_text()) == cited["csl"]
    assert "@misc{" + PID in cited["bibtex"] and "urldate = {2026-03-09}" in cited["bibtex"]


def test_every_citation_form_has_a_copy_button_with_its_own_name(page):
    for headers, names in ((None, ["複製中文引用格式", "複製英文引用格式", "複製BibTeX 引用格式", "複製CSL-JSON 引用格式"]),
                           (EN, ["Copy the Chinese citation", "Copy the English citation",
                                 "Copy the BibTeX citation", "Copy the CSL-JSON citation"])):
        buttons = page(f"/p/{PID}", headers=headers).select("button.copy-button")
        assert [b["data-copy-target"] for b in buttons] == ["citation-zh", "citation-en", "citation-bibtex", "citation-csl"]
        assert [b["aria-label"] for b in buttons] == names
        assert all(b.has_attr("hidden") for b in buttons)


def test_title_and_heading_name_the_section_and_the_printed_item(page):
    html = page(f"/p/{PID}")
    assert html.title.get_text().startswith("勞資爭議調處 · 4. — 110年 (2021) · ")
    assert html.select_one("h1 .paragraph-position").get_text() == "項次 4."
    assert "二、勞資爭議調處" in html.select_one("h1").get_text()
    english = page(f"/p/{PID}", headers=EN)
    assert english.title.get_text().startswith("Labour dispute mediation · 4. — 2021 (ROC 110) · ")
    assert english.select_one("h1 .paragraph-position").get_text() == "Item 4."


def test_without_a_printed_item_the_heading_gives_the_position_in_the_section(page, api):
    pid = "gxszflgj-110-3.2-3"  # a table
    assert api(f"/api/paragraphs/{pid}")["paragraph"]["item"] is None
    assert page(f"/p/{pid}").select_one("h1 .paragraph-position").get_text() == "本節第 3 段（共 7 段）"
    assert page(f"/p/{pid}", headers=EN).select_one("h1 .paragraph-position").get_text() == \
        "Paragraph 3 of 7 in this section"
    assert page(f"/p/{pid}").title.get_text().startswith("勞資爭議調處 · 第 3 段 — ")


def test_neighbour_links_say_when_they_cross_into_another_section(page):
    html = page(f"/p/{PID}")
    assert html.select_one(".context.previous a").get_text() == "↑ 上一段"
    assert html.select_one(".context.next a").get_text() == "↓ 下一段（屬於「勞工退休準備金提撥及查核」）"
    english = page("/p/gxszflgj-110-3.3-1", headers=EN)
    assert english.select_one(".context.previous a").get_text() == \
        "↑ Previous paragraph (section Labour dispute mediation)"


SEARCH = "/search?q=勞工&year=2021&page=2&sort=report&limit=20"


def query(url: str) -> dict:
    return parse_qs(urlsplit(url).query)


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_a_hit_leads_to_its_paragraph_and_back_to_exactly_those_results(page, lang):
    results = page(f"{SEARCH}&lang={lang}")
    hit = results.select_one(".hit a.permalink")
    paragraph = page(hit["href"])
    back = paragraph.select_one(".back-to-results a")
    assert urlsplit(back["href"]).path == "/search"
    assert query(back["href"]) == query(f"{SEARCH}&lang={lang}")
    assert back.get_text() == ("← 回到搜尋結果" if lang == "zh-TW" else "← Back to results")
    assert paragraph.select_one(".permalink-line a")["href"] == "https://reports.example.tw" + urlsplit(hit["href"]).path
    neighbour = paragraph.select_one(".context a")["href"]
    assert query(page(neighbour).select_one(".back-to-results a")["href"]) == query(back["href"])


def test_back_to_results_follows_the_language_switch(page):
    hit = page(f"{SEARCH}&lang=en").select_one(".hit a.permalink")["href"]
    switched = page(page(hit).select_one(".language-switch a[hreflang]")["href"])
    assert switched.select_one(".back-to-results a").get_text() == "← 回到搜尋結果"
    assert query(switched.select_one(".back-to-results a")["href"])["lang"] == ["zh-TW"]


@pytest.mark.parametrize("value", ["//evil.example/search?q=x", "https://evil.example/search?q=x",
                                   "/\\evil.example/search?q=x", "javascript:alert(1)", "/r/gxszflgj-104?q=x",
                                   "/search", "/search?other=1", "search?q=x", "/search?q=x" + "y" * 3000])
def test_from_never_leads_off_the_search_page(page, value):
    assert page(f"/p/{PID}?from={quote(value)}").select_one(".back-to-results") is None


def test_from_keeps_only_search_arguments(page):
    back = page(f"/p/{PID}?from={quote('/search?q=勞工&next=https://evil.example&page=3')}")
    assert query(back.select_one(".back-to-results a")["href"]) == {"q": ["勞工"], "page": ["3"]}


def test_a_paragraph_reached_directly_has_no_back_link(page):
    assert page(f"/p/{PID}").select_one(".back-to-results") is None


def test_same_section_in_the_other_year_is_linked_at_its_best_matching_paragraph(page):
    links = page(f"/p/{PID}").select("a.same-section")
    # 110's online withdrawals (item 4) are most like 104's online applications (item 3)
    assert [a["href"] for a in links] == ["/p/gxszflgj-104-3.2-6"]
    assert "104年 (2015) 的同一業務" in links[0].get_text()


def test_table_paragraph_with_a_regular_grid_is_a_table(page):
    html = page("/p/gxszflgj-110-2.4-3")
    rows = html.select("article table tr")
    assert [c.get_text() for c in rows[0].select("th")] == ["單位", "人數"]
    assert [c.get_text() for c in rows[-1].select("th, td")] == ["總計", "621"]


def test_a_table_without_a_grid_is_a_compact_block_of_cells(page, reports):
    """The 2021 table of 職災慰問金 lost two column groups' labels: no layout fits it."""
    pid = "gxszflgj-110-2.2.1-2"
    first = next(p for p in reports[110].paragraphs if p.id == pid).text.split("\n")[0]
    html = page(f"/p/{pid}")
    assert not html.select("article table")
    assert html.select("article .table-cells .cell")[0].get_text() == first


def test_every_page_but_the_search_page_has_a_search_box_in_its_header(page, reports):
    pid = reports[104].paragraphs[0].id
    for url in (f"/p/{pid}", f"/r/{reports[104].id}", "/reports"):
        form = page(url).select_one("header form[role=search]")
        assert form is not None and form.select_one("input[name=q]") is not None, url
    assert page("/search?q=勞工").select_one("header form[role=search]") is None


def test_back_to_results_keeps_every_value_of_a_filter(page):
    results = page("/search?q=勞資爭議&year=104&year=110")
    paragraph = page(results.select_one(".hit a.permalink")["href"])
    back = paragraph.select_one(".back-to-results a")["href"]
    assert query(back)["year"] == ["104", "110"]
