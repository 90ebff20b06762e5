"""Measure retrieval quality on the judged development set: nDCG@10 and recall@10 per kind.

Usage: .venv/bin/python bench/evaluate.py [--index DIR] [--devset bench/devset.json] [--verbose]

Without --index it builds a fresh index of corpus/ in a temporary directory, so the figures
always describe the code as it is.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.build import build_index  # noqa: E402
from indexer.load import load_corpus  # noqa: E402
from indexer.search import search  # noqa: E402
from indexer.snapshot import open_snapshot  # noqa: E402

K = 10


def dcg(gains: list[float]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg(ranked: list[str], relevant: dict[str, int], k: int = K) -> float:
    ideal = dcg(sorted(relevant.values(), reverse=True)[:k])
    return dcg([relevant.get(pid, 0) for pid in ranked[:k]]) / ideal if ideal else 0.0


def recall(ranked: list[str], relevant: dict[str, int], k: int = K) -> float:
    return len(set(ranked[:k]) & set(relevant)) / len(relevant) if relevant else 0.0


def evaluate(index_dir: Path, devset: list[dict], verbose: bool = False) -> dict[str, tuple[float, float, int]]:
    snapshot = open_snapshot(index_dir)
    per_kind: dict[str, list[tuple[float, float]]] = defaultdict(list)
    try:
        for item in devset:
            result = search(snapshot, item["query"], year=item.get("year"), limit=K, timelimit=60)
            ranked = [h.id for h in result.hits]
            scores = (ndcg(ranked, item["relevant"]), recall(ranked, item["relevant"]))
            per_kind[item["kind"]].append(scores)
            per_kind["overall"].append(scores)
            if verbose and scores[0] < 0.8:
                print(f"  {scores[0]:.2f} {scores[1]:.2f}  [{item['kind']}] {item['query']!r} year={item.get('year')}"
                      f" total={result.total} expansions={result.expansions}")
    finally:
        snapshot.close()
    return {kind: (sum(s[0] for s in v) / len(v), sum(s[1] for s in v) / len(v), len(v)) for kind, v in per_kind.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, help="use this index instead of building one")
    parser.add_argument("--devset", type=Path, default=ROOT / "bench" / "devset.json")
    parser.add_argument("--verbose", action="store_true", help="list queries scoring under 0.8")
    args = parser.parse_args()
    devset = json.loads(args.devset.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = args.index
        if index_dir is None:
            reports, _failures = load_corpus(ROOT / "corpus")
            index_dir = Path(tmp)
            build_index(reports, index_dir)
        figures = evaluate(index_dir, devset, args.verbose)
    print(f"{'kind':<18} {'queries':>7} {'nDCG@10':>8} {'recall@10':>10}")
    for kind in sorted(figures, key=lambda k: (k == "overall", k)):
        n, r, count = figures[kind]
        print(f"{kind:<18} {count:>7} {n:>8.3f} {r:>10.3f}")


if __name__ == "__main__":
    main()
