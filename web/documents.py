"""Stored paragraphs by ID or by report, and what a paragraph page shows around one.

Lookups go by the readable IDs the parser made (:mod:`indexer.ids`); Whoosh document
numbers never appear. A malformed or unknown ID is a :class:`NotFoundError` (404).
"""
from __future__ import annotations

from flask import current_app
from whoosh.searching import Searcher

from indexer.errors import NotFoundError
from indexer.export import paragraph_record, stored_paragraphs
from indexer.ids import PARAGRAPH_ID, report_of
from indexer.items import printed_item
from indexer.search import section_title

from . import urls
from .citation import citation
from .compare_view import same_section
from .served_index import get_searcher, report_meta

ID_HELP = "paragraph IDs look like gxszflgj-104-3.2-5 (report, section path, ordinal)"


def section_path(paragraph_id: str) -> str:
    """The section path part of a paragraph ID (``gxszflgj-104-3.2-5`` -> ``3.2``)."""
    return paragraph_id.rsplit("-", 2)[1]


def ordinal(paragraph_id: str) -> int:
    return int(paragraph_id.rsplit("-", 1)[1])


def paragraph_fields(searcher: Searcher, paragraph_id: str) -> dict:
    """The stored fields of one paragraph. :raises NotFoundError: malformed or unknown ID."""
    if not PARAGRAPH_ID.match(paragraph_id):
        raise NotFoundError(f"{paragraph_id[:80]!r} is not a paragraph ID; {ID_HELP}",
                            key="not_a_paragraph_id", id=paragraph_id[:80])
    fields = searcher.document(id=paragraph_id)
    if fields is None:
        raise NotFoundError(f"No paragraph {paragraph_id!r}; {ID_HELP}", key="no_paragraph", id=paragraph_id)
    return dict(fields)


def report_paragraphs(searcher: Searcher, report_id: str) -> list[dict]:
    """The stored fields of every paragraph of a report, in document order."""
    return stored_paragraphs(searcher, report_id)


def neighbours(paragraphs: list[dict], paragraph_id: str) -> tuple[dict | None, dict | None]:
    """The paragraphs just before and after one, within its report."""
    ids = [p["id"] for p in paragraphs]
    at = ids.index(paragraph_id)
    before = paragraphs[at - 1] if at > 0 else None
    after = paragraphs[at + 1] if at + 1 < len(paragraphs) else None
    return before, after


def item_of(record: dict) -> str | None:
    """The item number printed in front of a paragraph (never of a table's first cell)."""
    return printed_item(record["text"]) if record["kind"] != "table" else None


def with_item(fields: dict | None) -> dict | None:
    """A neighbour's export record and its printed item."""
    return {**paragraph_record(fields), "item": item_of(fields)} if fields else None


def paragraph_view(paragraph_id: str) -> dict:
    """Everything the paragraph page and ``/api/paragraphs/<id>`` show about a paragraph.

    The citation carries the date of the request (the app's ``TODAY``)."""
    searcher = get_searcher()
    fields = paragraph_fields(searcher, paragraph_id)
    meta = report_meta(report_of(paragraph_id))
    in_report = report_paragraphs(searcher, meta["id"])
    before, after = neighbours(in_report, paragraph_id)
    record = paragraph_record(fields)
    item, path = item_of(record), section_path(paragraph_id)
    return {
        "paragraph": {**record, "ordinal": ordinal(paragraph_id), "path": path, "item": item,
                      "section_paragraphs": sum(section_path(p["id"]) == path for p in in_report)},
        "report": {k: meta[k] for k in ("id", "agency", "title", "year", "year_ad")},
        "previous": with_item(before),
        "next": with_item(after),
        "citation": citation(meta, record, ordinal(paragraph_id), urls.permalink(paragraph_id),
                             item=item, accessed=current_app.config["TODAY"]()),
        "same_section": same_section(meta, paragraph_id, section_path(paragraph_id)),
        "compare_url": urls.compare(section_title(record["section"][-1])) if record["section"] else None,
        "reader_url": urls.reader(meta["id"], paragraph_id),
    }
