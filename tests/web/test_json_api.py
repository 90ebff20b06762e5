"""The JSON API: the pages' data, the CLI's search JSON, one error shape, OpenAPI."""
import json

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
    assert citation["zh"].endswith(citation["url"]) and citation["en"].endswith(citation["url"])
    assert got["same_section"][0]["report"] == "gxszflgj-104"


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
        assert set(got) == {"ok", "error", "status"} and got["ok"] is False and got["status"] == status


def test_openapi_documents_every_api_route(app, api):
    spec = api("/api/openapi.json")
    assert spec["openapi"].startswith("3.")
    routes = {rule.rule.replace("<", "{").replace(">", "}") for rule in app.url_map.iter_rules()
              if rule.rule.startswith("/api/") or rule.rule.endswith((".json", ".csv"))}
    assert routes == set(spec["paths"])
    names = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert names == {"q", "year", "chapter", "section", "subsection", "page", "limit", "sort"}
