"""The build's postings pool gives the writer exactly what Whoosh's own pool would."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.externalsort import SortingPool

from indexer import pool as pool_module
from indexer.pool import OutOfOrder, TermPool

FIELDS = st.sampled_from(["chars", "text", "words"])
TERMS = st.binary(min_size=1, max_size=3)
# a document's postings: distinct (field, term) pairs, as Whoosh's Field.index gives them
DOCUMENT = st.dictionaries(st.tuples(FIELDS, TERMS), st.tuples(st.floats(0.1, 9.0), st.binary(max_size=6)), max_size=12)


def postings_of(documents: list[dict]) -> list[tuple]:
    """Postings in the order a writer adds them: document by document."""
    return [(field, term, docnum, weight, value)
            for docnum, doc in enumerate(documents) for (field, term), (weight, value) in doc.items()]


def whoosh_order(postings: list[tuple]) -> list[tuple]:
    pool = SortingPool()
    for item in postings:
        pool.add(item)
    return list(pool.items())


@settings(deadline=None)
@given(st.lists(DOCUMENT, max_size=30), st.sampled_from([1e-9, 0.0003, 0.002, 64]), st.sampled_from([2, 3, 200]),
       st.sampled_from([3, 30, 3 * 4096]))
def test_postings_come_out_as_whoosh_sorts_them_whether_or_not_runs_were_written(tmp_path_factory, documents, limit_mb,
                                                                                 max_runs, chunk):
    """Whatever the limit, the number of runs merged into one and the chunks runs are written in."""
    postings = postings_of(documents)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pool_module, "MAX_RUNS", max_runs)
        patch.setattr(pool_module, "CHUNK", chunk)
        pool = TermPool(str(tmp_path_factory.mktemp("runs")), limit_mb)
        for item in postings:
            pool.add(item)
        try:
            assert len(pool.runs) < max_runs
            assert list(pool.iter_postings()) == whoosh_order(postings)
            assert pool.fieldnames == {item[0] for item in postings}
        finally:
            pool.cleanup()


def test_a_small_limit_writes_runs_and_they_leave_no_file(tmp_path):
    pool = TermPool(str(tmp_path), 1e-9)  # one posting per run
    items = [("text", b"ab", 0, 1.0, b"x"), ("text", b"ab", 1, 2.0, b"y"), ("chars", b"a", 1, 1.0, b"")]
    for item in items:
        pool.add(item)
    assert len(pool.runs) == 3
    assert list(pool.iter_postings()) == sorted(items)
    pool.cleanup()
    assert list(tmp_path.iterdir()) == []  # runs are unlinked files: nothing to leave behind


@pytest.mark.parametrize("limit_mb", [64, 1e-9])
def test_a_posting_for_an_earlier_document_is_refused_not_misplaced(tmp_path, limit_mb):
    pool = TermPool(str(tmp_path), limit_mb)
    pool.add(("text", b"ab", 5, 1.0, b""))
    with pytest.raises(OutOfOrder):
        pool.add(("text", b"ab", 3, 1.0, b""))
        list(pool.iter_postings())
    pool.cleanup()
