"""The search page: query box, hits, facets, pagination; all state in the URL."""
import re
from urllib.parse import parse_qs, urlsplit

from markupsafe import escape

QUERY = "勞資爭議"


def args_of(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def test_home_shows_an_empty_search_box_and_the_reports(page):
    html = page("/")
    assert html.select_one("form[role=search] input[name=q]")["value"] == ""
    assert not html.select(".hit")
    assert [a["href"].split("?")[0] for a in html.select(".report-list a")] == ["/r/gxszflgj-104", "/r/gxszflgj-110"]


def test_query_box_keeps_its_value_and_hits_have_snippet_year_breadcrumb_permalink(page):
    html = page(f"/search?q={QUERY}")
    assert html.select_one("input[name=q]")["value"] == QUERY
    hit = html.select_one(".hit")
    assert hit.select_one(".snippet mark").get_text() == QUERY
    assert hit.select_one(".year-badge").get_text() in ("104年 (2015)", "110年 (2021)")
    assert hit.select(".breadcrumb li")[0].get_text().startswith("參、")
    permalink = hit.select_one("a.permalink")["href"]
    assert permalink.startswith("/p/gxszflgj-")
    assert "/r/gxszflgj-" in hit.select_one("a.in-context")["href"]


def test_result_count_and_pagination_links(page, api):
    total = api(f"/api/search?q={QUERY}")["total"]
    assert total > 5
    html = page(f"/search?q={QUERY}&limit=5")
    assert f"找到 {total} 段" in html.select_one(".summary").get_text()
    assert len(html.select(".hit")) == 5
    next_link = html.select_one(".pagination a[rel=next]")["href"]
    assert args_of(next_link) == {"q": [QUERY], "limit": ["5"], "page": ["2"]}
    second = page(next_link)
    assert second.select_one("ol.hits")["start"] == "6"
    assert args_of(second.select_one(".pagination a[rel=prev]")["href"]) == {"q": [QUERY], "limit": ["5"]}


def test_year_facet_labels_counts_and_toggle_links(page, api):
    counts = {f["value"]: f["count"] for f in api(f"/api/search?q={QUERY}")["facets"]["year"]}
    html = page(f"/search?q={QUERY}")
    values = html.select("#facet-year .facet-value")
    assert [v.select_one(".facet-label").get_text() for v in values] == ["104年 (2015)", "110年 (2021)"]
    assert [v.select_one(".facet-count").get_text() for v in values] == [str(counts["104"]), str(counts["110"])]
    top = max(counts.values())
    for value, year in zip(values, ("104", "110")):
        assert value.select_one(f".bar.w{round(20 * counts[year] / top)}")
    href = values[0].select_one("a")["href"]
    assert args_of(href) == {"q": [QUERY], "year": ["104"]}
    narrowed = page(href)
    assert {b.get_text() for b in narrowed.select(".hit .year-badge")} == {"104年 (2015)"}
    selected = narrowed.select_one("#facet-year .selected a")
    assert args_of(selected["href"]) == {"q": [QUERY]}


def test_section_facet_drills_down_under_the_chosen_chapter(page):
    html = page(f"/search?q={QUERY}")
    assert html.select_one("#facet-chapter") and not html.select_one("#facet-section")
    chapter = next(a for a in html.select("#facet-chapter a") if "勞工行政" in a.get_text())
    drilled = page(chapter["href"])
    sections = [a.select_one(".facet-label").get_text() for a in drilled.select("#facet-section a")]
    assert "勞資爭議調處" in sections and "勞工福利" not in sections
    section = next(a for a in drilled.select("#facet-section a") if "勞資爭議調處" in a.get_text())
    assert args_of(section["href"]) == {"q": [QUERY], "chapter": ["勞工行政"], "section": ["勞資爭議調處"]}
    narrowed = page(section["href"])
    assert all("二、勞資爭議調處" in h.get_text() for h in narrowed.select(".hit .breadcrumb"))


def test_same_section_in_both_years_is_one_facet_value(page):
    html = page(f"/search?q={QUERY}&chapter=勞工行政")
    labels = [a.get_text() for a in html.select("#facet-section .facet-label")]
    assert labels.count("勞資爭議調處") == 1


def test_filters_without_a_query_browse_paragraphs(page):
    html = page("/search?year=110&chapter=勞工行政")
    assert html.select(".hit")
    assert {b.get_text() for b in html.select(".hit .year-badge")} == {"110年 (2021)"}


def test_applied_filters_are_shown_and_removable(page):
    html = page(f"/search?q={QUERY}&year=2015")
    chip = html.select_one(".applied-filters a.filter-chip")
    assert "104年 (2015)" in chip.get_text()
    assert args_of(chip["href"]) == {"q": [QUERY]}


def test_expansions_and_did_you_mean_are_rendered_when_present(app, page, monkeypatch):
    from indexer.search import SearchResult
    from web import search_view

    def fake_search(searcher, query, **kwargs):
        result = SearchResult(query, 0, 1, 10, [], {"year": []}, expansions=["勞資爭議"])
        result.suggestion = "勞資爭議"
        return result

    monkeypatch.setattr(search_view, "search", fake_search)
    html = page("/search?q=勞姿爭議")
    assert html.select_one(".expansions .expansion").get_text() == "勞資爭議"
    assert args_of(html.select_one(".suggestion a")["href"]) == {"q": ["勞資爭議"]}


def test_time_limit_is_passed_through_and_a_timeout_is_reported(app, page, monkeypatch):
    from indexer.search import search as real_search
    from web import search_view

    seen = {}

    def timed_out_search(searcher, query, **kwargs):
        seen.update(kwargs)
        result = real_search(searcher, query, **kwargs)
        result.timed_out = True
        return result

    monkeypatch.setattr(search_view, "search", timed_out_search)
    html = page(f"/search?q={QUERY}")
    assert seen["timelimit"] == app.config["SEARCH_TIMELIMIT"]
    assert "搜尋逾時" in html.select_one(".notice.timed-out").get_text()
    assert len(html.select(".notice")) == 1
    assert html.select(".hit")


def test_the_page_links_its_json_twin(page):
    html = page(f"/search?q={QUERY}&year=104")
    href = html.select_one("link[rel=alternate][type='application/json']")["href"]
    assert urlsplit(href).path == "/api/search"
    assert args_of(href) == {"q": [QUERY], "year": ["104"]}


def test_partial_matches_and_skipped_words_are_explained(page):
    partial = page("/search?q=勞博館+腳踏車")
    assert partial.select_one(".notice.partial") and partial.select(".hit")
    skipped = page("/search?q=occupational+accident+zzzyx&lang=en")
    assert "zzzyx" in skipped.select_one(".notice.ignored").get_text()
    assert skipped.select(".hit")


def test_a_run_found_nowhere_says_what_was_searched_instead(page):
    html = page("/search?q=石化業+職業安全衛生&lang=en")
    notice = html.select_one(".notice.relaxed").get_text()
    assert "石化業" in notice and "石化" in notice.split("searched for")[1]
    assert html.select(".hit")
    filtered = page("/search?q=線上服務&year=110&lang=zh-TW").select_one(".notice.relaxed").get_text()
    assert "所選範圍" in filtered and "線上" in filtered


def test_hits_lacking_more_terms_are_announced_as_having_only_some(page):
    english = page("/search?q=志工+招募+訓練&lang=en").select_one(".notice.some").get_text()
    chinese = page("/search?q=志工+招募+訓練&lang=zh-TW").select_one(".notice.some").get_text()
    assert "only some" in english and "部分" in chinese


def test_neighbours_of_few_matches_are_marked_and_explained(page):
    html = page("/search?q=22549&lang=en")
    near = html.select(".hit.near")
    assert near and len(near) + 1 == len(html.select(".hit"))
    assert all("same section" in hit.select_one(".why").get_text() for hit in near)
    assert html.select_one(".notice.context-note") and "1 paragraph found" in html.select_one(".summary").get_text()


def test_hits_lacking_one_term_follow_the_complete_ones_and_are_marked(page):
    html = page("/search?q=職災+死亡+慰問金&limit=100")
    hits = html.select(".hit")
    marked = [i for i, hit in enumerate(hits) if "some-terms" in hit["class"]]
    assert html.select_one(".notice.some") and marked
    assert marked == list(range(marked[0], len(hits)))  # all after the complete ones


def test_hits_listed_for_their_heading_say_so(page, api):
    data = api("/api/search?q=勞資爭議&limit=20")
    by_heading = [h["id"] for h in data["hits"] if h["matched"] == "heading"]
    by_text = [h["id"] for h in data["hits"] if h["matched"] == "text"]
    assert by_heading and by_text
    html = page("/search?q=勞資爭議&limit=20")
    hits = {li["id"]: li for li in html.select("li.hit")}
    assert hits[f"hit-{by_heading[0]}"].select_one(".why")
    assert not hits[f"hit-{by_text[0]}"].select_one(".why")


def test_hits_listed_for_the_item_they_sit_under_show_it(page, api):
    data = api("/api/search?q=紓困&limit=50")
    by_lead = [h for h in data["hits"] if h["matched"] == "lead"]
    assert by_lead and all(any("紓困" in item for item in h["lead"]) for h in by_lead)
    for lang, label in (("en", "Under:"), ("zh-TW", "所屬項目")):
        html = page(f"/search?q=紓困&limit=50&lang={lang}")
        hit = html.find(id=f"hit-{by_lead[0]['id']}")
        assert label in hit.select_one(".lead-in").get_text() and "紓困" in hit.select_one(".lead-in").get_text()
        assert hit.select_one(".why")
        assert [m.get_text() for m in hit.select(".lead-in mark")] == ["紓困"]


def test_the_items_a_hit_sits_under_mark_the_query_however_it_was_typed(api):
    """Simplified 纾困 marks the printed 紓困; nothing else in the item is marked, and the
    marked item reads as the plain one once the tags are gone."""
    data = api("/api/search?q=纾困&limit=50")
    by_lead = [h for h in data["hits"] if h["matched"] == "lead"]
    assert by_lead
    for hit in by_lead:
        assert len(hit["lead_marked"]) == len(hit["lead"])
        for plain, marked in zip(hit["lead"], hit["lead_marked"]):
            assert re.sub(r"</?mark>", "", marked) == str(escape(plain))
        assert any(re.findall(r"<mark>(.*?)</mark>", m) == ["紓困"] for m in hit["lead_marked"])


def test_a_compound_cut_into_parts_is_announced(page):
    english = page("/search?q=職場性騷擾&lang=en").select_one(".notice.broadened").get_text()
    chinese = page("/search?q=職場性騷擾&lang=zh-TW").select_one(".notice.broadened").get_text()
    assert "性騷擾" in english.split("after")[1] and "其後" in chinese
    both = page("/search?q=就业歧视申诉&lang=zh-TW").select_one(".notice.broadened").get_text()
    assert "就业歧视 或 申诉" in both


def test_terms_past_the_plan_are_named_on_the_page(page):
    words = " ".join(f"詞{i}" for i in range(35))
    soup = page(f"/search?q={words}&lang=en")
    notice = soup.select_one(".notice.dropped")
    assert notice is not None and "詞32 詞33 詞34" in notice.get_text()


def test_a_year_no_report_covers_lists_the_years_that_are(page):
    soup = page("/search?q=2019&lang=en")
    notice = soup.select_one(".notice.years-covered")
    assert notice is not None and "2015" in notice.get_text() and "2021" in notice.get_text()


def test_the_page_offers_the_orders_and_keeps_the_search(page, api):
    soup = page("/search?q=勞資爭議&lang=en")
    links = {a.get_text(): a["href"] for a in soup.select(".sort a")}
    assert set(links) == {"Newest year first", "Report order"} and all("q=" in href for href in links.values())
    by_year = api("/api/search?q=勞資爭議&sort=year&limit=100")
    assert [h["year"] for h in by_year["hits"]] == sorted((h["year"] for h in by_year["hits"]), reverse=True)
    assert api("/api/search?q=勞資爭議&sort=random", status=400)["ok"] is False


def test_pages_are_numbered_and_the_page_size_can_be_chosen(page):
    from web.search_view import page_numbers

    assert page_numbers(1, 3) == [1, 2, 3]
    assert page_numbers(6, 12) == [1, 0, 4, 5, 6, 7, 8, 0, 12]
    soup = page("/search?q=勞工&lang=en")
    numbers = [a.get_text() for a in soup.select(".pagination a")]
    assert "2" in numbers and soup.select_one(".pagination strong[aria-current=page]").get_text() == "1"
    sizes = {a.get_text(): a["href"] for a in soup.select(".page-size a")}
    assert set(sizes) == {"20", "50", "100"} and "limit=50" in sizes["50"]


def test_filters_that_leave_nothing_say_what_the_query_finds_without_them(page, reports):
    word = "線上服務"  # printed in 104 only
    assert any(word in p.text for p in reports[104].paragraphs)
    assert not any(word in p.text for p in reports[110].paragraphs)
    soup = page(f'/search?q="{word}"&year=110&lang=en')
    notice = soup.select_one(".notice.without-filters a")
    assert notice is not None and "without the filters" in notice.get_text()
    assert "year=" not in notice["href"] and "q=" in notice["href"]
    assert page(f'/search?q="{word}"&lang=en').select_one(".notice.without-filters") is None


def test_a_chosen_year_keeps_the_other_year_visible_and_adding_it_ors_them(page, api):
    html = page(f"/search?q={QUERY}&year=110")
    values = {v.select_one(".facet-label").get_text(): v for v in html.select("#facet-year .facet-value")}
    assert set(values) == {"104年 (2015)", "110年 (2021)"}
    assert "selected" in values["110年 (2021)"]["class"] and "selected" not in values["104年 (2015)"]["class"]
    add = values["104年 (2015)"].select_one("a")["href"]
    assert args_of(add) == {"q": [QUERY], "year": ["110", "104"]}
    both = page(add)
    assert {b.get_text() for b in both.select(".hit .year-badge")} == {"104年 (2015)", "110年 (2021)"}
    assert len(both.select(".applied-filters a.filter-chip")) == 2
    assert [i["value"] for i in both.select("form.search-form input[name=year]")] == ["110", "104"]
    data = api(f"/api/search?q={QUERY}&year=110&year=104")
    assert data["selected"]["year"] == [104, 110]
    shown = {f["value"]: f["count"] for f in data["facets"]["year"]}
    assert sum(shown.values()) == data["total"] - data["context"]
    chip = next(c for c in both.select(".applied-filters a.filter-chip") if "2015" in c.get_text())
    assert args_of(chip["href"]) == {"q": [QUERY], "year": ["110"]}


def test_the_language_link_keeps_every_value_of_a_filter(page):
    html = page(f"/search?q={QUERY}&year=104&year=110")
    english = next(a for a in html.select("a[hreflang], a[lang]") if "lang=en" in a.get("href", ""))
    assert args_of(english["href"])["year"] == ["104", "110"]


def test_a_year_typed_in_the_query_is_a_removable_filter_tag(page, api):
    html = page("/search?q=勞資爭議+2021&year=110")
    tag = html.select_one(".applied-filters a.query-year")
    assert "110年 (2021)" in tag.get_text() and tag.get_text().count("2021") == 1  # said once
    typed = page("/search?q=勞資爭議+民國110年").select_one(".applied-filters a.query-year").get_text()
    assert "民國110年" in typed and "110年 (2021)" in typed
    assert args_of(tag["href"]) == {"q": ["勞資爭議"], "year": ["110"]}
    assert api("/api/search?q=labour+dispute+2021")["query_years"] == [{"term": "2021", "year": 110}]
    assert not page("/search?q=勞資爭議").select(".query-year")


def test_terms_added_for_english_words_are_glossed_with_those_words(page, api):
    data = api("/api/search?q=foreign+workers")
    assert data["expansions"] and all(data["glosses"][t] == "foreign workers" for t in data["expansions"])
    html = page("/search?q=foreign+workers&lang=en")
    line = html.select_one(".expansions")
    assert [g.get_text() for g in line.select(".gloss")] == ["(foreign workers)"]  # once for the group
    assert {e.get_text() for e in line.select(".expansion")} == set(data["expansions"])
    two = page("/search?q=labour+dispute+cases&lang=en").select(".expansions .gloss")
    assert [g.get_text() for g in two] == ["(labour dispute)", "(cases)"]


def test_a_search_that_finds_nothing_offers_close_words_examples_and_the_reports(page):
    html = page("/search?q=trxxxing&lang=en")
    box = html.select_one(".no-results")
    assert "training" in [a.get_text() for a in box.select(".nearby a")]
    examples = box.select(".examples a.example")
    assert examples and all(page(a["href"]).select(".hit") for a in examples[:2])
    assert box.select_one("a[href^='/reports']")
    assert not page("/search?q=勞資爭議").select(".no-results")


def test_a_year_filter_outside_the_reports_says_which_years_they_cover(page, api):
    html = page("/search?q=勞資爭議&year=2019")
    notice = html.select_one(".notice.years-covered").get_text()
    assert "104年 (2015)" in notice and "110年 (2021)" in notice
    assert api("/search.json?year=108")["years_covered"] == [104, 110]
    assert not page("/search?q=勞資爭議&year=110").select(".years-covered")


def test_a_hit_in_the_same_section_as_the_one_before_does_not_repeat_its_path(page):
    html = page(f"/search?q={QUERY}&sort=report&limit=50")
    hits = html.select(".hit")
    repeats = [h for h in hits if h.select_one(".section-repeat")]
    assert repeats and hits[0].select_one(".breadcrumb")
    for hit in repeats:
        before = hit.find_previous_sibling("li")
        full = (before.select_one(".breadcrumb") or before.select_one(".section-repeat"))
        assert full is not None and not hit.select_one(".breadcrumb")
        assert before.select_one(".year-badge").get_text() == hit.select_one(".year-badge").get_text()
        assert hit.select_one(".section-repeat")["title"]


def test_filters_are_offered_in_a_control_above_the_hits_too(page):
    html = page(f"/search?q={QUERY}&year=110&year=104")
    control = html.select_one("details.filters-control")
    assert "(2)" in control.select_one("summary").get_text()
    assert control.find_next("ol", class_="hits")  # before the hits in the page
    phone = {a["href"] for a in control.select(".facet-value a")}
    sidebar = {a["href"] for a in html.select("aside.facets .facet-value a")}
    assert phone == sidebar and phone
