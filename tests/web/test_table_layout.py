"""Tables on a page: the stored grid with spanned headers merged, else a block of cells; as CSV."""
import csv
import io

from indexer.grids import Table
from web.tables import cells, table_csv, table_layout

VOLUNTEERS = Table("2.志工招募成果", 1, (("單位", "人數"), ("甲中心", "65"), ("乙隊", "-"), ("總計", "65")),
                   True, ("單位", "人數", "甲中心", "65", "乙隊", "-", "總計", "65")).to_json()
SPANNED = Table(None, 2, (
    ("成立與否", "110年", "110年", "備註"),
    ("爭議類別", "成立", "不成立", "備註"),
    ("總計", "2,675", "959", "含撤案"),
), False, ()).to_json()


def texts(rows):
    return [[cell["text"] for cell in row] for row in rows]


def test_label_rows_are_row_headers_and_figures_are_marked_for_right_alignment():
    layout = table_layout("", VOLUNTEERS)
    assert layout["caption"] == "2.志工招募成果" and layout["checked"] is True
    assert texts(layout["head"]) == [["單位", "人數"]]
    first = layout["body"][0]
    assert [(c["header"], c["figure"]) for c in first] == [(True, False), (False, True)]
    assert layout["body"][1][1]["figure"]  # a dash for none is aligned as a figure


def test_a_header_repeated_across_columns_spans_them_and_one_repeated_below_spans_down():
    head = table_layout("", SPANNED)["head"]
    assert [(c["text"], c["colspan"], c["rowspan"]) for c in head[0]] == [
        ("成立與否", 1, 1), ("110年", 2, 1), ("備註", 1, 2)]
    assert texts([head[1]]) == [["爭議類別", "成立", "不成立"]]


def test_a_remark_is_text_not_a_figure():
    assert [c["figure"] for c in table_layout("", SPANNED)["body"][0]] == [False, True, True, False]


def test_without_a_grid_the_cells_stay_a_block_in_reading_order():
    text = "本市獲獎單位\n1\n交通部公路總局高雄市區監理所"
    layout = table_layout(text, Table(None, 0, None, False, tuple(text.split("\n"))).to_json())
    assert layout["head"] is None and layout["body"] is None and not layout["checked"]
    assert layout["cells"] == text.split("\n")
    assert table_layout(text + "\n\n", None)["cells"] == cells(text) == text.split("\n")  # an index without grids


def test_csv_is_the_grid_row_by_row_without_a_caption_line():
    rows = list(csv.reader(io.StringIO(table_csv("", SPANNED))))
    assert rows == [list(r) for r in Table(None, 2, tuple(map(tuple, SPANNED["rows"])), False, ()).rows]
    assert "2.志工招募成果" not in table_csv("", VOLUNTEERS)


def test_csv_without_a_grid_is_one_cell_per_line_and_quotes_what_needs_it():
    rows = list(csv.reader(io.StringIO(table_csv("項目\n1,082\n(78%)", None))))
    assert rows == [["項目"], ["1,082"], ["(78%)"]]
