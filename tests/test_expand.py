"""Stage 2, rewrite: glossary, aliases, wording, ranking-only words. Pure: a small glossary
and callbacks stand in for the shipped vocabulary and the index."""
from __future__ import annotations

from indexer.expand import expand, parse_glossary, publisher_domain, publisher_ranks_only, relax
from indexer.syntax import parse_query

GLOSSARY = parse_glossary(
    "labour dispute|labor dispute\t勞資爭議\nworkers\t勞工|員工\nstatistics\t統計\njob fair\t徵才活動\n",
    "外籍勞工|外勞|移工\n",
    "招聘会\t徵才活動\n",
)


def clause_texts(parsed):
    return [[t.text for t in c.alternatives] for c in parsed.clauses]


def test_an_english_phrase_becomes_its_chinese_terms_and_says_what_it_added():
    parsed, added, ignored = expand(parse_query("labor dispute"), GLOSSARY, lambda w: False)
    assert clause_texts(parsed) == [["labor dispute", "勞資爭議"]] and added == ["勞資爭議"] and ignored == []


def test_english_words_neither_in_the_glossary_nor_the_text_are_skipped_and_named():
    parsed, _added, ignored = expand(parse_query("job fair zzyzx"), GLOSSARY, lambda w: False)
    assert clause_texts(parsed) == [["job fair", "徵才活動"]] and ignored == ["zzyzx"]


def test_aliases_and_mainland_wording_are_alternatives():
    parsed, added, _ignored = expand(parse_query("外勞 招聘会"), GLOSSARY, lambda w: False)
    assert set(clause_texts(parsed)[0]) == {"外勞", "外籍勞工", "移工"}
    assert clause_texts(parsed)[1] == ["招聘会", "徵才活動"] and "徵才活動" in added


def test_words_asking_for_a_kind_of_content_only_rank():
    parsed, _added, _ignored = expand(parse_query("labour dispute statistics"), GLOSSARY, lambda w: False)
    assert [c.optional for c in parsed.clauses] == [False, True]


def test_words_naming_the_publishers_field_only_rank_and_come_from_its_name():
    domain = publisher_domain(("高雄市政府勞工局",))
    assert "劳工" in domain  # folded
    with_domain, _a, _i = expand(parse_query("workers job fair"), GLOSSARY, lambda w: False, domain)
    without, _a, _i = expand(parse_query("workers job fair"), GLOSSARY, lambda w: False)
    assert [c.optional for c in with_domain.clauses] == [True, False]
    assert [c.optional for c in without.clauses] == [False, False]


def test_the_publishers_own_name_ranks_only_beside_other_terms():
    parsed = publisher_ranks_only(parse_query("勞工局 志工"), frozenset({"劳工局"}))
    assert [c.optional for c in parsed.clauses] == [True, False]
    alone = publisher_ranks_only(parse_query("勞工局"), frozenset({"劳工局"}))
    assert [c.optional for c in alone.clauses] == [False]


def test_a_run_printed_nowhere_is_searched_as_the_parts_that_are():
    printed = {"雄愛", "輔導團"}
    parsed, relaxed = relax(parse_query("雄愛輔導團"), GLOSSARY,
                            lambda t: t.text in printed, lambda t: t.text in printed)
    assert relaxed == {"雄愛輔導團": ["雄愛", "輔導團"]}
    assert [texts for texts in clause_texts(parsed) if len(texts) == 1][:2] == [["雄愛"], ["輔導團"]]


def test_quoted_and_printed_runs_are_never_relaxed():
    everything = (lambda t: True)
    assert relax(parse_query("雄愛輔導團"), GLOSSARY, everything, everything)[1] == {}
    nothing = (lambda t: False)
    assert relax(parse_query('"雄愛輔導團"'), GLOSSARY, nothing, nothing)[1] == {}


def test_function_words_and_ranking_only_words_are_skipped_without_a_word():
    _parsed, _added, ignored = expand(parse_query("number of the labour disputes zzyzx"), GLOSSARY, lambda w: False)
    assert ignored == ["zzyzx"]
