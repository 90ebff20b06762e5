"""Stage 1, syntax: what a user typed, as clauses. Pure; never raises."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from indexer.syntax import (MAX_CLAUSES, Clause, ParsedQuery, Term, mark_years, parse_query, truncate, without_term,
                            year_terms)


def texts(parsed):
    return [[t.text for t in c.alternatives] for c in parsed.clauses]


def test_terms_are_anded_or_joins_alternatives_and_minus_excludes():
    parsed = parse_query("勞資爭議 調解 OR 調處 -仲裁")
    assert texts(parsed) == [["勞資爭議"], ["調解", "調處"], ["仲裁"]]
    assert [c.negated for c in parsed.clauses] == [False, False, True]


def test_quotes_make_an_exact_term_and_unbalanced_quotes_are_text():
    assert parse_query('「勞工教育」 "工輔導團"').clauses == (
        Clause((Term("勞工教育", exact=True),)), Clause((Term("工輔導團", exact=True),)))
    assert texts(parse_query('"勞工')) == [["勞工"]]


def test_not_negates_the_next_term():
    parsed = parse_query("職業訓練 NOT 失業")
    assert texts(parsed) == [["職業訓練"], ["失業"]] and parsed.clauses[1].negated


def test_a_query_longer_than_the_plan_keeps_its_first_clauses_and_names_the_rest():
    words = [f"詞{i}" for i in range(MAX_CLAUSES + 5)]
    kept, dropped = truncate(parse_query(" ".join(words)))
    assert len(kept.clauses) == MAX_CLAUSES and dropped == words[MAX_CLAUSES:]
    short = parse_query("勞工 教育")
    assert truncate(short) == (short, [])


def test_years_are_marked_only_when_a_report_covers_them():
    marked = mark_years(parse_query("2021 2019 110年 勞工"), {2021: 110, 2015: 104})
    assert [t.year for t in marked.positive] == [110, None, 110, None]


@given(st.text(max_size=60))
def test_parsing_never_raises_and_keeps_something_of_any_non_blank_input(text):
    parsed = parse_query(text)
    assert isinstance(parsed, ParsedQuery)
    assert bool(parsed.clauses) == bool(text.strip()) or not any(ch.isalnum() for ch in text)


WORDS = st.text(alphabet="勞資爭議就業abcXYZ", min_size=1, max_size=6)


@given(st.lists(WORDS, max_size=4), st.lists(WORDS, max_size=4), st.sampled_from(["2021", "110年", "２０２１"]))
def test_taking_a_standalone_term_out_leaves_the_rest_of_the_query(before, after, year):
    query = " ".join([*before, year, *after])
    assert without_term(query, year) == " ".join([*before, *after])


def test_a_year_glued_to_other_words_is_not_taken_out():
    assert without_term("勞資爭議2021", "2021") == "勞資爭議2021"
    assert without_term("12021 2021", "2021") == "12021"
    assert without_term("2021 OR 2015 就業", "2021") == "2015 就業"


def test_year_terms_are_the_clauses_made_only_of_years():
    parsed = mark_years(parse_query("labour 2021 -2015 就業"), {2015: 104, 2021: 110})
    assert [(t.text, t.year) for t in year_terms(parsed)] == [("2021", 110)]
