"""The postings pool of a build's writer, kept term by term.

Whoosh's writer puts every posting, as a tuple ``(field, term, docnum, weight, value)``,
into a pool that sorts them all at commit; past its memory limit it pickles them one by one
to a run on disk and merges the runs back through a heap, posting by posting. For a build
that was about a third of the writer's time, spent on ordering postings that are almost in
order already: a writer numbers documents in the order it adds them, so each term's
postings arrive in document order, and only the terms need sorting.

:class:`TermPool` keeps each term's postings in a list, in arrival order, and sorts the
terms (tens of thousands, against millions of postings) when the writer asks for them.
Past its limit it writes the terms it holds, in order, one record per term, to a run in the
index folder (marshalled in chunks of terms), and at the end merges the runs by term,
concatenating a term's postings run after run (each run holds later documents than the one
before). The postings come out exactly as Whoosh's pool gives them (``tests/test_pool.py``),
so the segment written is the same.
"""
from __future__ import annotations

import heapq
import marshal
import struct
import tempfile
from collections.abc import Iterator
from itertools import chain
from operator import itemgetter
from typing import BinaryIO

POSTING_BYTES = 100  # what a posting costs in memory here, about (three list slots, a float, a short bytes)

CHUNK = 3 * 4096  # list items (three per posting) marshalled at once in a run: marshal reads a
# file object a few bytes at a time, so a run is read a chunk of bytes at a time instead; the
# merge holds one chunk per run (a thousand reports write ~60 runs per writer)
MAX_RUNS = 200  # past this, the runs are merged into one (bounds open files and the merge's memory)
LENGTH = struct.Struct("<Q")  # a chunk's size in bytes, before it
_TERM = itemgetter(0, 1)


def _write_chunk(run: BinaryIO, records: list) -> None:
    if records:
        data = marshal.dumps(records)
        run.write(LENGTH.pack(len(data)))
        run.write(data)


def _read_chunks(run: BinaryIO) -> Iterator[tuple[str, bytes, list]]:
    while header := run.read(LENGTH.size):
        yield from marshal.loads(run.read(LENGTH.unpack(header)[0]))


def _merge(sources: list[Iterator[tuple[str, bytes, list]]]) -> Iterator[tuple[str, bytes, list]]:
    """Runs merged by term; a term in several runs gets their postings in run order, which
    must be document order."""
    merged = heapq.merge(*sources, key=_TERM)  # stable: an earlier run's term first
    current = next(merged, None)
    while current is not None:
        fieldname, text, postings = current
        following = next(merged, None)
        if following is not None and following[0] == fieldname and following[1] == text:
            parts = [postings]
            while following is not None and following[0] == fieldname and following[1] == text:
                if following[2][0] < parts[-1][-3]:
                    raise OutOfOrder(f"{fieldname}:{text!r}: document {following[2][0]} after {parts[-1][-3]}")
                parts.append(following[2])
                following = next(merged, None)
            postings = list(chain.from_iterable(parts))
        yield fieldname, text, postings
        current = following


class OutOfOrder(ValueError):
    """A posting for a document before the term's last one: the pool's premise broken."""


class TermPool:
    """A drop-in for :class:`whoosh.writing.PostingPool` (``add``, ``iter_postings``,
    ``cleanup``, ``fieldnames``), for writers that add documents in docnum order, as a
    :class:`~whoosh.writing.SegmentWriter` does (``add_document`` and ``add_reader`` alike).

    :param folder: where runs are written when the pool is over its limit (the index's own
        folder: a build that dies leaves nothing elsewhere; runs are unlinked on creation).
    :param limit_mb: memory the held postings may take, about.
    """

    def __init__(self, folder: str, limit_mb: float) -> None:
        self.folder = folder
        self.capacity = max(1, int(limit_mb * 2**20) // POSTING_BYTES)
        self.terms: dict[tuple[str, bytes], list] = {}
        self.held = 0
        self.runs: list[BinaryIO] = []
        self.fieldnames: set[str] = set()

    def add(self, item: tuple) -> None:
        fieldname, text, docnum, weight, value = item
        key = (fieldname, text)
        postings = self.terms.get(key)
        if postings is None:
            self.terms[key] = [docnum, weight, value]
            self.fieldnames.add(fieldname)
        else:
            if docnum < postings[-3]:
                raise OutOfOrder(f"{fieldname}:{text!r}: document {docnum} after {postings[-3]}")
            postings += (docnum, weight, value)
        self.held += 1
        if self.held >= self.capacity:
            self.save()

    def save(self) -> None:
        """Write the terms held, in order, to a new run, and forget them."""
        if not self.terms:
            return
        self.runs.append(self._new_run(self._sorted()))
        self.terms = {}
        self.held = 0
        if len(self.runs) >= MAX_RUNS:
            merged = self._new_run(_merge([_read_chunks(run) for run in self.runs]))
            for run in self.runs:
                run.close()
            self.runs = [merged]

    def _new_run(self, records: Iterator[tuple[str, bytes, list]]) -> BinaryIO:
        """A run on disk holding ``records`` (in term order), in chunks, read from the start."""
        run = tempfile.TemporaryFile(dir=self.folder, prefix="postings-", suffix=".run")
        try:
            chunk: list = []
            size = 0
            for record in records:
                chunk.append(record)
                size += len(record[2])
                if size >= CHUNK:
                    _write_chunk(run, chunk)
                    chunk, size = [], 0
            _write_chunk(run, chunk)
        except BaseException:
            run.close()
            raise
        run.seek(0)
        return run

    def _sorted(self) -> Iterator[tuple[str, bytes, list]]:
        for key in sorted(self.terms):
            yield key[0], key[1], self.terms[key]

    def iter_terms(self) -> Iterator[tuple[str, bytes, list]]:
        """Each term, in (field, term) order, with its postings flattened in document
        order: ``[docnum, weight, value, docnum, …]``."""
        if not self.runs:
            return self._sorted()
        return _merge([_read_chunks(run) for run in self.runs] + [self._sorted()])

    def iter_postings(self) -> Iterator[tuple]:
        """The postings as Whoosh's pool gives them: ``(field, term, docnum, weight,
        value)``, sorted."""
        for fieldname, text, postings in self.iter_terms():
            for i in range(0, len(postings), 3):
                yield fieldname, text, postings[i], postings[i + 1], postings[i + 2]

    def cleanup(self) -> None:
        for run in self.runs:
            run.close()
        self.runs = []
        self.terms = {}
        self.held = 0
