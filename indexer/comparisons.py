"""The section matches of every pair of reports of one agency, and their paragraphs.

Matching reads every paragraph of an agency's reports, so it is done once per index
generation and agency, when a page first needs it (two reports when they are first
compared), and kept by the generation's :class:`~indexer.snapshot.Snapshot`. Only reports of the same agency are compared: another
agency's programmes are not the same programmes, whatever their titles.
:func:`compare_reports` is pure; :func:`agency_comparison` is the edge that reads the index.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from whoosh.searching import Searcher

from .compare import RELATED, SAME, Match, Passage, Profile, Section, match_profiles, profile
from .similarity import Weights, cosine, weights
from .export import stored_paragraphs
from .fold import fold_text


@dataclass(frozen=True)
class PassageMatch:
    """The paragraph of the other section most like a given one (``score`` 0: none is
    alike, and the other section's first paragraph stands in)."""

    id: str
    other: str
    score: float


def best_passages(a: Section, b: Section, w: Weights) -> dict[str, PassageMatch]:
    """For each paragraph of ``a``, the most similar paragraph of ``b`` (ties: the one at
    the nearer relative position)."""
    if not b.passages:
        return {}
    right = [w.vector(p.text) for p in b.passages]
    last_b = max(len(b.passages) - 1, 1)
    found: dict[str, PassageMatch] = {}
    for i, p in enumerate(a.passages):
        vector = w.vector(p.text)
        at = i / max(len(a.passages) - 1, 1)
        best = max(range(len(b.passages)),
                   key=lambda j: (round(cosine(vector, right[j]), 6), -abs(j / last_b - at)))
        score = cosine(vector, right[best])
        found[p.id] = PassageMatch(p.id, b.passages[best].id if score else b.passages[0].id, round(score, 4))
    return found


def _strongest(m: Match) -> tuple:
    return (m.strength != SAME, -m.score, m.b)


class Comparison:
    """The sections of an agency's reports and the matches of any two of them.

    Two reports are matched when first asked (:meth:`pair`) and remembered: a page needs
    the pairs of one report, and an agency of many years has many pairs. Safe to share
    between threads.

    :param sections: report ID -> section path -> :class:`Section`.
    """

    def __init__(self, w: Weights, sections: dict[str, dict[str, Section]]) -> None:
        self.weights, self.sections = w, sections
        self._profiles: dict[str, list[Profile]] = {}
        self._pairs: dict[tuple[str, str], list[Match]] = {}
        self._lock = threading.Lock()

    def _profiled(self, report: str) -> list[Profile]:
        if report not in self._profiles:
            self._profiles[report] = [profile(s, self.weights) for s in self.sections[report].values()]
        return self._profiles[report]

    def pair(self, report: str, other: str) -> list[Match]:
        """The matches of two reports' sections (``a``: paths of ``report``)."""
        with self._lock:
            if (report, other) not in self._pairs:
                found = match_profiles(self._profiled(report), self._profiled(other), self.weights)
                self._pairs[report, other] = found
                self._pairs[other, report] = [m.reversed() for m in found]
            return self._pairs[report, other]

    def paragraph_matches(self, report: str, paragraph_id: str, path: str) -> Iterator[tuple[str, Match, PassageMatch]]:
        """For each other report: the best match of the paragraph's section and the best
        paragraph in it. A section without a match falls back on its nearest heading that
        is the same programme as one of the other report, if a paragraph there is like
        this one (a broad heading merely related says nothing about one paragraph)."""
        trail = path.split(".")
        for other in self.sections:
            if other == report:
                continue
            for depth in range(len(trail), 0, -1):
                here = ".".join(trail[:depth])
                listed = sorted((m for m in self.pair(report, other) if m.a == here), key=_strongest)
                if depth < len(trail):
                    listed = [m for m in listed if m.strength == SAME]
                if not listed:
                    continue
                best = listed[0]
                passage = best_passages(self.sections[report][here], self.sections[other][best.b],
                                        self.weights).get(paragraph_id)
                if passage is not None and depth == len(trail):
                    yield other, best, passage
                elif passage is not None and passage.score > 0:  # the heading above is the same: related
                    yield other, replace(best, strength=RELATED), passage
                break

    def titled(self, key: str) -> Iterator[Section]:
        """The sections whose folded title is ``key``, shallowest first in each report."""
        for by_path in self.sections.values():
            hits = [s for s in by_path.values() if "".join(fold_text(s.title).split()) == key]
            if hits:
                yield min(hits, key=lambda s: (s.depth, [int(n) for n in s.path.split(".")]))


def compare_reports(sections: Mapping[str, Sequence[Section]]) -> Comparison:
    """The comparison of the given reports (one agency's); pairs are matched when asked."""
    w = weights(s for listed in sections.values() for s in listed)
    return Comparison(w, {r: {s.path: s for s in listed} for r, listed in sections.items()})


def report_sections(meta: dict, paragraphs: Sequence[dict]) -> list[Section]:
    """Every heading of a report (from its stored contents) with the paragraphs under it."""
    by_path: dict[str, list[Passage]] = {}
    for fields in paragraphs:
        path = fields["id"].rsplit("-", 2)[1]
        by_path.setdefault(path, []).append(Passage(fields["id"], fields["text"], fields.get("kind") or "prose"))
    out: list[Section] = []

    def walk(nodes: list[dict], titles: tuple[str, ...], prefix: str) -> None:
        for node in nodes:
            path = f"{prefix}.{node['number']}" if prefix else str(node["number"])
            under = tuple(p for key, listed in by_path.items() if key == path or key.startswith(path + ".")
                          for p in listed)
            out.append(Section(meta["id"], path, titles + (node["title"],), under))
            walk(node["children"], titles + (node["title"],), path)

    walk(meta["toc"], (), "")
    return out


def agency_comparison(snapshot, searcher: Searcher, agency: str) -> Comparison:
    """The comparison of one agency's reports in a generation, built on first use."""

    def build() -> Comparison:
        metas = [m for m in snapshot.meta if m["agency"] == agency]
        return compare_reports({m["id"]: report_sections(m, stored_paragraphs(searcher, m["id"])) for m in metas})

    found = snapshot.comparisons.lookup(agency)
    if found is None:
        with snapshot.comparing:  # one thread builds it; the others wait for it, not redo it
            found = snapshot.comparisons.get(agency, build)
    return found
