"""Three adjustments to Whoosh's segment writer for a build, none changing what it writes.

* Field lengths at commit: Whoosh's ``add_postings`` looks up the document's field length for
  every posting it writes (for each block's length statistics), through the length column
  it has just written to disk: 753,000 look-ups for 20 reports, a quarter of the commit.
  :func:`committing` reads each field's lengths once, through the same reader, into a
  list, so every value is the one Whoosh would have read.
* The postings pool: :class:`~indexer.pool.TermPool` orders terms, not postings, and its
  terms are written a block at a time (:func:`~indexer.blocks.write_terms`).
* Pre-analysed values: :func:`~indexer.parallel.accepting_analysed` (worker processes).

:func:`write_documents` is the one place documents are written, for every kind of build.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import Schema
from whoosh.writing import SegmentWriter

from .incremental import merge_policy
from .parallel import Analysed, accepting_analysed
from .blocks import write_terms
from .pool import TermPool


class _Lengths:
    """A per-document reader whose per-field length accessor is a list look-up."""

    def __init__(self, reader) -> None:
        self._reader = reader
        self._docs = reader.doc_count_all()

    def doc_field_length_reader(self, fieldname: str, default: int = 0) -> Callable[[int], int | None]:
        get = self._reader.doc_field_length_reader(fieldname, default)
        return [get(docnum) for docnum in range(self._docs)].__getitem__

    def __getattr__(self, name: str):
        return getattr(self._reader, name)


def _flush_terms(writer: SegmentWriter) -> None:
    """``SegmentWriter._flush_segment``, with the pool's terms written a block at a time."""
    writer.perdocwriter.close()
    lengths = writer.per_document_reader() if writer.codec.length_stats else None
    write_terms(writer.fieldwriter, writer.schema, lengths, writer.pool.iter_terms())
    writer.fieldwriter.close()
    if lengths:
        lengths.close()


@contextmanager
def committing(writer: SegmentWriter) -> Iterator[SegmentWriter]:
    """Within the block, the writer's commit reads field lengths from lists and writes the
    pool's postings a block at a time (see above)."""
    original = writer.per_document_reader
    writer.per_document_reader = lambda: _Lengths(original())
    writer._flush_segment = lambda: _flush_terms(writer)
    try:
        yield writer
    finally:
        del writer.per_document_reader
        del writer._flush_segment


LIMIT_MB = 64  # memory the postings held may take before a run is written to disk (see indexer.pool)


def write_documents(path: Path, schema: Schema, batches: Iterable[list[dict]], progress: Callable[[int], None] | None,
                    drop: dict[str, dict[str, int]] | None = None, limit_mb: int = LIMIT_MB) -> dict[str, dict[str, int]]:
    """Add the batches' documents to a new index at ``path``, or, when ``drop`` is given, to
    the index already there (linked from the previous generation) after deleting the
    documents of the reports in ``drop`` (report ID -> its field lengths). Returns each
    added report's total length per scored field (what the next incremental build needs)."""
    if drop is None:
        ix = whoosh_index.create_in(str(path), schema)
    else:
        ix = whoosh_index.open_dir(str(path))
    writer = ix.writer()
    writer.pool = TermPool(str(path), limit_mb)
    lengths: dict[str, dict[str, int]] = {}
    scored = [name for name, field in writer.schema.items() if field.scorable]
    try:
        for report in drop or ():
            writer.delete_by_term("report", report)
        with accepting_analysed(writer.schema):
            for docs in batches:
                for doc in docs:
                    writer.add_document(**doc)
                    totals = lengths.setdefault(doc.get("_stored_report", doc["report"]), dict.fromkeys(scored, 0))
                    for name in scored:
                        if isinstance(doc.get(name), Analysed):
                            totals[name] += sum(item[1] for item in doc[name].items)
                if progress:
                    progress(len(docs))
    except BaseException:
        writer.cancel()
        ix.close()
        raise
    with committing(writer):
        writer.commit(mergetype=merge_policy(drop) if drop is not None else None)
    ix.close()
    return lengths
