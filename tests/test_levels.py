"""Stage 6, levels: every term first, then all but one, and so on, from clause sets."""
from __future__ import annotations

import numpy as np
from whoosh import query as Q

from indexer.scored import Scored
from indexer.levels import FILL, Levels
from indexer.query import Roles

A, B, C, YEAR, SOFT, NOT = (Q.Term("t", name) for name in ("a", "b", "c", "year", "soft", "not"))


class Sets:
    """An executor whose clause sets are given."""

    def __init__(self, sets):
        self.sets = sets

    def scores(self, q):
        return Scored.of(self.sets.get(q, {}))

    def docs(self, q):
        return self.scores(q).ids


class Generation:
    def __init__(self, count):
        self.live = np.ones(count, dtype=bool)
        self.order = np.arange(1, count + 1)


def rank(sets, roles, allowed=None, wanted=10, count=40):
    return Levels(Generation(count), Sets(sets), roles, allowed, wanted).rank()


def test_every_term_first_then_all_but_one_then_fewer_while_few():
    sets = {A: {1: 1.0, 2: 1.0, 3: 5.0}, B: {1: 1.0, 2: 2.0}, C: {1: 1.0, 4: 9.0}}
    r = rank(sets, Roles(graded=(A, B, C)))
    assert [n for n, _s in r.ranked] == [1, 2, 4, 3]  # 1 has all; 2 lacks one; 4 and 3 lack two
    assert r.complete == 1 and r.missing == 2 and r.total == 4


def test_with_enough_full_matches_only_all_but_one_follow():
    full = {n: 1.0 for n in range(FILL + 2)}
    sets = {A: {**full, 30: 1.0, 31: 1.0}, B: {**full, 30: 1.0}, C: dict(full)}
    r = rank(sets, Roles(graded=(A, B, C)), wanted=50)
    assert r.complete == FILL + 2 and r.listed[30] and not r.listed[31] and r.missing == 1


def test_scores_are_the_sums_of_the_clauses_matched_ties_in_document_order():
    sets = {A: {5: 1.0, 6: 1.0, 7: 1.0}, B: {5: 1.0, 6: 1.0, 7: 1.0}, SOFT: {6: 0.5}}
    r = rank(sets, Roles(graded=(A, B), soft=(SOFT,)))
    assert r.ranked == [(6, 2.5), (5, 2.0), (7, 2.0)]


def test_required_clauses_and_filters_bound_every_level_and_exclusions_remove():
    sets = {A: {1: 1.0, 2: 1.0, 3: 1.0}, B: {1: 1.0}, YEAR: {1: 0.1, 2: 0.1, 3: 0.1}, NOT: {3: 0.0}}
    allowed = np.zeros(40, dtype=bool)
    allowed[[1, 2, 3, 9]] = True
    r = rank(sets, Roles(required=(YEAR,), graded=(A, B), negative=(NOT,)), allowed=allowed)
    assert [n for n, _s in r.ranked] == [1, 2] and r.complete == 1


def test_only_exclusions_list_every_other_document_in_order():
    r = rank({NOT: {0: 0.0}}, Roles(negative=(NOT,), every=True), wanted=3, count=5)
    assert r.ranked == [(1, 0.0), (2, 0.0), (3, 0.0)] and r.total == 4


def test_then_all_lists_further_documents_after_those_listed():
    sets = {A: {1: 1.0}, B: {2: 1.0, 3: 1.0}, C: {1: 1.0, 2: 3.0, 3: 1.0}}
    levels = Levels(Generation(10), Sets(sets), Roles(graded=(A,)), None, 10)
    levels.rank()
    assert levels.then_all([B, C]) == 2
    assert [n for n, _s in levels.ranking.ranked] == [1, 2, 3]
