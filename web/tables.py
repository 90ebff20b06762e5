"""Show a table paragraph as a table when its cells allow it.

The text files keep one cell per line and lose the grid, and merged or wrapped header
cells make the column count unknowable in general. A grid is shown only when one column
count explains every row: a text label followed by numbers, under a header row that is
not numbers. Anything else is shown as a compact block of cells, which is honest.
"""
from __future__ import annotations

import re

NUMBER = re.compile(r"^[-+]?[\d,，.]+%?$|^[(（][\d,.]+%?[)）]$|^-$")
MAX_COLUMNS = 8


def cells(text: str) -> list[str]:
    """The non-empty cells of a table paragraph, in reading order."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def is_number(cell: str) -> bool:
    return bool(NUMBER.match(cell.replace(" ", "")))


def table_rows(text: str) -> list[list[str]] | None:
    """Rows of cells, the first being the header; None when no grid explains the cells."""
    found = cells(text)
    for columns in range(2, MAX_COLUMNS + 1):
        if len(found) % columns or len(found) // columns < 2:
            continue
        rows = [found[i:i + columns] for i in range(0, len(found), columns)]
        header, body = rows[0], rows[1:]
        if any(is_number(cell) for cell in header):
            continue
        if all(not is_number(row[0]) and all(is_number(cell) for cell in row[1:]) for row in body):
            return rows
    return None
