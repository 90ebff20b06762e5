"""The index in service: opened once, reopened when a rebuild publishes a new generation.

Reading ``CURRENT`` is one small file read, cheap enough for every request; the Whoosh
index is reopened only when it names a different generation. The previous index is not
closed: searchers of requests still running on other threads may be using it, and the
store keeps the previous generation on disk for exactly that reason.
"""
from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask, current_app, g
from whoosh.index import Index
from whoosh.searching import Searcher

from indexer.errors import IndexMissingError, NotFoundError
from indexer.store import current_generation, open_current

EXTENSION = "reportsearch"


class ServedIndex:
    """The open Whoosh index and report metadata of one index root directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.generation: Path | None = None
        self.index: Index | None = None
        self.reports: dict[str, dict] = {}
        self._lock = threading.Lock()

    def refresh(self) -> None:
        """Open the generation in service if it is not the one already open.

        :raises IndexMissingError: when there is no index yet.
        """
        if current_generation(self.root) == self.generation:
            return
        with self._lock:
            if current_generation(self.root) == self.generation:
                return
            index, meta, path = open_current(self.root)
            # Generation last: other threads compare it without the lock, then read the rest.
            self.reports = {report["id"]: report for report in meta}
            self.index = index
            self.generation = path


def init_app(app: Flask) -> None:
    """Open the index at start-up (if there is one yet) and close searchers after requests."""
    served = ServedIndex(app.config["INDEX_ROOT"])
    try:
        served.refresh()
    except IndexMissingError:
        app.logger.warning("no index in %s yet; requests get 503 until one is built", served.root)
    app.extensions[EXTENSION] = served
    app.teardown_appcontext(close_searcher)


def served() -> ServedIndex:
    """The app's index, refreshed once per request."""
    index: ServedIndex = current_app.extensions[EXTENSION]
    if not g.get("index_checked"):
        index.refresh()
        g.index_checked = True
    return index


def get_searcher() -> Searcher:
    """A searcher for this request, opened on first use and closed on teardown."""
    if "searcher" not in g:
        g.searcher = served().index.searcher()
    return g.searcher


def reports() -> dict[str, dict]:
    """Report metadata by report ID, in corpus order."""
    return served().reports


def report_meta(report_id: str) -> dict:
    """:raises NotFoundError: for an unknown report ID."""
    try:
        return reports()[report_id]
    except KeyError:
        raise NotFoundError(f"no report {report_id[:80]!r}; see /api/reports for the reports indexed") from None


def close_searcher(_exc: BaseException | None = None) -> None:
    searcher = g.pop("searcher", None)
    if searcher is not None:
        searcher.close()
