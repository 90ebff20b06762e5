"""Search finds what Chinese and English readers type.

Property tests: any substring of any paragraph, quoted, returns exactly the paragraphs that
contain it (after folding), and so does its Simplified form. Table-driven tests cover
aliases, English, figures, query syntax, fallbacks and snippets.
"""
from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from opencc import OpenCC

from indexer.analysis import number_value, rounded_ranges
from indexer.expand import printed_stretches, publisher_terms
from indexer.fold import fold_text
from indexer.query import parse_query
from indexer.search import FILL, MAX_LIMIT, search

from expect import about, containing, led, paragraphs

T2S = OpenCC("t2s")
QUOTE_CHARS = set('"「」“”『』')


all_paragraphs = paragraphs


def found(searcher, query, **kw):
    """The result and the paragraphs that match (not those listed as neighbours of a match)."""
    result = search(searcher, query, limit=MAX_LIMIT, **kw)
    return result, {h.id for h in result.hits if h.matched != "context"}


def all_words_somewhere(reports, words):
    """Some paragraph contains every one of ``words``."""
    return any(all(w in p.text for w in words) for p in all_paragraphs(reports))


@st.composite
def substrings(draw, paragraphs):
    p = draw(st.sampled_from(paragraphs))
    start = draw(st.integers(0, max(0, len(p.text) - 1)))
    length = draw(st.integers(1, 24))
    return p.text[start : start + length]


@pytest.fixture(scope="module")
def paragraphs(reports):
    return all_paragraphs(reports)


def test_every_substring_quoted_is_found_exactly(searcher, reports, paragraphs):
    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(substrings(paragraphs))
    def check(sub):
        sub = sub.strip()
        if not sub or QUOTE_CHARS & set(sub):
            return
        expected = containing(reports, sub)
        result, ids = found(searcher, f'"{sub}"')
        assert result.total == len(expected)
        if len(expected) <= MAX_LIMIT:
            assert ids == expected
        simplified = T2S.convert(sub)
        result_s, ids_s = found(searcher, f'"{simplified}"')
        assert result_s.total == result.total and ids_s == ids

    check()


@pytest.mark.parametrize(
    "query, must_find",
    [
        ("劳资争议", "勞資爭議"),  # Simplified finds Traditional
        ("工輔導團", "工輔導團"),  # a fragment crossing word boundaries
        ("雄愛勞工輔導團", "雄愛勞工輔導團"),
    ],
)
def test_folding_and_fragments(searcher, reports, query, must_find):
    _result, ids = found(searcher, query)
    assert containing(reports, must_find) <= ids <= about(reports, must_find)
    assert containing(reports, must_find)


@pytest.mark.parametrize("query, word", [("ＡＰＰ", "APP"), ("line", "Line"), ("erp", "ERP"), ("r7", "R7")])
def test_latin_words_match_whole_words_across_width_and_case(searcher, reports, query, word):
    _result, ids = found(searcher, query)
    whole = re.compile(rf"(?<![a-z]){word.lower()}(?![a-z])")
    expected = {p.id for p in all_paragraphs(reports) if whole.search(unicodedata.normalize("NFKC", p.text).lower())}
    assert ids == expected != set()


@pytest.mark.parametrize("query", ["3997", "3,997"])
def test_figures_as_printed_or_plain(searcher, reports, query):
    _result, ids = found(searcher, query)
    assert containing(reports, "3,997") <= ids


@pytest.mark.parametrize("query", ["45000", "45,000", "4萬5千"])
def test_figures_with_thousands_as_a_unit(searcher, reports, query):
    result, ids = found(searcher, query)
    assert containing(reports, "4萬5千") <= ids
    assert "<mark>4萬5千</mark>" in result.hits[0].snippet


@pytest.mark.parametrize("query", ["一百七十四戶", "174戶"])
def test_numerals_in_words_match_figures(searcher, reports, query):
    """一百七十四戶 is 174戶, printed in digits; the page marks the figure."""
    result, ids = found(searcher, query)
    assert containing(reports, "174戶") <= ids
    assert "<mark>174戶</mark>" in result.hits[0].snippet


def test_numerals_in_words_are_read_only_with_a_unit():
    from indexer.numerals import numeral_value, numerals_as_digits
    assert numeral_value("一百七十四") == 174 and numeral_value("三萬零八十") == 30080
    assert numeral_value("十六億二千四百五十三萬") == 1624530000 and numeral_value("兩千") == 2000
    assert numerals_as_digits("五一勞動節") is None and numerals_as_digits("萬一") is None


def test_a_figure_inside_a_longer_term_is_marked_by_value(searcher):
    result = search(searcher, "30080個工作機會")
    assert "<mark>3萬80</mark>" in result.hits[0].snippet


@pytest.mark.parametrize("query", ["15518", "15,518", "1萬5,518"])
def test_figures_with_chinese_units(searcher, reports, query):
    result, ids = found(searcher, query)
    assert containing(reports, "1萬5,518") <= ids
    top = next(h for h in result.hits if h.id in containing(reports, "1萬5,518"))
    assert "<mark>1萬5,518</mark>" in top.snippet


def test_a_large_figure_is_one_number(searcher, reports):
    # 16億2,453萬1,666元 as plain digits
    _result, ids = found(searcher, "1624531666")
    assert ids == containing(reports, "16億2,453萬1,666")


def test_a_rounded_figure_finds_the_amounts_it_stands_for(searcher, reports):
    """Every amount printed with 萬 or 億 is found, and marked, by its value rounded to
    one decimal in that unit (16億2,453萬 -> 16.2億; 2萬2,549 -> 2.3萬), after any exact
    figures."""
    printed = re.compile(r"\d+(?:,\d{3})*億(?:\d+(?:,\d{3})*萬)?(?:\d+(?:,\d{3})*千?)?|\d+萬(?:\d+(?:,\d{3})*千?)?")
    checked = 0
    for paragraph in all_paragraphs(reports)[::7]:
        for amount in printed.findall(paragraph.text):
            value = float(number_value(fold_text(amount.replace(",", ""))))
            unit, size = ("億", 1e8) if value >= 1e8 else ("萬", 1e4)
            query = f"{value / size:.1f}{unit}"
            if float(query[:-1]) * size == value:
                continue  # a round amount is an exact figure, tested elsewhere
            result = search(searcher, query, limit=MAX_LIMIT)
            hit = next((h for h in result.hits if h.id == paragraph.id), None)
            assert hit is not None, (query, amount)
            assert "<mark>" in hit.snippet or hit.kind == "table", (query, hit.snippet)
            checked += 1
    assert checked >= 5


def test_a_rounded_figure_stands_for_its_rounding_or_truncation_only():
    (lo, hi), = rounded_ranges(fold_text("16.2億"))
    assert lo <= 1624531666 < hi and lo <= 1629990000 < hi
    assert not lo <= 1610000000 < hi and not lo <= 1630000000 < hi
    (lo, hi), = rounded_ranges(fold_text("257萬"))
    assert lo <= 2573479 < hi and not lo <= 2580000 < hi and not lo <= 2560000 < hi
    (lo, hi), = rounded_ranges("22,000")
    assert lo <= 22191 < hi and lo <= 22225 < hi and not lo <= 23000 < hi
    # figures that name themselves: no zeros to round, or one significant digit
    assert rounded_ranges("6847") == rounded_ranges("162") == rounded_ranges("100") == []
    assert rounded_ranges(fold_text("30萬")) == rounded_ranges("3.5") == rounded_ranges("1000") == []


def test_aliases_the_reports_use_interchangeably(searcher, reports):
    result, ids = found(searcher, "外勞")
    assert containing(reports, "外籍勞工") | containing(reports, "移工") <= ids
    assert {"外籍勞工", "移工"} <= set(result.expansions)


@pytest.mark.parametrize(
    "query, chinese",
    [
        ("sheltered workshop", "庇護工場"),
        ("labour dispute", "勞資爭議"),
        ("migrant workers", "移工"),
        ("occupational accident", "職業災害"),
    ],
)
def test_english_queries_find_chinese_text(searcher, reports, query, chinese):
    result, ids = found(searcher, query)
    assert chinese in result.expansions
    assert containing(reports, chinese) <= ids


def test_unknown_english_words_do_not_veto_the_glossary(searcher):
    result, ids = found(searcher, "occupational accident deaths in kaohsiung")
    assert ids and "kaohsiung" not in " ".join(result.expansions)
    top = result.hits[0].text
    assert "職業災害" in top or "職災" in top


@pytest.mark.parametrize("typed, meant", [("occupational accidents?", "occupational accidents"),
                                          ("勞資爭議，調解", "勞資爭議 調解"), ("職災；死亡。", "職災 死亡"),
                                          ("museum: visitors", "museum visitors")])
def test_sentence_punctuation_separates_terms(searcher, typed, meant):
    """A question mark glued to the last English word must not hide it from the glossary."""
    a, b = search(searcher, typed, limit=MAX_LIMIT), search(searcher, meant, limit=MAX_LIMIT)
    assert [h.id for h in a.hits] == [h.id for h in b.hits] and a.total > 0 and a.expansions == b.expansions


@pytest.mark.parametrize("query", ["3,997", "3.5", "16.2億"])
def test_commas_and_points_inside_figures_stay(query):
    assert [t.text for c in parse_query(query).clauses for t in c.alternatives] == [query]


@pytest.mark.parametrize("glued, parts", [("Facebook粉絲團", ["Facebook", "粉絲團"]), ("勞工APP", ["勞工", "APP"]),
                                          ("COVID-19職業訓練", ["COVID-19", "職業訓練"]), ("3D列印", ["3D列印"]),
                                          ("E化", ["E化"])])
def test_a_latin_word_glued_to_chinese_is_cut_where_the_script_changes(glued, parts):
    """Single letters stay glued (E化, 3D列印 are words of their own)."""
    clauses = parse_query(glued).clauses
    assert [c.alternatives[0].text for c in clauses if not c.optional] == parts
    assert [c.alternatives[0].text for c in clauses if c.optional] == ([glued] if len(parts) > 1 else [])


def test_a_glued_query_finds_what_the_spaced_one_finds(searcher, reports):
    """The text says "Facebook 粉絲團" and 粉絲專頁; typed without the space, the query finds
    the same paragraphs, those printing it glued first."""
    glued = search(searcher, "Facebook粉絲團", limit=MAX_LIMIT)
    spaced = search(searcher, "Facebook 粉絲團", limit=MAX_LIMIT)
    assert {h.id for h in glued.hits} == {h.id for h in spaced.hits} and glued.complete == spaced.complete


def test_english_terms_joined_by_and_ask_for_either(searcher):
    """"training and employment services" asks about both topics, not only paragraphs
    naming the two together: the terms joined by and/or are alternatives."""
    def complete(q):
        r = search(searcher, q, limit=MAX_LIMIT)
        return {h.id for h in r.hits[: r.complete]}
    either = complete("mediation and volunteers")
    assert either == complete("mediation") | complete("volunteers") and complete("mediation") - complete("volunteers")


@pytest.mark.parametrize(("query", "same_as"), [('"unbalanced 勞工', "unbalanced 勞工"), ("(勞工", "勞工"), ("勞工)", "勞工"),
                                               ("勞工 OR", "勞工"), ("OR 勞工", "勞工"), ("「勞工", "勞工")])
def test_invalid_syntax_around_terms_is_dropped(searcher, query, same_as):
    assert [h.id for h in search(searcher, query, limit=MAX_LIMIT).hits] == \
        [h.id for h in search(searcher, same_as, limit=MAX_LIMIT).hits]


@pytest.mark.parametrize("query", ["OR", "NOT", "*", "AND OR NOT", '""'])
def test_a_query_of_operators_alone_is_searched_as_text(searcher, reports, query):
    """Only operators: searched as the string typed, so they find what prints it (if any)."""
    result = search(searcher, query, limit=MAX_LIMIT)
    assert {h.id for h in result.hits} == containing(reports, query)


def test_operators(searcher, reports):
    accident = about(reports, "職災") | about(reports, "職業災害")  # aliases
    museum = about(reports, "勞博館") | about(reports, "勞工博物館")
    result, _ = found(searcher, "職災 死亡")
    both = {h.id for h in result.hits[: result.complete]}
    assert both == accident & about(reports, "死亡")
    _r, either = found(searcher, "職災 OR 勞博館")
    _r, without = found(searcher, "職災 -死亡")
    assert either == accident | museum
    assert without == accident - containing(reports, "死亡")
    _r, negated = found(searcher, "職災 NOT 死亡")
    assert negated == without


def test_paragraphs_with_all_terms_come_first_then_all_but_one(searcher, reports):
    result = search(searcher, "職災 死亡 慰問金", limit=MAX_LIMIT)
    every = about(reports, "職災") | about(reports, "職業災害")
    every &= about(reports, "死亡") & about(reports, "慰問金")
    assert 0 < result.complete < result.total and not result.partial
    assert {h.id for h in result.hits[: result.complete]} == every
    rest = result.hits[result.complete :]
    assert rest and all(h.id not in every for h in rest)
    assert any("all but one" in note for note in result.notes)


def test_year_filter_combines_with_any_query(searcher, reports):
    result, ids = found(searcher, "sheltered workshop", year=2021)
    assert ids and all(i.startswith(reports[110].id) for i in ids)


def test_no_match_for_all_terms_falls_back_to_partial_matches(searcher):
    result = search(searcher, "勞博館 腳踏車")
    assert result.partial and result.total > 0 and result.notes


def test_when_no_paragraph_has_every_term_more_terms_rank_first_and_none_repeats(searcher):
    query = "勞博館 腳踏車 摩天輪 移工"
    result = search(searcher, query, limit=100)
    ids = [h.id for h in result.hits]
    assert result.partial and len(ids) == len(set(ids)) == result.total
    terms = [["勞博館", "勞工博物館"], ["腳踏車"], ["摩天輪"], ["移工", "外籍勞工", "外勞"]]

    def count(hit):
        where = hit.text + "".join(hit.section)
        return sum(any(t in where for t in alternatives) for alternatives in terms)

    counts = [count(h) for h in result.hits]
    assert counts == sorted(counts, reverse=True) and counts[0] == 2 and counts[-1] == 1


def test_a_figure_with_words_needs_the_words_too(searcher):
    """職災死亡28人: the 28 deaths, not every paragraph that has a 28 in it."""
    result, ids = found(searcher, "職災死亡28人")
    matched = [h for h in result.hits if h.id in ids]
    assert matched and all("死亡" in h.text and "28" in h.text for h in matched)


def test_few_full_matches_are_followed_by_paragraphs_with_fewer_terms(searcher):
    """Two paragraphs have 志工, 招募 and 訓練: a page of ten goes on to those lacking one
    term, then two, and says so."""
    result = search(searcher, "志工 招募 訓練", limit=100)
    assert 0 < result.complete < FILL and result.missing == 2
    assert any("only some" in note for note in result.notes)
    # where a term counts: the text, the numbered items it sits under, headings below chapter
    lacking = [sum(term not in h.text + "".join(h.lead + h.section[1:]) for term in ("志工", "招募", "訓練"))
               for h in result.hits]
    assert lacking[: result.complete] == [0] * result.complete
    assert lacking == sorted(lacking) and max(lacking) == 2


@pytest.mark.parametrize("query, year, rest", [("2021 job fair", 2021, "job fair"),
                                                ("110年度 徵才活動", 110, "徵才活動"),
                                                ("勞資爭議 民國104年", 104, "勞資爭議")])
def test_a_year_in_the_query_works_like_the_year_filter(searcher, query, year, rest):
    _result, typed = found(searcher, query)
    _result, filtered = found(searcher, rest, year=year)
    assert typed and typed == filtered


def test_only_report_years_and_roc_years_with_nian_are_years():
    from indexer.query import mark_years

    years = {2015: 104, 2021: 110}
    marked = mark_years(parse_query('2021 110 110年 2019 "2015" 1999年'), years)
    assert [t.year for t in marked.positive] == [110, None, 110, None, None, None]


def test_words_asking_for_figures_rank_but_do_not_decide_a_match(searcher):
    """"statistics" wants the deaths stated, whether or not the paragraph says 統計."""
    plain = search(searcher, "occupational accident deaths", limit=100)
    asked = search(searcher, "occupational accident death statistics", limit=100)
    assert (asked.total, asked.complete, asked.missing, asked.context) == (plain.total, plain.complete,
                                                                         plain.missing, plain.context)
    assert {h.id for h in asked.hits[: asked.complete]} == {h.id for h in plain.hits[: plain.complete]}
    alone, ids = found(searcher, "statistics")
    assert ids and all("統計" in h.text + "".join(h.section + h.lead) for h in alone.hits if h.id in ids)


@pytest.mark.parametrize("word", ["件數", "案件数", "統計"])
def test_chinese_words_asking_for_figures_rank_but_do_not_decide_a_match(searcher, word):
    """劳资争议 件數 wants the disputes counted (2,318件), whether or not the text says 件數."""
    plain = search(searcher, "勞資爭議", limit=100)
    asked = search(searcher, f"勞資爭議 {word}", limit=100)
    assert (asked.total, asked.complete) == (plain.total, plain.complete)
    assert {h.id for h in asked.hits[: asked.complete]} == {h.id for h in plain.hits[: plain.complete]}
    alone, ids = found(searcher, word)
    assert ids, "typed alone, the word is searched as usual"


@pytest.mark.parametrize("topic, word", [("疫情", "影響"), ("勞資爭議", "案件數"), ("銷售", "金額")])
def test_a_run_ending_in_such_a_word_is_searched_as_if_typed_apart(searcher, reports, topic, word):
    """新冠疫情影响 wants the pandemic's paragraphs, not only the few that print 疫情影響;
    those that do rank first."""
    apart = search(searcher, f"{topic} {word}", limit=MAX_LIMIT)
    joined = search(searcher, topic + word, limit=MAX_LIMIT)
    assert (joined.total, joined.complete) == (apart.total, apart.complete)
    assert {h.id for h in joined.hits} == {h.id for h in apart.hits}
    printed = containing(reports, topic + word)
    assert {h.id for h in joined.hits[: len(printed)]} == printed


def test_the_publisher_is_named_by_its_words_and_its_city():
    terms = publisher_terms(("高雄市政府勞工局",))
    assert {fold_text(t) for t in ("高雄", "高雄市", "勞工局", "高雄市政府", "高雄市政府勞工局")} <= terms
    assert fold_text("勞工") not in terms and fold_text("工局") not in terms


@pytest.mark.parametrize("publisher", ["勞工局", "高雄市", "labor bureau", "Kaohsiung"])
def test_naming_the_publisher_ranks_but_does_not_decide_a_match(searcher, reports, publisher):
    """Every paragraph is the Labor Bureau's: "labor bureau volunteers" wants the volunteers,
    whether or not 勞工局 is printed beside them. Typed alone, it is searched as usual."""
    plain = search(searcher, "志工", limit=MAX_LIMIT)
    named = search(searcher, f"{publisher} 志工", limit=MAX_LIMIT)
    assert (named.total, named.complete) == (plain.total, plain.complete)
    assert {h.id for h in named.hits} == {h.id for h in plain.hits}
    alone = search(searcher, "勞工局", limit=MAX_LIMIT)
    assert alone.complete == alone.total and {h.id for h in alone.hits} >= containing(reports, "勞工局")


def test_few_matches_are_followed_by_their_section_neighbours_marked_as_context(searcher):
    """22549 is printed once; the paragraphs around it in its section follow, nearest first."""
    result = search(searcher, "22549", limit=100)
    matches = [h for h in result.hits if h.matched != "context"]
    near = result.hits[len(matches):]
    assert len(matches) == 1 and result.context == len(near) == min(FILL - 1, result.total - 1) > 0
    assert all(h.matched == "context" for h in near)
    leaf = matches[0].id.rsplit("-", 1)[0]
    assert all(h.id.rsplit("-", 1)[0] == leaf and "22549" not in h.text.replace(",", "") for h in near)
    assert near[0].id in {f"{leaf}-{int(matches[0].id.rsplit('-', 1)[1]) + d}" for d in (-1, 1)}
    assert sum(v["count"] for v in result.facets["year"]) == result.total - result.context  # the matches


def test_quoted_and_excluded_terms_keep_neighbours_out(searcher):
    assert search(searcher, '"22549"').context == 0
    result = search(searcher, "22549 -檢查", limit=100)
    assert all("檢查" not in h.text for h in result.hits)


def test_excluding_the_only_match_leaves_nothing(searcher):
    """Whoosh's AndNot, with results grouped by facets, let the single excluded match through."""
    assert search(searcher, "22549").complete == 1
    result = search(searcher, "22549 -檢查")
    assert result.total == 0 and result.hits == []


def test_workers_in_an_english_query_only_ranks(searcher):
    """Every paragraph of a labour report is about workers: "pandemic relief for workers"
    is about 紓困, whether or not the paragraph says 勞工."""
    with_workers = search(searcher, "pandemic relief for workers", limit=100)
    without = search(searcher, "pandemic relief", limit=100)
    assert with_workers.complete == without.complete > 0
    assert {h.id for h in with_workers.hits} == {h.id for h in without.hits}


def test_zero_results_suggest_a_correction(searcher):
    result = search(searcher, "勞工大學 勞資爭儀")
    assert result.suggestion == "勞工大學 勞資爭議"


def test_a_term_found_nowhere_is_searched_as_its_words_and_the_page_says_so(searcher):
    """石化業 is never printed (the reports say 石化廠, 石化產業): search 石化 instead."""
    result = search(searcher, "石化業 職業安全衛生")
    assert result.complete > 0 and result.relaxed == {"石化業": ["石化"]}
    assert all("石化" in h.text for h in result.hits[: result.complete])
    assert any("石化業" in note and "石化" in note for note in result.notes)


def test_a_run_typed_as_one_is_cut_at_glossary_terms_and_words(searcher):
    """劳动争议调解 (mainland wording of 勞資爭議調處, 勞資爭議調解) stays whole; 成功率,
    printed nowhere, is dropped."""
    result = search(searcher, "劳动争议调解成功率")
    parts = result.relaxed["劳动争议调解成功率"]
    assert parts and parts[0].startswith("劳动争议") and not any("成功率" in p for p in parts)
    assert any("勞資爭議" in term for term in result.expansions) and result.complete > 0
    for hit in result.hits[: result.complete]:
        assert "調解" in hit.text + "".join(hit.section) or "調處" in "".join(hit.section)


def test_a_run_whose_words_only_occur_apart_is_relaxed_too(searcher, reports):
    """訪視勞工宿舍: 訪視 and 勞工宿舍 stand in one paragraph (勞工宿舍訪視), but the run
    is printed nowhere as typed; it is searched as its parts, and the page says so."""
    run = "訪視勞工宿舍"
    assert not containing(reports, run) and all_words_somewhere(reports, ["訪視", "勞工", "宿舍"])
    result = search(searcher, run, limit=10)
    assert result.relaxed.get(run) == ["訪視", "勞工宿舍"] and result.complete > 0
    assert all("宿舍" in h.text for h in result.hits[: result.complete])


def test_a_half_remembered_name_is_cut_into_stretches_the_reports_print(searcher, reports):
    """雄愛輔導團 (for 「雄愛勞工輔導團」) is printed nowhere; jieba would leave 雄 and 愛 as
    single characters and search 輔導 alone. Cut into 雄愛 + 輔導團, both printed, it finds
    the name."""
    run = "雄愛輔導團"
    assert not containing(reports, run)
    result = search(searcher, run)
    parts = result.relaxed[run]
    assert "".join(parts) == run and all(containing(reports, part) for part in parts)
    assert result.complete > 0 and all("雄愛勞工輔導團" in h.text for h in result.hits[: result.complete])


@given(st.lists(st.text(alphabet="甲乙丙丁戊己", min_size=1, max_size=4), min_size=1, max_size=5),
       st.text(alphabet="甲乙丙丁戊己", max_size=8))
def test_stretches_are_printed_and_in_order_and_a_printed_run_stays_whole(printed_words, text):
    """Each stretch is printed and at least two characters; they follow one another in
    the run; a run printed as it is comes back as itself."""
    printed = {w for w in printed_words if len(w) >= 2}
    for run in (text, *printed):
        pieces, at = printed_stretches(run, printed.__contains__), 0
        for piece in pieces:
            assert piece in printed and len(piece) >= 2
            at = run.index(piece, at) + len(piece)
        if run in printed:
            assert pieces == [run]


def test_a_run_holding_several_mainland_terms_is_searched_in_the_reports_wording(searcher):
    """失业人员再就业培训 holds 失业人员 (失業者) and 再就业培训 (職業訓練): 失業者職業訓練 is
    printed, so it is found as a sequence, every part in the reports' wording."""
    result = search(searcher, "失业人员再就业培训", limit=10)
    assert not result.relaxed and result.complete > 0
    assert all("失業者職業訓練" in h.text + "".join(h.section) for h in result.hits[: min(5, result.complete)])


def test_a_run_printed_only_outside_the_year_asked_for_is_relaxed_within_it(searcher, reports):
    """線上服務 is printed in 104 only; asked for 110 it is searched as 線上 and 服務 there,
    not answered with nothing."""
    run = "線上服務"
    assert containing(reports, run, year=104) and not containing(reports, run, year=110)
    result = search(searcher, run, year=110)
    assert result.relaxed == {run: ["線上", "服務"]} and result.complete > 0
    assert all(h.year == 110 for h in result.hits)
    assert any("paragraphs searched" in note for note in result.notes)
    assert search(searcher, run, year=104).relaxed == {}


def test_or_ed_terms_are_never_relaxed(searcher):
    result = search(searcher, "石化業 OR 勞博館")
    assert not result.relaxed and result.total == search(searcher, "勞博館").total


def test_the_parts_of_a_mainland_run_written_together_rank_first(searcher):
    """残疾人职业培训 (one run, mainland wording): 身心障礙者職業訓練 classes come first,
    not every paragraph that names disability and training somewhere."""
    result = search(searcher, "残疾人职业培训")
    assert result.hits
    assert all("職業訓練" in h.section[-1] or "職訓" in h.section[-1] for h in result.hits[:5])


def test_quoted_and_known_terms_are_never_relaxed(searcher):
    assert search(searcher, '"石化業"').total == 0
    result = search(searcher, "勞資爭議")
    assert result.complete == result.total and not any("instead" in n for n in result.notes)


def test_snippets_mark_the_original_characters(searcher):
    result = search(searcher, "劳资争议", limit=1)
    assert "<mark>勞資爭議</mark>" in result.hits[0].snippet


def test_table_snippets_show_matching_cells_with_their_row_and_column(searcher):
    result = search(searcher, '"Happy志工隊"')
    table = next(h for h in result.hits if h.kind == "table")
    assert table.snippet == "人數 · <mark>Happy志工隊</mark> · 38"  # row · column · figure


def test_snippets_escape_html(searcher):
    result = search(searcher, "<script> 勞工")
    assert result.hits
    for hit in result.hits:
        assert "<script>" not in hit.snippet


def test_snippet_of_a_text_with_markup_escapes_it():
    from indexer.snippets import snippet

    out = str(snippet("辦理<script>alert(1)</script>勞工教育", ["勞工"], "prose"))
    assert "<script>" not in out and "&lt;script&gt;" in out and "<mark>勞工</mark>" in out


def test_possessives_are_looked_up_without_the_apostrophe(searcher):
    for query in ("women's rights", "women’s rights", "workers' rights"):
        plain = search(searcher, query.replace("'s", "").replace("’s", "").replace("'", ""))
        assert search(searcher, query).expansions == plain.expansions != []


def test_an_unknown_hyphenated_word_is_looked_up_in_parts(searcher):
    assert "女性" in search(searcher, "female-dominated").expansions
    assert "COVID-19" in search(searcher, "covid-19").expansions  # printed whole: kept whole


def test_glossary_phrases_may_start_with_a_digit(searcher):
    assert "3D列印" in search(searcher, "3D printing").expansions


def test_users_can_extend_the_glossary(searcher, tmp_path, monkeypatch):
    assert search(searcher, "barista").expansions == []
    extra = tmp_path / "my-glossary.tsv"
    extra.write_text("# mine\nbarista|coffee course\t咖啡\n", encoding="utf-8")
    monkeypatch.setenv("REPORTSEARCH_GLOSSARY", str(extra))
    result = search(searcher, "barista")
    assert result.expansions == ["咖啡"] and result.total > 0


def test_aliases_replace_whole_words_only_and_show_as_printed():
    from indexer.expand import alias_alternatives, load_glossary

    glossary = load_glossary()
    assert alias_alternatives(glossary, "庇護工場") == []  # 護工 is not a word of 庇護工場
    assert "職業災害死亡" in alias_alternatives(glossary, "職災死亡")
    assert "外籍勞工管理" in alias_alternatives(glossary, "外勞管理")
    # a run holding two such terms: both replaced, in every combination of their wordings
    both = alias_alternatives(glossary, "社保欠费")
    assert {"勞工保險積欠款", "全民健康保險積欠款"} <= set(both)
    # ... including the wording typed: either term alone replaced
    assert {"身心障礙職業訓練", "身障職訓", "身心障礙職訓"} <= set(alias_alternatives(glossary, "身障職業訓練"))


def test_an_abbreviated_term_inside_a_run_finds_the_section_in_full_wording(searcher):
    """身障職業訓練: 身障 is 身心障礙 and the section is 辦理身心障礙者職業訓練."""
    result = search(searcher, "身障職業訓練", year=104, limit=10)
    in_section = [h for h in result.hits if "身心障礙者職業訓練" in h.section[-1]]
    assert len(in_section) >= 3 and result.hits[: len(in_section)] == in_section


def test_a_query_of_exclusions_only_lists_every_other_paragraph(searcher, reports):
    result, ids = found(searcher, "-勞資爭議")
    everything = {p.id for p in all_paragraphs(reports)}
    assert result.total == len(everything - about(reports, "勞資爭議")) == result.complete
    assert not ids & containing(reports, "勞資爭議")


@pytest.mark.parametrize("query", ["alert(1)", "<script>alert(1)</script>", "xqzzvq(2)"])
def test_words_next_to_numbers_are_not_dropped(searcher, query):
    assert search(searcher, query).total == 0


def test_lines_that_only_name_what_follows_rank_below_the_content(searcher):
    result = search(searcher, "視障按摩", limit=5)
    headers = [h for h in result.hits if h.kind == "prose" and len(h.text) <= 30 and "。" not in h.text]
    assert result.total > 5 and not headers  # e.g. "1.視障按摩業輔導" is not in the top 5


def test_an_amount_in_wan_also_finds_the_table_cell_with_bare_digits(searcher, reports):
    # 104's condolence payments: "新台幣1,748萬元" in prose, "1,748" in the table (in 萬)
    result, ids = found(searcher, "1748萬")
    table = next(p for p in all_paragraphs(reports) if p.kind == "table" and "\n1,748" in p.text)
    prose = containing(reports, "1,748萬")
    assert prose <= ids and table.id in ids
    assert result.hits[0].id in prose  # the amount as written ranks first


@pytest.mark.parametrize("query", ["紓困", "休閒活動", "志工招募"])
def test_a_paragraph_is_found_through_the_numbered_item_it_sits_under(searcher, reports, query):
    """視障按摩師每人4萬5千元現金補貼 sits under 3.配合中央政府辦理…疫情紓困措施：, so a
    search for 紓困 lists it, says why, and shows the item."""
    under = led(reports, query) - containing(reports, query)
    assert under, "the corpus has paragraphs under such an item"
    result, ids = found(searcher, query)
    assert under <= ids
    for hit in result.hits:
        if hit.id in under:
            assert hit.matched == "lead" and any(query in item for item in hit.lead)


def test_a_term_with_many_wordings_does_not_outweigh_the_others(searcher):
    """残疾人 is 身心障礙者, 身心障礙, 身障者 and 身障; a paragraph saying it three ways but
    naming training only in a broad section heading must not beat the training classes."""
    result = search(searcher, "残疾人 职业培训", limit=10)
    training = re.compile("訓練|職訓|培訓")
    assert all(training.search(h.text + h.section[-1] + "".join(h.lead)) for h in result.hits[:8])


@pytest.mark.parametrize("query", ["職災", "身心障礙者", "COVID-19", "3,997"])
def test_saturating_a_term_does_not_reorder_a_one_term_query(searcher, monkeypatch, query):
    import indexer.query

    saturated = search(searcher, query, limit=MAX_LIMIT).hits
    monkeypatch.setattr(indexer.query, "SATURATION", 1e9)  # as good as no saturation
    plain = search(searcher, query, limit=MAX_LIMIT).hits
    assert [h.id for h in saturated] == [h.id for h in plain]
    # and saturation did apply: s·K/(s+K) stays under K, a tenth of the best plain score
    assert max(h.score for h in saturated) < 0.1 * max(h.score for h in plain)


def test_a_compound_with_few_matches_is_followed_by_its_specific_parts(searcher, reports):
    """職場性騷擾 is printed twice; 性騷擾 more often, and 職場 in too many paragraphs to
    say much. The paragraphs with 性騷擾 follow the full matches, before any section
    neighbours."""
    assert len(containing(reports, "職場")) > 0.05 * len(all_paragraphs(reports))
    result = search(searcher, "職場性騷擾", limit=MAX_LIMIT)
    assert result.broadened == {"職場性騷擾": "性騷擾"} and result.broadened_parts == {"職場性騷擾": ["性騷擾"]}
    full = {h.id for h in result.hits[: result.complete]}
    assert containing(reports, "職場性騷擾") <= full
    after = [h for h in result.hits[result.complete :] if h.matched != "context"]
    assert after and {h.id for h in after} == containing(reports, "性騷擾") - full
    assert all(h.matched == "context" for h in result.hits[result.complete + len(after) :])


def test_every_specific_part_of_a_compound_is_searched_after_it(searcher, reports):
    """就業歧視申訴 is printed once; after it come the paragraphs about 就業歧視 (printed
    without 申訴 in 110) and those with 申訴, any of them; the note names both."""
    result = search(searcher, "就业歧视申诉", limit=MAX_LIMIT)
    parts = result.broadened_parts["就业歧视申诉"]
    assert "".join(parts) == "就业歧视申诉" and len(parts) == 2
    after = [h for h in result.hits[result.complete :] if h.matched != "context"]
    assert all(any(p in h.text + "".join(h.section + h.lead) for p in ("就業歧視", "申訴")) for h in after)
    either = (containing(reports, "就業歧視") | containing(reports, "申訴")) - containing(reports, "就業歧視申訴")
    assert either <= {h.id for h in after} and containing(reports, "就業歧視") - containing(reports, "申訴")
    assert any(" or ".join(parts) in note for note in result.notes)


def test_a_compound_jieba_cuts_badly_still_has_parts(searcher, reports):
    """jieba cuts 徵才活動 into 征, 才, 活动; its printed parts are 徵才 and 活動, and 活動 is in
    too many paragraphs: in 104, the 徵才 paragraphs follow the full matches."""
    result = search(searcher, "徵才活動", year=104, limit=MAX_LIMIT)
    assert result.broadened_parts == {"徵才活動": ["徵才"]}
    after = {h.id for h in result.hits[result.complete :] if h.matched != "context"}
    assert after and after == containing(reports, "徵才", year=104) - containing(reports, "徵才活動")


def test_a_part_most_paragraphs_share_is_not_searched(searcher, reports):
    """博愛職業技能訓練中心 ends with 中心, a word of many paragraphs: not a useful part."""
    assert len(containing(reports, "中心")) > 0.05 * len(all_paragraphs(reports))
    assert "中心" not in search(searcher, "博愛職業技能訓練中心").broadened.get("博愛職業技能訓練中心", "")


@pytest.mark.parametrize("query", ["雄愛勞工輔導團", '"職場性騷擾"', "勞工博物館"])
def test_names_and_quoted_strings_are_never_cut_into_parts(searcher, query):
    assert search(searcher, query).broadened == {}


def test_each_hit_says_where_the_query_was_found(searcher):
    result = search(searcher, "勞資爭議", limit=MAX_LIMIT)
    kinds = {h.matched for h in result.hits}
    assert {"text", "heading"} <= kinds
    for hit in result.hits:
        assert (hit.matched == "text") == ("<mark>" in hit.snippet)
        if hit.matched == "heading":
            assert any("勞資爭議" in title for title in hit.section)


def test_facets_count_the_matches_not_the_neighbours_after_them(searcher):
    result = search(searcher, "3641", limit=MAX_LIMIT)
    assert result.context > 0
    assert sum(v["count"] for v in result.facets["year"]) == result.total - result.context


@pytest.mark.parametrize("sort", ["year", "report"])
def test_results_can_be_sorted_by_year_or_in_report_order(searcher, reports, sort):
    ranked = search(searcher, "勞資爭議", limit=MAX_LIMIT)
    result = search(searcher, "勞資爭議", limit=MAX_LIMIT, sort=sort)
    assert result.total == ranked.total and {h.id for h in result.hits} == {h.id for h in ranked.hits}
    position = {p.id: i for i, p in enumerate(all_paragraphs(reports))}  # 104 before 110, each in order
    years = sorted(reports, reverse=True) if sort == "year" else sorted(reports)
    expected = sorted(result.hits, key=lambda h: (years.index(h.year), position[h.id]))
    assert [h.id for h in result.hits] == [h.id for h in expected] != [h.id for h in ranked.hits]


def test_an_unknown_sort_is_a_clear_error(searcher):
    from indexer.errors import QueryError

    with pytest.raises(QueryError, match="sort must be one of"):
        search(searcher, "勞工", sort="random")
