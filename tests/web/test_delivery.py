"""Delivery: compressed text responses, and static files cached for a year under versioned URLs."""
from __future__ import annotations

import gzip
import hashlib
import http.client
import re
from pathlib import Path

import brotli
import pytest

from web.delivery import COMPRESS_CONFIG
from web.server import start_in_thread, stop

STATIC = Path(__file__).resolve().parents[2] / "web" / "static"
QUERY = "勞資爭議"
DECODE = {"gzip": gzip.decompress, "br": brotli.decompress}
TEXT_URLS = ["/", f"/search?q={QUERY}", "/p/gxszflgj-110-3.2-7", "/r/gxszflgj-104", "/reports",
             "/static/style.css", "/static/copy.js", f"/api/search?q={QUERY}", "/api/openapi.json"]


def body(client, url: str, **headers) -> tuple[bytes, dict]:
    with client.get(url, headers=headers) as response:
        assert response.status_code == 200, url
        return response.get_data(), response.headers


@pytest.mark.parametrize("encoding", list(DECODE))
@pytest.mark.parametrize("url", TEXT_URLS)
def test_text_responses_are_compressed_when_asked_and_identical_once_decompressed(client, url, encoding):
    plain, plain_headers = body(client, url)
    packed, headers = body(client, url, **{"Accept-Encoding": encoding})
    assert "Content-Encoding" not in plain_headers
    assert headers["Content-Encoding"] == encoding
    assert len(packed) < len(plain)
    assert DECODE[encoding](packed) == plain
    assert "accept-encoding" in headers["Vary"].lower() and "accept-encoding" in plain_headers["Vary"].lower()
    assert headers["Content-Type"] == plain_headers["Content-Type"]
    assert headers["Content-Security-Policy"] == plain_headers["Content-Security-Policy"]


def test_svg_is_among_the_compressed_types():
    assert {"text/html", "text/css", "application/json", "image/svg+xml"} <= set(COMPRESS_CONFIG["COMPRESS_MIMETYPES"])
    assert {"text/javascript", "application/javascript"} & set(COMPRESS_CONFIG["COMPRESS_MIMETYPES"])


def test_a_static_file_served_by_waitress_is_gzipped_as_a_stream(app):
    server, thread = start_in_thread(app)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.effective_port, timeout=10)
        connection.request("GET", "/static/style.css", headers={"Accept-Encoding": "gzip"})
        response = connection.getresponse()
        packed = response.read()
        connection.close()
    finally:
        stop(server, thread)
    assert response.status == 200 and response.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(packed) == (STATIC / "style.css").read_bytes()


def static_urls(client, url: str) -> dict[str, str]:
    """The static URLs a page links to, by file name."""
    page = client.get(url).get_data(as_text=True)
    return {m[2]: m[1] for m in re.finditer(r'"(/static/([\w.-]+)\?v=[0-9a-f]+)"', page)}


@pytest.mark.parametrize("url", ["/", f"/search?q={QUERY}", "/p/gxszflgj-110-3.2-7", "/nothing-here"])
def test_pages_link_static_files_by_a_hash_of_their_content(client, url):
    linked = static_urls(client, url)
    assert set(linked) == {"style.css", "copy.js", "favicon.svg"}
    for name, static_url in linked.items():
        version = static_url.rsplit("?v=", 1)[1]
        assert hashlib.sha256((STATIC / name).read_bytes()).hexdigest().startswith(version)


def test_the_current_version_is_cached_for_a_year_and_immutable(client):
    for static_url in static_urls(client, "/").values():
        _, headers = body(client, static_url)
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert headers["Content-Security-Policy"] and headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("url", ["/static/style.css", "/static/style.css?v=000000000000"])
def test_an_unversioned_or_stale_url_is_revalidated(client, url):
    content, headers = body(client, url)
    assert content == (STATIC / "style.css").read_bytes()
    assert headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("url", ["/", f"/search?q={QUERY}", "/p/gxszflgj-110-3.2-7", f"/api/search?q={QUERY}"])
def test_pages_and_api_answers_are_not_cached_for_long(client, url):
    _, headers = body(client, url)
    assert "max-age" not in headers.get("Cache-Control", "") and "immutable" not in headers.get("Cache-Control", "")
