"""The reports' tables on the paragraph and reader pages, as CSV, in the API and in hits.

Whatever grid the recovery chose for a table (or none), the pages, the CSV and the API
show that stored grid: these tests read it from the index and check every table of both
reports against it.
"""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.export import stored_paragraphs
from indexer.grids import Table
from indexer.store import open_current
from indexer.tablecells import from_json, is_figure, label_columns, labels

CONTRACT = {"caption", "header_rows", "rows", "checked", "cells"}


@pytest.fixture(scope="module")
def stored(index_dir) -> list[dict]:
    ix, _meta, _path = open_current(index_dir)
    with ix.searcher() as searcher:
        found = stored_paragraphs(searcher)
    ix.close()
    return found


@pytest.fixture(scope="module")
def tables(stored) -> list[dict]:
    return [p for p in stored if p["kind"] == "table"]


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def test_every_table_paragraph_stores_a_table_object_and_prose_none(stored, tables):
    assert tables
    for p in tables:
        table = p["table"]
        assert set(table) == CONTRACT
        assert table["cells"] == lines(p["text"])
        if table["rows"] is not None:
            assert len({len(row) for row in table["rows"]}) == 1  # every row the same length
            assert 0 <= table["header_rows"] <= len(table["rows"])
    assert all(p.get("table") is None for p in stored if p["kind"] != "table")


def test_the_api_and_the_export_carry_the_table_object(api, index_dir, tables):
    for p in tables:
        view = api(f"/api/paragraphs/{p['id']}")
        assert view["paragraph"]["table"] == p["table"]
    prose = api("/api/paragraphs/gxszflgj-110-3.2-1")
    assert prose["paragraph"]["kind"] == "prose" and prose["paragraph"]["table"] is None
    result = CliRunner().invoke(main, ["export", "--index", str(index_dir)])
    records = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert all("table" in r for r in records.values())
    assert {r["id"] for r in records.values() if r["table"]} == {p["id"] for p in tables}


def shown_rows(table_tag) -> int:
    return len(table_tag.select("tr"))


def check_table_shown(container, p: dict) -> None:
    """The paragraph's stored grid as a <table>, or its cells with the note when it has none."""
    table = p["table"]
    if table["rows"] is not None:
        tag = container.select_one("table")
        assert tag is not None, p["id"]
        assert shown_rows(tag) == len(table["rows"])
        if table["header_rows"]:
            assert tag.select("thead th[scope^=col]")
        for cell in tag.select("td.figure"):
            assert is_figure(cell.get_text())
        assert sorted(c.get_text() for c in tag.select("tbody th, tbody td")) == sorted(
            cell for row in table["rows"][table["header_rows"]:] for cell in _unspanned(row, label_columns(from_json(table))))
        if table["caption"]:
            assert tag.select_one("caption").get_text(strip=True) == table["caption"]
        assert bool(container.select(".totals-check")) == table["checked"]
    else:
        assert container.select_one("table") is None
        assert [c.get_text() for c in container.select(".table-cells .cell")] == table["cells"]
        assert container.select_one(".no-grid")
    assert container.select_one("a.table-csv")["href"] == f"/p/{p['id']}.csv"


def _unspanned(row, leading: int) -> list[str]:
    """A body row's cells as shown: equal label cells side by side are one (colspan)."""
    return [cell for i, cell in enumerate(row) if not (0 < i < leading and cell and cell == row[i - 1])]


def test_the_paragraph_page_shows_each_table_as_stored(page, tables):
    for p in tables:
        check_table_shown(page(f"/p/{p['id']}").select_one("article.focus-paragraph"), p)


def test_the_reader_shows_each_table_as_stored(page, tables):
    for report in {p["report"] for p in tables}:
        soup = page(f"/r/{report}")
        for p in tables:
            if p["report"] == report:
                check_table_shown(soup.find(id=p["id"]), p)


def test_some_table_of_the_reports_is_read_as_a_grid(tables):
    assert any(p["table"]["rows"] for p in tables)


def test_a_totals_check_mark_shows_when_the_totals_confirmed_the_grid(client, tables):
    """A stored table is only read back: a checked one carries the mark (in either language)."""
    for p in tables:
        for lang, mark in (("en", "Totals check"), ("zh-TW", "合計核對相符")):
            html = client.get(f"/p/{p['id']}?lang={lang}").get_data(as_text=True)
            assert (mark in html) == (p["table"]["checked"] and p["table"]["rows"] is not None)


def csv_rows(response) -> list[list[str]]:
    body = response.get_data()
    assert body.startswith("\ufeff".encode("utf-8"))
    return list(csv.reader(io.StringIO(body.decode("utf-8")[1:])))


def test_each_table_downloads_as_csv_with_a_bom_and_its_cells(client, tables):
    for p in tables:
        response = client.get(f"/p/{p['id']}.csv")
        assert response.status_code == 200 and response.mimetype == "text/csv"
        assert response.headers["Content-Disposition"] == f'attachment; filename="{p["id"]}.csv"'
        expected = p["table"]["rows"] or [[cell] for cell in p["table"]["cells"]]
        assert csv_rows(response) == [list(row) for row in expected]


@pytest.mark.parametrize("url", ["/p/gxszflgj-110-3.2-1.csv", "/p/gxszflgj-110-99.9-9.csv", "/p/no-such-thing.csv"])
def test_a_csv_of_prose_or_of_no_paragraph_is_the_usual_404_page(page, url):
    soup = page(url, status=404)
    assert soup.select_one("h1.error-title") and soup.select_one("p.error").get_text(strip=True)


def test_a_figure_query_shows_the_figure_with_its_row_and_column(api, tables):
    gridded = [p for p in tables if p["table"]["rows"]]
    assert gridded
    for p in gridded:
        grid = from_json(p["table"])
        named = labels(grid)
        counts: dict[str, int] = {}
        for r, c in named:
            counts[grid.rows[r][c]] = counts.get(grid.rows[r][c], 0) + 1
        figures = [(at, grid.rows[at[0]][at[1]]) for at in named
                   if is_figure(grid.rows[at[0]][at[1]]) and counts[grid.rows[at[0]][at[1]]] == 1
                   and any(ch.isdigit() for ch in grid.rows[at[0]][at[1]])]
        for (r, c), value in figures[:3]:
            result = api(f"/api/search?q=%22{value}%22&year={p['report'].rsplit('-', 1)[1]}&limit=100")
            [hit] = [h for h in result["hits"] if h["id"] == p["id"]]
            assert hit["table"] == p["table"]
            row, column = named[(r, c)]
            assert {"row": row, "column": column, "value": value} in [
                {k: cell[k] for k in ("row", "column", "value")} for cell in hit["cells"]]
            assert "<mark>" in hit["snippet"] and value in re.sub("</?mark>", "", hit["snippet"])


def test_the_search_page_lists_a_table_hit_as_labelled_cells(page, api, tables):
    p = next(p for p in tables if p["table"]["rows"])
    grid: Table = from_json(p["table"])
    (r, c), (row, column) = next(iter(labels(grid).items()))
    query = " ".join(part for part in (row, column) if part) or grid.rows[r][c]
    hit = next(h for h in api(f"/api/search?q={query}&limit=100")["hits"] if h["id"] == p["id"])
    assert hit["cells"]
    soup = page(f"/search?q={query}&limit=100")
    items = soup.find(id=f"hit-{p['id']}").select(".table-hit-cells li")
    assert [li.decode_contents() for li in items] == [cell["html"] for cell in hit["cells"]]


def test_prose_hits_have_no_table_and_no_cells(api):
    for hit in api("/api/search?q=勞資爭議&limit=20")["hits"]:
        if hit["kind"] != "table":
            assert hit["table"] is None and hit["cells"] == []


def odd_grid(text: str, leads: tuple[str, ...] = ()) -> Table:
    """A grid no recovery would choose, though the contract allows it: three columns, the
    last row padded with empty cells, two header rows, a caption from the lead-ins, checked."""
    found = lines(text)
    rows = [tuple(found[i:i + 3]) + ("",) * (3 - len(found[i:i + 3])) for i in range(0, len(found), 3)]
    return Table(leads[-1] if leads else None, min(2, len(rows)), tuple(rows), True, tuple(found))


@pytest.fixture(scope="module")
def odd_client(tmp_path_factory, reports):
    from indexer import build
    from web import create_app

    root = tmp_path_factory.mktemp("odd-grids")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build, "read_table", odd_grid)
        build.build_index([reports[110]], root)
    return create_app({"INDEX_ROOT": root, "TESTING": True}).test_client()


def test_pages_csv_and_hits_hold_for_any_grid_the_recovery_returns(odd_client):
    from bs4 import BeautifulSoup

    def soup(url):
        response = odd_client.get(url)
        assert response.status_code == 200, url
        return BeautifulSoup(response.get_data(as_text=True), "html.parser")

    stored = [p for p in (odd_client.get(f"/api/reports/gxszflgj-110").get_json()["paragraphs"]) if p["kind"] == "table"]
    assert stored and all(p["table"]["checked"] and p["table"]["header_rows"] for p in stored)
    reader = soup("/r/gxszflgj-110?lang=en")
    for p in stored:
        check_table_shown(soup(f"/p/{p['id']}?lang=en").select_one("article.focus-paragraph"), p)
        check_table_shown(reader.find(id=p["id"]), p)
        assert csv_rows(odd_client.get(f"/p/{p['id']}.csv")) == p["table"]["rows"]
    assert any(p["table"]["caption"] for p in stored)
    hits = odd_client.get("/api/search?q=3641").get_json()["hits"]
    assert any(cell["value"] == "3,641" for hit in hits for cell in hit["cells"])
