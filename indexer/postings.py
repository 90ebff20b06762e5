"""Postings read whole: a term's documents, weights and positions over the whole index.

Whoosh's matchers step through postings one document at a time through a tree of Python
objects (``is_active``/``next``/``skip_to`` at every node, spans built for every phrase
candidate): on 20,000 paragraphs a common clause costs hundreds of milliseconds. Reading a
term's postings block by block into plain lists, and scoring them with the same BM25F
formula in one loop, costs a few milliseconds; phrases are checked on position sets of the
candidates only. :mod:`indexer.execute` builds clause scores from these.

Relies on the block layout of the whoosh3 codec (pinned in pyproject.toml); any other
matcher, or a segment with deletions, is read through the matcher's public interface.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.searching import Searcher

from .snapshot import Memo, Snapshot

POSTINGS = 1_000_000  # postings kept per generation (terms read once serve later searches)


@dataclass
class Postings:
    """One term in one field: document numbers ascending, weights, and (when asked for) the
    encoded position values, all aligned."""

    ids: list[int]
    weights: list[float]
    values: list | None = None

    def __len__(self) -> int:
        return len(self.ids)

    @cached_property
    def index(self) -> dict[int, int]:
        """Document number -> its place in the lists (built once, kept with the postings)."""
        return {n: i for i, n in enumerate(self.ids)}


EMPTY = Postings([], [], [])


def _read_leaf(m, offset: int, ids: list, weights: list, values: list | None) -> None:
    if isinstance(m, W3LeafMatcher):
        while m.is_active():
            m._read_ids()
            m._read_weights()
            ids.extend(n + offset for n in m._ids)
            weights.extend(m._weights)
            if values is not None:
                m._read_values()
                values.extend(m._values)
            m._next_block()
        return
    while m.is_active():
        ids.append(m.id() + offset)
        weights.append(m.weight())
        if values is not None:
            values.append(m.value())
        m.next()


def read_postings(searcher: Searcher, field: str, btext: bytes, positions: bool = False) -> Postings:
    """The postings of ``btext`` in ``field`` across every segment (empty when absent)."""
    ids: list[int] = []
    weights: list[float] = []
    values: list | None = [] if positions else None
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if (field, btext) not in reader:
            continue
        _read_leaf(reader.postings(field, btext), offset, ids, weights, values)
    return Postings(ids, weights, values) if ids else EMPTY


def postings_memo(snapshot: Snapshot) -> Memo:
    """The generation's memo of postings read: (field, term, positions?) -> Postings."""
    return snapshot.derived.get("postings", lambda: Memo(POSTINGS, weigh=lambda p: len(p) + 1))


def field_lengths(snapshot: Snapshot, searcher: Searcher, field: str) -> list:
    """Every document's length in ``field`` as BM25F sees it (lossy byte-encoded), read once
    per generation."""
    def build() -> list:
        lengths: list = [0] * snapshot.doc_count_all
        for sub, offset in searcher.leaf_searchers():
            reader = sub.reader()
            for n in range(reader.doc_count_all()):
                lengths[n + offset] = reader.doc_field_length(n, field, 1)
        return lengths

    return snapshot.derived.get(("lengths", field), build)
