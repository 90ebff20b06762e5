"""What a build has to tell its user: one line per report that needs a look, details on
request, and the whole of it as JSON (``reportsearch index --report FILE.json``).

A hundred reports each printing every heading placed by its wording is a wall of text
nobody reads; a count per report says which ones to check, and the JSON lists, per report,
the headings placed by wording with the line their text starts at, the headings left
without text, and any report that failed, for a tool or a person to go through.
"""
from __future__ import annotations

from collections.abc import Iterable

from .load import Failure
from .model import Report


def _placements(report: Report) -> list[dict]:
    return [{"heading": p.heading, "line": p.line} for p in report.placed]


def report_entry(report: Report) -> dict:
    """One report's part of the build report."""
    return {
        "id": report.id, "source": report.source, "paragraphs": len(report.paragraphs),
        "placed_by_wording": _placements(report), "empty_headings": list(report.empty),
        "warnings": list(report.warnings), "damaged": report.damaged,
    }


def build_report(reports: Iterable[Report], failures: Iterable[Failure], seconds: float | None = None) -> dict:
    """The build report: every report indexed, every file that failed, and totals."""
    entries = [report_entry(r) for r in reports]
    failed = [{"source": f.source, "reason": f.reason} for f in failures]
    return {
        "reports": entries,
        "failures": failed,
        "totals": {
            "reports": len(entries), "paragraphs": sum(e["paragraphs"] for e in entries), "failed": len(failed),
            "placed_by_wording": sum(len(e["placed_by_wording"]) for e in entries),
            "empty_headings": sum(len(e["empty_headings"]) for e in entries),
        },
        "seconds": None if seconds is None else round(seconds, 2),
    }


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def notice(report: Report) -> str | None:
    """The one terminal line a report gets when something in it deserves a look, else None.
    (A damaged report is printed as a failure already.)"""
    parts = []
    if report.placed:
        parts.append(_plural(len(report.placed), "leaf", "leaves") + " placed by wording")
    if report.empty:
        parts.append(_plural(len(report.empty), "heading", "headings") + " without text")
    return f"{report.source or report.id}: {'; '.join(parts)}" if parts else None


def details(report: Report) -> list[str]:
    """The lines ``--verbose`` adds under a report's notice."""
    lines = [f"  placed by wording: {p.heading} (line {p.line})" if p.line is not None
             else f"  placed by wording: {p.heading} (no text)" for p in report.placed]
    lines += [f"  without text: {heading}" for heading in report.empty]
    return lines
