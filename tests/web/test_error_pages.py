"""Error pages and messages speak the page's language and start with a capital letter."""
import pytest

EN = {"Accept-Language": "en"}


@pytest.mark.parametrize("url, status, english, chinese", [
    ("/no/such/page", 404, "There is no page at this address.", "這個網址沒有頁面。"),
    ("/p/not-an-id", 404, "“not-an-id” is not a paragraph ID.", "「not-an-id」不是段落編號。"),
    ("/p/gxszflgj-104-3.2-999", 404, "There is no paragraph gxszflgj-104-3.2-999.", "找不到段落 gxszflgj-104-3.2-999。"),
    ("/r/gxszflgj-999", 404, "There is no report gxszflgj-999.", "找不到報告 gxszflgj-999。"),
])
def test_error_pages_in_both_languages(page, url, status, english, chinese):
    for headers, heading, text in ((EN, "Not found", english), (None, "找不到", chinese)):
        html = page(url, status=status, headers=headers)
        message = html.select_one(".error[role=alert]").get_text()
        assert text in message and message[0] not in "abcdefghijklmnopqrstuvwxyz"
        assert html.select_one("h1").get_text().startswith(heading)
        assert html.title.get_text().startswith(f"{heading} ({status})")


def test_a_method_the_page_does_not_take_is_explained_in_the_page_language(client):
    response = client.post("/search?lang=zh-TW")
    assert response.status_code == 405
    assert "這個網址不接受這種請求方式" in response.get_data(as_text=True)


def test_every_error_key_has_a_capitalised_english_message_and_a_translation(app):
    from flask_babel import force_locale

    from web.i18n import ERROR_MESSAGES, HTTP_MESSAGES

    with app.test_request_context("/?lang=en"):
        english = [str(m) for m in [*ERROR_MESSAGES.values(), *HTTP_MESSAGES.values()]]
        with force_locale("zh_TW"):
            chinese = [str(m) for m in [*ERROR_MESSAGES.values(), *HTTP_MESSAGES.values()]]
    assert all(m[0].isupper() or m[0] == "“" for m in english)
    assert all(zh != en for zh, en in zip(chinese, english))


def test_a_missing_index_is_explained_in_the_page_language(tmp_path):
    from web import create_app

    client = create_app({"INDEX_ROOT": tmp_path, "TESTING": True}).test_client()
    response = client.get("/search?q=x&lang=zh-TW")
    assert response.status_code == 503 and "搜尋索引尚未建立完成" in response.get_data(as_text=True)
    assert "reportsearch index" in client.get("/api/search?q=x").get_json()["error"]
