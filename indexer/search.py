"""Run searches against an index and return plain data: the stages, in order.

The web layer and the CLI both call :func:`search` and render the same
:class:`~indexer.results.SearchResult`. The stages are syntax (:mod:`indexer.syntax`),
rewrite (:mod:`indexer.expand`) with index probes (:mod:`indexer.probe`), compile
(:mod:`indexer.query`), execute (:mod:`indexer.execute`), levels (:mod:`indexer.levels`)
and the result, assembled here.
"""
from __future__ import annotations

import re
from weakref import WeakKeyDictionary

import numpy as np
from whoosh import query as Q
from whoosh.searching import Searcher

from . import lexicon
from .deadline import Deadline
from .errors import QueryError
from .execute import Executor
from .expand import (current_glossary, expand, glosses, printed_stretches, publisher_domain, publisher_ranks_only,
                     publisher_terms, relax)
from .filters import Filters, facet_counts, normalise_year, section_title  # noqa: F401 (re-exported)
from .fold import fold_text
from .levels import FILL, Levels, neighbours
from .probe import Probe
from .query import clause_query, roles
from .results import Hit, SearchResult, hit_from_fields  # noqa: F401 (part of this module's interface)
from .snapshot import FACETS, ROC_OFFSET, Snapshot  # noqa: F401 (ROC_OFFSET re-exported)
from .syntax import MAX_CLAUSES, Clause, ParsedQuery, Term, mark_years, parse_query, truncate, year_terms
from .schema import NONE
from .snippets import highlight, match_spans, snippet
from .tablehits import cells_snippet, hit_cells
from .suggest import covered_note, did_you_mean, nearby_words

PARTIAL_NOTE = "No paragraph contains every term; showing paragraphs that contain some of them."
TIMED_OUT_NOTE = ("The search ran out of time; the results shown are what was found before it did. "
                  "搜尋逾時，以下僅為逾時前找到的結果。")
MAX_LIMIT = 100
MAX_QUERY = 200
MAX_EXPORT = 10_000  # paragraphs an export of every result lists at most
SORTS = ("relevance", "year", "report")  # best first; newest year first; in report order
Choice = str | int | list | tuple | None  # one filter value, or several


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


def search(source: Snapshot | Searcher, query: str, *, year: Choice = None, section: Choice = None,
           page: int = 1, limit: int = 10, timelimit: float | None = None, chapter: Choice = None,
           subsection: Choice = None, deadline: Deadline | None = None,
           sort: str = "relevance", export: bool = False) -> SearchResult:
    """Search paragraphs.

    :param source: the index generation to search (a :class:`~indexer.snapshot.Snapshot`,
        or a Whoosh searcher, wrapped in one for this call).
    :param query: what the user typed (see :mod:`indexer.syntax` for the language).
    :param year: ROC or Gregorian year, or None.
    :param section: a heading title, with or without enumerator; matches at any level.
    :param chapter: a chapter title; matches chapters only (for drilling down).
    :param subsection: a subsection title; matches subsections only.
        Each filter takes one value or several (a list): several are alternatives, and
        the facet of such a filter counts its other values as if it were lifted (see
        :mod:`indexer.filters`).
    :param timelimit: seconds for the whole search, every stage included (default
        ``$REPORTSEARCH_TIME_LIMIT`` or 1 s); a search that runs out returns what it found
        and says so (``timed_out``).
    :param deadline: the deadline itself, instead of ``timelimit`` (its clock starts when
        it is made).
    :param sort: ``relevance`` (the levels of matches, best first), ``year`` (newest year
        first, then in report order) or ``report`` (in report order); neighbours of few
        matches always come last.
    :param export: every result on one page (at most :data:`MAX_EXPORT`; ``page`` and
        ``limit`` are ignored), without snippets: for downloads. ``total`` still counts
        them all, and hits stop early, with ``timed_out``, when the deadline passes.
    :raises QueryError: for unusable arguments (never for query syntax).
    """
    page, limit = _check(query, page, limit)
    if export:
        page, limit = 1, MAX_EXPORT
    if sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {str(sort)[:40]!r}", key="bad_sort")
    deadline = deadline or Deadline(timelimit)
    filters = Filters.of(year, section, chapter, subsection)
    snapshot = source if isinstance(source, Snapshot) else _snapshot_of(source)
    with lexicon.using(snapshot.segmenter), snapshot.searcher() as searcher:
        return _search(snapshot, searcher, deadline, query, filters, page, limit, sort, export)


_WRAPPED: WeakKeyDictionary = WeakKeyDictionary()  # caller's searcher -> its snapshot


def _snapshot_of(searcher: Searcher) -> Snapshot:
    if searcher not in _WRAPPED:
        _WRAPPED[searcher] = Snapshot.of_searcher(searcher)
    return _WRAPPED[searcher]


def _search(snapshot: Snapshot, searcher: Searcher, deadline: Deadline, query: str, filters: Filters,
            page: int, limit: int, sort: str = "relevance", export: bool = False) -> SearchResult:
    """The stages: syntax, rewrite (with index probes), compile, execute, levels, hits."""
    original, dropped = truncate(parse_query(query))
    dated = mark_years(original, snapshot.years)
    allowed = filters.mask(snapshot)
    executor = Executor(searcher, deadline, snapshot)
    probe = Probe(snapshot, searcher, deadline, allowed, filters.key, executor)
    glossary = current_glossary()
    # a run printed only outside the year or section asked for is relaxed as if printed nowhere
    relaxed_query, relaxed = relax(dated, glossary, probe.found, probe.printed)
    parsed, added, ignored = expand(relaxed_query, glossary, probe.known_word, publisher_domain(snapshot.agencies))
    parsed = publisher_ranks_only(parsed, publisher_terms(snapshot.agencies))
    result = SearchResult(query, 0, page, limit, [], {name: [] for name in FACETS}, filters.shown(),
                          expansions=added, ignored=ignored, relaxed=relaxed, dropped=dropped,
                          selected=filters.selected(),
                          query_years=[{"term": t.text, "year": t.year} for t in year_terms(dated)],
                          glosses=glosses(parsed, added))
    where = "the paragraphs searched" if allowed is not None else "the reports"
    for term, words in relaxed.items():
        result.notes.append(f"{term} is not in {where}; searched for {' '.join(words)} instead.")
    if ignored:
        result.notes.append("Not found in the reports, so not searched: " + ", ".join(ignored))
    if dropped:
        result.notes.append(f"Only the first {MAX_CLAUSES} terms were searched; not searched: " + " ".join(dropped))
    uncovered = [y for y in filters.year if y not in snapshot.years.values()]
    if uncovered:  # year=2019: say which years there are rather than finding nothing silently
        result.years_covered = sorted(snapshot.years.values())
        result.notes.append(covered_note(snapshot.years, ", ".join(str(y + ROC_OFFSET) for y in uncovered)))
    wanted = page * limit
    levels = Levels(snapshot, executor, roles(parsed, query), allowed, wanted)
    ranking = levels.rank()
    result.complete, result.missing = ranking.complete, ranking.missing
    quoted = any(t.exact for t in parsed.positive)
    # Few matches for a compound (就業歧視申訴): the paragraphs with any of its specific
    # parts (就業歧視, 申訴) follow.
    if 0 < ranking.total < FILL and not quoted and not deadline.expired():
        cut_queries, cut = _parts_queries(parsed, probe)
        if cut_queries and levels.then_all(cut_queries):
            result.broadened_parts = cut
            result.broadened = {term: " ".join(parts) for term, parts in cut.items()}
    counted = ranking.total
    # Few matches and nothing quoted: the paragraphs around them in their sections follow,
    # marked, so a figure or a name comes with what the report says next to it.
    near: list[int] = []
    if 0 < counted < FILL and not quoted and not deadline.expired():
        near = neighbours(snapshot, searcher, ranking.listed, allowed, levels.unwanted, FILL - counted, deadline)
        result.context = len(near)
    ranked = ranking.ranked if sort == "relevance" else _sorted(snapshot, ranking, levels.scores, sort)[:wanted]
    if len(ranked) == counted:
        ranked = ranked + [(n, 0.0) for n in near]
    result.total = counted + len(near)
    result.partial = result.complete == 0 and result.total > 0
    _explain(result)
    # the facets count what the page says it found: matches, not the neighbours after them
    result.facets = {name: _facet_values(values)
                     for name, values in facet_counts(snapshot, filters, ranking.listed, levels.listed_within).items()}
    needles = [t.text for t in parsed.positive]
    context = set(near)
    last = max(1, -(-result.total // limit))
    if page > last:  # past the end: the last page, and the page asked for
        result.requested_page, result.page = page, last
        page = last
    for i, (n, score) in enumerate(ranked[(page - 1) * limit : page * limit]):
        if export and i % 256 == 255 and deadline.expired():
            break
        hit = hit_from_fields(dict(searcher.stored_fields(n)), score=float(score))
        if not export:  # a table's cells are labelled for the hits of this page only
            hit.cells = hit_cells(hit.table, needles) if hit.kind == "table" else []
            hit.snippet = str(cells_snippet(hit.cells) if hit.cells else snippet(hit.text, needles, hit.kind))
            hit.lead_marked = [str(highlight(item, needles)) for item in hit.lead]
        hit.matched = "context" if n in context else _where_matched(hit, needles)
        result.hits.append(hit)
    if (result.total == 0 or relaxed) and original.clauses and not deadline.expired():
        result.suggestion, covered = did_you_mean(snapshot, probe, original, glossary)
        if result.total == 0 and not result.suggestion:
            result.nearby = nearby_words(snapshot, probe, original, glossary)
        if covered:
            result.notes.append(covered)
            result.years_covered = sorted(snapshot.years.values())
    result.timed_out = deadline.hit
    if result.timed_out:
        result.notes.append(TIMED_OUT_NOTE)
    return result


def _sorted(snapshot: Snapshot, ranking, scores, sort: str) -> list[tuple[int, float]]:
    """Every listed document in year order (newest first) or report order."""
    docs = np.flatnonzero(ranking.listed)
    order = snapshot.order[docs]
    keys = (order,) if sort == "report" else (order, -snapshot.year_numbers[docs])
    docs = docs[np.lexsort(keys)]
    values = scores[docs] if scores is not None else np.zeros(len(docs))
    return list(zip(docs.tolist(), values.tolist()))


def _explain(result: SearchResult) -> None:
    """The notes that say how the hits relate to the query."""
    if result.context:
        result.notes.append(f"Few paragraphs match, so {result.context} from the same sections follow them.")
    if result.partial:
        result.notes.append(PARTIAL_NOTE)
    elif result.broadened:
        terms, heads = " ".join(result.broadened), " ".join(map(" or ".join, result.broadened_parts.values()))
        result.notes.append(f"{result.complete} paragraphs contain {terms}; the ones after them contain {heads}.")
    elif result.total - result.context > result.complete:
        rest = "all but one" if result.missing == 1 else "only some of them"
        result.notes.append(f"{result.complete} paragraphs contain every term; the ones after them contain {rest}.")


PART_SHARE = 0.05  # a part of a compound in more paragraphs than this share is too general (中心)


def _parts_queries(parsed: ParsedQuery, probe: Probe) -> tuple[list[Q.Query], dict[str, list[str]]]:
    """The query's clauses with each compound term as any of its specific parts: the fewest
    stretches the reports print that make all of it up (就業歧視申訴: 就業歧視, 申訴; see
    :func:`~indexer.expand.printed_stretches`), less those printed in more than PART_SHARE
    of the paragraphs, which say little (職場性騷擾: 性騷擾 but not 職場). A compound is an
    unquoted Chinese run (see :func:`_compound`). Empty when no term has such parts; with
    them, each compound -> its parts."""
    clauses = [c for c in parsed.clauses if not c.negated and not c.optional]
    cut: dict[str, list[str]] = {}
    out: list[Q.Query] = []
    share = PART_SHARE * probe.snapshot.doc_count
    for clause in clauses:
        term = clause.alternatives[0]
        whole = term.text.strip()
        if len(clause.alternatives) == 1 and not term.exact and not term.year and _compound(whole):
            stretches = printed_stretches(whole, lambda t: t != whole and probe.printed(Term(t), within=False))
            if sum(map(len, stretches)) < len(whole):
                stretches = []  # a fragment (工輔導團, of 雄愛勞工輔導團) is not made of parts
            parts = [p for p in stretches if probe.count(Term(p)) <= share]
            if parts:
                cut[term.text] = parts
                clause = Clause(tuple(Term(p) for p in parts))
        q = clause_query(clause)
        if q is not None:
            out.append(q)
    if not cut or not out:
        return [], {}
    return out, cut


CJK_RUN = re.compile(r"[\u3400-\u9fff]+")


def _compound(text: str) -> bool:
    """Whether ``text`` may be cut into parts: four Chinese characters or more, and not a
    name the reports print in 「」 or as a heading (jieba's words do not decide: it cuts
    徵才活動 into 征, 才, 活动)."""
    folded = fold_text(text)
    return len(folded) >= 4 and bool(CJK_RUN.fullmatch(folded)) and folded not in lexicon.installed()


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


def _facet_values(counts: dict[str, int]) -> list[dict]:
    values = [{"value": v, "count": c} for v, c in counts.items() if v != NONE and c]
    return sorted(values, key=lambda d: (-d["count"], d["value"]))


