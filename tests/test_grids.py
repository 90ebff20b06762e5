"""Grid recovery: a table flattened one cell per line is read back as rows and columns, and
the arithmetic it carries (totals, shares) decides between layouts and marks it checked."""
from __future__ import annotations

import random
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.grids import Table, read_table
from tablegen import generate


def lines(*cells: str) -> str:
    return "\n".join(cells)


def grid(table: Table) -> list[list[str]]:
    return [list(row) for row in table.rows]


# --- one feature at a time, on small tables shaped like the reports' ---------------------

def test_a_label_and_figures_with_a_total_column():
    table = read_table(lines("類別", "甲", "乙", "合計", "件數", "12", "30", "42"))
    assert grid(table) == [["類別", "甲", "乙", "合計"], ["件數", "12", "30", "42"]]
    assert table.header_rows == 1 and table.checked


def test_a_total_row_checks_every_column():
    table = read_table(lines("單位", "人數", "金額", "甲隊", "60", "1,200", "乙隊", "38", "800",
                             "丙隊", "95", "1,000", "總計", "193", "3,000"))
    assert grid(table)[-1] == ["總計", "193", "3,000"]
    assert table.checked


def test_a_cell_broken_over_two_lines_is_one_cell():
    table = read_table(lines("類別", "死亡", "（30萬）", "失能", "總計", "件數／", "補助金額", "74", "19", "93"))
    assert grid(table) == [["類別", "死亡（30萬）", "失能", "總計"], ["件數／補助金額", "74", "19", "93"]]


def test_a_figure_and_its_percentage_on_the_next_line_are_one_cell():
    table = read_table(lines("方式", "成立", "不成立", "合計", "甲", "1,480", "(78%)", "427", "(22%)", "1,907",
                             "乙", "963", "(71%)", "397", "(29%)", "1,360"))
    assert grid(table)[1] == ["甲", "1,480 (78%)", "427 (22%)", "1,907"]
    assert table.checked
    assert table.sources[1][1] == (5, 6)


def test_a_header_spanning_columns_is_repeated_in_each():
    table = read_table(lines("類別", "死亡", "失能", "總計", "件數", "金額", "件數", "金額", "件數", "金額",
                             "核發", "74", "1464", "19", "57", "93", "1521"))
    assert table.header_rows == 2
    assert grid(table)[:2] == [["類別", "死亡", "死亡", "失能", "失能", "總計", "總計"],
                               ["類別", "件數", "金額", "件數", "金額", "件數", "金額"]]
    assert table.checked


def test_the_corner_names_both_rows_and_columns():
    table = read_table(lines("成立", "與否", "爭議", "類別", "成立", "不成立", "合計",
                             "工資", "1386", "356", "1742", "契約", "995", "294", "1289",
                             "小計", "2381", "650", "3031"))
    assert grid(table)[0] == ["成立與否爭議類別", "成立", "不成立", "合計"]
    assert table.checked


def test_a_remark_spanning_the_rows_fills_its_column():
    remark = "總數內含成立、不成立及調解中之案件"
    table = read_table(lines("類別", "成立", "不成立", "合計", "備註", "工資", "13", "4", "17", remark,
                             "契約", "6", "2", "8", "小計", "19", "6", "25"))
    assert [row[-1] for row in grid(table)] == ["備註", remark, remark, remark]
    assert table.checked


def test_a_missing_cell_is_left_empty():
    table = read_table(lines("類別", "申訴", "專案", "訪視", "總計", "目標", "-", "1,082", "1,200",
                             "件數", "951", "1,369", "984", "3,304"))
    assert grid(table)[1] == ["目標", "-", "1,082", "1,200", ""]
    assert grid(table)[2] == ["件數", "951", "1,369", "984", "3,304"]
    assert table.checked


def test_a_table_flattened_column_by_column_reads_back_as_its_transpose():
    # columns of [[單位, 人數], [甲, 60], [乙, 38], [總計, 98]], printed one after the other
    table = read_table(lines("單位", "甲", "乙", "總計", "人數", "60", "38", "98"))
    assert grid(table) == [["單位", "甲", "乙", "總計"], ["人數", "60", "38", "98"]]
    assert table.checked


def test_years_heading_the_columns_are_labels_not_figures():
    table = read_table(lines("項目", "108", "109", "110", "合計", "申訴", "12", "30", "18", "60",
                             "檢舉", "5", "7", "9", "21"))
    assert table.header_rows == 1
    assert grid(table)[0] == ["項目", "108", "109", "110", "合計"]
    assert table.labels()[6] == ("申訴", "108")
    assert table.checked


def test_figures_before_their_label():
    table = read_table(lines("獲獎單位", "1", "甲單位", "2", "乙單位"))
    assert grid(table) == [["獲獎單位", "獲獎單位"], ["1", "甲單位"], ["2", "乙單位"]]
    assert not table.checked  # 1 and 2 add up to nothing


def test_the_caption_is_a_title_line_or_a_numbered_lead_in():
    cells = ("類別", "甲", "乙", "合計", "件數", "12", "30", "42")
    titled = read_table(lines("110年受理案件統計表", *cells))
    assert titled.caption == "110年受理案件統計表" and titled.rows[0][0] == "類別"
    assert read_table(lines(*cells), leads=("2.處理方式",)).caption == "2.處理方式"
    assert read_table(lines(*cells), leads=("2.志工招募成果：",)).caption == "2.志工招募成果"
    assert read_table(lines(*cells), leads=("110年受理案件統計表",)).caption == "110年受理案件統計表"
    assert read_table(lines(*cells), leads=("本年度共核發42件。",)).caption is None


def test_labels_name_each_body_cell_by_row_and_column():
    table = read_table(lines("類別", "成立", "不成立", "合計", "工資", "1,480", "(78%)", "427", "(22%)", "1,907",
                             "契約", "963", "(71%)", "397", "(29%)", "1,360", "小計", "2,443", "(75%)", "824", "(25%)",
                             "3,267"))
    labels = table.labels()
    assert labels[21] == ("小計", "合計")
    assert labels[5] == labels[6] == ("工資", "成立")
    assert 4 not in labels  # a row label is not labelled by itself


def test_labels_follow_the_header_path_down_the_columns():
    table = read_table(lines("類別", "死亡", "失能", "總計", "件數", "金額", "件數", "金額", "件數", "金額",
                             "核發", "74", "1464", "19", "57", "93", "1521"))
    assert table.labels()[16] == ("核發", "總計 · 金額")


def test_no_grid_when_nothing_fits():
    table = read_table(lines("甲", "乙", "丙"))
    assert table.rows is None and table.header_rows == 0 and not table.checked
    assert table.note and table.cells == ("甲", "乙", "丙")
    assert table.to_json() == {"caption": None, "header_rows": 0, "rows": None, "checked": False,
                               "cells": ["甲", "乙", "丙"]}


# --- the arithmetic never lets a contradicted grid through --------------------------------

DISPUTES = ["類別", "成立", "不成立", "合計", "工資", "1386", "356", "1742", "契約", "995", "294", "1289",
            "職災", "294", "82", "376", "小計", "2675", "732", "3407"]


def test_a_wrong_total_row_leaves_no_grid():
    cells = list(DISPUTES)
    cells[-3] = "2676"  # 小計 of 成立 off by one
    table = read_table(lines(*cells))
    assert table.rows is None and not table.checked
    assert "contradict" in table.note


def test_a_wrong_total_column_leaves_no_grid():
    cells = list(DISPUTES)
    cells[7] = "1743"
    assert read_table(lines(*cells)).rows is None


def test_a_wrong_share_leaves_no_grid():
    table = read_table(lines("方式", "成立", "不成立", "合計", "甲", "1,480", "(70%)", "427", "(30%)", "1,907",
                             "乙", "963", "(71%)", "397", "(29%)", "1,360"))
    assert table.rows is None


def test_the_intact_table_is_checked():
    assert read_table(lines(*DISPUTES)).checked


# --- the real tables ---------------------------------------------------------------------

def real_tables(reports):
    for report in reports.values():
        for i, paragraph in enumerate(report.paragraphs):
            if paragraph.kind == "table":
                lead = report.paragraphs[i - 1].text.split("\n")[-1] if i else ""
                yield paragraph, read_table(paragraph.text, (lead,))


def test_the_reports_tables_whose_figures_add_up_are_checked(reports):
    read = list(real_tables(reports))
    assert len(read) == 11
    checked = [p.id for p, t in read if t.checked]
    assert len(checked) == 9
    for paragraph, table in read:
        if table.rows is not None:
            assert len({len(row) for row in table.rows}) == 1, paragraph.id
            assert table.header_rows >= 1


def test_a_figure_of_a_real_table_is_labelled_by_its_row_and_column(reports):
    for paragraph, table in real_tables(reports):
        if "3,641" in table.cells and "(74%)" not in table.cells:
            index = table.cells.index("3,641")
            assert table.labels()[index] == ("小計", "110年案件數合計")
            assert table.labels()[table.cells.index("1,303")] == ("工資爭議", "成立 · 110年")
            assert table.caption == "1.爭議類別"
            return
    raise AssertionError("the 110 dispute table was not found")


# --- size and generated tables -----------------------------------------------------------

def test_two_thousand_cells_take_little_time():
    rng = random.Random(7)
    inputs = [
        "\n".join(str(rng.randint(0, 999)) for _ in range(2000)),
        "\n".join(rng.choice(["甲乙", "丙", "1", "(1%)", "合計", "備註", "／"]) for _ in range(2000)),
        "\n".join(["角", *(f"欄{i}" for i in range(9))]
                  + [c for r in range(199) for c in [f"列{r}", *(str(rng.randint(1, 99)) for _ in range(9))]]),
    ]
    for text in inputs:
        start = time.process_time()
        read_table(text)
        assert time.process_time() - start < 1.0


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_generated_tables_come_back_exactly(seed):
    expected = generate(random.Random(seed))
    table = read_table("\n".join(expected.lines))
    assert table.rows is not None, expected.lines
    assert grid(table) == expected.rows
    assert table.header_rows == expected.header_rows
    assert table.caption == expected.caption
    assert table.checked


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.integers(min_value=0, max_value=2**32 - 1), st.integers(min_value=1, max_value=2))
def test_a_generated_table_with_a_wrong_total_is_never_checked(seed, back):
    """The last figure printed, or the one before it, takes part in the table's total."""
    expected = generate(random.Random(seed))
    figures = [i for i, line in enumerate(expected.lines) if line[:1].isdigit() and "%" not in line]
    cells = list(expected.lines)
    i = figures[-back]
    cells[i] = cells[i][:-1] + str((int(cells[i][-1]) + 1) % 10)
    table = read_table("\n".join(cells))
    assert table.rows is None or not table.checked


TOKENS = ["甲", "乙丙", "成立", "與否", "合計", "小計", "備註", "件數／", "(30萬)", "6-10級", "12", "1,480",
          "(78%)", "61.17%", "-", "0", "3.5", "（", "%", "／", "統計表", "  ", ""]


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(TOKENS), max_size=60), st.lists(st.sampled_from(TOKENS), max_size=2))
def test_any_input_gives_a_table_that_keeps_every_cell(tokens, leads):
    table = read_table("\n".join(tokens), tuple(leads))
    assert table.cells == tuple(t.strip() for t in tokens if t.strip())
    if table.rows is None:
        assert table.header_rows == 0 and not table.checked and table.note
        return
    assert len({len(row) for row in table.rows}) == 1
    assert [len(row) for row in table.sources] == [len(row) for row in table.rows]
    used = {i for row in table.sources for cell in row for i in cell}
    title = {0} if table.caption is not None and table.caption == table.cells[0] else set()
    assert used | title == set(range(len(table.cells)))
    for i, (row_label, column_label) in table.labels().items():
        assert 0 <= i < len(table.cells) and isinstance(row_label, str) and isinstance(column_label, str)
