"""From URL arguments to a search and the search page's data.

The page and ``/api/search`` run the same search with the same arguments, so the API is
exactly the page's data. The drill-down arguments go to the engine at their own level
(``chapter``, ``subsection``), except ``section``, which keeps the CLI's meaning: a heading
title at any level, narrowed by the chosen chapter.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping

from flask import current_app
from flask_babel import lazy_gettext as _l

from indexer.errors import QueryError
from indexer.results import SearchResult
from indexer.expand import current_glossary
from indexer.search import MAX_EXPORT, search
from indexer.suggest import example_searches
from indexer.syntax import MAX_CLAUSES, without_term

from . import urls
from .facets import build_facets
from .i18n import error_message
from .served_index import snapshot

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")  # refused by the engine, not echoed back

def search_kwargs(args: Mapping[str, str]) -> dict:
    """Keyword arguments of :func:`indexer.search.search` for these URL arguments."""
    return {"year": args.get("year") or None, "section": args.get("section") or None,
            "chapter": args.get("chapter") or None, "subsection": args.get("subsection") or None,
            "page": args.get("page") or 1, "limit": args.get("limit") or 10,
            "sort": args.get("sort") or "relevance"}


def run_search(args: Mapping[str, str], export: bool = False) -> SearchResult:
    """:raises QueryError: for unusable arguments (the message says how to fix them)."""
    return search(snapshot(), args.get("q", ""), **search_kwargs(args), export=export,
                  timelimit=float(current_app.config["SEARCH_TIMELIMIT"]))


SORT_LABELS = (("relevance", _l("Relevance")), ("year", _l("Newest year first")), ("report", _l("Report order")))


def examples() -> list[str]:
    """Searches that find something in the index being served (see
    :func:`indexer.suggest.example_searches`), Chinese then English."""
    found = example_searches(snapshot(), current_glossary())
    return found["chinese"] + found["english"]


def sort_links(args: Mapping[str, str]) -> list[dict]:
    """The orders a reader can choose, each a link (the first page of the same search)."""
    current = args.get("sort") or "relevance"
    return [{"label": label, "current": name == current,
             "url": urls.search({**args, "sort": None if name == "relevance" else name, "page": None})}
            for name, label in SORT_LABELS]


def without_filters(result: SearchResult, args: Mapping[str, str]) -> dict | None:
    """When filters leave nothing, how many paragraphs the query finds without them, and a
    link there (filters carry into a new search, so they are easy to forget)."""
    applied = [name for name in urls.FILTER_ARGS if args.get(name)]
    if result.total or not applied or not str(args.get("q", "")).strip():
        return None
    plain = {k: v for k, v in args.items() if k not in (*urls.FILTER_ARGS, "page")}
    try:
        found = run_search({**plain, "limit": "1"}).total
    except QueryError:
        return None
    return {"count": found, "url": urls.search(plain)} if found else None


def expansion_groups(result: SearchResult) -> list[dict]:
    """The terms the search added, grouped by the English words they translate (外籍勞工、
    外勞、移工 (foreign workers)); aliases of Chinese terms have no gloss."""
    groups: list[dict] = []
    for term in result.expansions:
        gloss = result.glosses.get(term)
        if groups and groups[-1]["gloss"] == gloss:
            groups[-1]["terms"].append(term)
        else:
            groups.append({"terms": [term], "gloss": gloss})
    return groups


def query_tags(result: SearchResult, args: Mapping[str, str]) -> list[dict]:
    """The years typed in the query (``labour dispute 2021``), which filter like the year
    facet: each a removable tag whose link searches the query without it."""
    q = str(args.get("q", ""))
    return [{"term": y["term"], "year": y["year"],
             "url": urls.search({**args, "q": without_term(q, y["term"]), "page": None})}
            for y in result.query_years]


def pagination(result: SearchResult, args: Mapping[str, str]) -> dict:
    """Links to the neighbouring, first and last pages; ``beyond``: the page asked for, when
    it was past the end (the engine then returns the last page)."""
    pages = max(1, math.ceil(result.total / result.limit))
    return {
        "pages": pages,
        "previous": urls.page(args, min(result.page - 1, pages)) if result.page > 1 else None,
        "next": urls.page(args, result.page + 1) if result.page < pages else None,
        "first": urls.page(args, 1),
        "last": urls.page(args, pages),
        "beyond": result.requested_page,  # the page asked for, past the last (the last is shown)
        "numbers": [{"number": n, "url": urls.page(args, n) if n else None, "current": n == result.page}
                    for n in page_numbers(result.page, pages)],
        "sizes": [{"size": size, "current": size == result.limit,
                   "url": urls.search({**args, "limit": None if size == 10 else size, "page": None})}
                  for size in PAGE_SIZES],
    }


PAGE_SIZES = (10, 20, 50, 100)


def page_numbers(current: int, pages: int, around: int = 2) -> list[int]:
    """The page numbers to link: the first, the last and those around the current one; 0
    marks a gap (1 … 4 5 6 … 12)."""
    shown = sorted({1, pages, *range(max(1, current - around), min(pages, current + around) + 1)})
    out: list[int] = []
    for n in shown:
        if out and n - out[-1] > 1:
            out.append(0)
        out.append(n)
    return out


def page_context(args: Mapping[str, str]) -> tuple[dict, int]:
    """The search page's template context and HTTP status.

    With no query and no filter there is nothing to search: the page shows the reports.
    """
    context: dict = {"args": args, "query": CONTROL_CHARACTERS.sub("", args.get("q", "")),
                     "result": None, "error": None, "facets": [], "pagination": None, "suggestion": None,
                     "json_url": urls.search_json(args), "query_tags": [], "examples": [],
                     "applied": [name for name in urls.FILTER_ARGS if args.get(name)],
                     "filter_count": sum(len(args[name]) for name in urls.FILTER_ARGS if args.get(name))}
    if not (str(args.get("q", "")).strip() or any(args.get(name) for name in urls.FILTER_ARGS)):
        context.update(examples=examples())
        return context, 200
    try:
        result = run_search(args)
    except QueryError as exc:
        context["error"] = error_message(exc)
        return context, exc.status
    if not result.total:
        context.update(examples=examples())
    context.update(without_filters=without_filters(result, args), query_tags=query_tags(result, args),
                   expansion_groups=expansion_groups(result))
    context.update(result=result, max_terms=MAX_CLAUSES, max_export=MAX_EXPORT, sorts=sort_links(args), facets=build_facets(result.facets, args),
                   pagination=pagination(result, args), suggestion=result.suggestion)
    return context, 200
