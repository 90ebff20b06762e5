"""One error shape for the API, one error page for people; never a bare 500.

API errors are ``{"ok": false, "error": "...", "status": N, "message": "..."}``
(Datasette's shape): ``error`` is the engine's English message, stable for programs, and
``message`` says the same in the request's language. Pages show the message in the page's
language. The project's exceptions carry their status (:mod:`indexer.errors`), so a bad
query is a 400 that says how to fix it, an unknown ID a 404, a missing index a 503.
"""
from __future__ import annotations

from flask import Flask, Response, jsonify, render_template, request
from flask.globals import request_ctx
from markupsafe import escape
from werkzeug.exceptions import HTTPException

from indexer.errors import IndexMissingError, ReportSearchError

from .i18n import error_message, html_lang, http_message


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path.endswith(".json")


BARE_PAGE = ('<!doctype html><html lang="{lang}"><meta charset="utf-8"><title>{status}</title>'
             "<h1>{status}</h1><p>{message}</p></html>")


def error_response(error: str, message: str, status: int) -> tuple[Response | str, int]:
    """The error as JSON for the API, as a page otherwise. A request Werkzeug could not
    route (a malformed Host header) has no URL adapter, so the page template, which builds
    URLs, cannot render: such a request gets a bare page instead of a second error.

    :param error: the English message (the API's ``error``).
    :param message: the same in the interface language.
    """
    if wants_json():
        return jsonify(ok=False, error=error, status=status, message=message), status
    if request_ctx.url_adapter is None:
        return BARE_PAGE.format(lang=html_lang(), status=status, message=escape(message)), status
    return render_template("error.html", message=message, status=status), status


def init_app(app: Flask) -> None:
    @app.errorhandler(ReportSearchError)
    def project_error(exc: ReportSearchError):
        response, status = error_response(str(exc), error_message(exc), exc.status)
        if isinstance(exc, IndexMissingError):
            return response, status, {"Retry-After": "30"}
        return response, status

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        return error_response(exc.description or exc.name, http_message(status), status)

    @app.errorhandler(Exception)
    def unexpected_error(exc: Exception):
        app.logger.exception("unexpected error serving %s", request.path)
        return error_response("Something went wrong on our side; please try again later.", http_message(500), 500)
