"""The OpenAPI 3.1 document of the JSON API, served at ``/api/openapi.json``.

Written out by hand rather than generated: the API is small, and its field names are a
contract shared with ``reportsearch search --json`` that should change only deliberately.
"""
from __future__ import annotations

from indexer import ids

ERROR = {"$ref": "#/components/schemas/Error"}
SEARCH_RESULT = {"$ref": "#/components/schemas/SearchResult"}
PARAGRAPH_ID = {"name": "paragraph_id", "in": "path", "required": True,
                "schema": {"type": "string", "pattern": ids.PARAGRAPH_ID.pattern},
                "example": "gxszflgj-104-3.2-1"}
REPORT_ID = {"name": "report_id", "in": "path", "required": True, "schema": {"type": "string"},
             "example": "gxszflgj-104"}


def _query(name: str, description: str, schema: dict) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


MANY = {"type": "array", "items": {"type": "string"}}  # form style, exploded: the argument repeats

SEARCH_PARAMETERS = [
    _query("q", "What to search for: terms are ANDed; OR, -term and \"exact phrase\" work.",
           {"type": "string", "maxLength": 200}),
    _query("year", "ROC (104) or Gregorian (2015) year; repeat for any of several (year=104&year=110).", MANY),
    _query("chapter", "A chapter title without enumerator (drill-down); repeat for any of several.", MANY),
    _query("section", "A heading title without enumerator, at any level; repeat for any of several.", MANY),
    _query("subsection", "A subsection title without enumerator; repeat for any of several.", MANY),
    _query("page", "Page number, from 1.", {"type": "integer", "minimum": 1, "default": 1}),
    _query("limit", "Hits per page; values over 100 are capped at 100.",
           {"type": "integer", "minimum": 1, "default": 10}),
    _query("sort", "relevance (best first), year (newest year first, then report order) or report "
                   "(report order); neighbours of few matches come last in every order.",
           {"type": "string", "enum": ["relevance", "year", "report"], "default": "relevance"}),
]


EXPORT_PARAMETERS = [p for p in SEARCH_PARAMETERS if p["name"] not in ("page", "limit")]
COMPARE_PARAMETERS = [
    {**_query("section", "A heading title without its enumerator (勞資爭議調處), as `--section` takes it; "
                         "an enumerator is ignored.", {"type": "string", "maxLength": 200}),
     "required": True, "example": "勞資爭議調處"},
    _query("q", "Words to highlight in the paragraphs (`marked`), as searched.", {"type": "string", "maxLength": 200}),
    _query("agency", "Only this agency's reports (as in /api/reports).", {"type": "string"}),
]
STRENGTH = {"type": ["string", "null"], "enum": ["title", "same", "related", None],
            "description": "title: the section has the title asked for; same: the same programme "
                           "(matched by title and content); related: a related section; null: none"}
COMPARISON = {"type": "object", "required": ["section", "query", "highlight", "groups"], "properties": {
    "section": {"type": "string"}, "query": {"type": "string"}, "json_url": {"type": "string"},
    "more_agencies": {"type": "array", "description": "agencies with such a section beyond the first five "
                                                      "compared: agency, url (their own comparison)",
                      "items": {"type": "object"}},
    "highlight": {"type": "array", "items": {"type": "string"}},
    "groups": {"type": "array", "description": "one per agency with such a section", "items": {
        "type": "object", "properties": {
            "agency": {"type": "string"},
            "columns": {"type": "array", "description": "every report of the agency, oldest year first", "items": {
                "type": "object", "properties": {
                    "report": {"type": "string"}, "year": {"type": "integer"}, "year_ad": {"type": "integer"},
                    "strength": STRENGTH, "score": {"type": ["number", "null"]},
                    "path": {"type": ["string", "null"]}, "title": {"type": ["string", "null"]},
                    "section": {"type": "array", "items": {"type": "string"}},
                    "url": {"type": ["string", "null"]},
                    "paragraphs": {"type": "array", "items": {"type": "object", "description":
                                   "id, kind, text, url; marked (HTML, matches of q in <mark>) when q is given"}}}}},
            "figures": {"type": "array", "description": "figures whose label recurs in two years or more",
                        "items": {"type": "object", "properties": {
                            "label": {"type": "string"}, "key": {"type": "string"},
                            "values": {"type": "object", "additionalProperties": {"type": "string"},
                                       "description": "report ID -> the figure as printed"}}}}}}}}}


def _ok(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*statuses: int) -> dict:
    return {str(s): _ok("Error", ERROR) for s in statuses}


def _get(summary: str, parameters: list, ok: dict, *statuses: int) -> dict:
    return {"get": {"summary": summary, "parameters": parameters,
                    "responses": {"200": ok, **_errors(*statuses)}}}


ITEM = {"type": ["string", "null"],
        "description": "the item number printed in front of the paragraph (3., (2), ①, 一、), or null"}
CITATION = {"type": "object", "properties": {
    "agency": {"type": "string"}, "title": {"type": "string"}, "year": {"type": "integer"},
    "year_ad": {"type": "integer"}, "section": {"type": "array", "items": {"type": "string"}},
    "paragraph": {"type": "integer", "description": "position within the section, from 1"},
    "item": ITEM, "url": {"type": "string", "description": "the permanent link"},
    "accessed": {"type": "string", "format": "date", "description": "the day of the request (in Taiwan)"},
    "zh": {"type": "string"}, "en": {"type": "string"},
    "bibtex": {"type": "string", "description": "a @misc entry (author: the agency, as an organisation)"},
    "csl": {"type": "object", "description": "a CSL-JSON item of type report"}}}
TABLE = {"$ref": "#/components/schemas/Table"}
TABLE_SCHEMA = {
    "type": ["object", "null"], "required": ["caption", "header_rows", "rows", "checked", "cells"],
    "description": "a table paragraph's grid, read back from the cells the text printed one per line; "
                   "null for every other paragraph",
    "properties": {
        "caption": {"type": ["string", "null"], "description": "the lead-in line that names the table, if any"},
        "header_rows": {"type": "integer", "minimum": 0, "description": "how many of rows are headers"},
        "rows": {"type": ["array", "null"], "items": {"type": "array", "items": {"type": "string"}},
                 "description": "every row the same length, a spanned header repeated in each column it "
                                "covers; null when no grid was found (cells then stand as printed)"},
        "checked": {"type": "boolean", "description": "totals or percentages confirmed the layout"},
        "cells": {"type": "array", "items": {"type": "string"}, "description": "the original cell lines"}}}
CELL = {"type": "object", "required": ["row", "column", "value", "matched", "html"], "properties": {
    "row": {"type": "string", "description": "the row's label cells, joined by ' · '"},
    "column": {"type": "string", "description": "the column's header cells, joined by ' · ' (repeats once)"},
    "value": {"type": "string", "description": "the cell as printed"},
    "matched": {"type": "array", "items": {"enum": ["row", "column", "value"]},
                "description": "where the query's terms were found"},
    "html": {"type": "string", "description": "row · column · value, the matches in <mark> (the value too "
                                              "when it is at the crossing of a named row and column)"}}}
HIT = {"type": "object", "properties": {
    "table": TABLE,
    "cells": {"type": "array", "items": CELL,
              "description": "a table's cells the query picks out (figures it names, or cells where the rows and "
                             "columns it names cross), at most 8, with their labels; the snippet then lists "
                             "them. Empty for prose, for a table without a grid, and in downloads"}}}
PARAGRAPH = {"type": "object", "properties": {
    "paragraph": {"type": "object", "description": "the export fields plus ordinal, path, item and "
                                                   "section_paragraphs (how many the section has)",
                  "properties": {"item": ITEM, "table": TABLE, "ordinal": {"type": "integer"}, "path": {"type": "string"},
                                 "section_paragraphs": {"type": "integer"}}},
    "report": {"type": "object"},
    "previous": {"type": ["object", "null"], "description": "export fields plus item"},
    "next": {"type": ["object", "null"], "description": "export fields plus item"},
    "citation": {"$ref": "#/components/schemas/Citation"},
    "same_section": {"type": "array", "items": {"type": "object"}},
    "reader_url": {"type": "string"}}}


def openapi_document() -> dict:
    """The OpenAPI document; every route under ``/api/`` appears in ``paths``."""
    obj = {"type": "object"}
    return {
        "openapi": "3.1.0",
        "info": {"title": "reportsearch API", "version": "1",
                 "description": "Full-text search over Taiwanese government annual performance reports."},
        "paths": {
            "/api/search": _get("Search paragraphs (same response as `reportsearch search --json`)",
                                SEARCH_PARAMETERS, _ok("Search result", SEARCH_RESULT), 400, 503),
            "/search.json": _get("Every result of a search (at most 10,000; page and limit are ignored), as "
                                 "/api/search's response with all hits and no snippets; X-Total-Count and "
                                 "X-Exported-Count headers", EXPORT_PARAMETERS, _ok("Search result", SEARCH_RESULT), 400, 503),
            "/search.csv": _get("Every result of a search as CSV (UTF-8 with a byte order mark): rank, id, year, "
                                "year_ad, report, section, kind, matched, text, url", EXPORT_PARAMETERS,
                                {"description": "CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}, 400, 503),
            "/api/paragraphs/{paragraph_id}": _get(
                "A paragraph with its section path, neighbours and citation; `same_section` lists, for each "
                "other report of its agency, the matching section (`strength`: same or related) and its "
                "best-matching paragraph (`paragraph`, `paragraph_url`; `url` opens it in the reader)", [PARAGRAPH_ID],
                _ok("Paragraph", {"$ref": "#/components/schemas/Paragraph"}), 404, 503),
            "/p/{paragraph_id}.csv": _get(
                "A table paragraph's grid as CSV (UTF-8 with a byte order mark): its rows, headers first, "
                "when a grid was recovered, else one cell per line; no caption line. 404 for a paragraph "
                "that is not a table", [PARAGRAPH_ID],
                {"description": "CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}, 404, 503),
            "/api/compare": _get(
                "A section across the years: every report's matching section of each agency that has a "
                "heading with this title, side by side, and the figures they share",
                COMPARE_PARAMETERS, _ok("Comparison", COMPARISON), 400, 404, 503),
            "/api/reports": _get("The reports indexed", [], _ok("Reports", {"type": "array", "items": obj}), 503),
            "/api/reports/{report_id}": _get("A report: contents and every paragraph in order", [REPORT_ID],
                                             _ok("Report", obj), 404, 503),
            "/api/openapi.json": _get("This document", [], _ok("OpenAPI document", obj)),
        },
        "components": {"schemas": {
            "Error": {"type": "object", "required": ["ok", "error", "status"], "properties": {
                "ok": {"const": False}, "error": {"type": "string", "description": "in English, for programs"},
                "status": {"type": "integer"},
                "message": {"type": "string", "description": "the same in the request's language "
                                                             "(?lang= or Accept-Language), for people"}}},
            "Paragraph": PARAGRAPH,
            "Citation": CITATION,
            "Table": TABLE_SCHEMA,
            "SearchResult": {"type": "object", "required": ["query", "total", "page", "limit", "hits", "facets"],
                             "properties": {
                                 "query": {"type": "string"}, "total": {"type": "integer"},
                                 "page": {"type": "integer"}, "limit": {"type": "integer"},
                                 "hits": {"type": "array", "items": HIT},
                                 "facets": {"type": "object", "additionalProperties": {"type": "array"}},
                                 "filters": {"type": "object", "description": "each filter's value: null, the "
                                             "one value, or a list when several are chosen"},
                                 "selected": {"type": "object", "additionalProperties": {"type": "array"},
                                              "description": "each filter's chosen values (any of them matches); "
                                                             "a chosen facet lists its other values with the "
                                                             "count that choosing them too would add"},
                                 "glosses": {"type": "object", "additionalProperties": {"type": "string"},
                                             "description": "a term in expansions -> the English words of the "
                                                            "query it translates"},
                                 "query_years": {"type": "array", "items": obj,
                                                 "description": "{term, year}: terms of the query that name a "
                                                                "report year and so restrict the search to it "
                                                                "(or to paragraphs printing it)"},
                                 "expansions": {"type": "array", "items": {"type": "string"}},
                                 "notes": {"type": "array", "items": {"type": "string"}},
                                 "partial": {"type": "boolean",
                                             "description": "no paragraph contains every term; these contain some"},
                                 "complete": {"type": "integer",
                                              "description": "how many hits, the first ones, contain every term"},
                                 "context": {"type": "integer",
                                             "description": "how many hits, the last ones, are paragraphs next to "
                                                            "matches in their sections (hit.matched == 'context')"},
                                 "missing": {"type": "integer",
                                             "description": "the most query terms any listed paragraph lacks"},
                                 "ignored": {"type": "array", "items": {"type": "string"},
                                             "description": "English words neither in the glossary nor in the text"},
                                 "broadened": {"type": "object", "additionalProperties": {"type": "string"},
                                               "description": "a compound term few paragraphs contain -> its "
                                                              "specific parts, space-separated; paragraphs with "
                                                              "any of them follow the full matches"},
                                 "broadened_parts": {"type": "object",
                                                     "additionalProperties": {"type": "array",
                                                                              "items": {"type": "string"}},
                                                     "description": "the same parts, as a list"},
                                 "relaxed": {"type": "object",
                                             "additionalProperties": {"type": "array", "items": {"type": "string"}},
                                             "description": "a Chinese run found nowhere -> the parts of it searched instead"},
                                 "timed_out": {"type": "boolean",
                                               "description": "the search reached its time limit (serve --time-limit, "
                                                              "default 1 s); the result holds what was found before"},
                                 "dropped": {"type": "array", "items": {"type": "string"},
                                             "description": "terms past the first 32, not searched"},
                                 "years_covered": {"type": "array", "items": {"type": "integer"},
                                                   "description": "ROC years of the reports, when a term "
                                                                  "names a year none covers (2019)"},
                                 "nearby": {"type": "array", "items": {"type": "string"},
                                            "description": "when nothing matched: the reports' words closest "
                                                           "to the query's, as printed"},
                                 "requested_page": {"type": ["integer", "null"],
                                                    "description": "the page asked for, when past the last; "
                                                                   "page is then the last page"},
                                 "suggestion": {"type": ["string", "null"],
                                                "description": "did-you-mean query, when a term matched nothing and "
                                                               "a slip of typing explains it"}}},
        }},
    }
