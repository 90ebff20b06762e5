"""The Whoosh schema: one document per paragraph.

Facet fields are separate ``ID(sortable=True)`` columns per level (year, chapter, section,
subsection): measured on an 80k-paragraph index they cost a few milliseconds per query,
where one overlapping KEYWORD facet costs two orders of magnitude more. Facet values are
heading titles without enumerators, so the same section in different years is one value.
"""
from __future__ import annotations

from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from .analysis import char_analyzer, gram_analyzer, word_analyzer

NONE = "-"  # facet value for a level a paragraph does not have (Whoosh columns need one)


def build_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        report=ID(stored=True, sortable=True),
        agency=ID,  # the report's publisher (高雄市政府勞工局): words naming it only rank
        year=ID(stored=True, sortable=True),
        year_ad=STORED,
        chapter=ID(stored=True, sortable=True),
        section=ID(stored=True, sortable=True),
        subsection=ID(stored=True, sortable=True),
        path=STORED,  # headings from chapter to leaf, as printed
        kind=ID(stored=True),
        # the paragraph's place in its report: sorted on, never searched by range, so one
        # term per value (shift_step=0), not Whoosh's 16 trie terms for range queries
        order=NUMERIC(stored=True, sortable=True, bits=64, shift_step=0),
        text=TEXT(analyzer=gram_analyzer(), stored=True, phrase=True, chars=True),
        chars=TEXT(analyzer=char_analyzer(), phrase=False),
        words=TEXT(analyzer=word_analyzer(), phrase=True),
        headings=TEXT(analyzer=gram_analyzer(), phrase=True),  # section titles above the leaf
        leaf=TEXT(analyzer=gram_analyzer(), phrase=True),  # the leaf heading
        lead=TEXT(analyzer=gram_analyzer(), phrase=True),  # the numbered items it sits under
        leads=STORED,  # the same items, as a list
        table=STORED,  # a table paragraph's grid (indexer.grids.Table.to_json()); absent for prose
    )
