"""Result stage: levels of matches, compound parts and neighbours, from clause sets in Python.

The documents with every term come first, ranked by score; then those lacking one term,
and, while that makes fewer than :data:`FILL` or none has every term, those lacking more.
All of it is counted and ordered from the per-clause sets of :mod:`indexer.execute`: a
paragraph's score at any level is the sum of the (saturated) scores of the clauses it
matches, as Whoosh's And/Or/AndMaybe would sum them.
"""
from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field

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
    (document number, score); ``listed`` every listed document."""

    ranked: list[tuple[int, float]] = field(default_factory=list)
    listed: set[int] = field(default_factory=set)
    complete: int = 0
    missing: int = 0
    wanted: int = 10

    @property
    def total(self) -> int:
        return len(self.listed)

    def extend(self, scored: dict[int, float]) -> int:
        """List ``scored`` (documents not listed yet) after those so far, best first."""
        fresh = {n: s for n, s in scored.items() if n not in self.listed}
        room = self.wanted - len(self.ranked)
        if room > 0:
            self.ranked += heapq.nsmallest(room, ((n, s) for n, s in fresh.items()), key=lambda ns: (-ns[1], ns[0]))
        self.listed.update(fresh)
        return len(fresh)


class Levels:
    """Ranks one search's documents from its clauses' sets."""

    def __init__(self, snapshot: Snapshot, executor: Executor, roles: Roles,
                 allowed: frozenset[int] | None, wanted: int) -> None:
        self.snapshot, self.ex, self.roles, self.allowed = snapshot, executor, roles, allowed
        self.ranking = Ranking(wanted=wanted)
        unwanted: set[int] = set()
        for q in roles.negative:
            unwanted |= executor.docs(q)
        self.unwanted = unwanted

    def _ok(self, n: int) -> bool:
        return (self.allowed is None or n in self.allowed) and n not in self.unwanted

    def rank(self) -> Ranking:
        """Every term first, then all but one, and so on (see the module's docstring)."""
        r, roles = self.ranking, self.roles
        if roles.nothing:
            return r
        if roles.every:
            docs = [n for n in self.snapshot.live if self._ok(n)]
            docs.sort(key=lambda n: self.snapshot.order[n])
            r.ranked = [(n, 0.0) for n in docs[: r.wanted]]
            r.listed = set(docs)
            r.complete = len(docs)
            return r
        required = [self.ex.scores(q) for q in roles.required]
        graded = [self.ex.scores(q) for q in roles.graded]
        soft = [self.ex.scores(q) for q in roles.soft]
        if graded:
            candidates: Iterable[int] = set().union(*graded)
        elif required:
            candidates = min(required, key=len)
        else:
            candidates = ()
        by_count: dict[int, dict[int, float]] = {}
        for n in candidates:
            if not self._ok(n) or any(n not in s for s in required):
                continue
            matched = [s[n] for s in graded if n in s]
            score = sum(s[n] for s in required) + sum(matched) + sum(s[n] for s in soft if n in s)
            by_count.setdefault(len(matched), {})[n] = score
        r.complete = r.extend(by_count.get(len(graded), {}))
        for need in range(len(graded) - 1, 0, -1):
            if r.extend(by_count.get(need, {})):
                r.missing = len(graded) - need
            if r.complete and r.total >= FILL:
                break
        return r

    def then_all(self, queries: list[Q.Query]) -> int:
        """List, after those so far, the documents matching every one of ``queries`` (the
        required clauses too); how many there are."""
        distinct = list(dict.fromkeys(list(self.roles.required) + queries))
        sets = [self.ex.scores(q) for q in distinct]
        if not sets:
            return 0
        smallest = min(sets, key=len)
        scored = {n: sum(s[n] for s in sets) for n in smallest
                  if self._ok(n) and n not in self.ranking.listed and all(n in s for s in sets)}
        return self.ranking.extend(scored)


def neighbours(snapshot: Snapshot, searcher: Searcher, listed: set[int], allowed: frozenset[int] | None,
               unwanted: set[int], room: int, deadline: Deadline) -> list[int]:
    """Up to ``room`` paragraphs of the leaf sections of the ``listed`` ones (few: this runs
    when fewer than FILL match), not listed nor excluded, nearest to a listed one first,
    then in reading order."""
    orders: dict[str, list[int]] = {}
    for n in sorted(listed):
        orders.setdefault(leaf_of(searcher.stored_fields(n)["id"]), []).append(snapshot.order[n])
    near: list[int] = []
    for leaf in orders:
        if deadline.expired():
            break
        near += [n for n in searcher.docs_for_query(Q.Prefix("id", leaf))
                 if n not in listed and n not in unwanted and (allowed is None or n in allowed)]

    def distance(n: int) -> tuple[int, int]:
        order = snapshot.order[n]
        leaf = leaf_of(searcher.stored_fields(n)["id"])
        return min(abs(order - o) for o in orders[leaf]), order

    return sorted(set(near), key=distance)[:room]


def leaf_of(pid: str) -> str:
    """The ID prefix shared by the paragraphs of one leaf section (``gxszflgj-104-3.2-``)."""
    return pid.rsplit("-", 1)[0] + "-"
