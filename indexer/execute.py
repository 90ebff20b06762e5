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

import numpy as np
from whoosh import query as Q
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from .deadline import Deadline
from .postings import EMPTY, Postings, field_lengths, postings_memo, read_postings
from .query import NumberRange, Saturated, numeric_terms
from .scored import NOTHING, Mask, Scored, any_in, intersection, plus_where, tree_sum, union
from .snapshot import Snapshot

CHECK_EVERY = 64  # documents between two looks at the clock (Whoosh matcher fallback)


SCORED_FIELDS = ("text", "chars", "words", "leaf", "headings", "lead")


def warm_up(snapshot: Snapshot) -> None:
    """Read what the first searches of a generation would otherwise read on their own time:
    the field lengths BM25F needs and the sorted figures of range look-ups. The server runs
    this beside its first requests when it opens a generation."""
    with snapshot.searcher() as searcher:
        for name in SCORED_FIELDS:
            if name in searcher.schema:
                field_lengths(snapshot, searcher, name)
        numbers(snapshot, searcher, "words")


def numbers(snapshot: Snapshot, searcher: Searcher, field: str) -> tuple[list[float], list[bytes]]:
    """The generation's number terms of ``field`` sorted by value (range look-ups bisect)."""
    return snapshot.derived.get(("numbers", field), lambda: numeric_terms(searcher.reader(), field))


class Executor:
    """Runs clauses for one search on one searcher, each distinct clause once."""

    def __init__(self, searcher: Searcher, deadline: Deadline, snapshot: Snapshot | None = None) -> None:
        self.searcher, self.deadline, self.snapshot = searcher, deadline, snapshot
        self.memo = snapshot.clauses if snapshot is not None else None
        weighting = searcher.weighting
        self.fast = (snapshot is not None and type(weighting) is BM25F and not weighting._field_B
                     and (weighting.B, weighting.K1) == (0.75, 1.2))
        self._scores: dict[Q.Query, Scored] = {}
        self._terms: dict[tuple[str, bytes], Scored] = {}
        self._read: dict[tuple, Postings] = {}  # postings this search read (kept even if cut short)
        self.runs = 0  # clauses evaluated against the index (one per distinct clause)

    # -- what the other stages ask ---------------------------------------------------------
    def scores(self, q: Q.Query) -> Scored:
        """The documents of the whole index the clause matches, with its (saturated)
        scores; what was found so far when the deadline passes."""
        if q not in self._scores:
            known = self.memo.lookup(q) if self.memo is not None else None
            if known is None:
                known = self._scored(q)
                if self.memo is not None and not self.deadline.hit:
                    self.memo.put(q, known)
            self._scores[q] = known
        return self._scores[q]

    def docs(self, q: Q.Query) -> np.ndarray:
        """The documents ``q`` matches (exclusions, counts)."""
        return self.scores(q).ids

    def exists(self, q: Q.Query, allowed: Mask | None = None) -> bool:
        """Whether ``q`` matches a document (within ``allowed``), stopping at the first one
        where the query's shape allows."""
        if self.deadline.expired():
            return False
        if q in self._scores or (self.memo is not None and self.memo.lookup(q) is not None):
            return any_in(self.scores(q).ids, allowed)
        if not self.fast:
            return self._matcher_exists(q, allowed)
        kind = type(q)
        if kind is Q.Or:
            return any(self.exists(s, allowed) for s in q.subqueries)
        if kind is Q.Term:
            return any_in(self._postings_of(q.fieldname, q.text).ids, allowed)
        if kind is Q.Phrase and q.slop == 1:
            return len(self._phrase_docs(q, allowed, first=True)) > 0
        if kind is Q.AndMaybe:
            return self.exists(q.a, allowed)
        return any_in(self._eval(q).ids, allowed)

    # -- evaluation --------------------------------------------------------------------------
    def _scored(self, q: Q.Query) -> Scored:
        inner, share = (q.child, q.share) if isinstance(q, Saturated) else (q, None)
        self.runs += 1
        raw = self._eval(inner) if self.fast else Scored.of(self._matcher_scores(inner))
        if share is None or not len(raw):
            return raw
        best = float(raw.scores.max())
        k = share * (best or 1.0)
        s = raw.scores
        with np.errstate(divide="ignore", invalid="ignore"):
            return Scored(raw.ids, np.where(s > 0, k * s / (s + k), 0.0))

    def _eval(self, q: Q.Query) -> Scored:
        if self.deadline.expired():
            return NOTHING
        kind = type(q)
        if kind is Q.Term:
            return self._term(q.fieldname, q.text, q.boost)
        if kind is Q.Phrase and q.slop == 1:
            return self._phrase(q)
        if kind in (Q.Or, Q.And) and not getattr(q, "minmatch", 0) and not getattr(q, "scale", None):
            subs = q.subqueries
            if not subs:
                return NOTHING
            if len(subs) == 1:  # Whoosh uses the child's matcher alone, without the boost
                return self._eval(subs[0])
            parts = [self._eval(s) for s in subs]
            combined = union(parts) if kind is Q.Or else intersection(parts)
            return combined.boosted(q.boost)
        if kind is Q.AndMaybe:
            a = self._eval(q.a)
            if not len(a):
                return NOTHING
            b = self._eval(q.b)
            return Scored(a.ids, plus_where(a, b))
        if isinstance(q, NumberRange):
            words = q.among(*self._numbers(q.fieldname))
            parts = [self._term(q.fieldname, w, q.boost) for w in words if w]
            if not parts:
                return NOTHING
            return parts[0] if len(parts) == 1 else union(parts)
        return Scored.of(self._matcher_scores(q))

    def _numbers(self, field: str) -> tuple[list[float], list[bytes]]:
        return numbers(self.snapshot, self.searcher, field)

    def _postings_of(self, field: str, text, positions: bool = False, only_if_read: bool = False) -> Postings | None:
        schema = self.searcher.schema
        if field not in schema:
            return EMPTY
        try:
            btext = schema[field].to_bytes(text)
        except ValueError:
            return EMPTY
        memo = postings_memo(self.snapshot)
        key = (field, btext, positions)
        found = self._read.get(key) or memo.lookup(key)
        if found is None and only_if_read:
            return None
        if found is None:
            found = read_postings(self.searcher, field, btext, positions, self.deadline.expired)
            if not self.deadline.hit:
                memo.put(key, found)
        self._read[key] = found
        return found

    def _term(self, field: str, text, boost: float = 1.0) -> Scored:
        """bm25 of every posting, as Whoosh's BM25FScorer computes it, times the boost."""
        key = (field, text)
        if key not in self._terms:
            self._terms[key] = self._term_scores(field, text)
        return self._terms[key].boosted(boost)

    def _term_scores(self, field: str, text) -> Scored:
        # a phrase's words were read with their positions: score those rather than read again
        postings = self._postings_of(field, text, positions=True, only_if_read=True) or self._postings_of(field, text)
        if not len(postings):
            return NOTHING
        fieldobj = self.searcher.schema[field]
        if not fieldobj.scorable:
            return Scored(postings.ids, postings.weights)
        btext = fieldobj.to_bytes(text)
        idf = self.searcher.idf(field, btext)
        avgfl = self.searcher.avg_field_length(field) or 1
        fl = field_lengths(self.snapshot, self.searcher, field)[postings.ids]
        B, K1 = 0.75, 1.2
        w = postings.weights
        # the same operations, in the same order, as whoosh.scoring.bm25
        return Scored(postings.ids, idf * ((w * (K1 + 1)) / (w + K1 * ((1 - B) + B * fl / avgfl))))

    def _phrase_docs(self, q: Q.Phrase, allowed: Mask | None = None, first: bool = False) -> np.ndarray:
        """The documents where the phrase's words stand at consecutive positions."""
        if q.fieldname not in self.searcher.schema or not q.words:
            return NOTHING.ids
        lists = [self._postings_of(q.fieldname, w, positions=True) for w in q.words]
        if any(not len(p) for p in lists):
            return NOTHING.ids
        candidates = min((p.ids for p in lists), key=len)
        for p in lists:
            candidates = np.intersect1d(candidates, p.ids, assume_unique=True)
        if allowed is not None:
            candidates = candidates[allowed[candidates]]
        if not len(candidates):
            return candidates
        decode = self.searcher.schema[q.fieldname].format.decode_positions
        places = [np.searchsorted(p.ids, candidates).tolist() for p in lists]
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
        expired = self.deadline.expired
        for k, n in enumerate(candidates.tolist()):
            if k % 512 == 511 and expired():
                break
            printed = tuple(v[at[k]] for v, at in zip(values, places))
            ok = outcome.get(printed)
            if ok is None:
                ok = outcome[printed] = consecutive(printed)
            if ok:
                found.append(n)
                if first:
                    break
        return np.asarray(found, dtype=np.int64)

    def _phrase(self, q: Q.Phrase) -> Scored:
        docs = self._phrase_docs(q)
        if not len(docs):
            return NOTHING
        parts = [self._term(q.fieldname, w).at(docs) for w in q.words]
        return Scored(docs, tree_sum(parts)).boosted(q.boost)

    # -- Whoosh's matchers, for anything else ------------------------------------------------
    def _matcher_scores(self, q: Q.Query) -> dict[int, float]:
        out: dict[int, float] = {}
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

    def _matcher_exists(self, q: Q.Query, allowed: Mask | None) -> bool:
        for sub, offset in self.searcher.leaf_searchers():
            for seen, n in enumerate(q.matcher(sub, sub.boolean_context()).all_ids(), 1):
                if allowed is None or allowed[n + offset]:
                    return True
                if seen % CHECK_EVERY == 0 and self.deadline.expired():
                    return False
        return False
