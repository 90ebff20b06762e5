"""The HTML pages. Each has a JSON twin in :mod:`web.api`, linked from the page."""
from __future__ import annotations

import json

from flask import render_template, request

from . import urls
from .blueprint import bp
from .compare_view import SectionNotFound, compare_view
from .documents import paragraph_view
from .reader import reader_view, report_summary
from .search_view import page_context
from .served_index import reports as served_reports


@bp.get("/")
@bp.get("/search")  # registered first, so url_for builds /search?q=…
def search():
    context, status = page_context(urls.search_args())
    return render_template("search.html", reports=served_reports().values(), **context), status


@bp.get("/p/<paragraph_id>")
def paragraph(paragraph_id: str):
    """``from``: the search page the visitor came from (a hit link), linked back to."""
    view = paragraph_view(paragraph_id)
    came_from = request.args.get("from")
    csl_text = json.dumps(view["citation"]["csl"], ensure_ascii=False, indent=2)
    return render_template("paragraph.html", json_url=urls.paragraph_json(paragraph_id), **view, csl_text=csl_text,
                           results=urls.results(came_from), back_url=urls.back_to_results(came_from))


@bp.get("/compare")
def compare():
    section, q = request.args.get("section", ""), request.args.get("q", "")
    try:
        return render_template("compare.html", **compare_view(section, q, request.args.get("agency", "")))
    except SectionNotFound as exc:  # a 404 that offers the titles like the one asked for
        return render_template("compare.html", section=exc.title, query=q, groups=[],
                               suggestions=exc.suggestions), exc.status


@bp.get("/r/<report_id>")
def reader(report_id: str):
    return render_template("reader.html", **reader_view(report_id, request.args.get("p")))


@bp.get("/reports")
def reports():
    listed = [report_summary(meta) for meta in served_reports().values()]
    return render_template("reports.html", reports=listed, json_url=urls.reports_json())
