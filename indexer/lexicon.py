"""Domain words for jieba, taken from the corpus itself, and the segmenter that uses them.

jieba's dictionary knows general Chinese, not programme names such as 雄愛勞工輔導團 or
勞工博物館. The reports mark such names with 「」 quotes and use them as headings, so we
collect those at build time: each report is segmented with its own (:func:`words_of`), and
every report's words are stored beside the index for segmenting queries. A domain word
changes the segmentation of a text only where it occurs (:func:`add_terms`), so a query
naming one is segmented as the reports that name it were.

Each index generation gets a :class:`Segmenter` of its own: a ``jieba.Tokenizer`` holding
the base dictionary plus that generation's words. We never ``add_word`` to the process-wide
``jieba.dt``: jieba adds a word's frequency to its total on every call, so a long-running
server that opened several generations would segment queries differently from the build
that wrote the index it serves. The segmenter in force is a context variable, set by
whoever analyses text (a build, a search) with :func:`using`; threads do not share it.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba

from .fold import fold_text
from .model import Report

QUOTED = re.compile(r"[「『]([^「」『』]{2,16})[」』]")
CJK_ONLY = re.compile(r"[\u3400-\u9fff]{2,12}")
FILE = "userdict.txt"
FREQ = 50000  # high enough that jieba keeps a domain word whole


def domain_terms(reports: Iterable[Report]) -> list[str]:
    """Folded (Simplified) domain words: quoted names and short heading titles."""
    terms: set[str] = set()
    for report in reports:
        for p in report.paragraphs:
            for m in QUOTED.finditer(p.text):
                if CJK_ONLY.fullmatch(m.group(1)):
                    terms.add(m.group(1))
            for title in p.titles:
                if CJK_ONLY.fullmatch(title):
                    terms.add(title)
    return sorted({fold_text(t) for t in terms})


@dataclass(frozen=True, eq=False)
class Segmenter:
    """A jieba tokenizer with one index's domain words, and those words (folded)."""

    tokenizer: jieba.Tokenizer
    terms: frozenset[str]


_BASE_LOCK = threading.Lock()
_BASE: list[jieba.Tokenizer] = []


def _base() -> jieba.Tokenizer:
    """jieba's dictionary, loaded once per process and never changed."""
    with _BASE_LOCK:
        if not _BASE:
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            _BASE.append(tokenizer)
        return _BASE[0]


@lru_cache(maxsize=8)
def segmenter(terms: frozenset[str]) -> Segmenter:
    """A segmenter for these domain words: a copy of the base dictionary (tens of
    milliseconds, where loading jieba again takes most of a second) plus the words."""
    base = _base()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(base.FREQ), base.total, True
    add_terms(tokenizer, terms)
    return Segmenter(tokenizer, frozenset(terms))


def add_terms(tokenizer: jieba.Tokenizer, terms: Iterable[str]) -> None:
    """Add domain words to a tokenizer without changing how it segments any other text.

    ``add_word`` also adds each word's frequency to the dictionary's total, which every
    word's cost is taken against: with it, one new name in one report would change how
    every report is segmented. Keeping the total fixed makes a text's segmentation depend
    only on the domain words it contains (jieba's graph gains an edge only where a word
    occurs), which is what lets an incremental build keep the reports a new word is absent
    from (:mod:`indexer.incremental`)."""
    total = tokenizer.total
    for term in sorted(terms):
        tokenizer.add_word(term, freq=FREQ)
    tokenizer.total = total


_MISSING = object()
_BUILD: list[jieba.Tokenizer] = []


@contextmanager
def words_of(terms: frozenset[str]) -> Iterator[Segmenter]:
    """For a build: segment with ``terms`` (one report's domain words) inside the block.

    A build segments each report with its own domain words only, so a report's documents
    depend on nothing but its text and an incremental build can keep them (queries are
    segmented with every report's words: :func:`segmenter`; measured on the judged query
    sets, this is as good as segmenting every report with every report's words). The words
    are added to one tokenizer of this process and taken out again after the block, which
    costs microseconds where a copy of the dictionary per report would cost tens of
    milliseconds and ~100 MB."""
    with _BASE_LOCK:
        if not _BUILD:
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            _BUILD.append(tokenizer)
    tokenizer = _BUILD[0]
    saved = {word[:i]: tokenizer.FREQ.get(word[:i], _MISSING) for word in terms for i in range(1, len(word) + 1)}
    add_terms(tokenizer, terms)
    try:
        with using(Segmenter(tokenizer, frozenset(terms))) as seg:
            yield seg
    finally:
        for fragment, value in saved.items():
            if value is _MISSING:
                del tokenizer.FREQ[fragment]
            else:
                tokenizer.FREQ[fragment] = value


_CURRENT: ContextVar[Segmenter | None] = ContextVar("reportsearch_segmenter", default=None)


def current() -> Segmenter:
    """The segmenter in force: the one set by :func:`using`, else the base dictionary."""
    return _CURRENT.get() or segmenter(frozenset())


@contextmanager
def using(seg: Segmenter) -> Iterator[Segmenter]:
    """Analyse text with ``seg`` inside the block (in this thread or task only)."""
    token = _CURRENT.set(seg)
    try:
        yield seg
    finally:
        _CURRENT.reset(token)


def installed() -> frozenset[str]:
    """The domain words of the segmenter in force (folded): names and heading titles."""
    return current().terms


def save(path: Path, terms: list[str]) -> None:
    (path / FILE).write_text("\n".join(terms) + "\n", encoding="utf-8")


def load(path: Path) -> list[str]:
    file = path / FILE
    if not file.exists():
        return []
    return [line.strip() for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
