"""Two adjustments to Whoosh's segment writer for a build, neither changing what it writes.

* Field lengths at commit: Whoosh's ``add_postings`` looks up the document's field length for
  every posting it writes (for each block's length statistics), through the length column
  it has just written to disk: 753,000 look-ups for 20 reports, a quarter of the commit.
  :func:`lengths_in_memory` reads each field's lengths once, through the same reader, into a
  list, so every value is the one Whoosh would have read.
* Pre-analysed values: :func:`~indexer.parallel.accepting_analysed` (worker processes).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from whoosh.writing import SegmentWriter


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


@contextmanager
def lengths_in_memory(writer: SegmentWriter) -> Iterator[SegmentWriter]:
    """Within the block, the writer's commit reads field lengths from lists (see above)."""
    original = writer.per_document_reader
    writer.per_document_reader = lambda: _Lengths(original())
    try:
        yield writer
    finally:
        del writer.per_document_reader
