"""Random tables of the reports' kind, flattened one cell per line the way their text files
are, with the grid that ``read_table`` should give back.

A table has a corner (one label or two), one header row or two (groups of sub-labels that
repeat, as 件數/金額 under each group, and groups spanning both rows), row labels, figures,
a total row or a total column or both, and sometimes percentages beside figures, a remark
spanning the rows, a note in brackets under a label, a label broken after ／, corner words
broken in two, a column of percentages of two others, an extra row with an empty cell, a
title line. It is flattened row by row, each header label printed
once however many columns it spans, or column by column (a table that reads back as its
transpose, the same figures under the same pairs of labels).
"""
from __future__ import annotations

import random
from dataclasses import dataclass

CHARS = "勞工資爭議契約職災退休保其他民間團體調處主管機關委員會成立不調解中案件服務人數就業訓練補助申訴檢查專案訪視目標單位類別志隊"
TOTALS = ("合計", "小計", "總計")


@dataclass(frozen=True)
class Generated:
    lines: list[str]
    rows: list[list[str]]
    header_rows: int
    caption: str | None
    column_major: bool


class Words:
    """Distinct random labels."""

    def __init__(self, rng: random.Random):
        self.rng, self.seen = rng, set()

    def __call__(self, low: int = 2, high: int = 6) -> str:
        while True:
            word = "".join(self.rng.choice(CHARS) for _ in range(self.rng.randint(low, high)))
            if word not in self.seen:
                self.seen.add(word)
                return word


def figure(amount: float, decimals: int, commas: bool) -> str:
    return f"{amount:,.{decimals}f}" if commas else f"{amount:.{decimals}f}"


def generate(rng: random.Random) -> Generated:
    words = Words(rng)
    two_rows = rng.random() < 0.35
    column_major = not two_rows and rng.random() < 0.25
    remark = not column_major and rng.random() < 0.2
    shares = not column_major and rng.random() < 0.25
    decimals = 1 if rng.random() < 0.15 else 0
    commas = rng.random() < 0.5
    if two_rows:
        span = rng.choice((2, 2, 3))
        groups = rng.randint(2, 4)
        subs = [words(2, 3) for _ in range(span)]
        group_labels = [words(3, 7) for _ in range(groups)]
        total_column = rng.random() < 0.7
        width = span * (groups + (1 if total_column else 0))
    else:
        span, groups, subs = 1, 0, []
        width = rng.randint(2, 6)
        total_column = rng.random() < 0.6
        if total_column:
            width += 1
    total_row = not total_column or rng.random() < 0.5
    count = rng.randint(1 if total_column else 2, 7)
    figures = [[rng.randint(0, 3000) / (10 ** decimals) for _ in range(width)] for _ in range(count)]
    if total_column:
        parts = width - span if two_rows else width - 1
        for row in figures:
            for s in range(span):
                row[parts + s] = round(sum(row[c] for c in range(s, parts, span)), decimals)
    row_labels = [words() for _ in range(count)]
    if total_row:
        figures.append([round(sum(r[c] for r in figures), decimals) for c in range(width)])
        row_labels.append(rng.choice(TOTALS))
    # cells of the grid and the lines each is printed as
    def cell(amount: float, row: list[float], c: int) -> tuple[str, list[str]]:
        text = figure(amount, decimals, commas)
        if shares and c < width - (span if total_column else 0) and total_column and c % span == 0 and two_rows is False:
            base = row[-1]
            if base:
                pct = f"({round(100 * amount / base)}%)"
                return f"{text} {pct}", [text, pct]
        return text, [text]

    ratio = not (two_rows or shares or remark or column_major) and width >= 3 and rng.random() < 0.2
    corner_parts = [words(2, 4)] + ([words(2, 4)] if rng.random() < 0.4 else [])
    corner = "".join(corner_parts)
    if not column_major and rng.random() < 0.2:  # the corner's words broken in two (成立 / 與否)
        corner_parts = [piece for part in corner_parts for piece in (part[:2], part[2:]) if piece]
    if two_rows:
        labels = group_labels + ([rng.choice(TOTALS)] if total_column else [])
        top = [corner] + [g for g in labels for _ in range(span)]
        below = [corner] + subs * len(labels)
        header = [top, below]
        header_lines = corner_parts + labels + subs * len(labels)
        top_lines = len(corner_parts) + len(labels)
    else:
        labels = [words(2, 8) for _ in range(width - (1 if total_column else 0))]
        if total_column:
            labels.append(rng.choice(TOTALS))
        if ratio:  # the second column as a percentage of the first (求職就業率)
            labels.insert(2, words(2, 4) + "率")
        noted = [f"{label}(單位{words(1, 2)})" if rng.random() < 0.15 else label for label in labels]
        header = [[corner] + noted]
        header_lines = list(corner_parts)
        for label, shown in zip(labels, noted):
            header_lines += [label, shown[len(label):]] if shown != label else [label]
        top_lines = len(header_lines)
    remark_text = words(8, 14) if remark else None
    if remark:
        for row in header:
            row.append(words(2, 2))
        remark_label = header[0][-1]
        for row in header:
            row[-1] = remark_label
        header_lines.insert(top_lines, remark_label)
    broken = rng.random() < 0.2 and count >= 2
    broken_row = rng.choice((0, 1))
    gap = total_column and not total_row and not (two_rows or shares or remark or column_major or ratio) \
        and rng.random() < 0.3  # an extra row without a total: its last cell is empty
    if gap:
        figures.insert(0, [rng.randint(0, 3000) / (10 ** decimals) for _ in range(width - 1)])
        row_labels.insert(0, words())
    body, body_lines = [], []
    for r, (label, row) in enumerate(zip(row_labels, figures)):
        if broken and r == broken_row:
            head = words(2, 3)
            label = f"{head}／{label}"
            row_labels[r] = label
            lines = [f"{head}／", label[len(head) + 1:]]
        else:
            lines = [label]
        cells = [label]
        for c, amount in enumerate(row):
            text, printed = cell(amount, row, c)
            cells.append(text)
            lines += printed
            if ratio and c == 1:
                share = f"{100 * row[1] / row[0]:.2f}%" if row[0] else "0.00%"
                cells.append(share)
                lines.append(share)
        if len(row) < width:
            cells.append("")
        if remark:
            cells.append(remark_text)
            if r == 0:
                lines.append(remark_text)
        body.append(cells)
        body_lines.append(lines)
    rows = header + body
    caption = None
    title = []
    if rng.random() < 0.15:
        caption = words(4, 8) + "統計表"
        title = [caption]
    if column_major:
        lines = list(title)
        grid = rows
        for c in range(len(grid[0])):
            for row in grid:
                lines.append(row[c])
        rows = [list(col) for col in zip(*grid)]
        return Generated(lines, rows, 1, caption, True)
    lines = title + header_lines + [line for printed in body_lines for line in printed]
    return Generated(lines, rows, len(header), caption, False)
