"""A section across the years: ``/compare?section=TITLE`` and its JSON twin, and the
paragraph page's links to the corresponding paragraph of the agency's other reports.

The matching itself is the engine's (:mod:`indexer.compare`, kept per generation by
:func:`indexer.comparisons.agency_comparison`); this module finds the sections a title
names, lays out one column per report of each agency that has the section, and sets the
figures that recur side by side by their labels.
"""
from __future__ import annotations

from rapidfuzz import fuzz, process

from indexer.compare import SAME, Section
from indexer.comparisons import Comparison, agency_comparison
from indexer.errors import NotFoundError, QueryError
from indexer.figures import figures
from indexer.fold import fold_text
from indexer.search import section_title
from indexer.snippets import highlight
from indexer.syntax import parse_query

from . import urls
from .served_index import get_searcher, report_meta, reports, snapshot

TITLE = "title"  # the column's section carries the title asked for
MAX_TITLE = 200
SUGGESTIONS = 5
MAX_GROUPS = 5  # agencies compared on one page


class SectionNotFound(NotFoundError):
    """No heading has the title asked for; ``suggestions`` are titles like it."""

    def __init__(self, message: str, title: str, suggestions: list[str]) -> None:
        super().__init__(message)
        self.title, self.suggestions = title, suggestions


def title_key(title: str) -> str:
    """What titles are compared by: folded, without spaces or an enumerator."""
    return "".join(fold_text(section_title(title) or "").split())


def _headings(toc: list[dict], prefix: str = "", trail: tuple[str, ...] = ()):
    for node in toc:
        path = f"{prefix}.{node['number']}" if prefix else str(node["number"])
        here = trail + (node["printed"],)
        yield path, node, here
        yield from _headings(node["children"], path, here)


def heading_trail(meta: dict, path: str) -> list[str]:
    """The printed headings from chapter to the heading at ``path``."""
    return next((list(trail) for p, _node, trail in _headings(meta["toc"]) if p == path), [])


def comparison_of(meta: dict) -> Comparison:
    return agency_comparison(snapshot(), get_searcher(), meta["agency"])


# -- the paragraph page ---------------------------------------------------------------------
def same_section(meta: dict, paragraph_id: str, path: str) -> list[dict]:
    """The best-matching paragraph of each other report of the agency, with how strongly
    its section matches (``same`` programme or ``related``), oldest year first."""
    found = []
    for other, match, passage in comparison_of(meta).paragraph_matches(meta["id"], paragraph_id, path):
        other_meta = report_meta(other)
        found.append({
            "report": other, "year": other_meta["year"], "year_ad": other_meta["year_ad"],
            "section": heading_trail(other_meta, match.b), "path": match.b,
            "url": urls.reader(other, passage.other), "strength": match.strength, "score": match.score,
            "paragraph": passage.other, "paragraph_url": urls.paragraph(passage.other),
            "paragraph_score": passage.score,
            "heading_url": urls.reader(other, anchor=urls.heading_anchor(match.b)),
        })
    return sorted(found, key=lambda f: f["year"])


# -- the comparison page --------------------------------------------------------------------
def _needles(q: str) -> list[str]:
    return [t.text for t in parse_query(q).positive] if q.strip() else []


def _paragraphs(section: Section, needles: list[str]) -> list[dict]:
    out = []
    for p in section.passages:
        item = {"id": p.id, "kind": p.kind, "text": p.text, "url": urls.paragraph(p.id)}
        if needles:
            item["marked"] = str(highlight(p.text, needles))
        out.append(item)
    return out


def _column(meta: dict, section: Section | None, strength: str | None, score: float | None,
            needles: list[str]) -> dict:
    column = {"report": meta["id"], "year": meta["year"], "year_ad": meta["year_ad"],
              "strength": strength, "score": score, "path": None, "title": None, "section": [],
              "url": None, "compare_url": None, "paragraphs": []}
    if section is not None:
        column.update(path=section.path, title=section.title, section=heading_trail(meta, section.path),
                      url=urls.reader(meta["id"], anchor=urls.heading_anchor(section.path)),
                      paragraphs=_paragraphs(section, needles))
    return column


def _best_match(comparison: Comparison, anchors: list[Section], report: str) -> tuple[Section, str, float] | None:
    found = [(m.strength != SAME, -m.score, m.b) for a in anchors
             for m in comparison.pair(a.report, report) if m.a == a.path]
    if not found:
        return None
    worse, score, path = min(found)
    return comparison.sections[report][path], ("related" if worse else SAME), -score


def figure_rows(columns: list[dict], sections: dict[str, Section]) -> list[dict]:
    """The figures whose labels recur in two columns or more: label -> value per report."""
    per_report: dict[str, dict[str, tuple[str, str]]] = {}
    for column in columns:
        section = sections.get(column["report"])
        if section is None:
            continue
        seen: dict[str, tuple[str, str]] = {}
        for p in section.passages:
            for f in figures(p.text, p.kind):
                seen.setdefault(f.key, (f.label, f.value))
        per_report[column["report"]] = seen
    order: list[str] = []
    for seen in per_report.values():
        order.extend(k for k in seen if k not in order)
    rows = []
    for key in order:
        values = {r: seen[key][1] for r, seen in per_report.items() if key in seen}
        if len(values) >= 2:
            label = next(seen[key][0] for seen in per_report.values() if key in seen)
            rows.append({"label": label, "key": key, "values": values})
    return rows


def _suggestions(key: str) -> list[str]:
    titles = {title_key(node["title"]): node["title"] for meta in reports().values()
              for _p, node, _t in _headings(meta["toc"])}
    close = process.extract(key, list(titles), scorer=fuzz.partial_ratio, limit=SUGGESTIONS, score_cutoff=50)
    return [titles[k] for k, _score, _i in close]


def compare_view(section: str, q: str = "", agency: str = "") -> dict:
    """Every report's match of the sections titled ``section``, by agency, years in order.

    At most ``MAX_GROUPS`` agencies are compared on one page (each costs its reports'
    matching the first time); the others with such a section are listed in
    ``more_agencies``, each with the URL of its own comparison (``agency=``).

    :raises QueryError: without a title. :raises SectionNotFound: when no heading has it.
    """
    title = (section_title(section) or "")[:MAX_TITLE]
    key = title_key(title)
    if not key:
        raise QueryError("give a section title to compare, such as 勞資爭議調處 (without its enumerator)",
                         key="no_section")
    needles = _needles(q[:MAX_TITLE])
    agencies = list(dict.fromkeys(m["agency"] for m in reports().values()
                                  if any(title_key(n["title"]) == key for _p, n, _t in _headings(m["toc"]))))
    if not agencies:
        like = _suggestions(key)
        raise SectionNotFound(f"no section is titled {title!r}; section titles are headings without their "
                              "enumerator, as in 勞資爭議調處" + (f"; titles like it: {', '.join(like)}" if like else ""),
                              title, like)
    if agency.strip():
        agencies = [a for a in agencies if a == agency.strip()]
        if not agencies:
            raise NotFoundError(f"no report of {agency[:80]!r} has a section titled {title!r}; "
                                "see /api/reports for the agencies indexed")
    shown, more = agencies[:MAX_GROUPS], agencies[MAX_GROUPS:]
    groups = []
    for agency in shown:
        metas = sorted((m for m in reports().values() if m["agency"] == agency), key=lambda m: m["year"])
        comparison = comparison_of(metas[0])
        anchors = {s.report: s for s in comparison.titled(key)}
        columns, chosen = [], {}
        for meta in metas:
            if meta["id"] in anchors:
                chosen[meta["id"]] = anchors[meta["id"]]
                columns.append(_column(meta, anchors[meta["id"]], TITLE, 1.0, needles))
                continue
            best = _best_match(comparison, list(anchors.values()), meta["id"])
            if best:
                chosen[meta["id"]] = best[0]
            columns.append(_column(meta, *(best or (None, None, None)), needles))
        groups.append({"agency": agency, "columns": columns, "figures": figure_rows(columns, chosen)})
    return {"section": title, "query": q, "highlight": needles, "groups": groups,
            "more_agencies": [{"agency": a, "url": urls.compare(title, q or None, a)} for a in more],
            "json_url": urls.compare_json(title, q or None, agency.strip() or None)}
