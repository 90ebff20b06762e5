"""The speed benchmark, as users run the engine: build, serve, query over HTTP, under load.

Usage: .venv/bin/python bench/speed.py [--sizes 2,20,100] [--out bench/results] [--reuse]
       .venv/bin/python bench/speed.py --report-only [--sizes ...]   (tables and figures again)

For each size N (reports) it generates a corpus from the two real reports (see
:mod:`bench.corpora`), builds it with ``reportsearch index``, serves it with ``reportsearch
serve`` and measures: build time, peak memory and index size; time to the first answer;
the latency of the query mix (bench/mix.json) over HTTP and in-process; throughput at
concurrency 1, 8 and 32 from a client process; the same mix in SQLite FTS5; and two floors
(one term query with facets, in-process and over HTTP). It prints tables, writes
``<out>/<N>.json`` (every figure, the machine, the commit) and ``latency.png`` and
``terms.png``. 1,000 reports (``--sizes 2,20,100,1000``) takes long, so it is not a default.

Not a test: timings depend on the machine and on what else runs on it (the JSON records
the load average). Every phase is bounded in time, so a slow engine makes fewer samples,
not a run that never ends. Only 127.0.0.1 is ever contacted.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import corpora, fts, procs, report  # noqa: E402

MIX = ROOT / "bench" / "mix.json"
FLOOR_PASSES = 20  # of the one-term query over HTTP
STAMP = "BENCH_STAMP"  # in a reusable index: what it was built from


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2,20,100",
                        help="corpus sizes in reports, comma-separated [default: 2,20,100; 1000 takes long]")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results",
                        help="results directory; corpora, indexes and logs go in its subdirectories")
    parser.add_argument("--reuse", action="store_true",
                        help="keep an index built from the same generated corpus by the same indexer code")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated figures")
    parser.add_argument("--passes", type=int, default=3, help="measured passes over the mix [default: 3]")
    parser.add_argument("--budget", type=float, default=120.0,
                        help="seconds for the measured passes of each side (the first pass always completes)")
    parser.add_argument("--warmup-budget", type=float, default=30.0, help="seconds for each warm-up pass")
    parser.add_argument("--load-seconds", type=float, default=10.0, help="duration of each concurrency level")
    parser.add_argument("--concurrency", default="1,8,32", help="throughput levels [default: 1,8,32]")
    parser.add_argument("--timeout", type=float, default=10.0, help="client time-out under load, seconds")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing: print the tables and redraw the figures from <out>/<size>.json")
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.concurrency = [int(c) for c in args.concurrency.split(",") if c.strip()]
    return args


def prepare(size: int, args: argparse.Namespace, dirs: dict[str, Path]) -> tuple[Path, dict]:
    """Generate the corpus and build (or, with --reuse, keep) its index."""
    generated = corpora.generate_corpus(corpora.read_sources(ROOT / "corpus"), size, args.seed)
    corpus_dir, index_dir = dirs["corpora"] / str(size), dirs["indexes"] / str(size)
    corpora.write_corpus(generated, corpus_dir)
    stamp = f"{corpora.fingerprint(generated)} {procs.indexer_state()}"
    if args.reuse and (index_dir / STAMP).exists() and (index_dir / STAMP).read_text().strip() == stamp:
        build = {"reused": True, "seconds": None, "peak_mb": None, "index_mb": round(procs.dir_mb(index_dir), 2)}
        return index_dir, {"index": build, "fingerprint": stamp.split()[0]}
    shutil.rmtree(index_dir, ignore_errors=True)
    built = procs.build_index(corpus_dir, index_dir, dirs["logs"] / f"{size}-index.log")
    if built.returncode:
        raise RuntimeError(f"reportsearch index failed ({built.returncode}); see {dirs['logs']}/{size}-index.log")
    (index_dir / STAMP).write_text(stamp + "\n")
    limit, default = jieba_only(corpus_dir), jieba_only(corpus_dir, hmm=True)
    build = {"reused": False, "seconds": built.seconds, "peak_mb": built.peak_mb, "index_mb": built.index_mb,
             "output": built.output, "jieba_only_s": limit,
             "share_of_limit": round(100 * limit / built.seconds) if built.seconds else None,
             "jieba_default_s": default,
             "share_of_default": round(100 * default / built.seconds) if built.seconds else None,
             "add_one": add_one(size, args, dirs, index_dir)}
    return index_dir, {"index": build, "fingerprint": stamp.split()[0]}


def add_one(size: int, args: argparse.Namespace, dirs: dict[str, Path], index_dir: Path) -> dict:
    """Adding one report to the index of ``size``: the corpus of ``size + 1`` generated
    reports indexed over a copy of the full build (``reportsearch index`` keeps the reports
    it already holds and analyses the new one); the copy is removed after."""
    generated = corpora.generate_corpus(corpora.read_sources(ROOT / "corpus"), size + 1, args.seed)
    corpus_dir, copy = dirs["corpora"] / f"{size}+1", dirs["indexes"] / f"{size}+1"
    corpora.write_corpus(generated, corpus_dir)
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(index_dir, copy, symlinks=True)
    built = procs.build_index(corpus_dir, copy, dirs["logs"] / f"{size}+1-index.log")
    log = (dirs["logs"] / f"{size}+1-index.log").read_text(encoding="utf-8")
    shutil.rmtree(copy, ignore_errors=True)
    if built.returncode:
        raise RuntimeError(f"adding a report failed ({built.returncode}); see {dirs['logs']}/{size}+1-index.log")
    return {"seconds": built.seconds, "peak_mb": built.peak_mb, "incremental": "kept" in log}


def jieba_only(corpus_dir: Path, hmm: bool = False) -> float:
    """The build's floor: seconds to read the corpus and segment its text with jieba (its
    dictionary loaded first, as a build must), in one process, nothing else done. With its
    HMM off, as the index segments (the limit proper); ``hmm=True`` measures jieba's
    defaults (the indexing issue's 21.5 s limit is nearer this one)."""
    import jieba

    started = time.perf_counter()
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for path in sorted(corpus_dir.glob("*.txt")):
        for _word in tokenizer.cut(path.read_text(encoding="utf-8"), HMM=hmm):
            pass
    return round(time.perf_counter() - started, 2)


def measure_http(index_dir: Path, size: int, args: argparse.Namespace, logs: Path) -> dict:
    """Serve the index and measure it from client processes; the server is always stopped."""
    out: dict = {}
    budget = args.warmup_budget + args.budget + 120
    with procs.serving(index_dir, logs / f"{size}-serve.log") as server:
        out["serve"] = {k: server[k] for k in ("seconds", "options")}
        port = str(server["port"])
        common = ["--port", port, "--budget", str(args.budget), "--warmup-budget", str(args.warmup_budget),
                  "--timeout", "120"]  # sequential: generous, a slow query is measured, not cut
        out["http"] = procs.run_json(["bench/http_load.py", "mix", "--mix", str(MIX), "--passes", str(args.passes),
                                      *common], budget + 600)
        out["http_floor"] = procs.run_json(["bench/http_load.py", "mix", "--query", "勞工", "--passes",
                                            str(FLOOR_PASSES), *common], budget + 600)
        out["throughput"] = []
        for level in args.concurrency:
            out["throughput"].append(procs.run_json(
                ["bench/http_load.py", "load", "--port", port, "--mix", str(MIX), "--concurrency", str(level),
                 "--seconds", str(args.load_seconds), "--timeout", str(args.timeout)],
                args.load_seconds + args.timeout + 120))
        out["serve"]["rss_mb"] = procs.rss_mb(server["pid"])
    return out


def measure_fts(index_dir: Path, args: argparse.Namespace) -> tuple[int, dict]:
    """The index's paragraphs (exported) in SQLite FTS5, and the mix on them: how many
    paragraphs, and the figures."""
    mix = json.loads(MIX.read_text(encoding="utf-8"))["queries"]
    records = procs.export(index_dir)
    started = time.perf_counter()
    db = fts.load(records)
    loaded = time.perf_counter() - started
    try:
        return len(records), {"load_s": round(loaded, 2), **fts.run_mix(db, mix, args.passes, args.budget)}
    finally:
        db.close()


def run_size(size: int, args: argparse.Namespace, dirs: dict[str, Path]) -> dict:
    """Every figure of one corpus size, as one dict (written as ``<size>.json``)."""
    started = time.perf_counter()
    result: dict = {"size": size, "reports": size, "machine": procs.machine(),
                    "settings": {k: getattr(args, k) for k in ("passes", "budget", "warmup_budget", "load_seconds",
                                                               "concurrency", "timeout", "seed")}}
    print(f"\n== {size} reports: generating and indexing", flush=True)
    index_dir, prepared = prepare(size, args, dirs)
    result.update(prepared)
    print(f"   index {result['index']}", flush=True)
    print("   serving and measuring over HTTP", flush=True)
    result.update(measure_http(index_dir, size, args, dirs["logs"]))
    print("   in-process and floor", flush=True)
    result["inprocess"] = procs.run_json(
        ["bench/inprocess.py", "--index", str(index_dir), "--mix", str(MIX), "--passes", str(args.passes),
         "--budget", str(args.budget), "--warmup-budget", str(args.warmup_budget)],
        args.warmup_budget + args.budget + 600)
    print("   SQLite FTS5", flush=True)
    result["paragraphs"], result["fts5"] = measure_fts(index_dir, args)
    result["ratios"] = report.ratios(result)
    result["seconds"] = round(time.perf_counter() - started, 1)
    result["machine"]["load_average_after"] = procs.machine()["load_average"]
    print(f"   done in {result['seconds']} s", flush=True)
    return result


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    dirs = {name: args.out / name for name in ("corpora", "indexes", "logs")}
    for path in (args.out, *dirs.values()):
        path.mkdir(parents=True, exist_ok=True)
    results = []
    for size in args.sizes:
        if args.report_only:
            results.append(json.loads((args.out / f"{size}.json").read_text(encoding="utf-8")))
            continue
        result = run_size(size, args, dirs)
        print(f"   wrote {report.write_json(result, args.out)}", flush=True)
        results.append(result)
    print()
    print(report.tables(results))
    for result in results:
        for note in report.notes(result):
            print(f"note ({result['reports']} reports): {note}")
    for path in report.plot(results, args.out):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
