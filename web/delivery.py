"""Delivery: compressed responses, and static files cached for a year under versioned URLs.

Flask-Compress compresses the text responses (HTML, CSS, JavaScript, JSON, SVG) for clients
that ask with ``Accept-Encoding`` (zstd, br, gzip or deflate) and adds
``Vary: Accept-Encoding``; pages of search results are many small repeats of the same markup
and shrink several times over.

Static URLs carry a hash of the file's content (``/static/style.css?v=1a2b3c4d5e6f``), added
by a ``url_defaults`` hook so templates keep writing ``url_for('static', filename=...)``. A
changed file gets a new URL, so the answer to the current version can be cached for a year
and marked immutable. Any other version (a page from before a deploy, or none) is still
served, with Flask's ``no-cache``, so it is checked again. Pages themselves get no caching
header: they change whenever the index is rebuilt.
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache

from flask import Flask, Response, current_app, request
from flask_compress import Compress
from werkzeug.security import safe_join

COMPRESS_CONFIG = {
    "COMPRESS_MIMETYPES": ["text/html", "text/css", "text/javascript", "application/javascript",
                           "application/json", "image/svg+xml"],
}
IMMUTABLE = "public, max-age=31536000, immutable"


@lru_cache(maxsize=64)
def _digest(path: str, mtime_ns: int, size: int) -> str:
    """The content hash of one version of a file (the stat values key the cache)."""
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()[:12]


def static_version(filename: str) -> str | None:
    """The version of a static file, or None when there is no such file."""
    path = safe_join(current_app.static_folder, filename)
    if path is None or not os.path.isfile(path):
        return None
    stat = os.stat(path)
    return _digest(path, stat.st_mtime_ns, stat.st_size)


def add_static_version(endpoint: str | None, values: dict) -> None:
    if endpoint == "static" and "v" not in values:
        version = static_version(values.get("filename", ""))
        if version:
            values["v"] = version


def prepare_static(response: Response) -> Response:
    """Cache a static file for a year when asked for by its current version, and read it
    into memory.

    Read, because Flask-Compress replaces a streamed file with a compressed stream of it and
    drops the file's ``close``, leaving the file open; read, the file is closed with the
    response, and small files are compressed whole, with gzip too (Flask-Compress offers
    no gzip for streams).
    """
    if request.endpoint == "static" and response.status_code in (200, 304):
        response.direct_passthrough = False
        response.make_sequence()
        version = request.args.get("v")
        if version and version == static_version(request.view_args["filename"]):
            response.headers["Cache-Control"] = IMMUTABLE
    return response


def init_app(app: Flask) -> None:
    for name, value in COMPRESS_CONFIG.items():
        app.config.setdefault(name, value)
    Compress(app)
    app.url_defaults(add_static_version)
    app.after_request(prepare_static)  # registered after Compress, so it runs before it
