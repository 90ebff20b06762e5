"""Tables read back as grids from the cells the text files flattened one per line.

The contract (``Table``) is what export, search hits and ``/api/paragraphs/<id>`` carry
for every ``table`` paragraph. ``read_table`` is pure: cell lines in, a ``Table`` out.
When no layout is plausible, ``rows`` is None and the cells are kept as they are: a grid
the numbers contradict must never be presented.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER = re.compile(r"^[-+]?[\d,，.]+%?$|^[(（][\d,.]+%?[)）]$|^-$")
MAX_COLUMNS = 8


@dataclass(frozen=True)
class Table:
    """A table paragraph read as a grid.

    :param caption: the lead-in line that names the table, when there is one.
    :param header_rows: how many of ``rows`` are headers (0 when ``rows`` is None).
    :param rows: every row the same length, a spanned header repeated in each column it
        covers; None when no grid was found.
    :param checked: totals or percentages confirmed the layout.
    :param cells: the original cell lines, in reading order.
    """

    caption: str | None
    header_rows: int
    rows: tuple[tuple[str, ...], ...] | None
    checked: bool
    cells: tuple[str, ...]

    def to_json(self) -> dict:
        return {"caption": self.caption, "header_rows": self.header_rows,
                "rows": [list(r) for r in self.rows] if self.rows is not None else None,
                "checked": self.checked, "cells": list(self.cells)}


def cell_lines(text: str) -> list[str]:
    """The non-empty cells of a table paragraph, in reading order."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def is_number(cell: str) -> bool:
    return bool(NUMBER.match(cell.replace(" ", "")))


def read_table(text: str, leads: tuple[str, ...] = ()) -> Table:
    """The grid of a table paragraph's text (cells joined by newlines).

    :param leads: the lead-in lines the paragraph sits under, nearest last (a caption
        candidate such as ``2.處理方式``).

    Baseline layout: one column count that explains every row, a label followed by
    numbers under one header row of labels; unchecked.
    """
    found = cell_lines(text)
    for columns in range(2, MAX_COLUMNS + 1):
        if len(found) % columns or len(found) // columns < 2:
            continue
        rows = [tuple(found[i:i + columns]) for i in range(0, len(found), columns)]
        header, body = rows[0], rows[1:]
        if any(is_number(cell) for cell in header):
            continue
        if all(not is_number(row[0]) and all(is_number(cell) for cell in row[1:]) for row in body):
            return Table(None, 1, tuple(rows), False, tuple(found))
    return Table(None, 0, None, False, tuple(found))
