"""Building the index atomically, and word, phrase and facet search over it."""
from __future__ import annotations


import pytest

from indexer.build import build_index
from indexer.errors import IndexBusyError, IndexMissingError, QueryError
from indexer.export import export_paragraphs
from indexer.search import search
from indexer.store import current_generation, open_current

from expect import about, containing, headed


def ids(result):
    """The paragraphs that match (not those listed as neighbours of a match)."""
    return [h.id for h in result.hits if h.matched != "context"]


def test_a_word_finds_every_paragraph_containing_it(searcher, reports):
    result = search(searcher, "勞資爭議", limit=100)
    assert containing(reports, "勞資爭議") <= set(ids(result)) <= about(reports, "勞資爭議")
    assert headed(reports, "勞資爭議") <= set(ids(result))  # the section is about it


def test_a_phrase_across_word_boundaries_is_found_exactly(searcher, reports):
    # 工輔導團 straddles jieba words (勞工 / 輔導團): the bigram field still finds it.
    result = search(searcher, '"工輔導團"', limit=100)
    assert set(ids(result)) == containing(reports, "工輔導團") != set()


def test_chinese_runs_match_as_sequences_not_scattered_characters(searcher, reports):
    # 館 and 災 both occur, never side by side
    assert containing(reports, "館") and containing(reports, "災") and not containing(reports, "館災")
    assert search(searcher, "館災").total == 0


def test_english_words_in_the_text_match_whole_and_case_insensitively(searcher, reports):
    apps = set(ids(search(searcher, "app", limit=100)))
    assert apps and all("APP" in p.text for r in reports.values() for p in r.paragraphs if p.id in apps)
    assert containing(reports, "COVID-19") <= set(ids(search(searcher, "COVID-19", limit=100)))


def test_numbers_match_as_printed_or_plain(searcher, reports):
    assert set(ids(search(searcher, "3997", limit=100))) == containing(reports, "3997") | containing(reports, "3,997")
    assert set(ids(search(searcher, "3,997", limit=100))) == set(ids(search(searcher, "3997", limit=100)))


def test_year_filter_takes_roc_or_gregorian_years(searcher, reports):
    roc = search(searcher, "勞資爭議", year=110, limit=100)
    ad = search(searcher, "勞資爭議", year="2021", limit=100)
    assert ids(roc) == ids(ad)
    assert set(ids(roc)) and all(i.startswith("gxszflgj-110-") for i in ids(roc))
    assert containing(reports, "勞資爭議", year=110) <= set(ids(roc))
    with pytest.raises(QueryError, match="year"):
        search(searcher, "勞資爭議", year="last year")


def test_section_filter_matches_a_heading_at_any_level(searcher, reports):
    by_section = search(searcher, "", section="勞資爭議調處", limit=100)
    expected = {p.id for r in reports.values() for p in r.paragraphs if "勞資爭議調處" in p.titles}
    assert set(ids(by_section)) == expected
    with_enumerator = search(searcher, "", section="二、勞資爭議調處", limit=100)
    assert ids(with_enumerator) == ids(by_section)
    chapter = search(searcher, "", section="勞工行政", limit=1)
    assert chapter.total == sum(1 for r in reports.values() for p in r.paragraphs if p.titles[0] == "勞工行政")


def test_facet_counts_are_correct_under_filters(searcher, reports):
    result = search(searcher, '"勞工"', year=104, limit=5)
    matching = [p for p in reports[104].paragraphs if "勞工" in p.text]
    assert result.total == len(matching)
    other = [p for p in reports[110].paragraphs if "勞工" in p.text]  # what choosing 110 too adds
    assert {f["value"]: f["count"] for f in result.facets["year"]} == {"104": len(matching), "110": len(other)}
    chapters = {}
    for p in matching:
        chapters[p.titles[0]] = chapters.get(p.titles[0], 0) + 1
    assert {f["value"]: f["count"] for f in result.facets["chapter"]} == chapters
    sections = {}
    for p in matching:
        if len(p.titles) > 1:
            sections[p.titles[1]] = sections.get(p.titles[1], 0) + 1
    assert {f["value"]: f["count"] for f in result.facets["section"]} == sections


def test_pages_do_not_overlap_and_cover_the_total(searcher):
    first = search(searcher, "勞工", page=1, limit=10)
    second = search(searcher, "勞工", page=2, limit=10)
    assert len(first.hits) == 10 and not set(ids(first)) & set(ids(second))
    beyond = search(searcher, "勞工", page=9999, limit=10)
    last = -(-first.total // 10)
    assert beyond.requested_page == 9999 and beyond.page == last and beyond.total == first.total
    assert ids(beyond) == ids(search(searcher, "勞工", page=last, limit=10)) and beyond.hits


def test_export_is_in_document_order(index_dir, reports):
    exported = list(export_paragraphs(index_dir))
    ordered = [p.id for r in sorted(reports.values(), key=lambda r: r.year) for p in r.paragraphs]
    assert [e["id"] for e in exported] == ordered
    sample = exported[0]
    assert set(sample) == {"id", "report", "year", "year_ad", "section", "kind", "text", "url", "table"}
    assert sample["url"] == f"/p/{sample['id']}"


def test_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(IndexMissingError, match="reportsearch index"):
        open_current(tmp_path)


def test_a_failed_build_leaves_the_previous_index_serving(tmp_path, reports):
    build_index([reports[104]], tmp_path)
    before = current_generation(tmp_path)

    def explode(_n):
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        build_index([reports[104], reports[110]], tmp_path, progress=explode)
    assert current_generation(tmp_path) == before
    ix, meta, _ = open_current(tmp_path)
    assert [m["year"] for m in meta] == [104] and ix.doc_count() == len(reports[104].paragraphs)
    assert not list(tmp_path.glob("*.tmp"))


def test_a_second_concurrent_build_gets_a_clear_message(tmp_path, reports, build_running):
    with build_running(tmp_path):
        with pytest.raises(IndexBusyError, match="another build"):
            build_index([reports[104]], tmp_path)
    build_index([reports[104]], tmp_path)  # and the lock is free again


def test_a_rebuild_replaces_the_index_atomically(tmp_path, reports):
    build_index([reports[104]], tmp_path)
    first = current_generation(tmp_path)
    build_index([reports[104], reports[110]], tmp_path)
    second = current_generation(tmp_path)
    assert second != first
    ix, meta, _ = open_current(tmp_path)
    assert sorted(m["year"] for m in meta) == [104, 110]


def test_a_build_killed_while_writing_never_costs_the_previous_generation(tmp_path, reports):
    """A killed build leaves its gen-*.tmp behind: the next build removes it (it holds the
    lock, so nobody else is writing there) and keeps the one it replaces for readers."""
    build_index([reports[104]], tmp_path)
    served = current_generation(tmp_path)
    abandoned = tmp_path / "gen-20991231235959-99999-1.tmp"
    abandoned.mkdir()
    (abandoned / "half-written").write_text("x")
    build_index([reports[110]], tmp_path)
    assert not abandoned.exists()
    assert served.exists() and current_generation(tmp_path) != served
