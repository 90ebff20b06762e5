"""Every URL the app emits, built in one place (after Datasette's ``url_builder``).

URLs are the public contract: permalinks must keep working for years, and all page state
(query, filters, page, language) lives in the query string. Each builder keeps an
explicitly chosen ``lang`` so a visitor who switched language stays in it.
"""
from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import parse_qsl, urljoin, urlsplit

from flask import current_app, request, url_for

from .i18n import explicit_language

SEARCH_ARGS = ("q", "year", "chapter", "section", "subsection", "page", "limit", "sort")
FILTER_ARGS = ("year", "chapter", "section", "subsection")


def _empty(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, (list, tuple)) and not value)


def _clean(values: Mapping[str, object]) -> dict[str, object]:
    """Drop empty arguments and add the chosen language (a list value repeats its argument)."""
    out = {k: v for k, v in values.items() if not _empty(v)}
    lang = explicit_language()
    if lang and "lang" not in out:
        out["lang"] = lang
    return out


def search_args() -> dict[str, object]:
    """The search arguments of the current request, empty ones dropped. A filter is a list
    of its values (``year=104&year=110``: any of them), the others are strings."""
    out: dict[str, object] = {}
    for name in SEARCH_ARGS:
        if name in FILTER_ARGS:
            values = list(dict.fromkeys(v.strip() for v in request.args.getlist(name) if v.strip()))
            if values:
                out[name] = values
        elif request.args.get(name, "").strip():
            out[name] = request.args[name]
    return out


def home() -> str:
    return url_for("web.search", **_clean({}))


def search(args: Mapping[str, object]) -> str:
    return url_for("web.search", **_clean(args))


def search_json(args: Mapping[str, object]) -> str:
    return url_for("web.api_search", **{k: v for k, v in args.items() if not _empty(v)})


def download(args: Mapping[str, object], extension: str) -> str:
    """``/search.csv`` or ``/search.json``: every result of this search (no page, no limit)."""
    endpoint = {"csv": "web.search_csv", "json": "web.search_json"}[extension]
    return url_for(endpoint, **{k: v for k, v in args.items() if k not in ("page", "limit") and not _empty(v)})


def toggle(args: Mapping[str, object], name: str, value: str, selected: bool) -> str:
    """The search URL with one value of a filter taken off (when selected) or added to its
    other values (any of them matches).

    The page number is dropped too: page 7 of the old results means nothing in the new ones.
    """
    changed = {k: v for k, v in args.items() if k != "page"}
    values = [v for v in listed(args.get(name)) if v != value]
    changed[name] = values if selected else values + [value]
    return search(changed)


def listed(value: object) -> list:
    """A URL argument's values: none, one, or the list of a repeated argument."""
    if _empty(value):
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def page(args: Mapping[str, object], number: int) -> str:
    return search({**args, "page": number if number > 1 else None})


def paragraph(paragraph_id: str, results: str | None = None) -> str:
    """A paragraph's page; ``results``: the search page it is reached from (``from``), so
    the page can link back to it. The page's permalink and citation never carry it."""
    return url_for("web.paragraph", paragraph_id=paragraph_id, **_clean({"from": results}))


RESULTS_MAX = 2000  # characters of a ``from`` argument; a search URL is far shorter


def results_path(args: Mapping[str, object]) -> str:
    """The relative URL of a search page, without its language (``from`` of the hit links)."""
    return url_for("web.search", **{k: v for k, v in args.items() if k in SEARCH_ARGS and not _empty(v)})


def results_args(value: str | None) -> dict[str, object] | None:
    """The search arguments a ``from`` argument names, or None unless it is a relative URL
    of the search page. Only the search arguments are kept and links are rebuilt from them,
    so ``from`` can never lead off the site (no open redirect) nor carry other arguments."""
    if not value or len(value) > RESULTS_MAX or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or parts.path not in (url_for("web.search"), "/"):
        return None
    args: dict[str, object] = {}
    for k, v in parse_qsl(parts.query):
        if k in FILTER_ARGS and v.strip():
            args.setdefault(k, []).append(v)  # type: ignore[union-attr]  (year=104&year=110)
        elif k in SEARCH_ARGS and v.strip():
            args[k] = v
    return args or None


def results(value: str | None) -> str | None:
    """The clean ``from`` value to carry on (to the neighbours), or None."""
    args = results_args(value)
    return results_path(args) if args is not None else None


def back_to_results(value: str | None) -> str | None:
    """The link back to the search page named by ``from``, in the current language."""
    args = results_args(value)
    return search(args) if args is not None else None


def paragraph_csv(paragraph_id: str) -> str:
    """A table paragraph's grid as a CSV file."""
    return url_for("web.paragraph_csv", paragraph_id=paragraph_id)


def paragraph_json(paragraph_id: str) -> str:
    return url_for("web.api_paragraph", paragraph_id=paragraph_id)


def reader(report_id: str, paragraph_id: str | None = None, anchor: str | None = None) -> str:
    """The reader view; with a paragraph it is highlighted and scrolled to."""
    return url_for("web.reader", report_id=report_id, _anchor=paragraph_id or anchor,
                   **_clean({"p": paragraph_id}))


def heading_anchor(path: str) -> str:
    """The reader's anchor of a heading, from its path (``3.2`` -> ``h-3.2``)."""
    return f"h-{path}"


def compare(section: str, q: str | None = None, agency: str | None = None) -> str:
    """The comparison of a section across the years (``section``: a title without its
    enumerator; ``q``: words to highlight, as searched; ``agency``: only its reports)."""
    return url_for("web.compare", **_clean({"section": section, "q": q, "agency": agency}))


def compare_json(section: str, q: str | None = None, agency: str | None = None) -> str:
    args = {"section": section, "q": q, "agency": agency}
    return url_for("web.api_compare", **{k: v for k, v in args.items() if v})


def report_json(report_id: str) -> str:
    return url_for("web.api_report", report_id=report_id)


def reports() -> str:
    return url_for("web.reports", **_clean({}))


def reports_json() -> str:
    return url_for("web.api_reports")


def openapi() -> str:
    return url_for("web.api_openapi")


def language(lang: str) -> str:
    """This page in another interface language; the reader keeps its place (the linked
    paragraph; ``copy.js`` carries any other anchor the visitor has reached)."""
    args = {k: request.args.getlist(k) for k in request.args if k != "lang"}
    endpoint = request.endpoint or "web.search"
    anchor = request.args.get("p") if endpoint == "web.reader" else None
    return url_for(endpoint, **(request.view_args or {}), **args, lang=lang, _anchor=anchor or None)


def absolute(path: str) -> str:
    """A full URL for citations: ``PUBLIC_URL`` if configured, else the request's host."""
    base = current_app.config.get("PUBLIC_URL") or request.host_url
    return urljoin(base.rstrip("/") + "/", path.lstrip("/"))


def permalink(paragraph_id: str) -> str:
    """The language-neutral, absolute permalink of a paragraph, as cited."""
    return absolute(url_for("web.paragraph", paragraph_id=paragraph_id))
