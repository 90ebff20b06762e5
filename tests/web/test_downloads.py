"""Every result of a search as CSV and JSON: /search.csv and /search.json."""
from __future__ import annotations

import csv
import io

from indexer.search import MAX_EXPORT

QUERY = "勞資爭議"


def rows_of(response) -> list[dict]:
    body = response.get_data()
    assert body.startswith("\ufeff".encode()), "a byte order mark, for Excel"
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_csv_holds_every_result_in_page_order(client, api):
    first = api(f"/api/search?q={QUERY}&limit=100")
    response = client.get(f"/search.csv?q={QUERY}&page=2&limit=5")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = rows_of(response)
    assert len(rows) == first["total"] == int(response.headers["X-Exported-Count"])
    assert [r["id"] for r in rows[:100]] == [h["id"] for h in first["hits"]]
    assert rows[0]["text"] == first["hits"][0]["text"] and rows[0]["rank"] == "1"
    assert rows[0]["url"].startswith("http") and rows[0]["url"].endswith("/p/" + rows[0]["id"])
    assert " > " in rows[0]["section"] or rows[0]["section"]


def test_downloads_keep_the_filters_and_the_order(client, api):
    rows = rows_of(client.get(f"/search.csv?q={QUERY}&year=110&sort=report"))
    listed = api(f"/api/search?q={QUERY}&year=110&sort=report&limit=100")
    assert {r["year"] for r in rows} == {"110"}
    assert [r["id"] for r in rows] == [h["id"] for h in listed["hits"]]


def test_the_json_download_is_the_search_result_with_every_hit(client, api):
    response = client.get(f"/search.json?q={QUERY}&year=104&year=110")
    data = response.get_json()
    assert data["total"] == len(data["hits"]) == api(f"/api/search?q={QUERY}")["total"]
    assert data["selected"]["year"] == [104, 110]
    assert response.headers["X-Total-Count"] == str(data["total"])


def test_a_bad_argument_gets_the_json_error_shape(client):
    response = client.get("/search.json?q=x&year=soon")
    assert response.status_code == 400 and response.get_json()["ok"] is False


def test_the_results_page_links_both_downloads_with_its_arguments(page):
    html = page(f"/search?q={QUERY}&year=110&page=2")
    links = {a.get_text(): a["href"] for a in html.select(".downloads a")}
    assert set(links) == {"CSV", "JSON"}
    assert links["CSV"].startswith("/search.csv?") and "year=110" in links["CSV"] and "page=" not in links["CSV"]


def test_a_download_is_capped_and_says_how_many_it_holds(client, monkeypatch):
    assert MAX_EXPORT >= 1000
    monkeypatch.setattr("indexer.search.MAX_EXPORT", 5)
    response = client.get("/search.csv?q=-zzzz")
    assert len(rows_of(response)) == 5 == int(response.headers["X-Exported-Count"])
    assert int(response.headers["X-Total-Count"]) > 5
