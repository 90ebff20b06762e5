"""Postings written a block at a time are, byte for byte, what Whoosh writes one by one."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from indexer.blocks import write_terms

SCHEMA = Schema(a=TEXT(phrase=True), b=TEXT(phrase=False))
DOCS = 400


class Lengths:
    """Field lengths per document, as the writer's per-document reader gives them."""

    def __init__(self, lengths: dict[str, list[int]]) -> None:
        self.lengths = lengths

    def doc_field_length_reader(self, fieldname: str):
        return self.lengths[fieldname].__getitem__


@st.composite
def terms(draw):
    """Sorted (field, term, [docnum, weight, value, …]) with docnums increasing, some
    terms long enough for several blocks of 128 postings."""
    out = []
    for field in sorted(SCHEMA.names()):
        for text in sorted(draw(st.sets(st.binary(min_size=1, max_size=3), min_size=1, max_size=6))):
            docs = sorted(draw(st.sets(st.integers(0, DOCS - 1), min_size=1,
                                       max_size=draw(st.sampled_from([3, 130, 300])))))
            postings = []
            for doc in docs:
                postings += [doc, draw(st.sampled_from([1.0, 2.0, 0.2, 0.6000000000000001, 3.5])),
                             draw(st.sampled_from([b"", b"\x00\x00\x00\x01.", b"xyz"]))]
            out.append((field, text, postings))
    return out


def written(terms_, lengths, blocks: bool) -> dict[str, bytes]:
    codec, storage = W3Codec(), RamStorage()
    segment = codec.new_segment(storage, "main")
    writer = codec.field_writer(storage, segment)
    if blocks:
        write_terms(writer, SCHEMA, lengths, terms_)
    else:
        items = [(f, t, p[i], p[i + 1], p[i + 2]) for f, t, p in terms_ for i in range(0, len(p), 3)]
        writer.add_postings(SCHEMA, lengths, iter(items))
    writer.close()
    prefix = segment.make_filename("")
    return {name.removeprefix(prefix): storage.files[name] for name in storage.list()}


@settings(deadline=None, max_examples=60)
@given(terms(), st.lists(st.one_of(st.integers(0, 3), st.integers(0, 300)), min_size=DOCS, max_size=DOCS), st.booleans())
def test_the_files_are_the_same(terms_, field_lengths, with_lengths):
    lengths = Lengths({"a": field_lengths, "b": field_lengths[::-1]}) if with_lengths else None
    assert written(terms_, lengths, blocks=True) == written(terms_, lengths, blocks=False)
