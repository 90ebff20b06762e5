"""Align body paragraphs with the leaves of the table of contents.

The body carries no headings: leaf after leaf, in TOC order. Item numbering restarting at
``1.`` is the strongest sign of a new leaf, often with an unnumbered lead-in line just
before it; but some leaves are a single unnumbered paragraph, some restarts are sub-lists,
and heading wording often differs from body wording. So we score every way of cutting the
unit sequence into exactly as many cells as there are leaves, by dynamic programming over
candidate boundaries, and keep the best. Numbering carries most of the weight; word overlap
with the heading breaks ties.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from .paragraphs import Unit

RESTART = 10.0  # a cell opening with `1.`, or a lead-in line followed by `1.`
SWALLOWED_RESTART = 8.0  # a `1.` left inside a cell
CONTINUATION = -30.0  # a cell opening with (1), 2., a table …
AFTER_COLON = -6.0  # a cell opening right after a line that announces more (ends with ：)
EMPTY_CELL = -60.0
LEAD_IN_SPLIT = -10.0  # a lead-in line cut off from the `1.` it introduces
OVERLAP_FIRST = 8.0  # heading overlap with the cell's opening units
OVERLAP_MEAN = 4.0  # heading overlap averaged over the cell
BAND = 512  # candidate boundaries a cell may span at most (a leaf of over 500 paragraphs is not a leaf)
ROWS = 256  # cell ends scored at once (bounds the score matrices to ROWS x BAND)

CJK = re.compile(r"[\u3400-\u9fff]+|[A-Za-z0-9]+")


def bigrams(text: str) -> set[str]:
    grams: set[str] = set()
    for run in CJK.findall(text):
        if len(run) == 1 or run.isascii():
            grams.add(run.lower())
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


@dataclass(frozen=True)
class Alignment:
    """Where each leaf's cell starts (unit index), and which leaves sit on weak evidence."""

    starts: tuple[int, ...]
    weak: tuple[int, ...]  # leaf indexes whose cell does not open at a numbering restart
    strong: int = 0  # how many cells the numbering alone suggests

    def cells(self, n_units: int) -> list[range]:
        ends = self.starts[1:] + (n_units,)
        return [range(s, e) for s, e in zip(self.starts, ends)]


def _is_restart(unit: Unit | None) -> bool:
    return unit is not None and unit.kind == "item" and unit.level == "A" and unit.number == 1


def _is_lead_in(units: list[Unit], j: int) -> bool:
    """An unnumbered line that announces the list after it: a title-like line or one
    ending with a colon, directly followed by `1.`. A full sentence (ending with 。) before a
    `1.` is more often a one-paragraph leaf of its own, and a line with a colon inside it
    (``統計至：104年12月31日止``) is a caption of what came before."""
    unit = units[j]
    text = unit.text.rstrip("：:")
    return (
        unit.kind == "prose"
        and not text.endswith("。")
        and "：" not in text
        and ":" not in text
        and j + 1 < len(units)
        and _is_restart(units[j + 1])
    )


def _boundary_score(units: list[Unit], j: int) -> tuple[float, bool]:
    """Score of a cell opening at unit j, and whether it opens at a numbering restart."""
    unit = units[j]
    prev = units[j - 1] if j > 0 else None
    if _is_restart(unit):
        return RESTART, True
    if unit.kind == "prose":
        score = 0.0
        if prev is not None and prev.last_text.endswith(("：", ":")):
            score += AFTER_COLON
        if _is_lead_in(units, j):
            return score + RESTART, True
        return score, False
    return CONTINUATION, False


def _weights(unit_grams: list[set[str]]) -> dict[str, float]:
    df = Counter(g for grams in unit_grams for g in grams)
    n = len(unit_grams) + 1
    return {g: math.log(n / (c + 0.5)) + 0.1 for g, c in df.items()}


def _similarities(titles: list[str], unit_grams: list[set[str]], idf: dict[str, float]) -> list[np.ndarray]:
    """For each title, the share of its bigrams' weight that each unit carries (a bigram no
    unit has weighs 1). Computed from the units holding each bigram, not by intersecting
    every title with every unit: the cost follows the bigrams, not titles times units."""
    holders: dict[str, list[int]] = {}
    for j, grams in enumerate(unit_grams):
        for g in grams:
            holders.setdefault(g, []).append(j)
    rows = []
    for title in titles:
        row = np.zeros(len(unit_grams))
        grams = sorted(bigrams(title))
        if grams:
            for g in grams:
                if g in holders:
                    row[holders[g]] += idf[g]
            row /= sum(idf.get(g, 1.0) for g in grams)
        rows.append(row)
    return rows


@dataclass(frozen=True)
class _Evidence:
    """What the alignment weighs, per unit and per leaf title."""

    n: int  # units
    sim: list[np.ndarray]  # per title: each unit's share of the title's bigram weight
    prefix: list[np.ndarray]  # per title: running sums of sim
    restart_prefix: list[int]  # running count of numbering restarts
    lead_ins: list[bool]
    boundary: list[tuple[float, bool]]  # score of a cell opening at each unit, and whether at a restart
    candidates: list[int]  # units a cell may open at

    def cell_score(self, li: int, s: int, e: int) -> float:
        """Score of leaf li covering units [s, e)."""
        if e <= s:
            return EMPTY_CELL
        sim, prefix = self.sim[li], self.prefix[li]
        score = self.boundary[s][0] if s > 0 else RESTART
        opening = max(sim[s], 0.5 * sim[s + 1] if s + 1 < e else 0.0)
        score += OVERLAP_FIRST * opening
        score += OVERLAP_MEAN * (prefix[e] - prefix[s]) / (e - s)
        inside = self.restart_prefix[e] - self.restart_prefix[s + 1]
        if self.lead_ins[s] and s + 1 < e:
            inside -= 1  # the `1.` after a lead-in opens this very cell
        if e < self.n and self.lead_ins[e - 1]:
            score += LEAD_IN_SPLIT
        return score - SWALLOWED_RESTART * inside


def _evidence(units: list[Unit], titles: list[str]) -> _Evidence:
    n = len(units)
    unit_grams = [bigrams(u.text) for u in units]
    sim = _similarities(titles, unit_grams, _weights(unit_grams))
    restart_prefix = [0] * (n + 1)
    for j, unit in enumerate(units):
        restart_prefix[j + 1] = restart_prefix[j] + (1 if _is_restart(unit) else 0)
    boundary = [_boundary_score(units, j) for j in range(n)]
    return _Evidence(
        n, sim, [np.concatenate(([0.0], np.cumsum(row))) for row in sim], restart_prefix,
        [_is_lead_in(units, j) for j in range(n)], boundary,
        [0] + [j for j in range(1, n) if boundary[j][0] > CONTINUATION],
    )


def align(units: list[Unit], titles: list[str]) -> Alignment:
    """Choose where each of ``len(titles)`` leaves starts in ``units``.

    :param units: the body's paragraph units in order.
    :param titles: leaf heading titles in TOC order.
    :returns: one start per leaf; leaves beyond the units get empty cells at the end.
    """
    n, k = len(units), len(titles)
    if k == 0:
        return Alignment((), (), 0)
    if n == 0:
        return Alignment(tuple([0] * k), tuple(range(k)), 0)

    ev = _evidence(units, titles)
    sim, prefix, lead_ins, boundary, candidates = ev.sim, ev.prefix, ev.lead_ins, ev.boundary, ev.candidates
    restart_prefix, cell_score = ev.restart_prefix, ev.cell_score

    # best[li][c]: best score with leaf li starting at candidates[c]; cells before it fixed.
    # For each leaf, the cells ending at every candidate are scored for every earlier start
    # at once, as a matrix (rows: where the cell ends; columns: where it starts, at most
    # BAND candidates back), with the same operations, in the same order, as cell_score:
    # the cost grows with the body's length times the number of leaves, not its square.
    neg = -math.inf
    m = len(candidates)
    cand = np.array(candidates)
    bscore = np.array([boundary[j][0] if j > 0 else RESTART for j in candidates])
    lead_at = np.array([lead_ins[j] for j in candidates])
    split = np.array([e < n and lead_ins[e - 1] for e in candidates])  # a lead-in cut off at the cell's end
    rprefix = np.array(restart_prefix)
    best = np.full((k, m), neg)
    back = np.full((k, m), -1, dtype=np.int64)
    best[0, 0] = 0.0
    width_band = min(m, BAND + 1)
    for li in range(1, k):
        sim_li = np.append(sim[li - 1], 0.0)
        prefix_li = prefix[li - 1]
        for top in range(0, m, ROWS):
            rows = np.arange(top, min(m, top + ROWS))
            starts = np.maximum(0, rows - BAND)[:, None] + np.arange(width_band)[None, :]
            valid = starts <= rows[:, None]
            starts = np.where(valid, starts, rows[:, None])
            s_arr, e = cand[starts], cand[rows][:, None]
            prev = np.where(valid, best[li - 1][starts], neg)
            nonempty = s_arr < e
            width = np.where(nonempty, e - s_arr, 1)
            opening = np.maximum(sim_li[s_arr], np.where(s_arr + 1 < e, 0.5 * sim_li[s_arr + 1], 0.0))
            score = bscore[starts] + OVERLAP_FIRST * opening
            score = score + OVERLAP_MEAN * (prefix_li[e] - prefix_li[s_arr]) / width
            inside = rprefix[e] - rprefix[np.minimum(s_arr + 1, n)]
            inside = inside - (lead_at[starts] & (s_arr + 1 < e))
            score = np.where(split[rows][:, None], score + LEAD_IN_SPLIT, score)
            score = score - SWALLOWED_RESTART * inside
            values = prev + np.where(nonempty, score, EMPTY_CELL)
            at = np.argmax(values, axis=1)
            top_values = values[np.arange(len(rows)), at]
            found = top_values > neg
            best[li, rows[found]] = top_values[found]
            back[li, rows[found]] = starts[np.arange(len(rows)), at][found]
    final = [best[k - 1][c] + cell_score(k - 1, candidates[c], n) if best[k - 1][c] > neg else neg for c in range(m)]
    c = max(range(m), key=lambda i: final[i])
    starts = [0] * k
    for li in range(k - 1, -1, -1):
        starts[li] = candidates[c]
        c = back[li][c] if li > 0 else c
    weak = tuple(li for li, s in enumerate(starts) if li > 0 and not boundary[s][1])
    strong = 1 + sum(1 for j in range(1, n) if boundary[j][1] and not lead_ins[j - 1])
    return Alignment(tuple(starts), weak, strong)


WORDLESS = 0.15  # a cell sharing less than this of its heading's bigrams says nothing of it
TRUNCATED_SHARE = 0.25  # leaves that many (or more) wordless …
TRUNCATED_STRONG = 0.75  # … while numbering explains fewer than this share of the leaves


def wordless_leaves(units: list[Unit], titles: list[str], alignment: Alignment) -> int:
    """How many leaves got a cell that shares (almost) none of its heading's wording.

    In an intact report every leaf's text speaks of its heading (both reports here: none);
    when the body runs out before the table of contents does, the alignment still hands
    every leaf a cell, but the leaves past the end get text that is not theirs."""
    cells = alignment.cells(len(units))
    count = 0
    for title, cell in zip(titles, cells):
        wanted = bigrams(title)
        text = set().union(*(bigrams(units[i].text) for i in cell)) if len(cell) else set()
        if wanted and len(wanted & text) / len(wanted) < WORDLESS:
            count += 1
    return count


def looks_truncated(wordless: int, leaves: int, strong: int) -> bool:
    """A body that runs out early: numbering explains few leaves and many say nothing of
    their headings. Intact reports with a few loosely worded leaves are not flagged."""
    return leaves > 0 and wordless >= TRUNCATED_SHARE * leaves and strong < TRUNCATED_STRONG * leaves
