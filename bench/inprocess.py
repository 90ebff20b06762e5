"""In-process latency, run as its own process per index (a fresh interpreter, so jieba's
dictionary and the index's lexicon of one size never leak into the next):

* ``ours``: :func:`indexer.search.search` on the query mix as the web app runs it, on the
  engine's per-generation snapshot (``indexer.snapshot.open_snapshot``, opened once), or,
  with an engine that has none, on a searcher opened per query; no HTTP, no JSON.
* ``floor``: one Whoosh term query with the facets the engine reports (year, chapter,
  section, subsection) grouped by Whoosh (``sorting.Facets``), one searcher kept open: about
  the least a search with facets can cost on this index through Whoosh alone;
* ``column_floor`` (engines with snapshots): the same term query with its facets counted
  from the snapshot's facet columns, the way such an engine counts them.

Usage: python bench/inprocess.py --index DIR [--mix bench/mix.json] [--passes 3] [--budget S]
Prints one JSON object on stdout.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path
from typing import ContextManager

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from whoosh import query as Q  # noqa: E402
from whoosh import sorting  # noqa: E402
from whoosh.index import Index  # noqa: E402

from bench.stats import measure_passes, summary, warm_up  # noqa: E402
from indexer.search import search  # noqa: E402
from indexer.store import open_current  # noqa: E402

try:
    from indexer.snapshot import open_snapshot
except ImportError:  # an engine from before snapshots
    open_snapshot = None

FACETS = ("year", "chapter", "section", "subsection")
FLOOR_TERM = "勞工"


def open_index(index_dir: Path) -> tuple[Callable[[], ContextManager], Index, str]:
    """What each search runs on (a context manager factory), the Whoosh index, and how it
    was opened: the snapshot the web app pins per request when the engine has one."""
    if open_snapshot is not None:
        snapshot = open_snapshot(index_dir)
        return (lambda: nullcontext(snapshot)), snapshot.index, "indexer.snapshot.open_snapshot"
    ix, _meta, _path = open_current(index_dir)
    return ix.searcher, ix, "indexer.store.open_current, a searcher per query"


def run_ours(source: Callable[[], ContextManager], mix: list[dict], passes: int, warmup_budget: float,
             budget: float) -> dict:
    """Like the HTTP mix: a warm-up pass (timed apart: ``cold``, before the engine's
    per-generation memos hold the query's clauses), then whole measured passes within
    ``budget``."""
    records = [{**item, "cold_ms": None, "ms": [], "total": None, "timed_out": False} for item in mix]

    def search_once(item: dict):
        with source() as on:
            return search(on, item["q"], year=item.get("year"), section=item.get("section"))

    def once(i: int) -> None:
        record = records[i]
        t = time.perf_counter()
        result = search_once(record)
        record["ms"].append(round((time.perf_counter() - t) * 1000, 2))
        record["total"], record["timed_out"] = result.total, record["timed_out"] or result.timed_out

    def warm(i: int) -> None:
        t = time.perf_counter()
        search_once(mix[i])
        records[i]["cold_ms"] = round((time.perf_counter() - t) * 1000, 2)

    warmed = warm_up(len(mix), warmup_budget, warm)
    done = measure_passes(len(records), passes, budget, once)
    return {"warmed": warmed, "passes": done, "cold": summary(r["cold_ms"] for r in records if r["cold_ms"] is not None),
            "latency": summary(ms for r in records for ms in r["ms"]), "queries": records}


def floor_query(searcher) -> tuple[str, str]:
    """The field and indexed form of FLOOR_TERM (the index stores folded text)."""
    try:
        from indexer.fold import fold_text
        candidates = [fold_text(FLOOR_TERM), FLOOR_TERM]
    except ImportError:
        candidates = [FLOOR_TERM]
    for field in ("words", "text"):
        for term in candidates:
            if field in searcher.schema and searcher.doc_frequency(field, term):
                return field, term
    raise SystemExit(f"no field of the index holds {FLOOR_TERM!r}")


def _repeat(run: Callable[[], dict], repeat: int, budget: float) -> dict:
    """``run()`` three times to warm caches, then ``repeat`` timed times or until ``budget``
    seconds; the last answer with the latency summary."""
    times: list[float] = []
    answer = {}
    for _ in range(3):
        answer = run()
    started = time.perf_counter()
    for _ in range(repeat):
        if time.perf_counter() - started > budget:
            break
        t = time.perf_counter()
        answer = run()
        times.append((time.perf_counter() - t) * 1000)
    return {**answer, "latency": summary(times)}


def run_floor(ix: Index, repeat: int, budget: float) -> dict:
    """The term query, top 10 by score and facet counts grouped by Whoosh
    (``groupedby``), on one open searcher."""
    facets = sorting.Facets()
    for name in FACETS:
        facets.add_field(name)
    with ix.searcher() as searcher:
        field, term = floor_query(searcher)

        def run() -> dict:
            collector = searcher.collector(limit=10, groupedby=facets)
            searcher.search_with_collector(Q.Term(field, term), collector)
            results = collector.results()
            groups = {name: results.groups(name) for name in FACETS}
            return {"total": len(results), "years": len(groups["year"])}

        return {"how": "whoosh groupedby", "field": field, "term": term, **_repeat(run, repeat, budget)}


def run_column_floor(snapshot, repeat: int, budget: float) -> dict:
    """The same term query, its facets counted from the snapshot's facet columns as the
    engine counts them since it has snapshots (``Snapshot.facet_counts``)."""
    with snapshot.searcher() as searcher:
        field, term = floor_query(searcher)

        def run() -> dict:
            results = searcher.search(Q.Term(field, term), limit=10)
            counts = snapshot.facet_counts(results.docs())
            return {"total": len(results), "years": len(counts["year"])}

        return {"how": "snapshot facet columns", "field": field, "term": term, **_repeat(run, repeat, budget)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--mix", type=Path, default=ROOT / "bench" / "mix.json")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--warmup-budget", type=float, default=60.0)
    parser.add_argument("--budget", type=float, default=120.0, help="seconds for the measured passes")
    parser.add_argument("--floor-repeat", type=int, default=50)
    args = parser.parse_args()
    mix = json.loads(args.mix.read_text(encoding="utf-8"))["queries"]
    source, ix, opened_with = open_index(args.index)
    out = {"opened_with": opened_with, "floor": run_floor(ix, args.floor_repeat, budget=30.0)}
    if open_snapshot is not None:
        with source() as snapshot:
            out["column_floor"] = run_column_floor(snapshot, args.floor_repeat, budget=30.0)
    out["ours"] = run_ours(source, mix, args.passes, args.warmup_budget, args.budget)
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
