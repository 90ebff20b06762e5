"""Run searches against an index and return plain data.

The web layer and the CLI both call :func:`search` and render the same
:class:`SearchResult`; URLs are added here only as permalink paths, which are part of the
data's contract (see :func:`indexer.ids.paragraph_url`).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from itertools import combinations

from whoosh import query as Q
from whoosh import sorting
from whoosh.collectors import FilterCollector, TimeLimit, TimeLimitCollector
from whoosh.searching import Searcher

from . import lexicon
from .errors import QueryError
from .expand import current_glossary, expand, printed_stretches, publisher_ranks_only, publisher_terms, relax
from .fold import fold_text
from .ids import paragraph_url
from .query import (Clause, ParsedQuery, Term, clause_query, mark_years, match_query, parse_query, sequence_query,
                    split_query)
from .schema import NONE
from .snippets import highlight, match_spans, snippet
from .suggest import did_you_mean

PARTIAL_NOTE = "No paragraph contains every term; showing paragraphs that contain some of them."
MAX_LIMIT = 100
FILL = 10  # with fewer matches than this, list paragraphs lacking more terms after them
MAX_QUERY = 200
FACETS = ("year", "chapter", "section", "subsection")
ROC_OFFSET = 1911
ENUMERATOR = re.compile(r"^(?:[壹貳參叁肆伍陸柒捌玖拾一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）])\s*")


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
    notes: list[str] = field(default_factory=list)
    partial: bool = False  # no paragraph matched every term; these match some
    timed_out: bool = False
    complete: int = 0  # how many of the hits (the first ones) contain every term
    missing: int = 0  # the most terms that any listed paragraph lacks (0: all have every term)
    context: int = 0  # how many of the hits, the last ones, are only neighbours of matches
    suggestion: str | None = None  # did you mean
    ignored: list[str] = field(default_factory=list)  # English words not searched
    relaxed: dict[str, list[str]] = field(default_factory=dict)  # run found nowhere -> parts searched
    broadened: dict[str, str] = field(default_factory=dict)  # compound with few matches -> its parts searched after, " "-joined
    broadened_parts: dict[str, list[str]] = field(default_factory=dict)  # the same parts as a list (any of them matches)

    def to_dict(self) -> dict:
        return asdict(self)


def hit_from_fields(fields: dict, snip: str = "", score: float = 0.0) -> Hit:
    return Hit(
        id=fields["id"], report=fields["report"], year=int(fields["year"]), year_ad=int(fields["year_ad"]),
        section=list(fields["path"]), kind=fields["kind"], text=fields["text"], url=paragraph_url(fields["id"]),
        snippet=snip, score=score, lead=list(fields.get("leads") or []),
    )


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


def filter_query(year: int | None, section: str | None, chapter: str | None = None,
                 subsection: str | None = None) -> Q.Query | None:
    parts: list[Q.Query] = []
    if year is not None:
        parts.append(Q.Term("year", str(year)))
    if section:
        parts.append(Q.Or([Q.Term(level, section) for level in ("chapter", "section", "subsection")]))
    if chapter:
        parts.append(Q.Term("chapter", chapter))
    if subsection:
        parts.append(Q.Term("subsection", subsection))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Q.And(parts)


def _check(query: str, page: int, limit: int) -> tuple[int, int]:
    if len(query) > MAX_QUERY:
        raise QueryError(f"query is {len(query)} characters long; keep it to {MAX_QUERY} or fewer",
                         key="query_too_long", length=len(query), limit=MAX_QUERY)
    if any(ord(ch) < 32 and ch not in "\t\n\r" for ch in query):
        raise QueryError("query contains control characters; remove them and try again", key="control_characters")
    try:
        page, limit = int(page), int(limit)
    except (TypeError, ValueError):
        raise QueryError("page and limit must be whole numbers", key="not_whole_numbers") from None
    if page < 1:
        raise QueryError("page must be 1 or more", key="page_below_one")
    return page, max(1, min(limit, MAX_LIMIT))


def search(searcher: Searcher, query: str, *, year: str | int | None = None, section: str | None = None,
           page: int = 1, limit: int = 10, timelimit: float = 5.0, chapter: str | None = None,
           subsection: str | None = None) -> SearchResult:
    """Search paragraphs.

    :param query: what the user typed (see :mod:`indexer.query` for the language).
    :param year: ROC or Gregorian year, or None.
    :param section: a heading title, with or without enumerator; matches at any level.
    :param chapter: a chapter title; matches chapters only (for drilling down).
    :param subsection: a subsection title; matches subsections only.
    :param timelimit: seconds; a search that runs out returns what it found and says so.
    :raises QueryError: for unusable arguments (never for query syntax).
    """
    page, limit = _check(query, page, limit)
    roc = normalise_year(year)
    title = section_title(section)
    chapter, subsection = section_title(chapter), section_title(subsection)
    original = parse_query(query)
    dated = mark_years(original, _report_years(searcher))
    flt = filter_query(roc, title, chapter, subsection)
    # a run printed only outside the year or section asked for is relaxed as if printed nowhere
    relaxed_query, relaxed = relax(dated, current_glossary(), lambda t: _matches_any(searcher, t, within=flt),
                                   lambda t: _matches_any(searcher, t, sequence_query, flt))
    parsed, added, ignored = expand(relaxed_query, current_glossary(),
                                    lambda w: searcher.doc_frequency("words", w) > 0)
    agencies = tuple(a.decode("utf-8") for a in searcher.lexicon("agency")) if "agency" in searcher.schema else ()
    parsed = publisher_ranks_only(parsed, publisher_terms(agencies))
    filters = {"year": roc, "section": title, "chapter": chapter, "subsection": subsection}
    result = SearchResult(query, 0, page, limit, [], {name: [] for name in FACETS}, filters,
                          expansions=added, ignored=ignored, relaxed=relaxed)
    where = "the paragraphs searched" if flt is not None else "the reports"
    for term, words in relaxed.items():
        result.notes.append(f"{term} is not in {where}; searched for {' '.join(words)} instead.")
    if ignored:
        result.notes.append("Not found in the reports, so not searched: " + ", ".join(ignored))
    q, unwanted = split_query(parsed)
    if q is None:
        q = Q.Every() if not query.strip() else Q.NullQuery
    wanted = page * limit
    ranked, total, counts = _collect(searcher, q, flt, unwanted, wanted, timelimit, result)
    result.complete = total
    required, graded, soft = _clause_roles(parsed)
    seen = q

    def then(level: Q.Query) -> int:
        """List, after those so far, the paragraphs ``level`` matches that are not listed
        yet (every listed paragraph also matches ``required``); how many there are."""
        nonlocal seen, ranked, total, counts
        level = Q.And(required + [level]) if required else level
        skip = Q.Or([seen, unwanted]) if unwanted is not None else seen
        more, extra, extra_counts = _collect(searcher, level, flt, skip,
                                             max(0, wanted - len(ranked)), timelimit, result)
        seen = Q.Or([seen, level])
        ranked, total = ranked + more, total + extra
        counts = {name: counts.get(name, Counter()) + extra_counts.get(name, Counter()) for name in FACETS}
        return extra

    for need in range(len(graded) - 1, 0, -1):
        # After the paragraphs with every term: those with all but one, ranked below; when
        # that makes fewer than FILL (or none has every term), all but two, and so on.
        level = _at_least(graded, need)
        if then(Q.AndMaybe(level, Q.Or(soft)) if soft else level):
            result.missing = len(graded) - need
        if result.complete and total >= FILL:
            break
    # Few matches for a compound (就業歧視申訴): the paragraphs with any of its specific
    # parts (就業歧視, 申訴) follow.
    if 0 < total < FILL and not any(t.exact for t in parsed.positive) and not result.timed_out:
        cut_query, cut = _parts_query(parsed, searcher)
        if cut_query is not None and then(cut_query):
            result.broadened_parts = cut
            result.broadened = {term: " ".join(parts) for term, parts in cut.items()}
    # Few matches and nothing quoted: the paragraphs around them in their sections follow,
    # marked, so a figure or a name comes with what the report says next to it.
    if 0 < total < FILL and not any(t.exact for t in parsed.positive) and not result.timed_out:
        near, near_counts = _neighbours(searcher, seen, flt, unwanted, FILL - total)
        if len(ranked) == total:
            ranked = ranked + near
        counts = {name: counts.get(name, Counter()) + near_counts[name] for name in FACETS}
        total += len(near)
        result.context = len(near)
    result.partial = result.complete == 0 and total > 0
    if result.context:
        result.notes.append(f"Few paragraphs match, so {result.context} from the same sections follow them.")
    if result.partial:
        result.notes.append(PARTIAL_NOTE)
    elif result.broadened:
        terms, heads = " ".join(result.broadened), " ".join(map(" or ".join, result.broadened_parts.values()))
        result.notes.append(f"{result.complete} paragraphs contain {terms}; the ones after them contain {heads}.")
    elif total - result.context > result.complete:
        rest = "all but one" if result.missing == 1 else "only some of them"
        result.notes.append(f"{result.complete} paragraphs contain every term; the ones after them contain {rest}.")
    result.total = total
    result.facets = {name: _facet_values(counts.get(name, Counter())) for name in FACETS}
    result.hits = ranked[(page - 1) * limit : wanted]
    if (result.total == 0 or relaxed) and original.clauses:
        result.suggestion = did_you_mean(searcher, original, current_glossary())
    needles = [t.text for t in parsed.positive]
    for hit in result.hits:
        hit.snippet = str(snippet(hit.text, needles, hit.kind))
        hit.lead_marked = [str(highlight(item, needles)) for item in hit.lead]
        if hit.matched != "context":
            hit.matched = _where_matched(hit, needles)
    return result


PART_SHARE = 0.05  # a part of a compound in more paragraphs than this share is too general (中心)


def _parts_query(parsed: ParsedQuery, searcher: Searcher) -> tuple[Q.Query | None, dict[str, list[str]]]:
    """The query with each compound term as any of its specific parts: the fewest stretches
    the reports print that make all of it up (就業歧視申訴: 就業歧視, 申訴; see
    :func:`~indexer.expand.printed_stretches`), less those printed in more than PART_SHARE
    of the paragraphs, which say little (職場性騷擾: 性騷擾 but not 職場). A compound is an
    unquoted Chinese run (see :func:`_compound`). None when no term has such parts; with
    it, each compound -> its parts."""
    clauses = [c for c in parsed.clauses if not c.negated and not c.optional]
    cut: dict[str, list[str]] = {}
    out: list[Q.Query] = []
    for clause in clauses:
        term = clause.alternatives[0]
        whole = term.text.strip()
        if len(clause.alternatives) == 1 and not term.exact and not term.year and _compound(whole):
            stretches = printed_stretches(whole, lambda t: t != whole and _matches_any(searcher, Term(t), sequence_query))
            if sum(map(len, stretches)) < len(whole):
                stretches = []  # a fragment (工輔導團, of 雄愛勞工輔導團) is not made of parts
            parts = [p for p in stretches if _count(searcher, sequence_query(Term(p))) <= PART_SHARE * searcher.doc_count()]
            if parts:
                cut[term.text] = parts
                clause = Clause(tuple(Term(p) for p in parts))
        q = clause_query(clause)
        if q is not None:
            out.append(q)
    if not cut or not out:
        return None, {}
    return (out[0] if len(out) == 1 else Q.And(out)), cut


def _count(searcher: Searcher, q: Q.Query | None) -> int:
    return sum(1 for _ in searcher.docs_for_query(q)) if q is not None else 0


CJK_RUN = re.compile(r"[\u3400-\u9fff]+")


def _compound(text: str) -> bool:
    """Whether ``text`` may be cut into parts: four Chinese characters or more, and not a
    name the reports print in 「」 or as a heading (jieba's words do not decide: it cuts
    徵才活動 into 征, 才, 活动)."""
    folded = fold_text(text)
    return len(folded) >= 4 and bool(CJK_RUN.fullmatch(folded)) and folded not in lexicon.installed()


def _clause_roles(parsed: ParsedQuery) -> tuple[list[Q.Query], list[Q.Query], list[Q.Query]]:
    """The positive clauses as Whoosh queries, by role when ranking levels of matches:
    those every listed paragraph must match (a term naming a report year, like a year
    filter), those counted (the terms), and those that only rank ("statistics")."""
    clauses = [c for c in parsed.clauses if not c.negated]
    soft: list[Clause] = []
    if any(not c.optional for c in clauses):
        soft = [c for c in clauses if c.optional]
        clauses = [c for c in clauses if not c.optional]

    def queries(chosen: list[Clause]) -> list[Q.Query]:
        return [q for q in map(clause_query, chosen) if q is not None]

    dated = [c for c in clauses if all(t.year for t in c.alternatives)]
    return queries(dated), queries([c for c in clauses if c not in dated]), queries(soft)


def _docnums(searcher: Searcher, q: Q.Query, allow: Q.Query | None, skip: Q.Query | None) -> list[int]:
    """The documents ``q`` matches within ``allow`` and outside ``skip``."""
    return list(searcher.search(q, limit=None, scored=False, filter=allow, mask=skip).docs())


def _leaf_of(pid: str) -> str:
    """The ID prefix shared by the paragraphs of one leaf section (``gxszflgj-104-3.2-``)."""
    return pid.rsplit("-", 1)[0] + "-"


def _neighbours(searcher: Searcher, matched: Q.Query, flt: Q.Query | None, unwanted: Q.Query | None,
                room: int) -> tuple[list[Hit], dict[str, Counter]]:
    """Up to ``room`` paragraphs of the leaf sections of the paragraphs ``matched`` selects,
    not themselves matched nor excluded, nearest to a match first (then in reading order)."""
    orders: dict[str, list[int]] = {}
    for fields in map(searcher.stored_fields, _docnums(searcher, matched, flt, unwanted)):
        orders.setdefault(_leaf_of(fields["id"]), []).append(fields["order"])
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    if not orders:
        return [], counts
    leaves = Q.Or([Q.Prefix("id", leaf) for leaf in orders])
    skip = Q.Or([matched, unwanted]) if unwanted is not None else matched
    near = sorted(map(searcher.stored_fields, _docnums(searcher, leaves, flt, skip)),
                  key=lambda f: (min(abs(f["order"] - o) for o in orders[_leaf_of(f["id"])]), f["order"]))
    hits = []
    for fields in near[:room]:
        hit = hit_from_fields(dict(fields))
        hit.matched = "context"
        hits.append(hit)
        for name in FACETS:
            counts[name][fields.get(name, NONE)] += 1
    return hits, counts


def _report_years(searcher: Searcher) -> dict[int, int]:
    """Gregorian -> ROC year of every report in the index."""
    roc = [int(y) for y in searcher.lexicon("year")]
    return {y + ROC_OFFSET: y for y in roc}


def _matches_any(searcher: Searcher, term, query=match_query, within: Q.Query | None = None) -> bool:
    q = query(term)
    if q is not None and within is not None:
        q = Q.And([q, within])
    return q is not None and next(iter(searcher.docs_for_query(q)), None) is not None


def _where_matched(hit: Hit, needles: list[str]) -> str:
    """Why a hit is listed: the text contains the query (``text``), a numbered item it sits
    under does (``lead``), its section heading does (``heading``), or only the query's words
    occur, apart (``words``)."""
    if match_spans(hit.text, needles):
        return "text"
    if any(match_spans(item, needles) for item in hit.lead):
        return "lead"
    if any(match_spans(title, needles) for title in hit.section):
        return "heading"
    return "words"


def _facet_values(counts: Counter) -> list[dict]:
    values = [{"value": v, "count": c} for v, c in counts.items() if v != NONE and c]
    return sorted(values, key=lambda d: (-d["count"], d["value"]))


def _at_least(queries: list[Q.Query], need: int) -> Q.Query:
    """Paragraphs matching at least ``need`` of ``queries`` (Whoosh's ``minmatch`` is not
    implemented); beyond a handful of terms, any of them."""
    if len(queries) > 6 or need <= 1:
        return Q.Or(queries)
    return Q.Or([Q.And(list(subset)) for subset in combinations(queries, need)])


def _unranked(q: Q.Query) -> bool:
    """Every paragraph (but any excluded): list them in document order."""
    return isinstance(q, Q.Every)


def _collect(searcher: Searcher, q: Q.Query, flt: Q.Query | None, skip: Q.Query | None, wanted: int,
             timelimit: float, result: SearchResult) -> tuple[list[Hit], int, dict[str, Counter]]:
    """The top ``wanted`` hits of ``q`` within ``flt`` and outside ``skip``, how many
    paragraphs match, and facet counts."""
    facets = sorting.Facets()
    for name in FACETS:
        facets.add_field(name)
    sortedby = sorting.FieldFacet("order") if _unranked(q) else None
    collector = searcher.collector(limit=max(wanted, 1), sortedby=sortedby, groupedby=facets)
    # SIGALRM only works in the main thread; the web server searches in worker threads.
    timed = TimeLimitCollector(collector, timelimit=timelimit, use_alarm=False)
    # The filter must wrap outermost: TimeLimitCollector feeds its child directly.
    outer = FilterCollector(timed, allow=flt, restrict=skip) if flt is not None or skip is not None else timed
    try:
        searcher.search_with_collector(q, outer)
    except TimeLimit:
        result.timed_out = True
    results = timed.results()
    total = results.scored_length() if result.timed_out else len(results)
    counts = {}
    if not result.timed_out:
        counts = {name: Counter({v: len(c) if isinstance(c, list) else c for v, c in results.groups(name).items()})
                  for name in FACETS}
    hits = [hit_from_fields(dict(results[i]), score=float(results.score(i) or 0.0))
            for i in range(min(wanted, results.scored_length()))]
    return hits, total, counts
