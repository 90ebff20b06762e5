"""Fixtures for the web tests: one app over the session's index, a client, HTML parsing.

The app is built once per session (it only reads the index); tests that rebuild an index
make their own in a temporary directory.
"""
from __future__ import annotations

from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from web import create_app

ZH = {"Accept-Language": "zh-TW,zh;q=0.9"}


@pytest.fixture(scope="session")
def app(index_dir) -> Flask:
    return create_app({"INDEX_ROOT": index_dir, "TESTING": True, "PUBLIC_URL": "https://reports.example.tw/"})


@pytest.fixture()
def client(app) -> FlaskClient:
    return app.test_client()


@pytest.fixture()
def page(client) -> Callable[..., BeautifulSoup]:
    """GET a URL, check its status, and return the parsed HTML."""

    def get(url: str, status: int = 200, headers: dict | None = None) -> BeautifulSoup:
        response = client.get(url, headers=headers or ZH)
        assert response.status_code == status, response.get_data(as_text=True)[:500]
        assert response.mimetype == "text/html"
        return BeautifulSoup(response.get_data(as_text=True), "html.parser")

    return get


@pytest.fixture()
def api(client) -> Callable[..., object]:
    """GET an API URL, check its status, and return the decoded JSON."""

    def get(url: str, status: int = 200) -> object:
        response = client.get(url)
        assert response.status_code == status, response.get_data(as_text=True)[:500]
        assert response.mimetype == "application/json"
        return response.get_json()

    return get
