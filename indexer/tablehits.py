"""The cells of a table that a query picks out, each with its row and column labels.

A hit on a table used to show the matching cells in a run (``3,641 | 110年``), which does
not say what a figure counts. Here every body cell is scored by how many of the query's
terms its value, its row label and its column label hold together, a figure before a
remark, then by how much of them the terms cover (``110年案件數合計`` names that column more than ``110年`` does) (see
:func:`indexer.tablecells.labels`), and the cells with the highest score are listed: a
figure query (``3641``, ``3萬``) picks the figure's cell, a row and a column named
together (``小計 110年案件數合計``) pick the cell at their crossing, a row named alone its
cells. Matching is the snippets' (:func:`indexer.snippets.match_spans`), so figures match
as printed (``3641`` marks ``3,641``) and folded text matches as in a snippet.

Only the hits on the page being rendered are labelled, from the grid stored at build
time: no pass over the index, no recovery at search time.
"""
from __future__ import annotations

from markupsafe import Markup, escape

from .snippets import highlight, match_spans
from .tablecells import SEPARATOR, from_json, is_figure, labels

MAX_CELLS = 8  # cells listed per hit: a row or a column of a report's table fits


def _matching(text: str, needles: list[str], cache: dict) -> tuple[frozenset[int], int]:
    """Which of ``needles`` (by index) occur in ``text``, and how many of its characters
    they cover."""
    if text not in cache:
        spans = match_spans(text, needles) if text else []  # most cells match nothing: one pass for them
        if not spans:
            cache[text] = frozenset(), 0
        else:
            which = frozenset(i for i, needle in enumerate(needles) if len(needles) == 1 or match_spans(text, [needle]))
            cache[text] = which, sum(e - s for s, e in spans)
    return cache[text]


def hit_cells(table: dict | None, needles: list[str], limit: int = MAX_CELLS) -> list[dict]:
    """The cells of a stored table (``Table.to_json()``) that ``needles`` pick out, in
    reading order, at most ``limit``: each ``{"row", "column", "value", "matched", "html"}``,
    ``matched`` naming the parts the query's terms were found in (``row``, ``column``,
    ``value``) and ``html`` the line ``row · column · value`` with the matches in
    ``<mark>`` (the value marked too when the cell is at the crossing of a named row and
    a named column). Empty when the table has no grid or no cell's labels match."""
    if not table or table.get("rows") is None or not needles:
        return []
    grid = from_json(table)
    named = labels(grid)
    cache: dict = {}
    scored: list[tuple[tuple[int, bool, int], tuple[int, int], dict[str, frozenset[int]]]] = []
    for (r, c), (row_label, column_label) in named.items():
        found = {"row": _matching(row_label, needles, cache), "column": _matching(column_label, needles, cache),
                 "value": _matching(grid.rows[r][c], needles, cache)}
        parts = {name: which for name, (which, _covered) in found.items()}
        terms = len(parts["row"] | parts["column"] | parts["value"])
        if terms:  # the most terms; then a figure before a remark; then the most of the labels matched
            covered = sum(covered for _which, covered in found.values())
            scored.append(((terms, is_figure(grid.rows[r][c]), covered), (r, c), parts))
    if not scored:
        return []
    best = max(score for score, _at, _parts in scored)
    out: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for score, (r, c), parts in sorted((s for s in scored if s[0] == best), key=lambda s: s[1]):
        row_label, column_label = named[(r, c)]
        value = grid.rows[r][c]
        if not is_figure(value) and (column_label, value) in seen:
            continue  # a remark spanning rows is repeated in each: list it once
        seen.add((column_label, value))
        matched = [name for name in ("row", "column", "value") if parts[name]]
        out.append({"row": row_label, "column": column_label, "value": value, "matched": matched,
                    "html": str(_line(row_label, column_label, value, needles, bool(parts["row"] and parts["column"])))})
        if len(out) >= limit:
            break
    return out


def _line(row: str, column: str, value: str, needles: list[str], crossing: bool) -> Markup:
    shown = highlight(value, needles)
    if crossing and "<mark>" not in shown:
        shown = Markup(f"<mark>{escape(value)}</mark>")
    parts = [highlight(part, needles) for part in (row, column) if part] + [shown]
    return Markup(SEPARATOR).join(parts)


def cells_snippet(cells: list[dict]) -> Markup:
    """A hit's snippet made of its labelled cells (``小計 · 110年案件數合計 · 3,641 | …``)."""
    return Markup(" | ").join(Markup(cell["html"]) for cell in cells)
