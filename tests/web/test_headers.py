"""Security headers on every response, pages and API alike."""
import re

import pytest


@pytest.mark.parametrize("url", ["/", "/search?q=勞工", "/p/gxszflgj-104-3.2-1", "/r/gxszflgj-104",
                                 "/api/search?q=x", "/p/bad", "/api/nothing", "/static/style.css"])
def test_security_headers(client, url):
    with client.get(url) as response:  # a static file response holds the file open
        headers = response.headers
    policy = headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy and "script-src 'self'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"]


@pytest.mark.parametrize("url", ["/", "/search?q=勞資爭議&chapter=勞工行政", "/p/gxszflgj-104-3.2-1",
                                 "/r/gxszflgj-104", "/reports", "/p/bad"])
def test_pages_have_no_inline_scripts_styles_or_handlers(client, url):
    body = client.get(url).get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)", body)
    assert not re.search(r"\sstyle=|<style", body)
    assert not re.search(r"\son[a-z]+=", body)


def test_every_page_starts_with_a_skip_link_to_the_content(page):
    html = page("/search?q=勞工")
    skip = html.select_one("body > a.skip-link")
    assert skip["href"] == "#main" and html.select_one("main#main")
