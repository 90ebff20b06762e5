"""Labelled figures (indexer/figures.py): what a number counts, so years can be set side by side."""
from indexer.figures import figures


def test_a_figure_is_labelled_by_the_words_before_it_in_its_clause():
    found = figures("本年度受理勞資爭議案件3,641件，調解成立2,675件。")
    assert [(f.label, f.value) for f in found] == [("受理勞資爭議案件", "3,641件"), ("調解成立", "2,675件")]


def test_dates_item_numbers_and_filler_are_not_part_of_a_label():
    found = figures("3.勞資爭議線上申請案件自101年3月15日實施，迄今共受理2,465件。")
    assert [(f.label, f.value) for f in found] == [("受理", "2,465件")]


def test_a_clause_of_filler_alone_labels_nothing():
    assert figures("共計9,868人次。") == []


def test_large_figures_with_wan_and_yi_are_one_value():
    assert [(f.label, f.value) for f in figures("辦理外籍勞工查察訪視案件2萬2,191件")] == [
        ("辦理外籍勞工查察訪視案件", "2萬2,191件")]


def test_labels_are_compared_folded():
    assert figures("參加人數560人")[0].key == figures("参加人数390人")[0].key


def test_a_table_row_label_labels_the_numbers_after_it():
    found = figures("爭議類別\n成立\n不成立\n工資爭議\n1,303\n459\n契約爭議\n619\n266", kind="table")
    assert [(f.label, f.value) for f in found] == [("工資爭議", "1,303 / 459"), ("契約爭議", "619 / 266")]
