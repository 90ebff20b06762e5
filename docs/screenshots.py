"""Regenerate the README's screenshots with headless Chromium (Debian's, with fonts-noto-cjk).

Run from the repository root, after building an index::

    .venv/bin/python docs/screenshots.py [--index instance/index]

Saves docs/search.png, docs/paragraph.png, docs/compare.png, docs/table.png (desktop) and
docs/search-phone.png, docs/table-phone.png (a phone's width, in English).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

from indexer.store import default_index_dir
from web import create_app
from web.server import start_in_thread, stop

DOCS = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
PAGES = {  # file -> (path, viewport)
    "search.png": ("/search?q=%E5%8B%9E%E8%B3%87%E7%88%AD%E8%AD%B0&year=110&chapter=%E5%8B%9E%E5%B7%A5%E8%A1%8C%E6%94%BF",
                   DESKTOP),
    "paragraph.png": ("/p/gxszflgj-110-3.2-7", DESKTOP),
    "compare.png": ("/compare?section=%E5%A4%96%E7%B1%8D%E5%8B%9E%E5%B7%A5%E7%AE%A1%E7%90%86", DESKTOP),
    "search-phone.png": ("/search?q=labour+dispute+2021&lang=en", PHONE),
    "table.png": ("/p/gxszflgj-110-3.2-5", DESKTOP),
    "table-phone.png": ("/p/gxszflgj-110-3.2-5?lang=en", PHONE),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=default_index_dir())
    options = parser.parse_args()
    # Citations show the address `reportsearch serve` uses by default, not the random test port.
    app = create_app({"INDEX_ROOT": options.index, "PUBLIC_URL": "http://127.0.0.1:8000/"})
    server, thread = start_in_thread(app)
    base = f"http://127.0.0.1:{server.effective_port}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, (path, viewport) in PAGES.items():
                page = browser.new_page(viewport=viewport, locale="zh-TW")
                page.goto(base + path)
                page.screenshot(path=str(DOCS / name), full_page=False)
                page.close()
                print("saved", DOCS / name)
            browser.close()
    finally:
        stop(server, thread)


if __name__ == "__main__":
    main()
