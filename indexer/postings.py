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

import numpy as np

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from .snapshot import Memo, Snapshot

BYTE_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
POSTINGS_BYTES = 256 << 20  # postings kept per generation (terms read once serve later searches)
VALUE_BYTES = 90  # what one posting's position value costs as a Python bytes object, about


@dataclass(frozen=True)
class Postings:
    """One term in one field: document numbers ascending, weights, and (when asked for) the
    encoded position values, all aligned."""

    ids: np.ndarray  # int64
    weights: np.ndarray  # float64 (Whoosh stores float32: converted exactly)
    values: list | None = None

    def __len__(self) -> int:
        return len(self.ids)


EMPTY = Postings(np.zeros(0, np.int64), np.zeros(0, np.float64), [])


BLOCKS_BETWEEN_CHECKS = 32  # postings blocks (128 postings each at most) read between two looks at the clock


def _read_leaf(m, offset: int, ids: list, weights: list, values: list | None, expired) -> None:
    if isinstance(m, W3LeafMatcher):
        blocks = 0
        while m.is_active():
            blocks += 1
            if blocks % BLOCKS_BETWEEN_CHECKS == 0 and expired():
                return
            if m._data is None:
                m._read_data()
            raw = m._data[0]  # document numbers, as deltas unless stored as bytes
            block = np.asarray(raw, dtype=np.int64) if m._byteids else np.cumsum(np.asarray(raw, dtype=np.int64))
            ids.append(block + offset if offset else block)
            m._read_weights()
            weights.append(np.asarray(m._weights, dtype=np.float64))
            if values is not None:
                m._read_values()
                values.extend(m._values)
            m._next_block()
        return
    block_ids, block_weights = [], []
    while m.is_active():
        block_ids.append(m.id() + offset)
        block_weights.append(m.weight())
        if values is not None:
            values.append(m.value())
        m.next()
    ids.append(np.asarray(block_ids, dtype=np.int64))
    weights.append(np.asarray(block_weights, dtype=np.float64))


def read_postings(searcher: Searcher, field: str, btext: bytes, positions: bool = False,
                  expired=lambda: False) -> Postings:
    """The postings of ``btext`` in ``field`` across every segment (empty when absent); the
    ones read so far once ``expired()`` says time is up (the caller must not keep those)."""
    ids: list[np.ndarray] = []  # blocks
    weights: list[np.ndarray] = []
    values: list | None = [] if positions else None
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if (field, btext) not in reader:
            continue
        _read_leaf(reader.postings(field, btext), offset, ids, weights, values, expired)
    if not ids:
        return EMPTY
    return Postings(np.concatenate(ids), np.concatenate(weights), values)


def postings_memo(snapshot: Snapshot) -> Memo:
    """The generation's memo of postings read: (field, term, positions?) -> Postings."""
    return snapshot.derived.get("postings", lambda: Memo(POSTINGS_BYTES, weigh=_weigh))


def _weigh(p: Postings) -> int:
    return p.ids.nbytes + p.weights.nbytes + (VALUE_BYTES * len(p.values) if p.values else 0) + 64


def field_lengths(snapshot: Snapshot, searcher: Searcher, field: str) -> np.ndarray:
    """Every document's length in ``field`` as BM25F sees it (lossy byte-encoded), read once
    per generation."""
    def build() -> np.ndarray:
        lengths = np.zeros(snapshot.doc_count_all, dtype=np.float64)
        for sub, offset in searcher.leaf_searchers():
            reader = sub.reader()
            count = reader.doc_count_all()
            column = getattr(getattr(reader, "_perdoc", None), "_cached_reader", lambda *_a: None)(
                _lenfield(field), LENGTHS_COLUMN)
            if column is not None:  # the length bytes of the whole segment, decoded by table
                lengths[offset : offset + count] = BYTE_LENGTHS[np.fromiter(column, dtype=np.uint8, count=count)]
            else:
                for n in range(count):
                    lengths[n + offset] = reader.doc_field_length(n, field, 1) or 0
        return lengths

    return snapshot.derived.get(("lengths", field), build)
