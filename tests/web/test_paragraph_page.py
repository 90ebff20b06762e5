"""The paragraph page: the paragraph, its context, the reader link, citations."""
PID = "gxszflgj-110-3.2-7"


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


def test_citations_in_chinese_and_english_with_permalink(page):
    html = page(f"/p/{PID}")
    zh = html.select_one("#citation-zh").get_text()
    en = html.select_one("#citation-en").get_text()
    url = f"https://reports.example.tw/p/{PID}"
    assert zh.startswith("高雄市政府勞工局，《高雄市政府勞工局110年度施政績效成果報告》（民國110年／2021年）")
    assert "參、勞工行政 > 二、勞資爭議調處，第7段。" in zh and zh.endswith(url)
    assert en.startswith("Labour Bureau, Kaohsiung City Government. "
                         "Annual Performance Report 2021 (ROC year 110)")
    assert "Labour dispute mediation" in en and "paragraph 7." in en and en.endswith(url)
    assert html.select_one("#citation-zh")["lang"] == "zh-Hant" and html.select_one("#citation-en")["lang"] == "en"


def test_copy_buttons_are_hidden_until_the_script_enables_them(page):
    buttons = page(f"/p/{PID}").select("button.copy-button")
    assert [b["data-copy-target"] for b in buttons] == ["citation-zh", "citation-en"]
    assert all(b.has_attr("hidden") for b in buttons)


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


def test_irregular_table_is_a_compact_block_of_cells(page):
    html = page("/p/gxszflgj-104-3.2-3")
    assert not html.select("article table")
    assert html.select("article .table-cells .cell")[0].get_text() == "成立"


def test_every_page_but_the_search_page_has_a_search_box_in_its_header(page, reports):
    pid = reports[104].paragraphs[0].id
    for url in (f"/p/{pid}", f"/r/{reports[104].id}", "/reports"):
        form = page(url).select_one("header form[role=search]")
        assert form is not None and form.select_one("input[name=q]") is not None, url
    assert page("/search?q=勞工").select_one("header form[role=search]") is None
