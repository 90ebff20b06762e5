"""The table benchmark: how a recovered grid's figures are labelled and compared with the
reading by hand, and that the reading itself is a well-formed description of the corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.tables import (READING, Figure, column_label, is_figure, labelled_figures, measure, row_label,
                          same_caption, same_label, score_table, table_paragraphs)
from indexer.grids import Table

GRID = (("成立與否 爭議類別", "成立", "不成立", "合計", "備註"),
        ("成立與否 爭議類別", "110年", "110年", "合計", "備註"),
        ("工資爭議", "1,303 (74%)", "459 (26%)", "1,762", "含撤案"),
        ("小計", "1,303 (74%)", "459 (26%)", "1,762", "含撤案"))


def reading_of(rows, header_rows, figures) -> dict:
    return {"id": "t", "cells": [], "caption": None, "header_rows": header_rows,
            "rows": [list(r) for r in rows] if rows else None, "figures": figures}


def table(rows, header_rows=2, checked=False) -> Table:
    return Table(None, header_rows, rows, checked, ())


def test_a_figure_is_a_number_a_rate_a_number_with_its_percentage_or_a_dash():
    assert all(is_figure(c) for c in ["3,641", "61.17%", "1.82", "1,480 (78%)", "1480\n(78%)", "-", "0"])
    assert not any(is_figure(c) for c in ["110年", "(至12/31止)", "工資爭議", "", "6-10級"])


def test_a_row_is_labelled_by_its_cells_before_the_first_figure():
    assert row_label(["工資爭議", "1,303", "459", "備註"]) == "工資爭議"
    assert row_label(["小計", "小計", "3,641"]) == "小計"
    assert row_label(["1", "交通部"]) == ""


def test_a_column_is_labelled_by_its_header_cells_a_spanned_one_once():
    assert column_label(GRID[:2], 1) == "成立 · 110年"
    assert column_label(GRID[:2], 3) == "合計"


def test_labels_match_whatever_whitespace_joined_a_split_cell():
    joined = Figure("1,480 (78%)", "民間團體調處", "成立與否 · 110年")
    split = Figure("1,480(78%)", "民間 團體調處", "成立 與否 · 110年")
    assert same_label(joined, split)


LABEL = st.text(alphabet="成立與否爭議類別小計年0123456789·()%", min_size=1, max_size=12)


@given(LABEL, st.lists(st.integers(0, 12), max_size=4), st.sampled_from([" ", "\n", "\u3000", "  "]))
def test_whitespace_anywhere_in_a_label_is_forgiven(label, cuts, space):
    spaced = label
    for cut in sorted(set(cuts), reverse=True):
        spaced = spaced[:cut] + space + spaced[cut:]
    assert same_label(Figure("1", label, label), Figure("1", spaced, spaced))


@given(LABEL, LABEL)
def test_labels_differing_in_anything_but_whitespace_do_not_match(a, b):
    assert same_label(Figure("1", a, "c"), Figure("1", b, "c")) == (a == b)


def test_labels_do_not_match_under_another_column():
    assert not same_label(Figure("459", "工資爭議", "成立 · 110年"), Figure("459", "工資爭議", "不成立 · 110年"))
    assert not same_label(Figure("459", "工資爭議", "成立"), Figure("459", "工資爭議", "成立 · 110年"))


def test_a_grid_read_as_in_the_reading_labels_every_figure():
    figures = [f.__dict__ for f in labelled_figures(GRID, 2)]
    score = score_table(reading_of(GRID, 2, figures), table(GRID, checked=True))
    assert (score.figures, score.labelled, score.wrong_checked, score.exact, score.recovered) == (6, 6, False, True, True)


def test_a_value_printed_twice_must_be_found_under_both_labels():
    figures = [f.__dict__ for f in labelled_figures(GRID, 2)]
    one_row = GRID[:3] + (("小計", "", "", "", ""),)
    assert score_table(reading_of(GRID, 2, figures), table(one_row)).labelled == 3


def test_a_checked_grid_with_a_header_row_taken_for_the_body_is_wrong():
    figures = [f.__dict__ for f in labelled_figures(GRID, 2)]
    score = score_table(reading_of(GRID, 2, figures), table(GRID, header_rows=1, checked=True))
    # only 合計, which spans both header rows, keeps its label
    assert score.labelled == 2 and score.wrong_checked and not score.recovered
    assert score.missed[0]["recovered"][0]["column"] == "成立"


def test_no_grid_labels_nothing_and_cannot_be_checked_wrong():
    figures = [f.__dict__ for f in labelled_figures(GRID, 2)]
    score = score_table(reading_of(GRID, 2, figures), Table(None, 0, None, False, ()))
    assert (score.labelled, score.grid, score.wrong_checked) == (0, False, False)


def test_a_caption_matches_the_reading_or_an_alternative_it_accepts():
    read = {"caption": "1.爭議類別", "caption_also": ["110年受理勞資爭議案件統計表"]}
    assert same_caption(read, "1. 爭議類別") and same_caption(read, "110年受理勞資爭議案件統計表")
    assert not same_caption(read, None) and not same_caption(read, "2.處理方式")
    assert same_caption({"caption": None}, None) and not same_caption({"caption": None}, "類別")


@pytest.fixture(scope="module")
def reading() -> list[dict]:
    return json.loads(Path(READING).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def paragraphs(corpus_dir):
    return table_paragraphs(corpus_dir)


def test_the_reading_covers_every_table_paragraph_by_its_cells(reading, paragraphs):
    assert sorted(r["cells"] for r in reading) == sorted(cells for _id, cells, _leads in paragraphs)
    assert {r["id"] for r in reading} == {pid for pid, _cells, _leads in paragraphs}


def test_every_grid_of_the_reading_is_rectangular_with_its_headers_inside(reading):
    for r in reading:
        if r["rows"] is None:
            assert r["header_rows"] == 0 and r["figures"] == [], r["id"]
            continue
        assert len({len(row) for row in r["rows"]}) == 1, r["id"]
        assert 0 <= r["header_rows"] <= len(r["rows"]), r["id"]


def test_every_figure_of_the_reading_is_in_its_grid_under_its_labels(reading):
    for r in reading:
        cells = {c for row in r["rows"] or [] for c in row}
        in_grid = labelled_figures(r["rows"], r["header_rows"])
        for spec in r["figures"]:
            assert spec["value"] in cells, (r["id"], spec)
            assert any(same_label(Figure(spec["value"], spec["row"], spec["column"]), f) for f in in_grid), (r["id"], spec)


def test_every_cell_of_a_paragraph_is_in_the_grid_read_from_it(reading):
    for r in reading:
        if r["rows"] is None:
            continue
        grid = "".join(c for row in r["rows"] for c in row).replace(" ", "")
        assert all(line.strip().replace(" ", "") in grid for line in r["cells"]), r["id"]


def test_the_measurement_counts_every_figure_of_the_reading(reading, paragraphs):
    result = measure(reading, paragraphs)
    assert result["figures"] == sum(len(r["figures"]) for r in reading)
    assert result["tables"] == len(reading) and not result["unread_paragraphs"]
    assert 0 <= result["labelled"] <= result["figures"]
