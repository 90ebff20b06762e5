"""Every result of a search as a file: ``/search.csv`` and ``/search.json`` (Datasette's
manner: the page's URL with an extension), linked from the results page.

They take the page's arguments (``page`` and ``limit`` aside: a download is every result,
at most :data:`indexer.search.MAX_EXPORT`). The CSV starts with a byte order mark so that
Excel opens Chinese text correctly; both say how many paragraphs the search found and
how many they hold (``X-Total-Count``, ``X-Exported-Count``), since a search that reaches
its time limit or the cap lists fewer.
"""
from __future__ import annotations

import csv
import io

from flask import Response, jsonify

from indexer.errors import NotFoundError
from indexer.results import SearchResult

from . import urls
from .blueprint import bp
from .documents import paragraph_fields
from .search_view import run_search
from .served_index import get_searcher
from .tables import table_csv

COLUMNS = ("rank", "id", "year", "year_ad", "report", "section", "kind", "matched", "text", "url")


def _export() -> SearchResult:
    args = {k: v for k, v in urls.search_args().items() if k not in ("page", "limit")}
    return run_search(args, export=True)


def _counted(response: Response, result: SearchResult, name: str) -> Response:
    response.headers["X-Total-Count"] = str(result.total)
    response.headers["X-Exported-Count"] = str(len(result.hits))
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def csv_text(result: SearchResult) -> str:
    """The hits as CSV rows under :data:`COLUMNS` (the section path joined with ``>``,
    the permalink absolute)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for rank, hit in enumerate(result.hits, start=1):
        writer.writerow([rank, hit.id, hit.year, hit.year_ad, hit.report, " > ".join(hit.section), hit.kind,
                         hit.matched, hit.text, urls.permalink(hit.id)])
    return out.getvalue()


@bp.get("/search.csv")
def search_csv() -> Response:
    result = _export()
    body = "\ufeff" + csv_text(result)
    return _counted(Response(body, mimetype="text/csv", content_type="text/csv; charset=utf-8"),
                    result, "reportsearch-results.csv")


@bp.get("/search.json")
def search_json() -> Response:
    result = _export()
    return _counted(jsonify(result.to_dict()), result, "reportsearch-results.json")


@bp.get("/p/<paragraph_id>.csv")
def paragraph_csv(paragraph_id: str) -> Response:
    """A table paragraph as CSV (see :func:`web.tables.table_csv`), with a byte order mark
    like ``/search.csv``; a paragraph that is not a table has none (404)."""
    fields = paragraph_fields(get_searcher(), paragraph_id)
    if fields["kind"] != "table":
        raise NotFoundError(f"Paragraph {paragraph_id!r} is not a table, so it has no CSV file",
                            key="not_a_table", id=paragraph_id)
    response = Response("\ufeff" + table_csv(fields["text"], fields.get("table")),
                        content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{paragraph_id}.csv"'
    return response
