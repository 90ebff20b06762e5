"""Each body cell of a grid is named by its row's label cells and its column's header cells."""
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.grids import Table
from indexer.tablecells import from_json, is_figure, label_columns, labels

DISPUTES = Table("110年受理勞資爭議案件統計表", 2, (
    ("成立與否", "成立", "不成立", "110年案件數合計"),
    ("爭議類別", "110年", "110年", "110年案件數合計"),
    ("工資爭議", "1,303", "459", "1,764"),
    ("小計", "2,675", "959", "3,641"),
), True, ())


def test_a_figure_is_named_by_its_row_label_and_its_column_headers():
    named = labels(DISPUTES)
    assert named[(3, 3)] == ("小計", "110年案件數合計")
    assert named[(2, 2)] == ("工資爭議", "不成立 · 110年")


def test_label_cells_are_not_listed_only_values():
    assert set(labels(DISPUTES)) == {(r, c) for r in (2, 3) for c in (1, 2, 3)}


def test_two_label_columns_make_one_row_label_and_a_spanned_label_counts_once():
    table = Table(None, 1, (("類別", "細目", "件數"), ("申訴", "檢查", "951"), ("總計", "總計", "3,304")), False, ())
    assert label_columns(table) == 2
    assert labels(table)[(1, 2)] == ("申訴 · 檢查", "件數")
    assert labels(table)[(2, 2)] == ("總計", "件數")


def test_a_first_column_of_numbers_is_not_a_label_column():
    table = Table(None, 1, (("名次", "單位"), ("1", "監理所"), ("2", "勞工局")), False, ())
    assert label_columns(table) == 0
    assert labels(table)[(2, 1)] == ("", "單位")


def test_without_header_rows_columns_have_no_label():
    table = Table(None, 0, (("甲", "65"), ("乙", "33")), False, ())
    assert labels(table) == {(0, 1): ("甲", ""), (1, 1): ("乙", "")}


def test_a_table_without_a_grid_has_no_labelled_cells():
    assert labels(Table(None, 0, None, False, ("a", "1"))) == {}
    assert label_columns(Table(None, 0, None, False, ())) == 0


def test_figures_dashes_and_shares_are_figures_words_are_not():
    assert all(map(is_figure, ["3,641", "(78%)", "1,480 (78%)", "-", "12.5%", "0"]))
    assert not any(map(is_figure, ["110年", "小計", "3萬", "", "COVID-19"]))


def test_a_stored_table_reads_back_as_the_table():
    assert from_json(DISPUTES.to_json()) == DISPUTES
    bare = Table(None, 0, None, False, ("x",))
    assert from_json(bare.to_json()) == bare


CELL = st.one_of(st.sampled_from(["", "-", "小計", "110年", "工資爭議"]), st.integers(0, 99999).map(lambda n: f"{n:,}"),
                 st.text(alphabet="甲乙丙0123456789,.%()", max_size=6))


@st.composite
def tables(draw):
    width = draw(st.integers(1, 6))
    rows = draw(st.lists(st.lists(CELL, min_size=width, max_size=width).map(tuple), min_size=0, max_size=6))
    header_rows = draw(st.integers(0, len(rows)))
    return Table(None, header_rows, tuple(rows), draw(st.booleans()), ())


@settings(max_examples=200, deadline=None)
@given(tables())
def test_any_grid_labels_exactly_its_body_cells_right_of_the_label_columns(table):
    named = labels(table)
    leading = label_columns(table)
    width = max((len(r) for r in table.rows), default=0)
    assert leading < max(width, 1)
    assert set(named) == {(r, c) for r in range(table.header_rows, len(table.rows)) for c in range(leading, width)}
    for (r, c), (row_label, column_label) in named.items():
        assert all(part in table.rows[r][:leading] for part in row_label.split(" · ") if part)
        assert all(any(part == " ".join(h[c].split()) for h in table.rows[:table.header_rows])
                   for part in column_label.split(" · ") if part)
