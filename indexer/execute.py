"""Execute: run each distinct clause against the index once, as document numbers with scores.

Everything a search derives from its clauses (the documents with every term, with all but
one, the parts of a compound, the neighbours, the ``complete`` count, the facet counts) is
worked out in Python from these sets, never by running Whoosh searches over combinations of
clauses: a query's cost grows with its number of clauses, not with their subsets.

A clause's scores depend only on the clause and the generation, so they are also kept in
the generation's memo (bounded by the number of documents held): a clause typed again, by
the same user or another, alone or with other terms, is not run again.

A clause's score saturates (see :class:`~indexer.query.Saturated`): s·K/(s+K), K a share of
the best score the clause reaches in the whole index. Running the clause over the whole
index gives that best score for free, where a top-1 search per clause used to run first.
"""
from __future__ import annotations

from whoosh import query as Q
from whoosh.searching import Searcher

from .deadline import Deadline
from .query import Saturated
from .snapshot import Memo

CHECK_EVERY = 64  # documents between two looks at the clock


class Executor:
    """Runs clauses for one search on one searcher, each distinct clause once."""

    def __init__(self, searcher: Searcher, deadline: Deadline, memo: Memo | None = None) -> None:
        self.searcher, self.deadline, self.memo = searcher, deadline, memo
        self._scores: dict[Q.Query, dict[int, float]] = {}
        self._docs: dict[Q.Query, frozenset[int]] = {}
        self.runs = 0  # Whoosh matcher runs made (one per distinct clause)

    def scores(self, q: Q.Query) -> dict[int, float]:
        """Document number -> the clause's (saturated) score, for every matching document
        of the index; what was found so far when the deadline passes."""
        if q not in self._scores:
            known = self.memo.lookup(q) if self.memo is not None else None
            if known is None:
                known = self._scored(q)
                if self.memo is not None and not self.deadline.hit:
                    self.memo.put(q, known)
            self._scores[q] = known
        return self._scores[q]

    def docs(self, q: Q.Query) -> frozenset[int]:
        """The documents ``q`` matches, unscored (exclusions)."""
        if q in self._scores:
            return frozenset(self._scores[q])
        if q not in self._docs:
            self._docs[q] = frozenset(self._ids(q))
        return self._docs[q]

    def _scored(self, q: Q.Query) -> dict[int, float]:
        inner, share = (q.child, q.share) if isinstance(q, Saturated) else (q, None)
        raw = self._raw(inner)
        if share is None or not raw:
            return raw
        k = share * (max(raw.values()) or 1.0)
        return {n: (k * s / (s + k) if s > 0 else 0.0) for n, s in raw.items()}

    def _raw(self, q: Q.Query) -> dict[int, float]:
        out: dict[int, float] = {}
        if self.deadline.expired():
            return out
        self.runs += 1
        expired = self.deadline.expired
        for sub, offset in self.searcher.leaf_searchers():
            m = q.matcher(sub, sub.context())
            seen = 0
            while m.is_active():
                out[m.id() + offset] = m.score()
                m.next()
                seen += 1
                if seen % CHECK_EVERY == 0 and expired():
                    return out
        return out

    def _ids(self, q: Q.Query) -> list[int]:
        out: list[int] = []
        if self.deadline.expired():
            return out
        self.runs += 1
        for sub, offset in self.searcher.leaf_searchers():
            for seen, n in enumerate(q.matcher(sub, sub.boolean_context()).all_ids(), 1):
                out.append(n + offset)
                if seen % CHECK_EVERY == 0 and self.deadline.expired():
                    return out
        return out
