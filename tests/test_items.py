"""The printed item number a paragraph starts with (indexer.items.printed_item)."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.items import CIRCLED, printed_item


@pytest.mark.parametrize("text, item", [
    ("3.輔導本市各類型工會", "3."),
    ("3．輔導本市各類型工會", "3．"),
    ("12、辦理勞工教育", "12、"),
    ("(2)補助職業訓練", "(2)"),
    ("（2）補助職業訓練", "（2）"),
    ("①受理申訴", "①"),
    ("一、勞資爭議調處", "一、"),
    ("十一、其他", "十一、"),
    ("(一)加強輔導工會組織", "(一)"),
    ("貳、就業服務", "貳、"),
    ("⑴第一項", "⑴"),
    ("1)其一", "1)"),
    ("(a)first", "(a)"),
    ("A.第一類", "A."),
    ("  2.辦理", "2."),
    ("2.110年度配合勞動部辦理", "2."),
    ("5.104年度獲經濟部補助", "5."),
])
def test_the_enumerator_is_returned_as_printed(text, item):
    assert printed_item(text) == item


@pytest.mark.parametrize("text", [
    "本府推動勞動檢查",
    "110年度辦理就業服務",
    "1.82",
    "61.17%",
    "3.5億元補助",
    "U.S. Department of Labor",
    "COVID-19疫情",
    "",
    "類別\n人數",
])
def test_figures_words_and_abbreviations_are_not_items(text):
    assert printed_item(text) is None


ENUMERATORS = st.one_of(
    st.integers(1, 999).map(lambda n: f"{n}."),
    st.integers(1, 999).map(lambda n: f"({n})"),
    st.sampled_from(CIRCLED),
    st.sampled_from(["一、", "二、", "十二、", "(三)", "（四）", "壹、", "參、"]),
)
CHINESE_TEXT = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
                       .filter(lambda ch: ch not in "一二三四五六七八九十"), min_size=1, max_size=20)


@given(ENUMERATORS, CHINESE_TEXT)
def test_any_enumerator_before_any_text_is_found(enumerator, text):
    assert printed_item(enumerator + text) == enumerator


@given(st.text(max_size=30))
def test_an_item_is_always_the_start_of_the_text(text):
    item = printed_item(text)
    assert item is None or (item and text.lstrip().startswith(item))


@given(CHINESE_TEXT)
def test_text_without_a_number_in_front_has_no_item(text):
    assert printed_item(text) is None
