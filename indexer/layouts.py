"""Candidate layouts of a flattened table: where the body starts, how many columns, which
lines make one cell, how the header lines fit over the columns.

The text files hold a table as one cell per line, row after row, with three kinds of damage
the layouts undo: a cell broken over two lines (:mod:`indexer.cells`), a header cell
spanning several columns printed once, and a cell spanning several rows (a remark) printed
once; a row short of figures has its last cells empty. A layout is a complete guess;
:mod:`indexer.grids` scores the guesses with :mod:`indexer.arithmetic`. The number of
guesses is bounded (``MAX_HEADER_UNITS``, ``MAX_CORNER``) so that a table costs
milliseconds whatever its size.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from .cells import EMPTY, Unit, boundaries, join, merged

MAX_HEADER_UNITS = 40
CORNER_WEIGHT = 0.2  # the corner often holds two labels (rows' and columns'): joining there is cheap
MAX_CORNER = 4


@dataclass(frozen=True)
class Layout:
    """A guessed grid: header rows and body rows of units, every row ``width`` long.

    :param label_column: the body column holding row labels (0, or the last column).
    :param remark_column: the column of a remark cell spanning the rows, if any.
    :param strides: the widths of repeated header groups (sums run within a stride class).
    :param cost: how much guessing the layout took (joins, spans, irregular rows).
    """

    header: tuple[tuple[Unit, ...], ...]
    body: tuple[tuple[Unit, ...], ...]
    label_column: int
    remark_column: int | None
    strides: tuple[int, ...]
    cost: float


def runs(units: list[Unit]) -> list[list[Unit]]:
    """Maximal runs of text units and of figure units, alternating."""
    out: list[list[Unit]] = []
    for unit in units:
        if out and out[-1][0].figure == unit.figure:
            out[-1].append(unit)
        else:
            out.append([unit])
    return out


def period(units: list[Unit]) -> int:
    texts = [u.text for u in units]
    for p in range(1, len(texts) + 1):
        if len(texts) % p == 0 and texts == texts[:p] * (len(texts) // p):
            return p
    return len(texts)


def headers(units: list[Unit], width: int, remark: bool = False):
    """Ways to set header units over ``width`` columns, the first holding the corner:
    yields (cost, strides, build), ``build()`` making the rows, each ``width`` long. Costs
    come first so that a caller can skip building what cannot win. With ``remark`` the
    last column holds remarks, whose label spans the header rows."""
    if not units:
        yield 0.0, (1,), lambda: ()
        return
    if len(units) > MAX_HEADER_UNITS:
        return
    for k in range(0, min(MAX_CORNER, len(units)) + 1):
        corner = boundaries(tuple(units[:k]), 1, CORNER_WEIGHT) if k else (frozenset(), 1.0)
        if corner is None:
            continue
        corner_cost = corner[1]
        corner_units = units[:k]
        rest = units[k:]
        single = boundaries(tuple(rest), width - 1, 1.0)
        if single:
            yield corner_cost + single[1], (1,), partial(one_row, corner_units, rest, single[0])
        for n in range(min(width - 1, len(rest) - 1), (width - 1 + 1) // 2 - 1, -1):
            a = len(rest) - n
            yield from two_rows(corner_units, corner_cost, rest[:a], rest[a:], width, remark)


def corner_of(units: list[Unit]) -> Unit:
    return join(units) if units else EMPTY


def one_row(corner: list[Unit], rest: list[Unit], chosen: frozenset[int]) -> tuple[tuple[Unit, ...], ...]:
    return ((corner_of(corner), *merged(rest, chosen)),)


def two_rows(corner: list[Unit], corner_cost: float, top: list[Unit], below: list[Unit], width: int,
             remark: bool):
    """A header of group labels over sub-labels; a group without sub-labels spans both rows
    (a total or remark column), and groups with sub-labels share them equally."""
    data = width - 1
    n = len(below)
    if n > data or n * 2 < data:
        return  # sub-labels under fewer than half the columns: not a header row
    p_below = period(below)
    upright_count = data - n
    for spanned in (d for d in range(1, n + 1) if n % d == 0):
        m = spanned + upright_count
        if m > len(top):
            break
        span = n // spanned
        groups = boundaries(tuple(top), m, 1.0)
        if not groups:
            continue
        choices = [tuple(range(spanned, m)), tuple(range(0, upright_count))]
        if upright_count == 1:
            choices += [(g,) for g in range(m)]
        elif upright_count > 1:
            choices.append((0, *range(m - upright_count + 1, m)))
        bonus = 1.0 if p_below < n and span % p_below == 0 else 0.0
        strides = (1, span) if span > 1 else (1,)
        for rank, upright in enumerate(dict.fromkeys(choices)):
            if remark and m - 1 not in upright:
                continue
            lone = 0.5 if m == 1 and not upright_count else 0.0  # one label over every column
            cost = corner_cost + groups[1] + 0.75 + lone + 0.3 * min(rank, 2) - bonus
            yield cost, strides, partial(spread, corner, top, groups[0], below, upright, span)


def spread(corner, top, chosen, below, upright, span) -> tuple[tuple[Unit, ...], ...]:
    """The two header rows: group labels repeated over their columns, sub-labels under them."""
    cell = corner_of(corner)
    first, second = [cell], [cell]
    queue = list(below)
    for g, group in enumerate(merged(top, chosen)):
        if g in upright:
            first.append(group)
            second.append(group)
        else:
            first += [group] * span
            second += queue[:span]
            queue = queue[span:]
    return tuple(first), tuple(second)


def is_years(run: list[Unit]) -> bool:
    """Column headings that look like figures: consecutive years (104, 105, 106 or 2015…)."""
    try:
        years = [int(u.text) for u in run]
    except ValueError:
        return False
    return len(years) >= 2 and all(b == a + 1 for a, b in zip(years, years[1:])) \
        and all(50 <= y <= 200 or 1900 <= y <= 2100 for y in years)


def bodies(units: list[Unit]):
    """Ways to read the body: yields (header units, body rows, label column, remark column,
    cost). Rows are a label then figures (the label may take two lines, a remark may follow
    the first row's figures and span the rows, or follow every row's), or figures then a
    label. Years heading the columns are header labels, not a row of figures."""
    parts = runs(units)
    if not any(part[0].figure for part in parts):
        return
    if len(parts) > 3 and not parts[0][0].figure and is_years(parts[1]):
        headings = {id(u) for u in parts[1]}
        yield from bodies([Unit(u.text, u.lines, False) if id(u) in headings else u for u in units])
    lead = parts[0] if not parts[0][0].figure else []
    rest = parts[1:] if lead else parts
    figures = [p for p in rest if p[0].figure]
    gaps = [p for p in rest if not p[0].figure]
    trailing = gaps[-1] if len(gaps) == len(figures) else []
    between = gaps[:len(figures) - 1]
    depth = max(len(f) for f in figures)
    short = sum(depth - len(f) for f in figures)
    if any(len(f) * 2 < depth for f in figures):
        return
    modes = ["none"]
    if between and len(between[0]) >= 2 and not trailing:
        modes.append("span")
    if trailing and len(trailing) == 1 and all(len(g) >= 2 for g in between):
        modes.append("each")
    for mode in modes:
        labels = [g[1:] if mode == "each" or (mode == "span" and i == 0) else g for i, g in enumerate(between)]
        if mode == "none" and trailing or any(not g or len(g) > 2 for g in labels):
            continue
        irregular = sum(len(g) != 1 for g in labels) * 0.8
        for first in (1, 2):
            if first > len(lead):
                continue
            rows = []
            row_labels = [lead[len(lead) - first:]] + labels
            for i, figs in enumerate(figures):
                cells = [join(row_labels[i])] + list(figs) + [EMPTY] * (depth - len(figs))
                if mode == "each":
                    cells.append((between[i][0] if i < len(between) else trailing[0]))
                elif mode == "span":
                    cells.append(between[0][0])
                rows.append(tuple(cells))
            remark = depth + 1 if mode != "none" else None
            cost = irregular + short + (first - 1) * 0.8
            yield lead[:len(lead) - first], rows, 0, remark, cost
    if trailing and len(trailing) == 1 and all(len(g) == 1 for g in between) and not short:
        rows = [tuple(figs) + (label[0],) for figs, label in zip(figures, between + [trailing])]
        yield lead, rows, depth, None, 1.0


@dataclass(frozen=True)
class Candidate:
    """A layout before its header is built: enough to rank it."""

    body: tuple[tuple[Unit, ...], ...]
    label_column: int
    remark_column: int | None
    strides: tuple[int, ...]
    cost: float
    build: object

    def layout(self) -> Layout:
        return Layout(self.build(), self.body, self.label_column, self.remark_column, self.strides, self.cost)


def layouts(units: list[Unit]):
    """Every candidate layout of the units: each body reading under each header fitting."""
    for lead, rows, label_column, remark, cost in bodies(units):
        width = len(rows[0])
        rows = tuple(rows)
        if label_column == 0:
            fits = headers(lead, width, remark is not None)
        else:
            fits = end_headers(lead, width)
        for header_cost, strides, build in fits:
            yield Candidate(rows, label_column, remark, strides, cost + header_cost, build)


def end_headers(units: list[Unit], width: int):
    """Headers over a body whose labels come last: one label per column, or one title over
    all of them."""
    if not units:
        yield 0.0, (1,), lambda: ()
    elif len(units) == 1:
        yield 0.5, (1,), lambda: ((units[0],) * width,)
    else:
        found = boundaries(tuple(units), width, 1.0)
        if found:
            yield found[1], (1,), lambda: (tuple(merged(units, found[0])),)
