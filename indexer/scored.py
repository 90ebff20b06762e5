"""Clause results as arrays: documents matched and their scores, and how Whoosh combines them.

A clause's result is a :class:`Scored`: ascending document numbers and scores, aligned.
The combinations below sum scores in the order Whoosh's matchers sum them (the largest
part first for a union, left to right for an intersection, a phrase's words as its binary
matcher tree), so the floats come out the same.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

Mask = np.ndarray  # bool, one entry per document number


@dataclass(frozen=True)
class Scored:
    """Documents matched (ascending document numbers) and their scores, aligned."""

    ids: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)

    def as_dict(self) -> dict[int, float]:
        return dict(zip(self.ids.tolist(), self.scores.tolist()))

    @classmethod
    def of(cls, scores: dict[int, float]) -> Scored:
        ids = np.fromiter(sorted(scores), dtype=np.int64, count=len(scores))
        return cls(ids, np.fromiter((scores[n] for n in ids.tolist()), dtype=np.float64, count=len(ids)))

    def boosted(self, boost: float) -> Scored:
        return self if boost == 1.0 else Scored(self.ids, self.scores * boost)

    def at(self, ids: np.ndarray) -> np.ndarray:
        """The scores of ``ids``; 0 for any not matched (postings cut short by the deadline)."""
        if not len(self.ids):
            return np.zeros(len(ids))
        at = np.minimum(np.searchsorted(self.ids, ids), len(self.ids) - 1)
        return np.where(self.ids[at] == ids, self.scores[at], 0.0)


NOTHING = Scored(np.zeros(0, np.int64), np.zeros(0, np.float64))


def any_in(ids: np.ndarray, allowed: Mask | None) -> bool:
    if allowed is None:
        return len(ids) > 0
    return bool(allowed[ids].any()) if len(ids) else False


def plus_where(a: Scored, b: Scored) -> np.ndarray:
    """a's scores, plus b's where b matches too (Whoosh's AndMaybe)."""
    if not len(b):
        return a.scores
    at = np.searchsorted(b.ids, a.ids)
    at[at == len(b.ids)] = 0
    hit = b.ids[at] == a.ids
    out = a.scores.copy()
    out[hit] = a.scores[hit] + b.scores[at[hit]]
    return out


def union(parts: list[Scored]) -> Scored:
    """Documents in any part, their scores summed (Whoosh's UnionMatcher): the largest part
    first, then each other added where it matches."""
    parts = sorted((p for p in parts if len(p)), key=len, reverse=True)
    if not parts:
        return NOTHING
    ids = parts[0].ids
    for p in parts[1:]:
        ids = np.union1d(ids, p.ids)
    total = np.zeros(len(ids))
    seen = np.zeros(len(ids), dtype=bool)
    for p in parts:
        at = np.searchsorted(ids, p.ids)
        total[at] = np.where(seen[at], total[at] + p.scores, p.scores)
        seen[at] = True
    return Scored(ids, total)


def intersection(parts: list[Scored]) -> Scored:
    """Documents in every part, their scores summed (Whoosh's IntersectionMatcher)."""
    if any(not len(p) for p in parts):
        return NOTHING
    ids = min((p.ids for p in parts), key=len)
    for p in parts:
        ids = np.intersect1d(ids, p.ids, assume_unique=True)
    if not len(ids):
        return NOTHING
    total = parts[0].at(ids)
    for p in parts[1:]:
        total = total + p.at(ids)
    return Scored(ids, total)


def tree_sum(values: list[np.ndarray]) -> np.ndarray:
    """Summed in the order of Whoosh's binary matcher tree (a phrase's words)."""
    if len(values) == 1:
        return values[0]
    half = len(values) // 2
    return tree_sum(values[:half]) + tree_sum(values[half:])
