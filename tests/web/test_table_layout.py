"""Tables: a grid when one column count explains every row, else a block of cells."""
from web.tables import cells, table_rows


def test_label_and_number_rows_make_a_grid():
    assert table_rows("單位\n人數\n甲中心\n65\n乙隊\n33\n總計\n98") == [
        ["單位", "人數"], ["甲中心", "65"], ["乙隊", "33"], ["總計", "98"]]


def test_numbers_with_separators_percentages_and_dashes_count_as_numbers():
    assert table_rows("項目\n件數\n比率\n甲\n1,082\n(78%)\n乙\n-\n12.5%") is not None


def test_cells_that_no_grid_explains_stay_a_block():
    text = "本市獲獎單位\n1\n交通部公路總局高雄市區監理所\n2\n高雄市政府勞工局"
    assert table_rows(text) is None
    assert cells(text + "\n\n") == text.split("\n")


def test_numeric_header_is_not_a_grid():
    assert table_rows("104年\n105年\n1\n2\n3\n4") is None
