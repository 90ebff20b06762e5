"""One index generation, opened once and shared by every search on it.

Opening a Whoosh searcher costs tens of milliseconds on a large index, and everything a
search derives from the index (facet values per document, the documents of a year or a
section, the report years, the publisher's name, the sorted figures for range look-ups, the
suggestion vocabulary, the section matches between an agency's reports) is the same for
every request on a generation. A :class:`Snapshot`
holds them: built once when the generation is opened, kept while any request uses it, and
closed when the last request on a replaced generation ends. A request pins one snapshot from
start to end, so it never mixes two generations.
"""
from __future__ import annotations

import json
import threading
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from whoosh.index import Index
from whoosh.searching import Searcher

from . import lexicon
from .schema import NONE
from .generations import Hold, hold
from .store import META, current_generation, open_generation

FACETS = ("year", "chapter", "section", "subsection")
ROC_OFFSET = 1911
POOL = 4  # searchers of a generation at most: each holds ~30 MB of Whoosh's reader state at
# 20,000 paragraphs, and searches are bound by one interpreter lock, so more would cost
# memory without answering faster; a request waits for a free one
PROBES = 8192  # index look-ups remembered per generation
CLAUSE_BYTES = 256 << 20  # clause results remembered per generation (their arrays' bytes)
COMPARISONS = 32  # agencies whose section matches are remembered per generation


class Memo:
    """A bounded map, least recently used entries dropped first; ``weigh`` says what an
    entry costs against ``size`` (1 each by default)."""

    def __init__(self, size: int, weigh: Callable[[Any], int] = lambda _v: 1) -> None:
        self.size, self.weigh = size, weigh
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self._used = 0

    def get(self, key, build: Callable[[], Any]):
        missing = object()
        value = self.lookup(key, missing)
        if value is missing:
            value = build()
            self.put(key, value)
        return value

    def lookup(self, key, default=None):
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        return default

    def put(self, key, value) -> None:
        cost = self.weigh(value)
        if cost > self.size:
            return
        with self._lock:
            if key in self._data:
                self._used -= self.weigh(self._data.pop(key))
            self._data[key] = value
            self._used += cost
            while self._used > self.size:
                _k, dropped = self._data.popitem(last=False)
                self._used -= self.weigh(dropped)


def _column(reader, name: str) -> list:
    """A sortable column's value for every document number."""
    return [v.decode("utf-8") if isinstance(v, bytes) else v for v in reader.column_reader(name)]


def _several(value) -> tuple:
    """A filter argument as a sorted tuple of its distinct values (one value or several)."""
    if value is None or value == "":
        return ()
    if isinstance(value, (str, int)):
        return (value,)
    return tuple(sorted({v for v in value if v not in (None, "")}, key=str))


PLACES = 1 << 32  # paragraphs a report may hold, for reading_order


def _report_ranks(reader, meta: list[dict]) -> np.ndarray:
    """Each document's report's place in ``meta`` (corpus order), read from the report
    field's postings: a hundred short lists, where the report column is one value per
    document."""
    ranks = np.full(reader.doc_count_all(), len(meta), dtype=np.int64)
    for i, report in enumerate(meta):
        if reader.doc_frequency("report", report["id"]):
            ranks[np.fromiter(reader.postings("report", report["id"]).all_ids(), dtype=np.int64)] = i
    return ranks


def reading_order(ranks: np.ndarray, places: list[int]) -> np.ndarray:
    """Each document's place in reading order: its report's place in the corpus (``ranks``),
    then the paragraph's place in its report. Document numbers do not say it: an
    incremental build appends a new report's documents whatever its place in the corpus."""
    return ranks * PLACES + np.asarray(places, dtype=np.int64)


class Facet:
    """One facet column as ordinals: ``values[ordinals[n]]`` is document n's value, so the
    values of any set of documents are counted with one bincount."""

    def __init__(self, column: list[str]) -> None:
        self.values = sorted(set(column))
        at = {v: i for i, v in enumerate(self.values)}
        self.ordinals = np.fromiter((at[v] for v in column), dtype=np.int32, count=len(column))

    def equals(self, value: str) -> np.ndarray:
        """A mask of the documents whose value is ``value``."""
        i = bisect_left(self.values, value)
        if i == len(self.values) or self.values[i] != value:
            return np.zeros(len(self.ordinals), dtype=bool)
        return self.ordinals == i

    def counts(self, docs: np.ndarray) -> dict[str, int]:
        found = np.bincount(self.ordinals[docs], minlength=len(self.values))
        return {self.values[i]: int(found[i]) for i in np.flatnonzero(found).tolist() if self.values[i] != NONE}


class Snapshot:
    """An open index generation with what searches derive from it."""

    def __init__(self, index: Index | None, meta: list[dict], segmenter: lexicon.Segmenter,
                 path: Path | None = None, searcher: Searcher | None = None) -> None:
        self.index, self.meta, self.segmenter, self.path = index, meta, segmenter, path
        self.reports = {report["id"]: report for report in meta}
        self._fixed = searcher  # a caller's searcher: used as it is, never pooled or closed
        self._pool: list[Searcher] = []
        self._free = threading.BoundedSemaphore(POOL)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._users = 0
        self._retired = self._closed = False
        self._hold: Hold | None = None  # the shared lock on the generation (see indexer.generations)
        self.probes = Memo(PROBES)
        self.clauses = Memo(CLAUSE_BYTES, weigh=lambda scored: scored.ids.nbytes + scored.scores.nbytes + 64)
        self.derived = Memo(64)
        self.comparisons = Memo(COMPARISONS)  # agency -> indexer.comparisons.Comparison
        self.comparing = threading.Lock()
        self._filters = Memo(256)
        with self.searcher() as s:
            reader = s.reader()
            self.doc_count_all = s.doc_count_all()
            self.doc_count = s.doc_count()
            self.live = np.zeros(self.doc_count_all, dtype=bool)  # not deleted
            self.live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
            self.facets = {name: Facet(_column(reader, name)) for name in FACETS}
            self.order = reading_order(_report_ranks(reader, meta), _column(reader, "order"))
            year = self.facets["year"]
            self.year_numbers = np.array([int(v) if str(v).isdigit() else 0 for v in year.values],
                                         dtype=np.int64)[year.ordinals] if len(year.values) else np.zeros(0, np.int64)
            roc = sorted({int(y) for y in self.facets["year"].values if str(y).isdigit()})
            self.years = {y + ROC_OFFSET: y for y in roc}  # Gregorian -> ROC
            self.agencies = (tuple(a.decode("utf-8") for a in reader.lexicon("agency"))
                             if "agency" in reader.schema else ())

    # -- searchers ---------------------------------------------------------------------
    @contextmanager
    def searcher(self) -> Iterator[Searcher]:
        """A searcher of this generation for one thread at a time (pooled, not closed; at
        most POOL at once, the same one again for a thread that already holds one)."""
        if self._fixed is not None:
            yield self._fixed
            return
        held = getattr(self._local, "searcher", None)
        if held is not None:  # this thread already holds one (a page that also searches)
            yield held
            return
        with self._free:
            with self._lock:
                s = self._pool.pop() if self._pool else None
            if s is None:
                s = self.index.searcher()
            self._local.searcher = s
            try:
                yield s
            finally:
                self._local.searcher = None
                with self._lock:
                    keep = not self._closed
                    if keep:
                        self._pool.append(s)
                if not keep:
                    s.close()

    # -- lifetime ----------------------------------------------------------------------
    def acquire(self) -> Snapshot:
        with self._lock:
            self._users += 1
        return self

    def release(self) -> None:
        with self._lock:
            self._users -= 1
            done = self._retired and self._users <= 0
        if done:
            self.close()

    def retire(self) -> None:
        """No new request will use this snapshot; close it once the last one ends."""
        with self._lock:
            self._retired = True
            done = self._users <= 0
        if done:
            self.close()

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            pool, self._pool = self._pool, []
        for s in pool:
            s.close()
        if self.index is not None and self._fixed is None:
            self.index.close()
        if self._hold is not None:
            self._hold.release()  # last: the generation may be deleted from now on

    # -- derived data --------------------------------------------------------------------
    def allowed(self, year: int | Iterable[int] | None = None, section: str | Iterable[str] | None = None,
                chapter: str | Iterable[str] | None = None,
                subsection: str | Iterable[str] | None = None) -> np.ndarray | None:
        """A mask of the documents within the years and sections asked for (None: no
        restriction), built once per generation and filter from the facet columns. Each
        argument is one value or several: several values of one filter are alternatives
        (year 104 or 110), different filters must all hold."""
        year, section, chapter, subsection = (_several(v) for v in (year, section, chapter, subsection))
        if not (year or section or chapter or subsection):
            return None

        def any_of(facets: tuple[str, ...], values: tuple) -> np.ndarray:
            mask = np.zeros(len(self.live), dtype=bool)
            for value in values:
                for name in facets:
                    mask |= self.facets[name].equals(str(value))
            return mask

        def build() -> np.ndarray:
            mask = self.live.copy()
            if year:
                mask &= any_of(("year",), year)
            if section:
                mask &= any_of(("chapter", "section", "subsection"), section)
            if chapter:
                mask &= any_of(("chapter",), chapter)
            if subsection:
                mask &= any_of(("subsection",), subsection)
            mask.flags.writeable = False
            return mask

        return self._filters.get((year, section, chapter, subsection), build)

    def facet_counts(self, docs) -> dict[str, dict[str, int]]:
        """How many of ``docs`` (document numbers) have each value of each facet (no value:
        not counted)."""
        docs = docs if isinstance(docs, np.ndarray) else np.fromiter(docs, dtype=np.int64)
        return {name: self.facets[name].counts(docs) for name in FACETS}

    @classmethod
    def open(cls, path: Path) -> Snapshot:
        """Open the generation at ``path``, holding it against collection until :meth:`close`."""
        held = hold(path)
        try:
            index, meta, segmenter = open_generation(path)
        except BaseException:
            held.release()
            raise
        snapshot = cls(index, meta, segmenter, path)
        snapshot._hold = held
        return snapshot

    @classmethod
    def of_searcher(cls, searcher: Searcher) -> Snapshot:
        """A snapshot around a searcher the caller opened (and will close)."""
        folder = getattr(getattr(getattr(searcher, "_ix", None), "storage", None), "folder", None)
        path = Path(folder) if folder else None
        meta = json.loads((path / META).read_text(encoding="utf-8")) if path and (path / META).exists() else []
        segmenter = lexicon.segmenter(frozenset(lexicon.load(path))) if path else lexicon.segmenter(frozenset())
        return cls(None, meta, segmenter, path, searcher)


def open_snapshot(root: Path) -> Snapshot:
    """The generation in service under ``root``. :raises IndexMissingError: when none."""
    return Snapshot.open(current_generation(root))
