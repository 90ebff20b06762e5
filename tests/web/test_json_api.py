"""The JSON API: the pages' data, the CLI's search JSON, one error shape, OpenAPI."""
import json
from datetime import date

from click.testing import CliRunner

from indexer.cli import main as cli

QUERY = "勞資爭議"


def test_search_is_the_same_as_the_cli_json(api, index_dir):
    got = api(f"/api/search?q={QUERY}&year=2015&limit=5&page=1")
    run = CliRunner().invoke(cli, ["search", QUERY, "--index", str(index_dir), "--year", "2015",
                                   "--limit", "5", "--json"])
    assert run.exit_code == 0, run.output
    assert got == json.loads(run.output)
    assert set(got["facets"]) == {"year", "chapter", "section", "subsection"}


def test_search_drill_down_arguments_filter_like_the_page(api):
    in_chapter = api(f"/api/search?q={QUERY}&chapter=勞工行政")
    count = next(f["count"] for f in in_chapter["facets"]["section"] if f["value"] == "勞資爭議調處")
    got = api(f"/api/search?q={QUERY}&chapter=勞工行政&section=勞資爭議調處")
    assert got["filters"]["section"] == "勞資爭議調處"
    assert got["total"] == count
    assert all(hit["section"][1] == "二、勞資爭議調處" for hit in got["hits"])


def test_paragraph_has_section_neighbours_and_citation(api):
    got = api("/api/paragraphs/gxszflgj-110-3.2-7")
    assert got["paragraph"]["id"] == "gxszflgj-110-3.2-7"
    assert got["paragraph"]["section"] == ["參、勞工行政", "二、勞資爭議調處"]
    assert got["paragraph"]["ordinal"] == 7 and got["paragraph"]["path"] == "3.2"
    assert got["previous"]["id"] == "gxszflgj-110-3.2-6" and got["next"]["id"] == "gxszflgj-110-3.3-1"
    citation = got["citation"]
    assert citation["url"] == "https://reports.example.tw/p/gxszflgj-110-3.2-7"
    assert citation["year"] == 110 and citation["year_ad"] == 2021 and citation["paragraph"] == 7
    assert citation["url"] in citation["zh"] and citation["url"] in citation["en"]
    assert got["same_section"][0]["report"] == "gxszflgj-104"


def test_paragraph_citation_has_the_printed_item_access_date_bibtex_and_csl(api, app, monkeypatch):
    monkeypatch.setitem(app.config, "TODAY", lambda: date(2027, 1, 31))
    got = api("/api/paragraphs/gxszflgj-110-3.2-7")
    assert got["paragraph"]["item"] == "4." and got["paragraph"]["section_paragraphs"] == 7
    assert got["next"]["item"] == "1."
    citation = got["citation"]
    assert citation["item"] == "4." and citation["accessed"] == "2027-01-31"
    assert citation["bibtex"].startswith("@misc{gxszflgj-110-3.2-7,") and "urldate = {2027-01-31}" in citation["bibtex"]
    assert citation["csl"]["type"] == "report" and citation["csl"]["URL"] == citation["url"]
    assert citation["csl"]["accessed"] == {"date-parts": [[2027, 1, 31]]}


def test_reports_list(api):
    got = api("/api/reports")
    assert [r["id"] for r in got] == ["gxszflgj-104", "gxszflgj-110"]
    assert got[0]["year_ad"] == 2015 and got[0]["paragraph_count"] == 238
    assert got[0]["url"] == "/r/gxszflgj-104" and got[0]["json_url"] == "/api/reports/gxszflgj-104"


def test_report_has_contents_and_every_paragraph_in_order(api, reports):
    got = api("/api/reports/gxszflgj-110")
    assert [p["id"] for p in got["paragraphs"]] == [p.id for p in reports[110].paragraphs]
    assert got["toc"][0]["printed"] == "壹、勞工組訓及教育輔導"


def test_errors_share_one_shape(api):
    for url, status in [("/api/paragraphs/nonsense", 404), ("/api/paragraphs/gxszflgj-104-9.9-9", 404),
                        ("/api/reports/nope", 404), ("/api/search?page=0", 400), ("/api/nothing", 404)]:
        got = api(url, status=status)
        assert set(got) == {"ok", "error", "status", "message"} and got["ok"] is False and got["status"] == status
        assert got["message"] and not got["message"][0].islower()


def test_error_messages_are_also_given_in_the_requested_language(client):
    for url, english, chinese in [("/api/paragraphs/gxszflgj-104-9.9-9", "There is no paragraph", "找不到段落"),
                                  ("/api/reports/nope", "There is no report", "找不到報告"),
                                  ("/api/search?page=0", "The page must be 1 or more", "頁碼必須是 1 以上"),
                                  ("/api/nothing", "There is no page at this address", "這個網址沒有頁面")]:
        assert english in client.get(url, headers={"Accept-Language": "en"}).get_json()["message"]
        got = client.get(url + ("&" if "?" in url else "?") + "lang=zh-TW").get_json()
        assert chinese in got["message"] and got["error"] and not got["error"].startswith(chinese)


def test_openapi_documents_every_api_route(app, api):
    spec = api("/api/openapi.json")
    assert spec["openapi"].startswith("3.")
    routes = {rule.rule.replace("<", "{").replace(">", "}") for rule in app.url_map.iter_rules()
              if rule.rule.startswith("/api/") or rule.rule.endswith((".json", ".csv"))}
    assert routes == set(spec["paths"])
    names = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert names == {"q", "year", "chapter", "section", "subsection", "page", "limit", "sort"}
