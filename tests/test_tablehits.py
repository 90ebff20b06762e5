"""A hit on a table lists the cells the query picks out, each with its row and column."""
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.grids import Table
from indexer.tablecells import labels
from indexer.tablehits import cells_snippet, hit_cells

DISPUTES = Table("110年受理勞資爭議案件統計表", 2, (
    ("成立與否", "成立", "不成立", "110年案件數合計", "備註"),
    ("爭議類別", "110年", "110年", "110年案件數合計", "備註"),
    ("工資爭議", "1,303", "459", "1,764", "含撤案"),
    ("契約爭議", "619", "266", "885", "含撤案"),
    ("小計", "2,675", "959", "3,641", "含撤案"),
), True, ()).to_json()


def picked(needles, table=DISPUTES, **kwargs):
    return [(c["row"], c["column"], c["value"]) for c in hit_cells(table, needles, **kwargs)]


def test_a_figure_query_finds_the_figure_with_its_row_and_column():
    for query in ("3641", "3,641"):
        assert picked([query]) == [("小計", "110年案件數合計", "3,641")]
    [cell] = hit_cells(DISPUTES, ["3641"])
    assert cell["matched"] == ["value"]
    assert cell["html"] == "小計 · 110年案件數合計 · <mark>3,641</mark>"


def test_a_row_and_a_column_named_together_pick_the_cell_at_their_crossing_marked():
    [cell] = hit_cells(DISPUTES, ["工資爭議", "不成立"])
    assert (cell["row"], cell["column"], cell["value"]) == ("工資爭議", "不成立 · 110年", "459")
    assert cell["matched"] == ["row", "column"]
    assert cell["html"].endswith("<mark>459</mark>")
    assert picked(["小計", "110年案件數合計"]) == [("小計", "110年案件數合計", "3,641")]


def test_a_figure_at_the_crossing_comes_before_a_remark_that_names_the_column_too():
    assert picked(["工資爭議", "撤案", "備註"]) == [("工資爭議", "備註", "含撤案")]
    table = Table(None, 1, (("類別", "不成立", "備註"), ("工資爭議", "459", "含不成立")), False, ()).to_json()
    assert picked(["工資爭議", "不成立"], table) == [("工資爭議", "不成立", "459")]


def test_a_row_named_alone_lists_its_figures_in_reading_order():
    assert [v for _r, _c, v in picked(["契約爭議"])] == ["619", "266", "885"]


def test_a_remark_repeated_down_its_rows_is_listed_once():
    assert picked(["撤案"]) == [("工資爭議", "備註", "含撤案")]


def test_a_rounded_figure_finds_the_printed_one():
    table = Table(None, 1, (("類別", "預算"), ("職災殘廢", "(3萬)")), False, ()).to_json()
    assert picked(["3萬"], table) == [("職災殘廢", "預算", "(3萬)")]


def test_no_cells_when_nothing_matches_or_there_is_no_grid():
    assert hit_cells(DISPUTES, ["就業服務"]) == []
    assert hit_cells(DISPUTES, []) == []
    assert hit_cells(None, ["3641"]) == []
    assert hit_cells(Table(None, 0, None, False, ("小計", "3,641")).to_json(), ["3641"]) == []


def test_at_most_limit_cells_are_listed():
    assert len(hit_cells(DISPUTES, ["110年"], limit=3)) == 3


def test_the_snippet_lists_the_cells_and_escapes_what_they_print():
    table = Table(None, 1, (("項目", "件數"), ("<b>甲</b>", "12")), False, ()).to_json()
    cells = hit_cells(table, ["12"])
    assert str(cells_snippet(cells)) == "&lt;b&gt;甲&lt;/b&gt; · 件數 · <mark>12</mark>"
    assert str(cells_snippet(hit_cells(DISPUTES, ["459", "885"]))).count(" | ") == 1


CELL = st.one_of(st.sampled_from(["", "-", "小計", "110年", "工資爭議", "含撤案"]),
                 st.integers(0, 5000).map(lambda n: f"{n:,}"))


@st.composite
def tables(draw):
    width = draw(st.integers(1, 5))
    rows = draw(st.lists(st.lists(CELL, min_size=width, max_size=width).map(tuple), max_size=6))
    return Table(None, draw(st.integers(0, len(rows))), tuple(rows), False, ())


@settings(max_examples=200, deadline=None)
@given(tables(), st.lists(st.sampled_from(["小計", "110", "1,000", "42", "工資", "爭議 小計", "-"]), max_size=3))
def test_any_grid_and_query_list_only_its_body_cells_with_their_labels(table, needles):
    named = labels(table)
    by_value = {(row, column, table.rows[r][c]) for (r, c), (row, column) in named.items()}
    listed = hit_cells(table.to_json(), needles)
    assert len(listed) <= 8
    for cell in listed:
        assert (cell["row"], cell["column"], cell["value"]) in by_value
        assert cell["matched"] and set(cell["matched"]) <= {"row", "column", "value"}
