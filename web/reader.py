"""The reader view: a whole report with its headings restored into the body.

The source files print the table of contents once and then the body without headings;
the parser assigned every paragraph to a leaf, so walking the table of contents and
emitting each heading followed by its paragraphs restores the structure. Paragraphs whose
section is missing from the contents (should not happen) are kept, at the end.
"""
from __future__ import annotations

from collections import defaultdict

from indexer.export import paragraph_record

from . import urls
from .documents import report_paragraphs, section_path
from .served_index import get_searcher, report_meta


def _paths(toc: list[dict], prefix: str = "") -> list[tuple[dict, str]]:
    """Every heading with its path (``3.2``), in reading order."""
    out: list[tuple[dict, str]] = []
    for node in toc:
        path = f"{prefix}.{node['number']}" if prefix else str(node["number"])
        out.append((node, path))
        out.extend(_paths(node["children"], path))
    return out


def toc_entries(toc: list[dict], prefix: str = "") -> list[dict]:
    """The table of contents, nested, with the reader's anchors."""
    entries = []
    for node in toc:
        path = f"{prefix}.{node['number']}" if prefix else str(node["number"])
        entries.append({"printed": node["printed"], "anchor": urls.heading_anchor(path),
                        "children": toc_entries(node["children"], path)})
    return entries


def paragraph_block(fields: dict, linked: str | None, section: str | None = None) -> dict:
    """One paragraph for the template (a table with its stored grid, laid out by :mod:`web.tables`).

    ``section`` is the printed heading it sits under: with the paragraph's number it names
    the paragraph's permalink, so that no two of the page's permalinks sound the same.
    """
    return {"type": "paragraph", "id": fields["id"], "kind": fields["kind"], "text": fields["text"],
            "table": fields.get("table"), "linked": fields["id"] == linked, "url": urls.paragraph(fields["id"]), "section": section}


def body_blocks(toc: list[dict], paragraphs: list[dict], linked: str | None = None) -> list[dict]:
    """Headings and paragraphs in reading order."""
    by_path: dict[str, list[dict]] = defaultdict(list)
    for fields in paragraphs:
        by_path[section_path(fields["id"])].append(fields)
    blocks: list[dict] = []
    for node, path in _paths(toc):
        blocks.append({"type": "heading", "level": node["level"], "printed": node["printed"],
                       "anchor": urls.heading_anchor(path), "compare_url": urls.compare(node["title"])})
        blocks.extend(paragraph_block(fields, linked, node["printed"]) for fields in by_path.pop(path, []))
    for rest in by_path.values():
        blocks.extend(paragraph_block(fields, linked) for fields in rest)
    return blocks


def reader_view(report_id: str, linked: str | None = None) -> dict:
    """The reader page's data. :raises NotFoundError: for an unknown report."""
    meta = report_meta(report_id)
    paragraphs = report_paragraphs(get_searcher(), report_id)
    return {"report": meta, "toc": toc_entries(meta["toc"]), "linked": linked,
            "blocks": body_blocks(meta["toc"], paragraphs, linked),
            "json_url": urls.report_json(report_id)}


def report_view(report_id: str) -> dict:
    """``/api/reports/<id>``: the report's metadata, contents and paragraphs in order."""
    meta = report_meta(report_id)
    paragraphs = [paragraph_record(fields) for fields in report_paragraphs(get_searcher(), report_id)]
    return {**report_summary(meta), "toc": meta["toc"], "warnings": meta["warnings"], "paragraphs": paragraphs}


def report_summary(meta: dict) -> dict:
    """A report as listed by ``/api/reports``."""
    summary = {k: meta[k] for k in ("id", "agency", "title", "year", "year_ad", "source")}
    return {**summary, "paragraph_count": meta["paragraphs"],
            "url": urls.reader(meta["id"]), "json_url": urls.report_json(meta["id"])}
