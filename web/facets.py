"""Facets as plain dicts for the templates: value, count, selected, toggle_url, bar.

Section facets drill down: the section facet appears once a chapter (or a section) is
chosen, the subsection facet once a section is. A chosen value that matches nothing (an
unknown or mistyped one) is still listed, with count 0, so it can be seen and removed.
"""
from __future__ import annotations

from collections.abc import Mapping

from indexer.errors import QueryError
from indexer.search import normalise_year, section_title

from . import urls

BAR_STEPS = 20  # bars are drawn with CSS classes w0..w20 (5% steps): no inline styles


def _year(value: str) -> str | None:
    try:
        year = normalise_year(value)
    except QueryError:  # the search itself reports a bad year
        return None
    return str(year) if year is not None else None


def selected_values(args: Mapping[str, object]) -> dict[str, list[str]]:
    """The values chosen for each facet, in the form the facet lists them."""
    chosen = {"year": [y for y in map(_year, map(str, urls.listed(args.get("year")))) if y]}
    for level in ("chapter", "section", "subsection"):
        chosen[level] = [t for t in map(section_title, map(str, urls.listed(args.get(level)))) if t]
    return chosen


def visible_facets(chosen: Mapping[str, list[str]]) -> list[str]:
    """Which facets to show: year and chapter always, deeper levels under a chosen parent."""
    shown = ["year", "chapter"]
    if chosen.get("chapter") or chosen.get("section"):
        shown.append("section")
    if chosen.get("section") or chosen.get("subsection"):
        shown.append("subsection")
    return shown


def facet_values(name: str, counts: list[dict], selected: list[str], args: Mapping[str, object]) -> list[dict]:
    """The display values of one facet: every value with its count, the chosen ones too.

    :param counts: the search result's ``[{"value", "count"}]`` for this facet (a chosen
        facet's other values count what choosing them as well would add).
    :param selected: the chosen values.
    """
    values = [{"value": str(c["value"]), "count": int(c["count"])} for c in counts]
    listed = {v["value"] for v in values}
    values[:0] = [{"value": s, "count": 0} for s in selected if s not in listed]
    if name == "year":
        values.sort(key=lambda v: v["value"])
    top = max((v["count"] for v in values), default=0)
    args = {**args, name: selected}  # as the facet spells them: 2015 is listed as 104
    for value in values:
        value["selected"] = value["value"] in selected
        value["toggle_url"] = urls.toggle(args, name, value["value"], value["selected"])
        value["bar"] = round(BAR_STEPS * value["count"] / top) if top else 0
    return values


def build_facets(result_facets: Mapping[str, list[dict]], args: Mapping[str, object]) -> list[dict]:
    """The facets to show for a search: ``[{"name", "values"}]`` in display order."""
    chosen = selected_values(args)
    return [
        {"name": name, "values": facet_values(name, list(result_facets.get(name, [])), chosen.get(name), args)}
        for name in visible_facets(chosen)
    ]
