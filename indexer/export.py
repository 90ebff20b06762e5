"""Export every indexed paragraph, in document order, as plain records."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from whoosh import query as Q
from whoosh import sorting
from whoosh.searching import Searcher

from .results import hit_from_fields
from .store import open_current


def paragraph_record(fields: dict) -> dict:
    """The export record of a stored paragraph (the CLI's JSON Lines contract); ``table``
    is the grid of a table paragraph (:class:`indexer.grids.Table`), None for prose."""
    hit = hit_from_fields(fields)
    return {"id": hit.id, "report": hit.report, "year": hit.year, "year_ad": hit.year_ad,
            "section": hit.section, "kind": hit.kind, "text": hit.text, "url": hit.url, "table": hit.table}


def stored_paragraphs(searcher: Searcher, report: str | None = None) -> list[dict]:
    """The stored fields of every paragraph (of one report, if given), by ``order`` (the
    place in its report: give a report to read them in reading order)."""
    q = Q.Term("report", report) if report else Q.Every()
    return [dict(hit) for hit in searcher.search(q, limit=None, sortedby=sorting.FieldFacet("order"))]


def export_paragraphs(index_dir: Path) -> Iterator[dict]:
    """Report by report in corpus order, each in reading order."""
    ix, meta, _path = open_current(index_dir)
    with ix.searcher() as searcher:
        for report in meta:
            for fields in stored_paragraphs(searcher, report["id"]):
                yield paragraph_record(fields)
