"""The reader: the whole report with headings restored, contents, anchors, highlight."""
PID = "gxszflgj-104-3.2-5"


def test_headings_are_restored_in_order_with_paragraphs_under_them(page, reports):
    html = page("/r/gxszflgj-104")
    body = html.select_one("article.report-body")
    headings = body.select(".body-heading")
    assert headings[0]["id"] == "h-1" and headings[0].name == "h2"
    assert "壹、勞工組訓及教育輔導" in headings[0].get_text()
    assert body.select_one("#h-3\\.2").name == "h3"
    paragraphs = body.select(".para")
    assert [p["id"] for p in paragraphs] == [p.id for p in reports[104].paragraphs]
    first = body.select_one("#h-1\\.1\\.1").find_next(class_="para")
    assert first["id"] == "gxszflgj-104-1.1.1-1"


def test_table_of_contents_links_to_heading_anchors(page):
    html = page("/r/gxszflgj-104")
    anchors = {a["href"] for a in html.select("nav.toc a")}
    ids = {"#" + h["id"] for h in html.select(".body-heading")}
    assert anchors == ids


def test_every_paragraph_has_an_anchor_and_permalink(page):
    html = page("/r/gxszflgj-110")
    for para in html.select(".para"):
        assert para.select_one("a.para-link")["href"] == f"/p/{para['id']}"


def test_linked_paragraph_is_highlighted(page):
    html = page(f"/r/gxszflgj-104?p={PID}")
    linked = html.select(".para.linked")
    assert [p["id"] for p in linked] == [PID]
    assert linked[0]["aria-current"] == "true"


def test_unknown_linked_paragraph_highlights_nothing(page):
    assert not page("/r/gxszflgj-104?p=nope").select(".para.linked")


def test_unknown_report_is_404(page):
    assert "gxszflgj-999" in page("/r/gxszflgj-999", status=404).select_one(".error").get_text()


def test_reports_page_lists_reports_with_its_json_twin(page):
    html = page("/reports")
    assert len(html.select(".report-list li")) == 2
    assert html.select_one("link[rel=alternate]")["href"] == "/api/reports"


def test_report_titles_are_english_in_english_mode(page, reports):
    report = reports[104]
    english = page(f"/r/{report.id}?lang=en").select_one("h1.report-title")
    assert english.select_one('[lang="en"]').get_text() == (
        "Labour Bureau, Kaohsiung City Government: Annual Performance Report 2015 (ROC year 104)")
    assert report.title in english.get_text()
    chinese = page(f"/r/{report.id}?lang=zh-TW").select_one("h1.report-title")
    assert chinese.get_text().strip() == report.title
