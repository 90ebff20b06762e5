"""Stage 4, compile: clauses to Whoosh queries, by role. Pure."""
from __future__ import annotations

from whoosh import query as Q

from indexer.query import Saturated, clause_query, roles, sequence_query
from indexer.syntax import Clause, ParsedQuery, Term, parse_query


def test_each_clause_has_one_role():
    parsed = ParsedQuery((
        Clause((Term("勞資爭議"),)),
        Clause((Term("2021", year=110),)),
        Clause((Term("統計"),), optional=True),
        Clause((Term("仲裁"),), negated=True),
    ))
    r = roles(parsed, "勞資爭議 2021 統計 -仲裁")
    assert len(r.graded) == len(r.required) == len(r.soft) == len(r.negative) == 1
    assert not r.every and not r.nothing
    assert r.graded[0] == clause_query(parsed.clauses[0])


def test_a_clause_typed_twice_is_one():
    assert len(roles(parse_query("勞工 勞工"), "勞工 勞工").graded) == 1


def test_only_exclusions_list_every_other_paragraph_and_empty_lists_all():
    assert roles(parse_query("-勞工"), "-勞工").every
    assert roles(parse_query(""), "").every
    only_optional = ParsedQuery((Clause((Term("統計"),), optional=True),))
    assert roles(only_optional, "統計").graded  # with nothing else, a ranking word decides


def test_positive_clauses_saturate_and_exclusions_match_exactly():
    assert isinstance(clause_query(Clause((Term("勞工"),))), Saturated)
    assert not isinstance(clause_query(Clause((Term("勞工"),), negated=True)), Saturated)


def test_a_chinese_run_is_a_phrase_of_bigrams_never_scattered_characters():
    q = sequence_query(Term("勞資爭議"))
    phrases = [s for s in q.subqueries if isinstance(s, Q.Phrase)]
    assert phrases and all(p.words == ["劳资", "资争", "争议"] for p in phrases)
