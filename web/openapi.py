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


SEARCH_PARAMETERS = [
    _query("q", "What to search for: terms are ANDed; OR, -term and \"exact phrase\" work.",
           {"type": "string", "maxLength": 200}),
    _query("year", "ROC (104) or Gregorian (2015) year.", {"type": "string"}),
    _query("chapter", "A chapter title without enumerator (drill-down).", {"type": "string"}),
    _query("section", "A section title without enumerator; with chapter, the deeper wins.", {"type": "string"}),
    _query("subsection", "A subsection title without enumerator.", {"type": "string"}),
    _query("page", "Page number, from 1.", {"type": "integer", "minimum": 1, "default": 1}),
    _query("limit", "Hits per page; values over 100 are capped at 100.",
           {"type": "integer", "minimum": 1, "default": 10}),
    _query("sort", "relevance (best first), year (newest year first, then report order) or report "
                   "(report order); neighbours of few matches come last in every order.",
           {"type": "string", "enum": ["relevance", "year", "report"], "default": "relevance"}),
]


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
PARAGRAPH = {"type": "object", "properties": {
    "paragraph": {"type": "object", "description": "the export fields plus ordinal, path, item and "
                                                   "section_paragraphs (how many the section has)",
                  "properties": {"item": ITEM, "ordinal": {"type": "integer"}, "path": {"type": "string"},
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
            "/api/paragraphs/{paragraph_id}": _get(
                "A paragraph with its section path, neighbours and citation", [PARAGRAPH_ID],
                _ok("Paragraph", {"$ref": "#/components/schemas/Paragraph"}), 404, 503),
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
            "SearchResult": {"type": "object", "required": ["query", "total", "page", "limit", "hits", "facets"],
                             "properties": {
                                 "query": {"type": "string"}, "total": {"type": "integer"},
                                 "page": {"type": "integer"}, "limit": {"type": "integer"},
                                 "hits": {"type": "array", "items": obj},
                                 "facets": {"type": "object", "additionalProperties": {"type": "array"}},
                                 "filters": obj, "expansions": {"type": "array", "items": {"type": "string"}},
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
                                 "suggestion": {"type": ["string", "null"],
                                                "description": "did-you-mean query, when a term matched nothing and "
                                                               "a slip of typing explains it"}}},
        }},
    }
