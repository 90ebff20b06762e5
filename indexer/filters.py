"""The filters of a search (years and sections), and facet counts that respect them.

Several values of one filter are alternatives (year 104 or 110, like Meilisearch's or
Datasette's facets); different filters must all hold. A facet whose filter is set counts
its other values as if that filter were lifted (the "disjunctive" facets of faceted
search): choosing 110 keeps 104 visible with the count it would add. Its chosen values
count what the page lists, so they add up to the total the page states.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from .errors import QueryError
from .snapshot import ROC_OFFSET, Snapshot

ENUMERATOR = re.compile(r"^(?:[壹貳參叁肆伍陸柒捌玖拾一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）])\s*")
NAMES = ("year", "section", "chapter", "subsection")  # the filters, as the URL and CLI name them


def normalise_year(year: str | int | None) -> int | None:
    """ROC or Gregorian year -> ROC year. :raises QueryError: when it is not a year."""
    if year in (None, ""):
        return None
    try:
        value = int(str(year).strip())
    except ValueError:
        raise QueryError(f"year must be a number such as 104 or 2015, not {year!r}",
                         key="year_not_number", year=str(year)) from None
    if value > ROC_OFFSET:
        value -= ROC_OFFSET
    if not 1 <= value <= 999:
        raise QueryError(f"year {year!r} is out of range; use the ROC (104) or Gregorian (2015) year",
                         key="year_out_of_range", year=str(year))
    return value


def section_title(section: str | None) -> str | None:
    """A heading title without its enumerator (``二、勞資爭議調處`` -> ``勞資爭議調處``)."""
    if section is None or not section.strip():
        return None
    return ENUMERATOR.sub("", section.strip())


def _values(value: object) -> list:
    if value is None or value == "":
        return []
    if isinstance(value, (str, int)):
        return [value]
    return [v for v in value if v not in (None, "")]  # type: ignore[union-attr]


@dataclass(frozen=True)
class Filters:
    """Each filter's chosen values (empty: no restriction), normalised and sorted."""

    year: tuple[int, ...] = ()
    section: tuple[str, ...] = ()  # a heading title at any level
    chapter: tuple[str, ...] = ()
    subsection: tuple[str, ...] = ()

    @classmethod
    def of(cls, year: object = None, section: object = None, chapter: object = None,
           subsection: object = None) -> Filters:
        """From one value or several per filter. :raises QueryError: for a bad year."""
        def titles(value: object) -> tuple[str, ...]:
            return tuple(sorted({t for t in map(section_title, map(str, _values(value))) if t}))
        years = tuple(sorted({y for y in map(normalise_year, _values(year)) if y is not None}))
        return cls(years, titles(section), titles(chapter), titles(subsection))

    def without(self, name: str) -> Filters:
        return Filters(**{n: () if n == name else getattr(self, n) for n in NAMES})

    def mask(self, snapshot: Snapshot) -> np.ndarray | None:
        return snapshot.allowed(self.year, self.section, self.chapter, self.subsection)

    @property
    def key(self) -> tuple:
        return (self.year, self.section, self.chapter, self.subsection)

    def shown(self) -> dict[str, object]:
        """The result's ``filters``: each filter's value as before (None or the one value),
        a list only when several are chosen."""
        return {n: (None if not v else v[0] if len(v) == 1 else list(v))
                for n in NAMES for v in [getattr(self, n)]}

    def selected(self) -> dict[str, list]:
        """Each filter's values as a list (empty: none)."""
        return {n: list(getattr(self, n)) for n in NAMES}


def facet_counts(snapshot: Snapshot, filters: Filters, listed: np.ndarray,
                 listed_within) -> dict[str, dict[str, int]]:
    """How many listed paragraphs have each value of each facet.

    :param listed: the documents the page lists as matches.
    :param listed_within: a mask of allowed documents -> the documents the same search
        lists under it (:meth:`indexer.levels.Levels.listed_within`).
    """
    counts = snapshot.facet_counts(np.flatnonzero(listed))
    for name in NAMES:
        chosen = getattr(filters, name)
        if not chosen:
            continue
        lifted = listed_within(filters.without(name).mask(snapshot))
        wider = snapshot.facets[name].counts(np.flatnonzero(lifted))
        own = {str(v) for v in chosen}
        merged = {v: c for v, c in wider.items() if v not in own}
        merged.update({v: counts[name][v] for v in own if counts[name].get(v)})
        counts[name] = merged
    return counts
