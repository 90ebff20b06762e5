"""Result stage: what a search returns, as plain data that the web and the CLI render.

The fields are a contract (``reportsearch search --json``, ``/api/search``): extend them,
never rename or drop one. URLs appear only as permalink paths (see
:func:`indexer.ids.paragraph_url`).
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields

from .ids import paragraph_url


@dataclass
class Hit:
    id: str
    report: str
    year: int
    year_ad: int
    section: list[str]
    kind: str
    text: str
    url: str
    snippet: str
    score: float = 0.0
    matched: str = "text"  # where the query was found: text, lead, heading or words; "context": near a match
    lead: list[str] = field(default_factory=list)  # the numbered items of its section it sits under
    lead_marked: list[str] = field(default_factory=list)  # the same, HTML, the query's matches in <mark>
    table: dict | None = None  # a table paragraph's grid (indexer.grids.Table.to_json()); None for prose
    cells: list[dict] = field(default_factory=list)  # the table's cells the query picks out, labelled (indexer.tablehits)


@dataclass
class SearchResult:
    query: str
    total: int
    page: int
    limit: int
    hits: list[Hit]
    facets: dict[str, list[dict]]
    filters: dict[str, str | int | None] = field(default_factory=dict)
    expansions: list[str] = field(default_factory=list)
    glosses: dict[str, str] = field(default_factory=dict)  # an expansion -> the English words it translates
    notes: list[str] = field(default_factory=list)
    partial: bool = False  # no paragraph matched every term; these match some
    timed_out: bool = False
    complete: int = 0  # how many of the hits (the first ones) contain every term
    missing: int = 0  # the most terms that any listed paragraph lacks (0: all have every term)
    context: int = 0  # how many of the hits, the last ones, are only neighbours of matches
    suggestion: str | None = None  # did you mean
    nearby: list[str] = field(default_factory=list)  # nothing matched: the reports' closest words, as printed
    ignored: list[str] = field(default_factory=list)  # English words not searched
    relaxed: dict[str, list[str]] = field(default_factory=dict)  # run found nowhere -> parts searched
    broadened: dict[str, str] = field(default_factory=dict)  # compound with few matches -> its parts searched after, " "-joined
    broadened_parts: dict[str, list[str]] = field(default_factory=dict)  # the same parts as a list (any of them matches)
    dropped: list[str] = field(default_factory=list)  # terms past the first MAX_CLAUSES, not searched
    years_covered: list[int] = field(default_factory=list)  # ROC years of the reports, when a term names another year
    query_years: list[dict] = field(default_factory=list)  # year terms typed in the query, which filter: {"term", "year"}
    selected: dict[str, list] = field(default_factory=dict)  # each filter's chosen values (several: any of them)
    requested_page: int | None = None  # the page asked for, when past the last one (``page`` is then the last)

    def to_dict(self) -> dict:
        """The result as plain data, its hits as dicts. Shallow: ``asdict`` deep-copies every
        value, and a table hit's grid made that a third of an API request's time."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["hits"] = [dict(vars(hit)) for hit in self.hits]
        return out


def hit_from_fields(fields: dict, snip: str = "", score: float = 0.0) -> Hit:
    return Hit(
        id=fields["id"], report=fields["report"], year=int(fields["year"]), year_ad=int(fields["year_ad"]),
        section=list(fields["path"]), kind=fields["kind"], text=fields["text"], url=paragraph_url(fields["id"]),
        snippet=snip, score=score, lead=list(fields.get("leads") or []), table=fields.get("table"),
    )
