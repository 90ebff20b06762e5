"""Matching sections across reports (indexer/similarity.py, compare.py, comparisons.py), without HTTP."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.build import report_meta
from indexer.compare import RELATED, SAME, Passage, Section, match_sections, profile, score_pair
from indexer.comparisons import agency_comparison, best_passages, compare_reports, report_sections
from indexer.fold import fold_text
from indexer.similarity import genre_words, title_similarity, title_tokens, weights
from indexer.snapshot import open_snapshot


def section(path: str, title: str, *texts: str, report: str = "a-104", parents: tuple[str, ...] = ("勞工行政",)) -> Section:
    passages = tuple(Passage(f"{report}-{path}-{i}", text) for i, text in enumerate(texts, 1))
    return Section(report, path, parents + (title,), passages)


# -- titles ----------------------------------------------------------------------------------
def test_generic_words_cut_a_title_so_no_bigram_straddles_them():
    tokens = title_tokens("加強辦理外籍勞工管理")
    assert title_tokens("外籍勞工管理") <= tokens
    assert {fold_text("加強"), fold_text("辦理")} <= tokens  # the generic words weigh little, but count
    assert not {fold_text("強辦"), fold_text("理外")} & tokens


def test_a_generic_word_weighs_less_than_a_programme_name():
    sections = [section("1", "勞工博物館營運"), section("2", "勞工博物館"), section("3", "開辦勞工大學")]
    w = weights(sections)
    dice, containment = title_similarity("勞工博物館營運", "勞工博物館", w)
    assert containment == pytest.approx(1.0) and dice > 0.9


def test_a_bigram_in_many_titles_weighs_less_than_a_rare_one():
    w = weights([section(str(i), title) for i, title in enumerate(["勞工大學", "勞工保險", "勞工住宅", "視障按摩"])])
    assert w.title(fold_text("勞工")) < w.title(fold_text("按摩"))


# -- properties --------------------------------------------------------------------------------
# characters of no generic word, so a generated title is never cut by one by accident
CHARS = [c for c in "勞資爭議調處博物館職業訓練身心障礙者就業服務外籍移工住宅保險托兒志願" if not any(c in g for g in genre_words())]
titles = st.text(alphabet=CHARS, min_size=2, max_size=10)
texts = st.lists(st.text(alphabet=CHARS + list("，。"), min_size=5, max_size=60), min_size=1, max_size=4)


@settings(max_examples=60, deadline=None)
@given(titles, texts, titles, texts)
def test_scoring_is_symmetric(title_a, texts_a, title_b, texts_b):
    a = section("1", title_a, *texts_a, report="a-104")
    b = section("2", title_b, *texts_b, report="a-110")
    w = weights([a, b])
    forward, backward = score_pair(profile(a, w), profile(b, w), w), score_pair(profile(b, w), profile(a, w), w)
    assert (forward is None) == (backward is None)
    if forward is not None:
        assert forward.reversed() == backward


@settings(max_examples=60, deadline=None)
@given(titles, texts)
def test_a_section_is_the_same_as_an_identical_copy_of_itself(title, paragraphs):
    a = section("2", title, *paragraphs, report="a-104")
    b = section("5", title, *paragraphs, report="a-110", parents=("職業訓練",))
    found = match_sections([a], [b], weights([a, b]))
    assert [(m.a, m.b, m.strength) for m in found] == [("2", "5", SAME)]


@settings(max_examples=60, deadline=None)
@given(titles, texts, st.sampled_from(["加強", "辦理", "推動", "加強辦理"]), st.sampled_from(["", "營運", "業務"]))
def test_renaming_with_generic_words_keeps_the_same_programme(title, paragraphs, before, after):
    a = section("1", title, *paragraphs, report="a-104")
    b = section("1", before + title + after, *paragraphs, report="a-110")
    found = match_sections([a], [b], weights([a, b]))
    assert [m.strength for m in found] == [SAME]


def test_unrelated_sections_do_not_match():
    a = section("1", "勞工博物館", "勞工博物館推出常設展，介紹勞動文化。")
    b = section("1", "庇護性就業", "輔導身心障礙者於庇護工場就業。", report="a-110")
    assert match_sections([a], [b], weights([a, b])) == []


def test_a_section_is_the_same_programme_as_one_section_at_most():
    a = section("1", "勞資爭議調處", "受理勞資爭議案件3,997件。")
    b1 = section("1", "勞資爭議調處", "受理勞資爭議案件3,641件。", report="a-110")
    b2 = section("2", "勞資爭議調處業務", "受理勞資爭議案件3,641件。", report="a-110")
    found = match_sections([a], [b1, b2], weights([a, b1, b2]))
    assert [(m.b, m.strength) for m in found] == [("1", SAME), ("2", RELATED)]


# -- the real reports --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def comparison(reports):
    metas = {r.id: report_meta(r) for r in reports.values()}
    return compare_reports({rid: report_sections(meta, [{"id": p.id, "text": p.text, "kind": p.kind}
                                                        for p in next(r for r in reports.values() if r.id == rid).paragraphs])
                            for rid, meta in metas.items()})


def _titles(comparison, report):
    return {s.title: s.path for s in comparison.sections[report].values()}


@pytest.mark.parametrize("old, new, strength", [
    ("加強辦理外籍勞工管理", "外籍勞工管理", SAME),   # renamed with generic words, moved to another chapter
    ("勞工博物館", "勞工博物館營運", SAME),
    ("開辦勞工大學", "開辦勞工大學", SAME),           # same title, another level and chapter
    ("勞資爭議調處", "勞資爭議調處", SAME),
    ("提供社會住宅－勞工住宅租賃", "勞工住宅租賃", SAME),
    ("身心障礙者創業輔導", "創業輔導", SAME),         # title contained, parents the same programme
    ("勞動檢查", "職業安全衛生檢查", RELATED),
])
def test_programmes_of_the_two_years_match(comparison, old, new, strength):
    a, b = _titles(comparison, "gxszflgj-104")[old], _titles(comparison, "gxszflgj-110")[new]
    found = {m.b: m.strength for m in comparison.pair("gxszflgj-104", "gxszflgj-110") if m.a == a}
    assert found.get(b) == strength
    back = {m.b: m.strength for m in comparison.pair("gxszflgj-110", "gxszflgj-104") if m.a == b}
    assert back.get(a) == strength


def test_a_programme_that_ended_has_no_match(comparison):
    path = _titles(comparison, "gxszflgj-104")["身心障礙者創業貸款業務"]
    assert all(m.strength != SAME for m in comparison.pair("gxszflgj-104", "gxszflgj-110") if m.a == path)


def test_most_sections_of_each_year_find_their_programme(comparison):
    for a, b in (("gxszflgj-104", "gxszflgj-110"), ("gxszflgj-110", "gxszflgj-104")):
        leaves = [p for p in comparison.sections[a] if not any(q.startswith(p + ".") for q in comparison.sections[a])]
        same = {m.a for m in comparison.pair(a, b) if m.strength == SAME}
        assert len(same & set(leaves)) >= 0.65 * len(leaves)


def test_a_paragraph_finds_the_paragraph_that_says_the_same_thing_the_other_year(comparison):
    found = {other: (match.b, passage.other) for other, match, passage
             in comparison.paragraph_matches("gxszflgj-110", "gxszflgj-110-3.2-3", "3.2")}
    assert found == {"gxszflgj-104": ("3.2", "gxszflgj-104-3.2-3")}  # the dispute table of each year


def test_best_passage_of_an_identical_paragraph_is_itself():
    a = section("1", "勞資爭議調處", "1.爭議類別", "受理勞資爭議案件3,997件。")
    b = section("1", "勞資爭議調處", "受理勞資爭議案件3,641件。", "1.爭議類別", report="a-110")
    found = best_passages(a, b, weights([a, b]))
    assert found["a-104-1-1"].other == "a-110-1-2" and found["a-104-1-1"].score == pytest.approx(1.0)
    assert found["a-104-1-2"].other == "a-110-1-1"


def test_matching_is_done_once_per_generation_and_agency(index_dir):
    snapshot = open_snapshot(index_dir)
    try:
        with snapshot.searcher() as searcher:
            first = agency_comparison(snapshot, searcher, "高雄市政府勞工局")
            assert agency_comparison(snapshot, searcher, "高雄市政府勞工局") is first
            assert set(first.sections) == {"gxszflgj-104", "gxszflgj-110"}
    finally:
        snapshot.close()


def test_a_paragraph_of_an_unmatched_section_links_through_the_same_heading_above_as_related(comparison):
    # 就業安定基金 (2015) has no section of its own in 2021; its parent is the same programme
    found = {other: (match.strength, passage.other) for other, match, passage
             in comparison.paragraph_matches("gxszflgj-104", "gxszflgj-104-4.2.8-1", "4.2.8")}
    assert found == {"gxszflgj-110": (RELATED, "gxszflgj-110-4.1.3-1")}  # 就業安定基金 in the other year


def test_a_paragraph_under_no_matching_programme_links_nowhere(comparison):
    assert list(comparison.paragraph_matches("gxszflgj-104", "gxszflgj-104-4.1.5-1", "4.1.5")) == []
