"""Execute: run each distinct clause against the index once, as document numbers with scores.

Everything a search derives from its clauses (the documents with every term, with all but
one, the parts of a compound, the neighbours, the ``complete`` count, the facet counts) is
worked out in Python from these sets, never by running Whoosh searches over combinations of
clauses: a query's cost grows with its number of clauses, not with their subsets.

Clauses are evaluated from whole postings (:mod:`indexer.postings`) with Whoosh's own BM25F
formula and combination rules: a term scores bm25(idf, weight, length) × boost; a phrase is
its words' term scores summed, where its words occur at consecutive positions; Or sums the
children that match, And requires all and sums them, AndMaybe adds the optional side where
it matches; a compound of one child is that child, its boost ignored, as in Whoosh. Any
other query, or another weighting model, runs through Whoosh's matchers.

A clause's scores depend only on the clause and the generation, so they are also kept in
the generation's memo (bounded by the number of documents held): a clause typed again, by
the same user or another, alone or with other terms, is not run again.

A clause's score saturates (see :class:`~indexer.query.Saturated`): s·K/(s+K), K a share of
the best score the clause reaches in the whole index, read off its one run.
"""
from __future__ import annotations

from whoosh import query as Q
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from .deadline import Deadline
from .postings import EMPTY, Postings, field_lengths, postings_memo, read_postings
from .query import NumberRange, Saturated
from .snapshot import Snapshot

CHECK_EVERY = 64  # documents between two looks at the clock (Whoosh matcher fallback)
Scores = dict[int, float]


class Executor:
    """Runs clauses for one search on one searcher, each distinct clause once."""

    def __init__(self, searcher: Searcher, deadline: Deadline, snapshot: Snapshot | None = None) -> None:
        self.searcher, self.deadline, self.snapshot = searcher, deadline, snapshot
        self.memo = snapshot.clauses if snapshot is not None else None
        weighting = searcher.weighting
        self.fast = (snapshot is not None and type(weighting) is BM25F and not weighting._field_B
                     and (weighting.B, weighting.K1) == (0.75, 1.2))
        self._scores: dict[Q.Query, Scores] = {}
        self._terms: dict[tuple[str, bytes], Scores] = {}
        self.runs = 0  # clauses evaluated against the index (one per distinct clause)

    # -- what the other stages ask ---------------------------------------------------------
    def scores(self, q: Q.Query) -> Scores:
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
        """The documents ``q`` matches (exclusions, counts)."""
        return frozenset(self.scores(q))

    def exists(self, q: Q.Query, allowed: frozenset[int] | None = None) -> bool:
        """Whether ``q`` matches a document (within ``allowed``), stopping at the first one
        where the query's shape allows."""
        if self.deadline.expired():
            return False
        if q in self._scores or (self.memo is not None and self.memo.lookup(q) is not None):
            return _any_in(self.scores(q), allowed)
        if not self.fast:
            return self._matcher_exists(q, allowed)
        kind = type(q)
        if kind is Q.Or:
            return any(self.exists(s, allowed) for s in q.subqueries)
        if kind is Q.Term:
            postings = self._postings_of(q.fieldname, q.text)
            return bool(postings.ids) if allowed is None else any(n in allowed for n in postings.ids)
        if kind is Q.Phrase and q.slop == 1:
            return bool(self._phrase_docs(q, allowed, first=True))
        if kind is Q.AndMaybe:
            return self.exists(q.a, allowed)
        return _any_in(self._eval(q), allowed)

    # -- evaluation --------------------------------------------------------------------------
    def _scored(self, q: Q.Query) -> Scores:
        inner, share = (q.child, q.share) if isinstance(q, Saturated) else (q, None)
        self.runs += 1
        raw = self._eval(inner) if self.fast else self._matcher_scores(inner)
        if share is None or not raw:
            return raw
        k = share * (max(raw.values()) or 1.0)
        return {n: (k * s / (s + k) if s > 0 else 0.0) for n, s in raw.items()}

    def _eval(self, q: Q.Query) -> Scores:
        if self.deadline.expired():
            return {}
        kind = type(q)
        if kind is Q.Term:
            return self._term(q.fieldname, q.text, q.boost)
        if kind is Q.Phrase and q.slop == 1:
            return self._phrase(q)
        if kind in (Q.Or, Q.And) and not getattr(q, "minmatch", 0) and not getattr(q, "scale", None):
            subs = q.subqueries
            if not subs:
                return {}
            if len(subs) == 1:  # Whoosh uses the child's matcher alone, without the boost
                return self._eval(subs[0])
            parts = [self._eval(s) for s in subs]
            combined = _union(parts) if kind is Q.Or else _intersection(parts)
            return _boosted(combined, q.boost)
        if kind is Q.AndMaybe:
            a = self._eval(q.a)
            b = self._eval(q.b) if a else {}
            return {n: s + b[n] if n in b else s for n, s in a.items()}
        if isinstance(q, NumberRange):
            words = list(q._btexts(self.searcher.reader()))
            parts = [self._term(q.fieldname, w, q.boost) for w in words if w]
            return parts[0] if len(parts) == 1 else _union(parts)
        return self._matcher_scores(q)

    def _postings_of(self, field: str, text, positions: bool = False) -> Postings:
        schema = self.searcher.schema
        if field not in schema:
            return EMPTY
        try:
            btext = schema[field].to_bytes(text)
        except ValueError:
            return EMPTY
        memo = postings_memo(self.snapshot)
        key = (field, btext, positions)
        found = memo.lookup(key)
        if found is None:
            found = read_postings(self.searcher, field, btext, positions)
            memo.put(key, found)
        return found

    def _term(self, field: str, text, boost: float = 1.0) -> Scores:
        """bm25 of every posting, as Whoosh's BM25FScorer computes it, times the boost."""
        key = (field, text)
        if key not in self._terms:
            self._terms[key] = self._term_scores(field, text)
        return _boosted(self._terms[key], boost)

    def _term_scores(self, field: str, text) -> Scores:
        postings = self._postings_of(field, text)
        if not postings.ids:
            return {}
        fieldobj = self.searcher.schema[field]
        if not fieldobj.scorable:
            return dict(zip(postings.ids, postings.weights))
        btext = fieldobj.to_bytes(text)
        idf = self.searcher.idf(field, btext)
        avgfl = self.searcher.avg_field_length(field) or 1
        lengths = field_lengths(self.snapshot, self.searcher, field)
        B, K1 = 0.75, 1.2
        return {n: idf * ((w * (K1 + 1)) / (w + K1 * ((1 - B) + B * lengths[n] / avgfl)))
                for n, w in zip(postings.ids, postings.weights)}

    def _phrase_docs(self, q: Q.Phrase, allowed: frozenset[int] | None = None, first: bool = False) -> list[int]:
        """The documents where the phrase's words stand at consecutive positions."""
        if q.fieldname not in self.searcher.schema or len(q.words) < 1:
            return []
        lists = [self._postings_of(q.fieldname, w, positions=True) for w in q.words]
        if any(not p.ids for p in lists):
            return []
        smallest = min(range(len(lists)), key=lambda i: len(lists[i]))
        candidates = set(lists[smallest].ids)
        for p in lists:
            if p is not lists[smallest]:
                candidates.intersection_update(p.ids)
        if allowed is not None:
            candidates &= allowed
        if not candidates:
            return []
        decode = self.searcher.schema[q.fieldname].format.decode_positions
        where = [p.index for p in lists]
        values = [p.values for p in lists]

        def consecutive(printed: tuple) -> bool:
            starts = set(decode(printed[0]))
            for offset in range(1, len(printed)):
                if not starts:
                    return False
                starts &= {p - offset for p in decode(printed[offset])}
            return bool(starts)

        # Headings and lead-ins repeat for every paragraph of a section: the same position
        # values are checked once.
        outcome: dict[tuple, bool] = {}
        found = []
        for n in sorted(candidates):
            printed = tuple(v[w[n]] for v, w in zip(values, where))
            ok = outcome.get(printed)
            if ok is None:
                ok = outcome[printed] = consecutive(printed)
            if ok:
                found.append(n)
                if first:
                    break
        return found

    def _phrase(self, q: Q.Phrase) -> Scores:
        docs = self._phrase_docs(q)
        if not docs:
            return {}
        terms = [self._term(q.fieldname, w) for w in q.words]
        if len(terms) == 2:
            a, b = terms
            out = {n: a[n] + b[n] for n in docs}
        elif len(terms) == 3:
            a, b, c = terms
            out = {n: a[n] + (b[n] + c[n]) for n in docs}
        else:
            out = {n: _tree_sum([t[n] for t in terms]) for n in docs}
        return _boosted(out, q.boost)

    # -- Whoosh's matchers, for anything else ------------------------------------------------
    def _matcher_scores(self, q: Q.Query) -> Scores:
        out: Scores = {}
        expired = self.deadline.expired
        if expired():
            return out
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

    def _matcher_exists(self, q: Q.Query, allowed: frozenset[int] | None) -> bool:
        for sub, offset in self.searcher.leaf_searchers():
            for seen, n in enumerate(q.matcher(sub, sub.boolean_context()).all_ids(), 1):
                if allowed is None or n + offset in allowed:
                    return True
                if seen % CHECK_EVERY == 0 and self.deadline.expired():
                    return False
        return False


def _any_in(scores: Scores, allowed: frozenset[int] | None) -> bool:
    if allowed is None:
        return bool(scores)
    small, large = (scores, allowed) if len(scores) < len(allowed) else (allowed, scores)
    return any(n in large for n in small)


def _boosted(scores: Scores, boost: float) -> Scores:
    return scores if boost == 1.0 else {n: s * boost for n, s in scores.items()}


def _union(parts: list[Scores]) -> Scores:
    """Documents in any part, their scores summed (Whoosh's UnionMatcher)."""
    parts = sorted((p for p in parts if p), key=len, reverse=True)
    if not parts:
        return {}
    out = dict(parts[0])
    for part in parts[1:]:
        for n, s in part.items():
            out[n] = out[n] + s if n in out else s
    return out


def _intersection(parts: list[Scores]) -> Scores:
    """Documents in every part, their scores summed (Whoosh's IntersectionMatcher)."""
    if any(not p for p in parts):
        return {}
    smallest = min(parts, key=len)
    return {n: sum(p[n] for p in parts) for n in smallest if all(n in p for p in parts)}


def _tree_sum(values: list[float]) -> float:
    """Summed in the order of Whoosh's binary matcher tree (a phrase's words)."""
    if len(values) == 1:
        return values[0]
    half = len(values) // 2
    return _tree_sum(values[:half]) + _tree_sum(values[half:])
