"""Folding and tokenizers: offsets point at the original characters, positions count tokens."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.analysis import GramTokenizer, WordTokenizer, number_value, tokens
from indexer.fold import fold, fold_text

report_text = st.text(
    alphabet=st.sampled_from(list("勞資爭議計畫臺灣台灣職災萬億１２３ＡＰＰabcXYZ0123456789,.%。，、（）() \n")),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(report_text)
def test_folding_keeps_a_map_back_to_every_original_character(text):
    folded, origin = fold(text)
    assert len(origin) == len(folded)
    assert list(origin) == sorted(origin) and all(0 <= i < len(text) for i in origin)


@settings(max_examples=200, deadline=None)
@given(report_text)
def test_token_offsets_point_at_the_characters_they_came_from(text):
    for tokenizer in (GramTokenizer(), WordTokenizer()):
        # Whoosh reuses one Token object, so read each as it comes
        tokens = [(t.pos, t.startchar, t.endchar) for t in tokenizer(text, positions=True, chars=True)]
        positions = sorted(set(pos for pos, _s, _e in tokens))
        assert positions == list(range(len(positions)))  # word indexes, not offsets
        assert [pos for pos, _s, _e in tokens] == sorted(pos for pos, _s, _e in tokens)
        for _pos, start, end in tokens:
            assert 0 <= start < end <= len(text)


def test_a_compound_word_is_indexed_with_its_parts_at_its_position():
    text = "辦理工會幹部講習"  # 工會幹部 is one dictionary word
    indexed = [(t.text, t.pos) for t in WordTokenizer()(text, positions=True)]
    whole = dict(indexed)["工会干部"]
    assert ("工会", whole) in indexed and ("干部", whole) in indexed
    assert dict(indexed)["讲习"] == whole + 1  # the next word follows the compound
    assert [t.text for t in WordTokenizer()(text, mode="query")] == ["办理", "工会干部", "讲习"]


def test_jieba_segments_traditional_text_through_simplified():
    words = [t.text for t in WordTokenizer()("勞工個案主動服務")]
    assert "个案" in words and "主动" in words  # not 勞工個 / 案主動


def test_folding_meets_simplified_phrases_and_width():
    assert fold_text("計畫") == fold_text("计划")
    assert fold_text("ＡＰＰ１２３") == "app123"
    assert fold_text("3,997") == "3997"


def test_figures_with_chinese_units_have_one_value():
    assert number_value(fold_text("1萬5518")) == "15518"
    assert number_value(fold_text("16億2453萬1666")) == "1624531666"
    assert number_value("61.17") == "61.17"
    assert number_value(fold_text("4萬5千")) == "45000" and number_value("5千") == "5000"


def test_opening_an_index_again_does_not_change_how_queries_are_segmented():
    """jieba adds a word's frequency to its total on every add_word: each index generation
    has a segmenter of its own, and the process-wide jieba dictionary is never touched."""
    import jieba

    from indexer import lexicon

    before = jieba.dt.total if jieba.dt.initialized else None
    first = lexicon.segmenter(frozenset(["雄爱劳工辅导团"]))
    lexicon.segmenter(frozenset(["勞工博物館", "雄爱劳工辅导团"]))
    again = lexicon.segmenter(frozenset(["雄爱劳工辅导团"]))
    assert first.tokenizer.total == again.tokenizer.total
    assert (jieba.dt.total if jieba.dt.initialized else None) == before


def test_a_segmenter_keeps_its_own_domain_words_whole():
    from indexer import lexicon

    text = fold_text("雄愛勞工輔導團成立")
    with lexicon.using(lexicon.segmenter(frozenset([fold_text("雄愛勞工輔導團")]))):
        inside = tokens(WordTokenizer(), text)
    outside = tokens(WordTokenizer(), text)
    assert fold_text("雄愛勞工輔導團") in inside
    assert fold_text("雄愛勞工輔導團") not in outside
