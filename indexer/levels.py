"""Result stage: levels of matches, compound parts and neighbours, from clause sets in Python.

The documents with every term come first, ranked by score; then those lacking one term,
and, while that makes fewer than :data:`FILL` or none has every term, those lacking more.
All of it is counted and ordered from the per-clause sets of :mod:`indexer.execute`, with
arrays over the generation's document numbers (how many counted clauses each document
matches, its summed score, whether it is listed): a paragraph's score at any level is the
sum of the (saturated) scores of the clauses it matches, as Whoosh's And/Or/AndMaybe would
sum them, and each level is one vectorised selection, however many documents match.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from whoosh import query as Q
from whoosh.searching import Searcher

from .deadline import Deadline
from .execute import Executor
from .query import Roles
from .snapshot import Snapshot

FILL = 10  # with fewer matches than this, list paragraphs lacking more terms after them


@dataclass
class Ranking:
    """What the clauses select, in the order listed: ``ranked`` holds the first ``wanted``
    (document number, score); ``listed`` marks every listed document."""

    listed: np.ndarray
    order: np.ndarray  # each document's place in reading order (ties go by it, not by number)
    ranked: list[tuple[int, float]] = field(default_factory=list)
    complete: int = 0
    missing: int = 0
    wanted: int = 10
    total: int = 0

    def extend(self, level: np.ndarray, scores: np.ndarray) -> int:
        """List the documents of ``level`` (a mask) not listed yet after those so far, best
        score first, ties in reading order; how many there were."""
        fresh = np.flatnonzero(level & ~self.listed)
        room = self.wanted - len(self.ranked)
        if room > 0 and len(fresh):
            values = scores[fresh]
            order = np.lexsort((self.order[fresh], -values))[:room]
            self.ranked += list(zip(fresh[order].tolist(), values[order].tolist()))
        self.listed[fresh] = True
        self.total += len(fresh)
        return len(fresh)


def _select(base: np.ndarray, counts: np.ndarray, graded: int, extend) -> tuple[int, int]:
    """List the levels of ``base`` in order with ``extend`` (a level's mask -> how many it
    listed): every counted term, then all but one, and lower levels while fewer than FILL
    are listed or none has every term. Returns (how many have every term, the most terms
    a listed document lacks)."""
    complete = total = extend(base & (counts == graded))
    missing = 0
    for need in range(graded - 1, 0, -1):
        added = extend(base & (counts == need))
        if added:
            missing = graded - need
        total += added
        if complete and total >= FILL:
            break
    return complete, missing


class Levels:
    """Ranks one search's documents from its clauses' sets."""

    def __init__(self, snapshot: Snapshot, executor: Executor, roles: Roles,
                 allowed: np.ndarray | None, wanted: int) -> None:
        self.snapshot, self.ex, self.roles = snapshot, executor, roles
        count = len(snapshot.live)
        self.ranking = Ranking(np.zeros(count, dtype=bool), snapshot.order, wanted=wanted)
        ok = snapshot.live.copy() if allowed is None else snapshot.live & allowed
        self.unwanted = np.zeros(count, dtype=bool)
        for q in roles.negative:
            self.unwanted[executor.docs(q)] = True
        self.ok = ok & ~self.unwanted
        self.scores: np.ndarray | None = None  # every document's summed score, once ranked

    def _dense(self, queries) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """How many of ``queries`` each document matches, whether it matches all of them,
        and the sum of their scores (in the order given)."""
        size = len(self.ok)
        matched = np.zeros(size, dtype=np.int32)
        total = np.zeros(size)
        for q in queries:
            scored = self.ex.scores(q)
            matched[scored.ids] += 1
            total[scored.ids] += scored.scores
        return matched, matched == len(queries), total

    def rank(self) -> Ranking:
        """Every term first, then all but one, and so on (see the module's docstring)."""
        r, roles = self.ranking, self.roles
        if roles.nothing:
            return r
        if roles.every:
            docs = np.flatnonzero(self.ok)
            docs = docs[np.argsort(self.snapshot.order[docs], kind="stable")]
            r.ranked = [(n, 0.0) for n in docs[: r.wanted].tolist()]
            r.listed[docs] = True
            r.complete = r.total = len(docs)
            return r
        _n, all_required, required = self._dense(roles.required)
        counts, _all, graded = self._dense(roles.graded)
        _n, _all, soft = self._dense(roles.soft)
        scores = (required + graded) + soft
        self.scores = scores
        self._counts, self._all_required = counts, all_required
        r.complete, r.missing = _select(self._base(self.ok), counts, len(roles.graded),
                                        lambda level: r.extend(level, scores))
        return r

    def _base(self, ok: np.ndarray) -> np.ndarray:
        base = ok & self._all_required
        return base & (self._counts > 0) if self.roles.graded else base

    def listed_within(self, allowed: np.ndarray | None) -> np.ndarray:
        """The documents this search would list (before compound parts and neighbours)
        if its filters were ``allowed`` instead: the same levels from the same clause
        sets, so facet counts under other filters cost array operations, not a search.
        Call after :meth:`rank`."""
        ok = self.snapshot.live & ~self.unwanted
        if allowed is not None:
            ok &= allowed
        if self.roles.nothing:
            return np.zeros(len(ok), dtype=bool)
        if self.roles.every:
            return ok
        listed = np.zeros(len(ok), dtype=bool)

        def extend(level: np.ndarray) -> int:
            listed[level] = True
            return int(np.count_nonzero(level))

        _select(self._base(ok), self._counts, len(self.roles.graded), extend)
        return listed

    def then_all(self, queries: list[Q.Query]) -> int:
        """List, after those so far, the documents matching every one of ``queries`` (the
        required clauses too); how many there are."""
        distinct = list(dict.fromkeys(list(self.roles.required) + queries))
        if not distinct:
            return 0
        _n, every, scores = self._dense(distinct)
        if self.scores is not None:
            self.scores = np.where(self.ranking.listed, self.scores, scores)
        return self.ranking.extend(self.ok & every, scores)


def neighbours(snapshot: Snapshot, searcher: Searcher, listed: np.ndarray, allowed: np.ndarray | None,
               unwanted: np.ndarray, room: int, deadline: Deadline) -> list[int]:
    """Up to ``room`` paragraphs of the leaf sections of the ``listed`` ones (few: this runs
    when fewer than FILL match), not listed nor excluded, nearest to a listed one first,
    then in reading order."""
    orders: dict[str, list[int]] = {}
    leaves: dict[int, str] = {}
    for n in np.flatnonzero(listed).tolist():
        leaves[n] = leaf_of(searcher.stored_fields(n)["id"])
        orders.setdefault(leaves[n], []).append(int(snapshot.order[n]))
    near: dict[int, str] = {}
    for leaf in orders:
        if deadline.expired():
            break
        for n in searcher.docs_for_query(Q.Prefix("id", leaf)):
            if not listed[n] and not unwanted[n] and (allowed is None or allowed[n]):
                near[n] = leaf

    def distance(n: int) -> tuple[int, int]:
        order = int(snapshot.order[n])
        return min(abs(order - o) for o in orders[near[n]]), order

    return sorted(near, key=distance)[:room]


def leaf_of(pid: str) -> str:
    """The ID prefix shared by the paragraphs of one leaf section (``gxszflgj-104-3.2-``)."""
    return pid.rsplit("-", 1)[0] + "-"
