"""Stage 5, execute: each distinct clause once, scored from whole postings as Whoosh would."""
from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer import lexicon
from indexer.deadline import Deadline
from indexer.execute import Executor
from indexer.expand import current_glossary, expand
from indexer.query import clause_query
import indexer.execute
from indexer.search import _snapshot_of, search
from indexer.syntax import parse_query


@pytest.fixture(scope="module")
def texts(reports):
    return [p.text for r in reports.values() for p in r.paragraphs if len(p.text) >= 8]


def clause_queries(snapshot, text):
    with lexicon.using(snapshot.segmenter):
        parsed, _added, _ignored = expand(parse_query(text), current_glossary(), lambda w: True)
        return [q for q in map(clause_query, parsed.clauses) if q is not None]


def same_scores(a, b):
    return a.keys() == b.keys() and all(math.isclose(a[n], b[n], rel_tol=1e-9, abs_tol=1e-12) for n in a)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_clauses_score_as_whoosh_matchers_score_them(searcher, texts, data):
    """Substrings of the reports (Chinese runs, figures, Latin words, several terms) and
    English words: the evaluator and Whoosh's matchers agree on documents and scores."""
    text = data.draw(st.sampled_from(texts))
    start = data.draw(st.integers(0, len(text) - 2))
    typed = text[start : start + data.draw(st.integers(2, 8))]
    typed += data.draw(st.sampled_from(["", " employment", " 3,641", " 勞工 OR 移工", " 16.2億"]))
    snapshot = _snapshot_of(searcher)
    fast = Executor(searcher, Deadline(60), snapshot)
    slow = Executor(searcher, Deadline(60))  # no snapshot: Whoosh's matchers
    assert fast.fast and not slow.fast
    with lexicon.using(snapshot.segmenter):
        for q in clause_queries(snapshot, typed):
            assert same_scores(fast._eval(q.child).as_dict(), slow._matcher_scores(q.child)), (typed, q)


def test_each_distinct_clause_runs_once_and_later_searches_reuse_it(searcher):
    snapshot = _snapshot_of(searcher)
    queries = clause_queries(snapshot, "勞資爭議 調解 勞資爭議")
    ex = Executor(searcher, Deadline(60), snapshot)
    for q in queries + queries:
        ex.scores(q)
    assert ex.runs == len(set(queries)) == 2
    again = Executor(searcher, Deadline(60), snapshot)
    assert again.scores(queries[0]) is ex.scores(queries[0]) and again.runs == 0


def test_a_clause_cut_short_by_the_deadline_is_not_remembered(searcher):
    snapshot = _snapshot_of(searcher)
    q = clause_queries(snapshot, "職業訓練")[0]
    late = Executor(searcher, Deadline(0), snapshot)
    assert len(late.scores(q)) == 0 and late.deadline.hit
    assert snapshot.clauses.lookup(q) is None
    assert len(Executor(searcher, Deadline(60), snapshot).scores(q)) > 0


def test_a_search_runs_its_clauses_once_however_many_levels_it_lists(searcher, monkeypatch):
    runs = []
    original = Executor._scored

    def counted(self, q):
        runs.append(q)
        return original(self, q)

    monkeypatch.setattr(Executor, "_scored", counted)
    result = search(searcher, "外勞 勞資爭議 件數 調解 宣導 職業訓練")
    assert result.total > 0
    assert len(runs) == len(set(runs))


def test_postings_cut_short_by_the_deadline_never_break_a_search(searcher, monkeypatch):
    """A phrase read with positions and a term read without them may stop at different
    places when time runs out; the search still answers, and says it timed out."""
    import indexer.postings

    calls = {"n": 0}
    real = indexer.postings.read_postings

    def slow(*args, **kwargs):
        calls["n"] += 1
        result = real(*args, **kwargs)
        if calls["n"] % 2 == 0:  # every other list comes back cut short
            half = len(result.ids) // 2
            result = indexer.postings.Postings(result.ids[:half], result.weights[:half],
                                               None if result.values is None else result.values[:half])
        return result

    monkeypatch.setattr(indexer.execute, "read_postings", slow)
    snapshot = _snapshot_of(searcher)
    snapshot.clauses.__init__(snapshot.clauses.size, snapshot.clauses.weigh)
    indexer.postings.postings_memo(snapshot).__init__(10, lambda p: len(p) + 1)
    result = search(searcher, "身心障礙者 職業訓練 就業服務")
    assert result.total > 0


def test_the_score_of_a_document_a_clause_does_not_match_is_zero():
    import numpy as np

    from indexer.scored import Scored

    assert Scored.of({1: 2.0, 5: 3.0}).at(np.array([1, 3, 5, 9])).tolist() == [2.0, 0.0, 3.0, 0.0]
    assert Scored.of({}).at(np.array([4])).tolist() == [0.0]
