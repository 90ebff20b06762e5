"""One error shape for the API, one error page for people; never a bare 500.

API errors are ``{"ok": false, "error": "...", "status": N}`` (Datasette's shape). The
project's exceptions carry their status (:mod:`indexer.errors`), so a bad query is a 400
that says how to fix it, an unknown ID a 404, a missing index a 503.
"""
from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from flask.globals import request_ctx
from markupsafe import escape
from flask_babel import gettext
from werkzeug.exceptions import HTTPException

from indexer.errors import IndexMissingError, ReportSearchError

from .i18n import error_message


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path.endswith(".json")


BARE_PAGE = ('<!doctype html><html lang="en"><meta charset="utf-8"><title>{status}</title>'
             "<h1>{status}</h1><p>{message}</p></html>")


def error_response(message: str, status: int) -> tuple[Response | str, int]:
    """The error as JSON for the API, as a page otherwise. A request Werkzeug could not
    route (a malformed Host header) has no URL adapter, so the page template, which builds
    URLs, cannot render: such a request gets a bare page instead of a second error."""
    if wants_json():
        return jsonify(ok=False, error=message, status=status), status
    if request_ctx.url_adapter is None:
        return BARE_PAGE.format(status=status, message=escape(message)), status
    return render_template("error.html", message=message, status=status), status


def init_app(app: Flask) -> None:
    @app.errorhandler(ReportSearchError)
    def project_error(exc: ReportSearchError):
        # the API keeps the engine's English message; pages speak the interface language
        response, status = error_response(str(exc) if wants_json() else error_message(exc), exc.status)
        if isinstance(exc, IndexMissingError):
            return response, status, {"Retry-After": "30"}
        return response, status

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return error_response(exc.description or exc.name, exc.code or 500)

    @app.errorhandler(Exception)
    def unexpected_error(exc: Exception):
        app.logger.exception("unexpected error serving %s", request.path)
        return error_response(gettext("Something went wrong on our side; please try again later."), 500)
