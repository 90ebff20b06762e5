"""The numbered items a paragraph sits under, within its leaf (indexer.outline).

A leaf's body is an outline: ``1.`` items hold ``(1)`` items, which hold ``①`` items; an
unnumbered paragraph is the body of the item before it. Items that read as a title lead
what follows them; long items are content and lead nothing.
"""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from indexer.outline import lead_ins


def test_items_sit_under_the_nearest_outer_item():
    leaf = ["1.視障按摩業輔導", "(1)據點數量為86處。", "(2)補助據點5處。",
            "2.配合中央辦理疫情紓困措施：", "提供每人4萬5千元現金補貼。"]
    assert lead_ins(leaf) == [(), ("1.視障按摩業輔導",), ("1.視障按摩業輔導",),
                              (), ("2.配合中央辦理疫情紓困措施：",)]


def test_an_unnumbered_paragraph_sits_under_every_open_item():
    leaf = ["1.青年培力計畫", "(4)創意分享平臺", "本府於會館打造平臺。", "(5)舉辦課程。"]
    assert lead_ins(leaf)[2] == ("1.青年培力計畫", "(4)創意分享平臺")
    assert lead_ins(leaf)[3] == ("1.青年培力計畫",)


def test_an_item_closes_items_of_its_own_level_and_deeper():
    leaf = ["1.甲項目：", "(1)乙項目：", "①丙項目", "(2)丁", "2.戊", "(1)己"]
    assert lead_ins(leaf) == [(), ("1.甲項目：",), ("1.甲項目：", "(1)乙項目："),
                              ("1.甲項目：",), (), ("2.戊",)]


def test_a_long_item_is_content_and_leads_nothing_unless_it_ends_with_a_colon():
    long_item = "1." + "本府辦理各項業務，成效良好。" * 4
    assert lead_ins([long_item, "(1)說明"]) == [(), ()]
    assert lead_ins([long_item[:-1] + "：", "(1)說明"])[1] == (long_item[:-1] + "：",)


def test_paragraphs_before_any_item_sit_under_nothing():
    assert lead_ins(["本局肩負推廣勞動文化的使命。", "1.展覽"]) == [(), ()]


ITEMS = st.sampled_from(["1.項目", "2.計畫：", "(1)細項", "(2)細項：", "①要點", "內文說明。", "總計"])


@given(st.lists(ITEMS, max_size=30))
def test_every_lead_in_is_an_earlier_paragraph_of_the_leaf(leaf):
    leads = lead_ins(leaf)
    assert len(leads) == len(leaf)
    for i, lead in enumerate(leads):
        assert all(item in leaf[:i] for item in lead)
        assert len(lead) <= 3  # one per level: 1. > (1) > ①
