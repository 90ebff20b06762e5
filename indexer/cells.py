"""Cells as the flattening left them, and how pieces of one cell are put back together.

A table's text has one line per cell, but some cells were broken over two lines: a label
and its bracketed note, a label ending in ``／`` and the rest, a figure and its percentage,
a label and a range that qualifies it (6-10級), fragments of the corner's words. Pieces that
cannot stand alone are joined at once (``units_of``); others are joined only when a layout
needs fewer cells than lines, at the boundaries least likely to separate two cells
(``join_cost``, ``boundaries``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .arithmetic import DASHES, FIGURE

RANGE = re.compile(r"^\d+\s*[-~～－]\s*\d+")
WHOLE = re.compile(r"^(?:合計|小計|總計|共計|計|備註|total)$", re.IGNORECASE)
SHARE = re.compile(r"^[(（]\s*\d+(?:\.\d+)?\s*%\s*[)）]$")
OPENING = ("(", "（")
CLOSING = (")", "）")
CONNECTORS = ("／", "/", "、", "及", "與", "-", "－")


@dataclass(frozen=True)
class Unit:
    """One cell as the flattening left it: its text and the cell lines it was made of."""

    text: str
    lines: tuple[int, ...]
    figure: bool


EMPTY = Unit("", (), False)


def is_figure(text: str) -> bool:
    compact = text.replace(" ", "").replace("，", ",")
    return compact in DASHES or bool(FIGURE.match(compact))


def glue(a: str, b: str) -> str:
    """Two pieces of one cell: a space only between Latin words or before a share."""
    if not a or not b:
        return a or b
    if a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and (b[0].isalnum() or b[0] in OPENING) \
            or SHARE.match(b) and is_figure(a):
        return f"{a} {b}"
    return a + b


def join(units: list[Unit]) -> Unit:
    text = ""
    for unit in units:
        text = glue(text, unit.text)
    return Unit(text, tuple(i for u in units for i in u.lines), all(u.figure for u in units))


def units_of(lines: list[str]) -> list[Unit]:
    """Cell lines merged where the pieces cannot stand alone: a percentage in brackets after
    a figure, a bracketed note after a label, a label ending in a connector and the next."""
    units: list[Unit] = []
    for i, line in enumerate(lines):
        figure = is_figure(line)
        if units:
            last = units[-1]
            if SHARE.match(line) and last.figure and "%" not in last.text \
                    or not figure and line.startswith(OPENING) and not last.figure and last.text \
                    or not figure and not last.figure and last.text.endswith(CONNECTORS):
                units[-1] = Unit(glue(last.text, line), last.lines + (i,), last.figure)
                continue
        units.append(Unit(line, (i,), figure))
    return units


def join_cost(a: str, b: str) -> float:
    """How unlikely two neighbouring units are one cell broken in two."""
    if a.endswith(CLOSING) or a == b or WHOLE.match(a) or WHOLE.match(b):
        return 4.0
    if RANGE.match(b) and not a[-1:].isdigit():
        return 0.25  # a range (6-10級) after a label qualifies it
    if len(a) <= 2 and len(b) <= 2:
        return 0.75
    return 2.0


@lru_cache(maxsize=2048)
def boundaries(units: tuple[Unit, ...], count: int, weight: float) -> tuple[frozenset[int], float] | None:
    """Which boundaries to join to leave ``count`` cells, and what that costs."""
    if count <= 0 or count > len(units):
        return None
    if count == len(units):
        return frozenset(), 0.0
    costs = sorted((join_cost(units[i].text, units[i + 1].text), i) for i in range(len(units) - 1))
    chosen = costs[:len(units) - count]
    return frozenset(i for _, i in chosen), weight * sum(c for c, _ in chosen)


def merged(units: list[Unit], chosen: frozenset[int]) -> list[Unit]:
    cells, run = [], [units[0]]
    for i in range(1, len(units)):
        if i - 1 in chosen:
            run.append(units[i])
        else:
            cells.append(join(run))
            run = [units[i]]
    cells.append(join(run))
    return cells
