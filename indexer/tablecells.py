"""What each body cell of a recovered table means: its row label and its column label.

A figure read alone (``3,641``) says nothing; with the labels of its row and column
(``小計 · 110年案件數合計 · 3,641``) it can be cited. The labels come from the grid alone
(:class:`indexer.grids.Table`), whatever layout the recovery chose: the row label is the
body row's leading label cells, the column label the header rows' cells of that column.
A table without a grid (``rows`` None) has no labelled cells.
"""
from __future__ import annotations

import re

from .grids import Table

SEPARATOR = " · "
DASHES = re.compile(r"^[-－—–]+$")
NUMERIC = re.compile(r"[\d,，.\-+%％()（）/／~～\s]+")


def is_figure(cell: str) -> bool:
    """A cell that holds a figure (``1,480``, ``(78%)``, ``1,480 (78%)``) or a dash for
    none: right-aligned on a page, and never a label."""
    text = cell.strip()
    return bool(DASHES.match(text)) or (bool(NUMERIC.fullmatch(text)) and any(ch.isdigit() for ch in text))


def from_json(data: dict) -> Table:
    """The :class:`Table` a stored ``to_json()`` object describes."""
    rows = data.get("rows")
    return Table(data.get("caption"), int(data.get("header_rows") or 0),
                 tuple(tuple(str(c) for c in row) for row in rows) if rows is not None else None,
                 bool(data.get("checked")), tuple(str(c) for c in data.get("cells") or ()))


def label_columns(table: Table) -> int:
    """How many leading columns hold the body rows' labels: those in which no body cell is
    a figure, leaving at least one column of values (0 when the first column holds figures,
    as a column of item numbers does)."""
    if not table.rows:
        return 0
    width = max(len(row) for row in table.rows)
    body = table.rows[table.header_rows:]
    count = 0
    while count < width - 1 and body and not any(count < len(row) and is_figure(row[count]) for row in body):
        count += 1
    return count


def joined(parts) -> str:
    """Non-empty parts joined by :data:`SEPARATOR`, a part equal to the one before it left
    out (a spanned cell is repeated in every row or column it covers)."""
    out: list[str] = []
    for part in parts:
        part = " ".join(str(part).split())
        if part and (not out or out[-1] != part):
            out.append(part)
    return SEPARATOR.join(out)


def labels(table: Table) -> dict[tuple[int, int], tuple[str, str]]:
    """Each body value cell, as (row index, column index) in ``table.rows``, -> (row label,
    column label). Label cells themselves are not listed. Empty for a table without a grid."""
    if not table.rows:
        return {}
    leading = label_columns(table)
    headers = table.rows[:table.header_rows]
    out: dict[tuple[int, int], tuple[str, str]] = {}
    for r in range(table.header_rows, len(table.rows)):
        row = table.rows[r]
        row_label = joined(row[:leading])
        for c in range(leading, len(row)):
            out[(r, c)] = (row_label, joined(h[c] for h in headers if c < len(h)))
    return out
