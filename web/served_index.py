"""The index in service: one snapshot per generation, pinned by each request.

Reading ``CURRENT`` is one small file read, cheap enough for every request. When it names a
new generation, one thread opens a :class:`~indexer.snapshot.Snapshot` of it (its searchers,
segmenter and derived data) while the others go on serving the old one; then the new one is
swapped in and the old one is closed as soon as the last request that pinned it ends. A
request pins one snapshot from its first use to its teardown, so every part of a response
(search, report metadata, paragraph pages) comes from the same generation.
"""
from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask, current_app, g
from whoosh.searching import Searcher

from indexer.errors import IndexMissingError, NotFoundError
from indexer.execute import warm_up
from indexer.snapshot import Snapshot
from indexer.store import current_generation

EXTENSION = "reportsearch"


class ServedIndex:
    """The snapshot in service of one index root directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.generation: Path | None = None
        self.snapshot: Snapshot | None = None
        self._lock = threading.Lock()  # guards the swap and pinning
        self._opening = threading.Lock()  # one thread opens a new generation

    def refresh(self) -> None:
        """Open the generation in service if it is not the one already open.

        :raises IndexMissingError: when there is no index yet.
        """
        if current_generation(self.root) == self.generation:
            return
        # With a snapshot in service, a request that finds another thread opening the new
        # generation goes on with the old one rather than waiting.
        if not self._opening.acquire(blocking=self.snapshot is None):
            return
        try:
            path = current_generation(self.root)
            if path == self.generation:
                return
            fresh = Snapshot.open(path)
            threading.Thread(target=warm_up, args=(fresh,), name="warm-up", daemon=True).start()
            with self._lock:
                old, self.snapshot, self.generation = self.snapshot, fresh, path
            if old is not None:
                old.retire()
        finally:
            self._opening.release()

    def pin(self) -> Snapshot:
        """The snapshot in service, held until :meth:`Snapshot.release`."""
        self.refresh()
        with self._lock:
            if self.snapshot is None:
                raise IndexMissingError(f"No index in {self.root}; build one with `reportsearch index`",
                                        key="index_missing")
            return self.snapshot.acquire()

    def close(self) -> None:
        with self._lock:
            snapshot, self.snapshot, self.generation = self.snapshot, None, None
        if snapshot is not None:
            snapshot.retire()


def init_app(app: Flask) -> None:
    """Open the index at start-up (if there is one yet) and unpin snapshots after requests."""
    served = ServedIndex(app.config["INDEX_ROOT"])
    try:
        served.refresh()
    except IndexMissingError:
        app.logger.warning("no index in %s yet; requests get 503 until one is built", served.root)
    app.extensions[EXTENSION] = served
    app.teardown_appcontext(unpin)


def snapshot() -> Snapshot:
    """The snapshot this request uses (pinned on first use, released at teardown)."""
    if "snapshot" not in g:
        g.snapshot = current_app.extensions[EXTENSION].pin()
    return g.snapshot


def get_searcher() -> Searcher:
    """A searcher of this request's snapshot, taken from its pool and returned at teardown."""
    if "searcher" not in g:
        held = snapshot().searcher()
        g.searcher = held.__enter__()
        g.searcher_held = held
    return g.searcher


def reports() -> dict[str, dict]:
    """Report metadata by report ID, in corpus order."""
    return snapshot().reports


def report_meta(report_id: str) -> dict:
    """:raises NotFoundError: for an unknown report ID."""
    try:
        return reports()[report_id]
    except KeyError:
        raise NotFoundError(f"No report {report_id[:80]!r}; see /api/reports for the reports indexed",
                            key="no_report", id=report_id[:80]) from None


def unpin(_exc: BaseException | None = None) -> None:
    held = g.pop("searcher_held", None)
    g.pop("searcher", None)
    if held is not None:
        held.__exit__(None, None, None)
    pinned = g.pop("snapshot", None)
    if pinned is not None:
        pinned.release()
