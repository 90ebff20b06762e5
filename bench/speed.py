"""Print indexing and query speed figures (not a test: timings vary by machine).

Usage: .venv/bin/python bench/speed.py
"""
from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.build import build_index  # noqa: E402
from indexer.load import load_corpus  # noqa: E402
from indexer.search import search  # noqa: E402
from indexer.store import open_current  # noqa: E402


def main() -> None:
    started = time.perf_counter()
    reports, _ = load_corpus(ROOT / "corpus")
    parsed = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        summary = build_index(reports, Path(tmp))
        built = time.perf_counter()
        print(f"parse {parsed - started:.2f} s, index {built - parsed:.2f} s "
              f"({summary.reports} reports, {summary.paragraphs} paragraphs)")
        queries = [q["query"] for q in json.loads((ROOT / "bench" / "devset.json").read_text(encoding="utf-8"))]
        ix, _meta, _ = open_current(Path(tmp))
        with ix.searcher() as searcher:
            search(searcher, "勞工")  # warm up jieba and the glossary
            times = []
            for query in queries * 3:
                t = time.perf_counter()
                search(searcher, query)
                times.append((time.perf_counter() - t) * 1000)
        times.sort()
        print(f"{len(times)} searches: median {statistics.median(times):.1f} ms, "
              f"p95 {times[int(len(times) * 0.95)]:.1f} ms, max {times[-1]:.1f} ms")


if __name__ == "__main__":
    main()
