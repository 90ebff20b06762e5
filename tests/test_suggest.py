"""Did you mean: slips of typing, not other words."""
from __future__ import annotations

from indexer.fold import fold_text
from indexer.search import search
from indexer.suggest import Vocabulary, closest, uncovered_year

VOCAB = Vocabulary(
    chinese={fold_text(w): f for w, f in {"勞資爭議": 30, "基本資料": 40, "勞工大學": 5, "就業服務": 50}.items()},
    english={"employment": 0, "mediation": 3},
)


def test_one_character_replaced_in_a_chinese_term_is_corrected():
    assert closest("勞資爭儀", VOCAB) == fold_text("勞資爭議")


def test_a_different_word_is_never_proposed():
    assert closest("基本工資", VOCAB) is None  # not 基本資料: two characters differ
    assert closest("勞資", VOCAB) is None  # two characters are too short to guess


def test_english_slips_and_figures():
    assert closest("employement", VOCAB) == "employment"
    assert closest("mediaton", VOCAB) == "mediation"
    assert closest("2719", VOCAB) is None and closest("3,641", VOCAB) is None


def test_a_year_no_report_covers_is_recognised():
    years = {2015: 104, 2021: 110}
    assert uncovered_year("2019", years) and uncovered_year("108年", years)
    assert not uncovered_year("2021", years) and not uncovered_year("110年", years)
    assert not uncovered_year("3641", years) and not uncovered_year("勞工", years)


def test_a_search_for_an_uncovered_year_says_which_years_are_covered(searcher):
    result = search(searcher, "2019")
    assert result.total == 0 and result.suggestion is None
    assert any("2015" in note and "2021" in note for note in result.notes)


def test_a_search_with_a_slip_offers_the_printed_word(searcher):
    result = search(searcher, "employement")
    assert result.suggestion == "employment"


def test_when_nothing_matches_the_closest_printed_words_are_listed(searcher):
    result = search(searcher, "trxxxing")  # three letters off: no slip, but training is close
    assert result.total == 0 and result.suggestion is None
    assert "training" in result.nearby and len(result.nearby) <= 5
    assert search(searcher, "xqzvw").nearby == []  # nothing close: nothing listed
    assert search(searcher, "勞資爭議").nearby == []  # only when nothing matched


def test_example_searches_find_something(searcher):
    from indexer.expand import current_glossary
    from indexer.search import _snapshot_of
    from indexer.suggest import example_searches

    found = example_searches(_snapshot_of(searcher), current_glossary())
    assert found["chinese"] and found["english"]
    for example in found["chinese"] + found["english"]:
        assert search(searcher, example, limit=1).complete > 0, example
