"""The JSON API: the same data as the pages, as JSON (see :mod:`web.openapi`)."""
from __future__ import annotations

from flask import Response, jsonify, request

from . import urls
from .blueprint import bp
from .compare_view import compare_view
from .documents import paragraph_view
from .openapi import openapi_document
from .reader import report_summary, report_view
from .search_view import run_search
from .served_index import reports


@bp.get("/api/search")
def api_search() -> Response:
    return jsonify(run_search(urls.search_args()).to_dict())


@bp.get("/api/paragraphs/<paragraph_id>")
def api_paragraph(paragraph_id: str) -> Response:
    return jsonify(paragraph_view(paragraph_id))


@bp.get("/api/compare")
def api_compare() -> Response:
    args = request.args
    return jsonify(compare_view(args.get("section", ""), args.get("q", ""), args.get("agency", "")))


@bp.get("/api/reports")
def api_reports() -> Response:
    return jsonify([report_summary(meta) for meta in reports().values()])


@bp.get("/api/reports/<report_id>")
def api_report(report_id: str) -> Response:
    return jsonify(report_view(report_id))


@bp.get("/api/openapi.json")
def api_openapi() -> Response:
    return jsonify(openapi_document())
