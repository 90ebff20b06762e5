"""A segment's postings written a block at a time.

Whoosh's ``FieldWriter.add_postings`` takes postings one by one, checks their order, looks
up the document's field length, and hands each to the whoosh3 postings writer, which checks
its types and updates its block statistics posting by posting: a sixth of a build. The pool
(:class:`~indexer.pool.TermPool`) already holds each term's postings in order, so
:func:`write_terms` fills the writer's block buffers a block at a time and lets the writer
write each block and term as it always does. The bytes written are the same
(``tests/test_blocks.py``); this relies on the whoosh3 codec's postings writer
(``_ids``, ``_weights``, ``_values``, the length and weight statistics), which
pyproject.toml pins, as :mod:`indexer.postings` does on the reading side.
"""
from __future__ import annotations

from collections.abc import Iterable


def write_terms(fieldwriter, schema, lengths, terms: Iterable[tuple[str, bytes, list]]) -> None:
    """Write ``terms`` (field, term, ``[docnum, weight, value, …]``, in order) through a
    whoosh3 ``fieldwriter``; ``lengths`` gives each document's field length (or is None)."""
    current = None
    length_of = None
    for fieldname, btext, postings in terms:
        if fieldname != current:
            if current is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            length_of = lengths.doc_field_length_reader(fieldname) if lengths else None
            current = fieldname
        fieldwriter.start_term(btext)
        writer = fieldwriter._postwriter
        limit = writer._blocklimit
        docs, weights, values = postings[0::3], postings[1::3], postings[2::3]
        for i in range(0, len(docs), limit):
            if i:
                writer._write_block()
            block = docs[i : i + limit]
            block_weights = weights[i : i + limit]
            writer._ids.extend(block)
            writer._weights.extend(block_weights)
            writer._values.extend(v for v in values[i : i + limit] if v)
            top = max(block_weights)
            if top > writer._maxweight:
                writer._maxweight = top
            if length_of is not None:
                found = [n for n in map(length_of, block) if n]
                if found:
                    low, high = min(found), max(found)
                    if writer._minlength is None or low < writer._minlength:
                        writer._minlength = low
                    if high > writer._maxlength:
                        writer._maxlength = high
        fieldwriter.finish_term()
    if current is not None:
        fieldwriter.finish_field()
