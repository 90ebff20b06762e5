"""Measure the grid recovery of table paragraphs against a reading of the tables by hand.

Usage: .venv/bin/python bench/tables.py [--reading bench/tables/reading.json] [--corpus corpus]
                                         [--json] [--verbose]

The reading (``bench/tables/reading.json``) gives, for every ``table`` paragraph of the
corpus, the grid read by a person and every figure with its row and column label. A figure is
labelled as in the reading when the recovered grid holds the same value under the same row
label and column label. Labels are compared as the reading defines them: a figure's row label
is its row's non-empty cells before the row's first numeric cell; its column label the
non-empty header cells of its column, top to bottom, a spanned (repeated) one once, joined
with ' · '. The comparison tolerates whitespace only, which covers the joining separators
(``成立與否`` against ``成立 與否``, ``1,480 (78%)`` against ``1,480(78%)``); any other
difference is a different label.

It prints the share of figures labelled as in the reading (target at least 90%), the tables
the recovery marked ``checked`` with a figure mislabelled (target none), the tables left
without a grid, and a line per table. It is a measurement: the exit code is 0 whatever the
figures say.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import asdict, dataclass
from itertools import groupby
from pathlib import Path
from typing import Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.grids import Table, read_table  # noqa: E402
from indexer.load import load_corpus  # noqa: E402
from indexer.outline import lead_ins  # noqa: E402

READING = ROOT / "bench" / "tables" / "reading.json"
CORPUS = ROOT / "corpus"
TARGET_SHARE = 0.90
SEPARATOR = " · "
# A numeric cell: a count, amount, rate or ratio, optionally followed by its percentage in
# parentheses (one joined cell), or a lone dash standing for none.
FIGURE = re.compile(r"^(?:[-+]?\d[\d,，]*(?:\.\d+)?%?(?:[(（]\d[\d.]*%[)）])?|[-－–—])$")


def normal(text: str) -> str:
    """A label or value with every whitespace character removed: the only difference the
    comparison forgives (the separator a split cell or a figure and its percentage were
    joined with)."""
    return re.sub(r"\s+", "", text)


def is_figure(cell: str) -> bool:
    return bool(FIGURE.match(normal(cell)))


def _path(cells: Sequence[str]) -> str:
    """Non-empty cells joined with ' · ', a cell repeated next to itself (a span) once."""
    kept: list[str] = []
    for cell in cells:
        if cell.strip() and (not kept or normal(kept[-1]) != normal(cell)):
            kept.append(cell.strip())
    return SEPARATOR.join(kept)


def row_label(row: Sequence[str]) -> str:
    """The cells that label a row: its non-empty cells before its first figure."""
    lead: list[str] = []
    for cell in row:
        if is_figure(cell):
            break
        lead.append(cell)
    return _path(lead)


def column_label(header: Sequence[Sequence[str]], column: int) -> str:
    """The header cells of one column, top to bottom."""
    return _path([row[column] for row in header if column < len(row)])


@dataclass(frozen=True)
class Figure:
    value: str
    row: str
    column: str

    def key(self) -> tuple[str, str, str]:
        return normal(self.value), normal(self.row), normal(self.column)


def same_label(a: Figure, b: Figure) -> bool:
    """Whether two figures are the same value under the same row and column labels."""
    return a.key() == b.key()


def labelled_figures(rows: Sequence[Sequence[str]] | None, header_rows: int) -> list[Figure]:
    """Every figure of a grid's body with its row and column label (none without a grid)."""
    if not rows:
        return []
    header = rows[:header_rows]
    return [Figure(cell, row_label(row), column_label(header, j))
            for row in rows[header_rows:] for j, cell in enumerate(row) if is_figure(cell)]


@dataclass(frozen=True)
class TableScore:
    """One table: how many of the reading's figures the recovery labelled the same way."""

    id: str
    figures: int
    labelled: int
    uncertain: int
    uncertain_labelled: int
    checked: bool
    grid: bool
    reading_grid: bool
    exact: bool
    caption: bool
    totals_check: bool
    missed: tuple[dict, ...]

    @property
    def recovered(self) -> bool:
        """Every figure under its reading's labels and marked checked: what the issue asks of
        every table whose totals or percentages can check."""
        return self.checked and self.grid and self.labelled == self.figures

    @property
    def wrong_checked(self) -> bool:
        """Marked checked although a figure sits under other labels than in the reading."""
        return self.checked and self.labelled < self.figures

    @property
    def checked_without_reading_grid(self) -> bool:
        """Marked checked where the reading found the cells too incomplete for any grid."""
        return self.checked and not self.reading_grid


def _grid_key(rows, header_rows: int):
    """A grid as compared for exactness: header rows and every cell, whitespace aside."""
    if rows is None:
        return None
    return header_rows, tuple(tuple(normal(c) for c in row) for row in rows)


def same_caption(reading: dict, caption: str | None) -> bool:
    """Whether a recovered caption is the reading's or one of the alternatives it accepts."""
    accepted = [reading.get("caption"), *reading.get("caption_also", [])]
    return any((a is None and caption is None) or (a is not None and caption is not None and normal(a) == normal(caption))
               for a in accepted)


def score_table(reading: dict, table: Table) -> TableScore:
    """Compare one recovered table with its reading, figure by figure (a multiset match, so a
    value printed twice must be found twice under its two pairs of labels)."""
    recovered = labelled_figures(table.rows, table.header_rows)
    found = Counter(f.key() for f in recovered)
    labelled = uncertain = uncertain_labelled = 0
    missed = []
    for spec in reading["figures"]:
        figure = Figure(spec["value"], spec["row"], spec["column"])
        hit = found[figure.key()] > 0
        if hit:
            found[figure.key()] -= 1
            labelled += 1
        else:
            missed.append({"reading": asdict(figure),
                           "recovered": [asdict(f) for f in recovered if normal(f.value) == normal(figure.value)]})
        if spec.get("uncertain"):
            uncertain += 1
            uncertain_labelled += hit
    return TableScore(
        id=reading["id"], figures=len(reading["figures"]), labelled=labelled, uncertain=uncertain,
        uncertain_labelled=uncertain_labelled, checked=table.checked, grid=table.rows is not None,
        reading_grid=reading["rows"] is not None,
        exact=_grid_key(table.rows, table.header_rows) == _grid_key(reading["rows"], reading["header_rows"]),
        caption=same_caption(reading, table.caption), totals_check=bool(reading.get("totals_check")), missed=tuple(missed))


def table_paragraphs(corpus: Path) -> list[tuple[str, list[str], tuple[str, ...]]]:
    """Every table paragraph of the corpus: id, cell lines and lead-ins (as the index sees them)."""
    reports, _failures = load_corpus(corpus)
    out = []
    for report in reports:
        leads = [lead for _leaf, group in groupby(report.paragraphs, key=lambda p: p.section)
                 for lead in lead_ins([p.text for p in group])]
        out.extend((p.id, p.text.split("\n"), tuple(lead))
                   for p, lead in zip(report.paragraphs, leads) if p.kind == "table")
    return out


def _paragraph_for(reading: dict, paragraphs) -> tuple | None:
    """The paragraph a reading describes: the one with the same cells, else the same id."""
    by_cells = [p for p in paragraphs if p[1] == reading["cells"]]
    if by_cells:
        return next((p for p in by_cells if p[0] == reading["id"]), by_cells[0])
    return next((p for p in paragraphs if p[0] == reading["id"]), None)


def measure(readings: list[dict], paragraphs) -> dict:
    scores, unmatched = [], []
    for reading in readings:
        paragraph = _paragraph_for(reading, paragraphs)
        if paragraph is None:
            unmatched.append(reading["id"])
            continue
        pid, cells, leads = paragraph
        scores.append(score_table({**reading, "id": pid}, read_table("\n".join(cells), leads)))
    figures = sum(s.figures for s in scores)
    labelled = sum(s.labelled for s in scores)
    certain = figures - sum(s.uncertain for s in scores)
    certain_labelled = labelled - sum(s.uncertain_labelled for s in scores)
    read_ids = {s.id for s in scores}
    return {
        "figures": figures, "labelled": labelled,
        "share": labelled / figures if figures else 0.0, "target_share": TARGET_SHARE,
        "certain_figures": certain, "certain_labelled": certain_labelled,
        "certain_share": certain_labelled / certain if certain else 0.0,
        "tables": len(scores),
        "checked": sum(s.checked for s in scores),
        "checked_wrong": [s.id for s in scores if s.wrong_checked],
        "checkable": [s.id for s in scores if s.totals_check],
        "checkable_recovered": [s.id for s in scores if s.totals_check and s.recovered],
        "checked_without_reading_grid": [s.id for s in scores if s.checked_without_reading_grid],
        "no_grid": [s.id for s in scores if not s.grid],
        "reading_no_grid": [s.id for s in scores if not s.reading_grid],
        "exact": [s.id for s in scores if s.exact],
        "captions": [s.id for s in scores if s.caption],
        "unread_paragraphs": [p[0] for p in paragraphs if p[0] not in read_ids],
        "unmatched_readings": unmatched,
        "per_table": [{**asdict(s), "wrong_checked": s.wrong_checked} for s in scores],
    }


def _percent(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else f"{part}/{whole}"


def render(result: dict, verbose: bool = False) -> str:
    lines = [
        f"figures labelled as in the reading: {_percent(result['labelled'], result['figures'])}"
        f"  (target >= {result['target_share']:.0%})",
        f"  certain figures only: {_percent(result['certain_labelled'], result['certain_figures'])}",
        f"tables marked checked that are wrong: {len(result['checked_wrong'])}  (target 0)"
        + (f"  {', '.join(result['checked_wrong'])}" if result["checked_wrong"] else ""),
        f"tables marked checked: {result['checked']} of {result['tables']}",
        f"tables whose totals check (reading) with every figure labelled and marked checked: "
        f"{len(result['checkable_recovered'])} of {len(result['checkable'])}",
        f"tables with no grid (rows None): {len(result['no_grid'])} of {result['tables']}"
        f"  (the reading has none for {len(result['reading_no_grid'])})",
        f"checked where the reading has no grid: {len(result['checked_without_reading_grid'])}",
        f"grids equal to the reading: {len(result['exact'])} of {result['tables']}",
        f"captions as in the reading: {len(result['captions'])} of {result['tables']}",
    ]
    if result["unread_paragraphs"] or result["unmatched_readings"]:
        lines.append(f"table paragraphs without a reading: {result['unread_paragraphs']}; "
                     f"readings without a paragraph: {result['unmatched_readings']}")
    lines += ["", f"{'table':26} {'labelled':>9} {'checked':>8} {'grid':>5} {'exact':>6} {'caption':>8}  note"]
    for t in result["per_table"]:
        note = "CHECKED BUT WRONG" if t["wrong_checked"] else ("no grid in the reading" if not t["reading_grid"] else "")
        lines.append(f"{t['id']:26} {t['labelled']:>4}/{t['figures']:<4} {'yes' if t['checked'] else 'no':>8} "
                     f"{'yes' if t['grid'] else 'none':>5} {'yes' if t['exact'] else 'no':>6} "
                     f"{'yes' if t['caption'] else 'no':>8}  {note}")
        if verbose and not t["grid"] and t["missed"]:
            lines.append(f"    no grid: none of its {len(t['missed'])} figures labelled")
        elif verbose:
            for miss in t["missed"]:
                r = miss["reading"]
                got = "; ".join(f"{f['row']} | {f['column']}" for f in miss["recovered"]) or "value not found"
                lines.append(f"    {r['value']}: reading {r['row']} | {r['column']}; recovered {got}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the grid recovery against the reading of the tables by hand.")
    parser.add_argument("--reading", type=Path, default=READING, help="the reading (default: %(default)s)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the corpus directory (default: %(default)s)")
    parser.add_argument("--json", action="store_true", help="print the measurement as JSON")
    parser.add_argument("--verbose", action="store_true", help="list every figure labelled otherwise than in the reading")
    args = parser.parse_args(argv)
    readings = json.loads(args.reading.read_text(encoding="utf-8"))
    result = measure(readings, table_paragraphs(args.corpus))
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else render(result, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
