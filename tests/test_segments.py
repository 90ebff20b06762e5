"""How a full build shares its reports among the workers that each write a segment."""
from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from indexer.segments import shares


@dataclass
class Sized:
    name: int
    paragraphs: tuple


@given(st.lists(st.integers(min_value=0, max_value=400), max_size=40), st.integers(min_value=1, max_value=6))
def test_shares_keep_corpus_order_and_cut_at_most_as_many_runs_as_asked(sizes, parts):
    reports = [Sized(i, (None,) * n) for i, n in enumerate(sizes)]
    cut = shares(reports, parts)
    assert [r for share in cut for r in share] == reports
    assert len(cut) <= parts and all(cut)


def test_equal_reports_are_shared_equally():
    reports = [Sized(i, (None,) * 200) for i in range(100)]
    assert [len(share) for share in shares(reports, 2)] == [50, 50]
    assert [len(share) for share in shares(reports, 3)] == [34, 33, 33]
