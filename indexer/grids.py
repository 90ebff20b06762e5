"""Tables read back as grids from the cells the text files flattened one per line.

The contract (``Table``) is what export, search hits and ``/api/paragraphs/<id>`` carry
for every ``table`` paragraph. ``read_table`` is pure: cell lines in, a ``Table`` out.
Candidate layouts come from :mod:`indexer.layouts`; each is scored by how little guessing
it took and, above all, by the arithmetic it passes (:mod:`indexer.arithmetic`). When no
layout is plausible, ``rows`` is None and the cells are kept as they are: a grid the
numbers contradict must never be presented.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from .arithmetic import audit, is_total_label
from .cells import is_figure, units_of
from .layouts import Candidate, Layout, layouts

MAX_LAYOUTS = 3000
MAX_COST = 6.0
CONFIRMED_WEIGHT = 3.0
AGREEING_WEIGHT = 0.5  # per total the arithmetic found whose header calls it one
TITLE = re.compile(r"表$")
CAPTION = re.compile(r"^(?:\d+[.、]|[(（]?[一二三四五六七八九十\d]+[)）、.])")


@dataclass(frozen=True)
class Table:
    """A table paragraph read as a grid.

    :param caption: the lead-in line that names the table, when there is one.
    :param header_rows: how many of ``rows`` are headers (0 when ``rows`` is None).
    :param rows: every row the same length, a spanned header repeated in each column it
        covers; None when no grid was found.
    :param checked: totals or percentages confirmed the layout.
    :param cells: the original cell lines, in reading order.
    :param sources: parallel to ``rows``: for each grid position the indexes into ``cells``
        of the lines it was made of (two for a cell the flattening broke in two, none for an
        empty cell; a spanned cell names the same lines in every position it covers).
    :param label_column: the column of ``rows`` holding the body's row labels.
    :param note: why ``rows`` is None, or what the arithmetic found wrong.
    """

    caption: str | None
    header_rows: int
    rows: tuple[tuple[str, ...], ...] | None
    checked: bool
    cells: tuple[str, ...]
    sources: tuple[tuple[tuple[int, ...], ...], ...] | None = field(default=None, compare=False)
    label_column: int = field(default=0, compare=False)
    note: str | None = field(default=None, compare=False)

    def to_json(self) -> dict:
        return {"caption": self.caption, "header_rows": self.header_rows,
                "rows": [list(r) for r in self.rows] if self.rows is not None else None,
                "checked": self.checked, "cells": list(self.cells)}

    def column_label(self, column: int) -> str:
        """The header path above a column, top to bottom, a spanned label named once."""
        path: list[str] = []
        for row in (self.rows or ())[:self.header_rows]:
            if row[column] and row[column] not in path:
                path.append(row[column])
        return " · ".join(path)

    def labels(self) -> dict[int, tuple[str, str]]:
        """For each cell line (index into ``cells``) in the body of the grid but the row
        labels: (row label, column label), as a hit snippet names a figure."""
        out: dict[int, tuple[str, str]] = {}
        if self.rows is None or self.sources is None:
            return out
        for r in range(self.header_rows, len(self.rows)):
            row_label = self.rows[r][self.label_column]
            for c, lines in enumerate(self.sources[r]):
                if c == self.label_column:
                    continue
                for i in lines:
                    out.setdefault(i, (row_label, self.column_label(c)))
        return out


def cell_lines(text: str) -> list[str]:
    """The non-empty cells of a table paragraph, in reading order."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def is_number(cell: str) -> bool:
    """A cell holding a figure (1,480; 61.17%; 1,480 (78%); a dash for none)."""
    return is_figure(cell)


def caption_of(lines: list[str], leads: tuple[str, ...]) -> tuple[str | None, int]:
    """The caption and how many leading cell lines it takes: a first cell that titles the
    table (…表), else the nearest lead-in when it is a short numbered heading
    (``2.處理方式``) or a title, not a sentence."""
    if len(lines) > 2 and TITLE.search(lines[0]) and not is_figure(lines[0]):
        return lines[0], 1
    text = leads[-1].strip().rstrip("：:") if leads else ""
    if text and len(text) <= 30 and not text.endswith(("。", "；")) and (CAPTION.match(text) or TITLE.search(text)):
        return text, 0
    return None, 0


def figure_columns(width: int, label_column: int, remark_column: int | None) -> tuple[int, ...]:
    return tuple(c for c in range(width) if c not in (label_column, remark_column))


def texts(rows) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(u.text for u in row) for row in rows)


def ceiling(candidate: Candidate) -> float:
    """The best score a candidate can reach, whatever its header: its body's arithmetic as if
    every column were labelled a total (which confirms the most), less its cost."""
    body = texts(candidate.body)
    columns = figure_columns(len(body[0]), candidate.label_column, candidate.remark_column)
    found = audit(body, columns, frozenset(columns), tuple(row[candidate.label_column] for row in body),
                  candidate.strides)
    return (CONFIRMED_WEIGHT + AGREEING_WEIGHT) * found.confirmed - candidate.cost


def score(layout: Layout) -> tuple[float, bool, int, str | None]:
    """(score, checked, relations confirmed, what was contradicted) for one layout."""
    body = texts(layout.body)
    width = len(body[0])
    totals = frozenset(c for c in range(width) if any(is_total_label(row[c].text) for row in layout.header))
    columns = figure_columns(width, layout.label_column, layout.remark_column)
    found = audit(body, columns, totals, tuple(row[layout.label_column] for row in body), layout.strides)
    bad = ", ".join(found.notes) if found.contradicted else None
    value = CONFIRMED_WEIGHT * found.confirmed + AGREEING_WEIGHT * found.agreeing - layout.cost
    return value, found.confirmed > 0 and not bad, found.confirmed, bad


def read_table(text: str, leads: tuple[str, ...] = ()) -> Table:
    """The grid of a table paragraph's text (cells joined by newlines).

    :param leads: the lead-in lines the paragraph sits under, nearest last (a caption
        candidate such as ``2.處理方式``).
    """
    found = cell_lines(text)
    caption, skip = caption_of(found, leads)
    units = units_of(found[skip:])
    units = [type(u)(u.text, tuple(i + skip for i in u.lines), u.figure) for u in units]
    best = None  # (score, checked, layout, what contradicted it)
    ranked = sorted(islice(layouts(units), MAX_LAYOUTS), key=lambda c: c.cost)
    ceilings: dict[tuple[int, tuple[int, ...]], float] = {}
    for candidate in ranked:
        if candidate.cost > MAX_COST:
            break
        key = (id(candidate.body), candidate.strides)
        if key not in ceilings:
            ceilings[key] = ceiling(candidate) + candidate.cost
        if best is not None and ceilings[key] - candidate.cost <= best[0]:
            continue
        layout = candidate.layout()
        value, checked, _, bad = score(layout)
        if best is None or value > best[0]:
            best = (value, checked, layout, bad)
    if best is None:
        return Table(caption, 0, None, False, tuple(found), note="no layout fits the cells")
    _, checked, layout, bad = best
    if bad:
        # the likeliest layout breaks a total or share: a less likely one that escapes the
        # check (by calling the total something else) would hide the error, not resolve it
        return Table(caption, 0, None, False, tuple(found), note=f"the figures contradict the likeliest layout ({bad})")
    grid = layout.header + layout.body
    return Table(caption, len(layout.header), tuple(tuple(u.text for u in row) for row in grid), checked,
                 tuple(found), tuple(tuple(u.lines for u in row) for row in grid), layout.label_column,
                 None if checked else "no total or share confirmed the layout")
