"""A table paragraph laid out for a page, from the grid stored at build time.

The grid (:class:`indexer.grids.Table`, stored as its ``to_json()``) repeats a spanned
header in each column it covers; a page shows it once across them (``colspan``), and a
header cell repeated in the header row below it once down them (``rowspan``). The body
rows' leading label cells are row headers, figures are right-aligned. A table without a
grid (``rows`` null, or an index built before grids were stored) is its cells in reading
order, as printed.
"""
from __future__ import annotations

import csv
import io

from indexer.tablecells import from_json, is_figure, label_columns


def cells(text: str) -> list[str]:
    """The non-empty cells of a table paragraph's text, in reading order."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def _spans(row: tuple[str, ...], merge_upto: int) -> list[dict]:
    """The row's cells with equal neighbours (among the first ``merge_upto``) as one."""
    out: list[dict] = []
    for c, text in enumerate(row):
        if out and c < merge_upto and text and out[-1]["text"] == text and out[-1]["start"] + out[-1]["colspan"] == c:
            out[-1]["colspan"] += 1
        else:
            out.append({"text": text, "start": c, "colspan": 1, "rowspan": 1})
    return out


def _head(rows: tuple[tuple[str, ...], ...]) -> list[list[dict]]:
    """Header rows, spanned cells merged across and down."""
    head: list[list[dict]] = []
    above: dict[tuple[int, int], dict] = {}  # (start, colspan) -> the cell that may span down
    for row in rows:
        here: list[dict] = []
        reach: dict[tuple[int, int], dict] = {}
        for cell in _spans(row, len(row)):
            key = (cell["start"], cell["colspan"])
            top = above.get(key)
            if top is not None and cell["text"] and top["text"] == cell["text"]:
                top["rowspan"] += 1
                reach[key] = top
                continue
            here.append(cell)
            reach[key] = cell
        for cell in here:
            cell["header"], cell["figure"] = bool(cell["text"]), False
        head.append(here)
        above = reach
    return head


def _body(rows: tuple[tuple[str, ...], ...], leading: int) -> list[list[dict]]:
    out = []
    for row in rows:
        spans = _spans(row, leading)
        for cell in spans:
            cell["header"] = cell["start"] < leading and bool(cell["text"])
            cell["figure"] = cell["start"] >= leading and is_figure(cell["text"])
        out.append(spans)
    return out


def table_layout(text: str, table: dict | None) -> dict:
    """What the template draws for a table paragraph: ``caption``, ``checked``, and either
    ``head`` and ``body`` (rows of cells with ``text``, ``colspan``, ``rowspan``,
    ``header``, ``figure``) or, with no grid, ``cells`` (``head`` and ``body`` None)."""
    if not table or table.get("rows") is None:
        caption = table.get("caption") if table else None
        listed = list(table["cells"]) if table and table.get("cells") else cells(text)
        return {"caption": caption, "checked": False, "head": None, "body": None, "cells": listed}
    grid = from_json(table)
    return {"caption": grid.caption, "checked": grid.checked, "cells": list(grid.cells),
            "head": _head(grid.rows[:grid.header_rows]),
            "body": _body(grid.rows[grid.header_rows:], label_columns(grid))}


def table_csv(text: str, table: dict | None) -> str:
    """The table as CSV: its rows when it has a grid (headers first, a spanned header in
    each column it covers, as stored), else one cell per line. No caption line: the file
    is the grid alone, so that a spreadsheet reads it as one."""
    rows = table.get("rows") if table else None
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if rows is not None:
        writer.writerows(rows)
    else:
        writer.writerows([cell] for cell in (table.get("cells") if table else None) or cells(text))
    return out.getvalue()
