"""How alike two section titles or two texts are: the measures :mod:`indexer.compare`
decides with.

Titles are compared by their character bigrams, folded, each weighted by its inverse
document frequency over all the titles compared; the generic words of ``data/genre.txt``
(加強, 辦理, 營運…) weigh little and cut a title into parts, so that no bigram straddles
them (加強辦理外籍勞工管理 holds every bigram of 外籍勞工管理). Texts are compared by the cosine
of tf-idf vectors of their bigrams, digits and punctuation left out (figures change every
year; the words around them do not). Pure functions.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from .fold import fold_text

if TYPE_CHECKING:
    from .compare import Section

GENRE_WEIGHT = 0.15  # of a generic title word, against the bigrams of the programme's name
COMMON = 0.08  # of all titles: a title token in more does not make two sections candidates
RUN = re.compile(r"[\u3400-\u9fff]+|[a-z][a-z0-9\-]*")  # of folded text: no digits, no punctuation


@lru_cache(maxsize=1)
def genre_words() -> tuple[str, ...]:
    """The folded generic title words, longest first (so 計畫 is cut before 計)."""
    text = (resources.files("indexer") / "data" / "genre.txt").read_text(encoding="utf-8")
    words = {fold_text(line.strip()) for line in text.splitlines() if line.strip() and not line.startswith("#")}
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=16384)
def title_tokens(title: str) -> frozenset[str]:
    """The bigrams of a title's parts between generic words, and those words themselves."""
    folded = "".join(fold_text(title).split())
    tokens: set[str] = set()
    words = genre_words()
    part, i = [], 0
    while i < len(folded):
        word = next((w for w in words if folded.startswith(w, i)), None)
        if word is None:
            part.append(folded[i])
            i += 1
            continue
        tokens.add(word)
        tokens.update(_bigrams("".join(part)))
        part, i = [], i + len(word)
    tokens.update(_bigrams("".join(part)))
    return frozenset(tokens)


def _bigrams(text: str) -> set[str]:
    out: set[str] = set()
    for run in RUN.findall(text):
        if len(run) == 1 or run.isascii():
            out.add(run)
        else:
            out.update(run[i:i + 2] for i in range(len(run) - 1))
    return out


@lru_cache(maxsize=65536)
def content_terms(text: str) -> Counter:
    """Character bigrams (and Latin words) of folded text, with their counts (shared by
    every caller: do not change it)."""
    counts: Counter = Counter()
    for run in RUN.findall(fold_text(text)):
        if run.isascii():
            counts[run] += 1
        else:
            counts.update(run[i:i + 2] for i in range(len(run) - 1))
    return counts


@dataclass(frozen=True)
class Weights:
    """Inverse document frequencies of title tokens (over titles) and of content bigrams
    (over paragraphs), from every section compared."""

    titles: dict[str, float]
    title_default: float
    content: dict[str, float]
    content_default: float
    common: frozenset[str] = frozenset()  # title tokens in many titles (勞工 in a labour bureau's)

    def title(self, token: str) -> float:
        weight = self.titles.get(token, self.title_default)
        return weight * GENRE_WEIGHT if token in genre_words() else weight

    def vector(self, text: str) -> dict[str, float]:
        """A unit-length tf-idf vector (empty for a text without words)."""
        return self.counts_vector(content_terms(text))

    def counts_vector(self, counts: Counter) -> dict[str, float]:
        raw = {t: (1 + math.log(n)) * self.content.get(t, self.content_default) for t, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in raw.values()))
        return {t: v / norm for t, v in raw.items()} if norm else {}


def _idf(documents: Iterable[Iterable[str]]) -> tuple[dict[str, float], float]:
    df: Counter = Counter()
    n = 0
    for doc in documents:
        df.update(set(doc))
        n += 1
    return {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}, math.log(1 + n) + 1


def weights(sections: Iterable[Section]) -> Weights:
    """The weights of a set of sections (every report of an agency, or more)."""
    sections = list(sections)
    titles, title_default = _idf(title_tokens(s.title) for s in sections)
    df = Counter(t for s in sections for t in title_tokens(s.title))
    # a programme's own words are in about one title per report; common ones in many
    reports = len({s.report for s in sections})
    common = frozenset(t for t, n in df.items() if n > max(COMMON * len(sections), 2 * reports))
    seen: set[str] = set()
    texts = []
    for s in sections:
        for p in s.passages:
            if p.id not in seen:  # a paragraph is under several headings: count it once
                seen.add(p.id)
                texts.append(content_terms(p.text))
    content, content_default = _idf(texts)
    return Weights(titles, title_default, content, content_default, common)


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def title_similarity(a: str, b: str, w: Weights) -> tuple[float, float]:
    """(Dice, containment) of two titles' weighted tokens."""
    ta, tb = title_tokens(a), title_tokens(b)
    wa, wb = sum(map(w.title, ta)), sum(map(w.title, tb))
    if not wa or not wb:
        return 0.0, 0.0
    shared = sum(map(w.title, ta & tb))
    return 2 * shared / (wa + wb), shared / min(wa, wb)
