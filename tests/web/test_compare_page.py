"""/compare?section=TITLE and /api/compare: a section across the years, and the links to it."""
from __future__ import annotations

from urllib.parse import quote

EN = {"Accept-Language": "en"}


def test_every_year_is_a_column_with_its_matching_section(page):
    html = page("/compare?section=" + quote("外籍勞工管理"))
    columns = html.select(".compare-column")
    assert [c["data-report"] for c in columns] == ["gxszflgj-104", "gxszflgj-110"]
    assert "(四)加強辦理外籍勞工管理" in columns[0].select_one(".breadcrumb").get_text()
    assert "同一業務" in columns[0].select_one(".strength").get_text()
    assert "七、外籍勞工管理" in columns[1].select_one(".breadcrumb").get_text()
    assert columns[1].select_one(".column-reader")["href"] == "/r/gxszflgj-110#h-3.7"
    assert columns[0].select(".para") and columns[1].select(".para")


def test_figures_of_both_years_are_aligned_by_their_labels(page):
    rows = page("/compare?section=" + quote("勞資爭議調處")).select("table.compare-figures tbody tr")
    cells = {row.th.get_text(): [td.get_text() for td in row.select("td")] for row in rows}
    assert cells["工資爭議"] == ["1386 / 356 / 51 / 1793", "1,303 / 459 / 2 / 1,764"]


def test_the_query_is_highlighted_when_given(page):
    html = page("/compare?section=" + quote("勞工博物館") + "&q=" + quote("常設展"))
    marks = html.select(".compare-column mark")
    assert marks and {m.get_text() for m in marks} == {"常設展"}
    assert not page("/compare?section=" + quote("勞工博物館")).select("mark")


def test_a_renamed_programme_is_found_from_either_name(api):
    for title, other in (("勞工博物館", "勞工博物館營運"), ("勞工博物館營運", "勞工博物館")):
        got = api("/api/compare?section=" + quote(title))
        columns = got["groups"][0]["columns"]
        assert {c["title"] for c in columns} == {title, other}
        assert sorted(c["strength"] for c in columns) == ["same", "title"]


def test_api_twin_has_columns_figures_and_highlights(api):
    got = api("/api/compare?section=" + quote("勞資爭議調處") + "&q=" + quote("勞資爭議"))
    assert got["section"] == "勞資爭議調處" and got["highlight"] == ["勞資爭議"]
    group = got["groups"][0]
    assert group["agency"] == "高雄市政府勞工局"
    assert [(c["year"], c["path"], c["strength"]) for c in group["columns"]] == [(104, "3.2", "title"), (110, "3.2", "title")]
    assert group["columns"][1]["paragraphs"][0]["id"] == "gxszflgj-110-3.2-1"
    assert "<mark>勞資爭議</mark>" in group["columns"][1]["paragraphs"][0]["marked"]
    labels = {row["label"]: row["values"] for row in group["figures"]}
    assert labels["小計"] == {"gxszflgj-104": "3006 / 833 / 158 / 3997", "gxszflgj-110": "2,675 / 959 / 7 / 3,641"}


def test_an_enumerator_in_the_title_is_ignored(api):
    assert api("/api/compare?section=" + quote("二、勞資爭議調處"))["section"] == "勞資爭議調處"


def test_an_unknown_section_is_a_404_page_offering_similar_titles(page):
    html = page("/compare?section=" + quote("外籍勞工"), status=404)
    assert "外籍勞工" in html.select_one(".error").get_text()
    offered = [a.get_text() for a in html.select(".title-suggestions a")]
    assert "外籍勞工管理" in offered and "加強辦理外籍勞工管理" in offered


def test_an_unknown_section_is_a_404_in_the_api_and_no_title_a_400(api):
    got = api("/api/compare?section=" + quote("沒有這一節"), status=404)
    assert got["ok"] is False and "沒有這一節" in got["error"]
    assert api("/api/compare", status=400)["status"] == 400


def test_the_page_speaks_english_too(page):
    html = page("/compare?section=" + quote("開辦勞工大學"), headers=EN)
    assert html.select_one("h1").get_text().startswith("Compare across years:")
    assert [s.get_text(strip=True) for s in html.select(".strength")] == ["This title", "This title"]


def test_every_heading_of_the_reader_links_to_its_comparison(page):
    html = page("/r/gxszflgj-110")
    link = html.select_one("#h-3\\.7 a.compare-link")
    assert link["href"] == "/compare?section=" + quote("外籍勞工管理")
    assert len(html.select(".body-heading a.compare-link")) == len(html.select(".body-heading"))


def test_paragraph_page_links_to_the_best_matching_paragraph_of_the_other_year(page, api):
    html = page("/p/gxszflgj-104-4.1.4-3")
    links = html.select("a.same-section")
    got = api("/api/paragraphs/gxszflgj-104-4.1.4-3")["same_section"]
    assert [a["href"] for a in links] == [item["paragraph_url"] for item in got]
    assert got[0]["section"] == ["參、勞工行政", "七、外籍勞工管理"] and got[0]["strength"] == "same"
    assert "110年 (2021) 的同一業務" in links[0].get_text()
    assert html.select_one("a.compare-link")["href"] == "/compare?section=" + quote("加強辦理外籍勞工管理")


def test_a_search_within_a_section_links_to_its_comparison_with_the_query(page):
    html = page("/search?q=" + quote("外勞") + "&section=" + quote("外籍勞工管理"))
    link = html.select_one(".applied-filters a.compare-link")
    assert link["href"] == "/compare?section=" + quote("外籍勞工管理") + "&q=" + quote("外勞")


def test_one_agency_can_be_asked_for_and_an_unknown_one_is_a_404(api):
    got = api("/api/compare?section=" + quote("勞資爭議調處") + "&agency=" + quote("高雄市政府勞工局"))
    assert [g["agency"] for g in got["groups"]] == ["高雄市政府勞工局"] and got["more_agencies"] == []
    api("/api/compare?section=" + quote("勞資爭議調處") + "&agency=" + quote("臺北市政府勞動局"), status=404)


def test_agencies_past_the_page_limit_are_listed_with_their_own_comparison(page, monkeypatch):
    monkeypatch.setattr("web.compare_view.MAX_GROUPS", 0)
    html = page("/compare?section=" + quote("勞資爭議調處"))
    assert not html.select(".compare-column")
    link = html.select_one(".more-agencies a")
    assert link.get_text() == "高雄市政府勞工局"
    assert link["href"] == "/compare?section=" + quote("勞資爭議調處") + "&agency=" + quote("高雄市政府勞工局")
