"""What the speed benchmark shows: the printed tables, the JSON files and the figures.

Pure functions turn the per-size result dicts (see :mod:`bench.speed`) into rows and
ratios; :func:`write_json` and :func:`plot` are the only I/O.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from bench.stats import percentile, ratio

TERM_COUNTS = (1, 2, 4, 6, 8)


def _fmt(value, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def by_terms(queries: list[dict]) -> dict[int, float | None]:
    """p50 latency (ms) by number of terms: one-word queries count as 1, the ``terms``
    queries by their declared count."""
    out: dict[int, float | None] = {}
    for count in TERM_COUNTS:
        ms = [m for q in queries if q.get("terms", 1 if q["kind"] == "word" else None) == count for m in q["ms"]]
        out[count] = percentile(ms, 50)
    return out


def ratios(result: dict) -> dict:
    """How far our HTTP latency is from the floors and from FTS5, at the median."""
    http = result["http"]["latency"]["p50"]
    return {
        "http_over_inprocess_floor": ratio(http, result["inprocess"]["floor"]["latency"]["p50"]),
        "http_over_column_floor": ratio(http, result["inprocess"].get("column_floor", {}).get("latency", {}).get("p50")),
        "http_over_http_floor": ratio(http, result["http_floor"]["latency"]["p50"]),
        "http_over_fts5": ratio(http, result["fts5"]["latency"]["p50"]),
        "terms8_over_terms2_http": ratio((t := by_terms(result["http"]["queries"]))[8], t[2]),
        "terms8_over_terms2_inprocess": ratio((u := by_terms(result["inprocess"]["ours"]["queries"]))[8], u[2]),
    }


TABLES = (
    ("Build and serve", (
        ("reports", lambda r: r["reports"]), ("paragraphs", lambda r: r["paragraphs"]),
        ("index s", lambda r: r["index"]["seconds"]),
        ("jieba-only s", lambda r: r["index"].get("jieba_only_s")),
        ("% of limit", lambda r: r["index"].get("share_of_limit")),
        ("jieba defaults s", lambda r: r["index"].get("jieba_default_s")),
        ("% of it", lambda r: r["index"].get("share_of_default")), ("peak MB", lambda r: r["index"]["peak_mb"]),
        ("+1 report s", lambda r: r["index"].get("add_one", {}).get("seconds")),
        ("index MB", lambda r: r["index"]["index_mb"]), ("1st answer s", lambda r: r["serve"]["seconds"]),
        ("server MB", lambda r: r["serve"]["rss_mb"]),
    )),
    ("Latency, ms (HTTP: sequential GET /api/search; in-process: indexer.search.search;"
     " cold: the warm-up pass, each query's first time)", (
        ("reports", lambda r: r["reports"]),
        ("HTTP cold p50", lambda r: r["http"].get("cold", {}).get("p50")),
        ("cold max", lambda r: r["http"].get("cold", {}).get("max")),
        ("HTTP p50", lambda r: r["http"]["latency"]["p50"]), ("p95", lambda r: r["http"]["latency"]["p95"]),
        ("p99", lambda r: r["http"]["latency"]["p99"]), ("max", lambda r: r["http"]["latency"]["max"]),
        ("n", lambda r: r["http"]["latency"]["n"]),
        ("in-proc cold p50", lambda r: r["inprocess"]["ours"].get("cold", {}).get("p50")),
        ("in-proc p50", lambda r: r["inprocess"]["ours"]["latency"]["p50"]),
        ("floor p50", lambda r: r["inprocess"]["floor"]["latency"]["p50"]),
        ("column floor p50", lambda r: r["inprocess"].get("column_floor", {}).get("latency", {}).get("p50")),
        ("HTTP floor p50", lambda r: r["http_floor"]["latency"]["p50"]),
        ("FTS5 p50", lambda r: r["fts5"]["latency"]["p50"]), ("FTS5 p95", lambda r: r["fts5"]["latency"]["p95"]),
    )),
    ("Ratios of HTTP p50", (
        ("reports", lambda r: r["reports"]),
        ("/floor", lambda r: r["ratios"]["http_over_inprocess_floor"]),
        ("/column floor", lambda r: r["ratios"]["http_over_column_floor"]),
        ("/HTTP floor", lambda r: r["ratios"]["http_over_http_floor"]),
        ("/FTS5", lambda r: r["ratios"]["http_over_fts5"]),
        ("8 terms/2 HTTP", lambda r: r["ratios"]["terms8_over_terms2_http"]),
        ("8 terms/2 in-proc", lambda r: r["ratios"]["terms8_over_terms2_inprocess"]),
    )),
    ("Throughput (client process, threads, keep-alive)", tuple(
        item for c in (1, 8, 32) for item in (
            (f"c={c} req/s", lambda r, c=c: _level(r, c).get("rps")),
            ("p50", lambda r, c=c: _level(r, c).get("latency", {}).get("p50")),
            ("p95", lambda r, c=c: _level(r, c).get("latency", {}).get("p95")),
            ("err", lambda r, c=c: _level(r, c).get("errors")),
            ("t/o", lambda r, c=c: _level(r, c).get("timeouts")),
        )
    )),
)


def _level(result: dict, concurrency: int) -> dict:
    return next((lvl for lvl in result["throughput"] if lvl["concurrency"] == concurrency), {})


def tables(results: Sequence[dict]) -> str:
    """The printed report: one row per size in each table."""
    blocks = []
    for title, columns in TABLES:
        rows = [[name for name, _ in columns]] + [[_fmt(get(r)) for _, get in columns] for r in results]
        widths = [max(len(row[i]) for row in rows) for i in range(len(columns))]
        lines = ["  ".join(cell.rjust(w) for cell, w in zip(row, widths)) for row in rows]
        blocks.append("\n".join([title, lines[0], "  ".join("-" * w for w in widths), *lines[1:]]))
    return "\n\n".join(blocks)


def notes(result: dict) -> list[str]:
    """Queries worth a look: no result, timed out, errors; phases cut by their budget."""
    out = []
    for side, records in (("HTTP", result["http"]["queries"]), ("in-process", result["inprocess"]["ours"]["queries"])):
        for q in records:
            label = f"{q['q']!r}" + "".join(f" {k}={q[k]}" for k in ("year", "section") if q.get(k))
            if q.get("errors"):
                out.append(f"{side}: {label}: {q['errors']} errors ({q.get('error')})")
            if q.get("timed_out"):
                out.append(f"{side}: {label}: timed_out (max {max(q['ms']):.0f} ms)")
            if q.get("total") == 0:
                out.append(f"{side}: {label}: 0 results")
    for name, phase in (("HTTP", result["http"]), ("in-process", result["inprocess"]["ours"])):
        if phase["passes"] < result["settings"]["passes"]:
            out.append(f"{name}: {phase['passes']} of {result['settings']['passes']} measured passes within the budget")
    if not result["serve"]["options"]:
        out.append("serve has no --time-limit option: searches ran with the app's own time limit")
    zero = [q["q"] for q in result["fts5"]["queries"] if q.get("total") == 0]
    if zero:
        out.append(f"FTS5: 0 results for {', '.join(zero)} (no folding or glossary)")
    return out


def write_json(result: dict, out: Path) -> Path:
    path = out / f"{result['size']}.json"
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def plot(results: Sequence[dict], out: Path) -> list[Path]:
    """latency.png (p50/p95 against paragraphs, log-log: ours, FTS5, floors) and terms.png
    (p50 against the number of query terms, one line per size)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    results = sorted(results, key=lambda r: r["paragraphs"])
    xs = [r["paragraphs"] for r in results]
    series = (
        ("ours, HTTP", lambda r: r["http"]["latency"], "C0"),
        ("ours, HTTP, first time (cold)", lambda r: r["http"].get("cold") or r["http"]["latency"], "C5"),
        ("ours, in-process", lambda r: r["inprocess"]["ours"]["latency"], "C1"),
        ("SQLite FTS5 trigram", lambda r: r["fts5"]["latency"], "C2"),
        ("one-term query (one word), HTTP", lambda r: r["http_floor"]["latency"], "C3"),
        ("floor: one term + facets, in-process", lambda r: r["inprocess"]["floor"]["latency"], "C4"),
        ("floor: one term + column facets, in-process",
         lambda r: r["inprocess"].get("column_floor", {}).get("latency") or {"p50": None, "p95": None}, "C6"),
    )
    fig, ax = plt.subplots(figsize=(10, 5.5))
    for label, get, colour in series:
        ax.plot(xs, [get(r)["p50"] for r in results], "o-", color=colour, label=f"{label} p50")
        ax.plot(xs, [get(r)["p95"] for r in results], "^--", color=colour, alpha=0.6, label=f"{label} p95")
    ax.set(xscale="log", yscale="log", xlabel="paragraphs indexed", ylabel="latency per query (ms)",
           title="Query latency against corpus size (bench/speed.py)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    paths = [out / "latency.png", out / "terms.png"]
    fig.savefig(paths[0], dpi=90)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(7, 4.5))
    for k, r in enumerate(results):
        for side, queries, style in (("HTTP", r["http"]["queries"], "o-"),
                                     ("in-process", r["inprocess"]["ours"]["queries"], "s--")):
            counts = by_terms(queries)
            ax.plot(list(counts), list(counts.values()), style, color=f"C{k}",
                    label=f"{r['reports']} reports, {side}")
    ax.set(yscale="log", xlabel="terms in the query", ylabel="p50 latency (ms)", xticks=list(TERM_COUNTS),
           title="Latency by number of query terms")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(paths[1], dpi=90)
    plt.close(fig)
    return paths
