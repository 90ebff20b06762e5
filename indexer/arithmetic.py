"""The arithmetic a table carries about itself: totals and shares.

A grid read from flattened cells is only as good as its layout guess; the reports' tables
check themselves (a total row or column is the sum of its parts, a percentage is a figure's
share), so a layout under which those checks hold is very likely the printed one, and a
layout under which a total fails is wrong, or the table is. ``audit`` returns how many
relations held and whether any was contradicted; the layout search scores with it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

TOTAL_WORDS = re.compile(r"合計|小計|總計|總數|^計$|^共計|total", re.IGNORECASE)
FIGURE = re.compile(r"^([-+]?\d[\d,，]*(?:\.\d+)?)(%?)(?:\s*[(（]\s*(\d+(?:\.\d+)?)\s*%\s*[)）])?$")
DASHES = {"-", "－", "—", "–", "…"}


@dataclass(frozen=True)
class Value:
    """A body cell read as a figure.

    :param amount: the figure (None for a dash or a text cell).
    :param decimals: digits after the point, which set the rounding tolerance.
    :param share: the percentage printed with it, ``1,480 (78%)`` -> 78.
    :param percent: the figure itself is a percentage (``61.17%``).
    """

    amount: float | None
    decimals: int = 0
    share: float | None = None
    share_decimals: int = 0
    percent: bool = False


@lru_cache(maxsize=8192)
def value_of(cell: str) -> Value:
    text = cell.replace(" ", "").replace("，", ",")
    if text in DASHES:
        return Value(None)
    found = FIGURE.match(text)
    if not found:
        return Value(None)
    number, percent, share = found.groups()
    digits = number.replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    share_decimals = len(share.split(".")[1]) if share and "." in share else 0
    return Value(float(digits), decimals, float(share) if share else None, share_decimals, bool(percent))


@lru_cache(maxsize=4096)
def is_total_label(label: str) -> bool:
    return bool(TOTAL_WORDS.search(label.replace(" ", "")))


@dataclass(frozen=True)
class Audit:
    """What the arithmetic said about one layout.

    :param confirmed: relations that held (a total, a set of shares).
    :param contradicted: a relation that should hold did not (a labelled total that is not
        the sum, a relation holding in most places but failing in one, a wrong share).
    """

    confirmed: int
    contradicted: bool
    notes: tuple[str, ...] = ()
    agreeing: int = 0


def close(total: float, parts: float, decimals: int) -> bool:
    return abs(total - parts) <= 0.5 * 10 ** -decimals + 1e-9


def sum_holds(values: list[list[Value]], total: int, parts: list[int], rows: list[int]) -> list[bool]:
    """Per row: does column ``total`` equal the sum of columns ``parts``? (rows lacking a
    figure in any of them are left out)."""
    held = []
    for r in rows:
        cells = [values[r][c] for c in [total, *parts]]
        if any(v.amount is None or v.percent for v in cells):
            continue
        decimals = max(v.decimals for v in cells)
        held.append(close(cells[0].amount, sum(v.amount for v in cells[1:]), decimals))
    return held


def judge(held: list[bool], labelled: bool) -> tuple[int, bool]:
    """(confirmed, contradicted) for one relation checked at several places: it is
    contradicted when it claims to be a total (its label says so) or holds in most places
    but fails in some (a misprint or a wrong layout, never a coincidence)."""
    good = sum(held)
    bad = len(held) - good
    if not held:
        return 0, False
    if not bad:
        return 1, False
    return 0, labelled or (good >= 2 and good >= bad)


def column_totals(body, columns, labelled_totals, strides) -> tuple[int, bool, list[int]]:
    """Columns equal, in every row, to the sum of the other columns of their stride class
    (stride 1: all others; stride 2: every other column, as under headers spanning two);
    the class's leading column may stand apart (a budget before the counts). A column
    whose header says it is a total must be one."""
    confirmed, contradicted, totals = 0, False, []
    figures = tuple(tuple(row[c] for c in columns) for row in body)
    for i, (ok, partial, tested, weak) in column_verdicts(figures, tuple(c - columns[0] for c in columns), strides):
        j = columns[i]
        if ok or weak and j in labelled_totals:
            confirmed += 1
            totals.append(j)
        elif partial or tested and j in labelled_totals:
            contradicted = True
    return confirmed, contradicted, totals


@lru_cache(maxsize=256)
def column_verdicts(figures, offsets, strides) -> list[tuple[int, tuple[bool, bool, bool]]]:
    """Per figure column (its index in ``figures`` rows): (is a total, holds mostly but not
    everywhere, was tested, holds where too few figures take part to tell by itself). ``offsets`` place the columns for the stride classes. Each
    class is summed once per row, a column's parts being the sum less itself."""
    values = values_of(figures)
    plain = [c for c in range(len(offsets)) if not any(row[c].percent for row in values)]
    verdicts: dict[int, list[tuple[int, bool]]] = {j: [] for j in plain}
    weak = dict.fromkeys(plain, False)
    for stride in strides:
        classes: dict[int, list[int]] = {}
        for c in plain:
            classes.setdefault(offsets[c] % stride, []).append(c)
        for members in classes.values():
            if len(members) < 3:
                continue
            complete = [row for row in values if all(row[c].amount is not None for c in members)]
            sums = [sum(row[c].amount for c in members) for row in complete]
            places = [max(row[c].decimals for c in members) for row in complete]
            for j in members:
                parts = [c for c in members if c != j]
                for skip in ((None, parts[0]) if len(parts) > 2 else (None,)):
                    count = len(parts) - (skip is not None)
                    held = [close(row[j].amount, total - row[j].amount - (row[skip].amount if skip is not None else 0),
                                  decimals) for row, total, decimals in zip(complete, sums, places)]
                    if len(complete) * count < 3 and not all(row[j].amount >= 100 for row in complete):
                        weak[j] = weak[j] or bool(held) and all(held)  # 1 + 2 = 3 proves little
                        continue
                    verdicts[j].append(judge(held, False))
    return [(j, (any(ok for ok, _ in v), any(bad for _, bad in v), bool(v), weak[j])) for j, v in verdicts.items()]


def row_totals(figures, labelled_rows) -> tuple[int, bool]:
    """A first or last body row equal to the sum of the other rows, column by column;
    ``labelled_rows`` flags the rows whose label says they are totals."""
    return summed_rows(figures, labelled_rows)


@lru_cache(maxsize=256)
def summed_rows(figures, labelled_rows) -> tuple[int, bool]:
    values = values_of(figures)
    columns = range(len(figures[0])) if figures else range(0)
    confirmed, contradicted = 0, False
    count = len(values)
    for t in sorted({0, count - 1}):
        others = [r for r in range(count) if r != t and not labelled_rows[r]]
        if len(others) < 2:
            continue
        held = []
        for c in columns:
            cells = [values[t][c]] + [values[r][c] for r in others]
            if any(v.amount is None or v.percent for v in cells):
                continue
            decimals = max(v.decimals for v in cells)
            held.append(close(cells[0].amount, sum(v.amount for v in cells[1:]), decimals))
        good, bad = judge(held, labelled_rows[t])
        if good and (len(held) * len(others) >= 3 or labelled_rows[t]
                     or all((values[t][c].amount or 0) >= 100 for c in columns)):
            confirmed += 1
        contradicted = contradicted or bad
    return confirmed, contradicted


def shares(values, columns, totals) -> tuple[int, bool]:
    """Percentages printed beside figures: each the figure's share of the row's total column
    or of the sum of the figures that carry a share."""
    confirmed, contradicted = 0, False
    for row in values:
        carrying = [c for c in columns if row[c].share is not None and row[c].amount is not None]
        if not carrying:
            continue
        bases = [sum(row[c].amount for c in carrying)]
        bases += [row[t].amount for t in totals if row[t].amount]
        for c in carrying:
            v = row[c]
            if not any(base and close(v.share, 100 * v.amount / base, v.share_decimals) for base in bases):
                return confirmed, True
        confirmed += 1
    return (1 if confirmed else 0), contradicted


def percent_columns(values, columns) -> tuple[int, bool]:
    """A column of percentages each equal to the ratio of two other columns of its row."""
    confirmed = 0
    for j in columns:
        if not values or not all(row[j].percent for row in values if row[j].amount is not None):
            continue
        if all(row[j].amount is None for row in values):
            continue
        pairs = [(a, b) for a in columns for b in columns if len({a, b, j}) == 3]
        for a, b in pairs:
            ok = True
            for row in values:
                p, x, y = row[j], row[a], row[b]
                if p.amount is None:
                    continue
                if x.amount is None or not y.amount or x.percent or y.percent or \
                        not close(p.amount, 100 * x.amount / y.amount, p.decimals):
                    ok = False
                    break
            if ok:
                confirmed += 1
                break
    return confirmed, False


def audit(body: tuple[tuple[str, ...], ...], columns: tuple[int, ...], totals: frozenset[int],
          row_labels: tuple[str, ...], strides: tuple[int, ...] = (1,)) -> Audit:
    """Check a layout's body: ``body`` rows of cell texts, ``columns`` the indexes of its
    figure columns, ``totals`` those whose header says they are totals, ``row_labels`` to
    tell which rows say so. Cached: the layouts of one table share a few bodies."""
    return audited(body, columns, totals, row_labels, strides)


@lru_cache(maxsize=64)
def values_of(body: tuple[tuple[str, ...], ...]) -> list[list[Value]]:
    return [[value_of(cell) for cell in row] for row in body]


@lru_cache(maxsize=256)
def audited(body, columns, totals, row_labels, strides) -> Audit:
    values = values_of(body)
    if not values or not columns:
        return Audit(0, False)
    c_ok, c_bad, found = column_totals(body, columns, totals, strides)
    figures = tuple(tuple(row[c] for c in columns) for row in body)
    r_ok, r_bad = row_totals(figures, tuple(is_total_label(label) for label in row_labels))
    s_ok, s_bad = shares(values, columns, found)
    p_ok, _ = percent_columns(values, columns)
    notes = tuple(n for n, bad in (("column total", c_bad), ("row total", r_bad), ("share", s_bad)) if bad)
    agreeing = len(set(found) & totals)
    return Audit(c_ok + r_ok + s_ok + p_ok, c_bad or r_bad or s_bad, notes, agreeing)
