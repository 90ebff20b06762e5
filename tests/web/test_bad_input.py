"""Every bad input gets a clear answer, never a 500."""
import math

import pytest

QUERY = "勞資爭議"


@pytest.mark.parametrize("url, english, chinese", [
    ("/search?q=" + "勞" * 201, "keep it to 200 or fewer", "請不要超過 200 字"),
    ("/search?q=%E5%8B%9E%01%E8%B3%87", "control characters", "控制字元"),
    ("/search?q=x&page=-1", "page must be 1 or more", "頁碼必須是 1 以上"),
    ("/search?q=x&page=abc", "whole numbers", "必須是整數"),
    ("/search?q=x&limit=lots", "whole numbers", "必須是整數"),
    ("/search?q=x&year=next", "year must be a number", "年度必須是數字"),
])
def test_bad_search_arguments_are_400_with_a_message_and_the_form(page, url, english, chinese):
    for lang, fragment in (("en", english), ("zh-TW", chinese)):
        html = page(f"{url}&lang={lang}", status=400)
        assert fragment in html.select_one(".error[role=alert]").get_text()
        assert html.select_one("form[role=search] input[name=q]")


@pytest.mark.parametrize("url", [
    "/api/search?q=" + "x" * 201, "/api/search?q=a%00b", "/api/search?page=-1", "/api/search?limit=x",
])
def test_bad_api_arguments_are_400_json(api, url):
    assert api(url, status=400)["status"] == 400


def test_control_characters_are_not_echoed(page):
    html = page("/search?q=%E5%8B%9E%01%E8%B3%87", status=400)
    assert html.select_one("input[name=q]")["value"] == "勞資"


def test_page_past_the_end_shows_the_last_page_and_says_so(page, api):
    last = math.ceil(api(f"/api/search?q={QUERY}")["total"] / 10)
    html = page(f"/search?q={QUERY}&page=99999")
    assert html.select(".hit")
    assert html.select_one(".pagination [aria-current=page]").get_text() == str(last)
    assert "99999" in html.select_one(".notice.beyond").get_text()
    assert str(last) in html.select_one(".notice.beyond").get_text()
    english = page(f"/search?q={QUERY}&page=99999&lang=en")
    assert "There is no page 99999" in english.select_one(".notice.beyond").get_text()


def test_limit_is_capped_at_100(api):
    got = api("/api/search?limit=100000")
    assert got["limit"] == 100 and len(got["hits"]) == 100


@pytest.mark.parametrize("url, name, label", [
    (f"/search?q={QUERY}&year=999", "year", "999年 (2910)"),
    (f"/search?q={QUERY}&chapter=不存在的章", "chapter", "不存在的章"),
    (f"/search?q={QUERY}&chapter=勞工行政&section=沒有這節", "section", "沒有這節"),
])
def test_unknown_facet_values_give_zero_results_selected_and_removable(page, url, name, label):
    html = page(url)
    assert "找到 0 段" in html.select_one(".summary").get_text()
    selected = html.select_one(f"#facet-{name} .selected")
    assert selected.select_one(".facet-label").get_text() == label
    assert selected.select_one(".facet-count").get_text() == "0"
    assert f"{name}=" not in selected.select_one("a")["href"]


@pytest.mark.parametrize("url", ["/p/not-an-id", "/p/gxszflgj-104-3.2-999", "/p/x" * 40,
                                 "/p/%3Cscript%3E", "/r/%3Cscript%3E", "/r/gxszflgj-104-3.2-1"])
def test_malformed_or_unknown_ids_are_404(page, url):
    page(url, status=404)


def test_script_in_a_query_is_shown_as_text(client):
    body = client.get("/search?q=<script>alert(1)</script>").get_data(as_text=True)
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_script_in_an_id_is_shown_as_text(client):
    body = client.get("/p/%3Cscript%3Ealert(1)%3C%2Fscript%3E").get_data(as_text=True)
    assert "<script>alert" not in body


def test_unknown_language_falls_back(page):
    assert page("/search?q=x&lang=klingon").html["lang"] == "zh-Hant-TW"


def test_unexpected_errors_are_500_in_the_shared_shape(app, api, monkeypatch):
    from web import api as api_module

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(api_module, "openapi_document", broken)
    got = api("/api/openapi.json", status=500)
    assert got["ok"] is False and "boom" not in got["error"]


@pytest.mark.parametrize("host", ["a" * 70 + ".example", "a..b"])
@pytest.mark.parametrize("path", ["/search?q=勞工", "/api/search?q=勞工", "/"])
def test_a_malformed_host_header_is_a_400_with_the_usual_headers(client, host, path):
    response = client.get(path, headers={"Host": host})
    assert response.status_code == 400
    assert "Content-Security-Policy" in response.headers and response.headers["X-Content-Type-Options"] == "nosniff"
    if path.startswith("/api/"):
        assert response.get_json()["status"] == 400


def test_oversized_headers_are_refused_by_the_server_before_the_app(app):
    import http.client

    from web.server import LIMITS, start_in_thread, stop

    server, thread = start_in_thread(app)
    try:
        conn = http.client.HTTPConnection("127.0.0.1", server.effective_port, timeout=10)
        conn.request("GET", "/api/search?q=x", headers={"X-Big": "a" * (LIMITS["max_request_header_size"] + 10)})
        assert conn.getresponse().status == 431
        conn.close()
    finally:
        stop(server, thread)
