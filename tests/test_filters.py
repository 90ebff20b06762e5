"""Filters with several values, and facets that keep every value visible (disjunctive)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.errors import QueryError
from indexer.filters import Filters
from indexer.search import search
from indexer.snapshot import open_snapshot
from indexer.schema import NONE


@pytest.fixture(scope="module")
def snap(index_dir):
    snapshot = open_snapshot(index_dir)
    yield snapshot
    snapshot.close()


def counts(result, facet: str) -> dict[str, int]:
    return {v["value"]: v["count"] for v in result.facets[facet]}


@given(st.lists(st.sampled_from(["104", "2015", "110", 2021, " 110 ", ""]), max_size=5))
def test_filter_values_are_normalised_deduplicated_and_sorted(values):
    years = Filters.of(year=values).year
    assert list(years) == sorted(set(years)) and set(years) <= {104, 110}
    assert Filters.of(year=values) == Filters.of(year=list(reversed(values)))


def test_a_bad_year_among_several_is_still_an_error():
    with pytest.raises(QueryError):
        Filters.of(year=["104", "soon"])


def test_several_years_are_alternatives(snap):
    one, other = search(snap, "勞資爭議", year=104, limit=100), search(snap, "勞資爭議", year=110, limit=100)
    both = search(snap, "勞資爭議", year=[104, 2021], limit=100)
    assert {h.year for h in both.hits} == {104, 110}
    assert both.selected["year"] == [104, 110] and both.filters["year"] == [104, 110]
    assert one.filters["year"] == 104  # one value keeps the shape it always had
    assert {h.id for h in both.hits} <= {h.id for h in one.hits} | {h.id for h in other.hits}


def test_a_chosen_years_facet_keeps_the_other_years_with_what_they_would_add(snap):
    only = search(snap, "勞資爭議", year=110)
    both = search(snap, "勞資爭議", year=[104, 110])
    assert set(counts(only, "year")) == {"104", "110"}
    assert counts(only, "year")["110"] == only.total - only.context  # what the page lists
    assert counts(only, "year")["104"] == counts(both, "year")["104"]  # what choosing 104 too lists
    assert sum(counts(both, "year").values()) == both.total - both.context


def test_other_facets_count_within_every_filter(snap):
    result = search(snap, "勞資爭議", year=110)
    assert sum(counts(result, "chapter").values()) <= result.total - result.context
    assert all(h.year == 110 for h in result.hits)


def test_several_chapters_are_alternatives(snap):
    first, second = [v for v in snap.facets["chapter"].values if v != NONE][:2]
    one = search(snap, "-zzzz", chapter=first, limit=100)
    two = search(snap, "-zzzz", chapter=[first, second], limit=100)
    other = search(snap, "-zzzz", chapter=second, limit=100)
    assert one.total and other.total and two.total == one.total + other.total
